"""The files people uploaded to answer a consultation's file questions, for officers: which
questions take a file, the files of one question from sent responses (a statement to page
through), and one file to download, each download recorded in the audit log. Only sent
responses: an unfinished one is still the person's own. Never their monitoring answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, select

from engage.consultations import stages
from engage.consultations.answering import answer_file
from engage.consultations.models import AnswerFile, ConsultationResponse
from engage.consultations.results.counts import questions_of
from engage.core.audit import record_event
from engage.core.filenames import clean_filename

DOWNLOADED = "consultation_answer_file_downloaded"
# What a key can be (secrets.token_urlsafe, at most the column's 64): anything else is no
# file, and is never sent to the database (PostgreSQL refuses a NUL in a string).
_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class FileQuestion:
    """A question that takes a file, numbered as the results page numbers it."""

    id: int
    number: int
    text: str

    @property
    def anchor(self) -> str:
        """Its section of the results page."""
        return f"question-{self.number}"


def file_questions(consultation_id: int) -> list[FileQuestion]:
    """The consultation's file questions, in the order residents see them (one query)."""
    return [
        FileQuestion(question.id, number, question.text)
        for number, question in enumerate(questions_of(consultation_id), start=1)
        if question.kind == stages.QuestionKind.FILE
    ]


def file_question(consultation_id: int, question_id: int) -> FileQuestion | None:
    return next((q for q in file_questions(consultation_id) if q.id == question_id), None)


def files_statement(consultation_id: int, question_id: int) -> Select:
    """(key, filename, size, response id, sent at) of each file uploaded to the question in
    a sent response, oldest response first: plain rows to page through."""
    return (
        select(
            AnswerFile.key,
            AnswerFile.filename,
            AnswerFile.size,
            AnswerFile.response_id,
            ConsultationResponse.submitted_at,
        )
        .join(ConsultationResponse, ConsultationResponse.id == AnswerFile.response_id)
        .where(
            AnswerFile.question_id == question_id,
            ConsultationResponse.consultation_id == consultation_id,
            ConsultationResponse.status == stages.ResponseStatus.SUBMITTED,
        )
        .order_by(AnswerFile.response_id, AnswerFile.id)
    )


def download_name(found: AnswerFile) -> str:
    """The name to send it as: cleaned again, whatever wrote the stored name, so it can
    never break the Content-Disposition header or name a folder."""
    return clean_filename(found.filename)


def file_to_download(consultation_id: int, key: str) -> AnswerFile | None:
    """A sent response's file by its key, with the download recorded in the audit log (the
    caller commits both). The record names the response and the question, not the file's
    name: the log is kept longer than the file, and the name can be personal."""
    found = answer_file(consultation_id, key) if _KEY.fullmatch(key) else None
    if found is None:
        return None
    numbers = {q.id: q.number for q in file_questions(consultation_id)}
    record_event(
        DOWNLOADED, object_type="consultation", object_id=consultation_id,
        response=found.response_id, question=numbers.get(found.question_id), size=found.size,
    )  # fmt: skip
    return found
