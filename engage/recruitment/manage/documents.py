"""A round's documents: the information pack and its Easy Read and large-print versions.

Officers upload them (checked by type, content and size); applicants download them once the
round has opened (before then a round's papers may still change, and the round is not public:
``public_document`` answers None); officers can download them at any time. File names are
cleaned on upload: no folders, no characters that break headers or file systems, and no
invisible or direction-changing characters (a right-to-left override can make
``evil\u202efdp.exe`` look like ``evilexe.pdf``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from werkzeug.wrappers import Response

from engage.core import uploads
from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.core.filenames import clean_filename
from engage.core.uploads import (
    DOCUMENT_TYPES,
    document_problem,
    extension_of,
)
from engage.recruitment.models import RecruitmentRound, RoundDocument


def add_document(
    round_: RecruitmentRound, kind: str, filename: str, content: bytes
) -> RoundDocument:
    problem = document_problem(filename, content)
    if problem:
        raise ValueError(problem)
    content_type, _ = DOCUMENT_TYPES[extension_of(filename)]
    document = RoundDocument(
        round=round_,
        kind=kind,
        filename=clean_filename(filename),
        content_type=content_type,
        size=len(content),
        content=content,
        uploaded_at=utcnow(),
    )
    db.session.add(document)
    db.session.flush()
    record_event(
        "recruitment_document_uploaded",
        object_type="round_document",
        object_id=document.id,
        round_id=round_.id,
        kind=kind,
        filename=document.filename,
        size=document.size,
    )
    return document


def public_document(
    round_id: int, document_id: int, today: date | None = None
) -> RoundDocument | None:
    """A document applicants may download: only once its round has opened."""
    document = db.session.scalars(
        select(RoundDocument)
        .join(RecruitmentRound)
        .where(RoundDocument.id == document_id, RoundDocument.round_id == round_id)
        .where(RecruitmentRound.opens_on <= (today or uk_today()))
    ).first()
    return document


def download(document: RoundDocument, *, ascii_name: bool = False) -> Response:
    """The document as an attachment (see engage/core/uploads.py)."""
    return uploads.download(
        document.content,
        content_type=document.content_type,
        filename=document.filename,
        fallback_name=f"{document.kind}-document",
        ascii_name=ascii_name,
    )


def get_document(round_: RecruitmentRound, document_id: int) -> RoundDocument | None:
    document = db.session.get(RoundDocument, document_id)
    return document if document is not None and document.round_id == round_.id else None


def delete_document(round_: RecruitmentRound, document: RoundDocument) -> None:
    record_event(
        "recruitment_document_deleted",
        object_type="round_document",
        object_id=document.id,
        round_id=round_.id,
        filename=document.filename,
    )
    round_.documents.remove(document)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}KB"
    return f"{size / (1024 * 1024):.1f}MB"
