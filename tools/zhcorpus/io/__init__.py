"""Files in and out: strict JSON and JSON Lines, atomic writes and new folders, git."""
