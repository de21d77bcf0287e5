"""Importing organisations from an Open Referral UK feed file: read and map it (mapping,
read, services, places), plan and preview what would change (plan), keep the preview for
its officer (store, models) and apply it (apply); officers' pages (routes)."""
