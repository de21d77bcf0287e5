"""Triage (officers): the queue of stories, a story's page, the actions on it (assign, move,
reply, code to themes, tag priorities, record what changed, flag for safeguarding), the
stories' themes and the safeguarding phrases. The blueprint is in blueprint.py; routes.py
gathers its views."""
