"""Score the cleaner on a JSONL file of {raw, clean[, outlet]} pairs.

python scripts/eval_cleaning.py tests/cases/eval.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from venezuela_corpus.evaluation import evaluate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    with args.jsonl.open(encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh if line.strip()]
    s = evaluate(pairs)
    result = {
        "articles": s.articles,
        "boilerplate_words": s.boilerplate_words,
        "boilerplate_recall": round(s.boilerplate_recall, 4),
        "content_precision": round(s.content_precision, 4),
        "content_words_lost": s.content_lost,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
