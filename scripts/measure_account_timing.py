"""Measure whether /register and /forgotten-password answer in the same time for an address
that has an account and one that does not (if not, the timing tells who has an account).

Runs the app in-process with the production password hash (Werkzeug's scrypt default, not
the cheap one the tests use) on a scratch SQLite database, or on the scratch database named
by --database-url (its tables are created and then dropped: never point it at real data), and
sends the requests alternately so both paths meet the same conditions.

    .venv/bin/python scripts/measure_account_timing.py            # 60 requests per path
    .venv/bin/python scripts/measure_account_timing.py --requests 100

Prints the median and spread for each path and the difference between the medians."""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engage import create_app
from engage.accounts import services
from engage.core.db import db

PASSWORD = "a long enough passphrase 2026"  # noqa: S105 - a fictional account's password
KNOWN = "known.person@example.org"


def make_app(database_url: str):  # noqa: ANN201 - a Flask app
    app = create_app(
        {
            "ENGAGE_ENV": "testing",
            "SECRET_KEY": "timing-measurement",
            "DATABASE_URL": database_url,
            "MAIL_SERVER": None,
            "LOGIN_RATE_LIMIT": "100000 per minute",
            "REGISTER_RATE_LIMIT": "100000 per minute",
            "RESET_RATE_LIMIT": "100000 per minute",
        }
    )
    assert "PASSWORD_HASH_METHOD" not in app.config, "measure with the production hash"
    with app.app_context():
        db.create_all()
        services.create_verified_user("Known Person", KNOWN, PASSWORD)
        db.session.commit()
    return app


def csrf(client, url: str) -> str:  # noqa: ANN001
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def timed_post(client, url: str, data: dict[str, str]) -> float:  # noqa: ANN001
    start = time.perf_counter()
    response = client.post(url, data=data)
    elapsed = time.perf_counter() - start
    assert response.status_code == 302, (url, response.status_code)
    return elapsed * 1000


def measure(app, requests: int) -> dict[str, dict[str, list[float]]]:  # noqa: ANN001
    client = app.test_client()
    results: dict[str, dict[str, list[float]]] = {
        "/register": {"known": [], "unknown": []},
        "/forgotten-password": {"known": [], "unknown": []},
    }
    register_token = csrf(client, "/register")
    reset_token = csrf(client, "/forgotten-password")
    for number in range(requests + 5):  # the first 5 of each warm up and are not counted
        for label in ("known", "unknown") if number % 2 else ("unknown", "known"):
            email = KNOWN if label == "known" else f"new.person.{number}@example.org"
            register_ms = timed_post(
                client,
                "/register",
                {
                    "csrf_token": register_token,
                    "full_name": "Some Person",
                    "email": email,
                    "password": PASSWORD,
                    "confirm_password": PASSWORD,
                },
            )
            unknown_reset = f"nobody.{number}@example.org"
            reset_ms = timed_post(
                client,
                "/forgotten-password",
                {"csrf_token": reset_token, "email": KNOWN if label == "known" else unknown_reset},
            )
            if number >= 5:
                results["/register"][label].append(register_ms)
                results["/forgotten-password"][label].append(reset_ms)
    return results


def report(results: dict[str, dict[str, list[float]]]) -> bool:
    flat = True
    for path, by_label in results.items():
        known = statistics.median(by_label["known"])
        unknown = statistics.median(by_label["unknown"])
        difference = abs(known - unknown) / min(known, unknown) * 100
        flat = flat and difference <= 20
        print(f"{path} ({len(by_label['known'])} requests per path)")
        for label in ("known", "unknown"):
            values = sorted(by_label[label])
            quartiles = statistics.quantiles(values, n=4)
            print(
                f"  {label:8} address: median {statistics.median(values):7.1f} ms"
                f"  (quartiles {quartiles[0]:.1f} to {quartiles[2]:.1f} ms)"
            )
        print(f"  medians differ by {difference:.1f}%")
    return flat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="requests per path (>= 50)")
    parser.add_argument("--database-url", help="a scratch database (tables are dropped after)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = arguments.database_url or f"sqlite:///{scratch}/timing.sqlite"
        app = make_app(url)
        results = measure(app, arguments.requests)
        with app.app_context():
            db.drop_all()
            db.engine.dispose()
    flat = report(results)
    print("Within 20%: yes" if flat else "Within 20%: NO")
    return 0 if flat else 1


if __name__ == "__main__":
    raise SystemExit(main())
