"""Two-factor sign-in for staff: set up, codes, recovery codes. Part of the accounts
blueprint (``accounts.mfa_*`` endpoints)."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from engage.accounts import mfa, services
from engage.accounts.forms import CodeForm, RecoveryCodeForm
from engage.accounts.pages import STAFF, after_sign_in, bp
from engage.core.access import SIGNED_IN_BEFORE_MFA, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts as limit

# Two-factor sign-in for staff --------------------------------------------------------------


@bp.route("/two-factor")
@access(SIGNED_IN_BEFORE_MFA)
def mfa_start() -> Response:
    if session.get("mfa_verified") or not current_user.requires_mfa:
        return after_sign_in()
    if current_user.has_totp:
        return redirect(url_for("accounts.mfa_verify"))
    return redirect(url_for("accounts.mfa_setup"))


@bp.route("/two-factor/set-up", methods=["GET", "POST"])
@access(SIGNED_IN_BEFORE_MFA)
@limit("LOGIN_RATE_LIMIT")
def mfa_setup() -> str | Response:
    if current_user.has_totp or not current_user.requires_mfa:
        return redirect(url_for("accounts.mfa_start"))
    mfa.start_setup(current_user)
    db.session.commit()
    form = CodeForm()
    if form.validate_on_submit():
        codes = mfa.confirm_setup(current_user, form.code.data)
        if codes is not None:
            session["mfa_verified"] = True
            services.record_sign_in(current_user, second_factor="totp-setup")
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes, first_time=True)
        form.code.errors = ["The security code is not right. Check your app and try again"]
    return render_template(
        "accounts/mfa_setup.html",
        form=form,
        qr_code=mfa.qr_code_data_uri(current_user),
        secret=current_user.totp_secret,
    )


@bp.route("/two-factor/code", methods=["GET", "POST"])
@access(SIGNED_IN_BEFORE_MFA)
@limit("LOGIN_RATE_LIMIT")
def mfa_verify() -> str | Response:
    if not current_user.has_totp or not current_user.requires_mfa:
        return redirect(url_for("accounts.mfa_start"))
    form = CodeForm()
    if form.validate_on_submit():
        if mfa.verify_totp(current_user, form.code.data):
            session["mfa_verified"] = True
            services.record_sign_in(current_user, second_factor="totp")
            db.session.commit()
            return after_sign_in()
        db.session.rollback()
        form.code.errors = ["The security code is not right, or has been used already"]
    return render_template("accounts/mfa_verify.html", form=form)


@bp.route("/two-factor/recovery-code", methods=["GET", "POST"])
@access(SIGNED_IN_BEFORE_MFA)
@limit("LOGIN_RATE_LIMIT")
def mfa_recovery() -> str | Response:
    if not current_user.has_totp or not current_user.requires_mfa:
        return redirect(url_for("accounts.mfa_start"))
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        if mfa.use_recovery_code(current_user, form.code.data):
            session["mfa_verified"] = True
            services.record_sign_in(current_user, second_factor="recovery-code")
            db.session.commit()
            remaining = mfa.unused_recovery_codes(current_user)
            flash(
                f"You signed in with a recovery code. You have {remaining} left. "
                "Create new codes from your account page if you are running low.",
                "important",
            )
            return after_sign_in()
        form.code.errors = ["That recovery code is not right, or has been used already"]
    return render_template("accounts/mfa_recovery.html", form=form)


@bp.route("/account/recovery-codes", methods=["POST"])
@access(STAFF)
def regenerate_recovery_codes() -> str:
    codes = mfa.new_recovery_codes(current_user)
    db.session.commit()
    return render_template("accounts/recovery_codes.html", codes=codes, first_time=False)
