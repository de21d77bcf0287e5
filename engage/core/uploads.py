"""Documents officers upload (information packs, alternative formats of a draft): which
kinds of file are accepted, checked by their first bytes as well as their name, and how they
are sent back. Names are cleaned by engage/core/filenames.py."""

from __future__ import annotations

import io
from typing import Any

from flask import send_file
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

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


def download(
    content: bytes,
    *,
    content_type: str,
    filename: str,
    fallback_name: str = "document",
    ascii_name: bool = False,
) -> Response:
    """A stored document as an attachment. Its type is sent without the parameters an older
    upload stored (Werkzeug adds the one charset text needs), so a .txt file is
    "text/plain; charset=utf-8", once. ``ascii_name`` keeps the name to safe ASCII."""
    content_type = (content_type or "").split(";")[0].strip()
    name = (secure_filename(filename) or fallback_name) if ascii_name else filename
    response = send_file(
        io.BytesIO(content),
        mimetype=content_type or "application/octet-stream",
        as_attachment=True,
        download_name=name,
        etag=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def document_file_field(label: str) -> FileField:
    """The file box of a form that takes one of the documents above."""
    return FileField(
        label,
        widget=GovFileInput(),
        description=f"{ALLOWED_EXTENSIONS_TEXT}, smaller than 10MB",
        validators=[FileRequired(message="Select a file")],
    )


class DocumentUpload:
    """Mixin for a form with a ``file`` made by ``document_file_field``: checks the upload
    and keeps its bytes in ``content``."""

    content: bytes = b""

    def validate_file(self, field: Any) -> None:
        # Read one byte past the limit, never the whole of an oversized upload.
        self.content = field.data.read(MAX_DOCUMENT_BYTES + 1)
        problem = document_problem(field.data.filename or "", self.content)
        if problem:
            raise ValidationError(problem)
