"""Every public page and staff list page (the pages the benchmark loads: bench/pages.py) makes
a small number of SQL queries, and no more with more data: no query per row."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event

from bench.pages import Page, bench_pages
from engage.core.db import db
from engage.fictional_data import seed_demo, seed_scale

MOST_QUERIES = Page.most_queries  # for a list page


def sign_in(client, app: Flask, email: str) -> None:
    from engage.accounts.api import find_user_by_email

    with app.app_context():
        user_id = find_user_by_email(email).get_id()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"], session["mfa_verified"] = user_id, True, True


def queries_per_page(app: Flask, pages: list[Page]) -> dict[str, int]:
    counted: dict[str, int] = {}
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        for page in pages:
            client = app.test_client()
            if page.user_email:
                sign_in(client, app, page.user_email)
            client.get(page.url)  # warm: first requests load things once per process
            statements.clear()
            response = client.get(page.url)
            assert response.status_code == 200, f"{page.name} ({page.url}): {response.status_code}"
            counted[page.name] = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counted


def test_list_pages_make_the_same_few_queries_at_two_sizes(app):
    with app.app_context():
        seed_demo()
        db.session.commit()
    small = queries_per_page(app, bench_pages(app))
    with app.app_context():
        seed_scale(3)  # three times the demo: a round of 204 applications, 6,000 answers...
        db.session.commit()
    big = queries_per_page(app, bench_pages(app))
    # The audit log asks once per kind of record on the page, so its count follows what the
    # page shows, never how many rows there are: no page may need more queries for more data.
    grew = {name: (small[name], big[name]) for name in small if big.get(name, 0) > small[name]}
    assert grew == {}, f"Pages whose queries grew with the data (small, big): {grew}"
    limits = {page.name: page.most_queries for page in bench_pages(app)}
    many = {name: count for name, count in small.items() if count > limits[name]}
    assert many == {}, f"Pages over their limit ({MOST_QUERIES} queries for a list): {many}"
