"""Clear errors instead of tracebacks: odd files in seeds/, odd metadata documents, odd manifests.

Each case is a problem that names the file or entry and says what to do, and the command line
prints it without a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from venezuela_corpus.errors import IngestError
from venezuela_corpus.ingest import MAX_DEPTH, ingest, read_document, url_problem

from .conftest import ROOT

SEED = "001_48ed567f2e02b0d3.txt"


def _cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


def _checks(exc: pytest.ExceptionInfo[IngestError]) -> set[tuple[str, str]]:
    return {(p.where, p.check) for p in exc.value.problems}


# --- odd things in seeds/ ------------------------------------------------------------------


def _loop(seeds: Path) -> None:
    (seeds / "loop.txt").symlink_to("loop.txt")


def _pair_loop(seeds: Path) -> None:
    (seeds / "a.txt").symlink_to("b.txt")
    (seeds / "b.txt").symlink_to("a.txt")


def _dangling(seeds: Path) -> None:
    (seeds / "gone.txt").symlink_to("nowhere.txt")


def _folder(seeds: Path) -> None:
    (seeds / "folder.txt").mkdir()


def _fifo(seeds: Path) -> None:
    os.mkfifo(seeds / "fifo.txt")  # opening it would block: it must never be opened


ODD = {
    "symlink loop": (_loop, "loop.txt", "symlink loop"),
    "two-link loop": (_pair_loop, "a.txt", "symlink loop"),
    "dangling symlink": (_dangling, "gone.txt", "No such file or directory"),
    "folder": (_folder, "folder.txt", "not a regular file"),
    "fifo": (_fifo, "fifo.txt", "not a regular file"),
}


@pytest.mark.parametrize("case", ODD)
def test_odd_seed_entries_are_problems_naming_the_file(seeds: Path, case: str) -> None:
    make, name, message = ODD[case]
    make(seeds)
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    (problem,) = [p for p in exc.value.problems if p.where == name and p.check != "metadata_missing"]
    assert message in problem.message and problem.hint
    assert {p.where for p in exc.value.problems} <= {name, "a.txt", "b.txt"}  # the real seeds still read


@pytest.mark.parametrize("command", ["validate", "build"])
def test_symlink_loop_in_the_cli(seeds: Path, tmp_path: Path, command: str) -> None:
    _loop(seeds)
    extra = ["--version", "1.0.0", "--out", str(tmp_path / "snaps")] if command == "build" else []
    out = _cli(command, "--seeds", str(seeds), *extra)
    assert out.returncode in (1, 3) and "Traceback" not in out.stderr
    assert "loop.txt" in out.stdout + out.stderr and "symlink loop" in out.stdout + out.stderr


def test_unlistable_seeds_folder(tmp_path: Path) -> None:
    (tmp_path / "seeds").symlink_to("seeds")
    with pytest.raises(IngestError, match=r"seeds: \[file_path\] cannot list the seeds folder"):
        ingest(tmp_path / "seeds")


def test_metadata_json_that_is_a_folder(seeds: Path) -> None:
    (seeds / "metadata.json").unlink()
    (seeds / "metadata.json").mkdir()
    with pytest.raises(IngestError, match=r"metadata\.json: \[metadata_json\] cannot read .*Is a directory"):
        ingest(seeds)


# --- metadata entries: every entry checked, whatever the one before held -------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1/berita", "Invalid IPv6 URL"),
        ("http://]/berita", "Invalid IPv6 URL"),
        ("https://www.kompas.com:99999/a", "Port out of range"),
        ("https://www.kompas.com:port/a", "Port could not be cast"),
        ("https://www.kom pas.com/a", "spaces or control characters"),
        ("https://www.kompas.com/a\x00", "spaces or control characters"),
        ("ftp://www.kompas.com/a", "not an absolute http(s) address"),
        ("https:///a", "not an absolute http(s) address"),
        ("kompas.com/a", "not an absolute http(s) address"),
    ],
)
def test_bad_url_is_a_per_entry_error_and_later_entries_are_checked(seeds: Path, url: str, reason: str) -> None:
    path = seeds / "metadata.json"
    doc = json.loads(path.read_text())
    doc["articles"][0]["url"] = url
    doc["articles"][2]["title"] = ""
    path.write_text(json.dumps(doc))
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    by_check = {p.check: p for p in exc.value.problems}
    assert set(by_check) == {"metadata_url", "metadata_type"}
    assert reason in by_check["metadata_url"].message and by_check["metadata_url"].where.startswith("metadata.json[0]")
    assert by_check["metadata_type"].where.startswith("metadata.json[2]")


def test_url_problem_accepts_real_addresses() -> None:
    for url in json.loads((ROOT / "seeds" / "metadata.json").read_text())["articles"]:
        assert url_problem(url["url"]) is None
    assert url_problem("http://[::1]:8080/berita") is None


def test_duplicate_key_in_an_entry_is_that_entry_s_error(seeds: Path) -> None:
    path = seeds / "metadata.json"
    text = path.read_text().replace('"outlet": "Republika",', '"outlet": "Republika", "outlet": "X",', 1)
    doc = json.loads(text)
    path.write_text(text.replace('"title": ' + json.dumps(doc["articles"][3]["title"]), '"title": 7'))
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    checks = {(p.where.split(" ")[0], p.check) for p in exc.value.problems}
    assert checks == {("metadata.json[0]", "metadata_duplicate"), ("metadata.json[3]", "metadata_type")}
    assert "key 'outlet' given twice" in str(exc.value)


@pytest.mark.parametrize(
    ("document", "why"),
    [
        (b'{"format": true, "articles": []}', "format is True"),
        (b'{"format": 1.0, "articles": []}', "format is 1.0"),
        (b'{"format": 1, "articles": [], "extra": 1}', "unknown key(s) 'extra'"),
        (b'{"format": 1, "articles": null}', "no list 'articles'"),
        (b'{"format": 1}', "no list 'articles'"),
        (b'"articles"', "format is None"),
        (b"null", "format is None"),
        (b"[1, 2]", "format is None"),
    ],
)
def test_metadata_document_shapes(seeds: Path, document: bytes, why: str) -> None:
    (seeds / "metadata.json").write_bytes(document)
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    (problem,) = [p for p in exc.value.problems if p.check == "metadata_json"]
    assert why in problem.message and problem.where == "metadata.json"


@pytest.mark.parametrize(
    ("key", "value", "offset"),
    [("title", "Judul\x00", 5), ("outlet", "\x1bKompas", 0), ("author", "A\nB", 1), ("notes", "a\x7fb", 1)],
)
def test_metadata_text_with_control_characters(seeds: Path, key: str, value: str, offset: int) -> None:
    path = seeds / "metadata.json"
    doc = json.loads(path.read_text())
    doc["articles"][0][key] = value
    path.write_text(json.dumps(doc))
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    (problem,) = [p for p in exc.value.problems if p.check == "metadata_text"]
    assert problem.where == "metadata.json[0] (000_d3f9cf7e7d47adc1.txt)"
    assert problem.message == f"{key!r} holds control character U+{ord(value[offset]):04X} at character {offset}"


def test_notes_may_hold_line_breaks_and_tabs(seeds: Path) -> None:
    path = seeds / "metadata.json"
    doc = json.loads(path.read_text())
    doc["articles"][0]["notes"] = "Sumber:\n\tarsip redaksi"
    path.write_text(json.dumps(doc))
    assert ingest(seeds)[0].meta.notes == "Sumber:\n\tarsip redaksi"


@pytest.mark.parametrize(
    "document",
    [
        b'{"format": 1, "articles": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
        b'{"format": 1, "articles": [{"file": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"}]}",
    ],
    ids=["arrays", "objects"],
)
def test_deeply_nested_metadata_is_refused_without_running_out_of_memory(seeds: Path, document: bytes) -> None:
    """ijson keeps a prefix per level (memory grows with the square of the depth): 20 GB for this."""
    (seeds / "metadata.json").write_bytes(document)
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    (problem,) = [p for p in exc.value.problems if p.check == "metadata_json"]
    assert problem.message == f"not valid JSON after 0 article entries: nested deeper than {MAX_DEPTH} levels"
    doc, problems = read_document(seeds / "metadata.json")
    assert doc is None and [p.message for p in problems] == ["not valid JSON: nested too deeply"]


def test_a_value_nested_a_little_is_a_type_error_of_its_entry(seeds: Path) -> None:
    path = seeds / "metadata.json"
    doc = json.loads(path.read_text())
    doc["articles"][0]["author"] = [["a"], {"b": [1]}]
    path.write_text(json.dumps(doc))
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    assert {(p.where, p.check) for p in exc.value.problems} == {
        ("metadata.json[0] (000_d3f9cf7e7d47adc1.txt)", "metadata_type")
    }


# --- the command line: a message and an exit code, never a traceback ------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the installed package whose snapshots a test may damage."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "venezuela_corpus", site / "venezuela_corpus", ignore=shutil.ignore_patterns("__pycache__"))
    return site


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ("articles.parquet", "'files' must be dict, not str"),
        (None, "'files' must be dict, not NoneType"),
        ({"articles.parquet": None}, "'files' entry 'articles.parquet' is not"),
        ({"../../../../etc/passwd": {"sha256": "ab" * 32, "size": 1}}, "not a plain name"),
    ],
)
def test_info_with_a_damaged_manifest(site: Path, files: object, message: str) -> None:
    path = site / "venezuela_corpus" / "snapshots" / "1.0.1" / "manifest.json"
    original = path.read_bytes()
    path.write_text(json.dumps({**json.loads(original), "files": files}))
    try:
        env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
        out = _cli("info", env=env, cwd=site)
        debug = _cli("--debug", "info", env=env, cwd=site)
    finally:
        path.write_bytes(original)
    assert out.returncode == 3 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: 1.0.1/manifest.json: manifest not understood") and message in out.stderr
    assert "Traceback" in debug.stderr and "IntegrityError" in debug.stderr


def test_os_errors_name_the_file(tmp_path: Path) -> None:
    out = _cli("show", "002", "--raw", "--seeds", str(tmp_path / "nowhere"))
    assert out.returncode == 3 and "Traceback" not in out.stderr and str(tmp_path / "nowhere") in out.stderr
