"""The fairness report of a round and its exports (/admin/round-reports)."""
