"""Records in every feature tagged to one priority (and others tagged to a second), made
with the factories, for the tracker's tests."""

from __future__ import annotations

from dataclasses import dataclass

from engage.core.db import db, utcnow
from engage.core.theme_models import Codeframe
from engage.stories import stages as story_stages
from tests.factories import (
    ApplicationFactory,
    ConsultationFactory,
    ConsultationOutcomeFactory,
    ConsultationResponseFactory,
    ImpactAssessmentFactory,
    MeasureValueFactory,
    ObjectiveFactory,
    OpportunityAwardFactory,
    OpportunityFactory,
    OpportunityResponseFactory,
    OrganisationFactory,
    PolicyCommentFactory,
    PolicyFactory,
    PolicyVersionFactory,
    PriorityFactory,
    RoundFactory,
    StoryFactory,
    StrategyFactory,
    SuccessMeasureFactory,
    ThemeCodeFactory,
    ThemeFactory,
)


@dataclass
class World:
    strategy_id: int
    objective_id: int
    priority_id: int  # everything titled "... A" is tagged here
    other_priority_id: int  # everything titled "... B" is tagged here
    measure_id: int


def make_strategy() -> World:
    strategy = StrategyFactory(is_current=True, title="Our Equality Strategy")
    objective = ObjectiveFactory(strategy=strategy, code="EO1", title="Fair access")
    first = PriorityFactory(objective=objective, code="EO1.1", title="Plain information")
    second = PriorityFactory(objective=objective, code="EO1.2", title="Accessible venues")
    measure = SuccessMeasureFactory(
        objective=objective, measure="Residents who feel heard", baseline="40%", target="60%"
    )
    MeasureValueFactory(measure=measure, year=2024, value="47%", source="Residents' survey")
    return World(strategy.id, objective.id, first.id, second.id, measure.id)


def story_codeframe_theme(label: str):
    owner_type, owner_id = story_stages.CODEFRAME_OWNER
    codeframe = db.session.query(Codeframe).filter_by(owner_type=owner_type, owner_id=owner_id)
    found = codeframe.first()
    if found is None:
        from tests.factories import CodeframeFactory

        found = CodeframeFactory(owner_type=owner_type, owner_id=owner_id)
    return ThemeFactory(codeframe_id=found.id, label=label)


def tag_everything(priority, suffix: str, *, responses: int = 3, stories: int = 2) -> None:
    """One record in each feature tagged to ``priority``, each titled "... <suffix>"."""
    round_ = RoundFactory(title=f"Panel round {suffix}", priorities=[priority])
    ApplicationFactory(round=round_)
    ApplicationFactory(round=round_, status="shortlisted")

    policy = PolicyFactory(title=f"Bus policy {suffix}", priorities=[priority])
    version = PolicyVersionFactory(policy=policy, opened_at=utcnow())
    PolicyCommentFactory(version_id=version.id, outcome="accepted", response="Done.")
    PolicyCommentFactory(version_id=version.id)
    ImpactAssessmentFactory(version_id=version.id, published_at=utcnow())

    consultation = ConsultationFactory(
        title=f"Travel consultation {suffix}", status="closed", priorities=[priority]
    )
    for _ in range(responses):
        ConsultationResponseFactory(consultation_id=consultation.id)
    ConsultationOutcomeFactory(consultation_id=consultation.id, published_at=utcnow())

    theme = story_codeframe_theme(f"Lifts {suffix}")
    for number in range(stories):
        story = StoryFactory(
            priorities=[priority],
            change=story_stages.ChangeMarker.MADE,
            consent_publish=True,
            consent_quote=True,
            public_title=f"Broken lift story {suffix}{number}",
            public_text="The lift was broken.",
            published_at=utcnow(),
        )
        ThemeCodeFactory(theme_id=theme.id, item_type=story_stages.THEME_ITEM, item_id=story.id)

    opportunity = OpportunityFactory(
        title=f"Engagement commission {suffix}", status="awarded", priorities=[priority]
    )
    organisation = OrganisationFactory(name=f"Carers Together {suffix}", communities=["carers"])
    OpportunityResponseFactory(opportunity_id=opportunity.id, organisation_id=organisation.id)
    OpportunityAwardFactory(opportunity_id=opportunity.id, organisation_id=organisation.id)


def make_world(*, responses: int = 3, stories: int = 2) -> World:
    world = make_strategy()
    priority = db.session.get(PriorityFactory._meta.model, world.priority_id)
    other = db.session.get(PriorityFactory._meta.model, world.other_priority_id)
    tag_everything(priority, "A", responses=responses, stories=stories)
    tag_everything(other, "B", responses=responses, stories=stories)
    return world


TITLES_A = (
    "Panel round A",
    "Bus policy A",
    "Travel consultation A",
    "Broken lift story A0",
    "Engagement commission A",
)
TITLES_B = tuple(title.replace(" A", " B") for title in TITLES_A)
