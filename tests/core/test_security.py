"""Security headers, cookies, CSRF, rate limits, sanitising and configuration rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engage import create_app
from engage.config import load_config
from engage.core.sanitise import sanitise_html
from engage.core.urls import safe_next_url
from tests.conftest import TEST_SETTINGS, csrf_token, post_form, sign_in


def test_security_headers_on_every_page(client):
    for url in ("/", "/sign-in", "/does-not-exist"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        assert "default-src 'self'" in csp
        assert "'unsafe-inline'" not in csp
        assert re.search(r"script-src 'self' 'nonce-[\w-]{20,}'", csp)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert response.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_nonce_is_new_for_every_request_and_on_the_script(client):
    first, second = client.get("/"), client.get("/")

    def nonce(response) -> str:
        return re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]

    assert nonce(first) != nonce(second)
    assert f'nonce="{nonce(first)}"' in first.get_data(as_text=True)


def test_hsts_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookie_is_http_only_and_same_site_lax(client, make_user):
    make_user(email="cookie@example.org")
    response = sign_in(client, "cookie@example.org")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("engage_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure_and_need_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        load_config(str(tmp_path), {"ENGAGE_ENV": "production"})
    config = load_config(str(tmp_path), {"ENGAGE_ENV": "production", "SECRET_KEY": "x" * 40})
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    with pytest.raises(RuntimeError, match="only allowed in development"):
        load_config(
            str(tmp_path),
            {"ENGAGE_ENV": "production", "SECRET_KEY": "x" * 40, "MFA_DISABLED_FOR_DEMO": True},
        )


def test_development_secret_key_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(str(tmp_path), {"ENGAGE_ENV": "development"})["SECRET_KEY"]
    second = load_config(str(tmp_path), {"ENGAGE_ENV": "development"})["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_settings_come_from_environment_and_instance_file(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text('BASE_URL = "https://from-instance.example"\n')
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example/engage")
    config = load_config(str(tmp_path), {"ENGAGE_ENV": "development"})
    assert config["BASE_URL"] == "https://from-instance.example"
    assert config["MAIL_PORT"] == 2525
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/engage"
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert (
        load_config(str(tmp_path), {"ENGAGE_ENV": "development"})["RATELIMIT_STORAGE_URI"]
        == "redis://127.0.0.1:6379/0"
    )


def test_post_without_csrf_token_is_refused_with_a_helpful_page(client, make_user):
    make_user(email="csrf@example.org")
    response = client.post(
        "/sign-in", data={"email": "csrf@example.org", "password": "correct horse battery staple"}
    )
    assert response.status_code == 400
    assert "this form has expired" in response.get_data(as_text=True).lower()
    assert client.get("/account").status_code == 302  # not signed in


def test_post_with_a_forged_csrf_token_is_refused(client):
    client.get("/sign-in")
    response = client.post("/sign-in", data={"csrf_token": "forged", "email": "a@example.org"})
    assert response.status_code == 400


def test_sign_in_is_rate_limited_with_a_styled_page(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    token = csrf_token(client.get("/sign-in"))
    data = {"csrf_token": token, "email": "guess@example.org", "password": "wrong password!"}
    statuses = [client.post("/sign-in", data=data).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    page = client.post("/sign-in", data=data)
    assert page.status_code == 429
    assert "Too many attempts" in page.get_data(as_text=True)
    assert client.get("/sign-in").status_code == 200  # reading the page is not limited


@pytest.mark.parametrize(
    ("setting", "url", "data"),
    [
        ("REGISTER_RATE_LIMIT", "/register", {"email": "x@example.org"}),
        ("RESET_RATE_LIMIT", "/forgotten-password", {"email": "x@example.org"}),
    ],
)
def test_registration_and_reset_are_rate_limited(app, client, monkeypatch, setting, url, data):
    monkeypatch.setitem(app.config, setting, "2 per minute")
    statuses = [post_form(client, url, data).status_code for _ in range(3)]
    assert statuses[-1] == 429


def test_sanitiser_keeps_safe_markup_and_drops_the_rest():
    dirty = (
        '<p onclick="x()">Hello <strong>there</strong><script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">bad</a><a href="https://example.org">good</a>'
        '<img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe>'
    )
    clean = sanitise_html(dirty)
    assert "<p>Hello <strong>there</strong></p>" in clean
    assert "script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean and "<iframe" not in clean and "<img" not in clean
    assert '<a href="https://example.org" rel="noopener noreferrer">good</a>' in clean


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/account", "/account"),
        ("/admin/people?q=x", "/admin/people?q=x"),
        ("//evil.example", None),
        ("https://evil.example/", None),
        ("/\\evil.example", None),
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_only_local_paths_are_followed_after_sign_in(target, expected):
    assert safe_next_url(target) == expected


def test_unhandled_errors_show_the_styled_500_page(database_url):
    from engage.core.access import PUBLIC, access

    app = create_app({**TEST_SETTINGS, "DATABASE_URL": database_url})
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @access(PUBLIC)
    def broken() -> str:
        raise RuntimeError("boom")

    app.add_url_rule("/broken", "broken", broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert "boom" not in page


def test_readme_documents_every_setting():
    from engage.config import SETTINGS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [name for name in SETTINGS if f"`{name}`" not in readme]
    assert missing == [], f"README.md does not document: {missing}"
