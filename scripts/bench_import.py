"""An import of a scraped collection against a build of the same rows, and their ids.

    python scripts/bench.py --import 1000 10000 [--runs N] [--json]
    python scripts/bench_import.py 1000 10000 [--runs N] [--json]

For each size, a scraper's CSV (``make_scraped.py``, its planted troubles left out and its
dates written ``YYYY-MM-DD``, which is all a build of a collection reads, so every row is an
article a build accepts) is, in fresh processes and in turns (A B, B A, ...):

- imported into a new corpus (``init``, then ``import_articles``: read, mapped, cleaned,
  checked, duplicates looked for, seeds written in one commit), and
- built directly (``build(seeds=the CSV)``: the same rows read, cleaned, checked, written
  as a snapshot).

Reported: the medians of both times, the median of the per-round ratios (import / build),
the peak PSS of each process tree, the PSS's growth from the smallest size to the largest
(memory flat in rows: near 1), and, on the smallest size, whether a build of the imported
corpus has the same ids (and text hashes) as the direct build of the collection.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import PY, compare, paired, run_process  # noqa: E402

SELF = [PY, str(Path(__file__).resolve())]


def iso_date(printed: str) -> str:
    """``make_scraped.py``'s printed date as ``YYYY-MM-DD`` (a build reads no other form).

    >>> [iso_date(d) for d in ("2016-12-19 05:00:00", "Senin, 19 Desember 2016 05:00 WIB", "19/12/2016")]
    ['2016-12-19', '2016-12-19', '2016-12-19']
    """
    from make_scraped import MONTHS

    if "/" in printed:
        day, month, year = printed.split("/")
        return f"{year}-{month}-{day}"
    if "," in printed:
        day, month, year = printed.split(", ")[1].split()[:3]
        return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
    return printed[:10]


def write_collection(path: Path, n: int) -> int:
    """*n* of ``make_scraped.py``'s rows without their planted troubles, as CSV; the row count."""
    from make_scraped import COLUMNS, rows

    data, expected = rows(n)
    kept = [
        {**row, "tanggal": iso_date(row["tanggal"])}
        for row, check in zip(data, expected, strict=True)
        if check == "accepted"
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS)
        writer.writeheader()
        writer.writerows(kept)
    return len(kept)


def child_import(collection: str, corpus: str) -> dict[str, Any]:
    """A new corpus and one import of *collection* into it: seconds and the rows per status."""
    import venezuela_corpus as vc
    from venezuela_corpus.corpus import init

    shutil.rmtree(corpus, ignore_errors=True)
    start = time.perf_counter()
    init(corpus, name="bench")
    report = vc.import_articles(collection, corpus=corpus)
    return {"seconds": time.perf_counter() - start, "counts": report.counts}


def child_build(seeds: str, out: str) -> dict[str, Any]:
    """A build of *seeds* (a collection, or a corpus folder's seeds) into *out*: seconds, rows, fingerprint."""
    import venezuela_corpus as vc

    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    manifest = vc.build("0.1.0", seeds=seeds, root=out)
    return {"seconds": time.perf_counter() - start, "rows": manifest.rows, "fingerprint": manifest.fingerprint}


def _columns(root: Path, *names: str) -> list[tuple[Any, ...]]:
    import pyarrow.parquet as pq

    table = pq.read_table(root / "0.1.0" / "articles.parquet", columns=list(names))
    return list(zip(*(table.column(n).to_pylist() for n in names), strict=True))


def same_ids(collection: Path, tmp: Path) -> dict[str, Any]:
    """Import then build, against a direct build of *collection*: are the ids (and texts) the same?"""
    corpus, direct, built = tmp / "corpus", tmp / "direct", tmp / "built"
    run_process([*SELF, "--child", "import", str(collection), str(corpus)])
    run_process([*SELF, "--child", "build", str(corpus / "seeds"), str(built)])
    run_process([*SELF, "--child", "build", str(collection), str(direct)])
    a, b = _columns(direct, "id", "text_sha256", "url"), _columns(built, "id", "text_sha256", "url")
    by_url = {url: (i, sha) for i, sha, url in b}
    same_text = sum(1 for _, sha, url in a if url in by_url and by_url[url][1] == sha)
    result = {
        "rows": [len(a), len(b)],
        "same_ids": [i for i, _, _ in a] == [i for i, _, _ in b],
        "same_text_by_url": same_text,
        "examples": {"direct": [i for i, _, _ in a[:2]], "import_then_build": [i for i, _, _ in b[:2]]},
    }
    for folder in (corpus, direct, built):
        shutil.rmtree(folder, ignore_errors=True)
    return result


def bench_import(sizes: list[int], tmp: Path, runs: int) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        collection = tmp / f"scraped-{n}.csv"
        kept = write_collection(collection, n)
        commands = {
            "import": [*SELF, "--child", "import", str(collection), str(tmp / "corpus")],
            "build": [*SELF, "--child", "build", str(collection), str(tmp / "out")],
        }
        pairs = paired(commands, runs, warm_up=False)
        results.append(
            {
                "rows": kept,
                "counts": pairs["import"][0].out["counts"],
                "seconds": compare(pairs["import"], pairs["build"], lambda r: r.out["seconds"]),
                "pss_mb": compare(pairs["import"], pairs["build"], lambda r: r.peak_pss_mb),
            }
        )
        if n == sizes[0]:  # the ids' scheme does not depend on the size: checked once, on the smallest
            results[-1]["ids"] = same_ids(collection, tmp)
        collection.unlink()
    first = results[0]
    for row in results:
        row["pss_growth_from_smallest"] = {
            "import": row["pss_mb"]["a"] / first["pss_mb"]["a"],
            "build": row["pss_mb"]["b"] / first["pss_mb"]["b"],
        }
    return results


def table(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        s, m, g = row["seconds"], row["pss_mb"], row["pss_growth_from_smallest"]
        lines.append(
            f"import {row['rows']:>6} rows: {s['a']:.1f} s vs build {s['b']:.1f} s = {s['median_ratio']:.2f}x "
            f"({s['runs']} pairs); PSS {m['a']:.0f} vs {m['b']:.0f} MB (x{g['import']:.2f} and x{g['build']:.2f} "
            f"the smallest size's); {row['counts']}"
        )
        if "ids" in row:
            ids = row["ids"]
            lines.append(
                f"  import-then-build ids {'the same as' if ids['same_ids'] else 'differ from'} a direct build's "
                f"{ids['examples']}; {ids['same_text_by_url']} of {ids['rows'][0]} texts the same by url"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="paired rounds (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, *rest = args.child
        print(json.dumps(child_import(*rest) if name == "import" else child_build(*rest)))
        return 0
    with tempfile.TemporaryDirectory(prefix="vc-bench-import-") as name:
        rows = bench_import(sorted(args.sizes), Path(name), args.runs)
    machine = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load": os.getloadavg()[0]}
    print(json.dumps({"machine": machine, "import": rows}, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
