"""The public side of draft policies: the anonymised "you said, we did" summaries officers
publish."""
