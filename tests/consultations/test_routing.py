"""Page routing of a consultation skips exactly the pages it should, and the check before opening
finds every broken route, loop and unreachable page (engage/consultations/routing.py)."""

from __future__ import annotations

import pytest

from engage.consultations.routing import (
    Route,
    RoutedQuestion,
    RouteProblem,
    next_page,
    pages_on_path,
    problems,
)

# Page ids differ from their positions, so a message that names a page by its id is caught.
PAGES = (11, 22, 33, 44, 55, 66)
P1, P2, P3, P4, P5, P6 = PAGES

# On page 2: "Do you use the bus?" (required), and "How often?" (optional, with "Other").
BUS = RoutedQuestion(101, P2, ("Yes", "No"), required=True, allows_other=False)
OFTEN = RoutedQuestion(102, P2, ("Daily", "Weekly"), required=False, allows_other=True)
# On page 4: "Do you drive?" (required).
DRIVE = RoutedQuestion(104, P4, ("Yes", "No", "Not sure"), required=True, allows_other=False)
QUESTIONS = (BUS, OFTEN, DRIVE)


def route(page, question, answer, goes_to):
    return Route(page_id=page, question_id=question.id, answer=answer, goes_to=goes_to)


def messages(found: list[RouteProblem]) -> list[str]:
    return [problem.message for problem in found]


# next_page


def test_with_no_routes_each_page_leads_to_the_next_and_the_last_to_the_end():
    assert [next_page(PAGES, [], page, {}) for page in PAGES] == [P2, P3, P4, P5, P6, None]


def test_a_matching_route_skips_ahead_and_any_other_answer_goes_on_in_order():
    routes = [route(P2, BUS, "No", P5)]
    assert next_page(PAGES, routes, P2, {BUS.id: "No"}) == P5
    assert next_page(PAGES, routes, P2, {BUS.id: "Yes"}) == P3
    assert next_page(PAGES, routes, P2, {BUS.id: None}) == P3
    assert next_page(PAGES, routes, P2, {}) == P3


def test_a_route_to_the_end_leads_to_check_your_answers():
    assert next_page(PAGES, [route(P2, BUS, "No", None)], P2, {BUS.id: "No"}) is None


def test_the_first_matching_route_in_the_order_given_wins():
    answers = {BUS.id: "No", OFTEN.id: "Daily"}
    often_first = [route(P2, OFTEN, "Daily", P6), route(P2, BUS, "No", P4)]
    assert next_page(PAGES, often_first, P2, answers) == P6
    assert next_page(PAGES, often_first[::-1], P2, answers) == P4


def test_only_the_routes_of_the_current_page_apply():
    routes = [route(P2, BUS, "No", P5)]
    assert next_page(PAGES, routes, P3, {BUS.id: "No"}) == P4


def test_a_list_of_answers_matches_no_route():
    assert next_page(PAGES, [route(P2, BUS, "No", P5)], P2, {BUS.id: ["No"]}) == P3


@pytest.mark.parametrize("goes_to", [P1, P2, 999], ids=["back", "same page", "deleted page"])
def test_a_broken_route_is_passed_over(goes_to):
    routes = [route(P2, BUS, "No", goes_to), route(P2, BUS, "No", P4)]
    assert next_page(PAGES, routes, P2, {BUS.id: "No"}) == P4
    assert next_page(PAGES, routes[:1], P2, {BUS.id: "No"}) == P3


def test_a_page_not_in_the_consultation_is_refused():
    with pytest.raises(ValueError, match="not a page"):
        next_page(PAGES, [], 999, {})


# pages_on_path


def test_with_no_routes_a_resident_visits_every_page():
    assert pages_on_path(PAGES, [], {}) == list(PAGES)


def test_a_path_skips_exactly_the_pages_between_a_route_and_its_page():
    routes = [route(P2, BUS, "No", P5), route(P4, DRIVE, "No", P6)]
    assert pages_on_path(PAGES, routes, {BUS.id: "No"}) == [P1, P2, P5, P6]
    assert pages_on_path(PAGES, routes, {BUS.id: "Yes", DRIVE.id: "No"}) == [P1, P2, P3, P4, P6]
    assert pages_on_path(PAGES, routes, {BUS.id: "No", DRIVE.id: "No"}) == [P1, P2, P5, P6]


def test_unanswered_questions_take_no_route():
    routes = [route(P2, BUS, "No", P5), route(P2, OFTEN, "Weekly", None)]
    assert pages_on_path(PAGES, routes, {OFTEN.id: None}) == list(PAGES)


def test_a_route_to_the_end_stops_the_path_there():
    routes = [route(P2, BUS, "Yes", None)]
    assert pages_on_path(PAGES, routes, {BUS.id: "Yes"}) == [P1, P2]


def test_a_path_through_a_broken_loop_ends():
    routes = [route(P4, DRIVE, "Yes", P2), route(P2, BUS, "Yes", P2)]
    answers = {BUS.id: "Yes", DRIVE.id: "Yes"}
    assert pages_on_path(PAGES, routes, answers) == list(PAGES)
    # Even a page list that repeats a page ends, at the first page visited twice.
    assert pages_on_path((P1, P2, P1, P3), [], {}) == [P1, P2]


def test_a_consultation_with_no_pages_has_an_empty_path():
    assert pages_on_path((), [], {}) == []


# problems


def test_a_sound_set_of_routes_has_no_problems():
    routes = [
        route(P2, BUS, "No", P4),
        route(P2, OFTEN, "Weekly", P5),
        route(P4, DRIVE, "Not sure", None),
    ]
    assert problems(PAGES, QUESTIONS, routes) == []


def test_a_consultation_with_no_pages_cannot_open():
    found = problems((), QUESTIONS, [])
    assert [problem.page_id for problem in found] == [None]
    assert "no pages" in found[0].message


def test_a_route_to_a_deleted_page():
    [problem] = problems(PAGES, QUESTIONS, [route(P2, BUS, "No", 999)])
    assert problem.page_id == P2
    assert problem.message.startswith('The route on page 2 for the answer "No" goes to a page')
    assert "no longer in this consultation" in problem.message


def test_a_route_to_its_own_page_is_a_loop():
    [problem] = problems(PAGES, QUESTIONS, [route(P2, BUS, "No", P2)])
    assert problem.page_id == P2
    assert "goes back to page 2 itself" in problem.message
    assert "only go forward" in problem.message


def test_a_route_to_an_earlier_page_is_a_loop():
    [problem] = problems(PAGES, QUESTIONS, [route(P4, DRIVE, "No", P1)])
    assert problem.page_id == P4
    assert 'The route on page 4 for the answer "No" goes back to page 1' in problem.message


def test_a_route_following_a_question_on_another_page():
    [problem] = problems(PAGES, QUESTIONS, [route(P3, BUS, "No", P5)])
    assert problem.page_id == P3
    assert "a question that is not on page 3" in problem.message


def test_a_route_following_a_question_that_is_not_single_choice():
    free_text = RoutedQuestion(999, P2, (), required=False, allows_other=False)
    [problem] = problems(PAGES, QUESTIONS, [route(P2, free_text, "Anything", P5)])
    assert problem.page_id == P2
    assert "no longer a single-choice question" in problem.message


def test_a_route_whose_option_was_removed():
    renamed = RoutedQuestion(BUS.id, P2, ("Yes", "Never"), required=True, allows_other=False)
    [problem] = problems(PAGES, (renamed, OFTEN, DRIVE), [route(P2, BUS, "No", P4)])
    assert problem.page_id == P2
    assert 'the answer "No" names an answer that is no longer one of' in problem.message


def test_two_routes_for_one_answer_going_to_different_places():
    routes = [route(P2, BUS, "No", P4), route(P2, BUS, "No", None), route(P2, BUS, "No", P4)]
    [problem] = problems(PAGES, QUESTIONS, routes)
    assert problem.page_id == P2
    assert "more than one route" in problem.message
    assert "(page 4 and the end (check your answers))" in problem.message


def test_two_routes_for_one_answer_going_to_the_same_place_are_not_a_problem():
    assert problems(PAGES, QUESTIONS, [route(P2, BUS, "No", P4), route(P2, BUS, "No", P4)]) == []


def test_routing_every_option_of_a_required_question_past_a_page_makes_it_unreachable():
    routes = [route(P2, BUS, "Yes", P4), route(P2, BUS, "No", P5)]
    [problem] = problems(PAGES, QUESTIONS, routes)
    assert problem == RouteProblem(
        P3,
        "Page 3 cannot be reached: no resident's answers lead to it from page 1. Add a route "
        "to it, change the routes that skip over it, or delete the page.",
    )


def test_the_next_page_stays_reachable_while_some_resident_takes_no_route():
    optional = RoutedQuestion(BUS.id, P2, BUS.options, required=False, allows_other=False)
    with_other = RoutedQuestion(BUS.id, P2, BUS.options, required=True, allows_other=True)
    both = [route(P2, BUS, "Yes", P4), route(P2, BUS, "No", P5)]
    assert problems(PAGES, (optional, OFTEN, DRIVE), both) == []
    assert problems(PAGES, (with_other, OFTEN, DRIVE), both) == []
    assert problems(PAGES, QUESTIONS, both[:1]) == []  # "No" takes no route
    # A question with an option added since: its residents go on to page 3.
    three = RoutedQuestion(BUS.id, P2, ("Yes", "No", "Sometimes"), True, False)
    assert problems(PAGES, (three, OFTEN, DRIVE), both) == []


def test_routing_every_option_to_the_end_makes_every_later_page_unreachable():
    routes = [route(P2, BUS, "Yes", None), route(P2, BUS, "No", None)]
    found = problems(PAGES, QUESTIONS, routes)
    assert [problem.page_id for problem in found] == [P3, P4, P5, P6]
    assert [message.split(":")[0] for message in messages(found)] == [
        "Page 3 cannot be reached",
        "Page 4 cannot be reached",
        "Page 5 cannot be reached",
        "Page 6 cannot be reached",
    ]


def test_a_page_after_the_end_is_reachable_when_something_leads_to_it():
    to_the_end = [route(P4, DRIVE, answer, None) for answer in DRIVE.options]
    found = problems(PAGES, QUESTIONS, to_the_end)
    assert [problem.page_id for problem in found] == [P5, P6]
    # Only some residents take this route, so page 3 stays reachable too.
    assert problems(PAGES, QUESTIONS, [route(P2, OFTEN, "Weekly", P5), *to_the_end]) == []


def test_a_page_reached_only_from_an_unreachable_page_is_unreachable_too():
    routes = [
        route(P2, BUS, "Yes", P5),
        route(P2, BUS, "No", P5),
        route(P3, OFTEN, "Daily", P4),  # on the wrong page, and from an unreachable one
    ]
    found = problems(PAGES, QUESTIONS, routes)
    assert [problem.page_id for problem in found] == [P3, P3, P4]
    assert "not on page 3" in found[0].message
    assert found[1].message.startswith("Page 3 cannot be reached")
    assert found[2].message.startswith("Page 4 cannot be reached")


def test_a_route_no_resident_can_take_leads_nowhere():
    renamed = RoutedQuestion(OFTEN.id, P2, ("Monthly",), required=False, allows_other=True)
    routes = [
        route(P2, OFTEN, "Daily", P3),  # its option was removed
        route(P2, BUS, "Yes", P4),
        route(P2, BUS, "No", P4),
    ]
    found = problems(PAGES, (BUS, renamed, DRIVE), routes)
    assert [problem.page_id for problem in found] == [P2, P3]
    assert found[1].message.startswith("Page 3 cannot be reached")


def test_a_route_after_routes_that_take_every_resident_is_never_taken():
    bus_covered = [route(P2, BUS, "Yes", P4), route(P2, BUS, "No", P4)]
    often_to_page_3 = [route(P2, OFTEN, "Daily", P3)]
    found = problems(PAGES, QUESTIONS, bus_covered + often_to_page_3)
    assert [problem.page_id for problem in found] == [P3]
    assert problems(PAGES, QUESTIONS, often_to_page_3 + bus_covered) == []


def test_a_second_route_for_an_answer_already_routed_is_never_taken():
    routes = [
        route(P2, BUS, "No", P4),
        route(P2, BUS, "No", P3),  # shadowed by the route before it
        route(P2, BUS, "Yes", P4),
    ]
    found = problems(PAGES, QUESTIONS, routes)
    assert [problem.page_id for problem in found] == [P2, P3]
    assert "more than one route" in found[0].message


def test_a_broken_route_reaches_no_page():
    routes = [route(P2, BUS, "Yes", P4), route(P2, BUS, "No", P4), route(P5, DRIVE, "Yes", P3)]
    found = problems(PAGES, QUESTIONS, routes)
    assert [problem.page_id for problem in found] == [P3, P5, P5]
    assert "not on page 5" in found[1].message
    assert "goes back to page 3" in found[2].message


def test_problems_come_in_page_order_and_name_pages_by_position_not_id():
    routes = [
        route(P5, DRIVE, "No", P1),
        route(P2, BUS, "No", 999),
        route(P4, DRIVE, "Gone", P6),
    ]
    found = problems(PAGES, QUESTIONS, routes)
    assert [problem.page_id for problem in found] == [P2, P4, P5, P5]
    for text in messages(found):
        assert not any(str(page_id) in text for page_id in (*PAGES, 999))
