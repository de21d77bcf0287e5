"""A contract type import-linter does not have: each package is used by others only through
its public module (``engage/<package>/api.py``), never its models, services or routes.

Registered in pyproject.toml ([tool.importlinter] contract_types), so ``lint-imports`` and
tests/architecture/test_layers.py check it with the other contracts."""

from __future__ import annotations

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class PublicApiContract(Contract):
    """Options: ``packages`` (each guarded), ``public_module`` (the one module others may
    import, e.g. ``api``), ``composition_root`` (modules exempt: those that start the app and
    wire the packages together)."""

    type_name = "public_api"

    packages = fields.ListField(subfield=fields.ModuleField())
    public_module = fields.StringField()
    composition_root = fields.ListField(subfield=fields.ModuleField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        roots = {module.name for module in self.composition_root}  # type: ignore[attr-defined]
        violations = []
        for package in self.packages:  # type: ignore[attr-defined]
            name = package.name
            public = f"{name}.{self.public_module}"
            for module in sorted({name, *graph.find_descendants(name)} - {public}):
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer in roots or importer == name or importer.startswith(f"{name}."):
                        continue
                    lines = sorted(
                        detail["line_number"]
                        for detail in graph.get_import_details(importer=importer, imported=module)
                    )
                    violations.append((importer, module, public, lines))
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, public, lines in check.metadata["violations"]:
            where = ", ".join(f"l.{line}" for line in lines)
            output.print_error(
                f"{importer} imports {imported} ({where}): use {public} instead", bold=False
            )
            output.new_line()
