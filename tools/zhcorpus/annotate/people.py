"""People and their titles: a name right after (or before) a job title as printed (市委书记、市人大常委会主任毛腾飞;
习近平总书记), names jieba tags as a person, and every later occurrence of a name found in the article.

jieba's tagger splits many names (毛 / 腾飞), so a single-character surname it tags ``nr`` is joined to the word
after it; its ``nr`` tag alone is weak evidence (it tags 高峰 and 周密 too), so a two-character name jieba knows as
an ordinary word is proposed only next to a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhcorpus.annotate.base import ArticleText, Mention, register
from zhcorpus.annotate.places import place_index
from zhcorpus.detect import lexicon
from zhcorpus.records import Normalized
from zhcorpus.text.han import HAN

ANNOTATOR = "annotate.people@1"
_TITLE_WORDS = (
    "总书记|副书记|书记|副主任|主任|副市长|市长|县长|区长|镇长|乡长|副主席|主席|副院长|院长|科长|副组长|组长|部长|局长|"
    "队长|所长|站长|校长|经理|董事长|常委|委员|记者|通讯员|医生|护士长|护士|民警"
)
_TITLE_END = re.compile(rf"(?:{_TITLE_WORDS})$")
_TITLE_AFTER = re.compile(rf"(?:{_TITLE_WORDS})")
# What ends a title phrase on its left: punctuation, a space, the slash of 通讯员/王益恒, a non-Han character.
_BOUNDARY = re.compile(f"[^{HAN}]")
_NAME = re.compile(f"^[{HAN}]{{2,3}}$")
# jieba frequency from which a word is an ordinary word (高峰), not a name.
_COMMON = 50


def _candidates(value: str) -> Iterator[tuple[int, int]]:
    """Spans jieba reads as a person's name: a surname joined to the word after it (毛 / 腾飞), or a name it
    cut one character short at the end of a line (邹家 / 虎 in a byline)."""
    words = lexicon.tagged(value)
    position = 0
    for i, (word, flag) in enumerate(words):
        after = words[i + 1][0] if i + 1 < len(words) else ""
        end_after = position + len(word) + len(after)
        if flag.startswith("nr"):
            surname_first = len(word) == 1 and 1 <= len(after) <= 2
            cut_short = len(word) == 2 and len(after) == 1 and _ends(value, end_after)
            if (surname_first or cut_short) and _NAME.match(word + after):
                yield position, end_after
            elif _NAME.match(word):
                yield position, position + len(word)
        position += len(word)


def _ends(value: str, position: int) -> bool:
    return position == len(value) or bool(_BOUNDARY.match(value[position]))


def _plausible(name: str, value: str, start: int) -> bool:
    """Without a title, a name must start with a surname and be no ordinary word or the start of a place name."""
    if lexicon.tag(name[0]) != "nr":
        return False
    if lexicon.frequency(name) >= _COMMON or (lexicon.frequency(name) and lexicon.tag(name) not in ("nr", "nrfg")):
        return False
    index = place_index()
    return not any(value[start : start + k] in index.by_surface for k in range(len(name), index.longest + 1))


def _titles_before(value: str, start: int) -> list[tuple[int, int]]:
    """The title phrases printed right before a name, split at 、 (市委书记、市人大常委会主任)."""
    titles: list[tuple[int, int]] = []
    # A byline puts a space or a slash between the title and the name (株洲日报记者 邹家虎, 通讯员/王益恒).
    end = start - 1 if start > 0 and value[start - 1] in " /" else start
    while end > 0:
        begin = end
        while begin > 0 and not _BOUNDARY.match(value[begin - 1]) and value[begin - 1] != "、":
            begin -= 1
        phrase = value[begin:end]
        if not _TITLE_END.search(phrase) or len(phrase) > 24:
            break
        titles.insert(0, (begin, end))
        if begin == 0 or value[begin - 1] != "、":
            break
        end = begin - 1
    return titles


def _titled(value: str, start: int, end: int) -> bool:
    return bool(_titles_before(value, start)) or bool(_TITLE_AFTER.match(value, end))


@register(
    ANNOTATOR,
    ("PER", "TITLE"),
    "names after or before a printed job title, jieba person names, their repeats",
    priority=3,
)
def people(article: ArticleText) -> Iterator[Mention]:
    names: set[str] = set()
    for value in article.fields.values():
        for start, end in _candidates(value):
            name = value[start:end]
            if _titled(value, start, end) or _plausible(name, value, start):
                names.add(name)
    for field, value in article.fields.items():
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), value):
                titles = _titles_before(value, m.start())
                for t_start, t_end in titles:
                    yield Mention(ANNOTATOR, field, t_start, t_end, value[t_start:t_end], "TITLE")
                after = _TITLE_AFTER.match(value, m.end())
                if after is not None:
                    titles.append((after.start(), after.end()))
                    yield Mention(ANNOTATOR, field, after.start(), after.end(), after.group(), "TITLE")
                yield Mention(ANNOTATOR, field, m.start(), m.end(), name, "PER", Normalized(name=name), tuple(titles))
