"""The trigger scan finds exactly the changes a full OpenCC t2s conversion of the text makes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from zhcorpus.detect import t2s

_FULL = OpenCC("t2s")
_PHRASES, _CHARACTERS = (sorted(table) for _, _, table in _FULL._dict_chain_data[0])
# Simplified text, punctuation (OpenCC's separators among it) and characters no table knows.
_PLAIN = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产")
_PUNCTUATION = list("，。、；：？！“”‘’（）《》—- \n\t.")
_RARE = ["𠀀", "𪚥", "A", "9"]

pieces = st.one_of(
    st.sampled_from(_PHRASES),
    st.sampled_from(_PHRASES).map(lambda p: p[1:]),  # a phrase cut at its start: what lies in front decides
    st.sampled_from(_PHRASES).map(lambda p: p[:-1]),
    st.sampled_from(_CHARACTERS),
    st.sampled_from(_PLAIN),
    st.sampled_from(_PUNCTUATION),
    st.sampled_from(_RARE),
)


def full_conversion_runs(text: str) -> list[tuple[int, int, str]]:
    """The maximal runs where the whole text's conversion differs from it: what the detector reported before."""
    simplified = _FULL.convert(text)
    assert len(simplified) == len(text)
    return list(t2s.changed_runs(text, simplified))


@settings(max_examples=1500, deadline=None)
@given(st.lists(pieces, max_size=40).map("".join))
def test_trigger_scan_equals_full_conversion(text: str) -> None:
    assert list(t2s.changes(text)) == full_conversion_runs(text)


def test_phrase_level_conversions_are_kept() -> None:
    """乾 is 干 alone but stays in 乾隆, and the longest phrase wins over a shorter one inside it."""
    for text in ("乾隆年間的舊址", "乾乾淨淨", "他乾杯", "一目瞭然，瞭解", "情有獨鍾"):
        assert list(t2s.changes(text)) == full_conversion_runs(text)
