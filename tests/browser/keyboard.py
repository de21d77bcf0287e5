"""Keyboard-only driving for browser tests: Tab, Shift+Tab, Enter and Space, with a check
after every move that the focused element shows it has focus (WCAG 2.4.7)."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from sqlalchemy import select

from engage.core.db import db
from engage.core.email import OutboxMessage

MAX_TABS = 80  # the longest pages (monitoring questions) have many stops

# The focused element, described, with the styles that show focus, read while it has focus
# and again after blur(). Focus goes back to it afterwards so the journey carries on.
FOCUS_STATE = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
        return { element: null };
    }
    const names = ["outline-style", "outline-width", "outline-color", "box-shadow",
        "background-color", "color", "text-decoration-line", "text-decoration-thickness",
        "border-color", "border-width"];
    const read = () => {
        const style = getComputedStyle(el);
        return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    };
    const focused = read();
    el.blur();
    const unfocused = read();
    el.focus();
    // An outline only shows if it has a style, a width and a colour that is not transparent
    // (GOV.UK links add a transparent outline for forced-colours mode).
    const outlineShows = focused["outline-style"] !== "none"
        && parseFloat(focused["outline-width"]) > 0
        && !/^rgba\(.*,\s*0\)$|^transparent$/.test(focused["outline-color"]);
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
    let label = "";
    if (el.labels && el.labels.length) label = el.labels[0].innerText.trim();
    return {
        element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + (el.type ? "[type=" + el.type + "]" : "") + " " + JSON.stringify(text || label),
        tag: el.tagName.toLowerCase(),
        id: el.id,
        type: el.type || "",
        text: text,
        label: label,
        refocused: document.activeElement === el,
        changed: names.filter((name) => focused[name] !== unfocused[name]
            && !(name.startsWith("outline") && !outlineShows)),
    };
}"""


class Keyboard:
    """Presses keys on ``page`` and checks focus is visible after each move."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.moves = 0

    def focused(self, key: str = "", goal: str = "") -> dict[str, Any]:
        state = self.page.evaluate(FOCUS_STATE)
        where = f"after {key} on {self.page.url}" if key else f"on {self.page.url}"
        if goal:
            where += f" (looking for {goal})"
        assert state["element"], f"focus went to the page body {where}"
        assert state["refocused"], f"{state['element']} did not take focus back {where}"
        assert state["changed"], f"{state['element']} has no visible focus indicator {where}"
        return state

    def press(self, key: str, goal: str = "") -> dict[str, Any]:
        self.page.keyboard.press(key)
        self.moves += 1
        return self.focused(key, goal)

    def tab_until(self, matches: Any, what: str, *, backwards: bool = False) -> dict[str, Any]:
        key = "Shift+Tab" if backwards else "Tab"
        seen = []
        for _ in range(MAX_TABS):
            state = self.press(key, what)
            if matches(state):
                return state
            seen.append(state["element"])
        raise AssertionError(f"{what} not reached by {key} on {self.page.url}; passed {seen}")

    def tab_to_field(self, label: str, **kwargs: Any) -> dict[str, Any]:
        return self.tab_until(
            lambda s: s["tag"] == "input" and s["label"] == label, f"the {label!r} field", **kwargs
        )

    def tab_to_link(self, text: str) -> dict[str, Any]:
        return self.tab_until(lambda s: s["tag"] == "a" and s["text"] == text, f"{text!r} link")

    def tab_to_button(self, text: str) -> dict[str, Any]:
        return self.tab_until(
            lambda s: s["type"] == "submit" and s["text"] == text,
            f"{text!r} button",
        )

    def follow(self, key: str = "Enter") -> None:
        """Press a key that leaves the page (a link or a submit button): there is no focus
        to check until the next page has loaded."""
        self.page.keyboard.press(key)
        self.moves += 1
        self.page.wait_for_load_state()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def navigation_links(page: Any) -> list[str]:
    return [
        text.strip() for text in page.locator(".govuk-service-navigation__item a").all_inner_texts()
    ]


def emailed_link(app: Flask, recipient: str, kind: str) -> str:
    with app.app_context():
        message = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == recipient, OutboxMessage.kind == kind)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None, f"no {kind} email to {recipient} in the outbox"
        match = re.search(r"http://localhost(/\S+)", message.body)
        assert match, f"no link in the {kind} email:\n{message.body}"
        return match.group(1)


def tab_to_id(keys: Keyboard, element_id: str) -> dict[str, Any]:
    """Tab until the element with this id has focus."""
    return keys.tab_until(lambda s: s["id"] == element_id, f"#{element_id}")
