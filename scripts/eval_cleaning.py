"""Score the cleaner: on labelled {raw, clean[, outlet]} pairs, or on the real development set.

python scripts/eval_cleaning.py tests/cases/eval.jsonl      # pairs: multiset word scores
python scripts/eval_cleaning.py --devset [tests/devset]     # span-labelled real articles
python scripts/eval_cleaning.py --heldout [tests/devset]    # the held-out set alone

--devset scores the development set (every tests/devset/*.jsonl but heldout.jsonl: what the
rules were tuned on); --heldout scores heldout.jsonl alone (other repositories, labelled blind),
the honest figure. Texts are read from tests/devset/cache (run `python scripts/devset.py rebuild`
first). Each article goes through the public `venezuela_corpus.clean_text(text)` with no
outlet; the report gives boilerplate recall per family and per text form, the share of content
words lost, the share of words removed from already-clean articles, and the worst articles.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import venezuela_corpus
from venezuela_corpus.evaluation import Span, evaluate, score_article, summarise

DEVSET = Path(__file__).resolve().parent.parent / "tests" / "devset"
HELDOUT = "heldout.jsonl"  # the held-out set's pointer file (scripts/devset.py)


def pairs_report(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh if line.strip()]
    s = evaluate(pairs)
    return {
        "articles": s.articles,
        "boilerplate_words": s.boilerplate_words,
        "boilerplate_recall": round(s.boilerplate_recall, 4),
        "content_precision": round(s.content_precision, 4),
        "content_words_lost": s.content_lost,
    }


def devset_report(devset: Path, worst: int, heldout: bool = False) -> dict[str, Any]:
    files = [p for p in sorted(devset.glob("*.jsonl")) if (p.name == HELDOUT) == heldout]
    if not files:
        raise SystemExit(f"error: no {HELDOUT if heldout else '*.jsonl'} pointer file in {devset}")
    records = [json.loads(line) for p in files for line in p.open(encoding="utf-8") if line.strip()]
    cache = devset / "cache"
    missing = [r["id"] for r in records if not (cache / f"{r['id']}.txt").exists()]
    if missing:
        raise SystemExit(
            f"error: {len(missing)} texts missing from {cache} (e.g. {missing[0]}); run scripts/devset.py rebuild"
        )
    scores = []
    for rec in records:
        text = (cache / f"{rec['id']}.txt").read_bytes().decode("utf-8")
        spans = [Span(s["start"], s["end"], s["family"]) for s in rec["spans"]]
        clean = venezuela_corpus.clean_text(text).text
        scores.append(
            score_article(
                text, spans, clean, article_id=rec["id"], split=rec["split"], form=rec["form"], outlet=rec["outlet"]
            )
        )
    return summarise(scores, worst=worst)


def _pct(share: float | None) -> str:
    return "   -  " if share is None else f"{100 * share:6.2f}%"


def print_devset(r: dict[str, Any], title: str | None = None) -> None:
    bp, lost, clean = r["boilerplate_recall"], r["content_lost"], r["clean_removed"]
    if title:
        print(title)
    print(f"articles: {r['articles']['dev']} dev ({r['outlets']} outlets), {r['articles']['clean']} clean")
    print(f"boilerplate recall  {_pct(bp['recall'])}  ({bp['removed']}/{bp['tokens']} words removed)")
    print(f"content words lost  {_pct(lost['share'])}  ({lost['lost']}/{lost['tokens']})")
    print(f"clean-set removed   {_pct(clean['share'])}  ({clean['removed']}/{clean['tokens']})")
    print("\nrecall by family:")
    for family, v in r["recall_by_family"].items():
        print(f"  {family:<15} {_pct(v['recall'])}  ({v['removed']}/{v['tokens']})")
    print("\nby form:            articles   recall   content lost")
    for form, v in r["by_form"].items():
        recall, lost_share = _pct(v["boilerplate"]["recall"]), _pct(v["content_lost"]["share"])
        print(f"  {form:<17} {v['articles']:>6}   {recall}   {lost_share} ({v['content_lost']['lost']})")
    print("\nby outlet:          articles   recall   content lost")
    for outlet, v in r["by_outlet"].items():
        recall, lost_share = _pct(v["boilerplate"]["recall"]), _pct(v["content_lost"]["share"])
        print(f"  {outlet:<17} {v['articles']:>6}   {recall}   {lost_share} ({v['content_lost']['lost']})")
    print("\nworst articles (content words lost, boilerplate words left):")
    for w in r["worst"]:
        print(f"  {w['id']:<18} {w['form']:<17} lost {w['lost']:>4}  left {w['left']:>4}")
        if w["lost_words"]:
            print(f"      lost: {w['lost_words']}")
        if w["left_words"]:
            print(f"      left: {w['left_words']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jsonl", type=Path, nargs="?", help="a JSONL file of {raw, clean[, outlet]} pairs")
    parser.add_argument("--devset", type=Path, nargs="?", const=DEVSET, help="score the real development set")
    parser.add_argument("--heldout", type=Path, nargs="?", const=DEVSET, help="score the held-out set alone")
    parser.add_argument("--worst", type=int, default=10, help="how many worst articles to list")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if args.heldout is not None and args.devset is not None:
        parser.error("--devset and --heldout are two reports: ask for one")
    if args.jsonl is None and args.devset is None and args.heldout is None:
        args.devset = DEVSET
    if args.jsonl is not None:
        result = pairs_report(args.jsonl)
        if not args.json:
            for key, value in result.items():
                print(f"{key:>20}: {value}")
    else:
        heldout = args.heldout is not None
        result = devset_report(args.heldout if heldout else args.devset, args.worst, heldout=heldout)
        if not args.json:
            title = f"held-out set ({HELDOUT}: repositories the development set does not use)"
            print_devset(result, title if heldout else None)
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
