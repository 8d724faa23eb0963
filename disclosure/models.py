"""Documents and their disclosure attribute."""
