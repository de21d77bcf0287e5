"""CPU time of every process, and of the whole machine, from Linux's /proc: for
bench/submitters.py to say where the time went (load generator, gunicorn, PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

TICK = os.sysconf("SC_CLK_TCK")


class CpuSample(dict[int, float]):
    """CPU seconds used so far by each process id; ``parents``: each one's parent's id."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[int, int] = {}


def cpu_times() -> CpuSample:
    sample = CpuSample()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        fields = text.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        sample.parents[pid] = int(fields[1])
        sample[pid] = (int(fields[11]) + int(fields[12])) / TICK
    return sample


def machine_busy() -> float:
    """CPU seconds every core of the machine has spent busy (not idle or waiting for disk)."""
    first = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    ticks = [int(value) for value in first[:8]]
    return (sum(ticks) - ticks[3] - ticks[4]) / TICK


def cpu_share(before: CpuSample, after: CpuSample, pids: set[int], seconds: float) -> float:
    """The CPU the processes ``pids`` used, in cores (1.0 = one core busy all the time)."""
    used = sum(after.get(pid, 0.0) - before.get(pid, 0.0) for pid in pids if pid in after)
    return used / seconds


def children_of(pid: int, sample: CpuSample) -> set[int]:
    found = {pid}
    for child, parent in sample.parents.items():
        if parent == pid:
            found |= children_of(child, sample)
    return found


def cpu_use(
    outcomes: list[dict[str, Any]],
    before: tuple[CpuSample, float],
    after: tuple[CpuSample, float],
    master: int,
    database_pids: set[int],
) -> dict[str, float]:
    """Cores used during the run by the load generator, gunicorn, PostgreSQL's processes
    serving the database, and everything else on the machine."""
    measured = max(outcome["elapsed"] for outcome in outcomes)
    cores = {
        "load generator": sum(outcome["cpu_seconds"] for outcome in outcomes) / measured,
        "gunicorn": cpu_share(before[0], after[0], children_of(master, after[0]), measured),
        "postgresql (this database)": cpu_share(before[0], after[0], database_pids, measured),
    }
    busy = (after[1] - before[1]) / measured
    cores["everything else"] = max(0.0, busy - sum(cores.values()))
    return {name: round(value, 2) for name, value in cores.items()}
