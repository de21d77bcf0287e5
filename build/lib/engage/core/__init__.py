"""Shared pieces every feature may use: database base, access rules, security, audit,
email, sanitising and pagination."""
