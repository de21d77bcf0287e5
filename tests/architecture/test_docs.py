"""docs/architecture.md shows the packages' imports as the code has them today."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_architecture_diagram_matches_the_code():
    mermaid = runpy.run_path(str(ROOT / "scripts" / "import_graph.py"))["mermaid"]()
    note = (ROOT / "docs" / "architecture.md").read_text()
    assert f"```mermaid\n{mermaid}\n```" in note, (
        "docs/architecture.md's diagram is out of date: paste the output of "
        ".venv/bin/python scripts/import_graph.py"
    )
