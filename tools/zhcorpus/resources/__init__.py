"""Data the text stages share, loaded once: the glyph-similarity table (a bottom layer: it imports no stage)."""
