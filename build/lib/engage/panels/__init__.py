"""The three Equality Panels: Disabled People, Race and Gender."""
