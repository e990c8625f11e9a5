"""Benchmarks, reported beside baselines measured in the same run, on the same files.

    python scripts/bench.py [--quick] [--json] [--runs N] [--sizes 1000 10000 100000]
                            [--load-sizes 50000 200000] [--profile N]

Every whole-process figure is paired: the processes compared run in turns (A B, then B A,
...), ``--runs`` times each after one warm-up, and the report gives the medians and the
median of the per-round ratios; every process reads cached bytecode (``_cache_bytecode``).
Memory is the sum of the proportional set size (PSS, from ``/proc/<pid>/smaps_rollup``) over
the whole process tree, sampled every 20 ms; peak RSS growth of a single call is read from
``VmHWM`` after resetting it.

1. ``load``: the shipped snapshot. ``load_corpus()``'s first call in a process (cold: files
   hashed, rows fingerprinted) and later calls (warm: a cache hit, the files re-hashed and the
   verified table reused), beside ``Dataset(pq.read_table(path))`` (no cache, every call),
   ``load_dataset("parquet")`` cold (empty cache: it converts) and warm (its cache hit), and
   ``Dataset.from_file`` on an Arrow file (memory-mapped, nothing verified).
2. ``first_load``: a snapshot of N rows of synthetic news; the first ``load_corpus()`` vs
   ``datasets.Dataset(pyarrow.parquet.read_table(path))`` (time and peak memory of the call).
3. ``processes``: a whole ``load_corpus()`` process, and the commands ``info``, ``versions``,
   ``show``, ``diff``, ``validate``, ``--help``, vs ``python -c "import datasets"``.
4. ``build``: synthetic corpora (``make_synthetic.py``: duplicates and boilerplate planted);
   the build with 1 and 2 processes vs ``langdetect`` alone with the build's own cap
   (``langid.MAX_CHARS`` leading characters of each raw text, seeded as in the build).
5. ``cleaner``: ``clean_text`` in seconds per MB on one synthetic scraped text of 10 KB,
   100 KB, 1 MB and 4 MB (whole articles with their boilerplate, joined), in the lines form
   (paragraphs on their own lines) and the one-line form (the same text, every run of
   whitespace one space), with the linearity ratio: s/MB at the largest size over s/MB at the
   smallest (1.0 is linear; quadratic work shows as a ratio near the size ratio, 400).
6. ``--profile N``: where a 1-process build of N articles spends its time (cProfile).
7. ``--ray N...``: only the whole build on Ray Data in local mode against the local build
   (``bench_ray.py``: throughput ratios, the driver's peak memory, fingerprints compared).
8. ``--import N...``: only an import of an N-row scraped CSV against a build of the same rows
   (``bench_import.py``: paired medians, PSS per size, import-then-build ids against a direct build's).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
ENV = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
SELF = [PY, str(Path(__file__).resolve())]


# --- measuring processes -----------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kb(pid: int) -> int:
    """The PSS of *pid* and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss_kb(current)
        todo += _children(current)
    return total


@dataclass
class Run:
    """One process run: wall seconds, peak PSS of its tree, and its last line of JSON output."""

    seconds: float
    peak_pss_mb: float
    out: dict[str, Any] = field(default_factory=dict)


def run_process(args: Sequence[str], *, check: bool = True) -> Run:
    """Run *args*, sampling the PSS of its process tree every 20 ms."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], tree_pss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    return Run(seconds, peak[0] / 1024, json.loads(lines[-1]) if lines else {})


def paired(commands: dict[str, Sequence[str]], runs: int, *, warm_up: bool = True) -> dict[str, list[Run]]:
    """Run the commands in turns (A B, B A, A B, ...) *runs* times each, after a warm-up of each."""
    names = list(commands)
    if warm_up:
        for name in names:
            run_process(commands[name])
    results: dict[str, list[Run]] = {name: [] for name in names}
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else names[::-1]:
            results[name].append(run_process(commands[name]))
    return results


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def compare(a: list[Run], b: list[Run], value: Callable[[Run], float] = lambda r: r.seconds) -> dict[str, float]:
    """Medians of A and B, the ratio of the medians and the median of the per-round ratios."""
    va, vb = [value(r) for r in a], [value(r) for r in b]
    return {
        "a": _median(va),
        "b": _median(vb),
        "ratio": _median(va) / _median(vb),
        "median_ratio": _median([x / y for x, y in zip(va, vb, strict=True)]),
        "runs": len(va),
    }


# --- children: each runs in a fresh process and prints one line of JSON -------------------


def _hwm_reset() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _timed_call(fn: Callable[[], object]) -> dict[str, float]:
    """Seconds and peak RSS growth (MB) of one call, after imports."""
    import gc

    gc.collect()
    base = _status_mb("VmRSS")
    _hwm_reset()
    start = time.perf_counter()
    kept = fn()
    seconds = time.perf_counter() - start
    growth = _status_mb("VmHWM") - base
    del kept
    return {"seconds": seconds, "peak_growth_mb": growth}


def load_folder(root: Path, version: str = "1.0.0") -> Any:
    """``load_corpus`` of the corpus folder *root* (its ``snapshots/<version>``)."""
    import venezuela_corpus as vc

    return vc.load_corpus(version, path=root)


def child_first_load(kind: str, root: str) -> dict[str, float]:
    import datasets
    import pyarrow.parquet as pq

    datasets.disable_progress_bars()
    folder = Path(root)
    path = folder / "snapshots" / "1.0.0" / "articles.parquet"
    if kind == "ours":
        return _timed_call(lambda: load_folder(folder))
    return _timed_call(lambda: datasets.Dataset(pq.read_table(path)))


def child_small_load(tmp: str, repeats: int, ours_first: int) -> dict[str, float]:
    import datasets
    import pyarrow as pa
    import pyarrow.parquet as pq

    import venezuela_corpus as vc
    from venezuela_corpus.corpus import locate

    datasets.disable_progress_bars()
    parquet = str(locate().snapshots.joinpath(vc.versions()[-1]).joinpath("articles.parquet"))
    cache = str(Path(tmp) / f"hf-cache-{os.getpid()}")

    def hf() -> object:
        return datasets.load_dataset("parquet", data_files=parquet, split="train", cache_dir=cache)

    out: dict[str, float] = {}
    for name in ("ours", "hf") if ours_first else ("hf", "ours"):
        fn: Callable[[], object] = vc.load_corpus if name == "ours" else hf
        start = time.perf_counter()
        fn()
        out[f"{name}_cold_ms"] = (time.perf_counter() - start) * 1e3
        out[f"{name}_warm_ms"] = _median([_seconds(fn) for _ in range(repeats if name == "ours" else 5)]) * 1e3
    out["read_table_dataset_ms"] = (
        _median([_seconds(lambda: datasets.Dataset(pq.read_table(parquet))) for _ in range(5)]) * 1e3
    )
    arrow = Path(tmp) / f"data-{os.getpid()}.arrow"
    table = pq.read_table(parquet)
    with pa.OSFile(str(arrow), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    out["from_file_ms"] = (
        _median([_seconds(lambda: datasets.Dataset.from_file(str(arrow))) for _ in range(repeats)]) * 1e3
    )
    return out


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def child_build(seeds: str, out: str, workers: int) -> dict[str, Any]:
    import venezuela_corpus as vc
    from venezuela_corpus.errors import CorpusError

    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    problems: dict[str, int] = {}
    try:
        manifest = vc.build("1.0.0", seeds=Path(seeds), root=Path(out), workers=workers)
        found = manifest.warnings
        rows = manifest.rows
    except CorpusError as exc:  # the planted duplicates are errors: every article was still processed
        found = [{"check": p.check} for p in getattr(exc, "problems", [])]
        rows = -1
    seconds = time.perf_counter() - start
    for problem in found:
        problems[problem["check"]] = problems.get(problem["check"], 0) + 1
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "rows": rows, "problems": dict(sorted(problems.items()))}


def child_langdetect(seeds: str) -> dict[str, float]:
    """Plain langdetect, seeded as the build seeds it, on the same leading characters."""
    from langdetect import DetectorFactory, detect_langs, detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    from venezuela_corpus.langid import MAX_CHARS, SEED

    files = sorted(Path(seeds).glob("*.txt"))
    detector_factory.init_factory()  # its profiles read before the clock starts (the build's are not)
    start = time.perf_counter()
    for path in files:
        DetectorFactory.seed = SEED
        with contextlib.suppress(LangDetectException):
            detect_langs(path.read_text(encoding="utf-8")[:MAX_CHARS])
    return {"seconds": time.perf_counter() - start, "rows": len(files)}


def scraped_text(size: int, seed: int = 0) -> str:
    """At least *size* bytes of synthetic scraped news: whole articles (paragraphs form) joined by blank lines."""
    import random

    sys.path.insert(0, str(HERE))
    from make_synthetic import Vocabulary, render

    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    parts, total = [], 0
    while total < size:
        text, _ = render(rng, vocab, "paragraphs")
        parts.append(text)
        total += len(text.encode()) + 2
    return "\n\n".join(parts)


def child_clean(size: int, form: str) -> dict[str, float]:
    """``clean_text`` on a *size*-byte text in *form* (``lines`` or ``one_line``): median seconds per MB."""
    from venezuela_corpus.cleaning import clean_text

    text = scraped_text(size)
    grow = size
    while form == "one_line" and len(text := " ".join(scraped_text(grow).split())) < size:
        grow += max(1_000, size // 50)  # one line is shorter than the paragraphs it joins
    clean_text(scraped_text(2000, seed=1))  # the rule table's patterns compiled outside the timing
    mb = len(text.encode()) / 1e6
    repeats = max(1, min(25, round(0.5 / mb)))  # about half a megabyte of text per size, at least one call
    seconds = _median([_seconds(lambda: clean_text(text)) for _ in range(repeats)])
    return {"bytes": len(text.encode()), "seconds": seconds, "s_per_mb": seconds / mb, "repeats": repeats}


def child_make_snapshot(root: str, n: int) -> dict[str, Any]:
    """A corpus folder with snapshot 1.0.0 of *n* synthetic rows, written as a build writes."""
    import random

    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, str(HERE))
    from make_synthetic import FORMS, Vocabulary, render

    from venezuela_corpus.store import DATA_FILE
    from venezuela_corpus.writer import SnapshotWriter

    rng = random.Random(n)
    vocab = Vocabulary(rng)
    with SnapshotWriter(Path(root) / "snapshots", "1.0.0") as out:
        for start in range(0, n, 2048):
            rows = []
            for i in range(start, min(n, start + 2048)):
                text, outlet = render(rng, vocab, rng.choice(FORMS))
                rows.append(_synthetic_row(i, text, outlet, rng))
            out.write(pa.Table.from_pylist(rows, schema=out.schema))
        out.commit(ruleset_version="synthetic", tools={}, rules=[])
    data = Path(root) / "snapshots" / "1.0.0" / DATA_FILE
    return {"rows": n, "bytes": data.stat().st_size, "arrow_mb": pq.read_table(data).nbytes / 2**20}


def _synthetic_row(i: int, text: str, outlet: str, rng: Any) -> dict[str, Any]:
    import datetime as dt
    import hashlib

    sha = hashlib.sha256
    start = dt.date(2015, 1, 1)

    return {
        "id": f"{i:07d}",
        "text": text,
        "title": f"Artikel sintetis {i}",
        "outlet": outlet,
        "url": f"https://example.com/artikel/{i}",
        "published_date": start + dt.timedelta(days=rng.randrange(3650)),
        "dateline": rng.choice([None, "Jakarta", "Caracas"]),
        "author": rng.choice([None, "Andi Nugroho"]),
        "editor": None,
        "keywords": rng.sample(["Venezuela", "Maduro", "AS", "minyak", "pemilu"], rng.randint(0, 3)),
        "language": "id",
        "language_score": round(rng.uniform(0.9, 1.0), 6),
        "translated_from": None,
        "n_words": len(text.split()),
        "n_chars": len(text),
        "source_file": f"{i:07d}.txt",
        "raw_sha256": sha(text.encode()).hexdigest(),
        "text_sha256": sha(text.encode()).hexdigest(),
        "removed": [{"rule": "related_link", "text": "Baca juga: Judul lain"}] * rng.randint(0, 2),
        "flags": rng.sample(["link_gap", "mojibake"], rng.randint(0, 1)),
        "notes": "synthetic",
    }


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "first_load": child_first_load,
    "small_load": child_small_load,
    "build": child_build,
    "langdetect": child_langdetect,
    "make_snapshot": child_make_snapshot,
    "clean": child_clean,
}


def _child(name: str, *args: object) -> list[str]:
    return [*SELF, "--child", name, *map(str, args)]


# --- the benchmarks ----------------------------------------------------------------------


def bench_load(tmp: Path, runs: int, repeats: int) -> dict[str, float]:
    outs = [run_process(_child("small_load", tmp, repeats, int(r % 2 == 0))).out for r in range(runs)]
    report = {key: _median([o[key] for o in outs]) for key in outs[0]}
    report["read_table_dataset_over_warm"] = report["read_table_dataset_ms"] / report["ours_warm_ms"]
    report["hf_cold_over_ours_cold"] = report["hf_cold_ms"] / report["ours_cold_ms"]
    return report


def bench_first_load(sizes: list[int], tmp: Path, runs: int, warm_up: bool) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        root = tmp / f"corpus-{n}"
        made = run_process(_child("make_snapshot", root, n)).out
        commands = {"ours": _child("first_load", "ours", root), "base": _child("first_load", "base", root)}
        pairs = paired(commands, runs, warm_up=warm_up)
        results.append(
            {
                "rows": n,
                "parquet_mb": made["bytes"] / 2**20,
                "arrow_mb": made["arrow_mb"],
                "seconds": compare(pairs["ours"], pairs["base"], lambda r: r.out["seconds"]),
                "peak_growth_mb": compare(pairs["ours"], pairs["base"], lambda r: r.out["peak_growth_mb"]),
                "process_pss_mb": compare(pairs["ours"], pairs["base"], lambda r: r.peak_pss_mb),
            }
        )
        shutil.rmtree(root)
    return results


def bench_processes(runs: int, warm_up: bool) -> dict[str, Any]:
    cli = [PY, "-m", "venezuela_corpus"]
    commands: dict[str, list[str]] = {
        "import_datasets": [PY, "-c", "import datasets"],
        "load_process": [PY, "-c", "from venezuela_corpus import load_corpus; load_corpus()"],
        "import_venezuela_corpus": [PY, "-c", "import venezuela_corpus"],
        "help": [*cli, "--help"],
        "info": [*cli, "info"],
        "versions": [*cli, "versions"],
        "show": [*cli, "show", "002"],
        "diff": [*cli, "diff", "1.0.0", "1.0.1"],
        "validate": [*cli, "validate", "--seeds", str(ROOT / "seeds")],
        "python_startup": [PY, "-c", "pass"],
    }
    pairs = paired(commands, runs, warm_up=warm_up)
    base = pairs["import_datasets"]
    report: dict[str, Any] = {"import_datasets_ms": _median([r.seconds for r in base]) * 1e3}
    for name, results in pairs.items():
        if name != "import_datasets":
            report[name] = {
                "ms": _median([r.seconds for r in results]) * 1e3,
                "pss_mb": _median([r.peak_pss_mb for r in results]),
                "over_import_datasets": compare(results, base)["median_ratio"],
            }
    return report


def bench_build(sizes: list[int], tmp: Path, runs: int, two: bool = True) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        seeds = tmp / f"seeds-{n}"  # written by a child process, so this one stays small
        planted = run_process([PY, str(HERE / "make_synthetic.py"), str(seeds), "--n", str(n)]).out
        out = tmp / f"out-{n}"
        commands = {"build_1": _child("build", seeds, out, 1), "langdetect": _child("langdetect", seeds)}
        if two:
            commands["build_2"] = _child("build", seeds, f"{out}-2", 2)
        pairs = paired(commands, runs if n < 100_000 else max(1, runs - 1), warm_up=False)
        one, lang = pairs["build_1"], pairs["langdetect"]
        seconds = compare(lang, one, lambda r: r.out["seconds"])
        row = {
            "articles": n,
            "planted": planted,
            "problems_found": one[0].out["problems"],
            "build_per_s": n / _median([r.out["seconds"] for r in one]),
            "langdetect_per_s": n / seconds["a"],
            "build_over_langdetect": seconds["median_ratio"],
            "pss_mb_1_process": _median([r.peak_pss_mb for r in one]),
            "runs": len(one),
        }
        if two:
            row["speedup_2_processes"] = compare(one, pairs["build_2"], lambda r: r.out["seconds"])["median_ratio"]
            row["pss_mb_2_processes_tree"] = _median([r.peak_pss_mb for r in pairs["build_2"]])
        results.append(row)
        shutil.rmtree(seeds)
    return results


def bench_cleaner(sizes: list[int]) -> dict[str, Any]:
    """``clean_text`` s/MB per size and form, each in a fresh process, and the linearity ratio per form."""
    report: dict[str, Any] = {}
    for form in ("lines", "one_line"):
        rows = [{"size": n, **run_process(_child("clean", n, form)).out} for n in sizes]
        report[form] = {"sizes": rows, "linearity": rows[-1]["s_per_mb"] / rows[0]["s_per_mb"]}
    return report


def bench_profile(n: int, tmp: Path) -> dict[str, float]:
    """Shares of a 1-process build's time, from cProfile's cumulative times (profiler included)."""
    seeds, out, stats = tmp / "seeds-profile", tmp / "out-profile", tmp / "build.prof"
    run_process([PY, str(HERE / "make_synthetic.py"), str(seeds), "--n", str(n)])
    code = (
        "import cProfile, pathlib, venezuela_corpus as v\n"
        "from venezuela_corpus.errors import CorpusError\n"
        "def run():\n"
        f"    try: v.build('1.0.0', seeds=pathlib.Path({str(seeds)!r}), root=pathlib.Path({str(out)!r}))\n"
        "    except CorpusError: pass\n"
        f"cProfile.run('run()', {str(stats)!r})\n"
    )
    run_process([PY, "-c", code])
    import pstats

    table = pstats.Stats(str(stats)).stats  # type: ignore[attr-defined]
    cumulative: dict[str, float] = {}
    for (filename, _, function), (_, _, _, cum, _) in table.items():
        key = f"{Path(filename).stem}.{function}"
        cumulative[key] = max(cumulative.get(key, 0.0), cum)
    total = cumulative.get("pipeline.build", float("nan"))
    parts = {
        "language_id": "langid.detect",  # the stored language: the first MAX_CHARS characters
        "clean_text": "cleaning.clean_text",
        "layout_recovery": "layout.recover",  # part of clean_text
        "minhash": "duplicates.minhash",
        "ingest": "ingest.iter_articles",
        "checks": "checks.check_record",
        "language_windows": "langid.detect_windows",  # part of checks: the rest of the text, in windows
        "fingerprint": "fingerprint.update_batch",
        "duplicate_pairs": "duplicates.problems",
    }
    report = {name: cumulative.get(key, 0.0) / total for name, key in parts.items()}
    report["build_seconds_under_profile"] = total
    shutil.rmtree(seeds, ignore_errors=True)
    return report


# --- the report --------------------------------------------------------------------------


def _table(report: dict[str, Any]) -> str:
    lines = [f"machine: {report['machine']}"]
    for section in SECTIONS:
        if section in report:
            lines += FORMATTERS[section](report[section])
    if "profile" in report:
        shares = ", ".join(f"{k} {v:.0%}" for k, v in report["profile"].items() if k != "build_seconds_under_profile")
        lines.append(f"profile of a build: {shares}")
    return "\n".join(lines)


def _load_lines(load: dict[str, float]) -> list[str]:
    return [
        "load of the shipped snapshot (medians):",
        f"  load_corpus() first call in a process (cold, rows fingerprinted)  {load['ours_cold_ms']:8.2f} ms",
        f"  load_corpus() later calls (warm: cache hit, files re-hashed)       {load['ours_warm_ms']:8.2f} ms",
        f"  Dataset(pq.read_table(path)), every call (no cache)               {load['read_table_dataset_ms']:8.2f} ms",
        f"  load_dataset('parquet') cold (empty cache: converts)              {load['hf_cold_ms']:8.2f} ms",
        f"  load_dataset('parquet') warm (its cache hit)                      {load['hf_warm_ms']:8.2f} ms",
        f"  Dataset.from_file(arrow) (memory-mapped, nothing verified)        {load['from_file_ms']:8.2f} ms",
    ]


def _first_load_lines(first_load: list[dict[str, Any]]) -> list[str]:
    lines = []
    for row in first_load:
        s, m, p = row["seconds"], row["peak_growth_mb"], row["process_pss_mb"]
        lines.append(
            f"first load, {row['rows']} rows ({row['parquet_mb']:.0f} MB Parquet, {row['arrow_mb']:.0f} MB Arrow): "
            f"{s['a']:.2f} s vs Dataset(pq.read_table) {s['b']:.2f} s = {s['median_ratio']:.2f}x [<= 2x]; peak growth "
            f"{m['a']:.0f} vs {m['b']:.0f} MB = {m['median_ratio']:.2f}x [<= 1.5x]; process PSS {p['a']:.0f} vs "
            f"{p['b']:.0f} MB ({s['runs']} pairs)"
        )
    return lines


def _processes_lines(proc: dict[str, Any]) -> list[str]:
    lines = [f"processes (median of paired ratios to import datasets, {proc['import_datasets_ms']:.0f} ms):"]
    for name, row in proc.items():
        if isinstance(row, dict):
            lines.append(
                f"  {name:24} {row['ms']:7.0f} ms {row['over_import_datasets']:5.2f}x  PSS {row['pss_mb']:5.0f} MB"
            )
    return lines


def _build_lines(build: list[dict[str, Any]]) -> list[str]:
    return [
        f"build {row['articles']:>7}: {row['build_per_s']:6.0f}/s, {row['build_over_langdetect']:.2f}x langdetect "
        f"alone at the same cap ({row['langdetect_per_s']:.0f}/s) [>= 0.85x]; PSS {row['pss_mb_1_process']:.0f} MB"
        + (
            f"; 2 processes {row['speedup_2_processes']:.2f}x, whole tree PSS {row['pss_mb_2_processes_tree']:.0f} MB"
            if "speedup_2_processes" in row
            else ""
        )
        + f"; planted {row['planted']['exact_duplicates']} exact + {row['planted']['near_duplicates']} near "
        f"duplicates, found {row['problems_found']} ({row['runs']} rounds)"
        for row in build
    ]


def _cleaner_lines(cleaner: dict[str, Any]) -> list[str]:
    lines = []
    for form, row in cleaner.items():
        sizes = ", ".join(f"{_size(r['bytes'])} {r['s_per_mb']:.2f}" for r in row["sizes"])
        lines.append(f"clean_text, {form} form, s/MB: {sizes}; linearity (last/first) {row['linearity']:.2f}")
    return lines


SECTIONS = ("load", "first_load", "processes", "build", "cleaner")
FORMATTERS: dict[str, Callable[[Any], list[str]]] = {
    "load": _load_lines,
    "first_load": _first_load_lines,
    "processes": _processes_lines,
    "build": _build_lines,
    "cleaner": _cleaner_lines,
}


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, one round (CI)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--runs", type=int, default=None, help="paired rounds (default 5; --quick 1)")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="build sizes")
    parser.add_argument("--load-sizes", type=int, nargs="+", default=None, help="first-load snapshot sizes")
    parser.add_argument("--clean-sizes", type=int, nargs="+", default=None, help="cleaner text sizes, bytes")
    parser.add_argument("--profile", type=int, default=None, help="profile a build of N articles")
    parser.add_argument("--no-two", action="store_true", help="build: skip the 2-process build")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--ray", type=int, nargs="+", metavar="N", help="only Ray Data vs local builds (bench_ray.py)")
    parser.add_argument(
        "--import", dest="import_sizes", type=int, nargs="+", metavar="N", help="only import vs build (bench_import.py)"
    )
    args = parser.parse_args(argv)
    if args.import_sizes:  # an import against a build of the same rows: scripts/bench_import.py
        from bench_import import main as bench_import

        runs = ["--runs", str(args.runs)] if args.runs else []
        return bench_import([*map(str, args.import_sizes), *runs, *(["--json"] if args.json else [])])
    if args.ray:  # the engines compared: scripts/bench_ray.py
        from bench_ray import main as bench_ray

        return bench_ray([*map(str, args.ray), "--runs", str(args.runs or 1), *(["--json"] if args.json else [])])
    if args.child:
        name, *rest = args.child
        fn = CHILDREN[name]
        types = [int if p.annotation == "int" else str for p in _params(fn)]
        values = [t(v) for t, v in zip(types, rest, strict=True)]
        print(json.dumps(fn(*values)))
        return 0
    runs = args.runs or (1 if args.quick else 5)
    sizes = args.sizes or ([100] if args.quick else [1000, 10_000, 100_000])
    load_sizes = args.load_sizes or ([300] if args.quick else [50_000, 200_000])
    clean_sizes = args.clean_sizes or ([10_000, 40_000] if args.quick else [10_000, 100_000, 1_000_000, 4_000_000])
    with tempfile.TemporaryDirectory(prefix="vc-bench-") as name:
        tmp = Path(name)
        _cache_bytecode(tmp / "pycache")
        sections: dict[str, Callable[[], Any]] = {
            "load": lambda: bench_load(tmp, runs, 20 if args.quick else 200),
            "first_load": lambda: bench_first_load(load_sizes, tmp, runs, not args.quick),
            "processes": lambda: bench_processes(runs, not args.quick),
            "build": lambda: bench_build(sizes, tmp, runs, two=not args.no_two),
            "cleaner": lambda: bench_cleaner(clean_sizes),
        }
        report: dict[str, Any] = {"machine": _machine()}
        for section in SECTIONS:
            if section in args.only:
                report[section] = sections[section]()
        if args.profile:
            report["profile"] = bench_profile(args.profile, tmp)
    print(json.dumps(report, indent=2) if args.json else _table(report))
    return 0


def _cache_bytecode(folder: Path) -> None:
    """Every process measured reads its modules' cached bytecode, as from an installed wheel.

    pip compiles a wheel's modules when it installs them; an editable checkout run with
    ``PYTHONDONTWRITEBYTECODE`` would compile this package's modules in every process (and
    not those of ``datasets``). The cache is private to the run (``PYTHONPYCACHEPREFIX``); the
    warm-up run of each command fills it.
    """
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def _machine() -> dict[str, Any]:
    """CPUs, Python, and the load average (1, 5, 15 minutes) when the run started: shared machines vary."""
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load": [round(x, 2) for x in os.getloadavg()]}


def _params(fn: Callable[..., object]) -> list[Any]:
    import inspect

    return list(inspect.signature(fn).parameters.values())


if __name__ == "__main__":
    sys.exit(main())
