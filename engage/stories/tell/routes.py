"""Telling us a story (public: no account needed), in the standard or the Easy Read words:
the start pages, the story, "about you" (contact details and the three consents), the
optional equality monitoring questions, check your answers and the confirmation. Everything
typed is kept as a draft on the server (drafts.py) until "Send", then the draft is deleted.
Changing one's choices
later is in manage.py; officers typing a story in, in officer.py."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.core.access import PUBLIC, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts
from engage.monitoring.api import MonitoringForm
from engage.stories import stages
from engage.stories.tell import manage, officer, services
from engage.stories.tell.blueprint import bp
from engage.stories.tell.drafts import draft, forget, keep
from engage.stories.tell.forms import AboutForm, SendForm, StoryForm, easy_read_words

SENT = "story_sent"  # session: what the confirmation page shows
STEPS = ("story", "about", "equality")


def first_missing_step() -> str | None:
    done = draft().get("done") or []
    return next((step for step in STEPS if step not in done), None)


def step_done(step: str, values: dict[str, Any]) -> None:
    done = draft().get("done") or []
    keep({step: values, "done": sorted({*done, step})})


def is_easy() -> bool:
    return bool(draft().get("easy_read"))


def after(step: str) -> Response:
    """Where a step goes when answered: back to check your answers when changing an
    answer, else the next step not yet answered."""
    if request.args.get("change") == "1" and first_missing_step() is None:
        return redirect(url_for("stories.tell.check"))
    following = STEPS.index(step) + 1
    if following < len(STEPS):
        return redirect(url_for(f"stories.tell.{STEPS[following]}"))
    return redirect(url_for("stories.tell.check"))


def form_data(form: Any) -> dict[str, Any]:
    """What a form's answers are, to keep in the draft (not the CSRF token)."""
    return {field.name: field.data for field in form if field.name != "csrf_token"}


def render(template: str, **context: Any) -> str:
    return render_template(f"stories/tell/{template}", easy=is_easy(), stages=stages, **context)


@bp.route("/tell-us")
@access(PUBLIC)
def start() -> str:
    return render_template(
        "stories/tell/start.html", respond_days=stages.RESPOND_WITHIN_WORKING_DAYS
    )


@bp.route("/tell-us/easy-read")
@access(PUBLIC)
def easy_read() -> str:
    return render_template(
        "stories/tell/easy_read.html", respond_days=stages.RESPOND_WITHIN_WORKING_DAYS
    )


@bp.route("/tell-us/begin")
@access(PUBLIC)
def begin() -> Response:
    """Start (or carry on) telling a story, in the Easy Read words with ``?version=easy-read``."""
    keep({"easy_read": request.args.get("version") == "easy-read"})
    return redirect(url_for("stories.tell.story"))


@bp.route("/tell-us/story", methods=["GET", "POST"])
@access(PUBLIC)
def story() -> str | Response:
    form = StoryForm(data=draft().get("story") if request.method == "GET" else None)
    form.load_choices(services.area_choices(), services.theme_choices())
    if is_easy():
        easy_read_words(form)
    if form.validate_on_submit():
        step_done("story", form_data(form))
        return after("story")
    return render("story.html", form=form)


@bp.route("/tell-us/about-you", methods=["GET", "POST"])
@access(PUBLIC)
def about() -> str | Response:
    if "story" not in (draft().get("done") or []):
        return redirect(url_for("stories.tell.story"))
    kept = (draft().get("about") or {}).get("form")
    if kept is None and current_user.is_authenticated:
        kept = {"name": current_user.full_name, "email": current_user.email}
    form = AboutForm(data=kept if request.method == "GET" else None)
    if is_easy():
        easy_read_words(form)
    if form.validate_on_submit():
        step_done("about", {"form": form_data(form), "details": form.details()})
        return after("about")
    return render("about.html", form=form)


@bp.route("/tell-us/equality", methods=["GET", "POST"])
@access(PUBLIC)
def equality() -> str | Response:
    missing = first_missing_step()
    if missing in ("story", "about"):
        return redirect(url_for(f"stories.tell.{missing}"))
    form = MonitoringForm(data=draft().get("equality") if request.method == "GET" else None)
    if form.validate_on_submit():
        skipped = request.form.get("skip") == "1"
        step_done("equality", {} if skipped else form_data(form))
        return after("equality")
    return render("equality.html", form=form)


@bp.route("/tell-us/check", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("STORY_RATE_LIMIT")
def check() -> str | Response:
    missing = first_missing_step()
    if missing is not None:
        return redirect(url_for(f"stories.tell.{missing}"))
    told = draft()
    form = SendForm()
    if form.validate_on_submit():
        if form.is_spam:  # quietly not kept; the same confirmation as anyone else
            forget()
            db.session.commit()
            session[SENT] = {"reference": "", "email": False, "easy_read": told.get("easy_read")}
            return redirect(url_for("stories.tell.sent"))
        story = _send(told)
        forget()
        db.session.commit()
        session[SENT] = {
            "reference": story.reference,
            "email": bool(story.email),
            "contact": bool(story.email) and story.consent_contact,
            "easy_read": story.easy_read,
        }
        return redirect(url_for("stories.tell.sent"))
    story_form = StoryForm(data=told["story"], meta={"csrf": False})
    themes = services.theme_choices()
    story_form.load_choices(services.area_choices(), themes)
    if is_easy():
        easy_read_words(story_form)
    written = told["story"]
    chosen = set(written.get("themes") or [])
    monitoring = MonitoringForm(data=told.get("equality"), meta={"csrf": False})
    return render(
        "check.html",
        form=form,
        told=told,
        story_form=story_form,
        about=told["about"]["details"],
        monitoring_answered=any(monitoring.to_answers().values()),
        area_label=dict(services.area_choices()).get(written.get("area") or "", ""),
        when_label=stages.WHEN_LABELS.get(written.get("when_happened") or "", ""),
        theme_labels=[label for theme_id, label in themes if str(theme_id) in chosen],
    )


def _send(told: dict[str, Any]) -> Any:
    written, about = told["story"], told["about"]["details"]
    details = {
        "what_happened": written.get("what_happened") or "",
        "area_code": written.get("area") or None,
        "place": written.get("place") or "",
        "when_happened": written.get("when_happened") or None,
        "what_would_help": written.get("what_would_help") or "",
        "easy_read": bool(told.get("easy_read")),
        "channel": stages.Channel.ONLINE,
        **{key: about[key] for key in ("anonymous", "name", "email", "phone")},
        **{key: about[key] for key in ("consent_quote", "consent_publish", "consent_contact")},
    }
    answers = MonitoringForm(data=told.get("equality"), meta={"csrf": False}).to_answers()
    signed_in = current_user.is_authenticated and not about["anonymous"]
    return services.send(
        details,
        [int(theme) for theme in written.get("themes") or [] if str(theme).isdigit()],
        answers,
        user_id=current_user.id if signed_in else None,
    )


@bp.route("/tell-us/sent")
@access(PUBLIC)
def sent() -> str | Response:
    shown = session.get(SENT)
    if not isinstance(shown, dict):
        return redirect(url_for("stories.tell.start"))
    return render_template(
        "stories/tell/sent.html",
        sent=shown,
        easy=bool(shown.get("easy_read")),
        respond_days=stages.RESPOND_WITHIN_WORKING_DAYS,
    )


# The other view modules add their views to bp when imported.
__all__ = ["bp", "manage", "officer"]
