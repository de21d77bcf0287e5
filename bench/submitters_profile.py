"""Where one submission's time goes (bench/submitters.py --profile): the same journey in
process with Flask's test client, each request's SQL queries counted and timed, so the time
in the app (Python: routing, forms, templates) and in the database can be told apart."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from werkzeug.datastructures import MultiDict

from bench.submitters_client import SENT_HEADING, Target, form_of


class Timer:
    """SQL statements and the time spent in them, from SQLAlchemy's cursor events."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0
        self._began = 0.0

    def before(self, *args: Any) -> None:
        self._began = time.perf_counter()

    def after(self, *args: Any) -> None:
        self.queries += 1
        self.seconds += time.perf_counter() - self._began


def _journey(app: Any, target: Target, token: str, timer: Timer, steps: dict) -> None:
    client = app.test_client()  # a new resident
    home = f"/consultations/{target.consultation_id}"
    page = f"{home}/questions/{target.page_id}"

    def step(name: str, method: str, path: str, form: list | None = None) -> str:
        queries, in_database = timer.queries, timer.seconds
        began, cpu = time.perf_counter(), time.process_time()
        reply = client.get(path) if method == "GET" else client.post(path, data=MultiDict(form))
        total, cpu = time.perf_counter() - began, time.process_time() - cpu
        steps[name].append((total, cpu, timer.seconds - in_database, timer.queries - queries))
        expected = 200 if method == "GET" else 302
        if reply.status_code != expected:
            raise SystemExit(f"{name} answered {reply.status_code}")
        return reply.get_data(as_text=True)

    step("GET consultation", "GET", home)
    start = step("GET start", "GET", f"{home}/start")
    step("POST start", "POST", f"{home}/start", form_of(start, "start"))
    questions = step("GET question page", "GET", page)
    form = dict(form_of(questions, "question page"))
    form.update({target.choice_field: "Yes", target.text_field: token, "action": "continue"})
    step("POST question page", "POST", page, list(form.items()))
    about = step("GET about you", "GET", f"{home}/about-you")
    step("POST about you", "POST", f"{home}/about-you", form_of(about, "about you"))
    check = step("GET check", "GET", f"{home}/check")
    step("POST check (send)", "POST", f"{home}/check", form_of(check, "check"))
    if SENT_HEADING not in step("GET confirmation", "GET", f"{home}/sent"):
        raise SystemExit("no confirmation")


def profile(app: Any, target: Target, journeys: int = 30) -> dict[str, dict[str, float]]:
    """Each step's mean milliseconds (in all, of this process's CPU, waiting for the database's
    answers) and SQL queries."""
    from sqlalchemy import event

    from engage.core.db import db

    with app.app_context():
        engine = db.engine
    timer = Timer()
    event.listen(engine, "before_cursor_execute", timer.before)
    event.listen(engine, "after_cursor_execute", timer.after)
    try:
        _journey(app, target, "profile-warm-up", timer, defaultdict(list))
        steps: dict[str, list] = defaultdict(list)
        for number in range(journeys):
            _journey(app, target, f"profile-{number}", timer, steps)
    finally:
        event.remove(engine, "before_cursor_execute", timer.before)
        event.remove(engine, "after_cursor_execute", timer.after)
    return {
        name: {
            "ms": round(sum(row[0] for row in found) / len(found) * 1000, 2),
            "app_cpu_ms": round(sum(row[1] for row in found) / len(found) * 1000, 2),
            "database_ms": round(sum(row[2] for row in found) / len(found) * 1000, 2),
            "queries": round(sum(row[3] for row in found) / len(found), 1),
        }
        for name, found in steps.items()
    }


def print_profile(steps: dict[str, dict[str, float]]) -> None:
    print("\nOne submission in process (mean ms: in all, the app's CPU, waiting for the "
          "database):")  # fmt: skip
    print(f"{'step':<24} {'ms':>7} {'app CPU':>7} {'db wait':>7} {'queries':>7}")
    total = {key: 0.0 for key in ("ms", "app_cpu_ms", "database_ms", "queries")}
    for name, row in [*steps.items(), ("the whole journey", total)]:
        print(f"{name:<24} {row['ms']:>7.2f} {row['app_cpu_ms']:>7.2f} "
              f"{row['database_ms']:>7.2f} {row['queries']:>7.1f}")  # fmt: skip
        if row is not total:
            for key in total:
                total[key] += row[key]
