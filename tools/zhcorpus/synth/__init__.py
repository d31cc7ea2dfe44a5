"""`zhcorpus synth`: a generated archive of article records and the raw pages they were printed on.

One module a step: ``text`` (clean paragraphs and headlines from People's Daily 1998-01), ``papers`` (fictional
papers, their mastheads and staff), ``article`` (one article's printed parts), ``faults`` (OCR faults injected with
their gold edits), ``page`` (a page's raw text and its gold records), ``columns`` (articles to Arrow),
``archive`` (the streaming, atomic writer).
"""

from __future__ import annotations

from zhcorpus.synth.archive import SynthOptions, write_archive

__all__ = ["SynthOptions", "write_archive"]
