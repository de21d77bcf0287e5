"""Placing a postcode without the internet: the approximate centre of each postcode district
(the outward code: "L8" of "L8 1AB") in the Liverpool City Region, and its ceremonial county;
and the shape of a UK postcode, for every form and file that takes one.

The centres were written from general knowledge of the area, not from a gazetteer: each is a
point near the middle of the district, good to a kilometre or two. A full postcode is placed at
its district's centre (the inward code is not looked up), so distances from it are rough.
Venues of the demo and scale data are given a position near their district's centre
(``approximate_position``), a few hundred metres off it, the same every time."""

from __future__ import annotations

import re
import zlib

MERSEYSIDE, CHESHIRE = "Merseyside", "Cheshire"

# District -> (latitude, longitude), approximate.
_LIVERPOOL = {
    "L1": (53.4035, -2.9830), "L2": (53.4075, -2.9900), "L3": (53.4100, -2.9880),
    "L4": (53.4370, -2.9640), "L5": (53.4230, -2.9700), "L6": (53.4200, -2.9500),
    "L7": (53.4070, -2.9500), "L8": (53.3900, -2.9650), "L9": (53.4600, -2.9600),
    "L10": (53.4750, -2.9400), "L11": (53.4450, -2.9250), "L12": (53.4280, -2.9100),
    "L13": (53.4150, -2.9200), "L14": (53.4200, -2.8900), "L15": (53.3990, -2.9250),
    "L16": (53.4000, -2.8850), "L17": (53.3770, -2.9400), "L18": (53.3800, -2.9100),
    "L19": (53.3580, -2.9000), "L20": (53.4500, -2.9900), "L21": (53.4700, -2.9950),
    "L22": (53.4800, -3.0200), "L23": (53.4900, -3.0250), "L24": (53.3450, -2.8550),
    "L25": (53.3800, -2.8700), "L26": (53.3600, -2.8300), "L27": (53.3850, -2.8450),
    "L28": (53.4350, -2.8650), "L29": (53.5100, -2.9800), "L30": (53.4750, -2.9700),
    "L31": (53.5250, -2.9400), "L32": (53.4800, -2.8900), "L33": (53.4850, -2.8700),
    "L34": (53.4300, -2.8100), "L35": (53.4150, -2.7900), "L36": (53.4100, -2.8400),
    "L37": (53.5600, -3.0650), "L38": (53.5300, -3.0400),
    "PR8": (53.6300, -3.0100), "PR9": (53.6600, -2.9800),
    "CH41": (53.3930, -3.0250), "CH42": (53.3750, -3.0150), "CH43": (53.3850, -3.0600),
    "CH44": (53.4230, -3.0450), "CH45": (53.4250, -3.0700), "CH46": (53.4050, -3.1100),
    "CH47": (53.3900, -3.1700), "CH48": (53.3700, -3.1800), "CH49": (53.3750, -3.1200),
    "CH60": (53.3300, -3.1000), "CH61": (53.3500, -3.1050), "CH62": (53.3350, -2.9800),
    "CH63": (53.3500, -3.0200),
    "WA9": (53.4400, -2.7100), "WA10": (53.4550, -2.7600), "WA11": (53.4750, -2.6700),
    "WA12": (53.4550, -2.6350),
}  # fmt: skip
# Halton (Runcorn and Widnes) is in Cheshire; the rest of the city region in Merseyside.
_HALTON = {"WA7": (53.3300, -2.7100), "WA8": (53.3700, -2.7400)}

DISTRICTS: dict[str, tuple[float, float, str]] = {
    **{code: (*place, MERSEYSIDE) for code, place in _LIVERPOOL.items()},
    **{code: (*place, CHESHIRE) for code, place in _HALTON.items()},
}

# An outward code, then optionally an inward code (digit and two letters), spaces removed.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?")


def district_of(postcode: str) -> str | None:
    """The outward code of a full postcode or of a district alone, whatever its spacing and
    case ("l8 1ab", "L81AB", " l8 " -> "L8"), or None when it is not shaped like either."""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", postcode).upper())
    return match.group(1) if match else None


def normal_postcode(text: str) -> str | None:
    """A full postcode in capitals with one space ("l20 1aa" -> "L20 1AA"); None when it is
    not shaped like a UK postcode (a district alone is not one)."""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", text.upper()))
    return f"{match.group(1)} {match.group(2)}" if match and match.group(2) else None


def centre(postcode: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the centre of the postcode's district, or None when the
    district is not one of the city region's."""
    found = DISTRICTS.get(district_of(postcode) or "")
    return (found[0], found[1]) if found else None


def county(postcode: str) -> str:
    found = DISTRICTS.get(district_of(postcode) or "")
    return found[2] if found else ""


def approximate_position(postcode: str) -> tuple[float, float] | None:
    """A made-up position for a fictional venue: its district's centre moved by up to about
    700 metres, by an amount taken from the postcode (the same postcode, the same place)."""
    place = centre(postcode)
    if place is None:
        return None
    spread = zlib.crc32(postcode.encode())
    north = ((spread & 0xFFFF) / 0xFFFF - 0.5) * 0.0126  # about +-700 m
    east = ((spread >> 16) / 0xFFFF - 0.5) * 0.021  # about +-700 m at 53.4 N
    return round(place[0] + north, 6), round(place[1] + east, 6)
