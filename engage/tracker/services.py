"""Gathering the evidence for a strategy's priorities from every feature (each through its
``api``), arranging it for the staff pages, and cutting it down to what may be published for
the public page, with every count of people through disclosure control.

Each feature answers for all the priorities at once in one to three queries, so a page makes
the same number of queries however many priorities, records and people there are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engage.consultations import api as consultations_api
from engage.core.evidence import Evidence
from engage.directory import api as directory_api
from engage.monitoring.api import PublishedTable, publish_table
from engage.policies import api as policies_api
from engage.recruitment import api as recruitment_api
from engage.stories import api as stories_api

# The features, in the order the tracker shows them: (name, how to ask it, whether anything it
# gives may be public). Recruitment's fairness is published in each round's own report.
Source = Callable[..., dict[int, list[Evidence]]]
FEATURES: tuple[tuple[str, Source, bool], ...] = (
    ("Panel recruitment", recruitment_api.evidence_for_priorities, False),
    ("Draft policies", policies_api.evidence_for_priorities, True),
    ("Consultations", consultations_api.evidence_for_priorities, True),
    ("Lived-experience stories", stories_api.evidence_for_priorities, True),
    ("Directory: commissioning opportunities", directory_api.evidence_for_priorities, True),
)
FEATURE_NAMES = tuple(name for name, _, _ in FEATURES)


@dataclass
class PriorityEvidence:
    """One priority's evidence, feature by feature (every feature named, even with none)."""

    by_feature: dict[str, list[Evidence]] = field(default_factory=dict)

    def count(self, feature: str) -> int:
        return sum(item.count for item in self.by_feature.get(feature, []))

    @property
    def total(self) -> int:
        return sum(self.count(name) for name in FEATURE_NAMES)


def gather(
    priority_ids: list[int], *, detail: bool = True, public_only: bool = False
) -> dict[int, PriorityEvidence]:
    """Every feature's evidence for each priority. ``detail=False``: what counts need only
    (fewer queries); ``public_only``: leave out the features that publish nothing here."""
    found = {
        priority_id: PriorityEvidence({name: [] for name in FEATURE_NAMES})
        for priority_id in priority_ids
    }
    for name, source, may_publish in FEATURES:
        if public_only and not may_publish:
            continue
        for priority_id, items in source(priority_ids, detail=detail).items():
            if priority_id in found:
                found[priority_id].by_feature[name].extend(items)
    return found


def priority_ids(strategy: Any) -> list[int]:
    return [priority.id for objective in strategy.objectives for priority in objective.priorities]


# The public page -------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicItem:
    """A record the public may see, with its counts of people already through disclosure
    control (``counts`` is None when it has none to show)."""

    feature: str
    title: str
    url: str | None
    text: str
    counts: PublishedTable | None


def public_items(evidence: PriorityEvidence) -> list[PublicItem]:
    """Only what may be published: records the feature marked public, their words, and their
    counts of people through ``publish_table`` (a count under the threshold is never shown,
    nor one that would let it be worked out)."""
    items = []
    for name in FEATURE_NAMES:
        for item in evidence.by_feature.get(name, []):
            if not item.public:
                continue
            counts = publish_table(dict(item.public_counts)) if item.public_counts else None
            items.append(PublicItem(name, item.title, item.public_url, item.public_text, counts))
    return items
