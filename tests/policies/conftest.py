"""The scene most draft-policy tests start from."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.core.dates import uk_today
from engage.core.db import db
from engage.panels.models import Panel
from engage.policies.api import PolicyDetails, add_version, create_policy
from engage.policies.document_text import blocks_from_text, number_blocks
from tests.conftest import post_form
from tests.factories import PanelMembershipFactory
from tests.panels.helpers import login
from tests.policies.helpers import TEXT
from tests.recruitment.helpers import ensure_reference_data


def member_of(app, make_user, code: str, name: str):
    user = make_user(full_name=name)
    with app.app_context():
        panel = db.session.scalars(select(Panel).where(Panel.code == code)).one()
        PanelMembershipFactory(panel=panel, user=user)
    return user


@pytest.fixture
def scene(app, make_user):
    """A policy whose version 1 is open to the Disabled People Panel for two weeks."""
    ensure_reference_data(app)
    officer = make_user(roles=["officer"], full_name="Olu Officer")
    with app.app_context():
        policy = create_policy(PolicyDetails("Bus stops", "Stops.", "Transport", []), officer)
        version = add_version(
            policy,
            number_blocks(blocks_from_text(TEXT)),
            change_note="",
            source="pasted",
            filename="",
            created_by=officer,
        )
        db.session.commit()
        policy_id, version_id = policy.id, version.id
    client = login(app, officer)
    url = f"/admin/policies/{policy_id}/versions/1/open"
    with app.app_context():
        panel_id = db.session.scalar(select(Panel.id).where(Panel.code == "disabled-people"))
    closes = uk_today() + timedelta(days=14)
    response = post_form(
        client,
        url,
        {
            "panels": [str(panel_id)],
            "closes_on": [str(closes.day), str(closes.month), str(closes.year)],
        },
    )
    assert response.status_code == 302, re.findall(
        r"govuk-error-message.*?</p>", response.get_data(as_text=True), re.S
    )
    return {
        "officer": officer,
        "officer_client": client,
        "policy_id": policy_id,
        "version_id": version_id,
        "base": f"/policies/{policy_id}/versions/1",
        "admin_base": f"/admin/policies/{policy_id}/versions/1",
        "member": member_of(app, make_user, "disabled-people", "Dee Member"),
        "fellow": member_of(app, make_user, "disabled-people", "Fay Fellow"),
        "outsider": member_of(app, make_user, "race", "Ray Race"),
    }
