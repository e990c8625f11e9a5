"""The benchmark's quick mode runs in CI so it cannot rot. It asserts completeness, not speed:
performance targets live in the benchmark's report, never in unit tests."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def test_bench_quick_reports_every_measure() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--json", "--sizes", "60"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    for key in ("load_corpus_ms", "load_dataset_ms", "from_file_ms", "load_dataset_over_load_corpus"):
        assert report["load"][key] > 0
    for key in ("load_process_over_import_datasets", "import_ms", "help_ms"):
        assert report["processes"][key] > 0
    (row,) = report["build"]
    assert row["articles"] == 60
    for key in ("build_per_s", "langdetect_per_s", "build_over_langdetect", "peak_rss_mb", "speedup_2_processes"):
        assert row[key] > 0


def test_synthetic_generator_is_deterministic(tmp_path: object) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_synthetic import generate

    a = generate(tmp_path / "a", 30, seed=7)  # type: ignore[operator]
    b = generate(tmp_path / "b", 30, seed=7)  # type: ignore[operator]
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir()) and len(files) == 31
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes()
