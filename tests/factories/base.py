"""The shared base for every factory: rows are committed and stay readable after the app
context that made them has ended (tests must not hold an app context open while the client
makes requests, so they read rows made in an earlier one)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy import inspect

from engage.core.db import db

EAGER_LOADING = {"selectin", "joined", "subquery", "immediate"}


class ModelFactory(SQLAlchemyModelFactory):
    """Builds one committed row, with its columns, the relationships it was given (a round's
    panels) and those the app always loads with it. Other relationships are not loaded: read
    those in an app context."""

    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        # A row made in an earlier app context is detached: use this session's copy of it, so
        # it can be related to the new row (adding a second copy of one row would fail).
        kwargs = {name: attached(value) for name, value in kwargs.items()}
        return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _save(cls, model_class: type, session: Any, args: Any, kwargs: Any) -> Any:
        with _keeping_loaded():
            return super()._save(model_class, session, args, kwargs)

    @classmethod
    def _after_postgeneration(cls, instance: Any, create: bool, results: Any = None) -> None:
        if not create:
            return
        with _keeping_loaded():
            db.session.commit()  # what the post-generation hooks added
        unloaded = inspect(instance).unloaded
        missing = [name for name in _stored_attributes(type(instance)) if name in unloaded]
        if missing:
            db.session.refresh(instance, attribute_names=missing)


def _stored_attributes(model: type) -> list[str]:
    """What must be readable without a session: the columns, and the relationships the app
    always loads with the row (a person's roles), when the factory was not given them."""
    mapper = inspect(model)
    eager = [rel.key for rel in mapper.relationships if rel.lazy in EAGER_LOADING]
    return [column.key for column in mapper.column_attrs] + eager


@contextmanager
def _keeping_loaded() -> Iterator[None]:
    """Commit without expiring what the session holds: rows made earlier in this app context
    stay loaded, so they too can be read once it has ended."""
    session = db.session()  # this app context's session, not the scoped proxy
    expire_on_commit = session.expire_on_commit
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = expire_on_commit


def attached(value: Any) -> Any:
    """This session's copy of a row (or of each row in a list) made in an earlier app
    context; anything else as it is."""
    if isinstance(value, list):
        return [attached(item) for item in value]
    state = inspect(value, raiseerr=False)
    if state is None or not getattr(state, "detached", False):
        return value
    return db.session.get(type(value), state.identity)
