"""``lexicon.read_words`` is jieba's best unigram reading (get_DAG and calc) done in one pass: same words, same ties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhcorpus.detect import lexicon

# Characters of common words and of the page's faults, so that readings have real choices to make, and characters
# no dictionary word starts with (A, 1, 溁), which stand alone.
ALPHABET = (
    "保护好自己值班长党总支书记行为监管不听从统一指挥一名个份纷挨家户再接厉的了在是中国人民大会堂深层次印度尼西亚A1溁塅"
)


def _jieba_words(text: str) -> tuple[str, ...]:
    tokenizer = lexicon._tokenizer()
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, tokenizer.get_DAG(text), route)
    words, i = [], 0
    while i < len(text):
        end = route[i][1] + 1
        words.append(text[i:end])
        i = end
    return tuple(words)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=24))
def test_read_words_is_jiebas_reading(text: str) -> None:
    assert lexicon.read_words(text).words == _jieba_words(text)
