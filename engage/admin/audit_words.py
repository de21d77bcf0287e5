"""The audit log in plain words: what each action means and how to show its details.

Actions are recorded as codes (``record_event("role_granted", ...)``) by every feature; this is
where they become words. A test reads every ``record_event`` call in the code and fails if an
action has no words here."""

from __future__ import annotations

from typing import Any

from engage.accounts.api import role_name, role_names
from engage.admin.email_words import purpose
from engage.monitoring.api import LOCAL_AUTHORITIES, characteristic_label

ACTION_WORDS: dict[str, str] = {
    # Accounts
    "register": "Created an account",
    "register_existing_email": "Tried to register with an address that already has an account",
    "email_verified": "Confirmed their email address",
    "verification_email_resent": "Asked for a new link to confirm an email address",
    "sign_in": "Signed in",
    "sign_in_failed": "Tried to sign in and failed",
    "sign_out": "Signed out (on every device)",
    "password_reset_requested": "Asked to reset a password",
    "password_changed": "Changed their password",
    "name_changed": "Changed their name",
    "email_change_requested": "Asked to change their email address",
    "email_changed": "Changed their email address",
    "mfa_enabled": "Set up two-factor sign-in",
    "mfa_reset": "Reset someone's two-factor sign-in",
    "recovery_codes_created": "Created new recovery codes",
    "recovery_code_used": "Used a recovery code to sign in",
    # Staff and roles
    "role_granted": "Gave someone a role",
    "role_revoked": "Took a role away from someone",
    "staff_invited": "Invited a member of staff",
    "invitation_resent": "Sent a staff invitation again, with a new link",
    "invitation_cancelled": "Cancelled a staff invitation",
    "invitation_accepted": "Accepted a staff invitation",
    # Equality monitoring
    "equality_data_viewed": "Viewed equality monitoring totals",
    # Recruitment rounds
    "recruitment_round_created": "Created a recruitment round",
    "recruitment_round_edited": "Changed a recruitment round's details",
    "recruitment_reviewers_changed": "Changed who reviews a round",
    "recruitment_criterion_added": "Added a scoring criterion",
    "recruitment_criterion_edited": "Changed a scoring criterion",
    "recruitment_criterion_removed": "Removed a scoring criterion",
    "recruitment_question_added": "Added a question to a round",
    "recruitment_question_edited": "Changed a round's question",
    "recruitment_question_removed": "Removed a question from a round",
    "recruitment_document_uploaded": "Uploaded a document for a round",
    "recruitment_document_deleted": "Deleted a round's document",
    "round_exported": "Downloaded a round's applications or monitoring totals",
    "round_outcomes_sent": "Sent a round's outcomes to applicants",
    # Applications
    "application_started": "Started an application",
    "application_link_sent": "Was sent a link to come back to an application",
    "application_submitted": "Sent an application",
    "application_withdrawn": "Withdrew an application",
    "recruitment_application_viewed": "Opened an application",
    "recruitment_review_draft_saved": "Saved draft scores for an application",
    "recruitment_review_submitted": "Submitted scores for an application",
    "recruitment_moderation_recorded": "Agreed the moderated score of an application",
    "application_shortlisted": "Shortlisted an application",
    "application_not_shortlisted": "Did not shortlist an application",
    "application_outcome": "Recorded the outcome of an interview",
    "access_needs_viewed": "Viewed applicants' access needs",
    # Interviews
    "interview_slot_added": "Added an interview time",
    "interview_slot_removed": "Removed an interview time",
    "interview_slot_booked": "Booked an interview time",
    # Panels
    "panel_membership_created": "Appointed a panel member",
    "panel_membership_renewed": "Renewed a panel membership",
    "panel_membership_ended": "Ended a panel membership",
    "panel_memberships_linked": "Linked panel memberships to their account",
    # The Equality Strategy
    "strategy_objective_edited": "Changed a strategy objective",
    "strategy_priority_added": "Added a strategy priority",
    "strategy_priority_edited": "Changed a strategy priority",
    "strategy_priority_retired": "Retired a strategy priority",
    "strategy_priority_restored": "Brought back a retired strategy priority",
    "strategy_version_started": "Started a new version of the strategy",
    "strategy_details_edited": "Changed the strategy's title or period",
    "strategy_vision_edited": "Changed the strategy's vision",
    "strategy_item_added": "Added an action or ambition to a strategy objective",
    "strategy_item_edited": "Changed an action or ambition of a strategy objective",
    "strategy_item_removed": "Removed an action or ambition from a strategy objective",
    "strategy_measure_added": "Added a success measure",
    "strategy_measure_edited": "Changed a success measure",
    "strategy_measure_removed": "Removed a success measure",
    "strategy_measure_value_recorded": "Recorded a success measure's value for a year",
    "strategy_text_repaired": "Corrected strategy text loaded from the old strategy file",
    # Draft policies
    "policy_created": "Added a draft policy",
    "policy_updated": "Changed a draft policy's details",
    "policy_version_added": "Added a version of a draft policy",
    "policy_version_deleted": "Deleted a version of a draft policy",
    "policy_version_opened": "Opened a version of a draft policy to panels for comment",
    "policy_version_answered": "Closed a version of a draft policy as answered",
    "policy_comment_added": "Commented on a draft policy",
    "policy_comment_edited": "Changed their comment on a draft policy",
    "policy_comment_withdrawn": "Withdrew their comment on a draft policy",
    "policy_comment_answered": "Answered a comment on a draft policy",
    "policy_comments_exported": "Downloaded the comments on a draft policy",
    "policy_format_uploaded": "Uploaded another format of a draft policy",
    "policy_format_deleted": "Removed another format of a draft policy",
    "policy_support_requested": "Asked for another format of a draft policy, or support",
    "policy_support_arranged": "Marked a panel member's request for support as arranged",
    "policy_summary_published": 'Published a draft policy\'s "you said, we did" summary',
    "policy_summary_withdrawn": 'Took down a draft policy\'s "you said, we did" summary',
    "directory_claim_started": "Asked to edit an organisation's directory entry",
    "directory_claim_refused": "Refused a request to edit an organisation's directory entry",
    "directory_editor_added": "Became an editor of an organisation's directory entry",
    "directory_editor_invited": "Invited someone to edit an organisation's directory entry",
    "directory_invitation_resent": "Sent a new link to edit an organisation's directory entry",
    "directory_invitation_cancelled": "Cancelled an invitation to edit a directory entry",
    "directory_editor_removed": "Took someone off the editors of a directory entry",
    "directory_change_proposed": "Sent changes to an organisation's directory entry for review",
    "directory_change_approved": "Approved changes to an organisation's directory entry",
    "directory_change_rejected": "Rejected changes to an organisation's directory entry",
    "directory_organisation_suggested": "Suggested a new organisation for the directory",
    "directory_suggestion_approved": "Listed a suggested organisation in the directory",
    "directory_suggestion_rejected": "Turned down a suggested organisation for the directory",
    "directory_entry_confirmed": "Confirmed an organisation's directory entry is still right",
    "directory_entry_reported": "Reported that an organisation's directory entry is wrong",
    "directory_report_resolved": "Dealt with a report that a directory entry is wrong",
    "directory_entry_imported": "Added an organisation to the directory from an Open Referral file",
    "directory_entry_updated_by_import": "Updated a directory entry from an Open Referral file",
    "directory_opportunity_created": "Added a commissioning opportunity (a draft)",
    "directory_opportunity_changed": "Changed a commissioning opportunity",
    "directory_opportunity_published": "Published an opportunity (matching editors emailed)",
    "directory_opportunity_closed": "Closed a commissioning opportunity to responses",
    "directory_opportunity_response": "Registered interest in, or applied for, an opportunity",
    "directory_opportunity_awarded": "Recorded an award of a commissioning opportunity",
    "directory_opportunity_emails_chosen": "Chose which organisations hear about opportunities",
    "policy_assessment_started": "Started the Equality Impact Assessment of a draft policy",
    "policy_assessment_section_saved": "Assessed a characteristic in an Equality Impact Assessment",
    "policy_assessment_conclusion_saved": "Wrote the conclusion of an Equality Impact Assessment",
    "policy_assessment_published": "Published an Equality Impact Assessment",
    "policy_assessment_withdrawn": "Stopped publishing an Equality Impact Assessment",
    # Consultations
    "consultation_created": "Added a consultation (a draft)",
    "consultation_changed": "Changed a consultation's details",
    "consultation_opened": "Opened a consultation to answers",
    "consultation_closed": "Closed a consultation to answers",
    "consultation_document_added": "Added a document to a consultation",
    "consultation_document_removed": "Removed a document from a consultation",
    "consultation_event_added": "Added an event to a consultation",
    "consultation_event_changed": "Changed a consultation's event",
    "consultation_event_removed": "Removed an event from a consultation",
    "consultation_outcome_saved": "Saved what a consultation asked, decided and changed",
    "consultation_theme_outcome_saved": "Saved what was done about a consultation's theme",
    "consultation_outcome_published": "Published a consultation's “we asked, you said, we did”",
    "consultation_results_exported": "Downloaded a consultation's answers or result counts",
    "consultation_answer_file_downloaded": "Downloaded a file someone uploaded with their "
    "response to a consultation",
    "consultation_response_entered": "Typed in a paper, phone or event response to a consultation",
    "consultation_format_request_done": "Marked a request for another format or support to take "
    "part in a consultation as dealt with",
    # Theme coding (engage/core/themes.py): consultations now, feedback later
    "theme_added": "Added a theme to a codeframe",
    "theme_changed": "Changed a theme in a codeframe",
    "theme_deleted": "Deleted a theme from a codeframe (its codes went with it)",
    "theme_codes_set": "Changed which themes a piece of free text is coded to",
    "analyst_note_saved": "Wrote, changed or removed an analyst's note on free text",
    "themes_exported": "Downloaded theme counts or coded free text",
    # Lived-experience stories (engage/stories)
    "story_told": "Told a lived-experience story online",
    "story_entered": "Typed in a lived-experience story told by phone, on paper, at an event "
    "or through someone else",
    "story_safeguarding_flagged": "A story was flagged for safeguarding (the safeguarding "
    "officers were emailed)",
    # Triage of stories (engage/stories/triage)
    "story_viewed": "Opened a story that needs safeguarding",
    "story_assigned": "Assigned a lived-experience story to an officer",
    "story_status_changed": "Moved a lived-experience story to another status",
    "story_replied": "Emailed a reply to the person who told a story",
    "story_themes_coded": "Changed the themes a lived-experience story is coded to",
    "story_priorities_tagged": "Changed the strategy priorities of a lived-experience story",
    "story_change_recorded": "Recorded what changed because of a lived-experience story",
    "story_phrase_added": "Added a safeguarding phrase that flags stories",
    "story_phrase_removed": "Removed a safeguarding phrase that flags stories",
    "story_choices_changed": "The person who told a story changed how it may be used",
    "story_withdrawn": "The person who told a story withdrew it (their contact details were "
    "deleted)",
    "story_link_sent": "Someone asked for a new link to see their story, and it was emailed",
    "story_seen_by_teller": "The person who told a safeguarding story opened it",
    "story_published": "Published a de-identified lived-experience story on the public page",
    "story_publication_changed": "Changed the public text of a published lived-experience story",
    "story_unpublished": "Took a lived-experience story off the public page",
    "story_publish_refused": "Tried to publish a story that needs safeguarding (refused)",
    "story_unpublish_viewed": "Opened the page to take a safeguarding story off the public page",
    # Reports on stories (engage/stories/reports)
    "stories_exported": "Downloaded the lived-experience stories (one row per story)",
    # Download my data (engage/rights/download)
    "data_download_requested": "Asked for a link to download their data, and it was emailed",
    "data_download_opened": "Opened their data download (the page or the JSON file)",
    # The retention job (flask apply-retention)
    "retention_applied": "Deleted or anonymised records past their retention period",
    "email_preferences_changed": "Changed which emails they get",
    # Erasure requests (engage/rights/erasure)
    "erasure_requested": "Someone asked for their data to be erased",
    "erasure_carried_out": "Carried out an erasure request (the person was emailed what was "
    "deleted, anonymised and kept)",
    "erasure_refused": "Refused an erasure request (the person was emailed the reason)",
    "erasure_link_sent": "Someone without an account asked for a link to ask for erasure "
    "by a reference, and it was emailed",
}


def humanise(code: Any) -> str:
    return str(code).replace("_", " ").replace("-", " ").strip().capitalize()


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action) or humanise(action)


_REASONS = {
    "unknown": "No account has this email address",
    "password": "Wrong password",
    "disabled": "The account is switched off",
    "reset": "By an emailed reset link",
    "change": "From their account page",
}
_SECOND_STEPS = {
    "totp": "A code from their authenticator app",
    "totp-setup": "Set up two-factor sign-in",
    "recovery-code": "A recovery code",
}


def _size(value: Any) -> str:
    size = int(value)
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _value_list(value: Any) -> str:
    return ", ".join(str(item) for item in value) if isinstance(value, list | tuple) else str(value)


def _yes_no(value: Any) -> str:
    return "Yes" if value else "No"


def _email_kinds(value: Any) -> str:
    return ", ".join(purpose(kind) for kind in value) if value else "None"


def _areas(value: Any) -> str:
    """Local authority codes (a list, or joined with commas) as their names."""
    codes = value.split(",") if isinstance(value, str) else list(value)
    if set(codes) == set(LOCAL_AUTHORITIES):
        return "The whole city region"
    return ", ".join(LOCAL_AUTHORITIES.get(code, code) for code in codes)


# key -> (label, how to show the value). Keys not listed show as "Key words: value".
DETAIL_FORMATS: dict[str, tuple[str, Any]] = {
    "role": ("Role", role_name),
    "roles": ("Roles", role_names),
    "email": ("Email address", str),
    "old": ("Old email address", str),
    "reason": ("Why", lambda value: _REASONS.get(value, humanise(value))),
    "mfa": ("Second step", lambda value: _SECOND_STEPS.get(value, humanise(value))),
    "before": ("Before the change", str),
    "what": ("What", str),
    "purpose": ("Why", humanise),
    "page": ("Page", humanise),
    "kind": ("Kind of document", humanise),
    "filename": ("File", str),
    "size": ("Size", _size),
    "format": ("Format", lambda value: str(value).upper()),
    "rows": ("Rows", str),
    "applications": ("Applications", str),
    "emailed": ("Emails sent", str),
    "count": ("How many", str),
    "total": ("Agreed total", str),
    "large_difference": ("Reviewers' totals were far apart", _yes_no),
    "outcome": ("Outcome", humanise),
    "previous": ("Before", humanise),
    "version": ("Version", str),
    "characteristic": ("Characteristic", characteristic_label),
    "areas": ("Areas", _areas),
    "level": ("Level", humanise),
    "paragraphs": ("Headings and paragraphs", str),
    "panels": ("Panels", _value_list),
    "closes_on": ("Comments close", str),
    "paragraph": ("On", str),
    "retention_period": ("Kept for", str),
    "retention_done": ("What was done", str),
    "emails_turned_on": ("Emails turned on", _email_kinds),
    "emails_turned_off": ("Emails turned off", _email_kinds),
}
# Shown by the record column or as a link, not as a detail line.
HIDDEN_DETAILS = {"scope_type", "scope_id", "renewed_from", "moved_from", "based_on"}
# "What" already names the source of equality figures in words.
HIDDEN_DETAILS |= {"source"}
# A comment on a draft policy is named by its version and paragraph, not its number.
HIDDEN_DETAILS |= {"comment"}
