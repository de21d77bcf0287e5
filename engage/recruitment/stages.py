"""The lifecycle of a recruitment round and its applications: statuses, the moves between
them, and every "is open / can X" rule. Services and routes ask here."""

from __future__ import annotations


class DecisionRefused(Exception):
    """A decision the rules do not allow now; the message says why."""
