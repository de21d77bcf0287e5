"""engage.core.exports: a Sheet written as CSV and XLSX, formula injection defused, and the
download a route sends (safe file name, no caching)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from engage.core.exports import (
    CSV_MIMETYPE,
    XLSX_MIMETYPE,
    Share,
    Sheet,
    StreamedSheet,
    defuse,
    download,
    safe_file_name,
    stream_download,
    to_csv,
    to_xlsx,
)


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def people_sheet() -> Sheet:
    sheet = Sheet("People", ("Name", "Count", "Share", "Sent on"))
    sheet.rows.append(("Siobhán", 12, Share(0.125), date(2026, 3, 27)))
    sheet.rows.append(('=HYPERLINK("http://x.example")', None, None, None))
    return sheet


def test_csv_keeps_values_formats_shares_and_dates_and_defuses_formulas():
    assert csv_rows(to_csv(people_sheet())) == [
        ["Name", "Count", "Share", "Sent on"],
        ["Siobhán", "12", "12.5%", "2026-03-27"],
        ['\'=HYPERLINK("http://x.example")', "", "", ""],
    ]
    assert to_csv(Sheet("T", ("A",))).endswith(b"A\r\n")  # CRLF, as RFC 4180 says


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "\nx", " =1", "\u00a0@cmd", " \n\t+1"]
)
def test_defuse_quotes_anything_a_spreadsheet_would_run(text):
    assert defuse(text) == "'" + text


@pytest.mark.parametrize("value", ["plain", " plain", "a=b", "", 3, -3, 1.5, None])
def test_defuse_leaves_everything_else_alone(value):
    assert defuse(value) == value


def test_xlsx_has_a_sheet_each_with_bold_frozen_headings_and_typed_cells():
    other = Sheet("People", ("A",), [("\x00dropped control character",)])
    workbook = load_workbook(io.BytesIO(to_xlsx([people_sheet(), other])))
    assert workbook.sheetnames == ["People", "People (2)"]  # names made unique
    sheet = workbook["People"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[2]][:2] == ["Siobhán", 12]
    assert sheet["C2"].value == pytest.approx(0.125) and sheet["C2"].number_format == "0.0%"
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet["A3"].value.startswith("'=") and sheet["A3"].data_type == "s"
    assert workbook["People (2)"]["A2"].value == "dropped control character"


def test_worksheet_names_lose_characters_excel_refuses():
    workbook = load_workbook(io.BytesIO(to_xlsx([Sheet("a/b: [c]?" + "x" * 40, ("A",))])))
    (name,) = workbook.sheetnames
    assert len(name) <= 31 and not set("/:[]?*\\") & set(name)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("round-3-applications", "round-3-applications"),
        ('a"; filename="evil.exe', "a-filename-evil.exe"),
        ("../../etc/passwd", "etc-passwd"),
        ("Siobhán’s round\r\nX-Header: 1", "Siobh-n-s-round-X-Header-1"),
        ("", "export"),
        ("...", "export"),
    ],
)
def test_file_names_are_made_safe_for_the_header(name, safe):
    assert safe_file_name(name) == safe


def test_download_sends_an_attachment_nobody_caches(app):
    with app.test_request_context():
        response = download(people_sheet(), "round 3/people", "csv")
        assert response.mimetype == CSV_MIMETYPE
        assert (
            response.headers["Content-Disposition"] == 'attachment; filename="round-3-people.csv"'
        )
        assert response.headers["Cache-Control"] == "no-store"
        assert csv_rows(response.get_data())[0] == ["Name", "Count", "Share", "Sent on"]

        workbook = download([people_sheet(), Sheet("About", ("A",))], "people", "xlsx")
        assert workbook.mimetype == XLSX_MIMETYPE
        assert load_workbook(io.BytesIO(workbook.get_data())).sheetnames == ["People", "About"]


def test_download_refuses_what_it_cannot_write(app):
    with app.test_request_context():
        with pytest.raises(ValueError, match="one sheet"):
            download([people_sheet(), people_sheet()], "x", "csv")
        with pytest.raises(ValueError, match="Unknown export format"):
            download(people_sheet(), "x", "pdf")


def test_a_streamed_csv_is_sent_as_its_rows_are_made(app):
    made: list[int] = []

    def rows():
        for number in range(3000):  # about 150 KB: more than one piece
            made.append(number)
            yield (f"=cmd {number} " + "x" * 40, number, Share(0.5), date(2026, 3, 27))

    headers = ("Name", "Count", "Share", "Sent on")
    with app.test_request_context():
        response = stream_download(
            StreamedSheet("People", headers, rows()), "round 3/people", "csv"
        )
        assert response.is_streamed and made == []  # nothing read before the file is sent
        assert response.mimetype == CSV_MIMETYPE
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="round-3-people.csv"'
        )
        assert response.headers["Cache-Control"] == "no-store"
        chunks = list(response.response)
    assert len(made) == 3000 and len(chunks) > 2
    assert chunks[0] == to_csv(Sheet("People", headers))  # the BOM and headings, at once
    assert b"".join(chunks) == to_csv(Sheet("People", headers, list(rows())))
    assert csv_rows(b"".join(chunks))[1] == ["'=cmd 0 " + "x" * 40, "0", "50.0%", "2026-03-27"]


def test_a_streamed_xlsx_has_bold_frozen_headings_typed_cells_and_sized_columns(app):
    rows = iter([*people_sheet().rows, ("\x00dropped control character", None, None, None)])
    with app.test_request_context():
        response = stream_download(StreamedSheet("People: a/b", people_sheet().headers, rows),
                                   "people", "xlsx")  # fmt: skip
        assert response.mimetype == XLSX_MIMETYPE
        assert response.headers["Cache-Control"] == "no-store"
        content = b"".join(response.response)
        response.close()
    assert int(response.headers["Content-Length"]) == len(content)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["People  a b"]
    sheet = workbook.active
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    whole = load_workbook(io.BytesIO(to_xlsx([people_sheet()]))).active
    assert list(sheet.values) == [*whole.values, ("dropped control character", None, None, None)]
    assert sheet["C2"].number_format == "0.0%" and sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet["A3"].value.startswith("'=") and sheet["A3"].data_type == "s"
    # Sized to the headings and first rows: the formula's text is longer than "Name".
    assert sheet.column_dimensions["A"].width == len('\'=HYPERLINK("http://x.example")') + 2
    assert sheet.column_dimensions["B"].width == 8  # "Count", at least the narrowest


def test_stream_download_refuses_an_unknown_format(app):
    with app.test_request_context(), pytest.raises(ValueError, match="Unknown export format"):
        stream_download(StreamedSheet("People", ("A",), iter([])), "x", "pdf")
