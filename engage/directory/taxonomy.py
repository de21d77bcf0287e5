"""The directory's classifications: kinds of organisation, service categories, the communities
an organisation serves, and who it is led by. Defined here, not in a table: they change with
a release, not at runtime. Each term has a stable UUID (made from its code) so the Open
Referral UK API can name it, and each community says which equality monitoring answers
describe its people, so other features can ask "who serves the groups we are missing?"."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

# A fixed namespace: the same code gives the same UUID in every installation.
NAMESPACE = uuid.UUID("6f1c1b8e-6c84-4bb4-9a55-3a6f5d0e7c21")


def term_uuid(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{taxonomy}/{code}"))


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    # The equality monitoring answers of this community's people: (question, codes).
    monitoring: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str
    terms: tuple[Term, ...]
    _by_code: dict[str, Term] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update({term.code: term for term in self.terms})

    @property
    def id(self) -> str:
        return term_uuid("taxonomy", self.key)

    def label(self, code: str) -> str:
        term = self._by_code.get(code)
        return term.label if term else code

    def has(self, code: str) -> bool:
        return code in self._by_code

    def choices(self) -> list[tuple[str, str]]:
        return [(term.code, term.label) for term in self.terms]


def _terms(*pairs: tuple[str, str]) -> tuple[Term, ...]:
    return tuple(Term(code, label) for code, label in pairs)


KINDS = Taxonomy(
    "kind",
    "Kind of organisation",
    "The legal or working form of the organisation.",
    _terms(
        ("charity", "Registered charity"),
        ("community_group", "Community or voluntary group"),
        ("faith_group", "Faith organisation"),
        ("social_enterprise", "Social enterprise"),
        ("cic", "Community interest company"),
        ("cooperative", "Co-operative or mutual"),
        ("residents_association", "Tenants' or residents' association"),
    ),
)

CATEGORIES = Taxonomy(
    "category",
    "Service category",
    "What a service offers.",
    _terms(
        ("advice", "Advice and advocacy"),
        ("arts", "Arts, culture and heritage"),
        ("children_families", "Children and families"),
        ("community", "Community spaces and activities"),
        ("domestic_abuse", "Domestic abuse support"),
        ("education", "Education, training and skills"),
        ("employment", "Employment and volunteering"),
        ("food", "Food and essentials"),
        ("health", "Health and wellbeing"),
        ("housing", "Housing and homelessness"),
        ("language", "Language, interpreting and translation"),
        ("mental_health", "Mental health"),
        ("money", "Money, debt and benefits"),
        ("social", "Befriending and social groups"),
        ("sport", "Sport and physical activity"),
        ("transport", "Transport and getting about"),
    ),
)

COMMUNITIES = Taxonomy(
    "community",
    "Communities served",
    "The communities an organisation works with, in the categories of equality monitoring.",
    (
        Term("disabled", "Disabled people", ("disability", ("limited_a_lot", "limited_a_little"))),
        Term(
            "deaf",
            "Deaf and hard of hearing people",
            ("disability", ("limited_a_lot", "limited_a_little")),
        ),
        Term(
            "learning_disability",
            "People with learning disabilities",
            ("disability", ("limited_a_lot", "limited_a_little")),
        ),
        Term(
            "mental_health",
            "People with mental health conditions",
            ("disability", ("limited_a_lot", "limited_a_little")),
        ),
        Term("asian", "Asian and Asian British communities", ("ethnic_group_broad", ("asian",))),
        Term(
            "black",
            "Black, Black British, Caribbean and African communities",
            ("ethnic_group_broad", ("black",)),
        ),
        Term("mixed", "People of mixed or multiple heritage", ("ethnic_group_broad", ("mixed",))),
        Term("chinese", "Chinese communities", ("ethnic_group", ("asian_chinese",))),
        Term("arab", "Arab communities", ("ethnic_group", ("other_arab",))),
        Term(
            "gypsy_roma_traveller",
            "Gypsy, Roma and Traveller communities",
            ("ethnic_group", ("white_gypsy_irish_traveller", "white_roma")),
        ),
        Term("refugees", "Refugees and people seeking asylum"),
        Term("muslim", "Muslim communities", ("religion", ("muslim",))),
        Term("jewish", "Jewish communities", ("religion", ("jewish",))),
        Term("christian", "Christian communities", ("religion", ("christian",))),
        Term("hindu_sikh", "Hindu and Sikh communities", ("religion", ("hindu", "sikh"))),
        Term(
            "lgbtq",
            "Lesbian, gay, bisexual and queer people",
            ("sexual_orientation", ("gay_or_lesbian", "bisexual", "other")),
        ),
        Term("trans", "Trans and non-binary people", ("gender_identity", ("no",))),
        Term("women", "Women and girls", ("sex", ("female",))),
        Term("men", "Men and boys", ("sex", ("male",))),
        Term(
            "carers",
            "Unpaid carers",
            (
                "unpaid_care",
                (
                    "hours_9_or_less",
                    "hours_10_to_19",
                    "hours_20_to_34",
                    "hours_35_to_49",
                    "hours_50_or_more",
                ),
            ),
        ),
        Term(
            "older", "Older people (65 and over)", ("age_band", ("65_to_74", "75_to_84", "85_plus"))
        ),
        Term(
            "young", "Children and young people (under 25)", ("age_band", ("under_16", "16_to_24"))
        ),
        Term("low_income", "People on low incomes"),
    ),
)

LED_BY = Taxonomy(
    "led_by",
    "Led by",
    "Self-declared: most of the people who run the organisation are from the community named.",
    _terms(
        ("disabled", "Disabled-led"),
        ("black", "Black-led"),
        ("asian", "Asian-led"),
        ("minority_ethnic", "Led by people from other minority ethnic communities"),
        ("refugee", "Refugee-led"),
        ("women", "Women-led"),
        ("lgbtq", "LGBTQ+-led"),
        ("young", "Youth-led"),
    ),
)


def communities_for(question: str, codes: set[str]) -> list[str]:
    """The communities whose people gave any of these monitoring answers to ``question``
    (for example ("religion", {"muslim"}) -> ["muslim"])."""
    return [
        term.code
        for term in COMMUNITIES.terms
        if term.monitoring and term.monitoring[0] == question and codes & set(term.monitoring[1])
    ]
