"""Publishing a story and the public stories pages. An officer publishes the de-identified
version only under stages.check_can_publish (consent, not safeguarding, not withdrawn, every
check ticked); the public sees a story only while stages.is_public holds, so withdrawing
consent or the story, or a safeguarding flag, takes it off at once with nothing to undo.
Nothing here reads the person's name, contact details or own words for a public page.
Functions add to the session; routes commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, select

from engage.core import themes
from engage.core.audit import record_event
from engage.core.dates import UK
from engage.core.db import as_utc, db, utcnow
from engage.core.theme_models import Codeframe, Theme, ThemeCode
from engage.stories import services, stages
from engage.stories.models import Story
from engage.strategy.api import filter_by_tags, objective_choices, objectives_by_record

EXTRACT_LENGTH = 220


# Publishing ---------------------------------------------------------------------------------


def publish(
    story: Story, *, title: str, text: str, response: str, ticked: list[str], by_id: int
) -> bool:
    """Publish the story's public version, or change the one already published (its date
    stays the first publication's). Returns whether it was published for the first time."""
    stages.check_can_publish(story, set(ticked))
    first = story.published_at is None
    story.public_title, story.public_text, story.public_response = title, text, response
    story.checks_ticked = [key for key in stages.DEIDENTIFICATION_CHECKS if key in ticked]
    story.published_by_id = by_id
    if first:
        story.published_at = utcnow()
    record_event(
        "story_published" if first else "story_publication_changed",
        object_type="story",
        object_id=story.id,
        checks=story.checks_ticked,
    )
    return first


def unpublish(story: Story) -> None:
    """Take the story off the public pages. The public text is kept, so publishing it again
    starts from it (the checks are ticked again)."""
    stages.check_can_unpublish(story)
    story.published_at = None
    story.checks_ticked = []
    record_event("story_unpublished", object_type="story", object_id=story.id)


def refused_on_safeguarding(story: Story) -> None:
    """Write down that someone tried to publish a safeguarding story (every action on one
    is audited), before the refusal is shown."""
    record_event(
        "story_publish_refused",
        object_type="story",
        object_id=story.id,
        reason=stages.SAFEGUARDING_NEVER_PUBLISHED,
    )


# The public pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    theme_id: int | None = None
    area: str = ""
    objective: str = ""

    @property
    def any(self) -> bool:
        return bool(self.theme_id or self.area or self.objective)


@dataclass(frozen=True)
class Headline:
    led_to_change: int
    published: int

    @property
    def percent(self) -> int:
        """The share as a whole percent, never 0 when some did nor 100 when some did not."""
        if not self.published:
            return 0
        share = round(100 * self.led_to_change / self.published)
        if 0 < self.led_to_change < self.published:
            share = min(max(share, 1), 99)
        return share


def story_themes() -> list[Theme]:
    """The stories codeframe's themes, in order (none before anyone made it). One query."""
    owner_type, owner_id = stages.CODEFRAME_OWNER
    return list(
        db.session.scalars(
            select(Theme)
            .join(Codeframe, Codeframe.id == Theme.codeframe_id)
            .where(Codeframe.owner_type == owner_type, Codeframe.owner_id == owner_id)
            .order_by(Theme.position, Theme.id)
        )
    )


def public_statement(filters: Filters) -> Select:
    """The public stories, newest first, narrowed by the filters."""
    statement = services.public_stories()
    if filters.theme_id:
        statement = statement.where(
            Story.id.in_(
                select(ThemeCode.item_id).where(
                    ThemeCode.item_type == stages.THEME_ITEM,
                    ThemeCode.theme_id == filters.theme_id,
                )
            )
        )
    if filters.area:
        statement = statement.where(Story.area_code == filters.area)
    return filter_by_tags(statement, Story, objective=filters.objective or None)


def headline(statement: Select) -> Headline:
    """How many of the stories ``statement`` selects led to a change, and how many there are,
    counted by the database in one query."""
    rows = (
        statement.order_by(None)
        .with_only_columns(Story.change, maintain_column_froms=True)
        .subquery()
    )
    led = case((rows.c.change.in_([str(marker) for marker in stages.LED_TO_CHANGE]), 1), else_=0)
    total, changed = db.session.execute(
        select(func.count(), func.coalesce(func.sum(led), 0)).select_from(rows)
    ).one()
    return Headline(led_to_change=int(changed), published=int(total))


def theme_labels(
    story_ids: list[int], codeframe_themes: list[Theme] | None = None
) -> dict[int, list[str]]:
    """Each story's theme labels, in the codeframe's order: one query when the page has the
    codeframe's themes (story_themes()) already, two when not."""
    if codeframe_themes is None:
        codeframe_themes = story_themes()
    return themes.labels_for(codeframe_themes, stages.THEME_ITEM, story_ids)


@dataclass(frozen=True)
class PublicView:
    """What the public sees of a story: the published version, or an officer's preview."""

    id: int
    title: str
    text: str
    response: str
    area: str
    when: str
    change: str
    change_label: str
    change_description: str
    themes: list[str]
    month: str


def public_view(
    story: Story,
    areas: dict[str, str],
    labels: list[str],
    *,
    title: str | None = None,
    text: str | None = None,
    response: str | None = None,
) -> PublicView:
    """The public version of ``story``; a preview passes the officer's unsaved words."""
    return PublicView(
        id=story.id,
        title=story.public_title if title is None else title,
        text=story.public_text if text is None else text,
        response=story.public_response if response is None else response,
        area=area_words(story.area_code, areas),
        when=when_words(story.when_happened),
        change=story.change,
        change_label=stages.CHANGE_LABELS.get(story.change, ""),
        change_description=story.change_description,
        themes=labels,
        month=month_published(story.published_at or utcnow()),
    )


def first_draft(story: Story) -> dict[str, str]:
    """What the publishing form starts with: the public version kept from before, else the
    person's own words for the officer to de-identify."""
    return {
        "public_title": story.public_title,
        "public_text": story.public_text or story.what_happened,
        "public_response": story.public_response,
    }


def objectives_of(story_id: int) -> list[str]:
    """The strategy objectives the story's priorities belong to, as "EO2: title", in two
    queries however many priorities it has."""
    words = dict(objective_choices())
    codes = objectives_by_record(Story, [story_id]).get(story_id, [])
    return [words.get(code, code) for code in codes]


def get_public(story_id: int) -> Story | None:
    """The story, only if the public may see it now."""
    story = services.get_story(story_id)
    return story if story is not None and stages.is_public(story) else None


def area_words(code: str | None, areas: dict[str, str]) -> str:
    """Where it happened, as the public sees it: the area only, never the place."""
    if not code:
        return "Not said"
    return areas.get(code) or stages.AREA_OTHER_LABELS.get(code, "Not said")


def when_words(code: str | None) -> str:
    """Roughly when it happened, as the person said when they told us."""
    if code == stages.WhenItHappened.NOT_SURE:
        return "The person was not sure"
    return stages.WHEN_LABELS.get(code, "Not said") if code else "Not said"


def month_published(published_at: datetime) -> str:
    """ "March 2027": only the month, so no exact date is shown."""
    return f"{as_utc(published_at).astimezone(UK):%B %Y}"


def extract(text: str, length: int = EXTRACT_LENGTH) -> str:
    """The start of the public text, cut at a word, for the list."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    return flat[:length].rsplit(" ", 1)[0].rstrip(",.;:") + "\u2026"
