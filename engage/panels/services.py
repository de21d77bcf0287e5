from __future__ import annotations

from sqlalchemy import select

from engage.core.db import db
from engage.panels.models import Panel


def panels() -> list[Panel]:
    return list(db.session.scalars(select(Panel).order_by(Panel.name)))


def upsert_panel(code: str, name: str) -> Panel:
    panel = db.session.scalars(select(Panel).where(Panel.code == code)).first()
    if panel is None:
        panel = Panel(code=code, name=name)
        db.session.add(panel)
    else:
        panel.name = name
    return panel
