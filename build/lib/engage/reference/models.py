from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.db import db


class LocalAuthority(db.Model):
    """One of the six constituent local authorities, by ONS code (e.g. E08000012 Liverpool)."""

    __tablename__ = "local_authority"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(100))
