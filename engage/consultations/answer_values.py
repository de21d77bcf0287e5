"""Reading one page's answers from a submitted form, checking them, and turning stored answers
back into what the form shows and into words. Shared by the residents' pages (answer/) and
the officers' entry of paper, phone and event responses (entry/), so both check answers alike.

Every answer is a JSON object (``Answer.value``), by kind of question:
short and long text, email, postcode ``{"text"}``; number ``{"number"}``; date ``{"date"}``
(ISO); single choice and agreement ``{"choice"}`` (``{"choice": OTHER, "other": typed}`` for
"Other, please say"); multiple choice ``{"choices": [...], "other"?}``; ranking
``{"ranking": [...]}``; matrix ``{"rows": {row: choice}}``; file ``{"file": {"name", "key",
"size"}}``. An unanswered question has no answer at all."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from engage.consultations import stages
from engage.consultations.stages import OTHER, QuestionKind
from engage.core.forms import has_unshowable_characters
from engage.core.resume_links import is_email_address
from engage.core.uploads import ALLOWED_EXTENSIONS_TEXT, MAX_DOCUMENT_BYTES, document_problem

Raw = dict[str, list[str]]  # field name -> what the form shows (or was sent)
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
MAX_OTHER = 500


def name_of(question: Any, part: str = "") -> str:
    """The form field (and id) of a question, or of one part of it ("other", "day", "row-2")."""
    return f"question-{question.id}" + (f"-{part}" if part else "")


@dataclass
class Upload:
    filename: str
    content: bytes


@dataclass
class PageAnswers:
    """What one page's form said: each question's answer (None: not answered), the problems
    by question (the field id to link to, and the message), the uploaded files to store,
    and what the form should show again if it has problems."""

    values: dict[int, Any] = field(default_factory=dict)
    errors: dict[int, tuple[str, str]] = field(default_factory=dict)
    uploads: dict[int, Upload] = field(default_factory=dict)
    raw: Raw = field(default_factory=dict)


def _quoted(question: Any) -> str:
    return f"\u201c{question.text}\u201d"


def _text(question: Any, typed: str, most: int) -> tuple[Any, str | None]:
    if has_unshowable_characters(typed):
        return None, (
            f"Your answer to {_quoted(question)} contained hidden control characters that we "
            "cannot store. Remove them and try again"
        )
    if len(typed) > most:
        return None, f"Your answer to {_quoted(question)} must be {most:,} characters or fewer"
    return {"text": typed}, None


def _number(question: Any, typed: str) -> tuple[Any, str | None]:
    plain = typed.replace(",", "").replace(" ", "")
    if not _NUMBER.match(plain) or len(plain) > 30:
        return None, f"Your answer to {_quoted(question)} must be a number, like 12 or 3.5"
    number = float(plain)
    if not math.isfinite(number):
        return None, f"Your answer to {_quoted(question)} must be a number, like 12 or 3.5"
    return {"number": int(number) if number.is_integer() and "." not in plain else number}, None


def normalise_postcode(typed: str) -> str | None:
    """A UK postcode in capitals with one space before its last three characters, or None."""
    plain = re.sub(r"\s+", "", typed).upper()
    if not _POSTCODE.match(plain):
        return None
    return f"{plain[:-3]} {plain[-3:]}"


def _date(question: Any, parts: list[str]) -> tuple[Any, str | None]:
    wrong = f"Your answer to {_quoted(question)} must be a real date, like 27 3 2027"
    if not all(p.isascii() and p.isdigit() for p in parts):
        return None, wrong
    day, month, year = (int(p) for p in parts)
    if not 1000 <= year <= 9999:
        return None, f"The year in your answer to {_quoted(question)} must include 4 numbers"
    try:
        return {"date": date(year, month, day).isoformat()}, None
    except ValueError:
        return None, wrong


def _choice(question: Any, form: Any, raw: Raw) -> tuple[Any, str | None]:
    name = name_of(question)
    chosen = (form.get(name) or "").strip()
    other = (form.get(name_of(question, "other")) or "").strip()
    raw[name], raw[name_of(question, "other")] = [chosen], [_kept_lines(other)]
    if not chosen:
        return None, None
    if chosen == OTHER and question.allows_other:
        problem = _other_problem(question, other)
        return (None, problem) if problem else ({"choice": OTHER, "other": other}, None)
    if chosen not in question.choices:
        return None, f"Choose one of the answers listed for {_quoted(question)}"
    return {"choice": chosen}, None


def _kept_lines(text: str) -> Markup:
    """``text`` escaped for the "Other" text box: line breaks become character references,
    so a macro that indents the HTML around the box cannot change them and the box shows
    them back unchanged."""
    return escape(text).replace("\r", Markup("&#13;")).replace("\n", Markup("&#10;"))


def _other_problem(question: Any, other: str) -> str | None:
    if not other:
        return f"Say what your other answer to {_quoted(question)} is"
    if has_unshowable_characters(other):
        return "Your other answer contained hidden control characters: remove them"
    if len(other) > MAX_OTHER:
        return f"Your other answer must be {MAX_OTHER} characters or fewer"
    return None


def _choices(question: Any, form: Any, raw: Raw) -> tuple[Any, str | None]:
    name = name_of(question)
    chosen = [value for value in form.getlist(name) if value]
    other = (form.get(name_of(question, "other")) or "").strip()
    raw[name], raw[name_of(question, "other")] = chosen, [_kept_lines(other)]
    if not chosen:
        return None, None
    allowed = set(question.choices) | ({OTHER} if question.allows_other else set())
    if any(value not in allowed for value in chosen):
        return None, f"Choose from the answers listed for {_quoted(question)}"
    value: dict[str, Any] = {"choices": [c for c in question.choices if c in chosen]}
    if OTHER in chosen:
        problem = _other_problem(question, other)
        if problem:
            return None, problem
        value["choices"].append(OTHER)
        value["other"] = other
    return value, None


def _ranking(question: Any, form: Any, raw: Raw) -> tuple[Any, str | None]:
    options = list(question.options)
    numbers = []
    for index, _option in enumerate(options, start=1):
        typed = (form.get(name_of(question, f"rank-{index}")) or "").strip()
        raw[name_of(question, f"rank-{index}")] = [typed]
        numbers.append(typed)
    if not any(numbers):
        return None, None
    wanted = {str(n) for n in range(1, len(options) + 1)}
    if set(numbers) != wanted or len(numbers) != len(wanted):
        return None, (
            f"Give each option in {_quoted(question)} a different number from 1 to {len(options)}"
        )
    order = sorted(zip((int(n) for n in numbers), options, strict=True))
    return {"ranking": [option for _number, option in order]}, None


def _matrix(question: Any, form: Any, raw: Raw) -> tuple[Any, str | None, str]:
    rows: dict[str, str] = {}
    first_missing = ""
    for index, row in enumerate(question.matrix_rows, start=1):
        name = name_of(question, f"row-{index}")
        chosen = (form.get(name) or "").strip()
        raw[name] = [chosen]
        if chosen and chosen not in question.options:
            return None, f"Choose from the answers listed for {_quoted(question)}", name
        if chosen:
            rows[row] = chosen
        elif not first_missing:
            first_missing = name
    if not rows:
        return None, None, name_of(question, "row-1")
    if question.required and first_missing:
        return None, f"Answer every row of {_quoted(question)}", first_missing
    return {"rows": rows}, None, name_of(question, "row-1")


def _file(question: Any, files: Any, existing: Any) -> tuple[Any, str | None, Upload | None]:
    sent = files.get(name_of(question)) if files else None
    if sent is None or not sent.filename:
        return existing, None, None
    content = sent.read(MAX_DOCUMENT_BYTES + 1)
    problem = document_problem(sent.filename, content)
    if problem:
        return existing, problem, None
    return existing, None, Upload(sent.filename, content)


def read_page(page: Any, form: Any, files: Any, stored: dict[int, Any]) -> PageAnswers:
    """Check one page's answers as sent (``form``: request.form, ``files``: request.files).
    ``stored``: the answers already saved, by question id (a file answer is kept when no
    new file is chosen)."""
    found = PageAnswers()
    for question in page.questions:
        kind, name = question.kind, name_of(question)
        anchor, problem, value = name, None, None
        if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT, QuestionKind.NUMBER,
                    QuestionKind.EMAIL, QuestionKind.POSTCODE):  # fmt: skip
            typed = (form.get(name) or "").strip()
            found.raw[name] = [typed]
            if typed and kind == QuestionKind.NUMBER:
                value, problem = _number(question, typed)
            elif typed and kind == QuestionKind.EMAIL:
                ok = is_email_address(typed) and len(typed) <= 320
                value = {"text": typed} if ok else None
                problem = None if ok else (
                    "Enter an email address in the correct format, like name@example.com"
                )  # fmt: skip
            elif typed and kind == QuestionKind.POSTCODE:
                postcode = normalise_postcode(typed)
                value = {"text": postcode} if postcode else None
                problem = None if postcode else "Enter a real postcode, like L3 1BY"
            elif typed:
                most = (
                    stages.MAX_LONG_ANSWER if kind == QuestionKind.LONG_TEXT
                    else stages.MAX_TEXT_ANSWER
                )  # fmt: skip
                value, problem = _text(question, typed, most)
        elif kind == QuestionKind.DATE:
            parts = [
                (form.get(name_of(question, p)) or "").strip() for p in ("day", "month", "year")
            ]
            for part, typed in zip(("day", "month", "year"), parts, strict=True):
                found.raw[name_of(question, part)] = [typed]
            anchor = name_of(question, "day")
            if any(parts):
                value, problem = _date(question, parts)
        elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.AGREEMENT):
            value, problem = _choice(question, form, found.raw)
        elif kind == QuestionKind.MULTIPLE_CHOICE:
            value, problem = _choices(question, form, found.raw)
        elif kind == QuestionKind.RANKING:
            value, problem = _ranking(question, form, found.raw)
            anchor = name_of(question, "rank-1")
        elif kind == QuestionKind.MATRIX:
            value, problem, anchor = _matrix(question, form, found.raw)
        elif kind == QuestionKind.FILE:
            value, problem, upload = _file(question, files, stored.get(question.id))
            if upload is not None:
                found.uploads[question.id] = upload
        unanswered = value is None and question.id not in found.uploads
        if problem is None and unanswered and question.required:
            problem = required_message(question)
        if problem:
            found.errors[question.id] = (anchor, problem)
        else:
            found.values[question.id] = value
    return found


def required_message(question: Any) -> str:
    kind = question.kind
    if kind == QuestionKind.FILE:
        return f"Select a file for {_quoted(question)} ({ALLOWED_EXTENSIONS_TEXT})"
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.AGREEMENT):
        return f"Select an answer to {_quoted(question)}"
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return f"Select at least one answer to {_quoted(question)}"
    if kind == QuestionKind.RANKING:
        return f"Put the options in {_quoted(question)} in order, numbering each one"
    if kind == QuestionKind.MATRIX:
        return f"Answer every row of {_quoted(question)}"
    return f"Enter your answer to {_quoted(question)}"


def raw_from(question: Any, value: Any) -> Raw:
    """What a question's form fields show for a stored answer."""
    raw: Raw = {}
    if not isinstance(value, dict):
        return raw
    name = name_of(question)
    if "text" in value:
        raw[name] = [str(value["text"])]
    elif "number" in value:
        raw[name] = [str(value["number"])]
    elif "date" in value:
        year, month, day = str(value["date"]).split("-")
        raw.update({f"{name}-day": [str(int(day))], f"{name}-month": [str(int(month))],
                    f"{name}-year": [year]})  # fmt: skip
    elif "choice" in value:
        raw[name] = [value["choice"]]
        raw[f"{name}-other"] = [_kept_lines(value.get("other", ""))]
    elif "choices" in value:
        raw[name] = list(value["choices"])
        raw[f"{name}-other"] = [_kept_lines(value.get("other", ""))]
    elif "ranking" in value:
        for index, option in enumerate(question.options, start=1):
            if option in value["ranking"]:
                raw[f"{name}-rank-{index}"] = [str(value["ranking"].index(option) + 1)]
    elif "rows" in value:
        for index, row in enumerate(question.matrix_rows, start=1):
            raw[f"{name}-row-{index}"] = [value["rows"].get(row, "")]
    return raw


def words_for(question: Any, value: Any) -> list[str]:
    """A stored answer in words, one line each, for the check-your-answers page."""
    if not isinstance(value, dict):
        return []
    if "text" in value:
        return [str(value["text"])]
    if "number" in value:
        return [
            f"{value['number']:,}" if isinstance(value["number"], int) else str(value["number"])
        ]
    if "date" in value:
        return [date.fromisoformat(value["date"]).strftime("%-d %B %Y")]
    if "choice" in value:
        if value["choice"] == OTHER:
            return [f"{stages.OTHER_LABEL}: {value.get('other', '')}"]
        return [value["choice"]]
    if "choices" in value:
        return [
            f"{stages.OTHER_LABEL}: {value.get('other', '')}" if choice == OTHER else choice
            for choice in value["choices"]
        ]
    if "ranking" in value:
        return [f"{number}. {option}" for number, option in enumerate(value["ranking"], start=1)]
    if "rows" in value:
        return [f"{row}: {choice}" for row, choice in value["rows"].items()]
    if "file" in value:
        return [f"{value['file'].get('name', 'A file')} ({value['file'].get('size', 0):,} bytes)"]
    return []


def routing_value(value: Any) -> str | list[str] | None:
    """An answer as routing.py reads it: a single choice's option, else None."""
    if isinstance(value, dict) and isinstance(value.get("choice"), str):
        return value["choice"]
    return None
