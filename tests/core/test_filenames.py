"""Uploaded file names made safe to show on a page and to send in a header."""

from __future__ import annotations

import pytest

from engage.core.filenames import clean_filename


@pytest.mark.parametrize("unshowable", ["\ufffe", "\uffff", "\ufdd0", "\U0010ffff", "\ud800"])
def test_characters_no_page_may_show_are_taken_out(unshowable):
    """HTML forbids the noncharacters, and a lone surrogate cannot be written as UTF-8."""
    assert clean_filename(f"my{unshowable} views.txt") == "my views.txt"
    assert clean_filename(f"{unshowable}.pdf") == "document.pdf"


def test_letters_of_every_language_and_emoji_are_kept():
    assert clean_filename("réponse 答复 😀.PDF") == "réponse 答复 😀.pdf"
