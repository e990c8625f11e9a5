"""scripts/devset.py on a tiny made-up repository, and the committed pointer files' shape."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "devset.py"
EVAL = ROOT / "scripts" / "eval_cleaning.py"
CSV_TEXT = 'id,isi\n0,"Jakarta - Harga naik.\r\nBaca juga: Judul Lain"\n1,"Warga antre, kata dia."\n'


def _git(cwd: Path, *args: str) -> str:
    env_args = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _record(rid: str, pointer: tuple[str, int | None, str | None], text: str, commit: str, **kw: object) -> str:
    path, row, column = pointer
    rec = {"id": rid, "repo": "someone/news", "commit": commit, "path": path, "row": row, "column": column,
           "sha256": _sha(text), "outlet": None, "url": None, "form": "lines", "split": "dev", "spans": []}  # fmt: skip
    rec.update(kw)
    return json.dumps(rec)


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path, str]:
    """A mirror folder holding someone/news (CSV, JSON, JSON Lines, text) and an empty devset."""
    repo = tmp_path / "mirror" / "someone+news" / "repo"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "data.csv").write_bytes(CSV_TEXT.encode("utf-8"))
    (repo / "a.json").write_text(json.dumps([{"content": "KOMPAS.com -\nPelatih"}, {"content": 3}]), encoding="utf-8")
    tokenised = [[["Harga", "naik", "."], ["Ya", "."]], [["Baca", "juga", ":", "X"]]]
    (repo / "b.jsonl").write_text(
        json.dumps({"t": "x", "p": tokenised}) + '\n\n{"t": "Bola.net - Klub", "p": ["not", "tokens"]}\n',
        encoding="utf-8",
    )
    (repo / "c.txt").write_text("Teks utuh.\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "data")
    commit = _git(repo, "rev-parse", "HEAD").strip()
    devset = tmp_path / "devset"
    devset.mkdir()
    return tmp_path / "mirror", devset, commit


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True)


def test_rebuild_writes_exact_texts_from_every_format(world: tuple[Path, Path, str]) -> None:
    mirror, devset, commit = world
    first = "Jakarta - Harga naik.\r\nBaca juga: Judul Lain"
    lines = [
        _record("n-0", ("data.csv", 0, "isi"), first, commit, spans=[{"start": 0, "end": 10, "family": "dateline"}]),
        _record("j-0", ("a.json", 0, "content"), "KOMPAS.com -\nPelatih", commit, split="clean"),
        _record("l-1", ("b.jsonl", 1, "t"), "Bola.net - Klub", commit, form="element_per_line"),
        _record("t", ("c.txt", None, None), "Teks utuh.\n", commit),
        _record("p-0", ("b.jsonl", 0, "p"), "Harga naik . Ya .\nBaca juga : X", commit, form="tokenised"),
        _record("h-0", ("data.csv", 0, "#1"), "isi", commit),  # no header: the first line is row 0
        _record("h-2", ("data.csv", 2, "#1"), "Warga antre, kata dia.", commit),
    ]
    (devset / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _run(SCRIPT, "rebuild", "--mirror", mirror, "--devset", devset)
    assert out.returncode == 0, out.stderr
    assert "rebuilt 7 texts" in out.stdout
    cache = devset / "cache"
    assert (cache / "n-0.txt").read_bytes() == first.encode("utf-8")  # \r\n kept: no normalisation
    assert (cache / "j-0.txt").read_bytes() == b"KOMPAS.com -\nPelatih"
    assert (cache / "l-1.txt").read_bytes() == b"Bola.net - Klub"
    assert (cache / "t.txt").read_bytes() == b"Teks utuh.\n"
    assert (cache / "p-0.txt").read_bytes() == b"Harga naik . Ya .\nBaca juga : X"  # tokens joined
    assert _run(SCRIPT, "check", "--devset", devset).returncode == 0

    report = _run(EVAL, "--devset", devset, "--json")
    assert report.returncode == 0, report.stderr
    result = json.loads(report.stdout)
    assert result["articles"] == {"dev": 6, "clean": 1}
    assert result["recall_by_family"]["dateline"]["tokens"] == 1


def test_rebuild_names_the_article_whose_hash_differs(world: tuple[Path, Path, str]) -> None:
    mirror, devset, commit = world
    (devset / "a.jsonl").write_text(
        _record("n-1", ("data.csv", 1, "isi"), "Warga antre.", commit) + "\n", encoding="utf-8"
    )
    out = _run(SCRIPT, "rebuild", "--mirror", mirror, "--devset", devset)
    assert out.returncode == 1
    assert "article n-1" in out.stderr and "SHA-256" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("path", "row", "column", "message"),
    [
        ("data.csv", 7, "isi", "no row 7"),
        ("data.csv", 0, "body", "no text column 'body'"),
        ("a.json", 1, "content", "no text column"),
        ("b.jsonl", 1, "p", "no text column 'p'"),
        ("b.jsonl", 5, "t", "no row 5"),
        ("data.csv", 9, "#1", "no row 9"),
        ("data.csv", 0, "#7", "no text column '#7'"),
        ("missing.csv", 0, "isi", "cannot read"),
    ],
)
def test_rebuild_reports_pointers_that_do_not_resolve(
    world: tuple[Path, Path, str], path: str, row: int, column: str, message: str
) -> None:
    mirror, devset, commit = world
    (devset / "a.jsonl").write_text(_record("bad-0", (path, row, column), "x", commit) + "\n", encoding="utf-8")
    out = _run(SCRIPT, "rebuild", "--mirror", mirror, "--devset", devset)
    assert out.returncode == 1 and message in out.stderr, out.stderr


def test_check_finds_bad_spans_and_records(world: tuple[Path, Path, str]) -> None:
    _, devset, commit = world
    text = "Warga antre, kata dia."
    bad_spans = [{"start": 5, "end": 3, "family": "credit"}, {"start": 0, "end": 99, "family": "nonsense"}]
    lines = [
        _record("n-1", ("data.csv", 1, "isi"), text, commit, spans=bad_spans),
        _record("n-1", ("data.csv", 1, "isi"), text, commit, form="wobbly"),
        json.dumps({"id": "short"}),
    ]
    (devset / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (devset / "cache").mkdir()
    (devset / "cache" / "n-1.txt").write_text(text, encoding="utf-8")
    out = _run(SCRIPT, "check", "--devset", devset)
    assert out.returncode == 1
    for message in ("empty, unsorted or overlaps", "unknown family 'nonsense'", "ends past the text (22",
                    "duplicate id", "form 'wobbly'", "short: missing keys"):  # fmt: skip
        assert message in out.stderr, out.stderr


def test_check_reports_a_line_that_is_not_json(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{not json\n", encoding="utf-8")
    out = _run(SCRIPT, "check", "--devset", tmp_path)
    assert out.returncode == 1 and "a.jsonl:1: not JSON" in out.stderr


def test_eval_asks_for_a_rebuild_when_texts_are_missing(world: tuple[Path, Path, str]) -> None:
    _, devset, commit = world
    (devset / "a.jsonl").write_text(_record("n-1", ("data.csv", 1, "isi"), "x", commit) + "\n", encoding="utf-8")
    out = _run(EVAL, "--devset", devset)
    assert out.returncode == 1 and "scripts/devset.py rebuild" in out.stderr


def test_committed_devset_is_well_formed() -> None:
    """The pointer files in tests/devset: keys, ids, forms, families, sorted non-overlapping spans."""
    out = _run(SCRIPT, "check")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for p in (ROOT / "tests" / "devset").glob("*.jsonl") for line in p.open()]
    assert len(records) >= 40
    assert all(len(r["commit"]) == 40 and len(r["sha256"]) == 64 for r in records)
    assert all("text" not in r and "raw" not in r for r in records), "pointers only: no article text"


DEVSET = ROOT / "tests" / "devset"
HELDOUT = DEVSET / "heldout.jsonl"
HELDOUT2 = DEVSET / "heldout2.jsonl"
HELDOUT3 = DEVSET / "heldout3.jsonl"
ARTICLES_C = DEVSET / "articles_c.jsonl"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def test_heldout_and_devset_are_reported_apart(world: tuple[Path, Path, str]) -> None:
    """--devset ignores heldout.jsonl, --heldout reads only it; check --set picks the same files."""
    mirror, devset, commit = world
    dev_line = _record("n-0", ("data.csv", 0, "isi"), "Jakarta - Harga naik.\r\nBaca juga: Judul Lain", commit,
                       spans=[{"start": 0, "end": 10, "family": "dateline"}])  # fmt: skip
    (devset / "a.jsonl").write_text(dev_line + "\n", encoding="utf-8")
    held = [
        _record("h-1", ("data.csv", 1, "isi"), "Warga antre, kata dia.", commit, split="clean"),
        _record("t", ("c.txt", None, None), "Teks utuh.\n", commit),
    ]
    (devset / "heldout.jsonl").write_text("\n".join(held) + "\n", encoding="utf-8")
    second = _record("g-2", ("data.csv", 1, "isi"), "Warga antre, kata dia.", commit, form="one_line")
    (devset / "heldout2.jsonl").write_text(second + "\n", encoding="utf-8")
    third = _record("k-3", ("data.csv", 0, "isi"), "Jakarta - Harga naik.\r\nBaca juga: Judul Lain", commit,
                    form="lines", spans=[{"start": 0, "end": 10, "family": "dateline"}])  # fmt: skip
    (devset / "heldout3.jsonl").write_text(third + "\n", encoding="utf-8")
    assert _run(SCRIPT, "rebuild", "--mirror", mirror, "--devset", devset).returncode == 0
    for subset, n in (("all", 5), ("dev", 1), ("heldout", 2), ("heldout2", 1), ("heldout3", 1)):
        out = _run(SCRIPT, "check", "--devset", devset, "--set", subset)
        assert out.returncode == 0 and f"{n} records OK" in out.stdout, (subset, out.stdout, out.stderr)
    dev = json.loads(_run(EVAL, "--devset", devset, "--json").stdout)
    assert dev["articles"] == {"dev": 1, "clean": 0}
    assert dev["recall_by_family"]["dateline"]["tokens"] == 1
    heldout = _run(EVAL, "--heldout", devset, "--json")
    assert heldout.returncode == 0, heldout.stderr
    assert json.loads(heldout.stdout)["articles"] == {"dev": 1, "clean": 1}
    assert "held-out set" in _run(EVAL, "--heldout", devset).stdout
    heldout2 = _run(EVAL, "--heldout2", devset, "--json")
    assert heldout2.returncode == 0, heldout2.stderr
    assert json.loads(heldout2.stdout)["articles"] == {"dev": 1, "clean": 0}
    assert json.loads(heldout2.stdout)["by_form"].keys() == {"one_line"}
    assert "second held-out set" in _run(EVAL, "--heldout2", devset).stdout
    heldout3 = json.loads(_run(EVAL, "--heldout3", devset, "--json").stdout)
    assert heldout3["articles"] == {"dev": 1, "clean": 0} and heldout3["by_form"].keys() == {"lines"}
    assert "third held-out set" in _run(EVAL, "--heldout3", devset).stdout
    for pair in (("--devset", "--heldout"), ("--heldout", "--heldout2"), ("--devset", "--heldout2"),
                 ("--heldout2", "--heldout3")):  # fmt: skip
        both = _run(EVAL, pair[0], devset, pair[1], devset)
        assert both.returncode == 2 and "ask for one" in both.stderr
    marked = json.loads(_run(EVAL, "--devset", devset, "--markers", "--json").stdout)
    assert marked["markers"]["markers"] == 0  # the dev record's only span is a dateline: no label words
    assert "markers" not in dev


def _eval_module() -> Any:
    spec = importlib.util.spec_from_file_location("eval_cleaning", EVAL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_markers_left_counts_label_words_that_survive() -> None:
    from venezuela_corpus.evaluation import Span

    markers_left = _eval_module().markers_left
    text = "Harga naik.Baca juga: Judul Lain Kalimat berikut. ADVERTISEMENT Editor: Rina"
    spans = [Span(11, 32, "related_link"), Span(50, 63, "ad_marker"), Span(64, 76, "credit")]
    assert text[11:32] == "Baca juga: Judul Lain" and text[64:76] == "Editor: Rina"
    gone = markers_left(text, spans, "Harga naik. Kalimat berikut.")
    assert gone == {("Baca juga", False): 1, ("ADVERTISEMENT", False): 1, ("Editor:", False): 1}
    half = markers_left(text, spans, "Harga naik. Kalimat berikut. ADVERTISEMENT Rina")
    assert half == {("Baca juga", False): 1, ("ADVERTISEMENT", True): 1, ("Editor:", False): 1}
    # a marker word outside every labelled span (reporting about an editor) is not a marker
    assert markers_left("Editor: kata dia.", [], "Editor: kata dia.") == {}


@pytest.mark.parametrize(
    ("held_file", "subset", "dev_n", "outlets"),
    [(HELDOUT, "heldout", 60, 10), (HELDOUT2, "heldout2", 150, 8), (HELDOUT3, "heldout3", 120, 8)],
)
def test_heldout_set_is_its_own(held_file: Path, subset: str, dev_n: int, outlets: int) -> None:
    """Each held-out file: well formed, from repositories and texts no other set uses, big enough."""
    out = _run(SCRIPT, "check", "--set", subset)
    assert out.returncode == 0, out.stderr
    held = _jsonl(held_file)
    others = [r for p in DEVSET.glob("*.jsonl") if p != held_file for r in _jsonl(p)]
    assert not {r["repo"] for r in held} & {r["repo"] for r in others}
    assert not {r["sha256"] for r in held} & {r["sha256"] for r in others}
    assert all(r["id"].startswith("h2-") for r in held) or held_file != HELDOUT2
    assert all(r["id"].startswith("h3-") for r in held) or held_file != HELDOUT3
    assert sum(r["split"] == "dev" for r in held) >= dev_n
    assert sum(r["split"] == "clean" for r in held) >= 20
    assert len({r["outlet"] for r in held if r["split"] == "dev" and r["outlet"]}) >= outlets
    assert all("text" not in r and "raw" not in r for r in held), "pointers only: no article text"


def test_third_development_file_shares_no_repository_or_text() -> None:
    """articles_c.jsonl came from repositories and texts no other file here uses."""
    ours = _jsonl(ARTICLES_C)
    others = [r for p in DEVSET.glob("*.jsonl") if p != ARTICLES_C for r in _jsonl(p)]
    assert not {r["repo"] for r in ours} & {r["repo"] for r in others}
    assert not {r["sha256"] for r in ours} & {r["sha256"] for r in others}
    assert all(r["id"].startswith("c-") for r in ours) and sum(r["split"] == "dev" for r in ours) >= 80


@pytest.mark.parametrize("held_file", [HELDOUT, HELDOUT2, HELDOUT3])
def test_heldout_texts_match_and_spans_sit_on_word_edges(held_file: Path) -> None:
    """Where the texts are rebuilt: each hash matches and no span starts or ends inside a word.

    A glued joint counts as a word edge where the case turns lower to upper (``MaafBaca``, as the
    metric splits), where two spans meet (``KAIBaca juga``: boilerplate on both sides), where
    an acronym runs into a capitalised word (``PDNHadi``: the span ends after ``PDN``), or where
    a number runs into one (``Windows 95Toko``).
    """
    held = _jsonl(held_file)
    cache = DEVSET / "cache"
    if not all((cache / f"{r['id']}.txt").exists() for r in held):
        pytest.skip(f"held-out texts not rebuilt (python scripts/devset.py rebuild --set {held_file.stem})")
    for rec in held:
        text = (cache / f"{rec['id']}.txt").read_bytes().decode("utf-8")
        assert _sha(text) == rec["sha256"], rec["id"]
        starts, ends = {s["start"] for s in rec["spans"]}, {s["end"] for s in rec["spans"]}
        for span in rec["spans"]:
            for edge in {span["start"], span["end"]} - (starts & ends):
                before, after, next_ = text[edge - 1 : edge], text[edge : edge + 1], text[edge + 1 : edge + 2]
                acronym = before.isupper() and after.isupper() and next_.islower()
                joint = ((before.islower() or before.isdigit()) and after.isupper()) or acronym
                inside = before.isalnum() and after.isalnum() and not joint
                assert not inside, f"{rec['id']}: span {span} cuts {text[edge - 10 : edge + 10]!r}"
