"""Officers typing in paper, phone and event responses, and the requests for another format
or support that residents sent."""
