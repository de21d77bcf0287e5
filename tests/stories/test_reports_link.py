"""The staff home page links to the stories reports."""

from __future__ import annotations

from tests.stories.reports_helpers import officer


def test_the_staff_home_page_links_to_the_reports(app, make_user):
    page = officer(app, make_user).get("/admin/")
    assert page.status_code == 200
    assert 'href="/admin/stories/reports/"' in page.get_data(as_text=True)
