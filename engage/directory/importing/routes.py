"""Officers importing organisations from an Open Referral UK file: upload it, see what it
would create and change (field by field) and what cannot be imported and why, then import.
Only the officer who uploaded a file sees its preview and imports it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from engage.core.access import OFFICER, Rule, access, per_request
from engage.core.db import db, utcnow
from engage.directory import stages
from engage.directory.importing import store as importing_store
from engage.directory.importing.forms import ImportConfirmForm, ImportUploadForm
from engage.directory.importing.mapping import DEFAULT_CATEGORY, DEFAULT_KIND, MAX_ORGANISATIONS
from engage.directory.importing.plan import ImportStale, Plan, plan_import
from engage.directory.taxonomy import CATEGORIES, KINDS

bp = Blueprint("imports", __name__, url_prefix="/admin/directory/import")

SHOWN = 50  # rows of each part of the preview


def _may_confirm(user: Any, args: dict[str, Any]) -> bool:
    import_id = args.get("import_id")
    found = per_request(("directory_import", import_id),
                        lambda: importing_store.get_import(import_id))  # fmt: skip
    return stages.may_confirm_import(found, user)


IMPORTER = Rule("officer who uploaded the import", _may_confirm)


@bp.route("/", methods=["GET", "POST"])
@access(OFFICER)
def upload() -> str | Response:
    form = ImportUploadForm()
    if form.validate_on_submit():
        found = importing_store.save_preview(current_user, form.filename, form.parsed)
        db.session.commit()
        return redirect(url_for("directory.imports.preview", import_id=found.id))
    return render_template("directory/importing/upload.html", form=form, most=MAX_ORGANISATIONS)


def _preview_page(found: Any, plan: Plan, form: ImportConfirmForm, stale: str = "") -> str:
    form.fingerprint.data = plan.fingerprint
    return render_template(
        "directory/importing/preview.html",
        found=found,
        plan=plan,
        form=form,
        stale=stale,
        refusal=stages.import_refusal(found, utcnow()),
        shown=SHOWN,
        default_kind=KINDS.label(DEFAULT_KIND),
        default_category=CATEGORIES.label(DEFAULT_CATEGORY),
    )


@bp.route("/<int:import_id>", methods=["GET", "POST"])
@access(IMPORTER)
def preview(import_id: int) -> str | Response:
    found = importing_store.get_import(import_id)
    form = ImportConfirmForm()
    if form.validate_on_submit():
        try:
            plan = importing_store.import_now(found, form.fingerprint.data or "")
            db.session.commit()
        except (ImportStale, stages.DirectoryRefused) as refused:
            db.session.rollback()
            problem = str(refused)
        except IntegrityError:  # someone added one of its organisations meanwhile
            db.session.rollback()
            problem = importing_store.CLASHED
        else:
            flash(f"Imported: {len(plan.created):,} organisations added and "
                  f"{len(plan.changed):,} changed.", "success")  # fmt: skip
            return redirect(url_for("directory.review.index"))
        form = ImportConfirmForm(formdata=None)
        return _preview_page(found, plan_import(found.parsed), form, problem)
    return _preview_page(found, plan_import(found.parsed), form)
