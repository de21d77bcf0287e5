"""Fictional monitoring answers for the local demo, so the "who we heard from" view has
something to show. Deterministic (a fixed seed), and skewed on purpose the way real
engagement often is: older, whiter and less often disabled than the city region."""

from __future__ import annotations

import random
from collections.abc import Iterable

from sqlalchemy import func, select

from engage.core.db import db
from engage.monitoring.models import MonitoringResponse
from engage.monitoring.questions import PREFER_NOT_TO_SAY, QUESTIONS
from engage.monitoring.services import save_many_answers

DEMO_SUBJECT_TYPE = "demo"
DEMO_SIZE = 240

# Relative weights per answer code; codes not listed get weight 1.
_WEIGHTS: dict[str, dict[str, float]] = {
    "age_band": {
        "under_16": 0,
        "16_to_24": 6,
        "25_to_34": 14,
        "35_to_49": 30,
        "50_to_64": 45,
        "65_to_74": 30,
        "75_to_84": 10,
        "85_plus": 2,
    },
    "ethnic_group": {
        "white_british": 220,
        "white_irish": 4,
        "black_african": 4,
        "asian_chinese": 2,
        "white_other": 6,
        "mixed_white_black_caribbean": 3,
        "other_arab": 1,
    },
    "sex": {"female": 60, "male": 38},
    "gender_identity": {"yes": 95, "no": 2},
    "sexual_orientation": {"straight": 85, "gay_or_lesbian": 5, "bisexual": 4},
    "religion": {"no_religion": 40, "christian": 55, "muslim": 2, "jewish": 1},
    "long_term_condition": {"yes": 18, "no": 80},
    "day_to_day_limited": {"a_lot": 5, "a_little": 8, "not_at_all": 10},
}
_SKIP_RATE = 0.08  # some people leave a question blank
_PREFER_NOT_RATE = 0.04


def _choose(rng: random.Random, key: str) -> str | None:
    roll = rng.random()
    if roll < _SKIP_RATE:
        return None
    if roll < _SKIP_RATE + _PREFER_NOT_RATE:
        return PREFER_NOT_TO_SAY
    codes = [code for code in QUESTIONS[key].codes if code != PREFER_NOT_TO_SAY]
    weights = [_WEIGHTS.get(key, {}).get(code, 1) for code in codes]
    return rng.choices(codes, weights=weights)[0]


def create_demo_responses(size: int = DEMO_SIZE, seed: int = 2026) -> int:
    """Add the demo answers unless there are some already. Returns how many were added."""
    existing = db.session.scalar(
        select(func.count(MonitoringResponse.id)).where(
            MonitoringResponse.subject_type == DEMO_SUBJECT_TYPE
        )
    )
    if existing:
        return 0
    rng = random.Random(seed)  # noqa: S311 - fictional demo data, not security
    return add_fictional_answers(rng, range(1, size + 1))


def fictional_answers(rng: random.Random) -> dict[str, str | None]:
    answers = {key: _choose(rng, key) for key in QUESTIONS}
    if answers["long_term_condition"] != "yes":
        answers["day_to_day_limited"] = None
    return answers


def add_fictional_answers(rng: random.Random, numbers: Iterable[int]) -> int:
    """Fictional demo answers for these subject numbers, inserted in batches."""
    return save_many_answers(
        DEMO_SUBJECT_TYPE, ((number, fictional_answers(rng)) for number in numbers)
    )
