"""What other packages may use of lived-experience stories. Nothing yet: the strategy
tracker and data rights (a later issue) will ask for what they need here."""

# What the annual equality report shows of a year (engage/annual_report).
from engage.stories.annual import (
    PublicChange,
    StoriesInYear,
    first_story_year,
    stories_told_between,
)

# What the strategy tracker shows for each priority (engage/tracker).
from engage.stories.evidence import evidence_for_priorities

# What is held about one person, for their data download (engage/rights).
from engage.stories.personal_data import email_for_reference, personal_data

# The retention schedule (engage/retention, `flask apply-retention`).
from engage.stories.retention import apply_retention as apply_retention

__all__ = [
    "PublicChange",
    "StoriesInYear",
    "apply_retention",
    "email_for_reference",
    "evidence_for_priorities",
    "first_story_year",
    "personal_data",
    "stories_told_between",
]

# Erasure requests (engage/rights): what would be erased for a person, and erasing it.
from engage.stories.erasure import erase as erase
from engage.stories.erasure import erasure_plan as erasure_plan
