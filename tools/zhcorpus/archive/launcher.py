"""A small process that starts the commands the benchmark measures and reports each one's wall time and peak RSS.

Linux reports a child's ``ru_maxrss`` as at least the peak RSS of the process that started it: the exec that turns
the (v)forked child into the command records the peak of the memory it leaves behind, which is the starter's. The
benchmark grows past a build's own peak (it validates the 10 N archive in its own process), so a build it started
itself reported the benchmark's peak, not its own: a 10 N build read 712 MB where its processes never held more than
558. This process imports only the standard library and stays a few MB, so what it starts reports its own peak
(the largest of the command's process and the workers it waited for).

One JSON list of arguments a line on stdin; one JSON object a line on stdout. Only ``zhcorpus bench`` writes to it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time


def run(argv: list[str]) -> dict[str, object]:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        # argv is a zhcorpus command that the benchmark built, never text from data.
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)  # noqa: S603
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        errors.seek(0)
        said = errors.read()[-2000:].decode("utf-8", "replace").strip()
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"exit": child.returncode, "seconds": seconds, "peak_rss_kb": usage.ru_maxrss, "stderr": said}


def main() -> None:
    for line in sys.stdin:
        print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
