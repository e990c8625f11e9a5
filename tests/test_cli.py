"""The command run as a user runs it: a subprocess, its output and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import venezuela_corpus as vc

from .conftest import ROOT

SUBCOMMANDS = ["info", "show", "validate", "add", "build", "versions", "diff", "export", "export-hub", "publish"]


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help_with_an_example(sub: str) -> None:
    out = run(sub, "--help")
    assert out.returncode == 0
    assert "Example" in out.stdout and f"venezuela-corpus {sub}" in out.stdout


def test_console_script_matches_module() -> None:
    exe = shutil.which("venezuela-corpus", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("console script not installed in this environment")
    out = subprocess.run([exe, "versions"], capture_output=True, text=True, check=True)
    assert out.stdout == run("versions").stdout


def test_info_json_is_stable_and_complete() -> None:
    out = run("info", "--version", "1.0.0", "--json")
    assert out.returncode == 0, out.stderr
    facts = json.loads(out.stdout)
    assert facts["rows"] == 4 and facts["version"] == "1.0.0"
    assert facts["pin"] == vc.pin("1.0.0")
    assert facts["outlets"] == {"Jurnas.com": 1, "Medcom.id": 1, "Republika": 1, "netizen.media": 1}
    assert facts["date_range"] == ["2018-09-09", "2024-07-30"]
    assert facts["fields"]["published_date"] == "Value('date32')"
    assert run("info", "--version", "1.0.0", "--json").stdout == out.stdout


def test_info_text() -> None:
    out = run("info")
    assert out.returncode == 0
    assert "pin: venezuela-corpus==" in out.stdout and "language_score" in out.stdout


def test_show_article_and_raw() -> None:
    out = run("show", "002", "--json")
    row = json.loads(out.stdout)
    assert row["keywords"] == ["Maduro", "Venezuela", "AS"]
    raw = run("show", "002", "--raw")
    assert raw.stdout.startswith("Presiden Venezuela, Nicolas Maduro (foto: UPI)")
    assert run("show", "zzz").returncode == 3


def test_unknown_version_is_one_line_error_without_traceback() -> None:
    out = run("info", "--version", "9.9.9")
    assert out.returncode == 3
    assert out.stderr.strip() == f"error: no corpus version '9.9.9'; available: {', '.join(vc.versions())}"
    assert "Traceback" not in out.stderr
    debug = run("--debug", "info", "--version", "9.9.9")
    assert "Traceback" in debug.stderr


def test_usage_error_exit_2() -> None:
    assert run("diff", "1.0.0").returncode == 2


def test_validate_seeds_ok_and_json() -> None:
    out = run("validate", "--json")
    assert out.returncode == 0, out.stdout
    report = json.loads(out.stdout)
    assert report["errors"] == 0 and report["problems"][0]["check"] == "machine_translated"


def test_validate_reports_every_problem_exit_1(tmp_path: Path) -> None:
    english = tmp_path / "english.txt"
    english.write_text("The government announced new measures on Monday to curb inflation. " * 10)
    short = tmp_path / "short.txt"
    short.write_text("Harga beras naik.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Harga \xff naik")
    out = run("validate", str(english), str(short), str(bad), "--json")
    assert out.returncode == 1
    checks = {(p["where"], p["check"]) for p in json.loads(out.stdout)["problems"]}
    assert (str(english), "language") in checks  # each file named as given
    assert (str(short), "min_length") in checks
    assert (str(bad), "encoding") in checks
    table = run("validate", str(english))
    assert table.returncode == 1 and "not Indonesian" in table.stdout


def test_validate_flags_duplicate_of_seed(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(ROOT / "seeds" / "001_48ed567f2e02b0d3.txt", copy)
    out = run("validate", str(copy), "--json")
    assert out.returncode == 1
    assert any("001_48ed567f2e02b0d3" in p["message"] for p in json.loads(out.stdout)["problems"])


ARTICLE = (
    "Pemerintah Kolombia membuka posko bantuan kemanusiaan baru di kota perbatasan Cucuta pada Senin pagi. "
    "Ribuan warga Venezuela mengantre sejak subuh untuk mendapatkan makanan, obat-obatan dan air bersih. "
    "Petugas setempat mengatakan jumlah pengungsi yang datang meningkat tajam dalam sepekan terakhir. "
    "Organisasi kemanusiaan internasional meminta negara-negara tetangga membuka jalur bantuan yang aman. "
    "Sementara itu pemerintah di Caracas menolak menyebut situasi tersebut sebagai krisis kemanusiaan."
)


def _add(seeds: Path, file: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(
        "add",
        str(file),
        "--seeds",
        str(seeds),
        "--outlet",
        "Kompas.com",
        "--published-date",
        "2019-03-01",
        "--url",
        "https://www.kompas.com/a",
        "--title",
        "Posko Bantuan di Cucuta",
        *extra,
    )


def test_add_then_build(seeds: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text("CUCUTA, KOMPAS.com - " + ARTICLE)
    out = _add(seeds, new)
    assert out.returncode == 0, out.stderr
    added = sorted(seeds.glob("004_*.txt"))
    assert len(added) == 1 and added[0].read_bytes() == new.read_bytes()
    meta = json.loads((seeds / "metadata.json").read_text())["articles"][-1]
    assert meta["file"] == added[0].name and meta["published_date"] == "2019-03-01"
    built = run("build", "--version", "1.1.0", "--seeds", str(seeds), "--out", str(tmp_path / "snaps"))
    assert built.returncode == 0, built.stderr
    assert "built 1.1.0: 5 rows" in built.stdout and "kompas_dateline" in built.stdout
    rows = pq.read_table(tmp_path / "snaps" / "1.1.0" / "articles.parquet").to_pylist()
    spans = Counter(r["rule"] for row in rows for r in row["removed"])
    printed = dict(re.findall(r"^(\w+) +(\d+)$", built.stdout, flags=re.M))  # plain lines: no terminal
    assert printed == {rule: str(n) for rule, n in spans.items()}


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (None, (), "near duplicate of 001_48ed567f2e02b0d3"),
        (
            "The government announced new measures on Monday to curb inflation and unemployment. " * 8,
            (),
            "not Indonesian",
        ),
        (ARTICLE, ("--published-date", "2019-13-45"), "is not a date"),
        (ARTICLE, ("--url", "kompas dot com"), "malformed url"),
    ],
    ids=["near-duplicate", "english", "bad-date", "bad-url"],
)
def test_add_refuses_and_writes_nothing(
    seeds: Path, tmp_path: Path, content: str | None, extra: tuple[str, ...], message: str
) -> None:
    new = tmp_path / "new.txt"
    if content is None:  # a near duplicate: a seed with one sentence changed
        text = (ROOT / "seeds" / "001_48ed567f2e02b0d3.txt").read_text()
        new.write_text(text.replace("Sebagian besar tentara", "Banyak tentara"))
    else:
        new.write_text(content)
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    out = _add(seeds, new, *extra)
    assert out.returncode == 1  # as validate: the article has errors
    assert out.stdout == "" and message in out.stderr and "nothing was written" in out.stderr
    assert {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != ".seeds.lock"} == before  # the lock's file


def test_diff_command() -> None:
    out = run("diff", "1.0.0", "1.0.1", "--json")
    data = json.loads(out.stdout)
    assert [c["id"] for c in data["changed"]] == ["002_c5021111c916f18a"]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_formats(fmt: str, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    out = tmp_path / f"corpus.{fmt}"
    assert run("export", "--format", fmt, "--version", "1.0.0", str(out)).returncode == 0
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 4
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert [r["id"] for r in rows] == sorted(vc.load_corpus("1.0.0")["id"])
    else:
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert json.loads(rows[2]["keywords"]) == ["Maduro", "Venezuela", "AS"]


def test_help_is_fast_to_import() -> None:
    code = "import sys, venezuela_corpus.cli; print('datasets' in sys.modules, 'pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


SUMMARISING = [
    (["info"], ["pyarrow"]),
    (["info", "--json"], ["pyarrow"]),
    (["versions"], []),
    (["show", "002"], ["pyarrow"]),
    (["show", "002", "--json"], ["pyarrow"]),
    (["diff", "1.0.0", "1.0.1"], ["pyarrow"]),
    (["validate", "--seeds", str(ROOT / "seeds")], ["langdetect"]),
]
HEAVY = (
    "datasets",
    "huggingface_hub",
    "pandas",
    "pyarrow",
    "pyarrow.compute",  # its wrappers: see venezuela_corpus.arrowfn
    "pyarrow.dataset",
    "langdetect",
    "concurrent.futures.process",  # (not multiprocessing: coverage imports it in the subprocesses it measures)
    "ray",
)
"""Modules whose import costs a command more than the work it does (or all of it)."""


@pytest.mark.parametrize(("args", "needed"), SUMMARISING, ids=[" ".join(args) for args, _ in SUMMARISING])
def test_commands_that_summarise_import_only_what_they_need(args: list[str], needed: list[str]) -> None:
    """No command that summarises imports `datasets`; each imports only the heavy modules its work needs."""
    code = (
        "import sys\nfrom venezuela_corpus.cli import main\n"
        "try:\n    main(sys.argv[1:], standalone_mode=False)\nfinally:\n"
        f"    print('\\nIMPORTED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == f"IMPORTED {needed}"


def test_info_and_show_check_the_rows_fingerprint_as_load_corpus_does(tmp_path: Path) -> None:
    """A data file rewritten with one text changed, its new hash and size in the manifest.

    Only the rows' fingerprint catches it; the commands check it without `datasets`."""
    import hashlib

    import pyarrow as pa

    folder = tmp_path / "corpus"
    assert run("init", str(folder), "--name", "tampered").returncode == 0
    snapshot = folder / "snapshots" / "1.0.0"
    shutil.copytree(ROOT / "venezuela_corpus" / "snapshots" / "1.0.0", snapshot)
    assert run("info", "--corpus", str(folder)).returncode == 0
    data = snapshot / "articles.parquet"
    table = pq.read_table(data)
    texts = table.column("text").to_pylist()
    texts[1] = texts[1].replace("Venezuela", "Venezuelа", 1)  # a Cyrillic a
    table = table.set_column(table.schema.get_field_index("text"), table.schema.field("text"), pa.array(texts))
    pq.write_table(table, data)
    manifest = json.loads((snapshot / "manifest.json").read_text())
    manifest["files"]["articles.parquet"] = {
        "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
        "size": data.stat().st_size,
    }
    (snapshot / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(vc.IntegrityError, match="rows have fingerprint"):
        vc.load_corpus("1.0.0", path=folder)
    for args in (["info"], ["info", "--json"], ["show", "002"]):
        out = run(*args, "--corpus", str(folder))
        assert out.returncode == 3 and "rows have fingerprint" in out.stderr, out.stderr
        assert "Traceback" not in out.stderr
