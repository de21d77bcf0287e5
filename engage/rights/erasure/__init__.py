"""erasure stage of data rights."""
