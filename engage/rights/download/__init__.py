"""download stage of data rights."""
