"""Demo draft policies for ``make run`` and the benchmark's larger ones. Fictional texts,
written for the demo: not the authority's policies.

- "Accessible bus stops and interchanges": one version.
- "Inclusive procurement": two versions, the second changed after comments, so the two can
  be compared.
At scale (``seed-scale``), more policies with two versions of 200 paragraphs each, inserted in
bulk."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from engage.core.db import db
from engage.policies import stages
from engage.policies.document_text import blocks_from_text, number_blocks
from engage.policies.models import Policy, PolicyParagraph, PolicyVersion
from engage.policies.services import PolicyDetails, add_version, create_policy

BUS_STOPS = "\n".join(
    (
        "# Purpose",
        "This standard sets out how new and improved bus stops and interchanges in the city "
        "region will be designed so that everyone can use them.",
        "It applies to schemes funded or delivered by the Combined Authority from April 2027.",
        "# Boarding and alighting",
        "Every stop will have a raised kerb that lets a ramp reach the pavement at a safe angle.",
        "Stops will be kept clear of parked vehicles, with markings and enforcement where needed.",
        "# Information",
        "Timetables will be shown in large print at a height people can read from a wheelchair.",
        "Real-time displays will also announce arrivals out loud at the press of a button.",
        "# Shelter and seating",
        "Shelters will have seating with arm rests and space for a wheelchair or pushchair.",
    )
)

PROCUREMENT_V1 = "\n".join(
    (
        "# Introduction",
        "This policy explains how the Combined Authority will use its spending to advance "
        "equality.",
        "# Scope",
        "It covers contracts worth more than £25,000.",
        "# What we ask of suppliers",
        "Suppliers must have an equality policy.",
        "Suppliers must report the make-up of their workforce every year.",
        "# Monitoring",
        "Officers will check suppliers' reports once a year.",
    )
)

PROCUREMENT_V2 = "\n".join(
    (
        "# Introduction",
        "This policy explains how the Combined Authority will use its spending to advance "
        "equality and tackle disadvantage.",
        "# Scope",
        "It covers contracts worth more than £10,000, and grants to voluntary and community "
        "organisations.",
        "# What we ask of suppliers",
        "Suppliers must have an equality policy that their staff know about.",
        "Suppliers must pay at least the real Living Wage.",
        "# Monitoring",
        "Officers will check suppliers' reports once a year, with the Equality Panels' help.",
        "Results will be published every year.",
    )
)


def _policy(
    officer: Any, title: str, summary: str, owner: str, texts: list[tuple[str, str]]
) -> Policy:
    policy = create_policy(PolicyDetails(title, summary, owner, []), officer)
    for text, note in texts:
        add_version(
            policy,
            number_blocks(blocks_from_text(text)),
            change_note=note,
            source=stages.PASTED,
            filename="",
            created_by=officer,
        )
    return policy


def create_demo_policies(officer: Any) -> int:
    """The two demo policies (none when there are some already). Returns how many."""
    if db.session.scalar(select(func.count(Policy.id))):
        return 0
    _policy(
        officer,
        "Accessible bus stops and interchanges",
        "The design standard for new and improved bus stops, so that disabled people, older "
        "people and people with pushchairs can use them.",
        "Transport Policy Team",
        [(BUS_STOPS, "")],
    )
    _policy(
        officer,
        "Inclusive procurement",
        "How the Combined Authority will use the money it spends with suppliers to advance "
        "equality.",
        "Commercial Team",
        [
            (PROCUREMENT_V1, ""),
            (PROCUREMENT_V2, "Scope widened and a Living Wage requirement added after comments"),
        ],
    )
    return 2


def _long_text(
    rng: random.Random, sections: int, per_section: int, changed: set[int]
) -> list[dict]:
    words = ("people", "services", "access", "support", "transport", "housing", "advice",
             "community", "equality", "training", "funding", "review")  # fmt: skip
    rows, position = [], 0
    for section in range(1, sections + 1):
        position += 1
        rows.append({"position": position, "number": str(section), "kind": "heading",
                     "level": 1, "text": f"Section {section}"})  # fmt: skip
        for item in range(1, per_section + 1):
            position += 1
            text = " ".join(rng.choice(words) for _ in range(40))
            if position in changed:
                text += " This sentence was added in the second version."
            rows.append({"position": position, "number": f"{section}.{item}", "kind": "text",
                         "level": 0, "text": text})  # fmt: skip
    return rows


def add_scale_policies(rng: random.Random, count: int, officer_id: int | None) -> int:
    """``count`` more policies, each with two versions of 200 headings and paragraphs (the
    second changes one in ten). Returns how many paragraphs were added."""
    added = 0
    now = datetime.now(UTC)
    for n in range(count):
        policy_id = db.session.execute(
            insert(Policy).values(
                title=f"Scale policy {n + 1}", summary="A long fictional policy.",
                owner="Policy Team", created_by_id=officer_id, created_at=now, updated_at=now,
            ).returning(Policy.id)
        ).scalar_one()  # fmt: skip
        seed = rng.random()
        for number, changed in ((1, set()), (2, set(range(5, 200, 10)))):
            paragraphs = _long_text(random.Random(seed), 10, 19, changed)  # noqa: S311
            version_id = db.session.execute(
                insert(PolicyVersion).values(
                    policy_id=policy_id, number=number, change_note="", source=stages.PASTED,
                    source_filename="", paragraph_count=len(paragraphs),
                    created_by_id=officer_id, created_at=now - timedelta(days=2 - number),
                ).returning(PolicyVersion.id)
            ).scalar_one()  # fmt: skip
            db.session.execute(
                insert(PolicyParagraph), [{**p, "version_id": version_id} for p in paragraphs]
            )
            added += len(paragraphs)
    return added
