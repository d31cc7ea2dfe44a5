"""`zhcorpus review --html`: the page's bytes, and the page as Debian's chromium renders it at a phone's size.

The browser tests need /usr/bin/chromium (`.ci/run` installs it). In CI (CI=true) a missing browser fails the test;
elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import select
import struct
import subprocess
import sys
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, SEED_PAGE, run_cli
from zhcorpus.corrections.review_html import DEL_BACKGROUND, INS_BACKGROUND, MARK_BACKGROUND

ARTICLE = f"{SEED_PAGE}-08"
PHONE = (390, 844)  # CSS pixels of a common phone in portrait
HOSTILE = "<script>alert(1)</script>"
BROWSER_TIMEOUT = 60
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package, as .ci/run installs it


def _printed_text(corpus: Path, article: str) -> str:
    """The printed text of the article's body, as the build releases it (``text_raw``): what offsets count in."""
    for line in (corpus / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == article:
            return str(row["text_raw"])
    raise AssertionError(f"no article {article}")


def _propose(corpus: Path, n: int, find: str, offset: int, after: str, reason: str, evidence: str | None) -> str:
    """Append a proposed correction of one character of ``find`` (at ``offset`` in it), as a pull request would."""
    text = _printed_text(corpus, ARTICLE)
    assert text.count(find) == 1
    start = text.index(find) + offset
    record = {
        "id": f"{ARTICLE}-c{n:03d}",
        "record": ARTICLE,
        "field": "text",
        "start": start,
        "end": start + 1,
        "before": text[start],
        "after": after,
        "kind": "substitution",
        "method": "human",
        "confidence": 0.9,
        "status": "proposed",
        "reason": reason,
        "evidence": evidence,
    }
    with (corpus / "sources" / SEED_PAGE / "corrections.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return str(record["id"])


@pytest.fixture
def proposed(corpus_copy: Path) -> Path:
    """The corpus with two proposed corrections: 不派一声苦 -> 不叫一声苦, and one whose texts are markup."""
    _propose(
        corpus_copy,
        8,
        "不派一声苦",
        1,
        "叫",
        "派 makes no sense here; the set phrase is 不说一声累，不叫一声苦",
        # A long unbreakable token (a scan's sha256, as a contributor may cite it) must wrap, not widen the page.
        f"the parallel 不说一声累 just before it; scan sha256 {hashlib.sha256(b'scan of A1').hexdigest()}",
    )
    _propose(corpus_copy, 9, "主动作为", 0, '<img src=x onerror="alert(2)">', HOSTILE, f"</dd>{HOSTILE}")
    return corpus_copy


# Every element the page may hold: text and structure, nothing that runs or fetches.
PLAIN_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "nav", "ol", "li", "a"),
    *("article", "section", "dl", "dt", "dd", "code", "span", "del", "ins", "mark"),
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.links.extend(value or "" for name, value in attrs if name in ("href", "src", "srcset", "action"))


def _review_html(corpus: Path, out: Path, *extra: str) -> str:
    result = run_cli("review", "--corpus", corpus, "--html", out, *extra)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_page_is_self_contained_escaped_and_deterministic(proposed: Path, tmp_path: Path) -> None:
    page = _review_html(proposed, tmp_path / "a.html")
    assert _review_html(proposed, tmp_path / "b.html") == page  # same sources, same bytes
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    tags = _Tags()
    tags.feed(page)
    assert tags.names <= PLAIN_TAGS, tags.names - PLAIN_TAGS  # no script, image, link, iframe, form, ...
    assert all(link.startswith("#") for link in tags.links)  # links only within the page
    assert "url(" not in page and "@import" not in page  # nothing fetched from the stylesheet either
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/dd&gt;&lt;script&gt;" in page
    assert "不说一声累不<del>派</del><ins>叫</ins>一声苦" in page
    assert f"zhcorpus accept {ARTICLE}-c008" in page and f"zhcorpus reject {ARTICLE}-c008" in page
    assert f"zhcorpus resolve {ARTICLE}-f002" in page  # an open flag: its command too
    assert f'id="{ARTICLE}-f001"' not in page  # resolved: shown only with --all
    assert not list(tmp_path.glob(".tmp-*"))  # written through a temporary file that was renamed


def test_all_shows_decided_records_and_the_terminal_agrees(proposed: Path, tmp_path: Path) -> None:
    everything = _review_html(proposed, tmp_path / "all.html", "--all")
    assert f'id="{ARTICLE}-f001"' in everything and f'id="{ARTICLE}-c001"' in everything
    assert f"zhcorpus accept {ARTICLE}-c001" not in everything  # decided: nothing to copy
    terminal = run_cli("review", "--corpus", proposed)
    pending = _review_html(proposed, tmp_path / "pending.html")
    assert terminal.stdout.count("\n    …") == pending.count('<section class="record ')
    assert "8 record(s)" in terminal.stderr


def test_a_before_that_is_not_printed_is_shown_as_printed_and_warned(corpus_copy: Path, tmp_path: Path) -> None:
    _propose(corpus_copy, 7, "不派一声苦", 1, "叫", "the set phrase", None)
    corrections = corpus_copy / "sources" / SEED_PAGE / "corrections.jsonl"
    lines = corrections.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].replace('"before": "派"', '"before": "叫"')  # a contributor's slip
    corrections.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    page = _review_html(corpus_copy, tmp_path / "slip.html")
    assert "不说一声累不<del>派</del><ins>叫</ins>一声苦" in page
    assert "The printed text at" in page and "is “派”, not the record’s before" in page


def test_nothing_pending_is_said(corpus_copy: Path, tmp_path: Path) -> None:
    flags = corpus_copy / "sources" / SEED_PAGE / "flags.jsonl"
    flags.write_text(flags.read_text(encoding="utf-8").replace('"open"', '"resolved"'), encoding="utf-8")
    assert "Nothing to review." in _review_html(corpus_copy, tmp_path / "none.html")


# --- in the browser ---------------------------------------------------------------------------------------------


def _chromium() -> str:
    if not CHROMIUM.exists():
        message = f"Debian's chromium is not at {CHROMIUM} (apt-get install chromium); .ci/run installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return str(CHROMIUM)


def test_a_missing_browser_fails_in_ci_and_is_skipped_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        _chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        _chromium()


def _headless(chromium: str, *args: str) -> list[str]:
    # One colour profile and scale so that the exact CSS colours land in the screenshot's pixels.
    return [
        chromium,
        "--headless=new",
        "--no-sandbox",  # the tests may run as root in a container, where the sandbox cannot start
        "--disable-gpu",
        "--force-device-scale-factor=1",
        "--force-color-profile=srgb",
        f"--window-size={PHONE[0]},{PHONE[1]}",
        *args,
    ]


def _run_chromium(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp_path / "home")}  # a profile of its own, never the user's
    result = subprocess.run(argv, capture_output=True, text=True, timeout=BROWSER_TIMEOUT, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return result


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of a non-interlaced 8-bit PNG, decoded with zlib alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(idat), width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(b for j, b in enumerate(line) if j % 4 != 3))
        previous = line
    return width, height, rows


def _count(rows: list[bytes], css: str) -> int:
    rgb = bytes.fromhex(css.removeprefix("#"))
    return sum(sum(1 for x in range(0, len(row), 3) if row[x : x + 3] == rgb) for row in rows)


def _screenshot(chromium: str, page: Path, tmp_path: Path) -> tuple[int, int, list[bytes]]:
    shot = tmp_path / f"{page.stem}.png"
    _run_chromium(_headless(chromium, f"--screenshot={shot}", page.as_uri()), tmp_path)
    return _png_pixels(shot.read_bytes())


def test_a_phone_screen_shows_the_correction(proposed: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    started = time.monotonic()
    page = tmp_path / "review.html"
    _review_html(proposed, page)
    dom = _run_chromium(_headless(chromium, "--dump-dom", page.as_uri()), tmp_path).stdout
    record = dom[dom.index(f'id="{ARTICLE}-c008"') :]
    record = record[: record.index("</section>")]
    assert "不说一声累不<del>派</del><ins>叫</ins>一声苦" in record  # in its paragraph, as the browser parsed it
    assert "the parallel 不说一声累 just before it" in record
    assert "<script" not in dom and "<img" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom

    width, height, rows = _screenshot(chromium, page, tmp_path)
    assert (width, height) == PHONE
    # The first screen of the phone shows the proposed change: both highlight colours are there in area.
    assert _count(rows, DEL_BACKGROUND) > 100 and _count(rows, INS_BACKGROUND) > 100
    assert _count(rows, MARK_BACKGROUND) > 100  # and the open flags

    # The control: the committed corpus proposes no correction, and then neither colour is drawn.
    baseline = tmp_path / "baseline.html"
    _review_html(CORPUS, baseline)
    _, _, plain = _screenshot(chromium, baseline, tmp_path)
    assert _count(plain, DEL_BACKGROUND) == 0 and _count(plain, INS_BACKGROUND) == 0
    print(f"browser checks took {time.monotonic() - started:.1f}s")


def _above_4(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 5)
    os.close(fd)
    return moved


class DevTools:
    """Chrome's DevTools protocol over --remote-debugging-pipe: JSON messages ending in NUL on fds 3 (in) and 4."""

    def __init__(self, chromium: str, tmp_path: Path) -> None:
        to_browser, self._writer = os.pipe()
        self._reader, from_browser = os.pipe()
        # The browser reads commands on fd 3 and writes answers on fd 4: bash puts the pipes there (dash refuses
        # fds above 9, and pytest's capture holds low fds), from fds above 4 so that one cannot overwrite the other.
        to_browser, from_browser = _above_4(to_browser), _above_4(from_browser)
        self._log = tmp_path / "chromium.log"
        argv = _headless(chromium, "--remote-debugging-pipe", "about:blank")
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                ["/bin/bash", "-c", f'exec "$@" 3<&{to_browser} 4>&{from_browser}', "bash", *argv],
                pass_fds=(to_browser, from_browser),
                env={**os.environ, "HOME": str(tmp_path / "home")},
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._writer, json.dumps(message).encode() + b"\0")
        answer = self.wait(lambda m: m.get("id") == self._next)
        assert "error" not in answer, answer
        return dict(answer["result"])

    def wait(self, wanted: Any) -> dict[str, Any]:
        deadline = time.monotonic() + BROWSER_TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return dict(message)
            left = deadline - time.monotonic()
            assert left > 0 and select.select([self._reader], [], [], left)[0], "no answer from chromium"
            chunk = os.read(self._reader, 1 << 16)
            assert chunk, "chromium closed the pipe: " + self._log.read_text(encoding="utf-8", errors="replace")[-2000:]
            self._buffer += chunk

    def close(self) -> None:
        try:
            self.call("Browser.close")
        finally:
            self._process.wait(timeout=BROWSER_TIMEOUT)
            os.close(self._writer)
            os.close(self._reader)


def test_a_phone_lays_the_page_out_without_sideways_scrolling(proposed: Path, tmp_path: Path) -> None:
    """Emulated as a phone (mobile viewport, so the viewport meta tag counts), nothing is wider than the screen."""
    chromium = _chromium()
    page = tmp_path / "review.html"
    _review_html(proposed, page)
    tools = DevTools(chromium, tmp_path)
    try:
        target = tools.call("Target.createTarget", url="about:blank")["targetId"]
        session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tools.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=PHONE[0],
            height=PHONE[1],
            deviceScaleFactor=2,
            mobile=True,
        )
        tools.call("Page.enable", session)
        tools.call("Page.navigate", session, url=page.as_uri())
        tools.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        measured = tools.call(
            "Runtime.evaluate",
            session,
            returnByValue=True,
            expression="JSON.stringify([document.documentElement.scrollWidth, window.innerWidth,"
            " document.querySelectorAll('ins').length, document.querySelectorAll('del').length])",
        )
    finally:
        tools.close()
    scroll_width, inner_width, ins, dels = json.loads(measured["result"]["value"])
    # A phone widens its layout viewport to fit content that does not wrap, and without the viewport meta tag it
    # lays the page out 980px wide: either way the layout is wider than the screen.
    assert inner_width == PHONE[0] and scroll_width <= inner_width, (
        f"laid out {inner_width}px wide, content {scroll_width}px, on a {PHONE[0]}px phone"
    )
    assert ins >= 2 and dels >= 2
