"""OCR-like faults injected into clean articles, each with its gold correction.

Every injector works on one clean paragraph and returns an ``Edit``: the span of the clean paragraph it replaces
and what is printed instead. At most one fault goes into a paragraph, so faults never touch each other, and the
gold correction of each is exact: applying all of an article's gold corrections to its faulty text gives back
its clean text character for character (a property test holds the injectors to it).

Independence from the detectors. The injectors decide *where* a fault goes with their own random choices and
their own notions (the corpus's own part-of-speech tags, the harness's own sentence ends, its own hand-written
table of look-alike characters, OpenCC's simplified-to-traditional table where the detector reads the reverse),
never with a detector's rules or dictionaries: a doubled character may land where reduplication is legitimate
(看看), a doubled fragment may have a connective between its copies, a duplicated sentence may be short. Such
faults are hard or impossible to catch, and the harness counts them as misses: that is what recall means.

Two groups of families. The classic group (the first ten kinds) is what the detectors were written for. The real-OCR
group injects what real recognisers do and no detector was written for: a character anywhere replaced by one of
its real confusions (``lookalike.real``, drawn from ``realconfusions.tsv``, counted from real recogniser output), a
doubled character made by misreading a neighbour or a reduplicated pair misread as another (``doubled.misread``),
a stray glyph between two characters (``stray.glyph``). Each group is put into its own copy of the sample with its
own random stream, so the classic group's faults, and its figures, are the same with or without the other.
"""

from __future__ import annotations

import importlib.util
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from zhcorpus.evaluate import confusables
from zhcorpus.evaluate.clean import CLOSERS, CleanArticle, CleanParagraph, all_articles
from zhcorpus.records import RawArticle
from zhcorpus.text.han import HAN, is_han

# Fault kind -> its fault family (the classic families are named after the detector family that should find them).
KIND_FAMILY: dict[str, str] = {
    "duplicate_paragraph": "duplicate",
    "duplicate_sentence": "duplicate",
    "doubled_char": "doubled",
    "doubled_fragment": "doubled",
    "repeat_span": "repeat",
    "column_break": "column_break",
    "confusable_place": "confusable",
    "unbalanced_quote": "quotes",
    "traditional_char": "script",
    "suspicious_token": "token",
    "garbled_passage": "garbled",
    "lookalike_real": "lookalike.real",
    "misread_neighbour": "doubled.misread",
    "misread_pair": "doubled.misread",
    "stray_glyph": "stray.glyph",
}
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(KIND_FAMILY.values()))
ALL_KINDS: tuple[str, ...] = tuple(KIND_FAMILY)
# Kinds added after the others had their figures: drawn with a random generator of their own, into paragraphs the
# others left without a fault, so that every other family gets the same faults in the same places as before.
LATE_KINDS: tuple[str, ...] = ("repeat_span",)
# The kinds the plan draws from.
KINDS: tuple[str, ...] = tuple(k for k in ALL_KINDS if k not in LATE_KINDS)
# Families of real recognisers' faults, injected into a copy of the sample of their own (see the module's doc).
REAL_OCR_FAMILIES: tuple[str, ...] = ("lookalike.real", "doubled.misread", "stray.glyph")
GROUPS: dict[str, tuple[str, ...]] = {
    "classic": tuple(f for f in FAMILIES if f not in REAL_OCR_FAMILIES),
    "real-ocr": REAL_OCR_FAMILIES,
}
# The kinds the detectors were written for: ``zhcorpus synth`` puts only these into its archives.
CLASSIC_KINDS: tuple[str, ...] = tuple(k for k in KINDS if KIND_FAMILY[k] in GROUPS["classic"])
# Fault family -> the detector family whose findings are scored against its faults; None: no detector yet. The one
# place a detector family is tied to an injector family: map a new family here when its detector lands.
DETECTED_BY: dict[str, str | None] = {
    "duplicate": "duplicate",
    "doubled": "doubled",
    "repeat": "repeat",
    "column_break": "column_break",
    "confusable": "confusable",
    "quotes": "quotes",
    "script": "script",
    "token": "token",
    "garbled": "garbled",
    "lookalike.real": "lookalike",
    "doubled.misread": None,
    "stray.glyph": "stray.glyph",
}
# Detector families the harness puts no fault in for, and why: each registered detector family is scored by a fault
# family above or named here (tests/test_registries.py).
NOT_INJECTED: dict[str, str] = {
    "charpolicy": "invisible and private-use characters are a character policy, not an OCR fault: the detectors "
    "are tested over every code point (tests/test_charpolicy.py)",
}

# Share of paragraphs that get a fault (a paragraph naming a place the confusable injector can damage always
# gets one, since such names are rare in the clean text).
FAULT_RATE = 0.5
# Share of the paragraphs left without a fault that get a late kind's (about as many faults as a kind of the plan).
LATE_RATE = 0.1
# Numerals repeat on purpose (一一, 三三): the harness never doubles one (its own list, written from the script).
NUMERAL_CHARS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟")
# The harness's own sentence ends for duplicated sentences.
_SENTENCE_END = "。！？!?"
_QUOTE_PAIRS = {"“": "”", "‘": "’"}
# A garbled stretch: this many characters of one clause printed as others (the harness's own choice of size).
GARBLE_MIN, GARBLE_MAX = 4, 8
# A stretch printed twice in a row: its length, drawn anywhere in the paragraph (the harness's own choice of sizes,
# from a two-character word to a clause).
REPEAT_LENGTHS = (2, 2, 3, 4, 5, 6, 8, 10, 12, 16)
_QUOTE_MARKS = frozenset("“”‘’「」『』\"'")
_HAN_RUN = re.compile(f"[{HAN}]+")  # a clause a garble may go into: a run of what is_han takes
_URLS = ("http://www.{}.gov.cn", "www.{}.com.cn", "http://{}.people.com.cn", "https://www.{}.org.cn/news")
_URL_SENTENCES = ("详情可登录{}查询。", "相关信息见{}。", "网址：{}。")
# What a recogniser prints from a speck or a rule between two characters: marks, Latin letters, strokes and dots
# (the harness's own list).
STRAY_GLYPHS = ("，", "、", "。", "：", "；", "'", "`", "l", "I", "i", "r", "J", "丨", "一", "·", ".", "．", "丶")


@dataclass(frozen=True)
class GoldFault:
    """One injected fault: ``faulty[start:end] == before`` of field ``field`` is ``after`` in the clean text.

    ``region`` is where the fault shows in the faulty text (both copies of a doubling, a damaged quotation up to
    its closing mark): a flag anywhere on it points at the fault. ``block`` is the faulty paragraph that carries
    it (its copy and its second half included): another family's finding there may be a side effect of it.
    """

    article: str
    kind: str
    family: str
    field: str
    start: int
    end: int
    before: str
    after: str
    region_start: int
    region_end: int
    block_start: int
    block_end: int
    note: str


@dataclass(frozen=True)
class Edit:
    """In paragraph coordinates: clean[start:end] is printed as ``new``; the region is in the faulty paragraph."""

    start: int
    end: int
    new: str
    region: tuple[int, int]
    note: str


@dataclass(frozen=True)
class Injection:
    clean: str  # the clean paragraph (the token injector appends a correct address to it first)
    edit: Edit


@dataclass(frozen=True)
class ParagraphFault:
    """A fault of ``kind`` put into one paragraph: ``clean[edit.start:edit.end]`` (``after``) printed as ``edit.new``.

    ``printed`` holds a line break where the fault cuts the paragraph into two printed blocks.
    """

    kind: str
    clean: str  # the clean paragraph (the token injector appends a correct address to it first)
    edit: Edit

    @property
    def printed(self) -> str:
        return self.clean[: self.edit.start] + self.edit.new + self.clean[self.edit.end :]

    @property
    def after(self) -> str:
        """The clean text the fault replaced: the gold correction of ``edit.new``."""
        return self.clean[self.edit.start : self.edit.end]


@dataclass(frozen=True)
class EvalArticle:
    clean: RawArticle
    faulty: RawArticle
    faults: tuple[GoldFault, ...]
    group: str = "classic"  # the group of families injected into this copy of the article (GROUPS)


@dataclass(frozen=True)
class InjectionStats:
    """What the injectors could do on the sample: place names found in it and how many the table can damage."""

    paragraphs: int
    faults_by_kind: dict[str, int]
    place_names: int  # distinct prefecture- and county-level names in the clean sample
    place_names_injectable: int  # of them, names with a character in the harness's look-alike table
    place_occurrences: int
    place_occurrences_injected: int


@dataclass
class _Plan:
    rng: random.Random
    kinds: tuple[str, ...]
    late_rng: random.Random
    late_kinds: tuple[str, ...]
    counts: Counter[str] = field(default_factory=Counter)


Injector = Callable[[CleanParagraph, random.Random], Injection | None]


def _is_mark(char: str) -> bool:
    """Punctuation, symbols and spaces: a column break next to one would not be a mid-sentence cut."""
    return unicodedata.category(char)[0] in "PSZ"


def _duplicate_paragraph(p: CleanParagraph, rng: random.Random) -> Injection | None:
    text = p.text
    return Injection(text, Edit(len(text), len(text), "\n" + text, (0, 2 * len(text) + 1), "paragraph printed twice"))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in _SENTENCE_END:
            end = i + 1
            while end < len(text) and (text[end] in _SENTENCE_END or text[end] in CLOSERS):
                end += 1
            spans.append((start, end))
            start = i = end
        else:
            i += 1
    return spans


def _balanced(text: str) -> bool:
    return all(text.count(o) == text.count(c) for o, c in (*_QUOTE_PAIRS.items(), ("（", "）"), ("《", "》")))


def _duplicate_sentence(p: CleanParagraph, rng: random.Random) -> Injection | None:
    # A sentence with an unpaired mark would damage the quotation around it: that is another family's fault.
    spans = [(a, b) for a, b in _sentences(p.text) if b - a >= 2 and _balanced(p.text[a:b])]
    if not spans:
        return None
    a, b = rng.choice(spans)
    sentence = p.text[a:b]
    return Injection(p.text, Edit(b, b, sentence, (a, b + len(sentence)), f"sentence printed twice: {sentence}"))


def _doubled_char(p: CleanParagraph, rng: random.Random) -> Injection | None:
    text = p.text
    spots = [
        i
        for i, c in enumerate(text)
        if is_han(c)
        and c not in NUMERAL_CHARS
        and (i == 0 or text[i - 1] != c)
        and (i + 1 == len(text) or text[i + 1] != c)
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    return Injection(text, Edit(i + 1, i + 1, text[i], (i, i + 2), f"{text[i]} printed twice: {text[i : i + 4]}"))


def _doubled_fragment(p: CleanParagraph, rng: random.Random) -> Injection | None:
    text = p.text
    n = rng.choice((2, 3))
    spots = [i for i in range(len(text) - n) if all(is_han(c) for c in text[i : i + n + 1])]
    if not spots:
        return None
    i = rng.choice(spots)
    fragment = text[i : i + n]
    at = i + n + 1
    return Injection(
        text,
        Edit(at, at, fragment, (i, at + n), f"{fragment} printed again after {text[i:at]}"),
    )


def _repeat_span(p: CleanParagraph, rng: random.Random) -> Injection | None:
    """A stretch of 2 to 16 characters printed again right after itself, wherever its boundaries fall: inside
    words, across a comma or a sentence end. It holds two Han characters at least, no quotation mark (a quote
    printed twice would be another family's fault) and is no whole sentence (a duplicate_sentence)."""
    text = p.text
    n = rng.choice(REPEAT_LENGTHS)
    sentences = set(_sentences(text))
    spots = [
        i
        for i in range(len(text) - n + 1)
        if sum(is_han(c) for c in text[i : i + n]) >= 2
        and not _QUOTE_MARKS & set(text[i : i + n])
        and (i, i + n) not in sentences
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    stretch = text[i : i + n]
    return Injection(text, Edit(i + n, i + n, stretch, (i, i + 2 * n), f"{stretch} printed twice in a row"))


def _column_break(p: CleanParagraph, rng: random.Random) -> Injection | None:
    text = p.text
    spots = [i for i in range(1, len(text)) if not _is_mark(text[i - 1]) and not _is_mark(text[i])]
    if not spots:
        return None
    i = rng.choice(spots)
    return Injection(
        text, Edit(i, i, "\n", (i - 1, i + 2), f"block cut at {text[max(0, i - 4) : i]}|{text[i : i + 4]}")
    )


@cache
def place_spans(p: CleanParagraph) -> tuple[tuple[int, int], ...]:
    """Spans of division names in the paragraph that the corpus tags as a place (ns) and segments as a whole."""
    tokens = p.tokens()
    ends = {t.start + len(t.text) for t in tokens}
    spans = []
    names = confusables.place_names()
    for token in tokens:
        if token.tag != "ns":
            continue
        for length in range(3, 10):
            end = token.start + length
            if end in ends and p.text[token.start : end] in names:
                spans.append((token.start, end))
    return tuple(spans)


def _damageable_place(p: CleanParagraph) -> bool:
    return any(confusables.damages(p.text[a:b]) for a, b in place_spans(p))


def _confusable_place(p: CleanParagraph, rng: random.Random) -> Injection | None:
    options = [(a, b, i, char) for a, b in place_spans(p) for i, char in confusables.damages(p.text[a:b])]
    if not options:
        return None
    a, b, i, char = rng.choice(options)
    name = p.text[a:b]
    damaged = name[:i] + char + name[i + 1 :]
    return Injection(p.text, Edit(a + i, a + i + 1, char, (a, b), f"{name} printed as {damaged}"))


def _unbalanced_quote(p: CleanParagraph, rng: random.Random) -> Injection | None:
    text = p.text
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, char in enumerate(text):
        if char in _QUOTE_PAIRS:
            stack.append(i)
        elif char in _QUOTE_PAIRS.values():
            if stack and _QUOTE_PAIRS[text[stack[-1]]] == char:
                pairs.append((stack.pop(), i))
            else:
                return None  # a paragraph whose quotes do not pair already (a quote carried over paragraphs)
    if stack or not pairs:
        return None
    opener, closer = rng.choice(pairs)
    return Injection(
        text,
        Edit(opener, opener + 1, "", (opener, closer), f"{text[opener]} lost before {text[opener + 1 : opener + 7]}"),
    )


@cache
def _s2t_chars() -> dict[str, tuple[str, ...]]:
    """OpenCC's simplified -> traditional characters (the detector reads the traditional -> simplified tables).

    A form that the clean corpus itself prints (覆 for 复, 乾 in 萧乾) is a character of simplified print too, so
    printing it is no script fault: such forms are left out, judged by the corpus, not by the detector's tables.
    """
    in_print = _printed_chars()
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("opencc")
    path = Path(spec.origin).parent / "dictionary" / "STCharacters.txt"
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        simplified, _, forms = line.partition("\t")
        others = tuple(f for f in forms.split() if f != simplified and f not in in_print)
        if others:
            table[simplified] = others
    return table


@cache
def _printed_chars() -> frozenset[str]:
    return frozenset("".join(p.text for article in all_articles() for p in article.paragraphs))


def _traditional_char(p: CleanParagraph, rng: random.Random) -> Injection | None:
    table = _s2t_chars()
    spots = [i for i, c in enumerate(p.text) if c in table]
    if not spots:
        return None
    i = rng.choice(spots)
    form = rng.choice(table[p.text[i]])
    return Injection(p.text, Edit(i, i + 1, form, (i, i + 1), f"{p.text[i]} printed as traditional {form}"))


def _spelled(word: str) -> str | None:
    spelled = "".join(lazy_pinyin(word, style=Style.NORMAL))
    return spelled if spelled.isascii() and spelled.isalpha() else None


def _suspicious_token(p: CleanParagraph, rng: random.Random) -> Injection | None:
    places = [
        (t.text, s)
        for t in p.tokens()
        if t.tag == "ns" and len(t.text) >= 2 and all(is_han(c) for c in t.text) and (s := _spelled(t.text))
    ]
    if not places:
        return None
    name, spelled = rng.choice(places)
    url = rng.choice(_URLS).format(spelled)
    sentence = rng.choice(_URL_SENTENCES).format(url)
    clean = p.text + sentence
    word_start = len(p.text) + sentence.index(url) + url.index(spelled)
    j = rng.randrange(len(spelled))
    letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != spelled[j]])
    misspelled = spelled[:j] + letter + spelled[j + 1 :]
    return Injection(
        clean,
        Edit(
            word_start + j,
            word_start + j + 1,
            letter,
            (word_start, word_start + len(spelled)),
            f"address spells {name} ({spelled}) as {misspelled}",
        ),
    )


def _garbled_passage(p: CleanParagraph, rng: random.Random) -> Injection | None:
    """4 to 8 neighbouring characters of a clause printed as other characters of the same paragraph.

    The replacements come from the paragraph itself, drawn as often as it prints them (its own distribution), so
    the damage looks like the text's characters in the wrong places, never like a rare glyph or a symbol. No
    character is printed beside a copy of itself: that would be a doubled character, another family's fault.
    """
    text = p.text
    clauses = [(a, b) for a, b in _han_runs(text) if b - a >= GARBLE_MIN + 2]
    pool = [c for c in text if is_han(c)]
    if not clauses or len(set(pool)) < 4:
        return None
    a, b = rng.choice(clauses)
    size = rng.randint(GARBLE_MIN, min(GARBLE_MAX, b - a - 2))
    start = rng.randrange(a + 1, b - size)  # a character of the clause kept on each side
    printed = text[start - 1]
    for i in range(start, start + size):
        after = text[i + 1] if i + 1 == start + size else ""
        printed += rng.choice([c for c in pool if c not in (text[i], printed[-1], after)])
    printed = printed[1:]
    return Injection(
        text,
        Edit(start, start + size, printed, (start, start + size), f"{text[start : start + size]} printed as {printed}"),
    )


def _han_runs(text: str) -> list[tuple[int, int]]:
    """Spans of consecutive Han characters: the clauses a garble goes into."""
    return [run.span() for run in _HAN_RUN.finditer(text)]


def _drawn(rng: random.Random, char: str) -> str:
    """One of the characters real recognisers printed for ``char``, drawn as often as they printed it."""
    printed, counts = confusables.real_confusions()[char]
    return rng.choices(printed, weights=counts)[0]


def _lookalike_real(p: CleanParagraph, rng: random.Random) -> Injection | None:
    """A character anywhere replaced by one of its real confusions; never one that copies a neighbour."""
    text = p.text
    table = confusables.real_confusions()
    spots = [i for i, c in enumerate(text) if c in table]
    if not spots:
        return None
    i = rng.choice(spots)
    neighbours = {text[j] for j in (i - 1, i + 1) if 0 <= j < len(text)}
    printed = _drawn(rng, text[i])
    if printed in neighbours:
        return None  # that would be a misread neighbour, the doubled.misread family's fault
    return Injection(text, Edit(i, i + 1, printed, (i, i + 1), f"{text[i]} printed as {printed}: {text[i : i + 4]}"))


def _single(text: str, start: int, end: int) -> bool:
    """text[start:end] (one character repeated) has no copy of it on either side: the result is a pair, no triple."""
    char = text[start]
    return (start == 0 or text[start - 1] != char) and (end == len(text) or text[end] != char)


def _misread_neighbour(p: CleanParagraph, rng: random.Random) -> Injection | None:
    """A character read as a copy of its neighbour: 旁边的 -> 旁的的, 累得 -> 得得, 我的鼓励 -> 我的的励."""
    text = p.text
    spots = []
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if not (is_han(a) and is_han(b)) or a == b or a in NUMERAL_CHARS or b in NUMERAL_CHARS:
            continue
        for misread, copied in ((i, i + 1), (i + 1, i)):
            printed = text[:misread] + text[copied] + text[misread + 1 :]
            if _single(printed, i, i + 2):
                spots.append((misread, copied))
    if not spots:
        return None
    misread, copied = rng.choice(spots)
    lo = min(misread, copied)
    new = text[copied]
    note = f"{text[lo : lo + 2]} printed as {new * 2} ({text[misread]} read as its neighbour)"
    return Injection(text, Edit(misread, misread + 1, new, (lo, lo + 2), note))


def _misread_pair(p: CleanParagraph, rng: random.Random) -> Injection | None:
    """A reduplicated pair with both copies misread as the same other character: 井井有条 -> 并并有条."""
    text = p.text
    table = confusables.real_confusions()
    spots = [
        i
        for i in range(len(text) - 1)
        if text[i] == text[i + 1] and text[i] in table and text[i] not in NUMERAL_CHARS and _single(text, i, i + 2)
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    printed = _drawn(rng, text[i]) * 2
    if not _single(text[:i] + printed + text[i + 2 :], i, i + 2):
        return None  # a neighbour is already the misread character: that would print three
    return Injection(text, Edit(i, i + 2, printed, (i, i + 2), f"{text[i : i + 2]} printed as {printed}"))


def _stray_glyph(p: CleanParagraph, rng: random.Random) -> Injection | None:
    """A stray glyph (a mark, a Latin letter, a stroke, a dot) printed between two Han characters."""
    text = p.text
    spots = [i for i in range(1, len(text)) if is_han(text[i - 1]) and is_han(text[i])]
    if not spots:
        return None
    i = rng.choice(spots)
    glyph = rng.choice([g for g in STRAY_GLYPHS if g not in (text[i - 1], text[i])])
    shown = f"{text[max(0, i - 3) : i]}{glyph}{text[i : i + 3]}"
    return Injection(
        text, Edit(i, i, glyph, (i - 1, i + 2), f"stray {glyph} between {text[i - 1]} and {text[i]}: {shown}")
    )


INJECTORS: dict[str, Injector] = {
    "duplicate_paragraph": _duplicate_paragraph,
    "duplicate_sentence": _duplicate_sentence,
    "doubled_char": _doubled_char,
    "doubled_fragment": _doubled_fragment,
    "repeat_span": _repeat_span,
    "column_break": _column_break,
    "confusable_place": _confusable_place,
    "unbalanced_quote": _unbalanced_quote,
    "traditional_char": _traditional_char,
    "suspicious_token": _suspicious_token,
    "garbled_passage": _garbled_passage,
    "lookalike_real": _lookalike_real,
    "misread_neighbour": _misread_neighbour,
    "misread_pair": _misread_pair,
    "stray_glyph": _stray_glyph,
}


def first_fault(p: CleanParagraph, kinds: Iterable[str], rng: random.Random) -> ParagraphFault | None:
    """The fault of the first of ``kinds`` whose injector finds a place in the paragraph, or None.

    The one loop of the harness and of ``zhcorpus synth``: they differ only in the order they try the kinds.
    """
    for kind in kinds:
        injection = INJECTORS[kind](p, rng)
        if injection is not None:
            return ParagraphFault(kind, injection.clean, injection.edit)
    return None


def _inject_paragraph(p: CleanParagraph, plan: _Plan) -> ParagraphFault | None:
    """The fault put into this paragraph, trying the rarest kind so far first."""
    order = sorted(plan.kinds, key=lambda k: (plan.counts[k], plan.rng.random()))
    fault = first_fault(p, order, plan.rng)
    if fault is not None:
        plan.counts[fault.kind] += 1
    return fault


def _article(article: CleanArticle, plan: _Plan, group: str) -> EvalArticle:
    clean_texts: list[str] = []
    faulty_texts: list[str] = []
    faults: list[GoldFault] = []
    faulty_offset = 0  # faults go into the body only
    can_damage_place = "confusable_place" in plan.kinds
    for p in article.paragraphs:
        chosen = plan.rng.random() < FAULT_RATE or (can_damage_place and _damageable_place(p))
        fault = _inject_paragraph(p, plan) if chosen else None
        if fault is None and plan.late_kinds and plan.late_rng.random() < LATE_RATE:
            fault = first_fault(p, plan.late_kinds, plan.late_rng)
        if fault is None:
            clean_texts.append(p.text)
            faulty_texts.append(p.text)
        else:
            edit, faulty = fault.edit, fault.printed
            faults.append(
                GoldFault(
                    article=article.id,
                    kind=fault.kind,
                    family=KIND_FAMILY[fault.kind],
                    field="text",
                    start=faulty_offset + edit.start,
                    end=faulty_offset + edit.start + len(edit.new),
                    before=edit.new,
                    after=fault.after,
                    region_start=faulty_offset + edit.region[0],
                    region_end=faulty_offset + edit.region[1],
                    block_start=faulty_offset,
                    block_end=faulty_offset + len(faulty),
                    note=edit.note,
                )
            )
            clean_texts.append(fault.clean)
            faulty_texts.append(faulty)
        faulty_offset += len(faulty_texts[-1]) + 1
    faulty_blocks = "\n".join(faulty_texts).split("\n")
    return EvalArticle(article.raw(clean_texts), article.raw(faulty_blocks), tuple(faults), group)


def inject(articles: Sequence[CleanArticle], seed: int, families: Sequence[str] = FAMILIES) -> list[EvalArticle]:
    """Faults of the given families put into the articles, deterministically from ``seed``.

    Each group of families with a family asked for gets its own copy of the articles, in the order of GROUPS; the
    classic group draws from the stream it always drew from, so its faults do not depend on the other group.
    """
    out: list[EvalArticle] = []
    for group, members in GROUPS.items():
        kinds = tuple(k for k in KINDS if KIND_FAMILY[k] in families and KIND_FAMILY[k] in members)
        late = tuple(k for k in LATE_KINDS if KIND_FAMILY[k] in families and KIND_FAMILY[k] in members)
        if not kinds and not late:
            continue
        stream = f"faults:{seed}" if group == "classic" else f"faults:{seed}:{group}"
        late_stream = f"late:{seed}" if group == "classic" else f"late:{seed}:{group}"
        # Reproducible faults, not a secret.
        plan = _Plan(random.Random(stream), kinds, random.Random(late_stream), late)  # noqa: S311
        out.extend(_article(article, plan, group) for article in articles)
    return out


def injection_stats(articles: Sequence[CleanArticle], evaluated: Sequence[EvalArticle]) -> InjectionStats:
    names: set[str] = set()
    injectable: set[str] = set()
    occurrences = 0
    for article in articles:
        for p in article.paragraphs:
            for a, b in place_spans(p):
                name = p.text[a:b]
                names.add(name)
                occurrences += 1
                if confusables.damages(name):
                    injectable.add(name)
    by_kind = Counter(f.kind for e in evaluated for f in e.faults)
    return InjectionStats(
        paragraphs=sum(len(a.paragraphs) for a in articles),
        faults_by_kind={k: by_kind[k] for k in ALL_KINDS},
        place_names=len(names),
        place_names_injectable=len(injectable),
        place_occurrences=occurrences,
        place_occurrences_injected=by_kind["confusable_place"],
    )
