"""Theme coding of free text, shared by every feature that collects it (consultation answers
now; lived-experience stories later).

A ``Codeframe`` belongs to an owner named generically (``owner_type`` "consultation",
``owner_id`` 7) and holds its ``Theme``s in order. A ``ThemeCode`` links a theme to a coded
item, also named generically (``item_type`` "consultation_answer", ``item_id``): an item can
have several themes. An ``AnalystNote`` is one note per item in a codeframe (text, who, when).
Core knows no feature, so nothing here has a foreign key to a feature's table: a feature that
deletes items calls ``forget_items`` (and ``delete_codeframe`` with its owner). The tables
are in theme_models.py.

    codeframe = codeframe_for("consultation", consultation.id)
    theme = add_theme(codeframe, "Bus fares", "Cost of tickets and passes")
    set_item_themes(codeframe, "consultation_answer", answer.id, [theme.id])
    counts = counts_by_theme(codeframe, "consultation_answer", select(Answer.id).where(...))

Counting is done by the database (GROUP BY over the feature's subquery of item ids, never a
Python list of ids); a page of items reads its themes and notes in two queries whatever its
size (``coding_for``). Every change is written to the audit log under the owner's type and
id, so the owner's describer names it. Functions add to the session; routes commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, delete, exists, false, func, select
from sqlalchemy.sql.elements import ColumnElement

from engage.core.audit import record_event
from engage.core.db import db, utcnow
from engage.core.errors import Refused
from engage.core.ordering import next_position, place, renumber
from engage.core.theme_models import MAX_THEMES, AnalystNote, Codeframe, Theme, ThemeCode

LABEL_TAKEN = "There is already a theme called \u201c{label}\u201d"
TOO_MANY_THEMES = f"A codeframe can have up to {MAX_THEMES} themes"
NOT_IN_CODEFRAME = "Choose themes from this codeframe"
CODED_SINCE = (
    "Since you looked, the number coded to \u201c{label}\u201d has changed to {count:,}: "
    "check and delete it again if you still want to"
)


class ThemesRefused(Refused):
    """A theme coding action that is not allowed; the message says why."""


# The codeframe and its themes -------------------------------------------------------------------


def get_codeframe(owner_type: str, owner_id: int) -> Codeframe | None:
    return db.session.scalar(
        select(Codeframe).where(Codeframe.owner_type == owner_type, Codeframe.owner_id == owner_id)
    )


def codeframe_for(owner_type: str, owner_id: int) -> Codeframe:
    """The owner's codeframe, made (empty) the first time it is asked for."""
    found = get_codeframe(owner_type, owner_id)
    if found is None:
        found = Codeframe(owner_type=owner_type, owner_id=owner_id)
        db.session.add(found)
        db.session.flush()
    return found


def get_theme(codeframe: Codeframe | None, theme_id: int) -> Theme | None:
    """The theme, only if it is in ``codeframe``."""
    if codeframe is None:
        return None
    theme = db.session.get(Theme, theme_id)
    return theme if theme is not None and theme.codeframe_id == codeframe.id else None


def _check_label(codeframe: Codeframe, label: str, theme: Theme | None = None) -> None:
    wanted = label.casefold()
    for other in codeframe.themes:
        if other is not theme and other.label.casefold() == wanted:
            raise ThemesRefused(LABEL_TAKEN.format(label=other.label))


def _event(codeframe: Codeframe, action: str, **details: object) -> None:
    record_event(action, object_type=codeframe.owner_type, object_id=codeframe.owner_id, **details)


def add_theme(codeframe: Codeframe, label: str, description: str = "") -> Theme:
    """A new theme at the end of the codeframe. Labels are unique, ignoring case."""
    if len(codeframe.themes) >= MAX_THEMES:
        raise ThemesRefused(TOO_MANY_THEMES)
    _check_label(codeframe, label)
    theme = Theme(label=label, description=description, position=next_position(codeframe.themes))
    codeframe.themes.append(theme)
    db.session.flush()
    _event(codeframe, "theme_added", theme_id=theme.id, label=label)
    return theme


def change_theme(
    codeframe: Codeframe,
    theme: Theme,
    label: str,
    description: str,
    position: int | None = None,
) -> None:
    """Rename a theme, change its description, and move it to ``position`` (1 = first) when
    given. The items coded to it stay coded to it."""
    _check_label(codeframe, label, theme)
    old_label = theme.label
    theme.label, theme.description = label, description
    if position is not None:
        place(list(codeframe.themes), theme, position)
        codeframe.themes.sort(key=lambda each: each.position)
    _event(codeframe, "theme_changed", theme_id=theme.id, label=label, old_label=old_label)


def coded_items(theme: Theme) -> int:
    """How many items are coded to the theme."""
    return db.session.scalar(select(func.count()).where(ThemeCode.theme_id == theme.id)) or 0


def delete_theme(codeframe: Codeframe, theme: Theme, confirmed_count: int) -> int:
    """Delete a theme and its codes, when the person confirmed ``confirmed_count`` coded items
    (what they were shown): if more or fewer are coded now, refuse, so nobody deletes codes
    they were not told about. Returns how many items lost the theme."""
    count = coded_items(theme)
    if count != confirmed_count:
        raise ThemesRefused(CODED_SINCE.format(label=theme.label, count=count))
    codeframe.themes.remove(theme)
    db.session.delete(theme)
    db.session.flush()
    renumber(codeframe.themes)
    _event(codeframe, "theme_deleted", theme_id=theme.id, label=theme.label, items=count)
    return count


def delete_codeframe(owner_type: str, owner_id: int) -> None:
    """The owner's codeframe with its themes, codes and notes (when the owner is deleted)."""
    found = get_codeframe(owner_type, owner_id)
    if found is not None:
        db.session.delete(found)


def forget_items(item_type: str, item_ids: Select) -> None:
    """Remove every code and note of the items ``item_ids`` (a subquery of ids) selects:
    for a feature deleting or erasing them."""
    for model in (ThemeCode, AnalystNote):
        db.session.execute(
            delete(model)
            .where(model.item_type == item_type, model.item_id.in_(item_ids))
            .execution_options(synchronize_session=False)
        )


# Coding items -----------------------------------------------------------------------------------


def _theme_ids(codeframe: Codeframe) -> Select:
    return select(Theme.id).where(Theme.codeframe_id == codeframe.id)


def set_item_themes(
    codeframe: Codeframe,
    item_type: str,
    item_id: int,
    theme_ids: Iterable[int],
    by_id: int | None = None,
) -> bool:
    """Code the item to exactly ``theme_ids`` (themes of this codeframe): the ones not given
    are taken off. Returns whether anything changed."""
    wanted = set(theme_ids)
    themes = {theme.id: theme for theme in codeframe.themes}
    if not wanted <= themes.keys():
        raise ThemesRefused(NOT_IN_CODEFRAME)
    existing = {
        code.theme_id: code
        for code in db.session.scalars(
            select(ThemeCode).where(
                ThemeCode.item_type == item_type,
                ThemeCode.item_id == item_id,
                ThemeCode.theme_id.in_(_theme_ids(codeframe)),
            )
        )
    }
    if wanted == existing.keys():
        return False
    for theme_id, code in existing.items():
        if theme_id not in wanted:
            db.session.delete(code)
    for theme_id in wanted - existing.keys():
        db.session.add(
            ThemeCode(theme_id=theme_id, item_type=item_type, item_id=item_id, coded_by_id=by_id)
        )
    db.session.flush()
    labels = [theme.label for theme in codeframe.themes if theme.id in wanted]
    _event(codeframe, "theme_codes_set", item_type=item_type, item_id=item_id, themes=labels)
    return True


def set_note(
    codeframe: Codeframe, item_type: str, item_id: int, text: str, by_id: int | None = None
) -> bool:
    """The analyst's note on the item (blank removes it). Returns whether it changed."""
    note = db.session.scalar(
        select(AnalystNote).where(
            AnalystNote.codeframe_id == codeframe.id,
            AnalystNote.item_type == item_type,
            AnalystNote.item_id == item_id,
        )
    )
    text = text.strip()
    if (note.text if note else "") == text:
        return False
    if not text:
        db.session.delete(note)
    elif note is None:
        db.session.add(
            AnalystNote(
                codeframe_id=codeframe.id, item_type=item_type, item_id=item_id, text=text,
                written_by_id=by_id,
            )
        )  # fmt: skip
    else:
        note.text, note.written_by_id, note.written_at = text, by_id, utcnow()
    db.session.flush()
    _event(codeframe, "analyst_note_saved", item_type=item_type, item_id=item_id, removed=not text)
    return True


@dataclass
class ItemCoding:
    """An item's themes (in the codeframe's order) and note."""

    theme_ids: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    note: AnalystNote | None = None


def coding_for(
    codeframe: Codeframe | None, item_type: str, item_ids: Iterable[int]
) -> dict[int, ItemCoding]:
    """Themes and notes of a page of items, in two queries whatever the page's size; every
    id asked for has an entry (empty when not coded)."""
    ids = list(item_ids)
    found = {item_id: ItemCoding() for item_id in ids}
    if codeframe is None or not ids:
        return found
    rows = db.session.execute(
        select(ThemeCode.item_id, Theme.id, Theme.label)
        .join(Theme, Theme.id == ThemeCode.theme_id)
        .where(
            Theme.codeframe_id == codeframe.id,
            ThemeCode.item_type == item_type,
            ThemeCode.item_id.in_(ids),
        )
        .order_by(Theme.position, Theme.id)
    )
    for item_id, theme_id, label in rows:
        found[item_id].theme_ids.append(theme_id)
        found[item_id].labels.append(label)
    notes = db.session.scalars(
        select(AnalystNote).where(
            AnalystNote.codeframe_id == codeframe.id,
            AnalystNote.item_type == item_type,
            AnalystNote.item_id.in_(ids),
        )
    )
    for note in notes:
        found[note.item_id].note = note
    return found


def labels_for(
    themes: Sequence[Theme], item_type: str, item_ids: Iterable[int]
) -> dict[int, list[str]]:
    """Each item's theme labels in the order of ``themes`` (a codeframe's, already loaded),
    in one query; every id asked for has an entry. For public pages, which show no notes."""
    ids = list(item_ids)
    found: dict[int, list[str]] = {item_id: [] for item_id in ids}
    if not themes or not ids:
        return found
    order = {theme.id: (position, theme.label) for position, theme in enumerate(themes)}
    rows = db.session.execute(
        select(ThemeCode.item_id, ThemeCode.theme_id).where(
            ThemeCode.item_type == item_type,
            ThemeCode.theme_id.in_(list(order)),
            ThemeCode.item_id.in_(ids),
        )
    ).all()
    for item_id, theme_id in sorted(rows, key=lambda row: order[row[1]][0]):
        found[item_id].append(order[theme_id][1])
    return found


def is_coded(codeframe: Codeframe | None, item_type: str, item_id: ColumnElement) -> ColumnElement:
    """A condition for the feature's query: the item (its id column) has a theme here."""
    if codeframe is None:
        return false()  # no codeframe yet: nothing is coded
    return exists(
        select(ThemeCode.id).where(
            ThemeCode.item_type == item_type,
            ThemeCode.item_id == item_id,
            ThemeCode.theme_id.in_(_theme_ids(codeframe)),
        )
    )


# Counting ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    count: int


def counts_by_theme(
    codeframe: Codeframe | None, item_type: str, item_ids: Select
) -> list[ThemeCount]:
    """How many of the items ``item_ids`` selects (a subquery of ids) are coded to each
    theme, every theme in order (0 where none), counted by the database in one query."""
    if codeframe is None:
        return []
    rows = db.session.execute(
        select(Theme, func.count(ThemeCode.id))
        .outerjoin(
            ThemeCode,
            and_(
                ThemeCode.theme_id == Theme.id,
                ThemeCode.item_type == item_type,
                ThemeCode.item_id.in_(item_ids.scalar_subquery()),
            ),
        )
        .where(Theme.codeframe_id == codeframe.id)
        .group_by(Theme.id)
        .order_by(Theme.position, Theme.id)
    )
    return [ThemeCount(theme, count) for theme, count in rows]


def counts_by_group_and_theme(
    codeframe: Codeframe | None, item_type: str, items: Select
) -> dict[tuple[object, int], int]:
    """For ``items`` selecting (item id, group) (an answer and its question, say): how many
    items of each group are coded to each theme, {(group, theme id): count}, in one query.
    Pairs with no coded item are left out."""
    if codeframe is None:
        return {}
    chosen = items.subquery()
    item_column, group_column = list(chosen.columns)[:2]
    rows = db.session.execute(
        select(group_column, ThemeCode.theme_id, func.count())
        .select_from(chosen)
        .join(
            ThemeCode,
            and_(ThemeCode.item_type == item_type, ThemeCode.item_id == item_column),
        )
        .where(ThemeCode.theme_id.in_(_theme_ids(codeframe)))
        .group_by(group_column, ThemeCode.theme_id)
    )
    return {(group, theme_id): count for group, theme_id, count in rows}


def coded_by_group(codeframe: Codeframe | None, item_type: str, items: Select) -> dict[object, int]:
    """For ``items`` selecting (item id, group): how many items of each group have at least
    one theme, {group: count}, in one query (groups with none are left out)."""
    if codeframe is None:
        return {}
    chosen = items.subquery()
    item_column, group_column = list(chosen.columns)[:2]
    rows = db.session.execute(
        select(group_column, func.count())
        .select_from(chosen)
        .where(is_coded(codeframe, item_type, item_column))
        .group_by(group_column)
    )
    return {group: count for group, count in rows}
