"""Panel members reading the drafts open to their panels and commenting on them."""
