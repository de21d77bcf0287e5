"""The local demo's accounts (``flask seed-demo``, run by ``make run``). Fictional people at
example.org, with one password printed for the demo: never use these outside a local demo."""

from __future__ import annotations

from engage.accounts.models import ADMIN, EQUALITY_DATA, OFFICER, SAFEGUARDING

DEMO_PASSWORD = "demo-engage-2026!"  # noqa: S105 - printed for the local demo only
DEMO_ACCOUNTS = [
    ("admin@example.org", "Ada Admin", {ADMIN, OFFICER}),
    # The named safeguarding officer too, so the demo's safeguarding story can be opened.
    ("officer@example.org", "Olu Officer", {OFFICER, EQUALITY_DATA, SAFEGUARDING}),
    # An equality analyst who takes part in no round: sees rounds' exact figures (restricted).
    ("analyst@example.org", "Ana Analyst", {OFFICER, EQUALITY_DATA}),
    ("resident@example.org", "Rhiannon Resident", set()),
]
