from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    PasswordField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    ValidationError,
)

from engage.accounts.models import GLOBAL_ROLES
from engage.accounts.passwords import MAX_LENGTH, password_problem
from engage.core.forms import BaseForm, GovCheckboxes, email_field, strip_whitespace

EMAIL_REQUIRED = "Enter your email address"


class PasswordWidget(GovPasswordInput):
    """GOV.UK password input with the right ``autocomplete`` so password managers help."""

    def __init__(self, autocomplete: str = "current-password") -> None:
        super().__init__()
        self.autocomplete = autocomplete

    def map_gov_params(self, field, **kwargs):  # noqa: ANN001, ANN003, ANN201
        params = super().map_gov_params(field, **kwargs)
        params["autocomplete"] = self.autocomplete
        return params


def new_password_field(label: str = "Create a password") -> PasswordField:
    return PasswordField(
        label,
        widget=PasswordWidget("new-password"),
        description="Use 12 characters or more. A few unrelated words together work well.",
        validators=[InputRequired(message="Enter a password")],
    )


class NewPasswordMixin:
    """Checks ``password`` against the password rules and ``confirm_password`` against it."""

    def validate_password(self, field: PasswordField) -> None:
        email = getattr(getattr(self, "email", None), "data", None) or getattr(
            self, "account_email", None
        )
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(problem)


def confirm_password_field() -> PasswordField:
    return PasswordField(
        "Confirm password",
        widget=PasswordWidget("new-password"),
        validators=[
            InputRequired(message="Confirm your password"),
            EqualTo("password", message="Passwords do not match. Enter the same password twice"),
        ],
    )


class RegisterForm(NewPasswordMixin, BaseForm):
    full_name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message="Enter your full name"),
            Length(max=200, message="Full name must be 200 characters or fewer"),
        ],
        render_kw={"autocomplete": "name", "spellcheck": "false"},
    )
    email = email_field()
    password = new_password_field()
    confirm_password = confirm_password_field()
    submit = SubmitField("Create account", widget=GovSubmitInput())


class SignInForm(BaseForm):
    email = email_field()
    password = PasswordField(
        "Password",
        widget=PasswordWidget(),
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=MAX_LENGTH, message=f"Password must be {MAX_LENGTH} characters or fewer"),
        ],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ResendVerificationForm(BaseForm):
    email = email_field()
    submit = SubmitField("Send the link again", widget=GovSubmitInput())


class ForgottenPasswordForm(BaseForm):
    email = email_field()
    submit = SubmitField("Send reset link", widget=GovSubmitInput())


class ResetPasswordForm(NewPasswordMixin, BaseForm):
    password = new_password_field("New password")
    confirm_password = confirm_password_field()
    submit = SubmitField("Save new password", widget=GovSubmitInput())


class ChangePasswordForm(NewPasswordMixin, BaseForm):
    current_password = PasswordField(
        "Current password",
        widget=PasswordWidget(),
        validators=[InputRequired(message="Enter your current password")],
    )
    password = new_password_field("New password")
    confirm_password = confirm_password_field()
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ChangeEmailForm(BaseForm):
    email = email_field("New email address", "Enter your new email address")
    current_password = PasswordField(
        "Current password",
        widget=PasswordWidget(),
        validators=[InputRequired(message="Enter your current password")],
    )
    submit = SubmitField("Send confirmation link", widget=GovSubmitInput())


class CodeForm(BaseForm):
    code = StringField(
        "Security code",
        widget=GovTextInput(),
        description="The 6-digit code shown in your authenticator app",
        validators=[InputRequired(message="Enter the 6-digit security code")],
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
        },
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class RecoveryCodeForm(BaseForm):
    code = StringField(
        "Recovery code",
        widget=GovTextInput(),
        description="One of the codes you saved when you set up two-factor sign-in, "
        "like 1a2b3c-4d5e6f",
        validators=[InputRequired(message="Enter one of your recovery codes")],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ChangeNameForm(BaseForm):
    full_name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message="Enter your full name"),
            Length(max=200, message="Full name must be 200 characters or fewer"),
        ],
        render_kw={"autocomplete": "name", "spellcheck": "false"},
    )
    submit = SubmitField("Save name", widget=GovSubmitInput())


class AcceptInvitationForm(NewPasswordMixin, BaseForm):
    full_name = RegisterForm.full_name
    password = new_password_field()
    confirm_password = confirm_password_field()
    submit = SubmitField("Create account", widget=GovSubmitInput())


ROLE_CHOICES = [SelectChoice(value, label) for value, label in GLOBAL_ROLES.items()]


class RolesForm(BaseForm):
    roles = SelectMultipleField(
        "Roles",
        widget=GovCheckboxes(),
        choices=ROLE_CHOICES,
        invalid_choice_message="Select roles from the list",
        description="Everyone can use the service as a resident. Officers and administrators "
        "must set up two-factor sign-in.",
        validate_choice=True,
    )
    submit = SubmitField("Save roles", widget=GovSubmitInput())


class InviteStaffForm(BaseForm):
    email = email_field("Email address", "Enter the email address of the person to invite")
    roles = SelectMultipleField(
        "Roles",
        widget=GovCheckboxes(),
        choices=ROLE_CHOICES,
        invalid_choice_message="Select roles from the list",
        validators=[InputRequired(message="Select at least one role")],
    )
    submit = SubmitField("Send invitation", widget=GovSubmitInput())
