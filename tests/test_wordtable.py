"""``detect.wordtable``: the compiled reading of a short text scores what jieba's calc scores, to the last bit, and
what ``lexicon.read_words`` scores but for the order of a sum where two readings tie."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from test_lexicon import MIXED, WORDS, _jieba_reading
from zhcorpus.detect import lexicon
from zhcorpus.detect.codes import code_points
from zhcorpus.detect.wordtable import LONGEST, best_score, entry_count, word_table


def _score(text: str) -> float:
    words = word_table()
    return best_score(words.slots, words.logtotal, code_points(text).astype("int64"))


short_texts = st.one_of(
    st.text(alphabet=MIXED, min_size=1, max_size=LONGEST),
    st.lists(st.sampled_from(WORDS + list(MIXED)), min_size=1, max_size=5).map(lambda p: "".join(p)[:LONGEST]),
)


@settings(max_examples=1000, deadline=None)
@given(short_texts)
def test_the_score_is_jiebas_to_the_last_bit(text: str) -> None:
    assert _score(text) == _jieba_reading(text).score
    # jieba-rs ranks readings by its own total, and lexicon reads a text in pieces between characters of no word,
    # which adds the same terms in another order where two readings tie (个个|个 and 个|个个 in 个个个00听): the
    # look-alike detector allows for the bound the table states.
    assert abs(_score(text) - lexicon.read_words(text).score) <= word_table().read_words_error


def test_every_entry_is_found_with_its_count() -> None:
    """Every entry of up to LONGEST characters is in the table with its count (0 for a prefix), and nothing else."""
    freq, _ = lexicon.prefix_dictionary()
    words = word_table()
    held = words.slots[:, 3] != 0
    assert int(held.sum()) == sum(1 for entry in freq if len(entry) <= LONGEST)
    codes = code_points("".join(freq)).astype("int64")
    at = 0
    for entry, frequency in freq.items():
        if len(entry) <= LONGEST:
            assert entry_count(words.slots, codes, at, at + len(entry)) == (frequency or 0)
        at += len(entry)
    for text in ("保护", "值班长", "印度尼西亚", "中华人民共和国", "\r\n", "溁", "个个个00听"):
        assert _score(text) == _jieba_reading(text).score
