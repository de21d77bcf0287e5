"""Counts of the accessibility checks, printed at the end of the test run.

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
