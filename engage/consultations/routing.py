"""Page-level routing of a consultation, as in GOV.UK Forms, with the check that must pass before
a consultation can open.

A consultation's questions are on ordered pages. A page may have routes: "if the answer to this
single-choice question on this page is A, go to page P" (P later in the order), or "go to the end"
(the check-your-answers page). A resident whose answers take no route goes to the next page in
order, and after the last page to the end.

Pure functions over plain dataclasses: no database and no Flask, so the builder, the preview and
the answering pages all follow the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Answers = Mapping[int, str | list[str] | None]


@dataclass(frozen=True)
class RoutedQuestion:
    id: int
    page_id: int
    options: tuple[str, ...]  # the answer values a route may name (single-choice options)
    required: bool
    allows_other: bool  # an "Other, please say" answer, which no route can name


@dataclass(frozen=True)
class Route:
    page_id: int
    question_id: int
    answer: str
    goes_to: int | None  # a page id, or None: "go to the end (check your answers)"


@dataclass(frozen=True)
class RouteProblem:
    page_id: int | None  # the page the officer should fix, when there is one
    message: str  # for an officer, in plain words, naming pages by their number in the order


def _follows(route: Route, positions: Mapping[int, int]) -> bool:
    """Whether a resident can be sent along ``route``: to the end, or to a later page that is
    still in the consultation. Any other route is broken (``problems`` reports it) and is passed
    over, so a resident is never sent to a missing page or back round a loop."""
    if route.goes_to is None:
        return True
    here, there = positions.get(route.page_id), positions.get(route.goes_to)
    return here is not None and there is not None and there > here


def _positions(page_ids: Sequence[int]) -> dict[int, int]:
    positions: dict[int, int] = {}
    for index, page_id in enumerate(page_ids):
        positions.setdefault(page_id, index)
    return positions


def next_page(
    page_ids: Sequence[int], routes: Sequence[Route], current: int, answers: Answers
) -> int | None:
    """The page a resident goes to after ``current``, or None for the end (check your answers).

    The first route on ``current`` (in the order given) whose question was answered with its
    answer wins; otherwise the next page in order; after the last page, the end. A route to a page
    no longer in the consultation, or to the same or an earlier page, is passed over.
    """
    positions = _positions(page_ids)
    if current not in positions:
        raise ValueError(f"page {current!r} is not a page of this consultation")
    for route in routes:
        if route.page_id != current or not _follows(route, positions):
            continue
        given = answers.get(route.question_id)
        if isinstance(given, str) and given == route.answer:
            return route.goes_to
    following = positions[current] + 1
    return page_ids[following] if following < len(page_ids) else None


def pages_on_path(page_ids: Sequence[int], routes: Sequence[Route], answers: Answers) -> list[int]:
    """The pages a resident with these answers visits, from the first page, in order.

    Unanswered questions take no route. It stops at the end, or at a page already visited, so it
    ends even on a broken set of routes.
    """
    path: list[int] = []
    page = page_ids[0] if page_ids else None
    while page is not None and page not in path:
        path.append(page)
        page = next_page(page_ids, routes, page, answers)
    return path


def _where(goes_to: int | None, positions: Mapping[int, int]) -> str:
    if goes_to is None:
        return "the end (check your answers)"
    if goes_to in positions:
        return f"page {positions[goes_to] + 1}"
    return "a page that is no longer in this consultation"


def _route_problems(
    route: Route, positions: Mapping[int, int], questions: Mapping[int, RoutedQuestion]
) -> list[str]:
    """What is wrong with one route on a page of the consultation, in words for an officer."""
    here = positions[route.page_id] + 1
    said = f'The route on page {here} for the answer "{route.answer}"'
    found: list[str] = []
    question = questions.get(route.question_id)
    if question is None:
        found.append(
            f"{said} follows a question that is no longer a single-choice question, or no "
            "longer exists. Routes can only follow a single-choice question: delete this route."
        )
    elif question.page_id != route.page_id:
        found.append(
            f"{said} follows a question that is not on page {here}. A route can only follow a "
            f"question on its own page: delete it, and add it again on the question's page."
        )
    elif route.answer not in question.options:
        found.append(
            f"{said} names an answer that is no longer one of its question's options (the "
            "options were changed). Choose one of the current options for it, or delete it."
        )
    if route.goes_to is not None and route.goes_to not in positions:
        found.append(
            f"{said} goes to a page that is no longer in this consultation. Choose another "
            "page for it, or the end (check your answers), or delete the route."
        )
    elif route.goes_to is not None:
        there = positions[route.goes_to] + 1
        if there == here:
            found.append(
                f"{said} goes back to page {here} itself, which would make a loop. Routes can "
                "only go forward: choose a later page or the end (check your answers)."
            )
        elif there < here:
            found.append(
                f"{said} goes back to page {there}, which would make a loop. Routes can only "
                "go forward: choose a later page or the end (check your answers)."
            )
    return found


def _conflicts(routes: Sequence[Route], positions: Mapping[int, int]) -> list[tuple[int, str]]:
    """Two or more routes for the same question and answer that go to different places."""
    places: dict[tuple[int, int, str], list[int | None]] = {}
    for route in routes:
        if route.page_id in positions:
            key = (route.page_id, route.question_id, route.answer)
            places.setdefault(key, [])
            if route.goes_to not in places[key]:
                places[key].append(route.goes_to)
    found: list[tuple[int, str]] = []
    for (page_id, _question, answer), targets in places.items():
        if len(targets) > 1:
            where = " and ".join(_where(target, positions) for target in targets)
            found.append(
                (
                    page_id,
                    f"Page {positions[page_id] + 1} has more than one route for the answer "
                    f'"{answer}" to the same question, going to different places ({where}). '
                    "Keep one of them and delete the others.",
                )
            )
    return found


def _leads_to(
    page_id: int,
    routes: Sequence[Route],
    positions: Mapping[int, int],
    questions: Mapping[int, RoutedQuestion],
) -> tuple[set[int], bool]:
    """The pages the routes on ``page_id`` can send a resident to, and whether some resident can
    take none of them (and so goes on to the next page in order).

    Only a route a resident could take counts: it follows a single-choice question on this page
    with one of its options, goes forward, and no earlier route on the page takes every resident
    who would match it. Every resident takes a route when the page's routes cover every option of
    a required single-choice question that has no "other" answer.
    """
    targets: set[int] = set()
    claimed: dict[int, set[str]] = {}
    for route in routes:
        question = questions.get(route.question_id)
        if (
            route.page_id != page_id
            or question is None
            or question.page_id != page_id
            or route.answer not in question.options
            or not _follows(route, positions)
            or route.answer in claimed.get(question.id, set())
        ):
            continue
        claimed.setdefault(question.id, set()).add(route.answer)
        if route.goes_to is not None:
            targets.add(route.goes_to)
        if (
            question.required
            and not question.allows_other
            and claimed[question.id] >= set(question.options)
        ):
            return targets, False  # every resident has taken a route by now
    return targets, True


def _unreachable(
    page_ids: Sequence[int],
    routes: Sequence[Route],
    positions: Mapping[int, int],
    questions: Mapping[int, RoutedQuestion],
) -> list[int]:
    reached = {page_ids[0]}
    waiting = [page_ids[0]]
    while waiting:
        page_id = waiting.pop()
        targets, falls_through = _leads_to(page_id, routes, positions, questions)
        following = positions[page_id] + 1
        if falls_through and following < len(page_ids):
            targets.add(page_ids[following])
        for target in targets - reached:
            reached.add(target)
            waiting.append(target)
    return [page_id for page_id in page_ids if page_id not in reached]


def problems(
    page_ids: Sequence[int], questions: Sequence[RoutedQuestion], routes: Sequence[Route]
) -> list[RouteProblem]:
    """What must be fixed before the consultation can open (an empty list: nothing).

    ``questions`` are the consultation's single-choice questions, the only ones a route may
    follow. Problems come in page order; a problem with no page to fix comes first.
    """
    if not page_ids:
        return [
            RouteProblem(
                None,
                "This consultation has no pages. Add at least one page of questions before "
                "it can open.",
            )
        ]
    positions = _positions(page_ids)
    by_id = {question.id: question for question in questions}
    found: list[RouteProblem] = []
    for route in routes:
        if route.page_id in positions:  # a route on a deleted page sends nobody anywhere
            found += [
                RouteProblem(route.page_id, words)
                for words in _route_problems(route, positions, by_id)
            ]
    found += [RouteProblem(page_id, words) for page_id, words in _conflicts(routes, positions)]
    for page_id in _unreachable(page_ids, routes, positions, by_id):
        found.append(
            RouteProblem(
                page_id,
                f"Page {positions[page_id] + 1} cannot be reached: no resident's answers lead "
                "to it from page 1. Add a route to it, change the routes that skip over it, "
                "or delete the page.",
            )
        )

    def order(problem: RouteProblem) -> int:
        return -1 if problem.page_id is None else positions[problem.page_id]

    return sorted(found, key=order)
