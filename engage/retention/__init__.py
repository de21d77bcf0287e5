"""The retention schedule (the RETENTION setting, per kind of record) and the idempotent
scheduled job that applies it through each feature's ``api``, writing what it did to the
audit log: ``flask --app engage apply-retention``, daily from cron or a timer."""

from __future__ import annotations

import click
from flask import Flask


def init_app(app: Flask) -> None:
    from engage.core.audit_records import Described, describe_records

    # The job's events name the kind of record (a RETENTION key), described in words.
    describe_records(
        app,
        "retention",
        lambda kind, details: Described(f"Retention schedule: {str(kind).replace('_', ' ')}"),
    )

    @app.cli.command("apply-retention")
    def apply_retention_command() -> None:
        """Delete or anonymise what is past its retention period (safe to run again, and on
        several instances at once)."""
        from engage.retention.job import apply_retention

        actions = apply_retention()
        done = [action for action in actions if action.count]
        if not done:
            click.echo("Nothing is past its retention period.")
        for action in done:
            click.echo(
                f"{action.kind}: {action.done} {action.count} {action.records} "
                f"(kept {app.config['RETENTION'][action.kind]})."
            )
