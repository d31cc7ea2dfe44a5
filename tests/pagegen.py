"""Generated newspaper pages with known structure, for testing ingest beyond the seed page.

The vocabulary is deliberately not the seed page's: names, places and sentences are drawn at random, and only the
conventions of a Chinese city daily (masthead, 引题/主题/副题, 记者 bylines, 电头, 下转 markers) are kept, in several
of the forms city dailies print them; and ordinary words that look like markers (加强通讯) open some paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hypothesis import strategies as st

# Common characters that carry none of the marker words (记者, 通讯员, 讯, 报, 版, 期) the page conventions use, nor a
# genre word (社论, 评论) that makes an article a commentary.
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自理起小物现实加量都两体制机当使点从业本去"
    "把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或"
    "但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象革位入常文总次"
    "品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根运农指几九区强放决西被干做必"
    "战先回则任取据处理府研"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
# Kicker (引题) ends ingest knows for a reporting clause, and ends it cannot know (real kickers end in many verbs).
KICKER_ENDS = ("强调", "要求", "部署")
OTHER_KICKER_ENDS = ("调研", "督导", "慰问", "批示", "走访")
# Ordinary words with 讯 in them that open a paragraph without making it a dateline (加强通讯保障，...).
XUN_WORDS = ("通讯", "资讯", "讯息")
# Dateline (电头) forms as printed, and what joins each to the paragraph it opens.
DATELINES = (
    ("株洲日报讯 {m}月{d}日", "，"),
    ("本报讯（记者 {name}）{m}月{d}日", "，"),
    ("新华社长沙{m}月{d}日电（记者 {name}）", ""),
)
WEEKDAYS = "一二三四五六日"


def words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=HAN, min_size=min_size, max_size=max_size)


names = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), words(1, 2))


@st.composite
def sentences(draw: st.DrawFn) -> str:
    clauses = draw(st.lists(words(4, 12), min_size=2, max_size=4))
    return "，".join(clauses) + draw(st.sampled_from("。！？"))


@dataclass
class GenArticle:
    kicker: str | None
    kicker_own_line: bool  # the kicker printed on a line above the headline rather than before it on one line
    headline: str
    subtitle: str | None
    authors: list[tuple[str, str]]
    dateline: str | None  # as printed at the start of the first paragraph
    dateline_date: tuple[int, int] | None
    paragraphs: list[str]
    continued_on: str | None
    breaks: list[int] = field(default_factory=list)  # paragraph indexes printed cut in two

    @property
    def kicker_known(self) -> bool:
        """Whether the page alone shows the kicker: printed on its own line, or ending in a reporting clause.

        A kicker printed before the headline on the same line with any other end cannot be told from the headline
        (ingest knows only its list of reporting-clause ends), so that heading is expected whole, as the headline.
        """
        return self.kicker is None or self.kicker_own_line or self.kicker.endswith(KICKER_ENDS)

    @property
    def expected_kicker(self) -> str | None:
        return self.kicker if self.kicker_known else None

    @property
    def expected_headline(self) -> str:
        return self.headline if self.kicker_known else f"{self.kicker} {self.headline}"

    def lines(self) -> list[str]:
        if self.kicker is None:
            out = [self.headline]
        elif self.kicker_own_line:
            out = [self.kicker, self.headline]
        else:
            out = [f"{self.kicker} {self.headline}"]
        if self.subtitle:
            out.append("——" + self.subtitle)
        reporters = [n for n, r in self.authors if r == "reporter"]
        interns = [n for n, r in self.authors if r == "intern"]
        correspondents = [n for n, r in self.authors if r == "correspondent"]
        out.append(" ".join(["株洲日报记者", *reporters, *(["实习生", *interns] if interns else [])]))
        if correspondents:
            out.append("通讯员/" + "、".join(correspondents))
        for i, text in enumerate(self.paragraphs):
            if i in self.breaks:
                cut = text.index("，") + 2  # mid-clause, after the first comma: a column break
                out.extend([text[:cut], text[cut:]])
            else:
                out.append(text)
        if self.continued_on:
            out.append(f"下转 {self.continued_on} 版①")
        return out


@st.composite
def articles(draw: st.DrawFn) -> GenArticle:
    kicker_end = st.sampled_from(KICKER_ENDS + OTHER_KICKER_ENDS)
    kicker = draw(st.one_of(st.none(), st.builds(lambda w, e: w + e, words(6, 14), kicker_end)))
    people = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    # Split one list of distinct names into reporters, interns and correspondents, so no name has two roles.
    n_reporters = draw(st.integers(1, min(3, len(people))))
    n_interns = draw(st.integers(0, min(2, len(people) - n_reporters)))
    reporters, interns = people[:n_reporters], people[n_reporters : n_reporters + n_interns]
    correspondents = people[n_reporters + n_interns :][:2]
    date = draw(st.one_of(st.none(), st.tuples(st.integers(1, 12), st.integers(1, 28))))
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map("".join), min_size=1, max_size=5))
    dateline = None
    if date is not None:
        form, joiner = draw(st.sampled_from(DATELINES))
        dateline = form.format(m=date[0], d=date[1], name=reporters[0])
        paragraphs[0] = dateline + joiner + paragraphs[0]
    elif draw(st.booleans()):
        paragraphs[0] = draw(words(0, 4)) + draw(st.sampled_from(XUN_WORDS)) + paragraphs[0]
    breaks = draw(st.lists(st.integers(0, len(paragraphs) - 1), unique=True, max_size=2))
    return GenArticle(
        kicker=kicker,
        kicker_own_line=draw(st.booleans()),
        headline=draw(words(6, 16)),
        subtitle=draw(st.one_of(st.none(), words(6, 16))),
        authors=[(n, "reporter") for n in reporters]
        + [(n, "intern") for n in interns]
        + [(n, "correspondent") for n in correspondents],
        dateline=dateline,
        dateline_date=date,
        paragraphs=paragraphs,
        continued_on=draw(st.one_of(st.none(), st.sampled_from(["A2", "A3", "B1"]))),
        breaks=sorted(breaks),
    )


@dataclass
class GenPage:
    issue_number: int
    day: int
    page: str
    articles: list[GenArticle]
    date_style: int  # which of the ways papers print the date (see date_lines)

    @property
    def page_id(self) -> str:
        return f"zzrb-202003{self.day:02d}-{self.page}"

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[date(2020, 3, self.day).weekday()]

    def date_lines(self) -> list[str]:
        """The masthead's date as one of several papers print it: split over lines in either order, or whole."""
        return [
            ["2020年3月", str(self.day)],
            [str(self.day), "2020年3月"],
            [f"3月{self.day}日", "2020年"],
            [f"2020年3月{self.day}日 {self.weekday}"],
        ][self.date_style]

    @property
    def printed_weekday(self) -> str | None:
        """The weekday the masthead prints: only the one-line date carries it."""
        return self.weekday if self.date_style == 3 else None

    def text(self) -> str:
        masthead = [
            "株洲日报",
            "ZHUZHOU DAILY",
            "中共株洲市委主管、主办",
            "国内统一连续出版物号 CN 43—0005",
            self.page,
            "今日城区天气：晴",
            "气温3℃~9℃",
            *self.date_lines(),
            "庚子年二月初九",
            f"第{self.issue_number}期",
            "今日8版",
        ]
        blocks = masthead + [line for a in self.articles for line in a.lines()]
        return "\n\n".join(blocks) + "\n"


pages = st.builds(
    GenPage,
    issue_number=st.integers(20000, 29999),
    day=st.integers(1, 28),
    page=st.sampled_from(["A1", "A3", "B2"]),
    articles=st.lists(articles(), min_size=1, max_size=4),
    date_style=st.integers(0, 3),
)
