"""The authority's reference data, loaded by ``flask load-reference`` from
engage/data/equality-strategy-2022-26.yaml: the six local authorities, the three Equality
Panels and the first version of the Equality Strategy.

This sits at the top of the app, beside create_app and the CLI, because it fills tables of
three packages (reference, panels, strategy) through their public modules. Idempotent: run it
on every release."""

from __future__ import annotations

from typing import Any

from engage.core.db import db
from engage.panels.api import upsert_panel
from engage.reference.api import upsert_local_authority
from engage.strategy.api import load_strategy, read_strategy_file


def load_reference_data(data: dict[str, Any] | None = None) -> dict[str, int]:
    """Upsert the local authorities and panels, and load (or correct) the strategy. Returns
    what was added and how many strategy texts were corrected (``repaired``)."""
    data = data or read_strategy_file()
    for authority in data["local_authorities"]:
        upsert_local_authority(authority["code"], authority["name"])
    for panel in data["panels"]:
        upsert_panel(panel["code"], panel["name"])
    added = {"local_authorities": len(data["local_authorities"]), "panels": len(data["panels"])}
    added.update(load_strategy(data["strategy"]))
    db.session.flush()
    return added
