"""url_maker gives exactly the address url_for gives, for any id, having built it once."""

from __future__ import annotations

from flask import url_for
from hypothesis import given
from hypothesis import strategies as st

from engage.core.urls import url_maker


@given(st.integers(min_value=0, max_value=10**12))
def test_url_maker_gives_url_fors_address_for_every_id(app, record_id):
    with app.test_request_context():
        edit = url_maker("strategy.edit_priority", "priority_id")
        assert edit(record_id) == url_for("strategy.edit_priority", priority_id=record_id)
        comment = url_maker("directory.public.organisation", "organisation_id", page=2)
        assert comment(record_id) == url_for(
            "directory.public.organisation", organisation_id=record_id, page=2
        )
