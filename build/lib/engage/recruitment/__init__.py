"""Recruitment to the Equality Panels: rounds, applications, anonymised scoring, shortlists,
interviews, decisions, and the fairness report."""
