"""What to say about a strategy version's period: whether it has started, is running, ends
soon or has ended, and what is current. Pages that mention the strategy use these words, so
no page says a strategy is in force when its period has ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from engage.core.dates import UK
from engage.strategy.models import Strategy

# Within this many days of its end a running strategy "ends soon", and the page says so.
ENDS_SOON_DAYS = 183

NOT_STARTED = "not_started"
RUNNING = "running"
ENDS_SOON = "ends_soon"
ENDED = "ended"


def uk_today() -> date:
    return datetime.now(UK).date()


def month_year(day: date) -> str:
    return f"{day:%B %Y}"


def full_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class PeriodStatus:
    state: str  # NOT_STARTED, RUNNING, ENDS_SOON or ENDED
    covers: str  # "April 2022 to March 2026"
    sentences: tuple[str, ...]  # what to tell a reader, in plain words

    @property
    def has_ended(self) -> bool:
        return self.state == ENDED

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def period_status(strategy: Strategy, today: date | None = None) -> PeriodStatus:
    """The state of ``strategy``'s period on ``today`` (UK date), and what to say about it.

    The current version stays current after its end date until an admin starts the next
    one: that is the case to word carefully, as the period has ended but nothing has
    replaced it on this site."""
    today = today or uk_today()
    start, end = strategy.period_start, strategy.period_end
    covers = f"{month_year(start)} to {month_year(end)}"
    if not strategy.is_current:
        state = ENDED if today > end else (NOT_STARTED if today < start else RUNNING)
        verb = "covered" if state == ENDED else "covers"
        return PeriodStatus(
            state,
            covers,
            (
                f"This is version {strategy.version}, kept as a record.",
                f"It {verb} {covers}, and a later version has replaced it.",
            ),
        )
    if today < start:
        return PeriodStatus(
            NOT_STARTED,
            covers,
            (f"This strategy covers {covers}. It starts on {full_date(start)}.",),
        )
    if today > end:
        return PeriodStatus(
            ENDED,
            covers,
            (
                f"This strategy covered {covers}: its period ended on {full_date(end)}.",
                "No newer strategy has been added to this site yet, so it is still the "
                "current strategy until the new one is agreed.",
            ),
        )
    if (end - today).days <= ENDS_SOON_DAYS:
        return PeriodStatus(
            ENDS_SOON,
            covers,
            (
                f"This strategy covers {covers} and ends on {full_date(end)}.",
                "It stays the current strategy on this site until the new one is agreed.",
            ),
        )
    return PeriodStatus(RUNNING, covers, (f"This strategy covers {covers}.",))
