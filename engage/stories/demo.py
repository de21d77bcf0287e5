"""Fictional lived-experience stories, for the demo (``flask seed-demo``) and the scale data
(``flask seed-scale``). Every person, story and reply is made up; the places are real
stations, bus stations and services across the six local authorities of the city region.

The demo: the default safeguarding phrases, a stories codeframe of eight themes, and about
150 stories told over the last eighteen months, online and typed in by officers, most coded
to themes, some with equality monitoring answers, some replied to, some overdue, 20 published
with the authority's response and what changed, four withdrawn, and one flagged for
safeguarding by a phrase in it. The scale data: 500 more stories per factor, inserted in
bulk with their theme codes and monitoring answers."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from engage.core import themes
from engage.core.dates import uk_today
from engage.core.db import db, insert_rows
from engage.core.theme_models import ThemeCode
from engage.monitoring.api import fictional_answers, save_many_answers
from engage.stories import services, stages
from engage.stories.models import SafeguardingPhrase, Story, StoryReply
from engage.strategy.api import current_priority_ids, set_tags

DEMO_STORIES = 150
PUBLISHED = 20
SCALE_PER_FACTOR = 500
DEFAULT_PHRASES = (
    "hurt myself",
    "kill myself",
    "suicide",
    "not safe at home",
    "being abused",
    "scared to go home",
)
# The local authorities' codes, with places in each.
PLACES = {
    "E08000012": ("Lime Street station", "Liverpool ONE bus station", "Queen Square bus station",
                  "the Royal Liverpool University Hospital"),
    "E08000015": ("Birkenhead bus station", "Hamilton Square station", "Arrowe Park Hospital",
                  "Liscard"),
    "E08000014": ("Southport station", "Bootle Strand", "Aintree University Hospital",
                  "Crosby library"),
    "E08000011": ("Huyton station", "Kirkby town centre", "Prescot", "Halewood"),
    "E08000013": ("St Helens Central station", "St Helens bus station", "Earlestown",
                  "Whiston Hospital"),
    "E06000006": ("Runcorn station", "Widnes market", "Halton Lea bus station",
                  "the Silver Jubilee Bridge bus stop"),
}  # fmt: skip
AREAS = list(PLACES)
THEMES = {
    "Transport safety": "Feeling safe on buses, trains, ferries and at stops and stations.",
    "Transport accessibility": "Getting on, off and around public transport with a "
    "disability, a pushchair or a wheelchair.",
    "Housing": "Finding, keeping and living in a home.",
    "Health and care": "Getting health and social care, and getting to it.",
    "Hate incidents": "Harassment or abuse because of who someone is.",
    "Benefits and work": "Jobs, training and benefits, and being treated fairly at work.",
    "Information and communication": "Finding out what is available, in a format people can use.",
    "Staff attitudes": "How staff treated the person.",
}
# (themes, what happened, what would have made it better, place index or None)
TOLD = (
    (("Transport safety",), "I waited at the stop after 9pm and the light was out. A group "
     "was shouting at people and I did not feel safe.", "Working lights and a help point.", 1),
    (("Transport safety", "Staff attitudes"), "A man followed me off the train. I told the "
     "guard but he said there was nothing he could do.", "Staff who know what to do.", 0),
    (("Transport accessibility",), "The lift was out of order for two weeks and there was no "
     "sign at the entrance, so I only found out on the platform.", "A sign at the entrance "
     "and a taxi when the lift is broken.", 0),
    (("Transport accessibility", "Staff attitudes"), "The driver would not put the ramp down "
     "and drove off while I was still at the door in my wheelchair.", "Drivers trained to "
     "use the ramp every time.", 1),
    (("Transport accessibility", "Information and communication"), "The announcements were "
     "only spoken, so as a Deaf passenger I missed that the platform had changed.", "Screens "
     "that show every announcement.", 0),
    (("Housing",), "We have had damp and mould in the flat for a year. My son's asthma is "
     "worse and repairs keep being cancelled.", "Repairs done when promised.", None),
    (("Housing", "Information and communication"), "I did not know I could apply for a "
     "disabled facilities grant until my occupational therapist told me two years later.",
     "Information from the council at the start.", None),
    (("Housing", "Hate incidents"), "Neighbours have put notes through our door telling us "
     "to go back where we came from.", "Someone to take it seriously the first time.", None),
    (("Health and care",), "I had to take three buses to get to my hospital appointment and "
     "was late, so they would not see me.", "A direct bus, or appointments that allow for "
     "the journey.", 3),
    (("Health and care", "Information and communication"), "The letter about my "
     "appointment was not in Easy Read and I did not understand it.", "Easy Read letters.", 3),
    (("Health and care", "Staff attitudes"), "At reception they talked to my carer and not "
     "to me, as if I could not answer for myself.", "Being spoken to directly.", 3),
    (("Hate incidents", "Transport safety"), "Two lads made comments about my headscarf on "
     "the bus and nobody said anything.", "Drivers who step in and a way to report it.", 1),
    (("Hate incidents",), "Someone shouted homophobic abuse at us outside the station and "
     "the police never called back.", "Being kept up to date after reporting.", 0),
    (("Benefits and work",), "I was told at the job centre that the training course was not "
     "for someone my age.", "Courses open to everyone.", None),
    (("Benefits and work", "Transport accessibility"), "I turned down a job because there is "
     "no accessible bus to the industrial estate before 8am.", "Early buses that are "
     "accessible.", 2),
    (("Benefits and work", "Information and communication"), "The forms for help with "
     "travel costs to interviews were only online and I have no internet at home.", "Paper "
     "forms at the library.", 3),
    (("Information and communication",), "The timetable at the stop was out of date and the "
     "real-time sign has not worked for months.", "Signs that work.", 1),
    (("Staff attitudes",), "The staff at the ferry terminal were patient and helped me with "
     "my guide dog. I wanted to say thank you.", "More staff like them.", None),
)  # fmt: skip
TEAM_REPLY = (
    "Thank you for telling us about this. We have passed what you told us to the team "
    "responsible and asked them to reply within four weeks. We will write again when we "
    "know what will change."
)
PUBLIC_RESPONSE = (
    "Thank you for telling us. We shared your story with the service and with the Disabled "
    "People Panel, and we will report back here on what changes."
)
CHANGES = (
    (stages.ChangeMarker.MADE, "Signs now go up at the entrance whenever a lift is out of "
     "order, and a free taxi is offered to the next accessible station."),
    (stages.ChangeMarker.MADE, "Every driver on the route has had refresher training on "
     "ramps, and the operator checks ramps weekly."),
    (stages.ChangeMarker.MADE, "The broken lights at the stop were replaced and the stop "
     "was added to the monthly lighting check."),
    (stages.ChangeMarker.MADE, "Appointment letters are now offered in Easy Read."),
    (stages.ChangeMarker.PLANNED, "A help point will be fitted at the stop this year."),
    (stages.ChangeMarker.PLANNED, "Screens showing announcements are planned at the "
     "station in the next upgrade."),
    (stages.ChangeMarker.NO_CHANGE, "The route cannot run earlier within this year's budget; "
     "we will look at it again in the next bus network review."),
)  # fmt: skip
NAMES = ("Alex Rowan", "Sam Okafor", "Priya Lindqvist", "Jordan Mbeki", "Casey Whitlow",
         "Morgan Achterberg", "Robin Faraday", "Jamie Oyelaran")  # fmt: skip
TOLD_THROUGH = {
    stages.Channel.ORGANISATION: "Citizens Advice Halton",
    stages.Channel.SUPPORT_WORKER: "A support worker from a housing charity",
    stages.Channel.EVENT: "Disabled People Panel drop-in, Birkenhead",
}
SAFEGUARDING_STORY = (
    "Since my partner lost his job I am not safe at home. I have nowhere else to go and the "
    "housing office said there is a long wait."
)


def _add_phrases() -> None:
    held = set(db.session.scalars(select(SafeguardingPhrase.phrase)))
    for phrase in DEFAULT_PHRASES:
        if phrase not in held:
            db.session.add(SafeguardingPhrase(phrase=phrase))
    db.session.flush()


def _codeframe() -> dict[str, int]:
    frame = themes.codeframe_for(*stages.CODEFRAME_OWNER)
    found = {theme.label: theme.id for theme in frame.themes}
    for label, description in THEMES.items():
        if label not in found:
            found[label] = themes.add_theme(frame, label, description).id
    return found


def _uk_midday(day: Any) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _details(rng: random.Random, number: int) -> tuple[dict[str, Any], tuple[str, ...]]:
    labels, happened, better, place = TOLD[number % len(TOLD)]
    area = rng.choice(AREAS) if rng.random() < 0.9 else rng.choice([*stages.AREA_OTHER_LABELS])
    named = rng.random() < 0.5
    channel = stages.Channel.ONLINE if rng.random() < 0.6 else rng.choice(stages.OFFICER_CHANNELS)
    details: dict[str, Any] = {
        "what_happened": happened,
        "what_would_help": better,
        "area_code": area,
        "place": PLACES[area][place] if place is not None and area in PLACES else "",
        "when_happened": rng.choice(list(stages.WhenItHappened)),
        "anonymous": not named,
        "consent_quote": rng.random() < 0.7,
        "consent_publish": rng.random() < 0.5,
        "consent_contact": named,
        "channel": channel,
        "told_through": TOLD_THROUGH.get(channel, ""),
        "easy_read": rng.random() < 0.1,
    }
    if named:
        name = NAMES[number % len(NAMES)]
        details.update(name=name, email=f"{name.lower().replace(' ', '.')}@example.net")
    return details, labels


def _handle(rng: random.Random, story: Story, officer: Any, told: datetime, today: Any) -> bool:
    """Status, response and reply as an officer might have left them; returns whether it
    is overdue now."""
    story.assigned_to_id = officer.id if rng.random() < 0.6 else None
    age = (today - told.date()).days
    if age < 35:  # recent: most still waiting, within 20 working days
        story.status = rng.choice([stages.NEW, stages.NEW, stages.IN_REVIEW])
        return stages.is_overdue(story, today)
    if rng.random() < 0.08:  # forgotten: overdue
        story.status = rng.choice([stages.NEW, stages.IN_REVIEW])
        return True
    late = rng.random() < 0.15
    responded = _uk_midday(story.due_on) + timedelta(days=rng.randint(3, 20) if late else
                                                     -rng.randint(1, 20))  # fmt: skip
    story.first_responded_at = max(responded, told + timedelta(days=1))
    story.status = stages.CLOSED if rng.random() < 0.4 else stages.RESPONDED
    if story.status == stages.CLOSED:
        story.closed_at = story.first_responded_at + timedelta(days=7)
    if stages.can_reply(story):
        story.replies.append(StoryReply(text=TEAM_REPLY, sent_to=story.email,
                                        sent_at=story.first_responded_at,
                                        sent_by_id=officer.id))  # fmt: skip
    return False


def _publish(story: Story, officer: Any, number: int, labels: tuple[str, ...]) -> None:
    story.public_title = f"{labels[0]}: {story.what_happened.split('.')[0][:100]}"
    story.public_text = story.what_happened
    story.public_response = PUBLIC_RESPONSE
    story.checks_ticked = list(stages.DEIDENTIFICATION_CHECKS)
    story.published_at = (story.first_responded_at or story.told_at) + timedelta(days=3)
    story.published_by_id = officer.id
    story.change, story.change_description = CHANGES[number % len(CHANGES)]


def create_demo_stories(officer: Any, rng: random.Random | None = None) -> dict[str, int]:
    """The demo's stories (nothing when there are stories already). Does not commit."""
    added = dict.fromkeys(("stories", "withdrawn", "published", "overdue", "safeguarding"), 0)
    if db.session.scalar(select(func.count(Story.id))):
        return added
    rng = rng or random.Random(14)  # noqa: S311 - fictional data, not security
    _add_phrases()
    theme_ids = _codeframe()
    priorities = current_priority_ids(["EO2.1", "EO2.2", "EO3.1"])
    today = uk_today()
    codes, answers, published = [], [], 0
    for number in range(DEMO_STORIES - 1):
        details, labels = _details(rng, number)
        if number % 40 == 7:  # told by phone long ago, then withdrawn: never counted
            details["channel"] = stages.Channel.PHONE
        told = datetime.now(UTC) - timedelta(days=rng.randint(1, 540), hours=rng.randint(0, 9))
        typed_in = details["channel"] != stages.Channel.ONLINE
        story = services.create_story(details, entered_by_id=officer.id if typed_in else None,
                                      told_at=told)  # fmt: skip
        overdue = _handle(rng, story, officer, told, today)
        if number % 40 == 7:
            story.withdrawn_at = told + timedelta(days=2)
            story.name = story.email = story.phone = ""
            story.consent_quote = story.consent_publish = story.consent_contact = False
            added["withdrawn"] += 1
            continue
        added["overdue"] += overdue
        if rng.random() < 0.85 and story.status != stages.NEW:
            codes += [(theme_ids[label], story.id) for label in labels]
        if rng.random() < 0.6 and story.channel == stages.Channel.ONLINE:
            answers.append((story.id, fictional_answers(rng)))
        if published < PUBLISHED and story.first_responded_at and story.consent_publish:
            _publish(story, officer, published, labels)
            set_tags(story, priorities[: 1 + published % 2])
            published += 1
        added["stories"] += 1
    safeguarding = services.create_story(
        {"what_happened": SAFEGUARDING_STORY, "area_code": "E08000015", "anonymous": False,
         "name": "Kit Halloran", "email": "kit.halloran@example.net", "consent_contact": True,
         "when_happened": stages.WhenItHappened.STILL_HAPPENING},
        told_at=datetime.now(UTC) - timedelta(hours=3),
    )  # fmt: skip
    added["stories"] += 1
    added["safeguarding"] = int(safeguarding.safeguarding)
    now = datetime.now(UTC)
    insert_rows(
        ThemeCode,
        (
            {"theme_id": theme_id, "item_type": stages.THEME_ITEM, "item_id": story_id,
             "coded_by_id": officer.id, "coded_at": now}
            for theme_id, story_id in codes
        ),
    )  # fmt: skip
    save_many_answers(stages.MONITORING_SUBJECT, answers)
    added["published"] = published
    db.session.flush()
    return added


def _scale_row(rng: random.Random, number: int, told: datetime, due: Any, today: Any,
               officer_id: int | None) -> dict[str, Any]:  # fmt: skip
    details, _ = _details(rng, number)
    details.pop("name", None), details.pop("email", None)
    row: dict[str, Any] = {
        **details,
        "anonymous": True,
        "consent_contact": False,
        "reference": f"LE-S{number:07d}",  # S is not a letter new_reference uses
        "told_at": told,
        "due_on": due,
        "status": stages.NEW,
        "change": stages.ChangeMarker.NOT_YET,
        "checks_ticked": [],
        "safeguarding": False,
        "assigned_to_id": officer_id if rng.random() < 0.5 else None,
        "first_responded_at": None,
        "closed_at": None,
        # Every row has the same keys, so each batch is one INSERT and the ids come back in
        # the rows' order.
        "public_title": "",
        "public_text": "",
        "public_response": "",
        "published_at": None,
        "published_by_id": None,
        "change_description": "",
    }
    if (today - told.date()).days >= 35 and rng.random() > 0.08:
        responded = _uk_midday(due) - timedelta(days=rng.randint(-5, 20))
        row["first_responded_at"] = max(responded, told + timedelta(days=1))
        row["status"] = stages.CLOSED if rng.random() < 0.4 else stages.RESPONDED
        if row["status"] == stages.CLOSED:
            row["closed_at"] = row["first_responded_at"] + timedelta(days=7)
        if row["consent_publish"] and rng.random() < 0.2:
            change, description = CHANGES[number % len(CHANGES)]
            row.update(
                public_title=f"Story {number}: {details['what_happened'][:80]}",
                public_text=details["what_happened"],
                public_response=PUBLIC_RESPONSE,
                checks_ticked=list(stages.DEIDENTIFICATION_CHECKS),
                published_at=row["first_responded_at"] + timedelta(days=3),
                published_by_id=officer_id,
                change=change,
                change_description=description,
            )
    elif rng.random() < 0.5:
        row["status"] = stages.IN_REVIEW
    return row


def add_scale_stories(
    rng: random.Random, officer_id: int | None, count: int, teller_ids: Sequence[int] = ()
) -> int:
    """``count`` more stories told over the last two years (seed-scale: 500 per factor,
    50,000 at factor 100), inserted in bulk, with theme codes on most and equality
    monitoring answers on most of those told online; one in ten told online by someone
    signed in to one of ``teller_ids``' accounts. Returns how many. Does not commit."""
    if count <= 0:
        return 0
    theme_ids = _codeframe()
    today = uk_today()
    first = (db.session.scalar(select(func.max(Story.id))) or 0) + 1
    due_dates: dict[Any, Any] = {}
    rows, labels_of = [], []
    for offset in range(count):
        told = datetime.now(UTC) - timedelta(minutes=rng.randint(60, 730 * 24 * 60))
        day = told.date()
        if day not in due_dates:
            due_dates[day] = stages.due_on(day)
        row = _scale_row(rng, first + offset, told, due_dates[day], today, officer_id)
        # Every row has a user_id key (one INSERT a batch); a planner with statistics from
        # accounts with no stories at all would read every story for "your stories".
        told_by = teller_ids and row["channel"] == stages.Channel.ONLINE and rng.random() < 0.1
        row["user_id"] = rng.choice(teller_ids) if told_by else None
        rows.append(row)
        labels_of.append(TOLD[(first + offset) % len(TOLD)][0])
    ids = insert_rows(Story, rows, returning=Story.id)
    codes = (
        {"theme_id": theme_ids[label], "item_type": stages.THEME_ITEM, "item_id": story_id,
         "coded_by_id": officer_id, "coded_at": datetime.now(UTC)}
        for story_id, row, labels in zip(ids, rows, labels_of, strict=True)
        if row["status"] != stages.NEW and rng.random() < 0.9
        for label in labels
    )  # fmt: skip
    insert_rows(ThemeCode, codes)
    save_many_answers(
        stages.MONITORING_SUBJECT,
        ((story_id, fictional_answers(rng)) for story_id, row in zip(ids, rows, strict=True)
         if row["channel"] == stages.Channel.ONLINE and rng.random() < 0.8),
    )  # fmt: skip
    return len(ids)
