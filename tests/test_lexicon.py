"""``lexicon.read_words`` is jieba's best unigram reading (get_DAG and calc): the same words and score, but where
two readings come within a hair of each other.

It is cut by jieba-rs (rjieba) loaded with jieba's own dictionary, and by a Python pass where jieba-rs reads
otherwise (ASCII letters and digits, a word holding a character outside its blocks): both are held to jieba here.
jieba-rs ranks readings by the total of the counts loaded into it, 3 fewer than jieba's (which counts the lines its
dictionary repeats), and a text with letters or digits is read in pieces, which adds the same terms in another
order: where two readings of a text score within (words - 1) x log(jieba's total / jieba-rs's) of each other, the
other may be kept (个个个00听). Random text of these alphabets met none in 10,000 tries."""

from __future__ import annotations

import math
import subprocess
import sys

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


def test_a_near_tie_may_be_read_the_other_way_within_the_bound() -> None:
    ours, jiebas = lexicon.read_words("个个个00听"), _jieba_reading("个个个00听")
    assert ours.words == ("个个", "个", "0", "0", "听")
    assert jiebas.words == ("个", "个个", "0", "0", "听")
    ratio = abs(lexicon.prefix_dictionary()[1] - math.log(lexicon.cutter_total()))
    assert abs(ours.score - jiebas.score) <= (len(ours.words) - 1) * ratio + 1e-12


def test_han_text_is_cut_in_compiled_code() -> None:
    """The Python pass is for what jieba-rs reads otherwise, not for ordinary Chinese text."""
    elsewhere = lexicon._compiled().elsewhere
    assert elsewhere.search("株洲市渌口区第一人民医院，“保护好自己”。") is None
    assert elsewhere.search("A1") and elsewhere.search("2020年") and elsewhere.search("γ射线")


def test_a_dictionary_changed_before_use_reads_the_same_in_both_paths() -> None:
    """Words added and frequencies tuned in jieba (as a project might) reach jieba-rs too: it is loaded from
    jieba's dictionary on first use. In a fresh interpreter, so that this process's jieba stays as packaged."""
    code = """
import jieba
from zhcorpus.detect import lexicon
lexicon._tokenizer()
jieba.add_word("溁口区人民", 500000)
jieba.suggest_freq(("值班", "长"), True)
jieba.add_word("保护好好", 200000)
texts = ["株洲市溁口区人民医院", "值班长说", "请保护好好自己", "1月31日溁口区人民", "γ射线值班长"]
for text in texts:
    tokenizer = lexicon._tokenizer()
    route = {}
    tokenizer.calc(text, tokenizer.get_DAG(text), route)
    words, i = [], 0
    while i < len(text):
        words.append(text[i : route[i][1] + 1])
        i = route[i][1] + 1
    got = lexicon.read_words(text)
    print(text, got.words == tuple(words) and got.score == route[0][0], "|".join(got.words))
"""
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = ran.stdout.splitlines()
    assert len(lines) == 5 and all(line.split()[1] == "True" for line in lines), ran.stdout
    assert "溁口区人民" in lines[0] and "值班|长" in lines[1] and "保护好好" in lines[2]


def _lines_of(words: tuple[str, ...]) -> list[list[str]]:
    """A reading's words, line by line (no word holds a line break but a line break itself)."""
    lines: list[list[str]] = [[]]
    for word in words:
        if word == "\n":
            lines.append([])
        else:
            lines[-1].append(word)
    return lines


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=MIXED.replace("\n", ""), max_size=16),
            st.lists(st.sampled_from([w for w in WORDS if "\n" not in w]), max_size=6).map("".join),
        ),
        min_size=1,
        max_size=5,
    ),
    st.sets(st.integers(min_value=0, max_value=4)),
)
def test_lines_read_alone_read_as_in_their_text(lines: list[str], kept: set[int]) -> None:
    """read_lines reads only the lines it is asked for, and reads them as read_words reads the whole text."""
    text = "\n".join(lines)
    wanted = {line for n, line in enumerate(lines) if n in kept}
    expected = [
        w
        for n, line_words in enumerate(_lines_of(lexicon.read_words(text).words))
        if lines[n] in wanted
        for w in line_words
    ]
    assert list(lexicon.read_lines(text, lambda line: line in wanted)) == expected
