"""Fictional papers: masthead, pages an issue, staff, and the lines their pages repeat from issue to issue."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from zhcorpus.ingest.masthead import weekday_of

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力林宇晨浩然思远志国海燕雪梅鹏飞"
WEATHER = ("晴", "多云", "阴", "小雨", "多云转晴", "阴转小雨", "小雪", "雨夹雪")
FIRST_DAY = date(1998, 1, 1)  # the text is People's Daily of January 1998


@dataclass(frozen=True)
class Paper:
    id: str
    name: str  # as printed in the masthead; ingest knows a paper's name by its ending 报
    name_en: str
    city: str
    cn_number: str
    pages: tuple[str, ...]  # in page id order: one digit a section, so A2 sorts before A10 never arises
    first_issue: int
    columns: tuple[str, ...]  # 栏目 labels
    hotline: str  # a boilerplate paragraph the paper prints under many articles, issue after issue

    @property
    def publisher(self) -> str:
        return f"中共{self.city}市委主管、主办"

    @property
    def news_source(self) -> str:
        """The source word of its datelines (临江日报讯)."""
        return f"{self.name}讯"

    def masthead(self, day: date, issue: int, page: str, rng: random.Random) -> list[str]:
        low = rng.randint(-5, 12)
        return [
            self.name,
            self.name_en,
            self.publisher,
            f"国内统一连续出版物号 CN {self.cn_number}",
            page,
            f"今日城区天气：{rng.choice(WEATHER)}",
            f"气温{low}℃~{low + rng.randint(3, 10)}℃",
            f"{day.year}年{day.month}月{day.day}日 {weekday_of(day.isoformat())}",
            f"第{issue}期",
            f"今日{len(self.pages)}版",
        ]


PAPERS: tuple[Paper, ...] = (
    Paper(
        "bhwb",
        "北湖晚报",
        "BEIHU EVENING NEWS",
        "北湖",
        "43—0107",
        ("A1", "A2", "A3", "A4", "A5", "A6"),
        8120,
        ("民生关注", "城事", "社区", "一线传真"),
        "欢迎广大读者提供新闻线索，北湖晚报新闻热线：0731-22881234。",
    ),
    Paper(
        "hxrb",
        "湖西日报",
        "HUXI DAILY",
        "湖西",
        "43—0012",
        ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"),
        15301,
        ("要闻", "经济", "县域经济", "党建园地", "法治"),
        "本报热线：0731-28680000，欢迎提供新闻线索。",
    ),
    Paper(
        "ljrb",
        "临江日报",
        "LINJIANG DAILY",
        "临江",
        "43—0031",
        ("A1", "A2", "A3", "A4"),
        22001,
        ("要闻", "乡村振兴", "文化"),
        "临江日报社新闻热线：0736-7221100，欢迎读者来电反映情况。",
    ),
    Paper(
        "qcrb",
        "青川日报",
        "QINGCHUAN DAILY",
        "青川",
        "51—0058",
        ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"),
        4410,
        ("要闻", "政务", "教育", "健康"),
        "如有新闻线索，请拨打青川日报热线0839-3266000。",
    ),
)


@dataclass(frozen=True)
class Staff:
    reporters: tuple[str, ...]
    correspondents: tuple[str, ...]
    commentators: tuple[str, ...]


@cache
def staff(paper: str) -> Staff:
    """A paper's people, the same whatever the seed: the same reporters sign issue after issue."""
    rng = random.Random(f"staff:{paper}")  # noqa: S311 - reproducible names, not a secret
    names: list[str] = []
    while len(names) < 120:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in names:
            names.append(name)
    return Staff(tuple(names[:40]), tuple(names[40:110]), tuple(names[110:]))
