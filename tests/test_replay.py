"""Replaying corrections: deterministic, independent of listing order, and offsets mapped back to the printed text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zhcorpus.corrections.replay import overlapping, replay
from zhcorpus.records import Correction


def correction(n: int, start: int, end: int, raw: str, after: str) -> Correction:
    return Correction(
        id=f"zzrb-20200201-A1-01-c{n:03d}",
        record="zzrb-20200201-A1-01",
        field="text",
        start=start,
        end=end,
        before=raw[start:end],
        after=after,
        kind="other",
        method="human",
        confidence=1.0,
        status="accepted",
        reason="test",
    )


@st.composite
def text_and_corrections(draw: st.DrawFn) -> tuple[str, list[Correction]]:
    raw = draw(st.text(alphabet="保护好自己值班\n，。", min_size=1, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    spans: list[tuple[int, int]] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if spans and a < spans[-1][1]:
            continue
        spans.append((a, b))
    fixes = [
        correction(n, a, b, raw, draw(st.text(alphabet="渌口区", max_size=3)))
        for n, (a, b) in enumerate(spans, start=1)
    ]
    return raw, [c for c in fixes if not overlapping([c, *[d for d in fixes if d is not c]])]


@given(text_and_corrections(), st.randoms())
def test_replay_is_deterministic_and_order_free(case: tuple[str, list[Correction]], rnd: object) -> None:
    raw, fixes = case
    shuffled = list(fixes)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    first, offsets = replay(raw, fixes)
    assert replay(raw, shuffled)[0] == first
    assert replay(raw, fixes)[0] == first
    assert offsets.new_length == len(first)
    # Text outside every corrected span is carried over unchanged, at the position the map says.
    for position in range(len(first)):
        source = offsets.to_raw(position)
        inside = [c for c in fixes if c.start <= source < c.end or (c.start == source and c.after)]
        if not inside:
            assert first[position] == raw[source]


@given(text_and_corrections())
def test_rejecting_everything_gives_the_printed_text(case: tuple[str, list[Correction]]) -> None:
    raw, _ = case
    assert replay(raw, [])[0] == raw


def test_overlap_and_shared_insertion_point_are_found() -> None:
    raw = "保护好好自己"
    a = correction(1, 2, 4, raw, "好")
    b = correction(2, 3, 5, raw, "")
    c = correction(3, 1, 1, raw, "x")
    d = correction(4, 1, 1, raw, "y")
    assert overlapping([a, b]) == [(a, b)]
    assert overlapping([c, d]) == [(c, d)]
    assert overlapping([a, c]) == []
