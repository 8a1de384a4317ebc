"""Charts of one assessment's results: radars with their table equivalents, and the table of changes."""
