from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.db import TimestampMixin, db

ACTION = "action"
AMBITION = "ambition"


class Strategy(TimestampMixin, db.Model):
    """One version of the strategy. A new version each year is a copy; the old one, and
    everything tagged to its priorities, stays as it was."""

    __tablename__ = "strategy"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(default=False)
    vision: Mapped[list[str]] = mapped_column(JSON, default=list)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("strategy.id"))

    objectives: Mapped[list[Objective]] = relationship(
        back_populates="strategy", order_by="Objective.position", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        return f"{self.title}, version {self.version}"


class ObjectiveParts:
    """What an objective's pages read from its priorities and items, for the model and for
    the plain rows of contents.strategy_contents alike (each has ``priorities`` and
    ``items``)."""

    @property
    def active_priorities(self) -> list[Any]:
        return [p for p in self.priorities if p.retired_at is None]

    @property
    def actions(self) -> list[Any]:
        return [i for i in self.items if i.kind == ACTION]

    @property
    def ambitions(self) -> list[Any]:
        return [i for i in self.items if i.kind == AMBITION]


class Objective(ObjectiveParts, db.Model):
    __tablename__ = "strategy_objective"
    __table_args__ = (UniqueConstraint("strategy_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("strategy.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    strategy: Mapped[Strategy] = relationship(back_populates="objectives")
    priorities: Mapped[list[Priority]] = relationship(
        back_populates="objective", order_by="Priority.position", cascade="all, delete-orphan"
    )
    items: Mapped[list[ObjectiveItem]] = relationship(
        order_by="ObjectiveItem.position", cascade="all, delete-orphan"
    )
    measures: Mapped[list[SuccessMeasure]] = relationship(
        order_by="SuccessMeasure.position", cascade="all, delete-orphan"
    )


class Priority(db.Model):
    __tablename__ = "strategy_priority"
    __table_args__ = (UniqueConstraint("objective_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_objective.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The same priority in the version this one was copied from, for reports across years.
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("strategy_priority.id"))

    objective: Mapped[Objective] = relationship(back_populates="priorities", lazy="joined")

    @property
    def strategy(self) -> Strategy:
        return self.objective.strategy

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


class ObjectiveItem(db.Model):
    """A year-one action or a future ambition under an objective."""

    __tablename__ = "strategy_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_objective.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)


class SuccessMeasure(db.Model):
    __tablename__ = "strategy_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_objective.id", ondelete="CASCADE"), index=True
    )
    measure: Mapped[str] = mapped_column(Text)
    baseline: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    by: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[int] = mapped_column(default=0)

    # The years recorded, earliest first (the database deletes them with the measure).
    values: Mapped[list[MeasureValue]] = relationship(order_by="MeasureValue.year", viewonly=True)


class MeasureValue(db.Model):
    """What a success measure stood at in one year, with where the figure came from. One per
    measure per year: recording a year again replaces it (the audit log keeps the old one)."""

    __tablename__ = "strategy_measure_value"
    __table_args__ = (UniqueConstraint("measure_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_measure.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    value: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
