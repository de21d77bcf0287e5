"""Command-line tasks: ``flask --app engage <command>``."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import text

from engage.accounts import roles, services
from engage.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from engage.accounts.models import ADMIN, OFFICER, role_names
from engage.accounts.passwords import password_problem
from engage.core.db import db
from engage.core.email_sender import send_pending
from engage.fictional_data import seed_demo, seed_scale
from engage.panels.services import apply_panel_texts
from engage.recruitment.demo import REVIEWERS
from engage.reference_data import load_reference_data


def register_commands(app: Flask) -> None:
    @app.cli.command("create-admin")
    @click.argument("email")
    @click.option("--name", prompt="Full name", help="The administrator's full name")
    @click.password_option(
        "--password", prompt="Password (12 characters or more)", help="Leave out to be asked"
    )
    def create_admin(email: str, name: str, password: str) -> None:
        """Create an administrator (or make an existing account one)."""
        user = services.find_user_by_email(email)
        if user is None:
            problem = password_problem(password, email)
            if problem:
                raise click.ClickException(problem)
            user = roles.create_verified_user(name, email, password)
        roles.grant_role(user, ADMIN)
        roles.grant_role(user, OFFICER)
        db.session.commit()
        click.echo(
            f"{user.email} is an administrator. They set up two-factor sign-in when "
            "they first sign in."
        )

    @app.cli.command("send-email")
    def send_email() -> None:
        """Deliver waiting email from the outbox by SMTP."""
        if not app.config.get("MAIL_SERVER"):
            raise click.ClickException("MAIL_SERVER is not set: messages stay in the outbox.")
        counts = send_pending()
        click.echo(
            f"Sent {counts['sent']}, will retry {counts['retry']}, failed {counts['failed']}."
        )

    @app.cli.command("send-policy-reminders")
    def send_policy_reminders_command() -> None:
        """Remind panel members a week before comments on a draft policy close (once each)."""
        from engage.core.dates import uk_today
        from engage.policies.api import send_closing_reminders

        queued = send_closing_reminders(uk_today())
        db.session.commit()
        click.echo(f"Queued {queued} reminder email(s); send-email sends them.")

    @app.cli.command("send-directory-reminders")
    def send_directory_reminders_command() -> None:
        """Remind organisations' editors to confirm their directory entry (30 and 14 days
        before it is due, and on the day; once each)."""
        from engage.core.dates import uk_today
        from engage.directory.api import send_confirmation_reminders

        queued = send_confirmation_reminders(uk_today())
        click.echo(f"Queued {queued} reminder email(s); send-email sends them.")

    @app.cli.command("load-reference")
    def load_reference() -> None:
        """Load the local authorities, the panels and the first strategy version, and correct
        strategy text an earlier copy of the file loaded wrongly (idempotent)."""
        added = load_reference_data()
        apply_panel_texts()  # fills only empty descriptions: officers' edits are kept
        db.session.commit()
        if added["strategies"]:
            strategy = "loaded."
        elif added["repaired"]:
            strategy = (
                f"already loaded; corrected {added['repaired']} texts that an earlier copy of "
                "the file had loaded wrongly, and left the rest as it is."
            )
        else:
            strategy = "already loaded, left as it is."
        click.echo(
            f"Reference data: {added['local_authorities']} local authorities, "
            f"{added['panels']} panels; strategy {strategy}"
        )

    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load demo accounts, only into an empty database."""
        added = seed_demo()
        if added is None:
            click.echo("The database already has accounts: demo data not loaded.")
        else:
            db.session.commit()
            click.echo(
                f"Demo data loaded: {added['answers']} fictional equality monitoring answers; "
                f"{added['applications']} fictional panel applications in "
                f"{added['rounds']} recruitment rounds; {added['members']} panel members; "
                f"{added['policies']} draft policies; {added['organisations']} organisations in "
                f"the directory (/directory); {added['consultations'] + 2} consultations "
                f"(/consultations), one a draft, with {added['consultation responses']} "
                f"fictional responses; {added['stories']} lived-experience stories "
                f"(/admin/stories), {added['overdue stories']} of them overdue and one "
                f"needing safeguarding, {added['published stories']} published (/stories), "
                f"and {added['withdrawn stories']} more withdrawn by the people who told them; "
                f"{added['measure values']} fictional values of the strategy's success measures "
                "for 2023 to 2025 (/progress)."
            )
        click.echo(f"\nDemo accounts (password for each: {DEMO_PASSWORD})")
        for email, _, granted in DEMO_ACCOUNTS:
            click.echo(f"  {email:<24} {role_names(sorted(granted)) or 'Resident'}")
        for email, _ in REVIEWERS:
            click.echo(f"  {email:<24} Officer (reviews applications in the demo rounds)")
        click.echo(
            "  resident@example.org is also a member of the Disabled People Panel: see /members,"
            "\n  and comment on the draft policy open to that panel at /policies; they also edit"
            "\n  a directory entry (/directory/your-organisations) and have changes, a suggested"
            "\n  organisation and a request to edit waiting for an officer at /admin/directory"
        )
        click.echo(
            "  officer@example.org leads the demo rounds, so sees their equality figures only as "
            "shared tables;\n  analyst@example.org takes part in no round, so sees exact "
            "figures (restricted);\n  officer@example.org is also the safeguarding officer, so "
            "sees the story flagged for safeguarding at /admin/stories"
        )
        if app.config.get("MFA_DISABLED_FOR_DEMO"):
            click.echo("Two-factor sign-in is switched off for this local demo.")

    @app.cli.command("seed-scale")
    @click.option("--factor", type=click.IntRange(min=2), required=True, help="N times the demo")
    def seed_scale_command(factor: int) -> None:
        """Add fictional data at N times the demo's size, for the benchmark (after seed-demo)."""
        added = seed_scale(factor)
        db.session.commit()
        # Statistics for the query planner about the tables just filled, as PostgreSQL's
        # autovacuum gathers them on its own (SQLite never does): plans as in service.
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        click.echo(
            f"Added {added['applications']:,} applications in one round, {added['answers']:,} "
            f"monitoring answers, {added['people']:,} people, {added['events']:,} audit events, "
            f"{added['emails']:,} delivered emails, {added['policy paragraphs']:,} paragraphs "
            f"of draft policies, {added['organisations']:,} organisations and "
            f"{added['stories']:,} lived-experience stories."
        )
