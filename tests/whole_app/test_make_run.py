"""`make run PORT=5050` serves on that port, and emailed links follow it unless BASE_URL is
set in the environment or instance/config.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from engage.config import load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_base_url(monkeypatch):
    monkeypatch.delenv("BASE_URL", raising=False)
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)


def test_base_url_follows_the_port_flask_run_serves_on(tmp_path, monkeypatch, no_base_url):
    development = {"ENGAGE_ENV": "development"}
    assert load_config(str(tmp_path), development)["BASE_URL"] == "http://127.0.0.1:5000"
    monkeypatch.setenv("FLASK_RUN_PORT", "5050")
    assert load_config(str(tmp_path), development)["BASE_URL"] == "http://127.0.0.1:5050"


def test_a_base_url_that_is_set_wins_over_the_port(tmp_path, monkeypatch, no_base_url):
    monkeypatch.setenv("FLASK_RUN_PORT", "5050")
    (tmp_path / "config.py").write_text('BASE_URL = "https://from-instance.example"\n')
    config = load_config(str(tmp_path), {"ENGAGE_ENV": "development"})
    assert config["BASE_URL"] == "https://from-instance.example"
    monkeypatch.setenv("BASE_URL", "https://from-environment.example")
    config = load_config(str(tmp_path), {"ENGAGE_ENV": "development"})
    assert config["BASE_URL"] == "https://from-environment.example"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("args", "port"), [([], "5000"), (["PORT=5050"], "5050")])
def test_make_run_serves_on_the_port_it_is_given(args, port):
    """A dry run (make -n): the commands make run would run, without running them."""
    result = subprocess.run(
        ["make", "-n", "--always-make", "run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"--app engage run --host 127.0.0.1 --port {port}" in result.stdout
    assert f"starting at http://127.0.0.1:{port} " in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_tells_the_app_its_port(monkeypatch):
    """Every command make run runs sees FLASK_RUN_PORT (so BASE_URL follows it). FLASK is
    replaced by printenv, and setup is taken as done (-o setup): nothing is installed or
    started."""
    monkeypatch.delenv("FLASK_RUN_PORT", raising=False)
    result = subprocess.run(
        ["make", "-s", "-o", "setup", "run", "PORT=5050", "FLASK=printenv FLASK_RUN_PORT #"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines.count("5050") == 4  # db upgrade, load-reference, seed-demo, run
