"""Score the cleaner: on labelled {raw, clean[, outlet]} pairs, or on the real development set.

python scripts/eval_cleaning.py tests/cases/eval.jsonl      # pairs: multiset word scores
python scripts/eval_cleaning.py --devset [tests/devset]     # span-labelled real articles
python scripts/eval_cleaning.py --heldout [tests/devset]    # the held-out set alone
python scripts/eval_cleaning.py --heldout2 [tests/devset]   # the second held-out set alone
python scripts/eval_cleaning.py --heldout2 --markers        # ... and the labelled markers left
python scripts/eval_cleaning.py --heldout3 [tests/devset]   # the third held-out set alone

--devset scores the development set (every tests/devset/*.jsonl but the held-out files: what the
rules were tuned on); --heldout scores heldout.jsonl alone, --heldout2 heldout2.jsonl and
--heldout3 heldout3.jsonl (other repositories, labelled blind), the honest figures. Texts are
read from tests/devset/cache (run `python scripts/devset.py rebuild` first). Each article goes
through the public `venezuela_corpus.clean_text(text)` with no outlet; the report gives
boilerplate recall per family and per text form, the share of content words lost, the share of
words removed from already-clean articles, and the worst articles. --markers adds how many
boilerplate markers (the label words of the labelled spans: `Baca juga`, `ADVERTISEMENT`,
`Editor:`, ...) survive.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import venezuela_corpus
from venezuela_corpus.evaluation import Span, _segment, evaluate, score_article, summarise, surviving, tokens

DEVSET = Path(__file__).resolve().parent.parent / "tests" / "devset"
HELDOUT = "heldout.jsonl"  # the held-out sets' pointer files (scripts/devset.py)
HELDOUT2 = "heldout2.jsonl"
HELDOUT3 = "heldout3.jsonl"
HELDOUT_FILES = {"heldout": HELDOUT, "heldout2": HELDOUT2, "heldout3": HELDOUT3}
TITLES = {
    "heldout": f"held-out set ({HELDOUT}: repositories the development set does not use)",
    "heldout2": f"second held-out set ({HELDOUT2}: repositories no other set uses)",
    "heldout3": f"third held-out set ({HELDOUT3}: repositories no other set uses)",
}
# The label words that mark a boilerplate element; a marker counts where a labelled span holds it.
MARKERS = {
    "Baca juga": r"\bbaca\s*juga\b",
    "Baca:": r"\bbaca\s*:",
    "Lihat juga": r"\blihat\s*juga\b",
    "Simak": r"\bsimak\b",
    "ADVERTISEMENT": r"\badvertisement\b",
    "SCROLL TO CONTINUE": r"\bscroll\s+to\s+(?:continue|resume)\b",
    "Google News": r"\bgoogle\s+news\b",
    "Halaman": r"\bhalaman\b",
    "selengkapnya": r"\bselengkapnya\b",
    "Foto:": r"\bfoto\s*:",
    "Editor:": r"\beditor\s*:",
    "Penulis:": r"\bpenulis\s*:",
    "Sumber:": r"\bsumber\s*:",
    "Laporan Wartawan": r"\blaporan\s+wartawan\b",
    "Artikel ini telah tayang": r"\bartikel\s+ini\s+telah\s+(?:tayang|ditayangkan)\b",
    "Gambas": r"\bgambas\b",
    "pic.twitter.com": r"\bpic\.twitter\.com\b",
    "googletag": r"\bgoogletag\b",
}
_MARKER = re.compile("|".join(f"(?P<m{k}>{rx})" for k, rx in enumerate(MARKERS.values())), re.IGNORECASE)


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


def markers_left(text: str, spans: list[Span], clean: str) -> Counter[tuple[str, bool]]:
    """Each marker in a labelled span, as ``(marker, left)``: left if any of its words survives."""
    ordered = sorted(spans)
    raw = tokens(text, [p for s in ordered for p in (s.start, s.end)])
    vocabulary = {text[s:e] for s, e in raw}
    clean_tokens = [piece for s, e in tokens(clean) for piece in _segment(clean[s:e], vocabulary)]
    kept = surviving([text[s:e] for s, e in raw], clean_tokens)
    names = list(MARKERS)
    out: Counter[tuple[str, bool]] = Counter()
    for span in ordered:
        for match in _MARKER.finditer(text, span.start, span.end):
            name = names[int(next(k for k, v in match.groupdict().items() if v is not None)[1:])]
            left = any(k for (s, _), k in zip(raw, kept, strict=True) if match.start() <= s < match.end())
            out[(name, left)] += 1
    return out


def devset_report(devset: Path, worst: int, which: str = "dev", markers: bool = False) -> dict[str, Any]:
    names = set(HELDOUT_FILES.values())
    wanted = HELDOUT_FILES.get(which)
    files = [p for p in sorted(devset.glob("*.jsonl")) if (p.name == wanted if wanted else p.name not in names)]
    if not files:
        raise SystemExit(f"error: no {wanted or '*.jsonl'} pointer file in {devset}")
    records = [json.loads(line) for p in files for line in p.open(encoding="utf-8") if line.strip()]
    cache = devset / "cache"
    missing = [r["id"] for r in records if not (cache / f"{r['id']}.txt").exists()]
    if missing:
        raise SystemExit(
            f"error: {len(missing)} texts missing from {cache} (e.g. {missing[0]}); run scripts/devset.py rebuild"
        )
    scores = []
    found: Counter[tuple[str, bool]] = Counter()
    for rec in records:
        text = (cache / f"{rec['id']}.txt").read_bytes().decode("utf-8")
        spans = [Span(s["start"], s["end"], s["family"]) for s in rec["spans"]]
        clean = venezuela_corpus.clean_text(text).text
        scores.append(
            score_article(
                text, spans, clean, article_id=rec["id"], split=rec["split"], form=rec["form"], outlet=rec["outlet"]
            )
        )
        if markers:
            found += markers_left(text, spans, clean)
    report = summarise(scores, worst=worst)
    if markers:
        total, left = sum(found.values()), sum(n for (_, k), n in found.items() if k)
        report["markers"] = {
            "markers": total,
            "left": left,
            "share": round(left / total, 4) if total else None,
            "by_marker": {
                name: {"markers": found[(name, True)] + found[(name, False)], "left": found[(name, True)]}
                for name in MARKERS
                if found[(name, True)] + found[(name, False)]
            },
        }
    return report


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
    if "markers" in r:
        m = r["markers"]
        print(f"\nmarkers left        {_pct(m['share'])}  ({m['left']}/{m['markers']} labelled markers kept)")
        for name, v in m["by_marker"].items():
            print(f"  {name:<25} {v['left']:>4} of {v['markers']:>4} left")
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
    parser.add_argument("--heldout2", type=Path, nargs="?", const=DEVSET, help="score the second held-out set alone")
    parser.add_argument("--heldout3", type=Path, nargs="?", const=DEVSET, help="score the third held-out set alone")
    parser.add_argument("--markers", action="store_true", help="also count the labelled markers left")
    parser.add_argument("--worst", type=int, default=10, help="how many worst articles to list")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    asked = [name for name in ("devset", *HELDOUT_FILES) if getattr(args, name) is not None]
    if len(asked) > 1:
        parser.error(f"{' and '.join('--' + a for a in asked)} are separate reports: ask for one")
    if args.jsonl is None and not asked:
        args.devset, asked = DEVSET, ["devset"]
    if args.jsonl is not None:
        result = pairs_report(args.jsonl)
        if not args.json:
            for key, value in result.items():
                print(f"{key:>20}: {value}")
    else:
        which = "dev" if asked[0] == "devset" else asked[0]
        result = devset_report(getattr(args, asked[0]), args.worst, which=which, markers=args.markers)
        if not args.json:
            print_devset(result, TITLES.get(which))
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
