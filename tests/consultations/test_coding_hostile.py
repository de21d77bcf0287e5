"""Every string of the Big List of Naughty Strings in every text field of the theme coding
forms (the whole-app hostile-input test's checks, for these forms alone, with an answer to
code, which the whole-app sample does not have): each is stored and shown back exactly
(escaped), or refused with a message on its field, never a server error."""

from __future__ import annotations

import pytest

from tests.access_matrix import OFFICER, seed, sign_in_as
from tests.consultations.test_coding import make_consultation
from tests.factories.themes import CodeframeFactory, ThemeFactory
from tests.forms_discovery import parse_forms
from tests.whole_app.test_hostile_input import (
    FORM_EXPIRED,
    HOSTILE_STRINGS,
    Poster,
    field_state,
    form_data,
    page_checks,
    shown_exactly,
)

CHUNKS = 2


def coding_forms(app, data) -> list:
    """The coding forms with a text field: a theme's (new and change) and an answer's."""
    coded = make_consultation(app, ["The 10A never comes on time."])
    with app.app_context():
        frame = CodeframeFactory(owner_id=coded.consultation_id)
        theme = ThemeFactory(codeframe_id=frame.id, label="Fares", position=1)
    client = app.test_client()
    sign_in_as(client, OFFICER, data)
    pages = [f"{coded.base}/new", f"{coded.base}/{theme.id}/edit", coded.text_page]
    found = {}
    for url in pages:
        for form in parse_forms(url, client.get(url).get_data(as_text=True)):
            if form.text_fields and coded.base in form.action:
                found.setdefault(form.key, form)
    return list(found.values())


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_hostile_strings_in_every_coding_text_field(app, chunk):
    data = seed(app)
    forms = coding_forms(app, data)
    assert len(forms) == 3
    problems: list[str] = []
    for form in forms:
        poster = Poster(app, OFFICER, data, form)
        for fields in form.field_groups():
            for index, typed in enumerate(HOSTILE_STRINGS[chunk::CHUNKS]):
                response = poster.send(form_data(form, fields, typed, index))
                where = f"POST {form.action} fields {fields} with {typed!r}"
                problems.extend(f"{where}: {p}" for p in page_checks(response, typed))
                status = response.status_code
                if status >= 500 or FORM_EXPIRED in response.get_data(as_text=True):
                    problems.append(f"{where}: status {status}")
                elif status in (301, 302, 303):
                    follow = poster.client.get(response.headers["Location"], check=False)
                    problems.extend(f"{where}: {p}" for p in page_checks(follow, typed))
                    if follow.status_code >= 500:
                        problems.append(f"{where}: redirect led to {follow.status_code}")
                elif status == 200:
                    html = response.get_data(as_text=True)
                    for field in fields:
                        state, shown = field_state(html, field)
                        if state == "shown" and not shown_exactly(shown, typed):
                            problems.append(f"{where}: {field!r} shown back as {shown!r}")
                else:
                    problems.append(f"{where}: unexpected status {status}")
                if len(problems) > 20:
                    break
    assert problems == [], "\n".join(problems)
