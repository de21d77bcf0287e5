"""The strategy's period: the public page and the home page say truthfully whether it has
started, is running, ends soon or has ended, and what is current."""

from __future__ import annotations

from datetime import date

import pytest

from engage.core.db import db
from engage.reference_data import load_reference_data
from engage.strategy import period, services
from engage.strategy.models import Strategy
from engage.strategy.period import ENDED, ENDS_SOON, NOT_STARTED, RUNNING, period_status

ENDED_TEXT = "This strategy covered April 2022 to March 2026: its period ended on 31 March 2026."
STILL_CURRENT = "it is still the current strategy until the new one is agreed"


def version(start: date, end: date, *, current: bool = True) -> Strategy:
    return Strategy(
        code="X", version=1, title="X", period_start=start, period_end=end, is_current=current
    )


@pytest.mark.parametrize(
    ("today", "state", "words"),
    [
        (date(2022, 3, 31), NOT_STARTED, "It starts on 1 April 2022."),
        (date(2022, 4, 1), RUNNING, "This strategy covers April 2022 to March 2026."),
        (date(2025, 9, 28), RUNNING, "This strategy covers April 2022 to March 2026."),
        (date(2025, 10, 1), ENDS_SOON, "and ends on 31 March 2026"),
        (date(2026, 3, 31), ENDS_SOON, "until the new one is agreed"),
        (date(2026, 4, 1), ENDED, ENDED_TEXT),
        (date(2026, 12, 2), ENDED, STILL_CURRENT),
    ],
)
def test_period_status_of_the_current_version(today, state, words):
    status = period_status(version(date(2022, 4, 1), date(2026, 3, 31)), today)
    assert status.state == state
    assert status.covers == "April 2022 to March 2026"
    assert words in status.text


def test_an_older_version_says_it_is_a_record():
    old = version(date(2022, 4, 1), date(2026, 3, 31), current=False)
    assert period_status(old, date(2026, 12, 2)).text == (
        "This is version 1, kept as a record. It covered April 2022 to March 2026, and a "
        "later version has replaced it."
    )


@pytest.fixture
def loaded(app):
    with app.app_context():
        load_reference_data()
        db.session.commit()


def test_pages_say_the_2022_26_strategy_has_ended_and_is_still_current(client, loaded, monkeypatch):
    monkeypatch.setattr(period, "uk_today", lambda: date(2026, 12, 2))
    page = client.get("/strategy").get_data(as_text=True)
    assert ENDED_TEXT in page
    assert "No newer strategy has been added to this site yet, so " + STILL_CURRENT in page
    assert "1 April 2022 to 31 March 2026" in page  # the period, in full
    home = client.get("/").get_data(as_text=True)
    assert ENDED_TEXT in home and STILL_CURRENT in home
    assert "in force" not in home.lower() and "in force" not in page.lower()


def test_pages_say_a_running_version_is_running(app, client, loaded, monkeypatch):
    with app.app_context():
        current = services.current_strategy()
        services.start_next_version(
            current,
            title="Equality Strategy 2026-27",
            period_start=date(2026, 4, 1),
            period_end=date(2027, 3, 31),
        )
        db.session.commit()
        old_id = current.id
    monkeypatch.setattr(period, "uk_today", lambda: date(2026, 6, 1))
    page = client.get("/strategy").get_data(as_text=True)
    assert "This strategy covers April 2026 to March 2027." in page
    assert "ended" not in page
    home = client.get("/").get_data(as_text=True)
    assert "Equality Strategy 2026-27" in home and "ended" not in home
    old = client.get(f"/strategy/versions/{old_id}").get_data(as_text=True)
    assert "It covered April 2022 to March 2026, and a later version has replaced it." in old
