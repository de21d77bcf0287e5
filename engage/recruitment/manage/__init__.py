"""Officers setting up and running a round (/admin/rounds): its details, criteria, questions,
documents and reviewers."""
