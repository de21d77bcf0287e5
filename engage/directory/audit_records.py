"""The directory in the audit log, in words (see engage/core/audit_records.py). Every event of
the feature names the organisation (a change or claim is a detail), so a page of events
describes them all with one query."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import lazyload

from engage.core.audit_records import Described, describe_records, get_record, link, load_records
from engage.directory.models import Organisation


def _organisation(organisation_id: Any, details: dict[str, Any]) -> Described:
    found = get_record(Organisation, organisation_id)
    if found is None:
        return Described("An organisation that has been deleted")
    return Described(
        f"Organisation: {found.name}",
        link("directory.public.organisation", organisation_id=found.id),
    )


def _organisations(ids: list[Any]) -> list[Any]:
    # The name is all a description needs: not the terms the model loads with it.
    return load_records(Organisation, ids, lazyload(Organisation.terms))


def register(app: Flask) -> None:
    describe_records(app, "organisation", _organisation, _organisations)
