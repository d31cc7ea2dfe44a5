"""`zhcorpus stats [--top N] [--json]`: what the released entities layer holds, per label and per article, and
the people and places mentioned most."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from zhcorpus.checkids import BUILD_FRESH
from zhcorpus.cli.options import add_corpus_option, corpus_paths
from zhcorpus.errors import Location, ZhcorpusError
from zhcorpus.io.jsonlines import read_jsonl

LABELS = ("PER", "TITLE", "ORG", "LOC", "DATE")


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("stats", help="counts of the released mentions")
    add_corpus_option(p)
    p.add_argument("--top", type=int, default=5, help="how many people and places to list (default 5)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def entity_stats(rows: list[dict[str, Any]], top: int) -> dict[str, Any]:
    def most(label: str) -> list[dict[str, Any]]:
        counts = Counter(
            (r["normalized"]["name"] or r["text"], r["normalized"].get("code")) for r in rows if r["label"] == label
        )
        return [
            {"name": name, **({"code": code} if label == "LOC" else {}), "mentions": n}
            for (name, code), n in sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))[:top]
        ]

    per_article: dict[str, Counter[str]] = {}
    for r in rows:
        per_article.setdefault(r["article_id"], Counter())[r["label"]] += 1
    return {
        "mentions": len(rows),
        "gold": sum(r["source"] == "gold" for r in rows),
        "by_label": {label: sum(r["label"] == label for r in rows) for label in LABELS},
        "by_article": {a: {label: c[label] for label in LABELS} for a, c in sorted(per_article.items())},
        "people": most("PER"),
        "places": most("LOC"),
    }


def _table(stats: dict[str, Any]) -> str:
    lines = [f"{stats['mentions']} mentions ({stats['gold']} gold)", ""]
    lines.append(f"{'article':<24}" + "".join(f"{label:>7}" for label in LABELS) + f"{'all':>7}")
    for article, counts in stats["by_article"].items():
        lines.append(f"{article:<24}" + "".join(f"{counts[lb]:>7}" for lb in LABELS) + f"{sum(counts.values()):>7}")
    totals = stats["by_label"]
    lines.append(f"{'all':<24}" + "".join(f"{totals[lb]:>7}" for lb in LABELS) + f"{stats['mentions']:>7}")
    lines += ["", "people mentioned most:"]
    lines += [f"  {p['mentions']:>4}  {p['name']}" for p in stats["people"]]
    lines += ["", "places mentioned most:"]
    lines += [f"  {p['mentions']:>4}  {p['name']} {p['code'] or ''}".rstrip() for p in stats["places"]]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    paths = corpus_paths(args)
    path = paths.jsonl("entities")
    if not path.exists():
        raise ZhcorpusError(BUILD_FRESH, Location(paths.shown(path)), "no entities built", "run `zhcorpus build`")
    stats = entity_stats([r.value for r in read_jsonl(path)], args.top)
    print(json.dumps(stats, ensure_ascii=False) if args.json else _table(stats))
    return 0
