"""Anonymised scoring by two reviewers, and the lead officer's moderation (/review)."""
