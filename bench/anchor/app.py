"""The anchor: the ceiling a real page can approach on this machine.

A bare Flask app that renders 300 rows read from SQLite through the SQLAlchemy ORM in a Jinja
template, served exactly as Engage is (gunicorn, 2 sync workers). Engage's pages are compared
with it in the same run, so the machine's speed cancels out."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROWS = 300
DATABASE = Path(os.environ.get("ANCHOR_DATABASE", "/tmp/engage-bench-anchor.sqlite"))  # noqa: S108


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(String(500))


engine = create_engine(f"sqlite:///{DATABASE}")


def _ensure_rows() -> None:
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        if session.scalar(select(func.count(Organisation.id))) == ROWS:
            return
        session.query(Organisation).delete()
        session.add_all(
            Organisation(
                name=f"Organisation {number}",
                area=("Halton", "Knowsley", "Liverpool", "Sefton", "St Helens", "Wirral")[
                    number % 6
                ],
                summary=f"Community group number {number}, helping people across the area.",
            )
            for number in range(1, ROWS + 1)
        )
        session.commit()


_ensure_rows()
app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))


@app.route("/")
def rows() -> str:
    with Session(engine) as session:
        organisations = session.scalars(select(Organisation).order_by(Organisation.id)).all()
        return render_template("rows.html", organisations=organisations)
