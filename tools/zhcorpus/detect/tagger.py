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
from functools import lru_cache

import jieba.posseg
import numpy as np
import numpy.typing as npt
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

from zhcorpus.detect.base import table
from zhcorpus.detect.compiled import compiled

# jieba.posseg.viterbi's emission of a character a state never emitted.
MIN_FLOAT = -3.14e100
_CACHED_CHARS = 1 << 14

State = tuple[str, str]


@dataclass(frozen=True)
class _Model:
    states: tuple[State, ...]  # sorted, so that a larger index is a larger state
    start: npt.NDArray[np.float64]
    trans: npt.NDArray[np.float64]  # [from, to]; -inf where jieba has no transition
    follows: npt.NDArray[np.bool_]  # [from, to]: jieba lists the transition
    has_next: npt.NDArray[np.bool_]


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
    return _Model(states, start, trans, follows, has_next)


@lru_cache(maxsize=_CACHED_CHARS)
def _emission(char: str) -> npt.NDArray[np.float64]:
    return np.array([emit_P[state].get(char, MIN_FLOAT) for state in _model().states])


@lru_cache(maxsize=_CACHED_CHARS)
def _allowed(char: str) -> npt.NDArray[np.bool_]:
    """The states jieba lets the character take (every state for a character its table does not list)."""
    listed = char_state_tab_P.get(char)
    if listed is None:
        return np.ones(len(_model().states), dtype=np.bool_)
    return np.isin(np.arange(len(_model().states)), [_model().states.index(s) for s in listed])


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
    probability, route = _route(
        model.start,
        model.trans,
        model.follows,
        model.has_next,
        np.array([_emission(char) for char in text]),
        np.array([_allowed(char) for char in text]),
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
