"""Organisations: a body named by its level or place and its kind (市委组织部, 市中心医院, 醴陵市公安局交警大队).

A name starts where a phrase starts (after punctuation, a conjunction, or 代表/向/由) with 市/省/县/区 or a place
name, and ends in the word for a kind of body. The first party and government bodies are named so often by
their bare abbreviation (市委, 市政府, 市纪委) that these are matched alone too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhcorpus.annotate.base import ArticleText, Mention, register
from zhcorpus.text.han import HAN

ANNOTATOR = "annotate.orgs@1"
_KINDS = (
    "人大常委会|常委会|委员会|人民政府|政府|政协|纪委监委|纪委|监委|组织部|宣传部|统战部|卫健委|发改委|中医院|医院|"
    "保健院|卫生院|疾控中心|服务中心|指挥部|办公室|公安局|交警大队|大队|派出所|党工委|党委|党总支|党支部|日报|公司|银行|"
    "大学|学校"
)
_START = rf"(?:^|(?<=[^{HAN}])|(?<=[和与及、向由在])|(?<=代表))"
_ORG = re.compile(rf"{_START}(?:中共)?(?:[省市县区]|[{HAN}]{{1,6}}?[省市县区])[{HAN}]{{0,8}}?(?:{_KINDS})")
_BARE = re.compile(rf"{_START}[省市县区](?:委|政府|政协|纪委|人大)(?![{HAN}]{{0,2}}(?:书记|主任|主席|副))")


@register(ANNOTATOR, ("ORG",), "party, government and public bodies by level or place and kind of body", priority=4)
def orgs(article: ArticleText) -> Iterator[Mention]:
    for field, value in article.fields.items():
        taken: list[tuple[int, int]] = []
        for pattern in (_ORG, _BARE):
            for m in pattern.finditer(value):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                yield Mention(ANNOTATOR, field, m.start(), m.end(), m.group(), "ORG")
