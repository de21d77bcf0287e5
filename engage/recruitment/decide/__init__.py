"""The lead officer's shortlist, interview times, outcomes and appointments
(/admin/decisions)."""
