"""Without Chromium the browser tests skip, and the end of the run says so loudly, with how
to install it: in a plain run and under pytest-xdist. Runs a small suite in a subprocess
(pytester) that uses the real ``chromium_path`` fixture and summary plugin."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
BANNER = "THE BROWSER TESTS DID NOT RUN"


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    monkeypatch.delenv("CI", raising=False)
    pytester.makeconftest(
        """
        pytest_plugins = ["tests.browser.tally"]
        from tests.browser.conftest import chromium_path  # noqa: F401 - the real fixture
        """
    )
    pytester.makepyfile(
        test_pages="""
        def test_in_chromium(chromium_path):
            pass

        def test_also_in_chromium(chromium_path):
            pass

        def test_without_a_browser():
            pass
        """
    )
    return pytester


@pytest.mark.parametrize("workers", [[], ["-p", "xdist", "-n", "2"]], ids=["plain", "xdist"])
def test_missing_chromium_is_announced_at_the_end(suite, monkeypatch, workers):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    result = suite.runpytest_subprocess(*workers)
    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        [
            f"*{BANNER}*",
            "2 browser tests were SKIPPED: Chromium not found at /nonexistent/chromium*",
            "*sudo apt-get install chromium*",
            "*CI=true a missing Chromium fails these tests*",
        ]
    )
    assert result.stdout.str().count(BANNER) == 1  # once, from the controller


def test_with_ci_true_they_fail_and_the_end_says_why(suite, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines([f"*{BANNER}*", "2 browser tests FAILED: Chromium not found at*"])


def test_no_warning_when_chromium_is_there(suite, monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(fake))
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=3)
    assert BANNER not in result.stdout.str()
