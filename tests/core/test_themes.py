"""Theme coding in core (engage/core/themes.py), without any feature: a codeframe owned by a
"test" record, items named by type and id, and the items to count chosen by a SQL subquery
(a UNION of literal ids standing in for a feature's table)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Integer, Select, event, literal, select, union_all

from engage.admin.audit_words import ACTION_WORDS
from engage.core import themes
from engage.core.audit import AuditEvent
from engage.core.db import db

OWNER, ITEM = "test_owner", "test_item"


def ids_subquery(*ids: int, grouped: bool = False) -> Select:
    """A SELECT of item ids (and, ``grouped``, each one's group: 1 for odd, 0 for even), as a
    feature's query would be."""
    rows = union_all(
        *(select(literal(i, Integer).label("item_id"), literal(i % 2, Integer).label("grp"))
          for i in ids)
    ).subquery("items")  # fmt: skip
    return select(rows.c.item_id, rows.c.grp) if grouped else select(rows.c.item_id)


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def frame(app):
    with app.app_context():
        codeframe = themes.codeframe_for(OWNER, 1)
        for label in ("Fares", "Safety", "Access"):
            themes.add_theme(codeframe, label, f"About {label.lower()}")
        db.session.commit()
        yield codeframe


def labels(frame: themes.Codeframe, item_id: int) -> list[str]:
    return themes.coding_for(frame, ITEM, [item_id])[item_id].labels


def test_a_codeframe_is_made_once_per_owner_and_keeps_its_themes_in_order(frame):
    assert themes.codeframe_for(OWNER, 1).id == frame.id
    assert themes.get_codeframe(OWNER, 2) is None
    assert [(t.label, t.position) for t in frame.themes] == [
        ("Fares", 1), ("Safety", 2), ("Access", 3),
    ]  # fmt: skip


def test_labels_are_unique_ignoring_case(frame):
    with pytest.raises(themes.ThemesRefused, match="already a theme called “Fares”"):
        themes.add_theme(frame, "FARES")
    safety = frame.themes[1]
    with pytest.raises(themes.ThemesRefused):
        themes.change_theme(frame, safety, "fares", "")
    themes.change_theme(frame, safety, "Feeling safe", "At stops and on buses", position=1)
    assert [t.label for t in frame.themes] == ["Feeling safe", "Fares", "Access"]
    assert [t.position for t in frame.themes] == [1, 2, 3]


def test_an_item_has_several_themes_and_setting_them_replaces_the_set(frame):
    fares, safety, access = (t.id for t in frame.themes)
    assert themes.set_item_themes(frame, ITEM, 10, [fares, safety]) is True
    assert labels(frame, 10) == ["Fares", "Safety"]
    assert themes.set_item_themes(frame, ITEM, 10, [safety, fares]) is False  # the same set
    themes.set_item_themes(frame, ITEM, 10, [access, safety])
    assert labels(frame, 10) == ["Safety", "Access"]
    themes.set_item_themes(frame, ITEM, 10, [])
    assert labels(frame, 10) == []
    # The same id of another type of item is another item.
    themes.set_item_themes(frame, ITEM, 11, [fares])
    themes.set_item_themes(frame, "other_item", 11, [access])
    assert labels(frame, 11) == ["Fares"]


def test_themes_of_another_codeframe_are_refused(frame):
    other = themes.codeframe_for(OWNER, 2)
    theirs = themes.add_theme(other, "Theirs")
    with pytest.raises(themes.ThemesRefused, match="Choose themes from this codeframe"):
        themes.set_item_themes(frame, ITEM, 10, [theirs.id])
    assert themes.get_theme(frame, theirs.id) is None
    assert themes.get_theme(other, theirs.id) is theirs


def test_counts_by_theme_count_only_the_items_the_subquery_chooses(frame):
    fares, safety, access = (t.id for t in frame.themes)
    themes.set_item_themes(frame, ITEM, 1, [fares, safety])
    themes.set_item_themes(frame, ITEM, 2, [fares])
    themes.set_item_themes(frame, ITEM, 3, [safety])
    themes.set_item_themes(frame, ITEM, 4, [fares])  # not among the items counted below
    themes.set_item_themes(frame, "other_item", 1, [access])  # another type of item
    db.session.flush()
    with counting_queries() as statements:
        counts = themes.counts_by_theme(frame, ITEM, ids_subquery(1, 2, 3, 5))
    assert [(c.theme.label, c.count) for c in counts] == [
        ("Fares", 2), ("Safety", 2), ("Access", 0),
    ]  # fmt: skip
    assert len(statements) == 1
    assert "GROUP BY" in statements[0]


def test_counts_by_group_and_items_coded_by_group(frame):
    fares, safety, _ = (t.id for t in frame.themes)
    for item_id, chosen in {1: [fares], 2: [fares, safety], 3: [safety], 4: []}.items():
        themes.set_item_themes(frame, ITEM, item_id, chosen)
    items = ids_subquery(1, 2, 3, 4, grouped=True)
    with counting_queries() as statements:
        by_group = themes.counts_by_group_and_theme(frame, ITEM, items)
        coded = themes.coded_by_group(frame, ITEM, items)
    assert by_group == {(1, fares): 1, (1, safety): 1, (0, fares): 1, (0, safety): 1}
    assert coded == {1: 2, 0: 1}  # item 4 has no theme
    assert len(statements) == 2


def test_is_coded_is_a_condition_for_the_features_query(frame):
    themes.set_item_themes(frame, ITEM, 2, [frame.themes[0].id])
    items = ids_subquery(1, 2, 3).subquery()
    coded = db.session.scalars(
        select(items.c.item_id).where(themes.is_coded(frame, ITEM, items.c.item_id))
    )
    uncoded = db.session.scalars(
        select(items.c.item_id).where(~themes.is_coded(frame, ITEM, items.c.item_id))
    )
    assert (sorted(coded), sorted(uncoded)) == ([2], [1, 3])
    everything = db.session.scalars(
        select(items.c.item_id).where(~themes.is_coded(None, ITEM, items.c.item_id))
    )
    assert sorted(everything) == [1, 2, 3]  # no codeframe yet: nothing is coded


def test_a_note_per_item_records_who_and_when_and_blank_removes_it(frame, make_user):
    analyst = make_user(roles=["officer"])
    assert themes.set_note(frame, ITEM, 7, "  Mentions the 10A  ", analyst.id) is True
    note = themes.coding_for(frame, ITEM, [7])[7].note
    assert (note.text, note.written_by_id) == ("Mentions the 10A", analyst.id)
    assert note.written_at is not None
    assert themes.set_note(frame, ITEM, 7, "Mentions the 10A", analyst.id) is False
    themes.set_note(frame, ITEM, 7, "Mentions the 10A and the 14", None)
    assert db.session.scalar(select(themes.AnalystNote.text)) == "Mentions the 10A and the 14"
    themes.set_note(frame, ITEM, 7, "   ")
    assert themes.coding_for(frame, ITEM, [7])[7].note is None


def test_a_page_of_items_reads_themes_and_notes_in_two_queries_at_any_size(frame):
    fares, safety, _ = (t.id for t in frame.themes)
    for item_id in range(1, 61):
        themes.set_item_themes(frame, ITEM, item_id, [fares, safety] if item_id % 2 else [fares])
        themes.set_note(frame, ITEM, item_id, f"Note {item_id}")
    db.session.flush()
    counted = []
    for size in (5, 50):
        with counting_queries() as statements:
            found = themes.coding_for(frame, ITEM, range(1, size + 1))
            shown = [(item.labels, item.note.text) for item in found.values()]
        counted.append(len(statements))
        assert len(shown) == size
        assert shown[0] == (["Fares", "Safety"], "Note 1")
        assert shown[1] == (["Fares"], "Note 2")
    assert counted == [2, 2]


def test_deleting_a_theme_needs_the_count_the_person_was_shown(frame):
    fares, safety, access = frame.themes
    themes.set_item_themes(frame, ITEM, 1, [fares.id, safety.id])
    themes.set_item_themes(frame, ITEM, 2, [fares.id])
    assert themes.coded_items(fares) == 2
    with pytest.raises(themes.ThemesRefused, match="has changed to 2"):
        themes.delete_theme(frame, fares, confirmed_count=1)  # someone coded one more since
    assert themes.delete_theme(frame, fares, confirmed_count=2) == 2
    assert [(t.label, t.position) for t in frame.themes] == [("Safety", 1), ("Access", 2)]
    assert labels(frame, 1) == ["Safety"]  # its other theme stays
    assert db.session.scalar(select(themes.ThemeCode.id).where(
        themes.ThemeCode.theme_id == fares.id)) is None  # fmt: skip
    assert themes.delete_theme(frame, access, confirmed_count=0) == 0


def test_forgetting_items_and_deleting_a_codeframe_remove_their_codes_and_notes(frame):
    fares = frame.themes[0]
    for item_id in (1, 2, 3):
        themes.set_item_themes(frame, ITEM, item_id, [fares.id])
        themes.set_note(frame, ITEM, item_id, "A note")
    themes.forget_items(ITEM, ids_subquery(1, 2))
    found = themes.coding_for(frame, ITEM, [1, 2, 3])
    assert [(f.labels, f.note is not None) for f in found.values()] == [
        ([], False), ([], False), (["Fares"], True),
    ]  # fmt: skip
    themes.delete_codeframe(OWNER, 1)
    db.session.flush()
    assert themes.get_codeframe(OWNER, 1) is None
    assert db.session.scalar(select(themes.ThemeCode.id)) is None
    assert db.session.scalar(select(themes.AnalystNote.id)) is None


def test_every_change_is_audited_under_the_owner_in_words(frame):
    fares = frame.themes[0]
    themes.set_item_themes(frame, ITEM, 1, [fares.id])
    themes.set_note(frame, ITEM, 1, "A note")
    themes.change_theme(frame, fares, "Fares and tickets", "")
    themes.delete_theme(frame, fares, confirmed_count=1)
    db.session.flush()
    events = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    assert [e.action for e in events] == [
        "theme_added", "theme_added", "theme_added", "theme_codes_set", "analyst_note_saved",
        "theme_changed", "theme_deleted",
    ]  # fmt: skip
    assert {(e.object_type, e.object_id) for e in events} == {(OWNER, "1")}
    assert events[3].details == {"item_type": ITEM, "item_id": 1, "themes": ["Fares"]}
    assert all(e.action in ACTION_WORDS for e in events)
