"""What other packages may use of lived-experience stories. Nothing yet: the strategy
tracker and data rights (a later issue) will ask for what they need here."""
