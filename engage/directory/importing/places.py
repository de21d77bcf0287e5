"""Which local authority of the city region a postcode is in, from its district (the part
before the space): enough to give an imported organisation an area. From general knowledge
of the districts, not an official lookup: a district that crosses a boundary is placed in the
authority that holds most of it, and districts split about evenly (L35, PO boxes) are left
out, so those organisations get no area and the preview says so."""

from __future__ import annotations

HALTON, KNOWSLEY, LIVERPOOL = "E06000006", "E08000011", "E08000012"
ST_HELENS, SEFTON, WIRRAL = "E08000013", "E08000014", "E08000015"

_DISTRICTS: dict[str, tuple[str, ...]] = {
    HALTON: ("WA7", "WA8"),
    KNOWSLEY: ("L26", "L28", "L32", "L33", "L34", "L36"),
    LIVERPOOL: tuple(f"L{n}" for n in (*range(1, 20), 24, 25, 27)),
    ST_HELENS: ("WA9", "WA10", "WA11", "WA12"),
    SEFTON: ("L20", "L21", "L22", "L23", "L29", "L30", "L31", "L37", "L38", "PR8", "PR9"),
    WIRRAL: tuple(f"CH{n}" for n in (*range(41, 50), 60, 61, 62, 63)),
}
AREA_OF_DISTRICT = {
    district: code for code, districts in _DISTRICTS.items() for district in districts
}


def area_of(postcode: str) -> str | None:
    """The ONS code of the city region authority the postcode is in, if we can tell."""
    return AREA_OF_DISTRICT.get(postcode.split(" ")[0]) if postcode else None
