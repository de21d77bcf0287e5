from __future__ import annotations

import pytest

from tests.panels.helpers import login
from tests.recruitment.helpers import ensure_reference_data


@pytest.fixture
def officer(app, make_user):
    ensure_reference_data(app)
    return login(app, make_user(roles=["officer"]))
