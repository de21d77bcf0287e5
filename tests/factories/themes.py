"""Theme coding (engage/core/themes.py): a codeframe of a consultation (made for it), a theme
in it, an answer coded to a theme and an analyst's note on an answer."""

from __future__ import annotations

import factory

from engage.core.db import utcnow
from engage.core.theme_models import AnalystNote, Codeframe, Theme, ThemeCode
from tests.factories.base import ModelFactory
from tests.factories.consultations import AnswerFactory, ConsultationFactory

OWNER = "consultation"
ITEM = "consultation_answer"


class CodeframeFactory(ModelFactory):
    class Meta:
        model = Codeframe

    owner_type = OWNER
    owner_id = factory.LazyFunction(lambda: ConsultationFactory().id)
    created_at = factory.LazyFunction(utcnow)


class ThemeFactory(ModelFactory):
    class Meta:
        model = Theme

    codeframe_id = factory.LazyFunction(lambda: CodeframeFactory().id)
    label = factory.Sequence(lambda n: f"Theme {n}")
    description = "What people said about it."
    position = factory.Sequence(lambda n: n + 1)


class ThemeCodeFactory(ModelFactory):
    """An answer (made for it) coded to a theme (made for it)."""

    class Meta:
        model = ThemeCode

    theme_id = factory.LazyFunction(lambda: ThemeFactory().id)
    item_type = ITEM
    item_id = factory.LazyFunction(lambda: AnswerFactory(value={"text": "The 10A is late."}).id)
    coded_at = factory.LazyFunction(utcnow)


class AnalystNoteFactory(ModelFactory):
    """A note on an answer, in its theme's codeframe."""

    class Meta:
        model = AnalystNote

    codeframe_id = factory.LazyFunction(lambda: CodeframeFactory().id)
    item_type = ITEM
    item_id = factory.LazyFunction(lambda: AnswerFactory(value={"text": "No step-free route."}).id)
    text = "Mentions access as well as cost."
    written_at = factory.LazyFunction(utcnow)


def code(theme_id: int, item_id: int, item_type: str = ITEM) -> ThemeCode:
    """Code an item to a theme (a row, committed)."""
    return ThemeCodeFactory(theme_id=theme_id, item_id=item_id, item_type=item_type)


__all__ = [
    "AnalystNoteFactory",
    "CodeframeFactory",
    "ThemeCodeFactory",
    "ThemeFactory",
    "code",
]
