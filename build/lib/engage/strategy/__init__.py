"""The Equality Strategy: versioned objectives and priorities that everything is tagged to."""
