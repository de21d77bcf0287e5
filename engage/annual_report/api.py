"""What other packages may use of annual report: nothing yet."""
