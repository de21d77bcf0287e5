"""What other packages may use of rights: nothing yet."""
