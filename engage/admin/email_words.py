"""The email delivery log in plain words: what each kind of message is for, and its status.

Each kind is the name of a template in ``templates/email/``; a test checks every template has
words here, so a new kind of email cannot show up in the log as a code."""

from __future__ import annotations

from engage.core.email import FAILED, PENDING, SENDING, SENT, OutboxMessage

EMAIL_PURPOSES: dict[str, str] = {
    "verify-email": "Confirm the email address of a new account",
    "already-registered": "Someone tried to register with an address that has an account",
    "reset-password": "Reset a forgotten password",
    "password-changed": "The account's password was changed",
    "confirm-new-email": "Confirm a new email address for an account",
    "email-change-requested": "A change of email address was requested",
    "staff-invitation": "Invitation to join as a member of staff",
    "application-saved": "Panel application started: the link to come back to it",
    "application-link": "Panel application: a new link to come back to it",
    "application-submitted": "Panel application received",
    "application-withdrawn": "Panel application withdrawn",
    "decision-shortlisted": "Panel application shortlisted for interview",
    "decision-not-shortlisted": "Panel application not shortlisted",
    "decision-outcome": "Outcome of a panel interview",
    "interview-booked": "Panel interview time booked",
    "membership-appointed": "Welcome to an Equality Panel",
    "membership-renewed": "Panel membership renewed",
    "membership-ended": "Panel membership ended",
    "policy-draft-opened": "A draft policy opened to a member's panel",
    "policy-draft-closing": "Comments on a draft policy close in a week",
    "policy-comments-answered": "Every comment on a draft policy answered",
    "policy-support-requested": "A panel member asked for another format or support",
    "consultation-response-saved": "Consultation response saved: the link to come back to it",
    "consultation-format-requested": "Someone asked for a consultation in another format, or "
    "for support",
    "story-received": "Lived-experience story received: the reference and a link to see it",
    "story-link": "Lived-experience story: a new link to see it",
    "story-safeguarding": "A lived-experience story needs a safeguarding officer now",
    "story-reply": "An officer's reply to someone who told a lived-experience story",
    "data-download-link": "Download my data: a link to everything held about the person",
    "directory-claim-code": "A code to become an editor of an organisation's entry",
    "consultation-outcome-published": "What happened after a consultation someone answered",
    "directory-editor-invitation": "An invitation to become an editor of an organisation's entry",
    "directory-claim-approved": "Made an editor of an organisation's directory entry",
    "directory-claim-refused": "Not made an editor of an organisation's directory entry",
    "directory-change-approved": "Changes to a directory entry approved",
    "directory-change-rejected": "Changes to a directory entry not made",
    "directory-suggestion-approved": "A suggested organisation is now in the directory",
    "directory-suggestion-rejected": "A suggested organisation was not added to the directory",
    "directory-confirm-reminder": "A reminder to confirm a directory entry is still right",
    "directory-opportunity-published": "A new opportunity matches an editor's organisation",
    "erasure-carried-out": "An erasure request was carried out: what was deleted and kept",
    "erasure-refused": "An erasure request was refused, with the reason",
    "erasure-link": "A link to ask for erasure by a reference (the link is hidden)",
}


def purpose(kind: str) -> str:
    return EMAIL_PURPOSES.get(kind) or kind.replace("-", " ").replace("_", " ").capitalize()


def status_words(message: OutboxMessage) -> str:
    if message.status == SENT:
        return "Sent"
    if message.status == FAILED:
        return "Could not be sent: gave up"
    if message.status == SENDING:
        return "Being sent now"
    if message.status == PENDING and message.attempts:
        return "Waiting to be sent again"
    return "Waiting to be sent"


STATUS_FILTERS = [
    (PENDING, "Waiting to be sent"),
    (SENT, "Sent"),
    (FAILED, "Could not be sent"),
]
