"""``detect.tagger``: jieba's part-of-speech tagger with its Viterbi pass compiled reads exactly as jieba's does."""

from __future__ import annotations

import jieba.posseg
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from zhcorpus.detect import lexicon, tagger

# Names and words the dictionary lacks (the model's business), common words, characters the model never saw
# (溁, 𠀀), and what is no Han (ASCII, digits, punctuation), so that every branch of the pass is taken.
ALPHABET = "王洪斌李明华张德江欧阳司马相如市委副书记参加的了是在溁塅嘎嗒咧噗叽𠀀abc19，。 "
NAMES = ["王洪斌", "欧阳明日", "司马光", "市委副书记", "张家界", "毛泽东", "习近平"]
texts = st.one_of(
    st.text(alphabet=ALPHABET, min_size=1, max_size=16),
    st.lists(st.sampled_from(NAMES + list(ALPHABET)), min_size=1, max_size=8).map("".join),
)
# Runs of Han characters alone: what jieba hands its Viterbi pass.
runs = st.text(alphabet="王洪斌李明华张德江欧阳相如溁塅嘎嗒咧噗叽𠀀的了", min_size=1, max_size=12)


@settings(max_examples=500, deadline=None)
@given(runs)
def test_the_viterbi_pass_is_jiebas_to_the_last_bit(text: str) -> None:
    probability, route = jieba_viterbi(text, char_state_tab_P, start_P, trans_P, emit_P)
    assert tagger.viterbi(text) == (probability, list(route))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tagged_reads_as_jiebas_tagger(text: str) -> None:
    assert lexicon.tagged(text) == [(p.word, p.flag) for p in jieba.posseg.dt.cut(text, HMM=True)]


def test_an_unknown_name_is_read_as_a_name() -> None:
    assert ("王洪斌", "nr") in lexicon.tagged("市委副书记王洪斌参加。")
