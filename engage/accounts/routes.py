from __future__ import annotations

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from engage.accounts import hooks, invitations, mfa, notifications, roles, services, tokens
from engage.accounts.forms import (
    AcceptInvitationForm,
    ChangeEmailForm,
    ChangeNameForm,
    ChangePasswordForm,
    ForgottenPasswordForm,
    RegisterForm,
    ResendVerificationForm,
    ResetPasswordForm,
    SignInForm,
)
from engage.accounts.models import role_names
from engage.accounts.pages import after_sign_in, bp, start_session
from engage.accounts.passwords import verify_password
from engage.core.access import PUBLIC, SIGNED_IN, SIGNED_IN_BEFORE_MFA, access
from engage.core.db import db
from engage.core.rate_limits import limit_posts as limit
from engage.core.urls import safe_next_url

# Registration ------------------------------------------------------------------------------


@bp.route("/register", methods=["GET", "POST"])
@access(PUBLIC)
@limit("REGISTER_RATE_LIMIT")
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = RegisterForm()
    if form.validate_on_submit():
        services.register(form.full_name.data, form.email.data, form.password.data)
        db.session.commit()
        session["check_email_address"] = services.normalise_email(form.email.data)
        return redirect(url_for("accounts.check_email"))
    return render_template("accounts/register.html", form=form)


@bp.route("/register/check-your-email")
@access(PUBLIC)
def check_email() -> str:
    return render_template(
        "accounts/check_email.html", email=session.get("check_email_address"), purpose="register"
    )


@bp.route("/verify-email/<token>")
@access(PUBLIC)
def verify_email(token: str) -> str | Response:
    try:
        user = services.verify_email(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", problem="expired", kind="verify")
    except tokens.TokenInvalid:
        return render_template("accounts/link_problem.html", problem="invalid", kind="verify")
    hooks.email_confirmed.send(user)
    db.session.commit()
    flash("Your email address is confirmed. You can now sign in.", "success")
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    return redirect(url_for("accounts.sign_in"))


@bp.route("/verify-email/send-again", methods=["GET", "POST"])
@access(PUBLIC)
@limit("RESET_RATE_LIMIT")
def resend_verification() -> str | Response:
    form = ResendVerificationForm()
    if form.validate_on_submit():
        services.resend_verification(form.email.data)
        db.session.commit()
        session["check_email_address"] = services.normalise_email(form.email.data)
        return redirect(url_for("accounts.check_email"))
    return render_template("accounts/resend_verification.html", form=form)


# Signing in and out ------------------------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"])
@access(PUBLIC)
@limit("LOGIN_RATE_LIMIT")
def sign_in() -> str | Response:
    if request.method == "GET" and safe_next_url(request.args.get("next")):
        session["next_url"] = request.args["next"]
    if current_user.is_authenticated and request.method == "GET":
        return after_sign_in()
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        problem = result.problem
        if problem == "unverified":
            db.session.commit()
            return render_template(
                "accounts/unverified.html", form=ResendVerificationForm(email=result.user.email)
            )
        if result.user is not None:
            user = result.user
            hooks.signed_in.send(user)  # e.g. seats appointed to this email before sign-up
            needs_mfa = user.requires_mfa and not current_app.config["MFA_DISABLED_FOR_DEMO"]
            start_session(user, mfa_verified=not needs_mfa)
            if needs_mfa:
                db.session.commit()
                return redirect(url_for("accounts.mfa_start"))
            services.record_sign_in(user)
            db.session.commit()
            return after_sign_in()
        db.session.commit()  # keep the failed sign-in audit event
        form.email.errors = ["Enter a correct email address and password"]
    return render_template("accounts/sign_in.html", form=form, problem=problem)


@bp.route("/sign-out", methods=["GET", "POST"])
@access(SIGNED_IN_BEFORE_MFA)
def sign_out() -> str | Response:
    if request.method == "POST":  # CSRFProtect has checked the token
        services.sign_out_everywhere(current_user)
        db.session.commit()
        logout_user()
        session.clear()
        flash("You have signed out of LCR Engage on every device.", "success")
        return redirect(url_for("pages.home"))
    return render_template("accounts/sign_out.html")


# Passwords ---------------------------------------------------------------------------------


@bp.route("/forgotten-password", methods=["GET", "POST"])
@access(PUBLIC)
@limit("RESET_RATE_LIMIT")
def forgotten_password() -> str | Response:
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        session["check_email_address"] = services.normalise_email(form.email.data)
        return redirect(url_for("accounts.reset_sent"))
    return render_template("accounts/forgotten_password.html", form=form)


@bp.route("/forgotten-password/check-your-email")
@access(PUBLIC)
def reset_sent() -> str:
    return render_template(
        "accounts/check_email.html", email=session.get("check_email_address"), purpose="reset"
    )


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@access(PUBLIC)
@limit("RESET_RATE_LIMIT")
def reset_password(token: str) -> str | Response:
    try:
        user = services.user_for_reset_token(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", problem="expired", kind="reset")
    except tokens.TokenInvalid:
        return render_template("accounts/link_problem.html", problem="invalid", kind="reset")
    form = ResetPasswordForm()
    form.account_email = user.email
    if form.validate_on_submit():
        services.set_password(user, form.password.data, reason="reset")
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        session.clear()
        flash("Your password has been changed. Sign in with your new password.", "success")
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/account")
@access(SIGNED_IN)
def account() -> str:
    return render_template(
        "accounts/account.html",
        recovery_codes_left=mfa.unused_recovery_codes(current_user),
        roles=role_names(current_user.global_roles, resident=True),
        email_preferences=notifications.in_words(current_user),
        sections=[
            (section.template, section.context(current_user))
            for section in hooks.account_sections()
        ],
    )


@bp.route("/account/name", methods=["GET", "POST"])
@access(SIGNED_IN)
def change_name() -> str | Response:
    form = ChangeNameForm(data={"full_name": current_user.full_name})
    if form.validate_on_submit():
        if services.change_name(current_user, form.full_name.data):
            db.session.commit()
            flash("Your name has been changed.", "success")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/change_name.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@access(SIGNED_IN)
def change_password() -> str | Response:
    form = ChangePasswordForm()
    form.account_email = current_user.email
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors = ["Your current password is not right"]
        else:
            services.set_password(current_user, form.password.data, reason="change")
            db.session.commit()
            mfa_verified = session.get("mfa_verified", False)
            # The session id changed with the token: sign this session in again.
            start_session(current_user._get_current_object(), mfa_verified=mfa_verified)
            flash("Your password has been changed. Other devices have been signed out.", "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/account/email", methods=["GET", "POST"])
@access(SIGNED_IN)
@limit("RESET_RATE_LIMIT")
def change_email() -> str | Response:
    form = ChangeEmailForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors = ["Your current password is not right"]
        elif services.normalise_email(form.email.data) == current_user.email:
            form.email.errors = ["This is already your email address"]
        else:
            services.request_email_change(current_user, form.email.data)
            db.session.commit()
            session["check_email_address"] = services.normalise_email(form.email.data)
            return render_template(
                "accounts/check_email.html",
                email=session["check_email_address"],
                purpose="change-email",
            )
    return render_template("accounts/change_email.html", form=form)


@bp.route("/account/email/confirm/<token>")
@access(PUBLIC)
def confirm_email_change(token: str) -> str | Response:
    try:
        changed = services.confirm_email_change(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", problem="expired", kind="email")
    except (tokens.TokenInvalid, services.EmailTaken):
        return render_template("accounts/link_problem.html", problem="invalid", kind="email")
    hooks.email_confirmed.send(changed)
    db.session.commit()
    flash("Your email address has been changed.", "success")
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    return redirect(url_for("accounts.sign_in"))


# Staff invitations -------------------------------------------------------------------------


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@access(PUBLIC)
def accept_invitation(token: str) -> str | Response:
    try:
        invitation = invitations.invitation_for_token(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", problem="expired", kind="invite")
    except tokens.TokenInvalid:
        return render_template("accounts/link_problem.html", problem="invalid", kind="invite")
    existing = services.find_user_by_email(invitation.email)
    if existing is not None:
        if not current_user.is_authenticated or current_user.id != existing.id:
            session["next_url"] = request.path
            flash(f"Sign in as {invitation.email} to accept the invitation.", "important")
            return redirect(url_for("accounts.sign_in"))
        invitations.accept_invitation(invitation, existing)
        db.session.commit()
        flash("Invitation accepted. Your new roles are on your account page.", "success")
        return redirect(url_for("accounts.mfa_start"))
    form = AcceptInvitationForm()
    form.account_email = invitation.email
    if form.validate_on_submit():
        user = roles.create_verified_user(form.full_name.data, invitation.email, form.password.data)
        invitations.accept_invitation(invitation, user)
        db.session.commit()
        flash("Your account is ready. Sign in to set up two-factor sign-in.", "success")
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/accept_invitation.html", form=form, invitation=invitation)
