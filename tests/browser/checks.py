"""Checks run in the browser: axe-core for WCAG failures, and reflow at 320 CSS pixels."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from tests.browser.tally import AXE_TAGS

AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the current page, one line per rule."""
    results = AXE.run(page, options=AXE_OPTIONS).response
    found = []
    for violation in results["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        found.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s), e.g. {'; '.join(targets)}]"
        )
    return found


OVERFLOW = r"""() => {
    const root = document.documentElement;
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + [...el.classList].map((name) => "." + name).join("");
    // The outermost elements that reach past the right edge: the ones to fix.
    const wide = [...document.querySelectorAll("body *")].filter(
        (el) => el.getBoundingClientRect().right > root.clientWidth + 0.5
            && el.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5
    );
    return {
        scroll: root.scrollWidth,
        client: root.clientWidth,
        inner: window.innerWidth,
        wide: wide.slice(0, 3).map(describe),
    };
}"""


def horizontal_overflow(page: Any) -> str | None:
    """None if the page fits the width of its viewport, else what sticks out, for a message.

    Compares with the document's clientWidth (the viewport less any vertical scrollbar): that
    is the width a person can see without scrolling sideways."""
    widths = page.evaluate(OVERFLOW)
    if widths["scroll"] <= widths["client"]:
        return None
    return (
        f"the page is {widths['scroll']}px wide in a {widths['client']}px viewport "
        f"(innerWidth {widths['inner']}px); sticking out: {', '.join(widths['wide']) or '?'}"
    )
