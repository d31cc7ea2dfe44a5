"""The glyph-similarity table (resources/glyphs.tsv): its loader, its shape, and its regeneration from the fonts.

Symmetric in the sense the loader documents: a score is the same both ways, and when b is among a's neighbours with
score s and a may be a neighbour at all (it is one somewhere in the table: neighbours come from the common set),
then a is among b's neighbours with score s, or b's list is full (K entries) of neighbours scoring at least s.
"""

from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path

import pytest

from zhcorpus.errors import ZhcorpusError
from zhcorpus.resources.glyphs import load_table, neighbours, parse_table

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "glyphs"
K = 30  # make_glyphs.K, written here so the test does not need Pillow to import the script
SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
LATIN = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NO_PILLOW = importlib.util.find_spec("PIL") is None

# Pairs anyone can see are look-alikes (a stroke longer or shorter, closed or open, one radical for another).
LOOK_ALIKES = [("己", "已"), ("已", "己"), ("未", "末"), ("末", "未"), ("慢", "馒"), ("馒", "慢"), ("土", "士")]
LOOK_ALIKES += [("人", "入"), ("戊", "戌"), ("侯", "候"), ("拨", "拔")]


def _shipped() -> str:
    return files("zhcorpus.resources").joinpath("glyphs.tsv").read_text(encoding="utf-8")


def test_table_loads_once_and_answers_by_character() -> None:
    table = load_table()
    assert len(table) > 12_000
    assert all(len(near) <= K for near in table.values())
    assert load_table() is table
    assert neighbours("未")[0][0] == "末" and 0.9 < neighbours("未")[0][1] <= 1.0
    assert neighbours("a") == ()
    assert neighbours("溁") == ()  # in neither GB2312 nor jieba's words: no line


@pytest.mark.parametrize(("char", "other"), LOOK_ALIKES)
def test_look_alikes_are_neighbours(char: str, other: str) -> None:
    assert other in [near for near, _ in neighbours(char)[:5]]


def test_no_character_is_its_own_neighbour() -> None:
    assert all(char not in {near for near, _ in listed} for char, listed in load_table().items())


def test_symmetric_within_the_cut_at_k() -> None:
    table = load_table()
    eligible = {near for listed in table.values() for near, _ in listed}
    scores = {(char, near): score for char, listed in table.items() for near, score in listed}
    for (char, near), score in scores.items():
        if char not in eligible:
            continue
        back = scores.get((near, char))
        if back is None:
            assert len(table[near]) == K and min(s for _, s in table[near]) >= score, (char, near)
        else:
            assert back == score, (char, near)


def test_file_is_sorted_and_formatted() -> None:
    lines = _shipped().splitlines()
    assert lines[0].startswith("# glyphs.tsv: ") and "Noto Serif CJK SC" in lines[0]
    body = lines[1:]
    assert not any(line.startswith("#") for line in body)
    chars = [line.split("\t")[0] for line in body]
    assert chars == sorted(chars)
    for line in body:
        cells = line.split("\t")[1].split(" ")
        assert all(len(cell.split(":")[1]) == 5 for cell in cells), line  # 0.ddd
        order = [(-float(score), near) for near, score in (cell.split(":") for cell in cells)]
        assert order == sorted(order), line


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.tsv")))
def test_bad_table_is_refused_with_its_line(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    with pytest.raises(ZhcorpusError) as caught:
        parse_table(text, name)
    assert caught.value.code == "glyphs.table"
    assert caught.value.location.path == name
    assert caught.value.location.line is not None and caught.value.location.line >= 2


@pytest.mark.skipif(NO_PILLOW, reason="Pillow (the dev extra) draws the glyphs")
@pytest.mark.parametrize("font", [FIXTURES / "not_a_font.ttf", FIXTURES / "absent.ttc"])
def test_regeneration_refuses_a_bad_font_and_writes_nothing(
    font: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zhcorpus.resources import make_glyphs

    output = tmp_path / "glyphs.tsv"
    assert make_glyphs.main(["--font", str(font), "--output", str(output)]) == 1
    assert f"{font}: [glyphs.font]" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(NO_PILLOW or not LATIN.exists(), reason=f"needs Pillow and a Latin font ({LATIN})")
def test_regeneration_refuses_a_font_without_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from zhcorpus.resources import make_glyphs

    assert make_glyphs.main(["--font", str(LATIN), "--output", str(tmp_path / "glyphs.tsv")]) == 1
    assert "not a simplified-Chinese font" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    NO_PILLOW or not (SERIF.exists() and SANS.exists()),
    reason=f"the fonts are absent ({SERIF}, {SANS}: apt-get install fonts-noto-cjk fonts-noto-cjk-extra); "
    "CI does not install them",
)
def test_regeneration_reproduces_the_shipped_table(tmp_path: Path) -> None:
    from zhcorpus.resources import make_glyphs

    output = tmp_path / "glyphs.tsv"
    assert make_glyphs.main(["--font", str(SERIF), "--font", str(SANS), "--output", str(output)]) == 0
    assert output.read_bytes() == _shipped().encode("utf-8")


def test_recall_counts_substitutions_between_ideographs_of_same_length_lines() -> None:
    from zhcorpus.evaluate.glyph_recall import measure
    from zhcorpus.evaluate.pairs import parse_pairs

    # 末/未 and 士/土 are look-alikes; 1/l is no ideograph; the last pair differs in length (no position pairs up).
    text = "末来\t未来\n战士地\t战土地\nA1\tAl\n已经\t自己经\n"
    result = measure(parse_pairs(text, "pairs.tsv"))
    assert result.substitutions == 2
    assert result.top == {5: 1.0, 12: 1.0}
    assert result.union == 1.0


def test_recall_refuses_pairs_without_a_substitution() -> None:
    from zhcorpus.evaluate.glyph_recall import measure
    from zhcorpus.evaluate.pairs import parse_pairs

    with pytest.raises(ZhcorpusError) as caught:
        measure(parse_pairs("A1\tAl\n", "pairs.tsv"))
    assert caught.value.code == "glyphs.measure" and caught.value.location.path == "pairs.tsv"
