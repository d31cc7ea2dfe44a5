"""Releases: versions, their frozen records, what changed between two of them, and publishing them."""
