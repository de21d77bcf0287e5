"""make explain's reading of PostgreSQL plans (bench/explain.py): which scans it calls a
whole-table read. The plans are the shapes PostgreSQL returned for the audit log's count."""

from __future__ import annotations

from bench.explain import seq_scans


def scan(table: str, cost: float) -> dict:
    return {"Node Type": "Seq Scan", "Relation Name": table, "Total Cost": cost}


def test_a_count_of_a_whole_table_is_a_full_scan():
    plan = {"Node Type": "Aggregate", "Total Cost": 2763.7, "Plans": [scan("audit_event", 2516)]}
    assert seq_scans(plan) == ["audit_event"]


def test_a_scan_the_statement_stops_early_is_not():
    exists = {"Node Type": "Result", "Total Cost": 0.04, "Plans": [scan("response", 6478)]}
    limited = {
        "Node Type": "Aggregate",
        "Total Cost": 254,
        "Plans": [{"Node Type": "Limit", "Total Cost": 254, "Plans": [scan("audit_event", 2516)]}],
    }
    assert seq_scans(exists) == []
    assert seq_scans(limited) == []


def test_scans_are_found_at_any_depth():
    join = {
        "Node Type": "Hash Join",
        "Total Cost": 9000,
        "Plans": [scan("answer", 8000), {"Node Type": "Hash", "Total Cost": 10, "Plans": []}],
    }
    assert seq_scans({"Node Type": "Sort", "Total Cost": 9500, "Plans": [join]}) == ["answer"]
