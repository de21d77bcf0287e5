"""GOV.UK radios written in Python: the markup of govuk-frontend-jinja's ``govukRadios`` for
the parameters our forms use, element for element (tests/core/test_radios.py compares the two).

The equality monitoring section has about 90 radios. Through the macro each radio is three
more macro calls (the item, its label, its attributes) with their filters: most of the
27 ms "About you" page. Here the whole section takes about 4 ms.

Supported parameters: name, idPrefix, value, classes, fieldset (legend: text, classes,
isPageHeading; describedBy; classes), hint (text), errorMessage (text), formGroup (classes),
and items of value, text, id, checked, hint (text), or a divider. Anything else (html,
attributes, conditional reveals, disabled items) raises ValueError: use the macro for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from engage.core.table_cells import html_text

_PARAMS = {"name", "idPrefix", "value", "classes", "fieldset", "hint", "errorMessage",
           "formGroup", "items"}  # fmt: skip
_ITEM = {"value", "text", "id", "checked", "hint", "divider"}
_FIELDSET = {"legend", "describedBy", "classes"}
_LEGEND = {"text", "classes", "isPageHeading"}
_TEXT_ONLY = {"text", "id"}


def _check(given: Mapping[str, Any] | None, allowed: set[str], what: str) -> None:
    unknown = {key for key, value in (given or {}).items() if value is not None} - allowed
    if unknown:
        raise ValueError(f"radios_html does not support {what} {sorted(unknown)}: use govukRadios")


def _classes(base: str, extra: str | None) -> str:
    return f"{base} {html_text(extra)}" if extra else base


def hint_html(id: str | None, text: Any, classes: str = "") -> str:
    """govukHint's markup."""
    id_attribute = f' id="{html_text(id)}"' if id else ""
    return f'<div{id_attribute} class="{_classes("govuk-hint", classes)}">{html_text(text)}</div>'


def error_message_html(id: str, text: Any) -> str:
    """govukErrorMessage's markup (with its hidden "Error:")."""
    return (
        f'<p id="{html_text(id)}" class="govuk-error-message">'
        f'<span class="govuk-visually-hidden">Error:</span> {html_text(text)}</p>'
    )


def legend_html(legend: Mapping[str, Any]) -> str:
    """A fieldset's legend (none when it has no text)."""
    _check(legend, _LEGEND, "legend")
    if not legend.get("text"):
        return ""
    text = html_text(legend["text"])
    if legend.get("isPageHeading"):
        text = f'<h1 class="govuk-fieldset__heading">{text}</h1>'
    css = _classes("govuk-fieldset__legend", legend.get("classes"))
    return f'<legend class="{css}">{text}</legend>'


def fieldset_html(fieldset: Mapping[str, Any], inside: str, described_by: str = "") -> str:
    """govukFieldset around ``inside`` (markup)."""
    _check(fieldset, _FIELDSET, "fieldset")
    described = f' aria-describedby="{html_text(described_by)}"' if described_by else ""
    return (
        f'<fieldset class="{_classes("govuk-fieldset", fieldset.get("classes"))}"{described}>'
        f"{legend_html(fieldset.get('legend') or {})}{inside}</fieldset>"
    )


def _item_html(params: Mapping[str, Any], item: Mapping[str, Any], index: int, prefix: str) -> str:
    _check(item, _ITEM, "item")
    if item.get("divider"):
        return f'<div class="govuk-radios__divider">{html_text(item["divider"])}</div>'
    item_id = item.get("id") or (f"{prefix}-{index}" if index > 1 else prefix)
    checked = item.get("checked")
    if checked is None:
        checked = bool(params.get("value")) and item.get("value") == params.get("value")
    hint = item.get("hint") or {}
    _check(hint, _TEXT_ONLY, "item hint")
    hint_id = f"{item_id}-item-hint"
    safe_id = html_text(item_id)
    markup = (
        f'<div class="govuk-radios__item"><input class="govuk-radios__input" id="{safe_id}"'
        f' name="{html_text(params["name"])}" type="radio" value="{html_text(item.get("value"))}"'
        + (" checked" if checked else "")
        + (f' aria-describedby="{html_text(hint_id)}"' if hint.get("text") else "")
        + f'><label class="govuk-label govuk-radios__label" for="{safe_id}">'
        f"{html_text(item.get('text'))}</label>"
    )
    if hint.get("text"):
        markup += hint_html(hint_id, hint["text"], "govuk-radios__hint")
    return markup + "</div>"


def radios_html(params: Mapping[str, Any]) -> Markup:
    """What ``govukRadios(params)`` writes, for the supported parameters (see above)."""
    _check(params, _PARAMS, "parameter")
    prefix = params.get("idPrefix") or params["name"]
    fieldset = params.get("fieldset")
    described = [fieldset["describedBy"]] if fieldset and fieldset.get("describedBy") else []
    inside = ""
    hint = params.get("hint")
    if hint:
        _check(hint, _TEXT_ONLY, "hint")
        described.append(f"{prefix}-hint")
        inside += hint_html(f"{prefix}-hint", hint.get("text"))
    error = params.get("errorMessage")
    if error:
        _check(error, _TEXT_ONLY, "error message")
        described.append(f"{prefix}-error")
        inside += error_message_html(f"{prefix}-error", error.get("text"))
    items: Sequence[Any] = params.get("items") or []
    radios = "".join(
        _item_html(params, item, index, prefix) for index, item in enumerate(items, start=1) if item
    )
    inside += (
        f'<div class="{_classes("govuk-radios", params.get("classes"))}"'
        f' data-module="govuk-radios">{radios}</div>'
    )
    if fieldset:
        inside = fieldset_html(fieldset, inside, " ".join(described))
    form_group = params.get("formGroup") or {}
    _check(form_group, {"classes"}, "formGroup")
    css = "govuk-form-group" + (" govuk-form-group--error" if error else "")
    return Markup(  # noqa: S704 - every value above is escaped
        f'<div class="{_classes(css, form_group.get("classes"))}">{inside}</div>'
    )
