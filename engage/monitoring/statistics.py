"""Rates with honest uncertainty, for groups too small for a bare percentage to mean much.

A 95% Wilson score interval says where a group's true rate plausibly lies: 1 of 3 shortlisted
is 33%, but anything from 6% to 79% fits it. A group is called lower only when its whole
interval lies below everyone else's, so a difference of one person in a small group is not
called unfair. (Wilson, 1927; recommended over the simple normal interval for small numbers
and for rates near 0 or 1: Brown, Cai and DasGupta, 2001.)"""

from __future__ import annotations

from dataclasses import dataclass
from math import sqrt

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Rate:
    part: int
    whole: int
    low: float | None  # None: nobody in the group
    high: float | None

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None


def wilson(part: int, whole: int, z: float = Z_95) -> Rate:
    """``part`` of ``whole`` with its Wilson score interval (95% by default)."""
    if not 0 <= part <= whole:
        raise ValueError(f"{part} of {whole} is not a rate")
    if whole == 0:
        return Rate(part, whole, None, None)
    share = part / whole
    denominator = 1 + z * z / whole
    centre = (share + z * z / (2 * whole)) / denominator
    half = z * sqrt(share * (1 - share) / whole + z * z / (4 * whole * whole)) / denominator
    return Rate(part, whole, max(0.0, centre - half), min(1.0, centre + half))


def clearly_below(group: Rate, everyone_else: Rate) -> bool:
    """The group's whole interval lies below everyone else's."""
    if group.high is None or everyone_else.low is None:
        return False
    return group.high < everyone_else.low
