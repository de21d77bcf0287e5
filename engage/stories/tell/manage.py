"""After telling a story (views of the tell blueprint): the person sees it, its status and our
replies, changes each consent, or withdraws it; by the emailed link (its URL argument is
``token``, so staff views hide it) or, signed in, from "Your stories" on their account.
Someone who lost the email asks for a new link by reference and email address, and is told
the same thing whether or not they matched."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from engage.accounts.api import AccountSection, add_account_section
from engage.core.access import PUBLIC, SIGNED_IN, access
from engage.core.db import db
from engage.core.pagination import paginate
from engage.core.rate_limits import limit_posts
from engage.stories import stages
from engage.stories.models import Story
from engage.stories.tell import services
from engage.stories.tell.access import TELLER
from engage.stories.tell.blueprint import bp
from engage.stories.tell.forms import CONSENTS, NO, YES, ChoicesForm, NewLinkForm, WithdrawForm

CHANGED = "Your choices have been saved"
NOT_CHANGED = "Your choices are the same as before: nothing has changed"


def _choices_form(story: Story) -> ChoicesForm:
    data = {key: YES if getattr(story, key) else NO for key in CONSENTS}
    form = ChoicesForm(data=data if request.method == "GET" else None)
    if not story.email:
        del form.consent_contact  # only offered to someone who gave an email address
    return form


def _manage(story: Story, here: str, withdraw_url: str) -> str | Response:
    """The story's page for the person who told it, and saving their changed choices."""
    services.seen_by_teller(story)
    form = _choices_form(story)
    if form.validate_on_submit():
        wanted = {key: form[key].data == YES for key in CONSENTS if key in form}
        changed = services.change_choices(story, wanted)
        db.session.commit()
        flash(CHANGED if changed else NOT_CHANGED, "success")
        return redirect(here)
    db.session.commit()  # the view of a safeguarding story is logged
    return render_template(
        "stories/tell/manage.html",
        story=story,
        form=form,
        withdraw_url=withdraw_url,
        stages=stages,
        area=dict(services.area_choices()).get(story.area_code or "", ""),
    )


def _withdraw(story: Story, back: str) -> str | Response:
    form = WithdrawForm()
    if form.validate_on_submit():
        services.withdraw(story)
        db.session.commit()
        return redirect(url_for("stories.tell.withdrawn"))
    services.seen_by_teller(story)
    db.session.commit()
    return render_template("stories/tell/withdraw.html", story=story, form=form, back=back)


def _story_of_link(token: str) -> Story | str:
    try:
        return services.story_for_token(token)
    except services.LinkExpired:
        return render_template("stories/tell/link_problem.html", problem="expired")
    except services.LinkInvalid:
        return render_template("stories/tell/link_problem.html", problem="invalid")


@bp.route("/tell-us/your-story/<token>", methods=["GET", "POST"])
@access(PUBLIC)
def manage(token: str) -> str | Response:
    story = _story_of_link(token)
    if isinstance(story, str):
        return story
    return _manage(
        story,
        url_for("stories.tell.manage", token=token),
        url_for("stories.tell.withdraw", token=token),
    )


@bp.route("/tell-us/your-story/<token>/withdraw", methods=["GET", "POST"])
@access(PUBLIC)
def withdraw(token: str) -> str | Response:
    story = _story_of_link(token)
    if isinstance(story, str):
        return story
    return _withdraw(story, url_for("stories.tell.manage", token=token))


@bp.route("/tell-us/withdrawn")
@access(PUBLIC)
def withdrawn() -> str:
    return render_template("stories/tell/withdrawn.html")


@bp.route("/tell-us/new-link", methods=["GET", "POST"])
@access(PUBLIC)
@limit_posts("STORY_RATE_LIMIT")  # each one may send an email
def new_link() -> str:
    form = NewLinkForm()
    if form.validate_on_submit():
        services.send_new_link(form.reference.data, form.email.data)
        db.session.commit()
        return render_template("stories/tell/new_link_sent.html", email=form.email.data)
    return render_template("stories/tell/new_link.html", form=form)


# Signed in: "Your stories" -------------------------------------------------------------------


def _own_story(story_id: int) -> Story:
    story = db.session.get(Story, story_id)
    if not stages.can_manage(story, current_user.id):  # TELLER has checked; kept for safety
        abort(404)
    return story


@bp.route("/account/stories")
@access(SIGNED_IN)
def your_stories() -> str:
    return render_template(
        "stories/tell/your_stories.html",
        page=paginate(services.stories_of(current_user.id), per_page=20),
        stages=stages,
    )


@bp.route("/account/stories/<int:story_id>", methods=["GET", "POST"])
@access(TELLER)
def your_story(story_id: int) -> str | Response:
    story = _own_story(story_id)
    return _manage(
        story,
        url_for("stories.tell.your_story", story_id=story.id),
        url_for("stories.tell.withdraw_yours", story_id=story.id),
    )


@bp.route("/account/stories/<int:story_id>/withdraw", methods=["GET", "POST"])
@access(TELLER)
def withdraw_yours(story_id: int) -> str | Response:
    story = _own_story(story_id)
    return _withdraw(story, url_for("stories.tell.your_story", story_id=story.id))


def _account_section(user: Any) -> dict[str, Any]:
    count = db.session.scalar(
        select(func.count()).select_from(services.stories_of(user.id).order_by(None).subquery())
    )
    return {"story_count": count or 0}


def register(app: Flask) -> None:
    add_account_section(app, AccountSection("stories/tell/_account_section.html", _account_section))
