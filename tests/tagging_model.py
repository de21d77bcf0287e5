"""A small model used only by the tests, to prove the tagging mechanism works on any model.

Its tables are named test_* and are created by the tests' ``db.create_all()``; the migration
check ignores them."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db
from engage.strategy.tagging import Taggable

TEST_TABLE_PREFIX = "test_"


class TaggedNote(Taggable, db.Model):
    __tablename__ = "test_tagged_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
