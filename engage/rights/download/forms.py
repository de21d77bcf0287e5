"""The forms of "download my data": asking for a link for one's account (a button: the form
carries only its CSRF token), and asking by a reference and the email address given."""

from __future__ import annotations

from engage.core.forms import BaseForm
from engage.rights.forms import ReferenceForm


class AccountLinkForm(BaseForm):
    """A button: the form carries only its CSRF token."""


class ReferenceLinkForm(ReferenceForm):
    pass
