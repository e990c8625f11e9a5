"""Mutation score per module from mutmut's results (``mutants/**/*.py.meta``).

Run after ``mutmut run`` (see CONTRIBUTING.md, "Mutation testing"):

    python scripts/mutation_score.py                 # a table: killed, survived, no tests, score
    python scripts/mutation_score.py --survivors     # and the name of every surviving mutant

The score is killed / (killed + survived + no tests) over the mutants mutmut has checked: a
timeout, a crash or a type-check failure counts as killed, a mutant no test reaches as
survived. Mutants not checked yet (an interrupted run) are counted apart, never in the score.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 152, 255, 36, -11, -9, 37}  # killed, timeout, segfault, type check
NO_TESTS = {5, 33}


def _kind(code: int | None) -> str:
    if code is None:
        return "not checked"
    if code in KILLED:
        return "killed"
    if code in NO_TESTS:
        return "no tests"
    if code == 34:
        return "skipped"
    return "survived"  # 0, 35 (suspicious) and any other code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"), help="mutmut's folder")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    survivors: list[str] = []
    print(f"{'module':<16} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'unchecked':>9} {'score':>7}")
    for meta in sorted(args.mutants.glob("venezuela_corpus/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        kinds = Counter(_kind(code) for code in codes.values())
        survivors += sorted(name for name, code in codes.items() if _kind(code) in ("survived", "no tests"))
        total += kinds
        _row(meta.name.removesuffix(".meta"), len(codes), kinds)
    _row("all", sum(total.values()), total)
    if args.survivors:
        print("\n".join(["", *survivors]))


def _row(name: str, mutants: int, kinds: Counter[str]) -> None:
    checked = kinds["killed"] + kinds["survived"] + kinds["no tests"]
    score = f"{100 * kinds['killed'] / checked:6.1f}%" if checked else "      -"
    print(
        f"{name:<16} {mutants:>7} {kinds['killed']:>7} {kinds['survived']:>8} {kinds['no tests']:>8} "
        f"{kinds['not checked']:>9} {score:>7}"
    )


if __name__ == "__main__":
    main()
