"""The triage blueprint with every view of it: the queue and a story's page (queue.py), the
actions on a story (actions.py), and the stories' themes and safeguarding phrases
(settings.py). Endpoints are ``stories.triage.<view>``."""

from __future__ import annotations

from engage.stories.triage import actions, queue, settings
from engage.stories.triage.blueprint import bp

__all__ = ["actions", "bp", "queue", "settings"]
