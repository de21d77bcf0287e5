"""Core count snapshots: the kept counts of a report (here, of a consultation)."""

from __future__ import annotations

import factory

from engage.core.count_snapshots import CountSnapshot
from tests.factories.base import ModelFactory


class CountSnapshotFactory(ModelFactory):
    class Meta:
        model = CountSnapshot

    owner_type = "consultation"
    owner_id = factory.Sequence(lambda n: n + 1)
    filter_key = ""
    fingerprint = "none:0:0:0"
    rows = factory.LazyFunction(list)


__all__ = ["CountSnapshotFactory"]
