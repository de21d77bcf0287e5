"""Spreadsheet and CSV downloads: a feature builds ``Sheet``s, this module writes them.

A new feature's export is a function that returns one ``Sheet`` (title, column headings,
rows of values), or several for a workbook, and a route that sends them:

    sheet = Sheet("Responses", ("Reference", "Sent on", "Answer"))
    sheet.rows.append((response.reference, response.sent_on, response.answer))
    return download(sheet, f"consultation-{consultation.id}-responses", "csv")

A sheet too big to hold in memory is a ``StreamedSheet`` whose rows are a generator, sent by
``stream_download``: CSV leaves row by row as the rows are made; XLSX is written row by row
(openpyxl's write-only mode) to a temporary file, then sent from it.

A value is text, a whole number, a number, a ``date``, a ``Share`` (a proportion from 0 to 1,
shown as a percentage) or None (an empty cell).

Both formats defuse formula injection: a text cell starting with =, +, -, @, tab, carriage
return or line feed, or with any spaces or line breaks before =, +, -, @ (spreadsheets skip
them and still run the formula), is prefixed with a single quote, so a spreadsheet shows it
as text instead of running it (OWASP's advice for CSV injection). CSV is UTF-8 with a
byte-order mark, so Excel reads accents and non-Latin names correctly. XLSX has a worksheet
per sheet, with a bold, frozen heading row and columns sized to their text (a streamed
sheet's to its headings and first rows).

Downloads carry ``Cache-Control: no-store`` (exports hold personal or special-category data
more often than not) and a file name made safe for the ``Content-Disposition`` header."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from typing import IO, Any

from flask import Response, request, stream_with_context
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from werkzeug.wsgi import wrap_file

CSV_MIMETYPE = "text/csv"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@")
_CONTROL_STARTS = ("\t", "\r", "\n")
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_CHUNK = 64 * 1024  # bytes a streamed download sends at a time
_SIZING_ROWS = 100  # a streamed XLSX sizes its columns to its headings and this many rows
_IN_MEMORY = 8 * 1024 * 1024  # a streamed XLSX bigger than this is kept on disk until sent


class Share(float):
    """A proportion (0 to 1): a percentage in CSV, a number formatted as one in XLSX."""


Value = str | int | float | date | None
Row = tuple[Value, ...]


@dataclass
class Sheet:
    """One table of an export: its title (the worksheet's name in XLSX), the column
    headings, and the rows, each a tuple of values in the headings' order."""

    title: str
    headers: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


@dataclass
class StreamedSheet:
    """A sheet whose rows are made while the file is written (a generator, read once), so
    that no more than a row or two is held at a time. Sent by ``stream_download``."""

    title: str
    headers: tuple[str, ...]
    rows: Iterable[Row]


def defuse(value: Value) -> Value:
    """Text a spreadsheet would run as a formula, made plain text (a leading quote)."""
    if not isinstance(value, str):
        return value
    # lstrip(): spaces, tabs, line breaks and other Unicode white space before the formula.
    if value.startswith(_CONTROL_STARTS) or value.lstrip().startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Share):
        return f"{value * 100:.1f}%"
    if isinstance(value, date):
        return value.isoformat()
    return str(defuse(value))


def csv_chunks(sheet: Sheet | StreamedSheet) -> Iterator[bytes]:
    """The CSV file in pieces of about 64 KB: the byte-order mark and headings first, at once,
    then the rows as they come."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    yield ("\ufeff" + out.getvalue()).encode()  # the BOM: what "utf-8-sig" would add
    out.seek(0)
    out.truncate()
    for row in sheet.rows:
        writer.writerow([_csv_text(value) for value in row])
        if out.tell() >= _CHUNK:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue().encode()


def to_csv(sheet: Sheet | StreamedSheet) -> bytes:
    return b"".join(csv_chunks(sheet))


def _xlsx_value(value: Value) -> Value:
    if isinstance(value, str):
        # Control characters are not allowed in the XML: drop them rather than fail.
        return ILLEGAL_CHARACTERS_RE.sub("", str(defuse(value)))
    return value


def _width(length: int) -> float:
    return min(max(length + 2, _MIN_WIDTH), _MAX_WIDTH)


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_TITLE_UNSAFE.sub(" ", title).strip()[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One worksheet per sheet: a bold header row, frozen, and columns sized to their text."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, used))
        worksheet.append(list(sheet.headers))
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
        widths = [len(header) for header in sheet.headers]
        # The row's number counted here: worksheet.max_row looks at every cell each time.
        for number, row in enumerate(sheet.rows, start=2):
            worksheet.append([_xlsx_value(value) for value in row])
            for index, value in enumerate(row):
                widths[index] = max(widths[index], len(_csv_text(value)))
                if isinstance(value, Share | date):
                    cell = worksheet.cell(row=number, column=index + 1)
                    cell.number_format = "0.0%" if isinstance(value, Share) else "yyyy-mm-dd"
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = _width(width)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_only_cell(worksheet: Any, value: Value) -> Any:
    if isinstance(value, Share | date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "0.0%" if isinstance(value, Share) else "yyyy-mm-dd"
        return cell
    return _xlsx_value(value)


def xlsx_file(sheet: StreamedSheet) -> IO[bytes]:
    """The sheet as an XLSX file, written row by row in openpyxl's write-only mode (rows are
    never all held) to a temporary file, read from the start. The caller closes it. Columns
    are sized to the headings and the first rows: write-only mode sets widths before rows."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(_sheet_title(sheet.title, set()))
    rows = iter(sheet.rows)
    first = list(islice(rows, _SIZING_ROWS))
    widths = [len(header) for header in sheet.headers]
    for row in first:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(_csv_text(value)))
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = _width(width)
    worksheet.freeze_panes = "A2"
    headings = []
    for header in sheet.headers:
        cell = WriteOnlyCell(worksheet, value=header)
        cell.font = Font(bold=True)
        headings.append(cell)
    worksheet.append(headings)
    for row in chain(first, rows):
        worksheet.append([_write_only_cell(worksheet, value) for value in row])
    out = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115 - the caller closes it
    try:
        workbook.save(out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def safe_file_name(name: str) -> str:
    """``name`` with only letters, digits, dots, hyphens and underscores (each run of anything
    else becomes one hyphen), so it cannot break out of the header or name a folder."""
    cleaned = _FILE_NAME_UNSAFE.sub("-", name).strip(".-")[:100].strip(".-")
    return cleaned or "export"


def _attachment(response: Response, name: str, extension: str) -> Response:
    filename = f"{safe_file_name(name)}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal and special-category data: never kept by a browser or proxy cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def download(sheets: Sheet | Sequence[Sheet], name: str, extension: str) -> Response:
    """The sheets as a file to download: ``extension`` "csv" (one sheet) or "xlsx" (one or
    more). ``name`` is the file name without its extension; it is made safe here."""
    if isinstance(sheets, Sheet):
        sheets = [sheets]
    if extension == "csv":
        if len(sheets) != 1:
            raise ValueError("A CSV file holds one sheet")
        content, mimetype = to_csv(sheets[0]), CSV_MIMETYPE
    elif extension == "xlsx":
        content, mimetype = to_xlsx(sheets), XLSX_MIMETYPE
    else:
        raise ValueError(f"Unknown export format: {extension!r}")
    return _attachment(Response(content, mimetype=mimetype), name, extension)


def stream_download(sheet: StreamedSheet, name: str, extension: str) -> Response:
    """``download`` for a sheet too big to hold: CSV is sent as its rows are made (the
    request stays open, so the rows' database reads still work); XLSX is written to a
    temporary file first (a zip file is only whole at its end), then sent from it."""
    if extension == "csv":
        response = Response(stream_with_context(csv_chunks(sheet)), mimetype=CSV_MIMETYPE)
    elif extension == "xlsx":
        out = xlsx_file(sheet)
        size = out.seek(0, io.SEEK_END)
        out.seek(0)
        response = Response(
            wrap_file(request.environ, out, _CHUNK),  # closes the file once sent
            mimetype=XLSX_MIMETYPE,
            direct_passthrough=True,
        )
        response.content_length = size
    else:
        raise ValueError(f"Unknown export format: {extension!r}")
    return _attachment(response, name, extension)
