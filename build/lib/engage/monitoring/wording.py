"""The wording of the equality monitoring questions, as data: the one source of truth the
form, the table columns, the aggregates and the census mapping all read (through
``engage.monitoring.questions``). Wording follows the 2021 Census for England
and Wales and the Social Mobility Commission's (SMC) socio-economic background questions.

Codes are stable machine values stored in the database: never change or reuse one; add a new
code instead. Every question is optional. "Prefer not to say" is stored as
``PREFER_NOT_TO_SAY``; a question left blank is stored as NULL ("not answered").

The ethnic group options are grouped under the five 2021 headings in the order ONS uses for
its outputs and GOV.UK uses in its list of ethnic groups (alphabetical, "Other" last), which
differs from the order on the paper census form (White first).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PREFER_NOT_TO_SAY = "prefer_not_to_say"
PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"
# Never stored (the column is NULL); used as a key in counts.
NOT_ANSWERED = "not_answered"
NOT_ANSWERED_LABEL = "Not answered"

CENSUS = "2021 Census"
SMC = "Social Mobility Commission"


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    hint: str | None = None
    # The form field for a write-in ("Any other ..., write in"), and its label.
    write_in: str | None = None
    write_in_label: str | None = None


@dataclass(frozen=True)
class OptionGroup:
    """A heading with its options (only the ethnic group question has these)."""

    code: str
    heading: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    short_name: str  # for error messages: "Select your {short_name} ..."
    source: str
    options: tuple[Option, ...]
    hint: str | None = None
    groups: tuple[OptionGroup, ...] = ()
    # The table column holding the write-in text, if any option has one.
    write_in_column: str | None = None
    _by_code: dict[str, Option] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({option.code: option for option in self.options})

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code that may be stored, "Prefer not to say" last."""
        return (*(option.code for option in self.options), PREFER_NOT_TO_SAY)

    def label_for(self, code: str) -> str:
        if code == PREFER_NOT_TO_SAY:
            return PREFER_NOT_TO_SAY_LABEL
        if code == NOT_ANSWERED:
            return NOT_ANSWERED_LABEL
        return self._by_code[code].label

    def option(self, code: str) -> Option | None:
        return self._by_code.get(code)

    @property
    def write_in_fields(self) -> tuple[str, ...]:
        return tuple(option.write_in for option in self.options if option.write_in)


def _options(*pairs: tuple[str, str] | Option) -> tuple[Option, ...]:
    return tuple(pair if isinstance(pair, Option) else Option(*pair) for pair in pairs)


def _other(code: str, label: str, write_in: str, write_in_label: str) -> Option:
    return Option(code, label, write_in=write_in, write_in_label=write_in_label)


ETHNIC_GROUPS = (
    OptionGroup(
        "asian",
        "Asian, Asian British or Asian Welsh",
        _options(
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            _other(
                "asian_other",
                "Any other Asian background",
                "ethnic_group_other_asian",
                "Describe your Asian background",
            ),
        ),
    ),
    OptionGroup(
        "black",
        "Black, Black British, Black Welsh, Caribbean or African",
        _options(
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            _other(
                "black_other",
                "Any other Black, Black British or Caribbean background",
                "ethnic_group_other_black",
                "Describe your Black, Black British or Caribbean background",
            ),
        ),
    ),
    OptionGroup(
        "mixed",
        "Mixed or Multiple ethnic groups",
        _options(
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            _other(
                "mixed_other",
                "Any other Mixed or Multiple background",
                "ethnic_group_other_mixed",
                "Describe your Mixed or Multiple background",
            ),
        ),
    ),
    OptionGroup(
        "white",
        "White",
        _options(
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_irish_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            _other(
                "white_other",
                "Any other White background",
                "ethnic_group_other_white",
                "Describe your White background",
            ),
        ),
    ),
    OptionGroup(
        "other",
        "Other ethnic group",
        _options(
            ("other_arab", "Arab"),
            _other(
                "other_any",
                "Any other ethnic group",
                "ethnic_group_other_any",
                "Describe your ethnic group",
            ),
        ),
    ),
)

QUESTION_LIST: tuple[Question, ...] = (
    Question(
        key="age_band",
        text="What is your age?",
        short_name="age group",
        source="2021 Census output age bands",
        hint="We ask for an age group, not your date of birth",
        options=_options(
            ("under_16", "Under 16"),
            ("16_to_24", "16 to 24"),
            ("25_to_34", "25 to 34"),
            ("35_to_49", "35 to 49"),
            ("50_to_64", "50 to 64"),
            ("65_to_74", "65 to 74"),
            ("75_to_84", "75 to 84"),
            ("85_plus", "85 or over"),
        ),
    ),
    Question(
        key="sex",
        text="What is your sex?",
        short_name="sex",
        source=CENSUS,
        options=_options(("female", "Female"), ("male", "Male")),
    ),
    Question(
        key="gender_identity",
        text="Is the gender you identify with the same as your sex registered at birth?",
        short_name="answer about gender identity",
        source=CENSUS,
        options=_options(
            ("yes", "Yes"),
            _other("no", "No", "gender_identity_other", "Enter your gender identity"),
        ),
        write_in_column="gender_identity_other",
    ),
    Question(
        key="sexual_orientation",
        text="Which of the following best describes your sexual orientation?",
        short_name="sexual orientation",
        source=CENSUS,
        options=_options(
            ("straight", "Straight or Heterosexual"),
            ("gay_or_lesbian", "Gay or Lesbian"),
            ("bisexual", "Bisexual"),
            _other(
                "other",
                "Other sexual orientation",
                "sexual_orientation_other",
                "Enter your sexual orientation",
            ),
        ),
        write_in_column="sexual_orientation_other",
    ),
    Question(
        key="ethnic_group",
        text="What is your ethnic group?",
        short_name="ethnic group",
        source=CENSUS,
        hint="Choose one option that best describes your ethnic group or background",
        groups=ETHNIC_GROUPS,
        options=tuple(option for group in ETHNIC_GROUPS for option in group.options),
        write_in_column="ethnic_group_other",
    ),
    Question(
        key="religion",
        text="What is your religion?",
        short_name="religion",
        source=CENSUS,
        options=_options(
            ("no_religion", "No religion"),
            Option(
                "christian",
                "Christian",
                hint="Including Church of England, Catholic, Protestant and all other "
                "Christian denominations",
            ),
            ("buddhist", "Buddhist"),
            ("hindu", "Hindu"),
            ("jewish", "Jewish"),
            ("muslim", "Muslim"),
            ("sikh", "Sikh"),
            _other("other", "Any other religion", "religion_other", "Enter your religion"),
        ),
        write_in_column="religion_other",
    ),
    Question(
        key="long_term_condition",
        text="Do you have any physical or mental health conditions or illnesses lasting or "
        "expected to last 12 months or more?",
        short_name="answer about health conditions",
        source=CENSUS,
        options=_options(("yes", "Yes"), ("no", "No")),
    ),
    Question(
        key="day_to_day_limited",
        text="Do any of your conditions or illnesses reduce your ability to carry out "
        "day-to-day activities?",
        short_name="answer about day-to-day activities",
        source=CENSUS,
        hint="Answer this if you have a condition or illness lasting 12 months or more",
        options=_options(
            ("a_lot", "Yes, a lot"), ("a_little", "Yes, a little"), ("not_at_all", "Not at all")
        ),
    ),
    Question(
        key="unpaid_care",
        text="Do you look after, or give any help or support to, anyone because they have "
        "long-term physical or mental health conditions or illnesses, or problems related to "
        "old age?",
        short_name="answer about unpaid care",
        source=CENSUS,
        hint="Exclude anything you do as part of your paid employment",
        options=_options(
            ("no", "No"),
            ("hours_9_or_less", "Yes, 9 hours a week or less"),
            ("hours_10_to_19", "Yes, 10 to 19 hours a week"),
            ("hours_20_to_34", "Yes, 20 to 34 hours a week"),
            ("hours_35_to_49", "Yes, 35 to 49 hours a week"),
            ("hours_50_or_more", "Yes, 50 or more hours a week"),
        ),
    ),
    Question(
        key="school_type",
        text="Which type of school did you attend for the most time between the ages of 11 and 16?",
        short_name="type of school",
        source=SMC,
        options=_options(
            ("state", "A state-run or state-funded school"),
            ("independent", "Independent or fee-paying school"),
            (
                "independent_bursary",
                "Independent or fee-paying school, where I received a means-tested bursary "
                "covering 90% or more of the total cost of attending throughout my time there",
            ),
            ("outside_uk", "Attended school outside the UK"),
            ("dont_know", "I don't know"),
        ),
    ),
    Question(
        key="free_school_meals",
        text="If you finished school after 1980, were you eligible for free school meals at "
        "any point during your school years?",
        short_name="answer about free school meals",
        source=SMC,
        hint="Free school meals are available to school-aged children from families who "
        "receive other qualifying benefits and who have been through the relevant registration "
        "process. It does not include those who receive meals at school through other means "
        "(for example, boarding school).",
        options=_options(
            ("yes", "Yes"),
            ("no", "No"),
            (
                "not_applicable",
                "Not applicable (finished school before 1980 or went to school overseas)",
            ),
            ("dont_know", "I don't know"),
        ),
    ),
    Question(
        key="parent_occupation",
        text="Think back to when you were aged about 14. Which best describes the sort of work "
        "the main or highest income earner in your household did in their main job?",
        short_name="answer about the main household earner's work",
        source=SMC,
        options=(
            Option(
                "professional",
                "Modern professional and traditional professional occupations",
                hint="Such as teacher, nurse, physiotherapist, social worker, musician, police "
                "officer (sergeant or above), software designer, accountant, solicitor, medical "
                "practitioner, scientist, civil or mechanical engineer",
            ),
            Option(
                "manager",
                "Senior, middle or junior managers or administrators",
                hint="Such as finance manager, chief executive, large business owner, office "
                "manager, retail manager, bank manager, restaurant manager, warehouse manager",
            ),
            Option(
                "clerical",
                "Clerical and intermediate occupations",
                hint="Such as secretary, personal assistant, call centre agent, clerical "
                "worker, nursery nurse",
            ),
            Option(
                "technical",
                "Technical and craft occupations",
                hint="Such as motor mechanic, plumber, printer, electrician, gardener, train "
                "driver",
            ),
            Option(
                "routine",
                "Routine, semi-routine manual and service occupations",
                hint="Such as postal worker, machine operative, security guard, caretaker, "
                "farm worker, catering assistant, sales assistant, HGV driver, cleaner, porter, "
                "packer, labourer, waiter or waitress, bar staff",
            ),
            Option(
                "unemployed",
                "Long-term unemployed",
                hint="Claimed Jobseeker's Allowance or earlier unemployment benefit for more "
                "than a year",
            ),
            Option(
                "small_business",
                "Small business owners who employed fewer than 25 people",
                hint="Such as corner shop owners, small plumbing companies, retail shop owner, "
                "single restaurant or cafe owner, taxi owner, garage owner",
            ),
            Option(
                "other",
                "Other",
                hint="Such as retired, this question does not apply to me, or I don't know",
            ),
        ),
    ),
)
