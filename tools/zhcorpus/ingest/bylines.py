"""Bylines (署名): who wrote an article and in which role, read from the line as printed."""

from __future__ import annotations

import re

from zhcorpus.records import Author, Role

# A reporter line names the paper or agency before 记者 (株洲日报记者, 本报记者, 新华社记者).
_REPORTER = re.compile(r"^(?P<prefix>\S{0,12}?记者)(?P<rest>.*)$")
_CORRESPONDENT = re.compile(r"^(?P<prefix>通讯员)(?P<rest>.*)$")
_SEPARATORS = re.compile(r"[\s、/／,，]+")
# A name as printed in a byline: two to four Han characters (a compound surname or a minority name may be longer).
NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")


def starts_with_role(text: str) -> bool:
    """True for a line that opens with a byline role word (记者, 通讯员)."""
    stripped = text.strip()
    return bool(_REPORTER.match(stripped) and "记者" in stripped[:14]) or stripped.startswith("通讯员")


def names_only(text: str) -> bool:
    """True for a line that is nothing but personal names (a commentary's author line)."""
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    return 0 < len(tokens) <= 6 and all(NAME.match(t) and len(t) <= 4 for t in tokens)


def parse_byline(text: str) -> list[Author]:
    """Authors of one printed byline line, each with a role; names with no role word are the author's."""
    authors: list[Author] = []
    role: Role = "author"
    for raw_token in _SEPARATORS.split(text.strip()):
        token = raw_token
        if not token:
            continue
        reporter = _REPORTER.match(token)
        correspondent = _CORRESPONDENT.match(token)
        if reporter:
            role, token = "reporter", reporter["rest"]
        elif correspondent:
            role, token = "correspondent", correspondent["rest"]
        if token:
            authors.append(Author(name=token, role=role))
    return authors
