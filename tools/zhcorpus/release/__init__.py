"""Releases of the corpus: what a version holds and how it reaches the Hugging Face Hub."""
