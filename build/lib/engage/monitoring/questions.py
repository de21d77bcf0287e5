"""The equality monitoring questions: look-ups over the wording in ``wording.py``, the order
the form shows them in, and the derived disability status.

Every question is optional. "Prefer not to say" is stored as ``PREFER_NOT_TO_SAY``; a
question left blank is stored as NULL ("not answered")."""

from __future__ import annotations

from engage.monitoring.wording import (
    CENSUS,
    ETHNIC_GROUPS,
    NOT_ANSWERED,
    NOT_ANSWERED_LABEL,
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
    QUESTION_LIST,
    SMC,
    Option,
    OptionGroup,
    Question,
)

__all__ = [
    "CENSUS",
    "DISABILITY",
    "DISABILITY_QUESTION",
    "ETHNIC_GROUPS",
    "LIMITED_A_LITTLE",
    "LIMITED_A_LOT",
    "NOT_ANSWERED",
    "NOT_ANSWERED_LABEL",
    "NOT_DISABLED",
    "PREFER_NOT_TO_SAY",
    "PREFER_NOT_TO_SAY_LABEL",
    "QUESTIONS",
    "SECTIONS",
    "SMC",
    "WRITE_IN_COLUMNS",
    "WRITE_IN_MAX_LENGTH",
    "Option",
    "OptionGroup",
    "Question",
    "disability_status",
    "question",
]

QUESTIONS: dict[str, Question] = {question.key: question for question in QUESTION_LIST}

# The order the form shows them in, under short headings.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("About you", ("age_band", "sex", "gender_identity", "sexual_orientation")),
    ("Ethnic group and religion", ("ethnic_group", "religion")),
    ("Health, disability and caring", ("long_term_condition", "day_to_day_limited", "unpaid_care")),
    ("Your background", ("school_type", "free_school_meals", "parent_occupation")),
)

WRITE_IN_COLUMNS: tuple[str, ...] = tuple(
    q.write_in_column for q in QUESTION_LIST if q.write_in_column
)
# Longest write-in we keep: enough for any self-description, short enough to stay a label.
WRITE_IN_MAX_LENGTH = 200

# --- Derived: disability under the Equality Act, as the census derives it -----------------

DISABILITY = "disability"
LIMITED_A_LOT = "limited_a_lot"
LIMITED_A_LITTLE = "limited_a_little"
NOT_DISABLED = "not_disabled"
DISABILITY_QUESTION = Question(
    key=DISABILITY,
    text="Disabled under the Equality Act (derived from the two health questions)",
    short_name="disability",
    source="Derived as in the 2021 Census",
    options=(
        Option(LIMITED_A_LOT, "Disabled: day-to-day activities limited a lot"),
        Option(LIMITED_A_LITTLE, "Disabled: day-to-day activities limited a little"),
        Option(NOT_DISABLED, "Not disabled"),
    ),
)


def disability_status(
    long_term_condition: str | None, day_to_day_limited: str | None
) -> str | None:
    """Derive disability the way the census does: a condition lasting 12 months or more that
    limits day-to-day activities a lot or a little. ``None`` means not answered.

    - no condition, or a condition that limits "not at all" -> not disabled;
    - limited a lot / a little (unless they said they have no condition) -> that level;
    - otherwise "Prefer not to say" on either question -> prefer not to say;
    - a "yes" to the condition with the second question blank cannot be placed -> None.
    """
    if long_term_condition == "no" or day_to_day_limited == "not_at_all":
        return NOT_DISABLED
    if day_to_day_limited == "a_lot":
        return LIMITED_A_LOT
    if day_to_day_limited == "a_little":
        return LIMITED_A_LITTLE
    if PREFER_NOT_TO_SAY in (long_term_condition, day_to_day_limited):
        return PREFER_NOT_TO_SAY
    return None


def question(key: str) -> Question:
    """A question by key, including the derived ``disability``."""
    if key == DISABILITY:
        return DISABILITY_QUESTION
    return QUESTIONS[key]
