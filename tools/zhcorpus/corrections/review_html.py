"""The review page: one static, self-contained HTML file of the pending corrections and open flags.

Records arrive by pull request, so every text on the page is escaped; the page has no script, no external resource
and no timestamp, so the same sources always give the same bytes (it can be diffed and attached as an artifact).
"""

from __future__ import annotations

from html import escape

from zhcorpus.corrections.pending import ArticleItems, Item
from zhcorpus.records import Correction, Flag

NEWLINE_SHOWN = "⏎"  # a line break being removed or kept must be visible, as in the terminal review

# Backgrounds are exact colours so that a screenshot test can find them; meaning is also carried by strike-through,
# underline and the labels, not by colour alone.
DEL_BACKGROUND = "#ffc0c0"
INS_BACKGROUND = "#a8f0b8"
MARK_BACKGROUND = "#ffe680"

STYLE = f"""
*{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0 auto;padding:0.75rem;max-width:46rem;font:16px/1.7 system-ui,-apple-system,"Noto Sans CJK SC",
"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#fff;overflow-wrap:anywhere}}
h1{{font-size:1.3rem;margin:0.25rem 0 0.5rem}}
h2{{font-size:1.15rem;margin:1.75rem 0 0.25rem;border-bottom:2px solid #444}}
h3{{font-size:0.95rem;margin:0;font-family:ui-monospace,monospace;font-weight:600}}
.id{{font-family:ui-monospace,monospace;font-size:0.8rem;color:#555;margin:0 0 0.5rem}}
.record{{border:1px solid #bbb;border-left:6px solid #777;border-radius:4px;padding:0.6rem;margin:0.75rem 0}}
.record.correction{{border-left-color:#b00020}}
.record.flag{{border-left-color:#9a7500}}
.context{{margin:0.4rem 0;padding:0.4rem 0.5rem;background:#f6f6f6}}
del{{background:{DEL_BACKGROUND};color:#6b0010;text-decoration:line-through 2px}}
ins{{background:{INS_BACKGROUND};color:#00461a;text-decoration:underline 2px}}
mark{{background:{MARK_BACKGROUND};color:#1a1a1a;text-decoration:underline wavy #9a7500}}
del::before,ins::before{{font-size:0.7em;font-weight:700;text-decoration:none;display:inline-block;margin-right:1px}}
del::before{{content:"−"}}
ins::before{{content:"+"}}
dl{{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0.1rem 0.6rem;margin:0.4rem 0;font-size:0.9rem}}
dt{{color:#555}}
dd{{margin:0}}
code{{font-family:ui-monospace,monospace;font-size:0.85rem}}
.command{{display:block;margin-top:0.25rem;padding:0.3rem 0.4rem;background:#222;color:#fff;border-radius:3px;
user-select:all;-webkit-user-select:all;white-space:pre-wrap}}
.empty{{color:#555;font-style:italic}}
.warning{{margin:0.4rem 0;padding:0.3rem 0.5rem;border:2px solid #b00020;font-weight:600}}
nav ol{{padding-left:1.4rem;margin:0.25rem 0}}
nav a{{color:#0645ad}}
""".strip()


def _text(value: str) -> str:
    return escape(value.replace("\n", NEWLINE_SHOWN), quote=True)


def _paragraph(value: str, start: int, end: int) -> tuple[int, int]:
    """The printed paragraph (one line of the field) around a span; a span over a line break joins both lines."""
    first = value.rfind("\n", 0, start) + 1
    last = value.find("\n", end)
    return first, len(value) if last == -1 else last


def _change(before: str, after: str) -> str:
    """``<del>`` then ``<ins>``; an empty side is left out rather than drawn as an invisible element."""
    shown = f"<del>{_text(before)}</del>" if before else ""
    return shown + (f"<ins>{_text(after)}</ins>" if after else "")


def _in_context(item: Item, middle: str) -> str:
    value, record = item.value, item.record
    first, last = _paragraph(value, record.start, record.end)
    before, after = value[first : record.start], value[record.end : last]
    return f'<p class="context" lang="zh">{_text(before)}{middle}{_text(after)}</p>'


def _side(value: str, tag: str) -> str:
    return f"<{tag}>{_text(value)}</{tag}>" if value else '<span class="empty">(nothing)</span>'


def _command(*words: str) -> str:
    return f'<code class="command">{escape(" ".join(words), quote=True)}</code>'


def _correction(item: Item, c: Correction) -> str:
    rows = [
        ("before", _side(c.before, "del")),
        ("after", _side(c.after, "ins")),
        ("field", escape(c.field)),
        ("kind", escape(c.kind)),
        ("method", f"<code>{escape(c.method)}</code>"),
        ("confidence", escape(f"{c.confidence:g}")),
        ("status", escape(c.status)),
        ("reason", _text(c.reason)),
        ("evidence", _text(c.evidence) if c.evidence else '<span class="empty">none given</span>'),
    ]
    decide = _command("zhcorpus accept", c.id) + _command("zhcorpus reject", c.id) if item.pending else ""
    # The context strikes out what is printed at the span, as the terminal does: a record from a pull request whose
    # `before` is not the printed text must not look right on the page.
    printed = item.value[c.start : c.end]
    mismatch = (
        f'<p class="warning">The printed text at {c.start}–{c.end} is “{_text(printed)}”, not the record’s before: '
        "<code>zhcorpus validate</code> refuses this record.</p>"
        if printed != c.before
        else ""
    )
    return (
        f'<section class="record correction" id="{escape(c.id, quote=True)}">'
        f"<h3>correction {escape(c.id)}</h3>{mismatch}"
        f"{_in_context(item, _change(printed, c.after))}"
        f"{_rows(rows)}{decide}</section>"
    )


def _flag(item: Item, f: Flag) -> str:
    rows = [
        ("flagged", f"<mark>{_text(f.text)}</mark>"),
        ("field", escape(f.field)),
        ("kind", escape(f.kind)),
        ("method", f"<code>{escape(f.method)}</code>"),
        ("status", escape(f.status)),
        ("note", _text(f.note)),
    ]
    decide = _command("zhcorpus resolve", f.id, "--reason", "'…'") if item.pending else ""
    marked = f"<mark>{_text(item.value[f.start : f.end])}</mark>"
    return (
        f'<section class="record flag" id="{escape(f.id, quote=True)}">'
        f"<h3>flag {escape(f.id)}</h3>{_in_context(item, marked)}{_rows(rows)}{decide}</section>"
    )


def _rows(rows: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>"


def _record(item: Item) -> str:
    return _correction(item, item.record) if isinstance(item.record, Correction) else _flag(item, item.record)


def _index_entry(item: Item) -> str:
    """One line of the index: the change itself, so the first screen of a phone already shows what is proposed."""
    r = item.record
    printed = item.value[r.start : r.end]
    what = _change(printed, r.after) if isinstance(r, Correction) else f"<mark>{_text(printed)}</mark>"
    return f'<li><a href="#{escape(r.id, quote=True)}">{escape(r.id)}</a> {escape(r.status)} {what}</li>'


def render(title: str, articles: list[ArticleItems]) -> bytes:
    """The whole page as UTF-8 bytes."""
    items = [item for a in articles for item in a.items]
    corrections = sum(isinstance(i.record, Correction) for i in items)
    summary = f"{corrections} correction(s) and {len(items) - corrections} flag(s) to review"
    body = [f"<h1>{escape(title)}</h1><p>{escape(summary)}</p>"]
    if items:
        body.append("<nav><ol>" + "".join(_index_entry(i) for i in items) + "</ol></nav>")
    else:
        body.append('<p class="empty">Nothing to review.</p>')
    for a in articles:
        headline = a.article.fields.get("headline") or "(no headline)"
        body.append(
            f'<article id="{escape(a.article.id, quote=True)}"><h2 lang="zh">{_text(headline)}</h2>'
            f'<p class="id">{escape(a.article.id)}</p>{"".join(_record(i) for i in a.items)}</article>'
        )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
