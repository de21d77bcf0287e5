"""Ask PostgreSQL how it runs every query of every benchmarked page, at N times the demo.

    python -m bench.explain [--factor 100] [--database-url postgresql://...] [--rebuild] [--show]

Builds the scale data in the PostgreSQL database named (once; --rebuild to build it again),
runs ANALYZE, fetches each page of bench/pages.py in-process, and runs EXPLAIN on each SELECT
it made, with the same parameters. A sequential scan of a table with more than LARGE rows is
a missing or unused index: the page's time would grow with the data. It prints each page's
queries and any such scans, and exits 1 if there are any."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from typing import Any

from bench.engage_app import FLASK, engage_environment, make_app, session_cookies
from bench.pages import bench_pages

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/engage_bench"
LARGE = 10_000


def build(url: str, factor: int, rebuild: bool) -> None:
    env = {**engage_environment(url), "ENGAGE_ENV": "development"}
    admin_url, name = url.rsplit("/", 1)
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"Name the database in lower-case letters, digits and _: {name!r}")
    psql = ["psql", f"{admin_url}/postgres", "-qtAc"]
    exists = subprocess.run(
        [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],  # noqa: S608 - checked
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists and not rebuild:
        print(f"Using the database {name} (--rebuild to make it again)")
        return
    if exists:
        subprocess.run([*psql, f'DROP DATABASE "{name}"'], check=True)
    subprocess.run([*psql, f'CREATE DATABASE "{name}"'], check=True)
    for command in (["db", "upgrade"], ["load-reference"], ["seed-demo"]):
        subprocess.run([*FLASK, *command], env=env, check=True, capture_output=True)
    if factor > 1:
        subprocess.run([*FLASK, "seed-scale", "--factor", str(factor)], env=env, check=True)


def seq_scans(plan: dict[str, Any], statement_cost: float | None = None) -> list[str]:
    """Tables the plan reads from end to end. A scan the statement stops early (EXISTS, or
    a LIMIT: the whole statement is expected to cost less than half the scan) is not one."""
    statement_cost = plan["Total Cost"] if statement_cost is None else statement_cost
    found = []
    if plan.get("Node Type") == "Seq Scan" and statement_cost >= plan["Total Cost"] / 2:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found.extend(seq_scans(child, statement_cost))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--show", action="store_true", help="print each scanning query's plan")
    args = parser.parse_args()
    build(args.database_url, args.factor, args.rebuild)

    app = make_app(args.database_url)
    from sqlalchemy import event, text

    from engage.core.db import db

    with app.app_context():
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        sizes = dict(
            db.session.execute(
                text("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
            ).all()
        )
        engine = db.engine
    pages = bench_pages(app)
    cookies = session_cookies(app, {page.user_email for page in pages if page.user_email})
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    problems = 0
    event.listen(engine, "before_cursor_execute", keep)
    raw = engine.raw_connection()
    try:
        for page in pages:
            client = app.test_client()
            if page.user_email:
                client.set_cookie(cookie_name, cookies[page.user_email], domain="localhost")
            client.get(page.url)
            statements.clear()
            status = client.get(page.url).status_code
            selects = [s for s in statements if s[0].lstrip().upper().startswith("SELECT")]
            scans = []
            for statement, parameters in selects:
                cursor = raw.cursor()
                cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
                plan = cursor.fetchone()[0]
                cursor.close()
                plan = json.loads(plan) if isinstance(plan, str) else plan
                large = [t for t in seq_scans(plan[0]["Plan"]) if sizes.get(t, 0) > LARGE]
                scans.extend(f"{table} ({sizes[table]:,} rows)" for table in large)
                if large and args.show:
                    cursor = raw.cursor()
                    cursor.execute("EXPLAIN " + statement, parameters)
                    print(statement, parameters, *(row[0] for row in cursor), sep="\n")
                    cursor.close()
            raw.rollback()
            verdict = "ok" if not scans else "SEQUENTIAL SCAN of " + ", ".join(scans)
            problems += len(scans)
            print(f"{page.name:<32} {status} {len(selects):>3} selects  {verdict}")
    finally:
        event.remove(engine, "before_cursor_execute", keep)
        raw.close()
    biggest = sorted(sizes.items(), key=lambda item: -item[1])[:6]
    print("\nLargest tables: " + ", ".join(f"{name} {rows:,}" for name, rows in biggest))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
