"""Load every public page and staff list page of Engage, and the anchor, with wrk.

    python -m bench.run [--factor N] [--rounds R] [--duration SECONDS] [--compare OLD.json]

Both apps are served the same way (gunicorn, 2 sync workers, production settings) and loaded
one at a time by the same wrk command. With --factor N above 1, Engage is served twice, on the
demo data and on N times it, and each page is loaded on both one after the other, so the two
p50s are measured minutes apart at most, not in two runs.

A run is several rounds over every page. The anchor is loaded before the first page, and again
after every few pages, and each page's req/s is set against the anchor's just before and just
after it. A shared machine's speed drifts by a third over minutes; measured this way, the drift
moves the page and its anchor together. Each figure is the median of the rounds, and the table
shows the lowest and highest round. It is printed and written as JSON to bench/results/."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from bench.engage_app import (
    DATA,
    RESULTS,
    ROOT,
    PreparedPage,
    build_database,
    engage_environment,
    prepare_in_own_process,
    working_copy,
)
from bench.load import ensure_wrk, load, served
from bench.summary import (
    anchor_summary,
    compare_runs,
    compare_with_demo,
    print_table,
    summarise,
)

Measure = dict[str, float]


def run_rounds(
    measure_anchor: Callable[[], Measure],
    measure_page: Callable[[str, int, bool], Measure],
    names: list[str],
    factors: list[int],
    rounds: int,
    block: int,
) -> tuple[dict[tuple[str, int], list[Measure]], list[Measure]]:
    """Every page at every size, ``rounds`` times, with the anchor between blocks of
    ``block`` pages. Each sample gets ``anchor_rps``: the mean of the anchor's req/s before
    and after its block. The sizes swap order each round, so neither is always loaded second.
    ``measure_page(name, factor, first_round)`` warms the page first in the first round."""
    samples: dict[tuple[str, int], list[Measure]] = {(n, f): [] for n in names for f in factors}
    anchors = []
    for round_number in range(rounds):
        order = factors if round_number % 2 == 0 else factors[::-1]
        before = measure_anchor()
        anchors.append(before)
        for start in range(0, len(names), block):
            taken = [
                (name, factor, measure_page(name, factor, round_number == 0))
                for name in names[start : start + block]
                for factor in order
            ]
            after = measure_anchor()
            anchors.append(after)
            anchor_rps = (before["requests_per_second"] + after["requests_per_second"]) / 2
            for name, factor, measured in taken:
                samples[(name, factor)].append({**measured, "anchor_rps": anchor_rps})
            before = after
    return samples, anchors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=int, default=1, help="data size: 1 is the demo")
    parser.add_argument("--rounds", type=int, default=3, help="times over every page")
    parser.add_argument("--duration", type=int, default=2, help="seconds of load a measure")
    parser.add_argument("--connections", type=int, default=4, help="open connections")
    parser.add_argument("--block", type=int, default=5, help="pages between anchor measures")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--compare", type=Path, help="an earlier run's JSON to compare with")
    parser.add_argument("--only", help="load only pages whose name contains this")
    args = parser.parse_args()

    ensure_wrk()
    factors = sorted({1, args.factor})
    databases = {f: working_copy(build_database(f, args.rebuild)) for f in factors}
    prepared: dict[int, dict[str, PreparedPage]] = {
        f: {page.name: page for page in prepare_in_own_process(databases[f], args.only)}
        for f in factors
    }
    names = [name for name in prepared[1] if all(name in prepared[f] for f in factors)]
    logs = DATA / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    anchor_env = {**os.environ, "ANCHOR_DATABASE": str(DATA / "anchor.sqlite")}

    with ExitStack() as stack:
        anchor_base = stack.enter_context(
            served("bench.anchor.app:app", anchor_env, "/", logs / "anchor.log")
        )
        bases = {
            f: stack.enter_context(
                served(
                    "wsgi:app",
                    engage_environment(databases[f]),
                    "/health",
                    logs / f"engage-factor{f}.log",
                )
            )
            for f in factors
        }

        def measure_anchor() -> Measure:
            return load(anchor_base + "/", args.duration, args.connections, None)

        def measure_page(name: str, factor: int, first_round: bool) -> Measure:
            page = prepared[factor][name]
            url = bases[factor] + page.url
            if first_round:
                # A second of load first, unmeasured: each worker compiles the page's
                # templates and fills its caches on its first requests.
                load(url, 1, args.connections, page.cookie)
            measured = load(url, args.duration, args.connections, page.cookie)
            if first_round and factor == factors[-1]:
                print(f"  {name}: {measured['requests_per_second']:.0f} req/s", flush=True)
            return measured

        print(
            f"Loading {len(names)} pages at factor {' and '.join(map(str, factors))}: "
            f"{args.rounds} rounds of {args.duration} s a page, the anchor every {args.block}"
        )
        load(anchor_base + "/", 1, args.connections, None)  # warmed, as each page is
        samples, anchor_runs = run_rounds(
            measure_anchor, measure_page, names, factors, args.rounds, args.block
        )

    results = {f: [summarise(prepared[f][n], samples[(n, f)]) for n in names] for f in factors}
    if len(factors) > 1:
        for larger, demo in zip(results[args.factor], results[1], strict=True):
            compare_with_demo(larger, demo)
    anchor = anchor_summary(anchor_runs)
    print_table(results, anchor, args.factor, args.rounds)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output = RESULTS / f"{stamp}-factor{args.factor}.json"
    output.write_text(
        json.dumps(
            {
                "when": stamp,
                "factor": args.factor,
                "factors": factors,
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "rounds": args.rounds,
                "duration_seconds": args.duration,
                "connections": args.connections,
                "anchor": anchor,
                "pages": [asdict(r) for r in results[args.factor]],
                "demo_pages": [asdict(r) for r in results[1]],
            },
            indent=2,
        )
    )
    print(f"\nWritten to {output.relative_to(ROOT)}")
    if args.compare:
        compare_runs(results[args.factor], args.compare)
    if any(r.errors for rs in results.values() for r in rs):
        sys.exit("Some pages answered with errors under load: see the table.")


if __name__ == "__main__":
    main()
