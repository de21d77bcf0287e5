"""Names of uploaded files, made safe to show and to download as."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE_IN_FILENAME = re.compile(r"[\x00-\x1f\x7f-\x9f\"\\/:*?<>|]+")
# Characters no page may show (HTML forbids the noncharacters; a lone surrogate cannot be
# written as UTF-8): dropped, as the forms drop them from typed text.
_UNSHOWABLE = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)


def _without_invisible(name: str) -> str:
    """Drop Unicode format characters (category Cf: the direction marks and overrides
    U+200E, U+200F, U+061C, U+202A to U+202E, the isolates U+2066 to U+2069, and the
    zero-width U+200B to U+200D, U+2060 and U+FEFF); line and paragraph separators become
    spaces."""
    kept = []
    for character in name:
        category = unicodedata.category(character)
        if category == "Cf":
            continue
        kept.append(" " if category in ("Zl", "Zp") else character)
    return "".join(kept)


def clean_filename(filename: str) -> str:
    """The name to show and to download as: no folders, no characters that break headers,
    pages or file systems, no invisible or direction-changing characters, at most 200
    characters with the extension kept."""
    name = re.split(r"[\\/]", _UNSHOWABLE.sub("", _without_invisible(filename or "")))[-1]
    name = " ".join(_UNSAFE_IN_FILENAME.sub(" ", name).split())
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem.strip(" .") or "document"
    extension = extension.strip().lower()
    return f"{stem[: 190 - len(extension)]}.{extension}" if extension else stem[:200]
