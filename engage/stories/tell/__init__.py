"""Telling us a story: the public journey (standard and Easy Read), changing one's choices
later by account or emailed link, and officers typing in stories told another way."""
