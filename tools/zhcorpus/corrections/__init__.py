"""Corrections: replaying them onto printed text and keeping offsets mapped between raw and released text."""
