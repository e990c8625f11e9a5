"""The benchmark's quick mode runs in CI so it cannot rot. It asserts completeness, not speed:
performance targets live in the benchmark's report, never in unit tests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from .conftest import ROOT


def test_bench_quick_reports_every_measure() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--json", "--sizes", "60"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    for key in ("ours_cold_ms", "ours_warm_ms", "read_table_dataset_ms", "hf_cold_ms", "hf_warm_ms", "from_file_ms"):
        assert report["load"][key] > 0
    (first,) = report["first_load"]
    for measure in ("seconds", "peak_growth_mb", "process_pss_mb"):
        assert first[measure]["a"] > 0 and first[measure]["b"] > 0 and first[measure]["runs"] == 1
    assert report["processes"]["import_datasets_ms"] > 0
    for command in ("load_process", "info", "versions", "show", "diff", "validate", "help"):
        assert report["processes"][command]["ms"] > 0 and report["processes"][command]["pss_mb"] > 0
    (row,) = report["build"]
    assert row["articles"] == 60
    for key in ("build_per_s", "langdetect_per_s", "build_over_langdetect", "speedup_2_processes"):
        assert row[key] > 0
    assert row["pss_mb_2_processes_tree"] > row["pss_mb_1_process"] > 50  # the workers are counted too
    planted = row["planted"]
    assert row["problems_found"].get("duplicate", 0) == planted["exact_duplicates"]
    for form in ("lines", "one_line"):
        sizes = report["cleaner"][form]["sizes"]
        assert [r["size"] for r in sizes] == [10_000, 40_000] and report["cleaner"][form]["linearity"] > 0
        assert all(r["bytes"] >= r["size"] and r["s_per_mb"] > 0 for r in sizes)


def test_bench_runs_only_the_sections_asked_for() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--only", "cleaner", "--clean-sizes", "3000", "6000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("machine: {'cpus': ") and "'load': [" in lines[0]
    assert [line.split(",")[1] for line in lines[1:]] == [" lines form", " one_line form"]
    assert all("linearity (last/first)" in line for line in lines[1:])


def test_scraped_text_is_whole_articles_and_one_line_keeps_the_words() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import scraped_text

    text = scraped_text(20_000)
    assert len(text.encode()) >= 20_000 and "\n\n" in text and text == scraped_text(20_000)
    shorter = scraped_text(5_000)
    assert text.startswith(shorter + "\n\n") and 5_000 <= len(shorter.encode()) < len(text.encode())


def test_synthetic_generator_is_deterministic_and_plants_what_it_reports(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_synthetic import FORMS, generate, write_corpus

    a = write_corpus(tmp_path / "a", 300, seed=7, exact=0.05, near=0.05)
    b = write_corpus(tmp_path / "b", 300, seed=7, exact=0.05, near=0.05)
    assert generate(tmp_path / "c", 3) == tmp_path / "c"
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir()) and len(files) == 301 and a == b
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "a").glob("*.txt"))]
    repeats = sum(n - 1 for n in Counter(texts).values())
    assert repeats == a.exact_duplicates > 0 and a.near_duplicates > 0
    assert set(a.forms) == set(FORMS) and sum(a.forms.values()) == 300 - a.exact_duplicates - a.near_duplicates
    words = {w for t in texts for w in t.split()}
    assert len(words) > 5000, "a large vocabulary"
    sentences = [s for t in set(texts) for s in t.replace("\n", " ").split(". ") if len(s.split()) >= 8]
    assert len(set(sentences)) > 0.85 * len(sentences), "distinct sentences (near duplicates repeat some)"
    assert any("â€" in t or "Ã" in t for t in texts), "some mojibake"
    assert any(".Baca" in t or ".Lihat" in t or ".Simak" in t for t in texts), "boilerplate glued to a sentence"
    assert any(" : " in t for t in texts), "tokenised text"


def test_bench_import_compares_an_import_with_a_build_of_the_same_rows() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--import", "30", "--runs", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)["import"]
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_scraped import rows

    assert row["rows"] == rows(30)[1].count("accepted") == row["counts"]["accepted"]
    assert row["counts"]["refused"] == row["counts"]["present"] == 0
    for measure in ("seconds", "pss_mb"):
        assert row[measure]["a"] > 0 and row[measure]["b"] > 0 and row[measure]["runs"] == 1
    assert row["ids"]["rows"] == [row["rows"], row["rows"]]
    assert row["ids"]["same_text_by_url"] == row["rows"]  # the same articles, cleaned the same way
    assert row["pss_growth_from_smallest"] == {"import": 1.0, "build": 1.0}


def test_bench_import_writes_dates_a_build_reads() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_import import iso_date

    printed = ["2016-12-19 05:00:00", "Senin, 19 Desember 2016 05:00 WIB", "19/12/2016", "2016-12-19T05:15:00+07:00"]
    assert {iso_date(d) for d in printed} == {"2016-12-19"}
    assert iso_date("Kamis, 05 Maret 2015 00:00 WIB") == "2015-03-05"
