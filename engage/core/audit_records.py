"""The records audit events are about, in words, with a link to the staff page for each when
there is one and the person reading the log may open it.

Events name a record by type and id (``recruitment_round``, ``7``). Each feature says how to
describe its own records, when the app starts (``describe_records(app, "application", ...)``
in its ``init_app``), so the audit log reads every feature's records without importing any.
Records may have been deleted since (a removed criterion): describers then say so."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.interfaces import LoaderOption
from werkzeug.routing import BuildError

from engage.core.access import rule_for_endpoint
from engage.core.db import db

_KEY = "engage.audit.describers"
_PREFETCH = "engage.audit.prefetchers"
_MISSING = "engage_audit_missing"
_DESCRIBED = "engage_audit_described"
_LINKS = "engage_audit_links"
_READS_DETAILS = "engage.audit.reads_details"


@dataclass(frozen=True)
class Described:
    text: str
    href: str | None = None


# (object id, the event's details) -> Described
Describer = Callable[[Any, dict[str, Any]], Described]


def describe_records(
    app: Flask,
    object_type: str,
    describer: Describer,
    prefetch: Callable[[list[Any]], list[Any]] | None = None,
    reads_details: bool = False,
) -> None:
    """How to describe one type of record; ``prefetch(ids)`` loads many at once (one query),
    so a page of events describes its records without a query per event. A describer that
    reads the event's details says so (``reads_details``); the others describe each record
    once per request, however many events name it."""
    app.extensions.setdefault(_KEY, {})[object_type] = describer
    if reads_details:
        app.extensions.setdefault(_READS_DETAILS, set()).add(object_type)
    if prefetch is not None:
        app.extensions.setdefault(_PREFETCH, {})[object_type] = prefetch


def prefetch_records(wanted: Iterable[tuple[str | None, Any]]) -> None:
    """Load every (type, id) a page will describe, a query per type; the records stay in
    the database session for this request, where the describers find them."""
    by_type: dict[str, set[Any]] = defaultdict(set)
    for object_type, object_id in wanted:
        if object_type and object_id is not None:
            by_type[object_type].add(object_id)
    prefetchers = current_app.extensions.get(_PREFETCH, {})
    kept = g.setdefault("engage_audit_prefetched", [])
    for object_type, ids in by_type.items():
        if object_type in prefetchers:
            kept.extend(prefetchers[object_type](sorted(ids, key=str)))


def describe(
    object_type: str | None, object_id: Any, details: dict[str, Any] | None = None
) -> Described:
    """What an event was about, in words (a feature's describer, or the type in words)."""
    if not object_type:
        return Described("")
    describer = current_app.extensions.get(_KEY, {}).get(object_type)
    if describer is None:
        return Described(object_type.replace("_", " ").capitalize())
    if object_type in current_app.extensions.get(_READS_DETAILS, ()):
        return describer(object_id, details or {})
    described = g.setdefault(_DESCRIBED, {})
    key = (object_type, str(object_id))
    if key not in described:
        described[key] = describer(object_id, details or {})
    return described[key]


def record_id(value: Any) -> int | None:
    """An event's object id as a number, or None (ids are stored as text)."""
    return int(value) if str(value).isdigit() else None


def record_ids(values: Iterable[Any]) -> list[int]:
    return [number for value in values if (number := record_id(value)) is not None]


def _missing() -> set[tuple[type, int]]:
    return g.setdefault(_MISSING, set())


def load_records(model: type, ids: Iterable[Any], *options: LoaderOption) -> list[Any]:
    """A prefetcher's query: the records with these ids, in one query. Ids with no record
    (deleted since) are remembered for this request, so describing them asks nothing more."""
    wanted = set(record_ids(ids))
    if not wanted:
        return []
    found = list(db.session.scalars(select(model).where(model.id.in_(wanted)).options(*options)))
    _missing().update((model, number) for number in wanted - {record.id for record in found})
    return found


def get_record(model: type, object_id: Any) -> Any | None:
    """One record for a describer: from this request's prefetch when there was one (no
    query), None when it has been deleted (asked at most once per request)."""
    number = record_id(object_id)
    if number is None or (model, number) in _missing():
        return None
    found = db.session.get(model, number)
    if found is None:
        _missing().add((model, number))
    return found


def link(endpoint: str, **values: Any) -> str | None:
    """The URL, if the person reading may open it (by the endpoint's own access rule);
    worked out once per request for each endpoint and values."""
    links = g.setdefault(_LINKS, {})
    key = (endpoint, tuple(sorted(values.items())))
    if key not in links:
        links[key] = _allowed_url(endpoint, values)
    return links[key]


def _allowed_url(endpoint: str, values: dict[str, Any]) -> str | None:
    rule = rule_for_endpoint(current_app, endpoint)
    if rule is None or not rule.allows(current_user, values):
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:  # the page's address changed: show the words without a link
        return None
