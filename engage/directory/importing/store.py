"""Keeping an uploaded file's organisations between the preview and "Import these" (a
DirectoryImport row, bound to the officer who uploaded it), and importing them once. Routes
commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, update

from engage.core.db import db, utcnow
from engage.core.forms import remove_unshowable_characters
from engage.directory import stages
from engage.directory.importing.apply import apply_import
from engage.directory.importing.models import DirectoryImport
from engage.directory.importing.plan import Plan

CLASHED = (
    "Someone added one of these organisations to the directory meanwhile, so nothing was "
    "imported. Check what the import would do now, then import"
)


def save_preview(officer: Any, filename: str, parsed: dict[str, Any]) -> DirectoryImport:
    """Keep what was read from the file for its preview. Previews nobody imported are
    deleted once they can no longer be imported."""
    db.session.execute(
        delete(DirectoryImport).where(
            DirectoryImport.status == stages.ImportStatus.WAITING,
            DirectoryImport.created_at < utcnow() - stages.PREVIEW_LASTS,
        )
    )
    shown_name = remove_unshowable_characters(filename)[:200]
    found = DirectoryImport(officer_id=officer.id, filename=shown_name, parsed=parsed)
    db.session.add(found)
    db.session.flush()
    return found


def get_import(import_id: int) -> DirectoryImport | None:
    return db.session.get(DirectoryImport, import_id)


def import_now(found: DirectoryImport, fingerprint: str) -> Plan:
    """Import the preview, if it is still what the officer saw (else plan.ImportStale,
    or stages.DirectoryRefused when it was imported already or is too old). The row is
    claimed by one conditional update, so a second press of the button imports nothing."""
    refusal = stages.import_refusal(found, utcnow())
    if refusal:
        raise stages.DirectoryRefused(refusal)
    claimed = db.session.execute(
        update(DirectoryImport)
        .where(
            DirectoryImport.id == found.id,
            DirectoryImport.status == stages.ImportStatus.WAITING,
        )
        .values(status=stages.ImportStatus.IMPORTED, imported_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise stages.DirectoryRefused(stages.ALREADY_IMPORTED)
    plan = apply_import(found.parsed, fingerprint, found.id)
    # Only the counts are kept: the file's details are in the directory now.
    found.outcome = {"created": len(plan.created), "updated": len(plan.changed)}
    found.parsed = {}
    return plan
