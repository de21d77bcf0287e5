"""axe-core (WCAG 2.2 AA tags) on every page each kind of user can reach, and reflow at 320
CSS pixels (WCAG 1.4.10): no horizontal scrolling. Zero violations allowed."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.access_matrix import USER_KINDS, reachable_pages, seed
from tests.browser.checks import NARROW, WIDE, axe_violations, horizontal_overflow
from tests.browser.conftest import sign_in_browser
from tests.factories import PASSWORD

MIN_PAGES_PER_KIND = 5


def open_page(page: Any, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, (
        f"{url} answered {response.status if response else 'nothing'} in the browser"
    )


def check_page(page: Any, url: str, axe_tally: dict[str, int]) -> list[str]:
    """axe at desktop width, then reflow at 320px. Returns the problems found."""
    problems = []
    page.set_viewport_size(WIDE)
    open_page(page, url)
    violations = axe_violations(page)
    axe_tally["axe_pages"] += 1
    axe_tally["axe_violations"] += len(violations)
    problems += [f"axe {violation}" for violation in violations]

    page.set_viewport_size(NARROW)
    page.reload(wait_until="load")
    overflow = horizontal_overflow(page)
    axe_tally["reflow_pages"] += 1
    if overflow:
        axe_tally["reflow_failures"] += 1
        problems.append(f"horizontal scrolling at 320px: {overflow}")
    return problems


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{path}:\n" + "\n".join(f"  - {problem}" for problem in found)
        for path, found in problems.items()
        if found
    )


@pytest.mark.parametrize("kind", USER_KINDS)
def test_every_reachable_page_is_accessible(
    kind: str,
    app: Flask,
    client: FlaskClient,
    context: Any,
    page: Any,
    live_server: str,
    axe_tally: dict[str, int],
) -> None:
    data = seed(app)
    sign_in_browser(context, client, live_server, kind, data)
    paths = reachable_pages(app, client, kind, data)
    assert len(paths) >= MIN_PAGES_PER_KIND, f"only {len(paths)} pages reachable as {kind}"

    problems = {path: check_page(page, live_server + path, axe_tally) for path in paths}

    failures = report(problems)
    if failures:
        pytest.fail(
            f"Accessibility failures as {kind} ({len(paths)} pages checked):\n{failures}",
            pytrace=False,
        )


def wait_for_error_summary(page: Any) -> None:
    """GOV.UK Frontend's JavaScript moves focus to the error summary."""
    summary = page.locator(".govuk-error-summary")
    summary.wait_for(state="visible")
    page.wait_for_function(
        "() => document.activeElement && "
        "document.activeElement.classList.contains('govuk-error-summary')"
    )


def check_error_state(page: Any, axe_tally: dict[str, int]) -> None:
    url = page.url
    assert page.title().startswith("Error: "), page.title()
    violations = axe_violations(page)
    axe_tally["axe_pages"] += 1
    axe_tally["axe_violations"] += len(violations)
    page.set_viewport_size(NARROW)
    overflow = horizontal_overflow(page)
    axe_tally["reflow_pages"] += 1
    problems = [f"axe {violation}" for violation in violations]
    if overflow:
        axe_tally["reflow_failures"] += 1
        problems.append(f"horizontal scrolling at 320px: {overflow}")
    if problems:
        pytest.fail(f"{url} in its error state:\n" + "\n".join(problems), pytrace=False)


def test_register_form_with_errors_is_accessible(
    page: Any, live_server: str, axe_tally: dict[str, int]
) -> None:
    page.set_viewport_size(WIDE)
    open_page(page, live_server + "/register")
    page.get_by_role("button", name="Create account").click()
    wait_for_error_summary(page)
    links = page.locator(".govuk-error-summary__list a")
    assert links.count() >= 3, "the error summary should list each empty field"
    check_error_state(page, axe_tally)


def test_sign_in_with_wrong_password_is_accessible(
    page: Any, live_server: str, make_user: Any, axe_tally: dict[str, int]
) -> None:
    user = make_user(email="wrong-password@example.org")
    page.set_viewport_size(WIDE)
    open_page(page, live_server + "/sign-in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD + " but wrong")
    page.get_by_role("button", name="Sign in").click()
    wait_for_error_summary(page)
    assert (
        "Enter a correct email address and password"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_error_state(page, axe_tally)
