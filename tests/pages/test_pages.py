"""Public pages, the layout around them, and the compiled styles."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PUBLIC_PAGES = {
    "/": "Have your say on equality in the Liverpool City Region",
    "/accessibility": "Accessibility statement for LCR Engage",
    "/privacy": "Privacy notice",
    "/cookies": "Cookies",
    "/contact": "Contact us",
    "/sign-in": "Sign in",
    "/register": "Create an account",
    "/forgotten-password": "Reset your password",
}


@pytest.mark.parametrize(("url", "title"), PUBLIC_PAGES.items())
def test_public_pages_render_with_a_title_that_names_them(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<title>{title} – LCR Engage</title>" in response.get_data(as_text=True)


def test_layout_has_our_header_footer_and_no_crown(client):
    page = client.get("/").get_data(as_text=True)
    assert 'class="govuk-generic-header__homepage-link">' in page
    assert "LCR Engage" in page
    for link in ("/accessibility", "/privacy", "/cookies", "/contact"):
        assert f'href="{link}"' in page
    assert "crown" not in page.lower() and "GOV.UK" not in page
    assert 'href="#main-content"' in page  # skip link


def test_home_page_tells_a_resident_what_they_can_do(client):
    page = client.get("/").get_data(as_text=True)
    for task in ("Equality Panel", "organisation", "have your say", "experience"):
        assert task.lower() in page.lower(), task


def test_cookies_page_lists_only_the_essential_session_cookie(client):
    page = client.get("/cookies").get_data(as_text=True)
    assert "engage_session" in page
    assert "analytics" in page.lower()  # says there are none


def test_not_found_page_is_styled(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_navigation_changes_when_signed_in(client, make_user, signed_in_as):
    assert 'href="/sign-in"' in client.get("/").get_data(as_text=True)
    signed_in_as(make_user())
    page = client.get("/").get_data(as_text=True)
    assert 'href="/account"' in page and 'href="/sign-out"' in page
    assert 'href="/admin/"' not in page  # residents do not see staff links


def test_compiled_styles_use_our_fonts_and_brand_colour():
    css = (ROOT / "static" / "dist" / "app.css").read_text()
    assert "GDS Transport" not in css
    assert "font-family:arial,sans-serif" in css
    assert "#5c2483" in css.lower()
    assert not list((ROOT / "static" / "dist").glob("**/*.woff*")), "no GDS fonts shipped"


def test_static_assets_are_served(client):
    assert client.get("/static/dist/app.css").status_code == 200
    assert client.get("/static/js/app.mjs").status_code == 200
    assert client.get("/static/dist/govuk-frontend.min.js").status_code == 200


def test_health_check(client):
    assert client.get("/health").get_json() == {"status": "ok"}


# Words that must be true today (issue 8): what is built, and what is not.


def test_home_page_says_no_account_is_needed_to_apply(client):
    page = client.get("/").get_data(as_text=True)
    assert "You will need an account to apply" not in page
    assert page.count("You do not need an account") == 2  # in the panels part and "Your account"
    assert "we\n      email you a link so you can save your application" in page
    # Unbuilt parts are listed as not built, with no promise of a date or of what they will do.
    assert "These parts of LCR Engage are not built yet" in page
    for promise in ("Coming soon", "You will be able to", "We will list", "see what we did"):
        assert promise not in page, promise


def test_accessibility_statement_says_what_was_tested_and_what_was_not(client):
    page = client.get("/accessibility").get_data(as_text=True)
    assert "panel applications, the directory" not in page  # panel applications are built
    for tested in (
        "axe accessibility\n        testing tool’s checks for WCAG 2.2 AA",
        "320 pixels wide without scrolling the page",
        "apply to a panel using only a keyboard",
    ):
        assert tested in page, tested
    for gap in ("by hand with screen readers", "Firefox, Safari", "not every page"):
        assert gap in page, gap
    assert "find local voluntary" not in page and "take part in consultations" not in page


def test_privacy_notice_says_what_people_can_do_themselves(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "download everything" not in page.lower()
    assert "We are building a way" not in page
    # Download is self-service (engage/rights/download): the notice says how, truthfully.
    assert "You can download a copy of your information from this website yourself" in page
    assert 'href="/account/your-data"' in page and 'href="/your-data"' in page
    assert 'href="/contact"' in page and "dpo@liverpoolcityregion-ca.gov.uk" in page
    # The retention job (flask apply-retention) exists: the notice states its periods
    # (tests/retention/test_job.py checks they follow the RETENTION setting).
    assert "does not yet delete old information automatically" not in page
    assert "This website does that every day, on this timetable" in page
    for unbuilt in ("consultation responses</strong>", "<strong>comments</strong>", "respond to"):
        assert unbuilt not in page, unbuilt
