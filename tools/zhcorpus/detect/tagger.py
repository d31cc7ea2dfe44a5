"""jieba's part-of-speech tagger with its Viterbi pass compiled: the same tags, two orders of magnitude faster.

jieba.posseg reads a run of characters that no dictionary word covers (an unknown name) with a hidden Markov model
of 256 states (a place in a word and a tag); its Viterbi pass is a Python loop over pairs of states, about a
millisecond for five characters. Here the same loop is compiled (``detect.compiled``): the same sums, added in the
same order, and a tie goes to the larger state, as in jieba's ``max`` over (probability, state) tuples: the same
route (tests/test_tagger.py holds it to jieba's, bit for bit). The rest of the tagger is jieba's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import jieba.posseg
import numpy as np
import numpy.typing as npt
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

from zhcorpus.detect.base import table
from zhcorpus.detect.compiled import compiled

# jieba.posseg.viterbi's emission of a character a state never emitted.
MIN_FLOAT = -3.14e100

State = tuple[str, str]


@dataclass(frozen=True)
class _Model:
    states: tuple[State, ...]  # sorted, so that a larger index is a larger state
    start: npt.NDArray[np.float64]
    trans: npt.NDArray[np.float64]  # [from, to]; -inf where jieba has no transition
    follows: npt.NDArray[np.bool_]  # [from, to]: jieba lists the transition
    has_next: npt.NDArray[np.bool_]
    # A row for each character jieba's tables name, and a last one for any other: its emission in each state
    # (MIN_FLOAT where the state never emits it) and the states it may take (every one for a character the state
    # table does not list). Built once (20 MB), so that no text waits for its characters' rows to be made.
    row: dict[str, int]
    emission: npt.NDArray[np.float64]
    allowed: npt.NDArray[np.bool_]

    def rows(self, text: str) -> list[int]:
        other = len(self.row)
        return [self.row.get(char, other) for char in text]


@table
def _model() -> _Model:
    states = tuple(sorted(trans_P))
    index = {state: i for i, state in enumerate(states)}
    trans = np.full((len(states), len(states)), -np.inf)
    follows = np.zeros((len(states), len(states)), dtype=np.bool_)
    for source, targets in trans_P.items():
        for target, logp in targets.items():
            trans[index[source], index[target]] = logp
            follows[index[source], index[target]] = True
    start = np.array([start_P[state] for state in states])
    has_next: npt.NDArray[np.bool_] = np.any(follows, axis=1)
    chars = sorted(set(char_state_tab_P).union(*emit_P.values()))
    row = {char: i for i, char in enumerate(chars)}
    emission = np.full((len(chars) + 1, len(states)), MIN_FLOAT)
    for state, emitted in emit_P.items():
        for char, logp in emitted.items():
            emission[row[char], index[state]] = logp
    allowed = np.ones((len(chars) + 1, len(states)), dtype=np.bool_)
    for char, listed in char_state_tab_P.items():
        allowed[row[char]] = False
        allowed[row[char], [index[state] for state in listed]] = True
    return _Model(states, start, trans, follows, has_next, row, emission, allowed)


@compiled
def _route(
    start: npt.NDArray[np.float64],
    trans: npt.NDArray[np.float64],
    follows: npt.NDArray[np.bool_],
    has_next: npt.NDArray[np.bool_],
    emission: npt.NDArray[np.float64],
    allowed: npt.NDArray[np.bool_],
) -> tuple[float, npt.NDArray[np.int64]]:
    """The Viterbi pass over a text given as each character's emissions and allowed states (one row each): the
    best route's probability and states. Each sum is added in jieba's order, and a tie goes to the larger state."""
    length, states = emission.shape
    value = start + emission[0]
    alive = allowed[0].copy()
    back = np.zeros((length, states), np.int64)
    for t in range(1, length):
        previous = np.flatnonzero(alive & has_next)
        expected = np.zeros(states, np.bool_)
        for p in previous:
            expected |= follows[p]
        now = allowed[t] & expected
        if not now.any():
            now = expected.copy() if expected.any() else np.ones(states, np.bool_)
        step = np.full(states, -np.inf)
        for target in np.flatnonzero(now):
            best = -np.inf
            best_from = np.intp(-1)
            for p in previous:
                total = (value[p] + trans[p, target]) + emission[t, target]
                if best_from < 0 or total >= best:
                    best, best_from = total, p
            step[target] = best
            back[t, target] = best_from
        value = step
        alive = now
    state = -1
    for s in range(states):
        if alive[s] and (state < 0 or value[s] >= value[state]):
            state = s
    route = np.empty(length, np.int64)
    route[length - 1] = state
    for t in range(length - 1, 0, -1):
        state = back[t, state]
        route[t - 1] = state
    return value[route[length - 1]], route


def viterbi(text: str) -> tuple[float, list[State]]:
    """jieba.posseg.viterbi.viterbi(text, char_state_tab_P, start_P, trans_P, emit_P): its probability and route."""
    model = _model()
    rows = model.rows(text)
    probability, route = _route(
        model.start,
        model.trans,
        model.follows,
        model.has_next,
        model.emission[rows],
        model.allowed[rows],
    )
    return float(probability), [model.states[i] for i in route.tolist()]


class _Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]  # jieba has no type hints
    """jieba's tagger, with ``viterbi`` above in the one method that runs the model (jieba's ``__cut``)."""

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        _, pos_list = viterbi(sentence)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield jieba.posseg.pair(sentence[begin : i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield jieba.posseg.pair(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield jieba.posseg.pair(sentence[nexti:], pos_list[nexti][1])


@table
def tagger() -> _Tagger:
    """The tagger, sharing jieba's packaged one's dictionary and tag table (not loaded a second time)."""
    packaged = jieba.posseg.dt
    packaged.tokenizer.check_initialized()
    made: _Tagger = _Tagger.__new__(_Tagger)
    made.tokenizer = packaged.tokenizer
    made.word_tag_tab = packaged.word_tag_tab
    return made
