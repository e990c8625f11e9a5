"""Benchmarks, reported as ratios against baselines measured in the same run.

    python scripts/bench.py [--quick] [--json] [--sizes 1000 10000 100000]

(a) the load_corpus() call in a warm process vs datasets.load_dataset("parquet") on the same
    file and vs Dataset.from_file on an Arrow file (the floor);
(b) a whole `load_corpus()` process vs `python -c "import datasets"`;
(c) `import venezuela_corpus` and `venezuela-corpus --help` wall time;
(d) build throughput (ingest + clean + validate + write) on synthetic corpora vs langdetect
    alone on the same texts, peak memory per size, and the speed-up from 1 to 2 processes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable


def _median_time(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _process_time(args: list[str], n: int, env: dict[str, str] | None = None) -> float:
    def run() -> None:
        subprocess.run(args, check=True, capture_output=True, env=env)

    run()  # warm the OS file cache
    return _median_time(run, n)


def bench_load(n: int, tmp: Path) -> dict[str, float]:
    import datasets
    import pyarrow as pa

    import venezuela_corpus as vc
    from venezuela_corpus.api import snapshots_root

    datasets.disable_progress_bars()
    version = vc.versions()[-1]
    parquet = Path(str(snapshots_root().joinpath(version).joinpath("articles.parquet")))
    ds = vc.load_corpus()
    arrow = tmp / "data.arrow"
    with pa.OSFile(str(arrow), "wb") as sink, pa.ipc.new_stream(sink, ds.data.table.schema) as writer:
        writer.write_table(ds.data.table)
    cache = str(tmp / "hf-cache")

    def hf() -> object:
        return datasets.load_dataset("parquet", data_files=str(parquet), split="train", cache_dir=cache)

    hf()
    ours = _median_time(vc.load_corpus, n)
    theirs = _median_time(hf, max(5, n // 10))
    floor = _median_time(lambda: datasets.Dataset.from_file(str(arrow)), n)
    return {
        "load_corpus_ms": ours * 1e3,
        "load_dataset_ms": theirs * 1e3,
        "from_file_ms": floor * 1e3,
        "load_dataset_over_load_corpus": theirs / ours,
        "load_corpus_over_from_file": ours / floor,
    }


def bench_processes(n: int) -> dict[str, float]:
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    cli = str(Path(PY).parent / "venezuela-corpus")
    load = _process_time([PY, "-c", "from venezuela_corpus import load_corpus; load_corpus()"], n, env)
    base = _process_time([PY, "-c", "import datasets"], n, env)
    imp = _process_time([PY, "-c", "import venezuela_corpus"], n, env)
    empty = _process_time([PY, "-c", "pass"], n, env)
    helptime = _process_time([cli, "--help"], n, env) if Path(cli).exists() else float("nan")
    return {
        "load_process_ms": load * 1e3,
        "import_datasets_ms": base * 1e3,
        "load_process_over_import_datasets": load / base,
        "import_ms": imp * 1e3,
        "python_startup_ms": empty * 1e3,
        "help_ms": helptime * 1e3,
    }


def _build_in_subprocess(seeds: Path, out: Path, workers: int) -> dict[str, float]:
    code = (
        "import json, pathlib, resource, time, venezuela_corpus as v\n"
        "t = time.perf_counter()\n"
        f"m = v.build('1.0.0', seeds=pathlib.Path({str(seeds)!r}), root=pathlib.Path({str(out)!r}),"
        f" workers={workers})\n"
        "dt = time.perf_counter() - t\n"
        # ru_maxrss survives fork and exec, so it would report this script's own size; the
        # high-water mark of the process's memory map (VmHWM) starts afresh at exec.
        "status = pathlib.Path('/proc/self/status')\n"
        "hwm = [l.split()[1] for l in status.read_text().splitlines() if l.startswith('VmHWM')] "
        "if status.exists() else []\n"
        "rss = int(hwm[0]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'seconds': dt, 'rows': m.rows, 'peak_rss_mb': rss / 1024}))\n"
    )
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _langdetect_in_subprocess(seeds: Path) -> dict[str, float]:
    code = (
        "import json, time, pathlib\n"
        "from langdetect import DetectorFactory, detect_langs\n"
        "DetectorFactory.seed = 0\n"
        f"files = sorted(pathlib.Path({str(seeds)!r}).glob('*.txt'))\n"
        "t = time.perf_counter()\n"
        "for f in files: detect_langs(f.read_text(encoding='utf-8'))  # plain langdetect, whole text\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'rows': len(files)}))\n"
    )
    result = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def bench_build(sizes: list[int], tmp: Path) -> list[dict[str, float]]:
    results = []
    for n in sizes:
        seeds = tmp / f"seeds-{n}"  # written by a child process, so this one stays small
        generate = [PY, str(HERE / "make_synthetic.py"), str(seeds), "--n", str(n)]
        subprocess.run(generate, check=True, capture_output=True)
        one = _build_in_subprocess(seeds, tmp / f"out-{n}-1", 1)
        two = _build_in_subprocess(seeds, tmp / f"out-{n}-2", 2)
        lang = _langdetect_in_subprocess(seeds)
        results.append(
            {
                "articles": n,
                "build_per_s": n / one["seconds"],
                "langdetect_per_s": n / lang["seconds"],
                "build_over_langdetect": lang["seconds"] / one["seconds"],
                "peak_rss_mb": one["peak_rss_mb"],
                "peak_rss_mb_2_workers": two["peak_rss_mb"],
                "speedup_2_processes": one["seconds"] / two["seconds"],
            }
        )
        shutil.rmtree(seeds)
    return results


def _table(report: dict[str, object]) -> str:
    load, proc = report["load"], report["processes"]
    assert isinstance(load, dict) and isinstance(proc, dict)
    lines = [
        "measure                                   value     target",
        f"load_corpus() warm                     {load['load_corpus_ms']:7.2f} ms   <= 5 ms",
        f"load_dataset / load_corpus             {load['load_dataset_over_load_corpus']:7.1f} x    >= 5x",
        f"load_corpus / Dataset.from_file        {load['load_corpus_over_from_file']:7.1f} x    (floor)",
        f"load process / import datasets         {proc['load_process_over_import_datasets']:7.2f} x    <= 1.10x",
        f"import venezuela_corpus                {proc['import_ms']:7.0f} ms   <= 150 ms",
        f"venezuela-corpus --help                {proc['help_ms']:7.0f} ms   <= 150 ms",
        f"python startup (reference)             {proc['python_startup_ms']:7.0f} ms",
    ]
    for row in report["build"]:  # type: ignore[attr-defined]
        lines += [
            f"build {row['articles']:>7} articles: {row['build_per_s']:6.0f}/s, {row['build_over_langdetect']:.2f}x "
            f"langdetect ({row['langdetect_per_s']:.0f}/s) [>= 0.8x], peak RSS {row['peak_rss_mb']:.0f} MB "
            f"(2 workers: {row['peak_rss_mb_2_workers']:.0f} MB), "
            f"2 processes {row['speedup_2_processes']:.2f}x [>= 1.7x]"
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a few seconds: small sizes and repeats (CI)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100] if args.quick else [1000, 10_000, 100_000])
    with tempfile.TemporaryDirectory(prefix="vc-bench-") as tmp:
        report = {
            "load": bench_load(20 if args.quick else 300, Path(tmp)),
            "processes": bench_processes(2 if args.quick else 9),
            "build": bench_build(sizes, Path(tmp)),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        }
    print(json.dumps(report, indent=2) if args.json else _table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
