"""Applying to join a panel: the round's public pages, the task list and its sections,
sending, status, withdrawal and choosing an interview time (/recruitment, /applications)."""
