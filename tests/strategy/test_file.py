"""The strategy file loads as text (no mappings or lists where text belongs, no measure cut
short), and databases loaded from the earlier, unquoted file are corrected by
``load-reference`` without overwriting what an admin wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.reference_data import load_reference_data
from engage.strategy import services
from engage.strategy.loader import STRATEGY_FILE, read_strategy_file
from engage.strategy.models import Objective, ObjectiveItem, Priority, Strategy, SuccessMeasure

ROOT = Path(__file__).resolve().parents[2]
BEFORE_FIX = Path(__file__).parents[1] / "data" / "equality-strategy-before-issue-8.yaml"
MEASURE_KEYS = {"measure", "baseline", "target", "by"}
TEXT_COLUMNS = {
    Strategy: ("code", "title"),
    Objective: ("code", "title", "summary"),
    Priority: ("code", "title"),
    ObjectiveItem: ("kind", "text"),
    SuccessMeasure: ("measure", "baseline", "target", "by"),
}


MEASURE_LINE = re.compile(r"\s*- \{measure: (.*?)(?:, (?:baseline|target|by): .*)?\}\s*$")
PRIORITY_LINE = re.compile(r"\s*- \{code: EO[^,]*, title: (.*)\}\s*$")


def raw_values(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Values as written in the file, read from the text itself (not through YAML), so a
    value YAML would cut at a comma is still whole here."""
    found = []
    for line in text.splitlines():
        match = pattern.match(line)
        if match:
            found.append(match.group(1).strip().strip('"'))
    return found


def test_every_text_in_the_file_is_a_string():
    source = read_strategy_file()["strategy"]
    assert isinstance(source["title"], str)
    assert source["vision"] and all(isinstance(line, str) for line in source["vision"])
    for objective in source["objectives"]:
        for key in ("code", "title", "summary"):
            assert isinstance(objective[key], str), (objective["code"], key)
        for priority in objective["priorities"]:
            assert set(priority) == {"code", "title"}, priority
            assert all(isinstance(v, str) for v in priority.values()), priority
        for key in ("actions_year_one", "future_ambition"):
            assert all(isinstance(item, str) for item in objective[key]), (objective["code"], key)
        for measure in objective["success_measures"]:
            assert set(measure) <= MEASURE_KEYS, f"stray keys (a value cut at a comma?): {measure}"
            assert isinstance(measure["measure"], str), measure
            for key in ("baseline", "target"):
                assert isinstance(measure.get(key, ""), str), (measure, key)


def test_no_measure_or_priority_is_cut_short():
    raw = (ROOT / "engage" / "data" / STRATEGY_FILE).read_text()
    objectives = read_strategy_file()["strategy"]["objectives"]
    measures = [m["measure"] for o in objectives for m in o["success_measures"]]
    titles = [p["title"] for o in objectives for p in o["priorities"]]
    assert len(measures) == 16 and len(titles) == 13
    assert measures == raw_values(raw, MEASURE_LINE)
    assert titles == raw_values(raw, PRIORITY_LINE)
    assert "Workforce from Black, Asian and minority ethnic backgrounds" in measures
    assert "Better workforce monitoring data and benchmarking, including socio-economic status" in (
        titles
    )


def test_the_loaded_strategy_holds_only_text(app, client):
    with app.app_context():
        load_reference_data()
        db.session.commit()
        strategy = services.current_strategy()
        source = read_strategy_file()["strategy"]
        assert strategy.vision == source["vision"]
        records = [strategy]
        for objective in strategy.objectives:
            records += [objective, *objective.priorities, *objective.items, *objective.measures]
        for record in records:
            for column in TEXT_COLUMNS[type(record)]:
                value = getattr(record, column)
                assert isinstance(value, str), (type(record).__name__, column, value)
        assert [m.measure for o in strategy.objectives for m in o.measures] == [
            m["measure"] for o in source["objectives"] for m in o["success_measures"]
        ]
    page = client.get("/strategy").get_data(as_text=True)
    assert "{" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Equity: do more for those facing greatest disadvantage" in page
    assert "Employee engagement score on equality, diversity and inclusion" in page


def broken_database(app) -> None:
    """A database loaded from the file as it was before the fix."""
    with app.app_context():
        load_reference_data(yaml.safe_load(BEFORE_FIX.read_text()))
        db.session.commit()
        strategy = services.current_strategy()
        assert strategy.vision[0] == {"Equity": "do more for those facing greatest disadvantage"}
        assert strategy.objectives[0].measures[0].measure == "Workforce from Black"


def test_load_reference_corrects_text_the_old_file_loaded_wrongly(app, client):
    broken_database(app)
    assert "{&#39;Equity&#39;" in client.get("/strategy").get_data(as_text=True)
    with app.app_context():
        added = load_reference_data()
        db.session.commit()
        assert added == {"local_authorities": 6, "panels": 3, "strategies": 0, "repaired": 7}
        strategy = services.current_strategy()
        source = read_strategy_file()["strategy"]
        assert strategy.vision == source["vision"]
        assert [m.measure for o in strategy.objectives for m in o.measures] == [
            m["measure"] for o in source["objectives"] for m in o["success_measures"]
        ]
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "strategy_text_repaired")
        ).one()
        assert event.details["corrected"] == 7
        assert [p.title for o in strategy.objectives for p in o.priorities] == [
            p["title"] for o in source["objectives"] for p in o["priorities"]
        ]
        assert load_reference_data()["repaired"] == 0  # idempotent
    page = client.get("/strategy").get_data(as_text=True)
    assert "{&#39;Equity&#39;" not in page
    assert "Senior appointments from Black, Asian and minority ethnic backgrounds" in page


def test_repair_never_overwrites_what_an_admin_wrote(app):
    broken_database(app)
    with app.app_context():
        strategy = services.current_strategy()
        strategy.vision = ["Equity for everyone", *strategy.vision[1:]]
        edited = strategy.objectives[0].measures[0]
        edited.measure = "Workforce from Black, Asian and minority ethnic backgrounds (all staff)"
        db.session.commit()
        strategy.objectives[0].priorities[0].title = "People strategy"
        db.session.commit()
        # Nobody edited two measures and two priority titles: only those are corrected.
        assert load_reference_data()["repaired"] == 4
        db.session.commit()
        strategy = services.current_strategy()
        assert strategy.vision[0] == "Equity for everyone"
        measures = [m.measure for m in strategy.objectives[0].measures]
        assert measures[0].endswith("(all staff)")
        assert (
            measures[1] == "Senior appointments from Black, Asian and minority ethnic backgrounds"
        )
        assert measures[6] == "Employee engagement score on equality, diversity and inclusion"
        titles = [p.title for p in strategy.objectives[0].priorities]
        assert titles[0] == "People strategy"
        assert titles[2] == "Inclusive workplace culture, communications and employee engagement"


@pytest.mark.parametrize("version", [1, 2])
def test_repair_reaches_every_version(app, version):
    """A version started from a broken one copied the broken text: both are corrected."""
    broken_database(app)
    with app.app_context():
        current = services.current_strategy()
        if version == 2:
            services.start_next_version(
                current,
                title="Refresh",
                period_start=current.period_end,
                period_end=current.period_end.replace(year=2027),
            )
        db.session.commit()
        assert load_reference_data()["repaired"] == 7 * version
        db.session.commit()
        for strategy in db.session.scalars(select(Strategy)):
            assert all(isinstance(line, str) for line in strategy.vision)


def test_the_load_reference_command_says_what_it_corrected(app):
    broken_database(app)
    runner = app.test_cli_runner()
    output = runner.invoke(args=["load-reference"]).output
    assert "corrected 7 texts that an earlier copy of the file had loaded wrongly" in output
    assert "already loaded, left as it is." in runner.invoke(args=["load-reference"]).output
