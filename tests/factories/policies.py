"""Draft policies, their versions and paragraphs."""

from __future__ import annotations

import factory

from engage.policies.models import (
    ImpactAssessment,
    ImpactSection,
    Policy,
    PolicyComment,
    PolicyParagraph,
    PolicyVersion,
    SupportRequest,
    VersionDocument,
)
from tests.factories.accounts import UserFactory
from tests.factories.base import ModelFactory


class PolicyFactory(ModelFactory):
    class Meta:
        model = Policy

    title = factory.Sequence(lambda n: f"Draft policy {n}")
    summary = "How the Combined Authority will make its buses easier to use."
    owner = "Transport Policy Team"
    created_by_id = factory.LazyFunction(lambda: UserFactory(roles=["officer"]).id)


class PolicyVersionFactory(ModelFactory):
    """A version with no paragraphs: PolicyParagraphFactory adds them (or use
    engage.policies.services.add_version for a whole text)."""

    class Meta:
        model = PolicyVersion

    policy = factory.SubFactory(PolicyFactory)
    number = factory.Sequence(lambda n: n + 1)
    change_note = ""
    source = "pasted"


class PolicyParagraphFactory(ModelFactory):
    class Meta:
        model = PolicyParagraph

    version = factory.SubFactory(PolicyVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))
    kind = "text"
    level = 0
    text = factory.Sequence(lambda n: f"Paragraph {n} of the draft.")


class PolicyCommentFactory(ModelFactory):
    """A comment on the whole of a version (give ``paragraph_id`` for one paragraph)."""

    class Meta:
        model = PolicyComment

    version_id = factory.LazyFunction(lambda: PolicyVersionFactory().id)
    author_id = factory.LazyFunction(lambda: UserFactory().id)
    text = factory.Sequence(lambda n: f"Comment {n} on the draft.")
    name_shown = False


class VersionDocumentFactory(ModelFactory):
    """An Easy Read PDF of a version."""

    class Meta:
        model = VersionDocument

    version_id = factory.LazyFunction(lambda: PolicyVersionFactory().id)
    kind = "easy_read"
    filename = "easy-read.pdf"
    content_type = "application/pdf"
    content = b"%PDF-1.7 sample"
    size = factory.LazyAttribute(lambda o: len(o.content))


class SupportRequestFactory(ModelFactory):
    class Meta:
        model = SupportRequest

    version_id = factory.LazyFunction(lambda: PolicyVersionFactory().id)
    user_id = factory.LazyFunction(lambda: UserFactory().id)
    needs = factory.LazyFunction(lambda: ["large_print"])
    details = ""


class ImpactAssessmentFactory(ModelFactory):
    """A version's impact assessment with no sections (ImpactSectionFactory adds them, or use
    engage.policies.assessments.start_assessment for all eleven)."""

    class Meta:
        model = ImpactAssessment

    version_id = factory.LazyFunction(lambda: PolicyVersionFactory().id)
    conclusion = "Go ahead."


class ImpactSectionFactory(ModelFactory):
    class Meta:
        model = ImpactSection

    assessment = factory.SubFactory(ImpactAssessmentFactory)
    characteristic = "disability"
    position = 2
    impact = "positive"
    evidence = "Level boarding helps wheelchair users."
    mitigation = ""


__all__ = [
    "ImpactAssessmentFactory",
    "ImpactSectionFactory",
    "PolicyCommentFactory",
    "PolicyFactory",
    "PolicyParagraphFactory",
    "PolicyVersionFactory",
    "SupportRequestFactory",
    "VersionDocumentFactory",
]
