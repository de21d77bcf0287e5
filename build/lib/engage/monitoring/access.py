"""Who may see equality monitoring aggregates.

Only people holding the ``equality_data`` role. Admins do not get it by default: seeing
special-category data is a separate decision, and every view is audited
(``services.aggregates_viewed``)."""

from __future__ import annotations

from engage.core.access import role

EQUALITY_DATA_ROLE = "equality_data"
EQUALITY_DATA_ROLE_LABEL = "Equality data (can see monitoring totals)"
EQUALITY_DATA = role(EQUALITY_DATA_ROLE)
