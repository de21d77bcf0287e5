"""Engage as the benchmark serves it: its databases, its settings, and the pages to load with
their query counts and signed-in cookies.

    python -m bench.engage_app DATABASE OUTPUT.json

writes the pages of one database to a file. bench/run.py runs it once per data size in its
own process, so that two sizes never share one process's caches (a kept count of one
database must not answer for the other)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "instance" / "bench"
SECRET_KEY = "bench-secret-key-not-for-production"  # noqa: S105
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "engage"]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


@dataclass(frozen=True)
class PreparedPage:
    """A page to load at one data size: where, as whom (a ready Cookie header), and what one
    request of it costs in queries and bytes."""

    name: str
    url: str
    signed_in_as: str
    cookie: str | None
    queries: int
    bytes: int
    most_queries: int


def database_for(factor: int) -> Path:
    return DATA / f"engage-factor{factor}.sqlite"


def engage_environment(database: Path | str) -> dict[str, str]:
    """Production settings on a SQLite file (a Path) or any database URL (a str)."""
    return {
        **os.environ,
        "ENGAGE_ENV": "production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database if isinstance(database, str) else f"sqlite:///{database}",
        "BASE_URL": "http://127.0.0.1",
        "MFA_DISABLED_FOR_DEMO": "false",
        # wrk makes thousands of requests a second to one page from one address: the open
        # API's limit (ORUK_RATE_LIMIT) would answer most of them 429.
        "ORUK_RATE_LIMIT": "10000000 per minute",
    }


def build_database(factor: int, rebuild: bool) -> Path:
    """The demo data (factor 1) or the scale generator's (factor N), built once and kept."""
    database = database_for(factor)
    if database.exists() and not rebuild:
        print(f"Using {database.relative_to(ROOT)} (--rebuild to make it again)")
        return database
    DATA.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    env = {**engage_environment(database), "ENGAGE_ENV": "development"}
    started = time.perf_counter()
    for command in (["db", "upgrade"], ["load-reference"], ["seed-demo"]):
        subprocess.run([*FLASK, *command], env=env, check=True, capture_output=True)
    if factor > 1:
        subprocess.run([*FLASK, "seed-scale", "--factor", str(factor)], env=env, check=True)
    print(f"Built {database.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")
    return database


def working_copy(database: Path) -> Path:
    """A fresh copy of the built database for this run. The pages that show equality figures
    record each view in the audit log, so a run adds thousands of events; serving a copy keeps
    every run on the same data, and runs comparable."""
    copy = database.with_name(database.stem + "-run.sqlite")
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    return copy


def make_app(database: Path | str):  # noqa: ANN201 - a Flask app
    os.environ.update(engage_environment(database))
    from engage import create_app

    return create_app()


def session_cookies(app: Any, emails: set[str]) -> dict[str, str]:
    """A signed session cookie per person, as if they had signed in and passed two-factor."""
    from sqlalchemy import select

    from engage.accounts.models import User
    from engage.core.db import db

    serializer = app.session_interface.get_signing_serializer(app)
    cookies = {}
    with app.app_context():
        for email in emails:
            user = db.session.scalars(select(User).where(User.email == email)).one()
            session = {"_user_id": user.get_id(), "_fresh": True, "mfa_verified": True}
            cookies[email] = serializer.dumps(session)
    return cookies


def count_queries(app: Any, pages: list, cookies: dict[str, str]) -> dict[str, tuple]:
    """(queries, bytes) for each page, fetched in-process exactly as wrk will fetch it."""
    from sqlalchemy import event

    from engage.core.db import db

    counted: dict[str, tuple] = {}
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        for page in pages:
            client = app.test_client()
            if page.user_email:
                client.set_cookie(cookie_name, cookies[page.user_email], domain="localhost")
            client.get(page.url)  # warm caches, as wrk's first requests do
            statements.clear()
            response = client.get(page.url)
            if response.status_code != 200:
                raise SystemExit(f"{page.name} ({page.url}) answered {response.status_code}")
            counted[page.name] = (len(statements), len(response.get_data()))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counted


def prepare(database: Path, only: str | None = None) -> list[PreparedPage]:
    """The pages of ``database``, counted, each with the cookie wrk will send."""
    from bench.pages import bench_pages

    app = make_app(database)
    pages = [p for p in bench_pages(app) if not only or only.lower() in p.name.lower()]
    cookies = session_cookies(app, {p.user_email for p in pages if p.user_email})
    counts = count_queries(app, pages, cookies)
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    return [
        PreparedPage(
            name=page.name,
            url=page.url,
            signed_in_as=page.user_email or "",
            cookie=f"{cookie_name}={cookies[page.user_email]}" if page.user_email else None,
            queries=counts[page.name][0],
            bytes=counts[page.name][1],
            most_queries=page.most_queries,
        )
        for page in pages
    ]


def prepare_in_own_process(database: Path, only: str | None) -> list[PreparedPage]:
    """``prepare`` in a child process (see the module's docstring)."""
    output = database.with_suffix(".pages.json")
    command = [sys.executable, "-m", "bench.engage_app", str(database), str(output)]
    subprocess.run([*command, *([only] if only else [])], cwd=ROOT, check=True)
    pages = [PreparedPage(**page) for page in json.loads(output.read_text())]
    output.unlink()
    return pages


if __name__ == "__main__":
    database_path, output_path, *rest = sys.argv[1:]
    prepared = prepare(Path(database_path), rest[0] if rest else None)
    Path(output_path).write_text(json.dumps([asdict(page) for page in prepared]))
