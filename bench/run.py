"""Load every public page and staff list page of Engage, and the anchor, with wrk.

    python -m bench.run [--factor N] [--duration SECONDS] [--compare OLD.json]

Both apps are served the same way (gunicorn, 2 sync workers, production settings) and loaded
in turn by the same wrk command. For each page: the SQL queries it makes, its size, req/s,
p50 and p99 latency, and req/s as a share of the anchor's in the same run. The table is
printed and written as JSON to bench/results/ so two runs can be compared (--compare)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.pages import Page, bench_pages

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "instance" / "bench"
SECRET_KEY = "bench-secret-key-not-for-production"  # noqa: S105
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "engage"]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


@dataclass
class Result:
    name: str
    url: str
    signed_in_as: str
    queries: int
    bytes: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio_to_anchor: float = 0.0


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


def count_queries(app: Any, pages: list[Page], cookies: dict[str, str]) -> dict[str, tuple]:
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(app_path: str, env: dict[str, str], ready_path: str, log: Path) -> Iterator[str]:
    """Run ``app_path`` under gunicorn with 2 sync workers; yield its base URL."""
    port = free_port()
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [GUNICORN, "--workers", "2", "--bind", f"127.0.0.1:{port}", app_path],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(base + ready_path, timeout=2):  # noqa: S310
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                raise SystemExit(f"{app_path} did not start: see {log}")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def load(url: str, duration: int, connections: int, cookie: str | None) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _milliseconds(percentiles["50"]),
        "p99_ms": _milliseconds(percentiles["99"]),
        "errors": int(errors.group(1)) if errors else (1 if socket_errors else 0),
    }


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("wrk is not installed: installing it from Debian's packages")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def print_table(results: list[Result], anchor: dict[str, float]) -> None:
    print(
        f"\nAnchor (300 ORM rows in a Jinja template): "
        f"{anchor['requests_per_second']:.0f} req/s, p50 {anchor['p50_ms']:.1f} ms, "
        f"p99 {anchor['p99_ms']:.1f} ms\n"
    )
    header = f"{'page':<30} {'queries':>7} {'bytes':>7} {'req/s':>7} {'p50 ms':>7} "
    header += f"{'p99 ms':>7} {'anchor':>7}"
    print(header)
    print("-" * len(header))
    for r in results:
        flag = "  ERRORS" if r.errors else ""
        print(
            f"{r.name[:30]:<30} {r.queries:>7} {r.bytes:>7} {r.requests_per_second:>7.0f} "
            f"{r.p50_ms:>7.1f} {r.p99_ms:>7.1f} {r.ratio_to_anchor:>6.0%}{flag}"
        )


def compare(results: list[Result], old_file: Path) -> None:
    old = {page["name"]: page for page in json.loads(old_file.read_text())["pages"]}
    print(f"\nCompared with {old_file}:")
    print(f"{'page':<30} {'p50 then':>9} {'p50 now':>8} {'times':>6} {'queries':>11}")
    for r in results:
        before = old.get(r.name)
        if before is None:
            continue
        times = r.p50_ms / before["p50_ms"] if before["p50_ms"] else 0
        print(
            f"{r.name[:30]:<30} {before['p50_ms']:>9.1f} {r.p50_ms:>8.1f} {times:>5.1f}x "
            f"{before['queries']:>5} -> {r.queries:<3}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=int, default=1, help="data size: 1 is the demo")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=4, help="open connections")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--compare", type=Path, help="an earlier run's JSON to compare with")
    parser.add_argument("--only", help="load only pages whose name contains this")
    args = parser.parse_args()

    ensure_wrk()
    database = working_copy(build_database(args.factor, args.rebuild))
    app = make_app(database)
    pages = [p for p in bench_pages(app) if not args.only or args.only.lower() in p.name.lower()]
    cookies = session_cookies(app, {p.user_email for p in pages if p.user_email})
    counts = count_queries(app, pages, cookies)
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    logs = DATA / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    def anchor_run() -> dict[str, float]:
        anchor_env = {**os.environ, "ANCHOR_DATABASE": str(DATA / "anchor.sqlite")}
        with served("bench.anchor.app:app", anchor_env, "/", logs / "anchor.log") as base:
            load(base + "/", 1, args.connections, None)  # warmed, as each page is
            return load(base + "/", args.duration, args.connections, None)

    print(f"Loading {len(pages)} pages for {args.duration} s each, and the anchor before and after")
    anchor_before = anchor_run()
    results = []
    with served("wsgi:app", engage_environment(database), "/health", logs / "engage.log") as base:
        for page in pages:
            cookie = f"{cookie_name}={cookies[page.user_email]}" if page.user_email else None
            # A second of load first, unmeasured: each worker compiles the page's templates and
            # fills its caches on its first requests, as the in-process count above did.
            load(base + page.url, 1, args.connections, cookie)
            measured = load(base + page.url, args.duration, args.connections, cookie)
            queries, size = counts[page.name]
            results.append(
                Result(page.name, page.url, page.user_email or "", queries, size, **measured)
            )
            print(f"  {page.name}: {measured['requests_per_second']:.0f} req/s", flush=True)
    anchor_after = anchor_run()
    anchor = {
        key: (anchor_before[key] + anchor_after[key]) / 2
        for key in ("requests_per_second", "p50_ms", "p99_ms")
    }
    for result in results:
        result.ratio_to_anchor = result.requests_per_second / anchor["requests_per_second"]

    print_table(results, anchor)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output = RESULTS / f"{stamp}-factor{args.factor}.json"
    output.write_text(
        json.dumps(
            {
                "when": stamp,
                "factor": args.factor,
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "duration_seconds": args.duration,
                "connections": args.connections,
                "anchor": anchor,
                "anchor_runs": [anchor_before, anchor_after],
                "pages": [asdict(result) for result in results],
            },
            indent=2,
        )
    )
    print(f"\nWritten to {output.relative_to(ROOT)}")
    if args.compare:
        compare(results, args.compare)
    if any(result.errors for result in results):
        sys.exit("Some pages answered with errors under load: see the table.")


if __name__ == "__main__":
    main()
