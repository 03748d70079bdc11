"""Recorded poll history in SQLite, for incident review ("how did it look at 03:12?")."""
