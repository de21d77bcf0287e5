from __future__ import annotations

from sqlalchemy import select

from engage.core.db import db
from engage.reference.models import LocalAuthority


def local_authorities() -> list[LocalAuthority]:
    return list(db.session.scalars(select(LocalAuthority).order_by(LocalAuthority.name)))


def upsert_local_authority(code: str, name: str) -> LocalAuthority:
    authority = db.session.scalars(
        select(LocalAuthority).where(LocalAuthority.code == code)
    ).first()
    if authority is None:
        authority = LocalAuthority(code=code, name=name)
        db.session.add(authority)
    else:
        authority.name = name
    return authority
