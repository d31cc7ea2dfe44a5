"""Bylines (署名): who wrote an article and in which role, read from the line as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhcorpus.records import Author, Role
from zhcorpus.text.han import HAN

# A reporter line names the paper or agency before 记者 (株洲日报记者, 本报记者, 新华社记者). No bracket or punctuation
# comes before it: 本报讯（记者 张三）1月31日，... opens a first paragraph with its dateline, not a byline.
_REPORTER = re.compile(r"^(?P<prefix>[^\s（()）,，。：:]{0,12}?记者)(?P<rest>.*)$")
# Role words that open a group of names and may be printed glued to its first name (记者张三, 本报实习生李四); the
# first that matches wins, so a photojournalist (本报摄影记者) is not read as a reporter.
_ROLE_WORDS: tuple[tuple[re.Pattern[str], Role], ...] = (
    (re.compile(r"^(?P<prefix>\S{0,12}?摄影记者)(?P<rest>.*)$"), "photographer"),
    (_REPORTER, "reporter"),
    (re.compile(r"^(?P<prefix>\S{0,12}?实习生)(?P<rest>.*)$"), "intern"),
    (re.compile(r"^(?P<prefix>通讯员)(?P<rest>.*)$"), "correspondent"),
)
# Credit words (文 wrote it, 图/摄/摄影 took the pictures), printed as tokens of their own before or after the names.
_CREDITS: dict[str, tuple[Role, ...]] = {
    "文": ("author",),
    "图": ("photographer",),
    "摄": ("photographer",),
    "摄影": ("photographer",),
    "文/图": ("author", "photographer"),
    "图/文": ("photographer", "author"),
}
_SEPARATORS = re.compile(r"[\s、/／,，]+")
# Tokens of a byline: 文/图 stays whole (its slash does not part two names); colons part tokens too (摄影：张三).
_TOKEN = re.compile(r"文[/／]图|图[/／]文|[^\s、/／,，:：]+")
# A name as printed in a byline: two to four Han characters (a compound surname or a minority name may be longer).
NAME = re.compile(f"^[{HAN}·]{{2,6}}$")


# A byline is names under a role word, never a sentence: a line with a full stop, an exclamation or question mark
# or a quotation mark is body text that happens to mention a reporter (黄启对记者说，……。 业的发展！”他向记者坦言。).
_SENTENCE_MARKS = re.compile(r"[。！？!?“”「」『』]")


def starts_with_role(text: str) -> bool:
    """True for a line that opens with a byline role word (记者, 通讯员) and reads as no sentence."""
    stripped = text.strip()
    if _SENTENCE_MARKS.search(stripped):
        return False
    return bool(_REPORTER.match(stripped) and "记者" in stripped[:14]) or stripped.startswith("通讯员")


def names_only(text: str) -> bool:
    """True for a line that is nothing but personal names (a commentary's author line)."""
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    return 0 < len(tokens) <= 6 and all(NAME.match(t) and len(t) <= 4 for t in tokens)


@dataclass
class _Group:
    """Names printed together under one role word; without a role word they are the author's."""

    roles: tuple[Role, ...] = ("author",)
    names: list[str] = field(default_factory=list)
    from_word: bool = False

    def authors(self) -> list[Author]:
        # 文/图 张三: one person in two roles is listed once for each role.
        return [Author(name, role) for name in self.names for role in self.roles]


def _role_word(token: str) -> tuple[Role, str] | None:
    """The role a token opens and the name glued to it (记者张三 -> reporter, 张三), or None for a plain token."""
    for pattern, role in _ROLE_WORDS:
        found = pattern.match(token)
        if found:
            return role, found["rest"]
    return None


def parse_byline(text: str) -> list[Author]:
    """Authors of one printed byline line, each with a role.

    Names take the role of the role word before them (本报记者 张三 实习生 李四). A credit word (文, 图, 摄, 摄影,
    文/图) after names credits those names when it ends the line or when they have no role word of their own
    (记者 张三 摄, 张三/文 李四/图): a photo credit makes 张三 the photographer, not the reporter. Otherwise it
    credits the names after it (文 张三 图 李四). Names with no role word at all are the author's.
    """
    tokens = _TOKEN.findall(text)
    authors: list[Author] = []
    group = _Group()
    for i, token in enumerate(tokens):
        opened = _role_word(token)
        credit = _CREDITS.get(token.replace("／", "/"))
        if opened is not None:
            authors.extend(group.authors())
            role, glued = opened
            group = _Group((role,), [glued] if glued else [], from_word=True)
        elif credit is not None and group.names and (not group.from_word or i == len(tokens) - 1):
            group.roles = credit
            authors.extend(group.authors())
            group = _Group()
        elif credit is not None:
            authors.extend(group.authors())
            group = _Group(credit, from_word=True)
        else:
            group.names.append(token)
    return authors + group.authors()
