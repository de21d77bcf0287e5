"""Residents finding and answering consultations (public: no account needed)."""
