"""Public information pages: home, accessibility statement, privacy, cookies, contact."""
