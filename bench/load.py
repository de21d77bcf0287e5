"""Serving an app under gunicorn and loading one URL of it with wrk."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.engage_app import GUNICORN, ROOT


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


def load(url: str, duration: float, connections: int, cookie: str | None) -> dict[str, float]:
    """req/s, p50 and p99 in ms, and how many answers were errors, for ``duration`` seconds."""
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
