"""What other packages may use of retention: the job (``flask apply-retention`` runs it)."""

from engage.retention.job import apply_retention

__all__ = ["apply_retention"]
