"""A round's documents: the information pack and its Easy Read and large-print versions.

Officers upload them (checked by type, content and size); applicants download them once the
round has opened (before then a round's papers may still change, and the round is not public:
``public_document`` answers None); officers can download them at any time. File names are
cleaned on upload: no folders, no characters that break headers or file systems, and no
invisible or direction-changing characters (a right-to-left override can make
``evil\u202efdp.exe`` look like ``evilexe.pdf``)."""

from __future__ import annotations

import io
from datetime import date

from flask import send_file
from sqlalchemy import select
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from engage.core.audit import record_event
from engage.core.dates import uk_today
from engage.core.db import db, utcnow
from engage.core.filenames import clean_filename
from engage.recruitment.models import RecruitmentRound, RoundDocument

# Documents: what officers may upload, and the first bytes each kind of file starts with,
# so a renamed web page or program is refused rather than served to applicants.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".rtf": ("application/rtf", (b"{\\rtf",)),
    # Stored without a charset: Werkzeug adds "; charset=utf-8" to text types when serving.
    ".txt": ("text/plain", ()),
}
ALLOWED_EXTENSIONS_TEXT = "PDF, DOCX, ODT, RTF or TXT"


def extension_of(filename: str) -> str:
    name = (filename or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


def document_problem(filename: str, content: bytes) -> str | None:
    """Why this upload cannot be accepted, in words for the officer; None when it can."""
    extension = extension_of(filename)
    if extension not in DOCUMENT_TYPES:
        return f"The selected file must be a {ALLOWED_EXTENSIONS_TEXT}"
    if not content:
        return "The selected file is empty"
    if len(content) > MAX_DOCUMENT_BYTES:
        return "The selected file must be smaller than 10MB"
    _, signatures = DOCUMENT_TYPES[extension]
    if signatures and not content.startswith(signatures):
        return f"The selected file is not a real {extension[1:].upper()} file"
    if extension == ".txt" and b"\x00" in content:
        return "The selected file is not a real TXT file"
    return None


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
    """The document as an attachment. Its type is sent without the parameters an older
    upload stored (Werkzeug adds the one charset text needs), so a .txt file is
    "text/plain; charset=utf-8", once. ``ascii_name`` keeps the name to safe ASCII."""
    content_type = (document.content_type or "").split(";")[0].strip()
    name = document.filename
    if ascii_name:
        name = secure_filename(document.filename) or f"{document.kind}-document"
    response = send_file(
        io.BytesIO(document.content),
        mimetype=content_type or "application/octet-stream",
        as_attachment=True,
        download_name=name,
        etag=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


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
