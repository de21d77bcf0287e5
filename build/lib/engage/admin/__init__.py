"""Staff administration: people and roles, invitations, the audit log and the email outbox."""
