"""Every model has a factory, and each factory makes a valid row on its own: a new model
without one fails here, naming it, so tests never fall back to building rows by hand."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import inspect

from engage.core.db import db
from tests import factories
from tests.factories import ModelFactory

FACTORIES: list[type[ModelFactory]] = sorted(
    (
        value
        for value in vars(factories).values()
        if isinstance(value, type) and issubclass(value, ModelFactory) and value is not ModelFactory
    ),
    key=lambda factory: factory.__name__,
)


def app_models() -> set[type]:
    """Every mapped class of the app (the tests' own, such as TaggedNote, are left out)."""
    return {
        mapper.class_
        for mapper in db.Model.registry.mappers
        if mapper.class_.__module__.startswith("engage.")
    }


def test_every_model_has_a_factory():
    covered = {factory._meta.model for factory in FACTORIES}
    missing = sorted(f"{m.__module__}.{m.__name__}" for m in app_models() - covered)
    assert len(app_models()) >= 26
    assert missing == [], f"add a factory to tests/factories/ for: {missing}"


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_each_factory_saves_a_valid_row(app: Flask, factory: type[ModelFactory]):
    model = factory._meta.model
    with app.app_context():
        first, second = factory.create_batch(2)  # two at once: nothing unique clashes
        identities = [inspect(row).identity for row in (first, second)]
    assert None not in identities and identities[0] != identities[1]
    # Readable once its app context has ended (tests hand rows to the client's requests).
    assert all(getattr(first, column.key) is not None for column in inspect(model).primary_key)
    with app.app_context():
        for identity in identities:
            assert db.session.get(model, identity) is not None, f"{model.__name__} {identity}"


def test_rows_stay_readable_after_their_app_context_ends(app: Flask):
    """With what they were given and what was made before them in the same context: tests
    read them while the client makes requests, with no app context open."""
    with app.app_context():
        lead = factories.officer()
    with app.app_context():
        round_ = factories.RoundFactory(lead_officer=lead)  # lead: made in another context
        application = factories.ApplicationFactory(round=round_)
        review = factories.ReviewFactory(application=application, scores=[4, 1])
    assert round_.lead_officer_id == lead.id and round_.reviewers[0].email == lead.email
    assert [criterion.title for criterion in round_.criteria] == [
        "Lived experience",
        "Working with others",
    ]
    assert application.status == "submitted" and application.candidate_number == 1
    assert application.panel_choices[0].panel.name == round_.panels[0].name
    assert len(application.answers) == len(round_.questions) == 2
    assert [score.score for score in review.scores] == [4, 1]
    assert review.application.round.title == round_.title
