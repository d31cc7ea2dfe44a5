"""Text itself: the Han range, the one character policy, raw pages and their line/column arithmetic, edit distance."""
