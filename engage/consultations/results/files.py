"""Officers opening the files people uploaded: a page listing the files of one file question
from sent responses (paged), and downloading one. Views of the results blueprint; always
everyone, never filtered by a monitoring group (that would put people's monitoring answers
beside their files)."""

from __future__ import annotations

from flask import abort, render_template
from werkzeug.wrappers import Response

from engage.consultations.results import uploaded
from engage.consultations.results.routes import bp, get_consultation_or_404, results_page_of
from engage.core.access import OFFICER, access
from engage.core.db import db
from engage.core.pagination import paginate
from engage.core.uploads import download

PER_PAGE = 50


@bp.route("/questions/<int:file_question_id>/files")
@access(OFFICER)
def files(consultation_id: int, file_question_id: int) -> str:
    consultation = get_consultation_or_404(consultation_id)
    question = uploaded.file_question(consultation.id, file_question_id) or abort(404)
    page = paginate(uploaded.files_statement(consultation.id, question.id), per_page=PER_PAGE)
    return render_template(
        "consultations/results/files.html", consultation=consultation, question=question,
        page=page, results_page=results_page_of(question.number),
    )  # fmt: skip


@bp.route("/files/<file_key>")
@access(OFFICER)
def answer_file(consultation_id: int, file_key: str) -> Response:
    """One file of a sent response, as an attachment that is never kept in a cache (it can
    hold personal data); the download is recorded in the audit log."""
    found = uploaded.file_to_download(consultation_id, file_key) or abort(404)
    db.session.commit()  # the audit record
    response = download(
        found.content, content_type=found.content_type,
        filename=uploaded.download_name(found),
    )  # fmt: skip
    response.headers["Cache-Control"] = "no-store"
    return response
