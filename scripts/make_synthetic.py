"""A deterministic synthetic corpus for benchmarks: seed sentences plus catalogue boilerplate.

    python scripts/make_synthetic.py OUT_DIR --n 10000 [--seed 0]

Articles are assembled from the sentences of the seeds' clean texts, with boilerplate from
the rule table's examples mixed in (a header, inline markers, footers), and written as files
plus a metadata.json, exactly like seeds/. The same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
from pathlib import Path

from venezuela_corpus.cleaning import clean_text
from venezuela_corpus.rules import RULES, Where

ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s.split()) >= 6]


def _examples(where: Where) -> list[str]:
    return [ex for rule in RULES if rule.where is where and rule.action.value != "flag" for ex in rule.examples]


def article(rng: random.Random, sentences: list[str], boiler: dict[Where, list[str]]) -> tuple[str, str]:
    """One synthetic article, and the outlet its dateline prints (else "Synthetic News")."""
    paragraphs = [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(rng.randint(4, 10))]
    outlet = "Synthetic News"
    if rng.random() < 0.7:
        header = rng.choice(boiler[Where.HEADER])
        outlet = clean_text(header).outlet or outlet
        paragraphs[0] = header + " " + paragraphs[0]
    for _ in range(rng.randint(0, 2)):
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(boiler[Where.LINE]))
    paragraphs += rng.sample(boiler[Where.FOOTER], rng.randint(0, 2))
    return "\n".join(paragraphs), outlet


def generate(out: Path, n: int, seed: int = 0) -> Path:
    """Write *n* articles and their metadata.json into *out*; return *out*."""
    rng = random.Random(seed)
    sentences = _sentences()
    boiler = {where: _examples(where) for where in Where}
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    start = dt.date(2015, 1, 1)
    for i in range(n):
        text, outlet = article(rng, sentences, boiler)
        data = text.encode()
        name = f"{i:07d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (out / name).write_bytes(data)
        entries.append(
            {
                "file": name,
                "outlet": outlet,
                "url": f"https://example.com/artikel/{i}",
                "title": f"Artikel sintetis {i}",
                "published_date": (start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
                "author": None,
                "editor": None,
                "translated_from": None,
                "notes": "synthetic",
            }
        )
    (out / "metadata.json").write_text(json.dumps({"format": 1, "articles": entries}, ensure_ascii=False))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generate(args.out, args.n, args.seed)
    print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
