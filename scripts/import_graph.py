"""Print the packages of engage/ and which import which, as a Mermaid diagram, drawn from the
code itself (grimp, the graph import-linter checks). docs/architecture.md shows its output and
a test keeps the two the same: run this and paste after a change that moves an arrow.

    .venv/bin/python scripts/import_graph.py"""

from __future__ import annotations

import grimp

# The top of the app (it starts the app and wires the packages together) and the base.
ROOT = {"engage", "engage.cli", "engage.models", "engage.reference_data", "engage.fictional_data"}
LAYERS = [
    (
        "Features",
        [
            "tracker",
            "annual_report",
            "rights",
            "retention",
            "admin",
            "consultations",
            "directory",
            "pages",
            "policies",
            "recruitment",
            "stories",
            "panels",
            "accounts",
        ],
    ),
    ("Shared domain", ["monitoring", "strategy", "reference"]),
    ("Base", ["core", "config"]),
]


def package_of(module: str) -> str | None:
    if module in ROOT:
        return None
    return module.split(".")[1]


def package_edges(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    edges = set()
    for module in graph.modules:
        importer = package_of(module)
        if importer is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = package_of(imported)
            if target is not None and target != importer:
                edges.add((importer, target))
    return edges


def mermaid() -> str:
    edges = package_edges(grimp.build_graph("engage"))
    lines = ["flowchart TD"]
    for title, packages in LAYERS:
        lines.append(f'    subgraph {title.replace(" ", "_")}["{title}"]')
        lines += [f"        {package}" for package in packages]
        lines.append("    end")
    lines += [f"    {a} --> {b}" for a, b in sorted(edges) if b != "core" and b != "config"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(mermaid())
