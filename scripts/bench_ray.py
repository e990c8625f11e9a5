"""The whole build on Ray Data in local mode against the local build, on the same corpora.

    python scripts/bench.py --ray 10000 100000 [--runs N] [--json]
    python scripts/bench_ray.py 10000 100000 [--runs N] [--json]

For each size, a synthetic corpus (``make_synthetic.py`` without its planted duplicates, and
without the few generated articles that fail the build: a snapshot must be written to compare
fingerprints) is built in fresh processes, in turns (A B C, C B A, ...): the local build with
1 and with 2 processes, and ``build(engine="ray")``, which starts a Ray instance on this
machine's cores (local mode) and stops it. Reported: articles per second, the Ray build's
throughput over each local one, the driver's peak RSS (``VmHWM`` of the process that calls
``build``) and the PSS of the whole process tree (Ray's own processes included), Ray's start-up
time, and whether the three fingerprints agree.
"""

from __future__ import annotations

import argparse
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

from bench import PY, _median, compare, paired, run_process  # noqa: E402

SELF = [PY, str(Path(__file__).resolve())]


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child_build(seeds: str, out: str, engine: str, workers: int) -> dict[str, Any]:
    """One build in this process: seconds, rows, fingerprint (or the problems), the driver's peak RSS."""
    import venezuela_corpus as vc
    from venezuela_corpus.errors import CorpusError

    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result: dict[str, Any] = {}
    try:
        manifest = vc.build("1.0.0", seeds=seeds, root=out, workers=workers, engine=engine)
        result.update(rows=manifest.rows, fingerprint=manifest.fingerprint)
    except CorpusError as exc:
        result.update(rows=-1, fingerprint=None, problems=[[p.check, p.where] for p in getattr(exc, "problems", [])])
    result.update(seconds=time.perf_counter() - start, driver_peak_rss_mb=_peak_rss_mb())
    shutil.rmtree(out, ignore_errors=True)
    return result


def child_ray_start() -> dict[str, float]:
    """Seconds to start and stop a local Ray instance, as the build does."""
    import ray

    start = time.perf_counter()
    ray.init(address="local", include_dashboard=False, log_to_driver=False)
    ray.shutdown()
    return {"seconds": time.perf_counter() - start}


def prepare(seeds: Path, n: int, tmp: Path) -> int:
    """Write the corpus; drop the articles a local build refuses; return how many were dropped."""
    run_process([PY, str(HERE / "make_synthetic.py"), str(seeds), "--n", str(n), "--exact", "0", "--near", "0"])
    first = run_process([*SELF, "--child", "build", str(seeds), str(tmp / "prepare"), "local", "2"]).out
    refused = {where for _, where in first.get("problems", [])}
    doc = json.loads((seeds / "metadata.json").read_text(encoding="utf-8"))
    kept = [e for e in doc["articles"] if e["file"].removesuffix(".txt") not in refused and e["file"] not in refused]
    for entry in doc["articles"]:
        if entry not in kept:
            (seeds / entry["file"]).unlink()
    doc["articles"] = kept
    (seeds / "metadata.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return n - len(kept)


LOCAL_WORKERS = (1, 2)


def bench_ray(sizes: list[int], tmp: Path, runs: int, local: tuple[int, ...] = LOCAL_WORKERS) -> list[dict[str, Any]]:
    """Ray Data in local mode vs the local build (with each number of processes in *local*) on each size."""
    results = []
    for n in sizes:
        seeds = tmp / f"ray-seeds-{n}"
        dropped = prepare(seeds, n, tmp)
        articles = n - dropped
        child = [*SELF, "--child", "build", str(seeds)]
        builds = [*(("local", w) for w in local), ("ray", 1)]
        commands = {f"{e}_{w}": [*child, str(tmp / f"out-{e}"), e, str(w)] for e, w in builds}
        pairs = paired(commands, runs, warm_up=False)
        ray = pairs["ray_1"]
        seconds = lambda r: r.out["seconds"]  # noqa: E731
        fingerprints = {r.out["fingerprint"] for group in pairs.values() for r in group}
        row: dict[str, Any] = {"articles": articles, "dropped_before": dropped}
        row["ray_per_s"] = articles / _median([seconds(r) for r in ray])
        for w in local:
            runs_w = pairs[f"local_{w}"]
            row[f"local_{w}_per_s"] = articles / _median([seconds(r) for r in runs_w])
            row[f"ray_over_local_{w}"] = compare(runs_w, ray, seconds)["median_ratio"]
            row[f"local_{w}_peak_rss_mb"] = _median([r.out["driver_peak_rss_mb"] for r in runs_w])
            row[f"local_{w}_tree_pss_mb"] = _median([r.peak_pss_mb for r in runs_w])
        row.update(
            same_fingerprint=len(fingerprints) == 1 and None not in fingerprints,
            fingerprint=sorted(map(str, fingerprints)),
            driver_peak_rss_mb=_median([r.out["driver_peak_rss_mb"] for r in ray]),
            ray_tree_pss_mb=_median([r.peak_pss_mb for r in ray]),
            ray_start_s=run_process([*SELF, "--child", "ray_start"]).out["seconds"],
            runs=len(ray),
        )
        results.append(row)
        shutil.rmtree(seeds)
    return results


def table(rows: list[dict[str, Any]]) -> str:
    """One line per size."""
    lines = []
    for r in rows:
        local = [int(k.split("_")[1]) for k in r if k.startswith("local_") and k.endswith("_per_s")]
        versus = "; ".join(
            f"local {w} process(es) {r[f'local_{w}_per_s']:.0f}/s ({r[f'ray_over_local_{w}']:.2f}x), driver peak RSS "
            f"{r[f'local_{w}_peak_rss_mb']:.0f} MB, tree PSS {r[f'local_{w}_tree_pss_mb']:.0f} MB"
            for w in local
        )
        lines.append(
            f"ray {r['articles']:>7} articles: {r['ray_per_s']:.0f}/s, "
            f"driver peak RSS {r['driver_peak_rss_mb']:.0f} MB, "
            f"tree PSS {r['ray_tree_pss_mb']:.0f} MB; vs {versus} [>= 0.7x]; Ray start {r['ray_start_s']:.1f} s; "
            f"same fingerprint: {r['same_fingerprint']} ({r['runs']} rounds)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=1, help="rounds of the builds (default 1)")
    parser.add_argument(
        "--local", type=int, nargs="*", default=list(LOCAL_WORKERS), help="local builds' processes (default 1 2)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, *rest = args.child
        out = child_ray_start() if name == "ray_start" else child_build(rest[0], rest[1], rest[2], int(rest[3]))
        print(json.dumps(out))
        return 0
    with tempfile.TemporaryDirectory(prefix="vc-bench-ray-") as name:
        rows = bench_ray(args.sizes, Path(name), args.runs, tuple(args.local))
    machine = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load": os.getloadavg()[0]}
    print(json.dumps({"machine": machine, "ray": rows}, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
