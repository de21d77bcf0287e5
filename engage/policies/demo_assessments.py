"""Demo Equality Impact Assessments for the demo draft policies (fictional, written for the
demo): one for each characteristic, with its likely impact, evidence and mitigation."""

from __future__ import annotations

from engage.policies import assessments
from engage.policies.models import PolicyVersion

# characteristic: (impact, evidence, mitigation)
BUS_STOPS: dict[str, tuple[str, str, str]] = {
    "age": (
        "positive",
        "Older people make more bus journeys than any other age group, and many find high "
        "steps and standing for long hard.",
        "",
    ),
    "disability": (
        "positive",
        "Wheelchair users, and people who are blind or partially sighted, told the Disabled "
        "People Panel that low kerbs and missing announcements stop them travelling alone.",
        "Works at a stop can make it unusable for weeks: temporary stops will have a raised "
        "kerb and will be announced in advance in accessible formats.",
    ),
    "gender_reassignment": (
        "neutral",
        "No evidence that the design of stops affects trans people differently. Lighting and "
        "safety at stops are covered under sex.",
        "",
    ),
    "marriage_civil_partnership": ("neutral", "No difference expected.", ""),
    "pregnancy_maternity": (
        "positive",
        "Seating and level boarding help pregnant women and people with pushchairs.",
        "",
    ),
    "race": (
        "not_known",
        "Printed timetables are in English only. We do not know how many passengers would "
        "benefit from other languages at stops.",
        "Ask the Race Equality Panel and the Race Equality Hub which languages are needed, "
        "before the next version.",
    ),
    "religion_belief": ("neutral", "No difference expected.", ""),
    "sex": (
        "positive",
        "Women told the Citizen's Voice survey they avoid poorly lit stops after dark. Better "
        "shelters and lighting help.",
        "",
    ),
    "sexual_orientation": ("neutral", "No difference expected.", ""),
    "socio_economic": (
        "positive",
        "People on low incomes rely on buses most. The standard applies across the city "
        "region, not only where schemes are already planned.",
        "",
    ),
    "carers": (
        "negative",
        "Carers travelling with the person they care for may need two seats together, which "
        "the standard does not mention.",
        "Add space for a companion next to the wheelchair space in shelters, in version 2.",
    ),
}

PROCUREMENT: dict[str, tuple[str, str, str]] = {
    **{key: ("neutral", "No difference expected.", "") for key in BUS_STOPS},
    "disability": (
        "positive",
        "Suppliers' equality policies should make them better employers of disabled people.",
        "",
    ),
    "socio_economic": (
        "not_known",
        "Small local firms, which employ many people on low incomes, may find the reporting "
        "hard. We have no figures yet.",
        "Ask the Equality Panels and small firms before the next version.",
    ),
}


def assess(version: PolicyVersion, answers: dict[str, tuple[str, str, str]], conclusion: str,
           *, publish: bool = False) -> None:  # fmt: skip
    """Write the version's assessment (before it is opened to panels)."""
    assessment, _ = assessments.start_assessment(version)
    for section in assessment.sections:
        impact, evidence, mitigation = answers[section.characteristic]
        assessments.save_section(
            version, section, impact=impact, evidence=evidence, mitigation=mitigation
        )
    assessments.save_conclusion(version, assessment, conclusion)
    if publish:
        assessments.set_published(version, assessment, True)
