"""Stories, unsent consultation responses, the outbox and the audit log under the retention
schedule, each only after its period."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import func, select

from engage.core.audit import AuditEvent
from engage.core.db import db
from engage.core.email import OutboxMessage
from engage.core.theme_models import AnalystNote, ThemeCode
from engage.monitoring.api import save_answers
from engage.monitoring.models import MonitoringResponse
from engage.stories.models import Story, StoryDraft, StoryReply
from tests.factories import (
    AnalystNoteFactory,
    AnswerFactory,
    AuditEventFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    OutboxMessageFactory,
    StoryDraftFactory,
    StoryFactory,
    ThemeCodeFactory,
    UserFactory,
)
from tests.retention.helpers import A_MINUTE, T0, run

THREE_YEARS_ON = T0.replace(year=T0.year + 3)
SIX_YEARS_ON = T0.replace(year=T0.year + 6)


def _told(**fields) -> int:
    given = {"status": "closed", "closed_at": T0, **fields}
    story = StoryFactory(
        anonymous=False, name="Ada Lovelace", email="ada@example.org", phone="0151 000 0001",
        consent_contact=True, told_through="Age UK", **given,
    )  # fmt: skip
    db.session.add(StoryReply(story_id=story.id, text="Thank you, Ada", sent_to=story.email))
    save_answers("story", story.id, {"religion": "other",
                                     "religion_other": "Pagan"})  # fmt: skip
    db.session.commit()
    return story.id


def test_a_closed_story_is_anonymised_after_three_years_unless_published(app: Flask) -> None:
    with app.app_context():
        person = UserFactory()
        closed = _told(user_id=person.id, manage_secret_hash="a" * 64)
        published = _told(published_at=T0, public_title="The lift", public_text="A lift.")
        open_ = StoryFactory(status="in_review").id
        withdrawn = _told(status="new", closed_at=None, withdrawn_at=T0)

        ThemeCodeFactory(item_type="story", item_id=closed)
        AnalystNoteFactory(item_type="story", item_id=closed, text="Ada's neighbour said so")

        assert run(THREE_YEARS_ON - A_MINUTE) == {}
        done = run(THREE_YEARS_ON + A_MINUTE)
        assert done == {("stories", "lived-experience stories anonymised"): 2}
        # Analysts' notes go; the theme codes, which the counts read, stay.
        assert db.session.scalars(select(AnalystNote.id)).all() == []
        assert db.session.scalars(select(ThemeCode.item_id)).all() == [closed]
        db.session.expire_all()
        for story_id in (closed, withdrawn):
            story = db.session.get(Story, story_id)
            assert (story.what_happened, story.what_would_help, story.place) == ("", "", "")
            assert (story.name, story.email, story.phone, story.told_through) == ("", "", "", "")
            assert story.user_id is None and story.manage_secret_hash is None
            assert story.replies == []
            # What it was about stays, for the counts: area, status, the monitoring options.
            assert story.area_code == "E08000012"
            answers = db.session.scalars(
                select(MonitoringResponse).where(MonitoringResponse.subject_id == str(story_id))
            ).one()
            assert (answers.religion, answers.religion_other) == ("other", None)
        assert db.session.get(Story, published).what_happened
        assert db.session.get(Story, published).email == "ada@example.org"
        assert db.session.get(Story, open_).what_happened


def test_a_safeguarding_story_is_kept_six_years(app: Flask) -> None:
    with app.app_context():
        flagged = _told(safeguarding=True, safeguarding_reason="Matched: at risk")
        assert run(THREE_YEARS_ON + A_MINUTE) == {}
        assert run(SIX_YEARS_ON - A_MINUTE) == {}
        assert run(SIX_YEARS_ON + A_MINUTE) == {
            ("safeguarding_stories", "stories flagged for safeguarding anonymised"): 1
        }
        db.session.expire_all()
        story = db.session.get(Story, flagged)
        assert story.what_happened == "" and story.safeguarding_reason == ""
        assert story.safeguarding  # still counted as a safeguarding story


def test_an_unsent_story_draft_goes_after_two_days(app: Flask) -> None:
    with app.app_context():
        StoryDraftFactory(updated_at=T0)
        assert run(T0.replace(day=17) - A_MINUTE) == {}
        assert run(T0.replace(day=17) + A_MINUTE) == {
            ("stories", "unsent story drafts (kept 2 days) deleted"): 1
        }
        assert db.session.scalar(select(func.count(StoryDraft.id))) == 0


def test_unsent_consultation_responses_go_30_days_after_closing(app: Flask) -> None:
    with app.app_context():
        consultation = ConsultationFactory(status="closed", opens_on=date(2024, 12, 1),
                                           closes_on=date(2025, 1, 15))  # fmt: skip
        draft = ConsultationResponseFactory(consultation_id=consultation.id, status="draft",
                                            submitted_at=None, email="me@example.org")  # fmt: skip
        AnswerFactory(response_id=draft.id)
        save_answers("consultation_response", draft.id, {"sex": "female"})
        sent = ConsultationResponseFactory(consultation_id=consultation.id)
        save_answers("consultation_response", sent.id, {"sex": "male"})
        db.session.commit()

        # Closed at the end of 15 January: kept 30 days, to the end of 14 February.
        assert run(T0.replace(month=2, day=14, hour=23, minute=59)) == {}
        done = run(T0.replace(month=2, day=15, hour=0, minute=1))
        assert done == {
            ("draft_consultation_responses", "unsent consultation responses deleted"): 1
        }
        left = db.session.scalars(select(MonitoringResponse.subject_id)).all()
        assert left == [str(sent.id)]


def test_support_requests_go_a_year_after_they_were_done(app: Flask) -> None:
    from engage.consultations.models import FormatRequest
    from engage.policies.models import SupportRequest
    from tests.factories import FormatRequestFactory, SupportRequestFactory

    with app.app_context():
        FormatRequestFactory(done_at=T0)
        waiting = FormatRequestFactory(created_at=T0).id  # not arranged yet: kept
        SupportRequestFactory(done_at=T0)
        a_year_on = T0.replace(year=T0.year + 1)

        assert run(a_year_on - A_MINUTE) == {}
        assert run(a_year_on + A_MINUTE) == {
            ("support_requests", "requests for a consultation in another format or for "
             "support deleted"): 1,
            ("support_requests", "panel members' requests for a draft policy in another "
             "format or for support deleted"): 1,
        }  # fmt: skip
        assert db.session.scalars(select(FormatRequest.id)).all() == [waiting]
        assert db.session.scalars(select(SupportRequest.id)).all() == []


def test_the_outbox_and_the_audit_log(app: Flask) -> None:
    with app.app_context():
        OutboxMessageFactory(sent=True, created_at=T0)
        OutboxMessageFactory(failed=True, created_at=T0)
        waiting = OutboxMessageFactory(created_at=T0).id  # never deleted before it is sent
        AuditEventFactory(occurred_at=T0)
        a_year_on = T0.replace(year=T0.year + 1)

        assert run(a_year_on - A_MINUTE) == {}
        assert run(a_year_on + A_MINUTE) == {("outbox", "records of emails deleted"): 2}
        assert db.session.scalars(select(OutboxMessage.id)).all() == [waiting]
        assert run(SIX_YEARS_ON - A_MINUTE) == {}
        # The run's own events are younger than six years, so only the first one goes.
        before = db.session.scalar(select(func.count(AuditEvent.id)))
        assert run(SIX_YEARS_ON + A_MINUTE) == {("audit_log", "audit log events deleted"): 1}
        assert db.session.scalar(select(func.count(AuditEvent.id))) == before  # -1, +1 event


def test_the_stories_reports_count_the_same_after_anonymising(app: Flask) -> None:
    from sqlalchemy import delete

    from engage.core.count_snapshots import CountSnapshot
    from engage.core.dates import uk_today
    from engage.stories.reports.counts import Filters, count_stories

    with app.app_context():
        for number in range(12):
            _told(area_code="E08000011" if number % 2 else "E08000012", change="changed")
        _told(safeguarding=True)
        before = count_stories(Filters(), True, uk_today())
        db.session.commit()
        assert (
            run(SIX_YEARS_ON + A_MINUTE)[("stories", "lived-experience stories anonymised")] == 12
        )
        db.session.execute(delete(CountSnapshot))  # counted afresh, not read from the kept
        after = count_stories(Filters(), True, uk_today())
        assert after == before and after.stories == 13
