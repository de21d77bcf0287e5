"""'We asked, you said, we did': after a consultation closes, its officer writes what was
asked, what the authority decided and changed, and what it did about each main theme people
raised, then publishes it; everyone who asked to be told is emailed once."""
