"""The dataset folder holds the release and nothing else: no symlink, stray or leftover temporary file, no Python
file. The rule is dataset/fileset.py's, the one `zhcorpus publish` applies, so a pull request that adds such a file
is red before anyone publishes it."""

from __future__ import annotations

from collections.abc import Iterator

from zhcorpus.checkids import CORPUS_FILES
from zhcorpus.checks.base import Context, register
from zhcorpus.dataset.fileset import release_files
from zhcorpus.errors import Problem


@register(
    CORPUS_FILES, "the dataset folder holds only the release's files: no symlink, stray, temporary or Python file"
)
def folder_files(ctx: Context) -> Iterator[Problem]:
    # A manifest that cannot be read, or a file it lists that is missing, is manifest.checksums@1's to report.
    yield from (p for p in release_files(ctx.paths).problems if p.check == CORPUS_FILES)
