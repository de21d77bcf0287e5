"""requirements.lock records exactly what is installed: make setup installs from it, so the
versions we test are the versions an audit elsewhere checks."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
NOT_LOCKED = {"lcr-engage", "setuptools"}  # this project; venv's own unused setuptools


def locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line.strip())
            assert match, f"not an exact pin: {line!r}"
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_every_installed_package_is_locked_at_its_installed_version():
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for name in NOT_LOCKED:
        installed.pop(name, None)
    pins = locked()
    wrong = {n: (pins.get(n), v) for n, v in installed.items() if pins.get(n) != v}
    extra = sorted(set(pins) - set(installed))
    assert not wrong and not extra, (
        f"requirements.lock is out of date (locked, installed): {wrong}; locked but not "
        f"installed: {extra}. After changing packages in .venv and passing the tests, run "
        "make lock"
    )


def test_make_setup_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -c requirements.lock -e" in makefile
    assert ".make-python: $(BIN)/activate pyproject.toml requirements.lock" in makefile
