"""The "who we heard from" chart: each group's bars sit with their own label, at 320px and at
desktop width. Measured in Chromium: the gap from a group's label down to its bars must be
smaller than the gap from those bars down to the next group's label."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engage.core.db import db
from engage.monitoring.demo import create_demo_responses
from tests.access_matrix import EQUALITY_ANALYST, SampleData
from tests.browser.checks import NARROW, WIDE
from tests.browser.conftest import sign_in_browser

GAPS = r"""() => [...document.querySelectorAll(".lcr-chart__row")].map((row, i, rows) => {
    const label = row.querySelector(".lcr-chart__label").getBoundingClientRect();
    const bars = row.querySelector(".lcr-chart__bars").getBoundingClientRect();
    const after = rows[i + 1] && rows[i + 1].querySelector(".lcr-chart__label");
    const next = after && after.getBoundingClientRect();
    return {
        label: row.querySelector(".lcr-chart__label strong").textContent,
        own: bars.top - label.bottom,
        next: next ? next.top - bars.bottom : null,
    };
})"""


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1280px"])
def test_each_bar_sits_with_its_own_label(
    viewport: dict[str, int],
    app: Flask,
    client: FlaskClient,
    context: Any,
    page: Any,
    live_server: str,
    make_user: Any,
) -> None:
    with app.app_context():
        create_demo_responses()
        db.session.commit()
    analyst = make_user(email="analyst@example.org", roles=["equality_data"])
    sign_in_browser(
        context,
        client,
        live_server,
        EQUALITY_ANALYST,
        SampleData(users={EQUALITY_ANALYST: analyst}),
    )
    page.set_viewport_size(viewport)
    page.goto(
        live_server + "/admin/equality-monitoring/?characteristic=ethnic_group_broad&source=demo"
    )
    rows = page.evaluate(GAPS)
    assert len(rows) == 5, rows
    for row in rows[:-1]:
        assert row["own"] >= 0, f"{row['label']}: its bars overlap its label ({row})"
        assert row["own"] < row["next"], (
            f"{row['label']}: its bars are {row['own']:.0f}px below its own label but only "
            f"{row['next']:.0f}px above the next group's label"
        )
