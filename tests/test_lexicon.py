"""``lexicon.read_words`` is jieba's best unigram reading (get_DAG and calc): same words, same ties, same score.

It is cut by jieba-rs (rjieba) loaded with jieba's own dictionary, and by a Python pass where jieba-rs reads
otherwise (ASCII letters and digits, a word holding a character outside its blocks): both are held to jieba here."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhcorpus.detect import lexicon

# Characters of common words and of the page's faults, so that readings have real choices to make, and characters
# no dictionary word starts with (A, 1, 溁), which stand alone.
ALPHABET = (
    "保护好自己值班长党总支书记行为监管不听从统一指挥一名个份纷挨家户再接厉的了在是中国人民大会堂深层次印度尼西亚A1溁塅"
)


# Text where the two paths part: digits and letters jieba-rs would join, punctuation, white space and a line break
# pair it keeps together, a dictionary word with a character outside its blocks (γ射线).
MIXED = ALPHABET + "0123456789abcXYZ，。、“”（）γ射线 \t\n\r+#&._%-·"
WORDS = ["保护", "值班长", "γ射线", "\r\n", "2020年", "A1", "COVID-19", "。", "，", "  ", "株洲市", "渌口区"]


def _jieba_reading(text: str) -> lexicon.Segmentation:
    tokenizer = lexicon._tokenizer()
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, tokenizer.get_DAG(text), route)
    words, i = [], 0
    while i < len(text):
        end = route[i][1] + 1
        words.append(text[i:end])
        i = end
    return lexicon.Segmentation(route[0][0], tuple(words))


def _jieba_words(text: str) -> tuple[str, ...]:
    return _jieba_reading(text).words


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=24))
def test_read_words_is_jiebas_reading(text: str) -> None:
    assert lexicon.read_words(text).words == _jieba_words(text)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=MIXED, min_size=1, max_size=24),
        st.lists(st.sampled_from(WORDS + list(MIXED)), min_size=1, max_size=12).map("".join),
    )
)
def test_the_compiled_reading_is_jiebas_to_the_last_bit(text: str) -> None:
    assert lexicon.read_words(text) == _jieba_reading(text)


def test_han_text_is_cut_in_compiled_code() -> None:
    """The Python pass is for what jieba-rs reads otherwise, not for ordinary Chinese text."""
    elsewhere = lexicon._compiled().elsewhere
    assert elsewhere.search("株洲市渌口区第一人民医院，“保护好自己”。") is None
    assert elsewhere.search("A1") and elsewhere.search("2020年") and elsewhere.search("γ射线")
