"""Many residents sending a consultation response at once, on PostgreSQL.

    python -m bench.submitters [--clients 200] [--duration 60] [--workers N] [--threads N]

Makes a fresh database (engage_bench_submit, dropped and created each run), runs the
migrations, loads the reference data and opens one consultation with a short form (one page:
a single choice and a short text). Serves Engage with gunicorn and production settings, then
``--clients`` simulated browsers each answer it again and again for ``--duration`` seconds,
exactly as a resident does: the consultation's page, start (a CSRF-protected form), the
question page, "about you" (left blank), check your answers, send, and the confirmation page,
with the session cookie carried throughout. A submission counts as acknowledged only when the
confirmation page came back. Each one types a unique answer into the text question; afterwards
the database must hold a sent response with every acknowledged answer.

The load generator (bench/submitters_client.py) is asyncio on the standard library. Its CPU
time, the server's and PostgreSQL's are measured, so a run says whether the client was the
limit. Results are printed and written as JSON to bench/results/."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import psycopg

from bench.engage_app import FLASK, GUNICORN, RESULTS, ROOT, engage_environment
from bench.load import free_port
from bench.submitters_client import Target, percentile, run_load
from bench.submitters_cpu import cpu_times, cpu_use, machine_busy
from bench.submitters_profile import print_profile, profile

DATABASE = "engage_bench_submit"
SERVER_URL = "postgresql://postgres@127.0.0.1:5432"
# One load generator is one address, and the consultation's limits count per address: raised
# for the run, so every request reaches the app.
RAISED_LIMITS = {"CONSULTATION_RATE_LIMIT": "100000000 per minute"}


def fresh_database(server_url: str) -> str:
    """Drop and create the benchmark's database; return its URL."""
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{server_url}/{DATABASE}"


def environment(database_url: str) -> dict[str, str]:
    return {**engage_environment(database_url), **RAISED_LIMITS}


def make_app(database_url: str) -> Any:
    os.environ.update(environment(database_url))
    from engage import create_app

    return create_app()


def missing_from_migrations(app: Any) -> list[str]:
    """The tables and columns the models have and the migrated database has not."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from engage.core.db import db

    with app.app_context(), db.engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection), db.metadata)
    return [
        f"table {change[1].name}" if change[0] == "add_table" else
        f"column {change[2]}.{change[3].name}"
        for change in found
        if change[0] in ("add_table", "add_column")
    ]  # fmt: skip


def build_schema(app: Any, database_url: str, schema: str) -> None:
    """The migrations (``schema`` "migrations"), or the models' tables made directly
    ("models", for when a feature's migration is not written yet); then the reference data."""
    env = environment(database_url)
    if schema == "migrations":
        subprocess.run([*FLASK, "db", "upgrade"], env=env, check=True, capture_output=True)
        missing = missing_from_migrations(app)
        if missing:
            raise SystemExit(
                "The migrations do not make everything the models describe (missing: "
                + ", ".join(missing[:8]) + ("..." if len(missing) > 8 else "")
                + "). Write the migration, or run with --schema models."
            )  # fmt: skip
    else:
        from engage.core.db import db

        with app.app_context():
            db.create_all()
    subprocess.run([*FLASK, "load-reference"], env=env, check=True, capture_output=True)


def make_consultation(app: Any) -> Target:
    """An officer and one open consultation, made through the consultations' services as the
    builder's pages make them."""
    from engage.accounts.models import User
    from engage.accounts.roles import grant_role
    from engage.consultations import builder_services, services, stages
    from engage.core.dates import uk_today
    from engage.core.db import db

    with app.test_request_context():
        officer = User(
            email="bench-officer@example.org",
            full_name="Bench Officer",
            password_hash="!",  # noqa: S106 - nobody signs in as this officer
        )
        db.session.add(officer)
        db.session.flush()
        grant_role(officer, "officer")
        today = uk_today()
        consultation = services.create_consultation(
            services.ConsultationDetails(
                title="Getting to hospital appointments by bus",
                summary="How people get to hospital appointments, and what would help.",
                deciding="Which bus routes near the hospitals to change first.",
                decided_by="The Transport Committee",
                audience="Anyone who travels to a hospital in the city region.",
                opens_on=today,
                closes_on=today + timedelta(days=30),
                area_codes=["E08000012"],
                priority_ids=[],
            ),
            officer,
        )
        page = consultation.pages[0]
        page.heading = "How you travel"
        choice = builder_services.add_question(
            page,
            builder_services.QuestionDetails(
                kind=stages.QuestionKind.SINGLE_CHOICE,
                text="Do you use a bus to get to hospital appointments?",
                hint="",
                required=True,
                options=["Yes", "No"],
                allows_other=False,
                matrix_rows=[],
            ),
        )
        text = builder_services.add_question(
            page,
            builder_services.QuestionDetails(
                kind=stages.QuestionKind.SHORT_TEXT,
                text="What one change would make the journey easier?",
                hint="",
                required=True,
                options=[],
                allows_other=False,
                matrix_rows=[],
            ),
        )
        services.open_consultation(consultation, today)
        db.session.commit()
        return Target(
            base="",
            consultation_id=consultation.id,
            page_id=page.id,
            choice_field=f"question-{choice.id}",
            choices=("Yes", "No"),
            text_field=f"question-{text.id}",
            text_question_id=text.id,
        )


@contextmanager
def served(env: dict[str, str], workers: int, threads: int, log: Path) -> Iterator[tuple]:
    """Engage under gunicorn (sync workers, or gthread with ``threads`` > 1); yields its base
    URL and the master's process id."""
    port = free_port()
    command = [GUNICORN, "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    if threads > 1:
        command += ["--threads", str(threads)]
    # The default backlog (2048) holds every waiting client; no timeouts are raised.
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    with urllib.request.urlopen(base + "/health", timeout=2):  # noqa: S310
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                raise SystemExit(f"gunicorn did not start: see {log}")
            yield base, server.pid
        finally:
            server.terminate()
            server.wait(timeout=30)


def load(
    target: Target, clients: int, load_time: tuple[float, float], processes: int, prefix: str
) -> list[dict[str, Any]]:
    """``clients`` browsers shared among ``processes`` processes, for ``load_time``: (ramp,
    measured seconds). Their answers are "bench-<prefix><process>c<client>-..."."""
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(run_load, target, share, load_time[1], f"{prefix}{i}", load_time[0])
            for i, share in enumerate(shares)
            if share
        ]
        return [future.result() for future in futures]


def backend_pids(database_url: str) -> set[int]:
    """PostgreSQL's processes serving the benchmark's database (the app's connections)."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (DATABASE,),
        ).fetchall()
    return {row[0] for row in rows}


def stored_answers(database_url: str, target: Target) -> tuple[set[str], int]:
    """The text answers of the consultation's sent responses, and how many were sent."""
    with psycopg.connect(database_url) as connection:
        answers = connection.execute(
            "SELECT a.value ->> 'text' FROM consultation_answer a "
            "JOIN consultation_response r ON r.id = a.response_id "
            "WHERE r.consultation_id = %s AND r.status = 'submitted' AND a.question_id = %s",
            (target.consultation_id, target.text_question_id),
        ).fetchall()
        sent = connection.execute(
            "SELECT count(*) FROM consultation_response "
            "WHERE consultation_id = %s AND status = 'submitted'",
            (target.consultation_id,),
        ).fetchone()[0]
    return {row[0] for row in answers}, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="simultaneous submitters")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    # Threads let a worker answer another request while one waits for PostgreSQL: 2 x 4 sent
    # twice as many as 2 sync workers on a 2-core machine (README).
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument("--load-processes", type=int, default=1, help="load generator processes")
    parser.add_argument("--warm-up", type=float, default=3, help="seconds of unmeasured load")
    parser.add_argument(
        "--ramp", type=float, default=10, help="seconds over which the submitters arrive"
    )
    parser.add_argument(
        "--schema",
        choices=("migrations", "models"),
        default="migrations",
        help="make the tables by the migrations (the default) or from the models",
    )
    parser.add_argument(
        "--profile", action="store_true", help="first time each step of one submission"
    )
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server")
    args = parser.parse_args()

    started = time.perf_counter()
    database_url = fresh_database(args.server_url)
    app = make_app(database_url)
    build_schema(app, database_url, args.schema)
    target = make_consultation(app)
    print(f"Made {DATABASE} in {time.perf_counter() - started:.0f} s: consultation "
          f"{target.consultation_id}, one page with a single choice and a short text")  # fmt: skip
    print("Rate limits raised for the run (one load generator is one address): "
          + ", ".join(f"{k}={v}" for k, v in RAISED_LIMITS.items()))  # fmt: skip
    steps = profile(app, target) if args.profile else None
    if steps:
        print_profile(steps)
    server = f"{args.workers} {'gthread' if args.threads > 1 else 'sync'} workers"
    server += f" x {args.threads} threads" if args.threads > 1 else ""
    logs = ROOT / "instance" / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    with served(environment(database_url), args.workers, args.threads, logs / "submit.log") as (
        base,
        master,
    ):
        target.base = base
        if args.warm_up:  # each worker compiles its templates and opens its connections
            load(target, min(args.clients, 20), (0, args.warm_up), 1, prefix="warm")
        print(f"{args.clients} submitters arriving over {args.ramp:.0f} s, then measured for "
              f"{args.duration:.0f} s, on gunicorn ({server})...", flush=True)  # fmt: skip
        with ThreadPoolExecutor(1) as waiting:
            running = waiting.submit(
                load, target, args.clients, (args.ramp, args.duration), args.load_processes, "p"
            )
            time.sleep(args.ramp)
            before, busy_before = cpu_times(), machine_busy()
            time.sleep(args.duration)
            after, busy_after = cpu_times(), machine_busy()
            outcomes = running.result()
        database_pids = backend_pids(database_url)

    result = summarise(args, server, outcomes, database_url, target)
    result["cpu_cores_used"] = cpu_use(outcomes, (before, busy_before), (after, busy_after),
                                       master, database_pids)  # fmt: skip
    result["profile"] = steps
    report(result)
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / f"{result['when']}-submitters.json"
    output.write_text(json.dumps(result, indent=2))
    print(f"\nWritten to {output.relative_to(ROOT)}")
    if not result["all_acknowledged_present"]:
        sys.exit(f"{result['acknowledged_missing']} acknowledged submissions are not stored")


def summarise(
    args: argparse.Namespace,
    server: str,
    outcomes: list[dict[str, Any]],
    database_url: str,
    target: Target,
) -> dict[str, Any]:
    acknowledged = [token for outcome in outcomes for token in outcome["acknowledged"]]
    outside = [token for outcome in outcomes for token in outcome["outside_window"]]
    stored, _ = stored_answers(database_url, target)
    missing = [token for token in acknowledged + outside if token not in stored]
    errors: Counter[str] = Counter()
    for outcome in outcomes:
        errors.update(outcome["errors"])
    times = sorted(t for outcome in outcomes for t in outcome["journey_seconds"])
    measured = max(outcome["elapsed"] for outcome in outcomes)
    requests = sum(outcome["requests"] for outcome in outcomes)
    return {
        "when": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
        "clients": args.clients,
        "duration_seconds": round(measured, 1),
        "server": server,
        "load_processes": args.load_processes,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "rate_limits_raised": RAISED_LIMITS,
        "requests_per_submission": outcomes[0]["requests_per_journey"],
        "submissions_acknowledged": len(acknowledged),
        "per_second": round(len(acknowledged) / measured, 1),
        "requests_per_second": round(requests / measured, 1),
        "cut_off_at_the_end": sum(outcome["cut_off"] for outcome in outcomes),
        # Confirmed in the ramp or after the end: not counted above, checked in the database.
        "acknowledged_outside_the_window": len(outside),
        "errors": dict(errors),
        "journey_p50_ms": round(percentile(times, 50) * 1000, 1),
        "journey_p99_ms": round(percentile(times, 99) * 1000, 1),
        # Sent by the run's submitters, ramp included (not the warm-up's or the profile's):
        # a journey cut off at the end after sending is stored without being acknowledged.
        "sent_in_database": sum(1 for token in stored if token.startswith("bench-p")),
        "acknowledged_missing": len(missing),
        "all_acknowledged_present": not missing,
        "target": asdict(target),
    }


def report(result: dict[str, Any]) -> None:
    print(f"\nclients {result['clients']}, {result['duration_seconds']} s, {result['server']}")
    print(f"submissions acknowledged: {result['submissions_acknowledged']} "
          f"({result['per_second']} per second; {result['requests_per_submission']} requests "
          f"each, {result['requests_per_second']} requests per second)")  # fmt: skip
    print(f"journey time: p50 {result['journey_p50_ms']} ms, p99 {result['journey_p99_ms']} ms")
    print(f"errors: {result['errors'] or 'none'}; journeys cut off at the end: "
          f"{result['cut_off_at_the_end']}; confirmed outside the measured seconds (not "
          f"counted): {result['acknowledged_outside_the_window']}")  # fmt: skip
    print(f"sent in the database: {result['sent_in_database']}; "
          f"every acknowledged submission present: "
          f"{'yes' if result['all_acknowledged_present'] else 'NO'}"
          + ("" if result["all_acknowledged_present"]
             else f" ({result['acknowledged_missing']} missing)"))  # fmt: skip
    cores = ", ".join(f"{name} {value}" for name, value in result["cpu_cores_used"].items())
    print(f"CPU, in cores of {result['machine']['cpus']}: {cores}")
    if result["cpu_cores_used"]["load generator"] > 0.85 * result["load_processes"]:
        print("The load generator was near a full core: try --load-processes 2.")


if __name__ == "__main__":
    main()
