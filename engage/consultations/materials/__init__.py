"""A consultation's documents (with their Easy Read, large-print and BSL video versions) and
its events (in person and online, with their accessibility): officers add them; residents
see them on the consultation's page once it is no longer a draft."""
