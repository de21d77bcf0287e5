"""Counts of the accessibility checks, printed at the end of the test run, and a loud warning
there when the browser tests did not run because Chromium is missing.

A pytest plugin. With pytest-xdist each worker counts its own checks and hands the counts to
the controller through ``config.workeroutput`` (the channel pytest-xdist gives plugins for
this); the controller adds them up in ``pytest_testnodedown`` and prints the total.

tests/browser/conftest.py registers this plugin when it loads. Under ``pytest -n`` the
controller does not collect tests, so it loads that conftest only when tests/browser is
named on the command line. For the summary to appear when the whole suite runs in parallel
(``make test``), the top-level tests/conftest.py should say
``pytest_plugins = ["tests.browser.tally"]``."""

from __future__ import annotations

from typing import Any

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_KEY = "engage_axe_tally"
_TALLY = pytest.StashKey[dict[str, int]]()
# The start of the skip (and CI failure) message when Chromium is missing
# (tests/browser/conftest.py): how the summary recognises those tests in any process.
MISSING_BROWSER = "Chromium not found at"


def new_tally() -> dict[str, int]:
    return {"axe_pages": 0, "axe_violations": 0, "reflow_pages": 0, "reflow_failures": 0}


def tally(config: pytest.Config) -> dict[str, int]:
    """This process's counts (on a worker, the same dict is sent to the controller)."""
    if _TALLY not in config.stash:
        counts = new_tally()
        config.stash[_TALLY] = counts
        workeroutput = getattr(config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput[_KEY] = counts
    return config.stash[_TALLY]


def pytest_configure(config: pytest.Config) -> None:
    tally(config)
    if not config.pluginmanager.has_plugin(MissingBrowser.NAME):
        config.pluginmanager.register(MissingBrowser(), MissingBrowser.NAME)


class MissingBrowser:
    """Counts the browser tests skipped (or failed, with CI=true) for want of Chromium. Under
    pytest-xdist the controller receives every worker's reports through this same hook, so
    it counts them all and prints the warning once."""

    NAME = "engage-missing-browser"

    def __init__(self) -> None:
        self.skipped: list[str] = []
        self.failed: list[str] = []
        self.reason = ""

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "setup" or not (report.skipped or report.failed):
            return
        message = _message(report)
        if MISSING_BROWSER not in message:
            return
        self.reason = message[message.index(MISSING_BROWSER) :].splitlines()[0]
        (self.skipped if report.skipped else self.failed).append(report.nodeid)

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: Any, config: pytest.Config) -> None:
        if getattr(config, "workerinput", None) is not None or not (self.skipped or self.failed):
            return
        count = len(self.skipped) + len(self.failed)
        tests = "1 browser test" if count == 1 else f"{count} browser tests"
        skipped = "was SKIPPED" if count == 1 else "were SKIPPED"
        outcome = "FAILED" if self.failed else skipped
        write = terminalreporter.write_line
        terminalreporter.write_sep("=", "THE BROWSER TESTS DID NOT RUN", red=True, bold=True)
        write(f"{tests} {outcome}: {self.reason}", red=True, bold=True)
        write("Nothing checked the pages with axe, the keyboard journeys or 320px reflow.")
        write("To run them, install Debian's Chromium:")
        write("    sudo apt-get install chromium", bold=True)
        write("or set CHROMIUM_PATH to a Chromium binary, then run: .venv/bin/pytest -m browser")
        write("With CI=true a missing Chromium fails these tests instead of skipping them.")
        terminalreporter.write_sep("=", red=True, bold=True)


def _message(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (path, line, reason)
        return str(longrepr[2])
    return str(longrepr or "")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """Controller only: add a finished worker's counts."""
    counts = getattr(node, "workeroutput", {}).get(_KEY) or {}
    totals = tally(node.config)
    for name, value in counts.items():
        totals[name] = totals.get(name, 0) + int(value)


def summary_line(counts: dict[str, int]) -> str:
    return (
        f"Accessibility: axe scanned {counts['axe_pages']} page views "
        f"({', '.join(AXE_TAGS)}): {counts['axe_violations']} violations; "
        f"320px reflow checked on {counts['reflow_pages']} page views: "
        f"{counts['reflow_failures']} scroll sideways"
    )


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if getattr(config, "workerinput", None) is not None:
        return  # a worker: the controller prints the total
    counts = tally(config)
    if counts["axe_pages"] or counts["reflow_pages"]:
        terminalreporter.write_sep("-", "accessibility")
        terminalreporter.write_line(summary_line(counts))
