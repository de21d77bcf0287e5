"""What a benchmark run's rounds come to: each page's medians, its share of the anchor, and
how far its p50 moved from the demo data to the larger data; and the table that shows them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from bench.engage_app import PreparedPage


@dataclass
class Result:
    """One page at one data size: the median of its rounds, with the spread of its share of
    the anchor and, at the larger size, of its p50 against the demo's."""

    name: str
    url: str
    signed_in_as: str
    queries: int
    bytes: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio_to_anchor: float
    ratio_to_anchor_range: tuple[float, float]
    p50_times_demo: float | None = None
    p50_times_demo_range: tuple[float, float] | None = None
    rounds: list[dict[str, float]] = field(default_factory=list)


def summarise(page: PreparedPage, samples: list[dict[str, float]]) -> Result:
    """Each sample is one round's wrk numbers with ``anchor_rps``: the anchor's req/s measured
    just before and just after the block of pages the sample was in."""
    ratios = [s["requests_per_second"] / s["anchor_rps"] for s in samples]
    return Result(
        name=page.name,
        url=page.url,
        signed_in_as=page.signed_in_as,
        queries=page.queries,
        bytes=page.bytes,
        requests_per_second=median(s["requests_per_second"] for s in samples),
        p50_ms=median(s["p50_ms"] for s in samples),
        p99_ms=median(s["p99_ms"] for s in samples),
        errors=sum(int(s["errors"]) for s in samples),
        ratio_to_anchor=median(ratios),
        ratio_to_anchor_range=(min(ratios), max(ratios)),
        rounds=samples,
    )


def compare_with_demo(larger: Result, demo: Result) -> None:
    """Round by round, the larger data's p50 over the demo's, measured one after the other."""
    times = [
        big["p50_ms"] / small["p50_ms"]
        for big, small in zip(larger.rounds, demo.rounds, strict=True)
        if small["p50_ms"]
    ]
    if times:
        larger.p50_times_demo = median(times)
        larger.p50_times_demo_range = (min(times), max(times))


def print_table(
    results: dict[int, list[Result]], anchor: dict[str, float], factor: int, rounds: int
) -> None:
    print(
        f"\nAnchor (300 ORM rows in a Jinja template), median of {len(anchor['runs'])} runs: "
        f"{anchor['requests_per_second']:.0f} req/s "
        f"({anchor['lowest']:.0f}-{anchor['highest']:.0f}), p50 {anchor['p50_ms']:.1f} ms\n"
        f"Each figure is the median of {rounds} rounds; 'anchor' is req/s as a share of the "
        "anchor's measured around the same page (lowest-highest round)."
    )
    header = (
        f"{'page':<30} {'queries':>7} {'bytes':>7} {'req/s':>6} {'p50 ms':>6} "
        f"{'p99 ms':>6} {'anchor':>15}"
    )
    larger = {r.name: r for r in results.get(factor, [])} if factor != 1 else {}
    if larger:
        header += f" {'queries':>7} {'p50 ms':>6} {'times demo':>16}"
        print(f"{'':<84}{'at factor ' + str(factor):^31}")
    print(header)
    print("-" * len(header))
    for r in results[1]:
        low, high = r.ratio_to_anchor_range
        line = (
            f"{r.name[:30]:<30} {r.queries:>7} {r.bytes:>7} {r.requests_per_second:>6.0f} "
            f"{r.p50_ms:>6.1f} {r.p99_ms:>6.1f} {r.ratio_to_anchor:>4.0%} ({low:.0%}-{high:.0%})"
        )
        big = larger.get(r.name)
        if big is not None and big.p50_times_demo is not None:
            low, high = big.p50_times_demo_range
            line += (
                f" {big.queries:>7} {big.p50_ms:>6.1f} "
                f"{big.p50_times_demo:>4.2f}x ({low:.1f}-{high:.1f})"
            )
        if r.errors or (big is not None and big.errors):
            line += "  ERRORS"
        print(line)


def compare_runs(results: list[Result], old_file: Path) -> None:
    old = {page["name"]: page for page in json.loads(old_file.read_text())["pages"]}
    print(f"\nCompared with {old_file}:")
    print(f"{'page':<30} {'p50 then':>9} {'p50 now':>8} {'times':>6} {'queries':>11}")
    for r in results:
        before = old.get(r.name)
        if before is None:
            continue
        times = r.p50_ms / before["p50_ms"] if before["p50_ms"] else 0
        print(
            f"{r.name[:30]:<30} {before['p50_ms']:>9.1f} {r.p50_ms:>8.1f} {times:>5.1f}x "
            f"{before['queries']:>5} -> {r.queries:<3}"
        )


def anchor_summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    rates = [run["requests_per_second"] for run in runs]
    return {
        "requests_per_second": median(rates),
        "lowest": min(rates),
        "highest": max(rates),
        "p50_ms": median(run["p50_ms"] for run in runs),
        "p99_ms": median(run["p99_ms"] for run in runs),
        "runs": runs,
    }
