"""Masthead, bylines, datelines and continuation markers as other city dailies print them."""

from __future__ import annotations

import pytest

from zhcorpus.detect.column_breaks import ends_sentence
from zhcorpus.ingest.bylines import names_only, parse_byline
from zhcorpus.ingest.continuation import Continuation, parse_continuation
from zhcorpus.ingest.datelines import event_date, find_dateline
from zhcorpus.ingest.heuristics import classify, split_kicker
from zhcorpus.ingest.masthead import masthead_field, parse_masthead, weekday_of
from zhcorpus.records import Author, MastheadLine


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("本报记者 张三 李四", [("张三", "reporter"), ("李四", "reporter")]),
        ("新华社记者 王五", [("王五", "reporter")]),
        ("通讯员 赵六、钱七", [("赵六", "correspondent"), ("钱七", "correspondent")]),
        ("长沙晚报记者 孙八 通讯员 周九", [("孙八", "reporter"), ("周九", "correspondent")]),
        ("朱理平", [("朱理平", "author")]),
        # Our page's own bylines keep their readings.
        ("株洲日报记者 邹家虎", [("邹家虎", "reporter")]),
        ("通讯员/王益恒", [("王益恒", "correspondent")]),
        (
            "株洲日报记者 李支国 尹二荣 沈全华 邹怡敏",
            [("李支国", "reporter"), ("尹二荣", "reporter"), ("沈全华", "reporter"), ("邹怡敏", "reporter")],
        ),
        # Interns, writers and photographers as city dailies credit them.
        ("本报记者 张三 实习生 李四", [("张三", "reporter"), ("李四", "intern")]),
        ("潇湘晨报记者 王五 实习生 赵六 钱七", [("王五", "reporter"), ("赵六", "intern"), ("钱七", "intern")]),
        ("本报实习生李四", [("李四", "intern")]),
        ("文/图 张三", [("张三", "author"), ("张三", "photographer")]),
        (
            "文／图 张三 李四",
            [("张三", "author"), ("张三", "photographer"), ("李四", "author"), ("李四", "photographer")],
        ),
        ("文 张三 图 李四", [("张三", "author"), ("李四", "photographer")]),
        ("张三/文 李四/图", [("张三", "author"), ("李四", "photographer")]),
        ("文：周九", [("周九", "author")]),
        ("图/吴十", [("吴十", "photographer")]),
        ("摄影：孙八", [("孙八", "photographer")]),
        ("本报摄影记者 郑一", [("郑一", "photographer")]),
        # A trailing 摄 makes the names before it (since the last role word) the photographers.
        ("记者张三 摄", [("张三", "photographer")]),
        ("株洲日报记者 王五 李四 摄", [("王五", "photographer"), ("李四", "photographer")]),
        ("通讯员 赵六 摄", [("赵六", "photographer")]),
        ("长沙晚报记者 孙八 通讯员 周九 摄", [("孙八", "reporter"), ("周九", "photographer")]),
    ],
)
def test_bylines(line: str, authors: list[tuple[str, str]]) -> None:
    assert parse_byline(line) == [Author(n, r) for n, r in authors]  # type: ignore[arg-type]


def test_names_only_is_not_fooled_by_a_sentence() -> None:
    assert names_only("李支国 尹二荣")
    assert not names_only("市政协副主席余明刚参加督导")


@pytest.mark.parametrize(
    ("paragraph", "dateline", "iso"),
    [
        ("株洲日报讯 1月30日，市委组织部", "株洲日报讯 1月30日", "2020-01-30"),
        ("本报讯（记者 张三）12月31日，全市", "本报讯（记者 张三）12月31日", "2019-12-31"),
        ("湘潭日报讯 2019年11月2日上午，", "湘潭日报讯 2019年11月2日", "2019-11-02"),
        ("株洲日报讯 近日，市委", "株洲日报讯", None),
        ("伴随庚子鼠年到来，一个新型肺炎", None, None),
        ("株洲日报讯 1月31日下午，全市疫情防控工作专家会商会召开", "株洲日报讯 1月31日", "2020-01-31"),
        ("株洲日报讯1月31日，", "株洲日报讯1月31日", "2020-01-31"),
        ("本报讯（记者 张三 通讯员 李四）1月29日，", "本报讯（记者 张三 通讯员 李四）1月29日", "2020-01-29"),
        ("本报讯 (记者 王五) 1月28日上午，", "本报讯 (记者 王五) 1月28日", "2020-01-28"),
        ("长沙晚报讯（记者 赵六）近日，", "长沙晚报讯（记者 赵六）", None),
        ("潇湘晨报讯 2020年1月31日，", "潇湘晨报讯 2020年1月31日", "2020-01-31"),
        ("湖南广播电视台讯 1月27日，", "湖南广播电视台讯 1月27日", "2020-01-27"),
        ("红网讯（通讯员 钱七）1月31日，", "红网讯（通讯员 钱七）1月31日", "2020-01-31"),
        ("中国新闻社讯 据报道，", "中国新闻社讯", None),
        ("本刊讯 为做好疫情防控，", "本刊讯", None),
        # The agency form: source, place, date and 电, with or without the reporters in brackets.
        ("新华社北京1月31日电 国务院联防联控机制", "新华社北京1月31日电", "2020-01-31"),
        ("新华社长沙1月31日电（记者 张三）湖南省", "新华社长沙1月31日电（记者 张三）", "2020-01-31"),
        ("本报北京12月31日电（记者 李四 王五）", "本报北京12月31日电（记者 李四 王五）", "2019-12-31"),
        ("中新社武汉2020年1月30日电 记者", "中新社武汉2020年1月30日电", "2020-01-30"),
        # Ordinary words with 讯 in them, or a source name running on into a word, open no dateline.
        ("加强通讯保障，确保疫情防控指令畅通", None, None),
        ("市委书记在视频通讯会上强调，", None, None),
        ("资讯平台1月30日上线，", None, None),
        ("讯息发布要及时准确，", None, None),
        ("互联网讯息纷繁复杂，", None, None),
        ("会上通报讯息，", None, None),
        ("合作社1月31日电费已缴清，", None, None),
    ],
)
def test_datelines(paragraph: str, dateline: str | None, iso: str | None) -> None:
    assert find_dateline(paragraph) == dateline
    assert event_date(dateline, "2020-02-01") == iso


@pytest.mark.parametrize(
    ("lines", "iso", "weekday"),
    [
        (["2020年2月", "1", "星期六"], "2020-02-01", "星期六"),
        (["1", "2020年2月"], "2020-02-01", None),
        (["2月1日", "2020年"], "2020-02-01", None),
        (["2020年", "2月", "1日"], "2020-02-01", None),
        (["2020年2月1日 星期六"], "2020-02-01", "星期六"),
        (["2020年2月1日星期六"], "2020-02-01", "星期六"),
        (["2020年2月1日 周六"], "2020-02-01", "周六"),
        (["2020年2月"], None, None),
        (["2020年2月30日"], None, None),
    ],
)
def test_masthead_date_in_any_order(lines: list[str], iso: str | None, weekday: str | None) -> None:
    printed = ["株洲日报", "A1", *lines]
    fields = [masthead_field(t, is_first=i == 0) for i, t in enumerate(printed)]
    assert fields[2:] == ["weekday" if t == "星期六" else "date" for t in lines]
    head = parse_masthead([MastheadLine(i, f or "", t) for i, (f, t) in enumerate(zip(fields, printed, strict=True))])
    assert (head.date, head.weekday) == (iso, weekday)


@pytest.mark.parametrize(
    ("marker", "parsed"),
    [
        ("下转 A2 版①", Continuation("on", "A2")),
        ("（下转第3版）", Continuation("on", "3")),
        ("上接A1版", Continuation("from", "A1")),
        ("下转发展大局", None),
    ],
)
def test_continuation_markers(marker: str, parsed: Continuation | None) -> None:
    assert parse_continuation(marker) == parsed


def test_masthead_of_another_paper() -> None:
    lines = [
        "湘潭日报",
        "XIANGTAN DAILY",
        "中共湘潭市委机关报",
        "国内统一连续出版物号 CN 43-0020",
        "第3版",
        "2019年11月2日",
        "星期六",
        "己亥年十月初六",
        "第12001期",
        "今日12版",
        "天气：晴 气温：8℃-18℃",
    ]
    fields = [masthead_field(t, is_first=i == 0) for i, t in enumerate(lines)]
    assert fields == [
        "newspaper",
        "newspaper_en",
        "publisher",
        "cn_number",
        "page",
        "date",
        "weekday",
        "lunar_date",
        "issue_number",
        "page_count",
        "weather",
    ]
    head = parse_masthead([MastheadLine(i, f or "", t) for i, (f, t) in enumerate(zip(fields, lines, strict=True))])
    assert (head.date, head.page, head.issue_number, head.page_count) == ("2019-11-02", "3", 12001, 12)
    assert weekday_of("2019-11-02") == "星期六"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("——坚决打赢疫情防控阻击战系列评论之四", "subtitle"),
        ("株洲日报记者 胡文洁", "byline"),
        ("下转 A2 版①", "continuation"),
        ("党旗在群众最需要的地方飘扬", "heading"),
        ("市政协副主席余明刚参加督导。", "body"),
        ("株洲日报讯 1月31日，市政协主席蔡溪赴云龙示范区基层社区", "dateline"),
        # A dateline that brackets its reporters is still a dateline, not a byline.
        ("本报讯（记者 张三）1月31日，全市疫情防控工作专家会商会召开", "dateline"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    assert classify(line) == kind


def test_kicker_split_only_for_a_reporting_clause() -> None:
    assert [p.role for p in split_kicker("蔡溪赴云龙示范区督导疫情防控工作 更加细致落实疫情防控各项措施")] == [
        "kicker",
        "headline",
    ]
    assert [p.role for p in split_kicker("战“疫”的堡垒 防控的屏障")] == ["headline"]


@pytest.mark.parametrize(
    ("block", "ends"),
    [
        ("院感科", False),
        ("利用网格化管理优势，", False),
        ("参加。", True),
        ("“守护神”。", True),
        ("战必胜！”", True),
        ("倾斜；", True),
    ],
)
def test_sentence_ends(block: str, ends: bool) -> None:
    assert ends_sentence(block) is ends


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("中国共产党株洲市委员会机关报", "publisher"),
        ("中共株洲市委宣传部主管", "publisher"),
        ("株洲日报社出版发行", "publisher"),
        ("主管主办：中共株洲市委", "publisher"),
        ("主办：株洲日报社", "publisher"),
        ("天气 晴 8~18℃", "weather"),
        ("今日天气 晴转多云", "weather"),
        ("晴转多云 8~18℃", "temperature"),
        ("多云转晴 气温8~18℃", "temperature"),
        ("8℃/18℃", "temperature"),
        ("气温：8℃~18℃ 东南风2级", "temperature"),
        ("最低气温8℃ 最高气温18℃", "temperature"),
        ("庚子年 正月初八", "lunar_date"),
        ("庚子年（鼠年）正月初八", "lunar_date"),
        ("农历庚子年正月初八", "lunar_date"),
        ("农历正月初八", "lunar_date"),
    ],
)
def test_masthead_lines_as_city_dailies_print_them(line: str, field: str) -> None:
    # Each of these shapes is printed in the mastheads of Chinese city dailies; one not known stops the masthead
    # there and the lines after it are read as the first article.
    assert masthead_field(line, is_first=False) == field


def test_temperature_bounds_of_a_slashed_range() -> None:
    head = parse_masthead([MastheadLine(0, "temperature", "8℃/18℃")])
    assert (head.temperature_min_c, head.temperature_max_c) == (8, 18)


@pytest.mark.parametrize(
    "headline",
    [
        "寒潮来袭天气骤变",
        "气温骤降至-5℃",
        "今日最高气温达38℃",
        "国家出版基金项目启动",
        "庚子年春节前夕",
        "一一一一天气强调",
        "公司换了新主管",
        "全市迎来好天气",
        "大雨过后天气转晴",
        "市委主办专题培训",
        "主办方：市文联",
    ],
)
def test_a_headline_under_the_masthead_is_no_masthead_line(headline: str) -> None:
    # A masthead line is known by its whole shape: a headline that speaks of the weather, a temperature, a
    # publisher or a year is not swallowed into the masthead.
    assert masthead_field(headline, is_first=False) is None
