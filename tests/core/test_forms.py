"""engage.core.forms' shared fields: trimmed text boxes and textareas, required or optional,
with GOV.UK's wording for each error, and the email field."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from engage.core.forms import (
    BaseForm,
    DateInputField,
    email_field,
    strip_whitespace,
    text_area,
    text_field,
)


class ExampleForm(BaseForm):
    class Meta:
        csrf = False

    title = text_field("Title", required="Enter a title", max_length=10)
    why = text_area("Why is it ending?", required="Enter why", max_length=20, name="Reason")
    note = text_area("Note (optional)", max_length=5, hint="A few words")
    email = email_field()


def form(app, **data: str) -> ExampleForm:
    values = {"title": "A title", "why": "Moved away", "email": "a@example.org", **data}
    with app.test_request_context():
        built = ExampleForm(MultiDict(values))
        built.validate()
        return built


def test_strip_whitespace_trims_text_and_leaves_the_rest():
    assert strip_whitespace("  a b \n") == "a b"
    assert strip_whitespace(None) is None
    assert strip_whitespace(3) == 3  # type: ignore[arg-type]


def test_fields_are_the_right_kind_with_the_gov_uk_widget(app):
    built = form(app)
    assert isinstance(built.title, StringField) and not isinstance(built.title, TextAreaField)
    assert isinstance(built.why, TextAreaField)
    assert built.note.description == "A few words"
    with app.test_request_context():
        assert 'class="govuk-textarea' in str(built.why())
        assert 'class="govuk-input' in str(built.title())
        assert 'autocomplete="email"' in str(built.email())


def test_valid_text_is_kept_trimmed(app):
    built = form(app, title="  Padded \n", note=" ok ")
    assert not built.errors
    assert (built.title.data, built.note.data) == ("Padded", "ok")


def test_a_required_field_refuses_nothing_and_only_spaces(app):
    assert form(app, title="").errors == {"title": ["Enter a title"]}
    # Only spaces: after trimming there is nothing, so it is missing (not saved as empty).
    assert form(app, title=" \t\n ").errors == {"title": ["Enter a title"]}


def test_an_optional_field_may_be_empty(app):
    assert not form(app, note="").errors
    assert not form(app, note="   ").errors


def test_length_messages_name_the_field_with_thousands_separated(app):
    assert form(app, title="x" * 11).errors == {"title": ["Title must be 10 characters or fewer"]}
    assert form(app, why="x" * 21).errors == {"why": ["Reason must be 20 characters or fewer"]}
    assert form(app, note="x" * 6).errors == {
        "note": ["Note (optional) must be 5 characters or fewer"]
    }
    with app.test_request_context():
        field = text_field("Summary", max_length=2000).bind(BaseForm(), "summary")
        field.process(MultiDict({"summary": "x" * 2001}))
        field.validate(BaseForm())
        assert field.errors == ["Summary must be 2,000 characters or fewer"]


def test_email_field_checks_presence_form_and_length(app):
    assert form(app, email="").errors == {"email": ["Enter your email address"]}
    assert form(app, email="not an address").errors == {
        "email": ["Enter an email address in the correct format, like name@example.com"]
    }
    too_long = "a" * 310 + "@example.org"
    assert (
        "Email address must be 320 characters or fewer" in form(app, email=too_long).errors["email"]
    )
    assert form(app, email="  Siobhan@example.org ").email.data == "Siobhan@example.org"


class DatesForm(BaseForm):
    class Meta:
        csrf = False

    starts = DateInputField("Start date", validators=[InputRequired("Enter the start date")])
    ends = DateInputField("End date", validators=[Optional()])


def dates(app, starts: list[str], ends: list[str] | None = None) -> DatesForm:
    with app.test_request_context():
        built = DatesForm(
            MultiDict([*(("starts", p) for p in starts), *(("ends", p) for p in ends or [])])
        )
        built.validate()
        return built


def test_a_required_date_refuses_parts_of_only_spaces(app):
    """Found by the hostile-input test once it reached the forms: a date of three spaces
    passed InputRequired with no date, and saving the strategy's period crashed."""
    assert dates(app, ["", "", ""]).errors == {"starts": ["Enter the start date"]}
    assert dates(app, [" ", "\t", " "]).errors == {"starts": ["Enter the start date"]}
    assert dates(app, ["x", "4", "2027"]).errors == {
        "starts": ["Start date must be a real date, like 27 3 2027"]
    }
    built = dates(app, ["1", "4", "2027"], [" ", " ", " "])
    assert not built.errors and built.ends.data is None


def test_widgets_render_the_same_html_without_flask_render_template(app, monkeypatch):
    """engage.core.forms renders govuk-frontend-wtf widgets straight from the Jinja
    environment (for speed): the HTML must be what the library's own render makes."""
    from flask import render_template
    from govuk_frontend_wtf.gov_form_base import GovFormBase
    from markupsafe import Markup

    built = form(app, title="<b>Bold & 'quoted'</b>", email="not an email")
    built_dates = dates(app, ["31", "2", "2027"], ["1", "4", "2027"])
    fields = [*built, *built_dates]
    with app.test_request_context():
        ours = [str(field()) for field in fields]
        assert "&lt;b&gt;Bold &amp; &#39;quoted&#39;&lt;/b&gt;" in ours[0]
        monkeypatch.setattr(
            GovFormBase,
            "render",
            lambda widget, params: Markup(render_template(widget.template, params=params)),  # noqa: S704
        )
        assert ours == [str(field()) for field in fields]


def test_choice_and_date_widgets_are_drawn_once_for_the_same_params(app):
    """engage.core.forms remembers choice and date widgets' HTML by their params: the same
    params give the same HTML without drawing it again; other values, or markup where there
    was text, are drawn afresh."""
    from govuk_frontend_wtf.wtforms_widgets import GovSelect
    from markupsafe import Markup

    from engage.core.forms import _render_widget

    widget = GovSelect()

    def params(label, selected: str) -> dict:
        items = [{"value": v, "text": v.upper(), "selected": v == selected} for v in "abc"]
        return {"id": "x", "name": "x", "label": {"text": label}, "items": items}

    with app.test_request_context():
        first = _render_widget(widget, params("A & B", "a"))
        assert _render_widget(widget, params("A & B", "a")) is first
        assert "A &amp; B" in first
        other = _render_widget(widget, params("A & B", "b"))
        assert other != first and '<option value="b" selected>' in other
        as_markup = _render_widget(widget, params(Markup("A & B"), "a"))
        assert "A & B" in as_markup and "&amp;" not in as_markup
        assert len(dates(app, ["1", "2", "2027"]).starts()) > 0


def test_only_empty_text_boxes_are_remembered(app):
    """An empty text box (a list page's filter) is drawn once for the same params; a box
    holding what someone typed is drawn afresh every time, so their words are not kept."""
    from govuk_frontend_wtf.wtforms_widgets import GovTextInput

    from engage.core.forms import _render_widget

    widget = GovTextInput()
    empty = {"id": "q", "name": "q", "label": {"text": "Search"}, "value": ""}
    typed = {**empty, "value": "<b>my name</b>"}
    with app.test_request_context():
        first = _render_widget(widget, empty)
        assert _render_widget(widget, dict(empty)) is first
        assert 'name="q"' in first and "Search" in first
        shown = _render_widget(widget, typed)
        assert "&lt;b&gt;my name&lt;/b&gt;" in shown
        assert _render_widget(widget, dict(typed)) is not shown
        remembered = vars(app.jinja_env)["engage_remembered_widgets"]
        assert not any("my name" in key[1] for key in remembered)
