"""Hostile collections for ``import`` and ``build --seeds``: pipes, loops, odd JSON, broken seeds.

Each one ends with an error that names the file (and the line or row), never a hang and never
a traceback; nothing is written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from venezuela_corpus.corpus import init
from venezuela_corpus.errors import CollectionError, IngestError
from venezuela_corpus.importer import import_articles
from venezuela_corpus.sources import open_collection

from .conftest import SEEDS

TEXT = (SEEDS / "001_48ed567f2e02b0d3.txt").read_text(encoding="utf-8")
DEEP = b"[" * 100_000 + b"]" * 100_000
"""Nested past what ``json`` can decode (RecursionError), in 200 KB."""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    # A timeout, so that a command blocked on a pipe fails the test instead of hanging it.
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    root = init(tmp_path / "mine", name="mine").root
    assert root is not None
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


def _row(**values: object) -> bytes:
    return json.dumps({"judul": "Judul", "isi_berita": TEXT, "link": "https://kompas.com/a", **values}).encode() + b"\n"


@pytest.mark.parametrize("command", ["import", "build"])
def test_a_pipe_named_as_the_collection_is_refused_not_waited_on(tmp_path: Path, mine: Path, command: str) -> None:
    pipe = tmp_path / "berita.csv"
    os.mkfifo(pipe)
    args = ["build", "--version", "0.1.0", "--seeds", str(pipe)] if command == "build" else ["import", str(pipe)]
    done = _cli(*args, "--corpus", str(mine))
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert "berita.csv" in done.stderr and ("pipe" in done.stderr or "not a regular file" in done.stderr)
    assert not (mine / "snapshots" / "0.1.0").exists()
    assert _files(mine / "seeds") == {"metadata.json": b'{\n  "format": 1,\n  "articles": []\n}\n'}


@pytest.mark.parametrize(
    ("target", "message"),
    [(None, "does not exist"), ("loop.csv", "cannot be read: Too many levels of symbolic links")],
)
def test_a_missing_or_looping_collection_is_one_error_naming_it(
    tmp_path: Path, target: str | None, message: str
) -> None:
    path = tmp_path / "loop.csv"
    if target is not None:
        path.symlink_to(target)
    with pytest.raises(CollectionError, match=f"loop.csv {message}"):
        open_collection(path)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"[1, 2]\n", "is a JSON list, not an object of fields"),
        (b"3\n", "is a JSON int, not an object of fields"),
        (b'{"judul": \n', "not valid JSON: Expecting value"),
        (DEEP + b"\n", "not valid JSON: nested too deeply"),
    ],
)
def test_json_lines_with_no_readable_record_name_the_file_and_the_line(
    tmp_path: Path, mine: Path, content: bytes, why: str
) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_bytes(content)
    with pytest.raises(CollectionError, match="berita.jsonl has no readable record") as caught:
        import_articles(path, corpus=mine)
    assert f"berita.jsonl row 1 (line 1) {why}" in str(caught.value)
    done = _cli("import", str(path), "--corpus", str(mine))
    assert done.returncode == 3 and "Traceback" not in done.stderr and "line 1" in done.stderr
    assert done.stderr.count(str(path)) == 1  # named once


def test_a_line_nested_too_deeply_is_one_refused_row_among_good_ones(tmp_path: Path, mine: Path) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_bytes(_row() + DEEP + b"\n")
    report = import_articles(path, corpus=mine)
    assert [r.status for r in report.rows] == ["accepted", "refused"]
    assert report.rows[1].reason == "[unreadable_row] not valid JSON: nested too deeply"
    done = _cli("build", "--version", "0.1.0", "--seeds", str(path), "--corpus", str(mine))
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert "berita.jsonl: [collection_read] cannot read the collection: line 2 is not JSON" in done.stderr


def test_a_missing_column_names_the_collection(tmp_path: Path, mine: Path) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_bytes(b'{"x": 1}\n')
    with pytest.raises(CollectionError, match=r"berita.jsonl: no column for text, title, url among x"):
        import_articles(path, corpus=mine)


def test_an_import_into_seeds_with_errors_of_their_own_writes_nothing(tmp_path: Path, mine: Path) -> None:
    seeds = mine / "seeds"
    for seed in SEEDS.iterdir():
        shutil.copy(seed, seeds / seed.name)
    (seeds / "loop.txt").symlink_to("loop.txt")
    path = tmp_path / "berita.jsonl"
    path.write_bytes(_row(isi_berita=TEXT + "\n\nSatu paragraf lagi tentang Caracas dan minyak."))
    before = _files(seeds)
    with pytest.raises(IngestError, match="its seeds have errors of their own") as caught:
        import_articles(path, corpus=mine)
    assert ("loop.txt", "symlink loop") in [(p.where, p.message) for p in caught.value.problems]
    assert _files(seeds) == before
    done = _cli("import", str(path), "--corpus", str(mine))
    assert done.returncode == 3 and "loop.txt" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("metadata.json", DEEP, "metadata.json is not valid JSON: nested too deeply; fix it, or remove metadata.json"),
        ("metadata.json", b"[]", 'metadata.json is not {"articles": [{"file": ..., ...}, ...]}'),
        ("metadata.json", b'{"articles": {}}', 'metadata.json is not {"articles": '),
        ("metadata.json", b'{"articles": [3]}', "metadata.json entry 1 names no text: it needs a 'file'"),
        ("metadata.json", b'{"articles": [{"file": ["a.txt"]}]}', "metadata.json entry 1 names no text"),
        ("metadata.json", b'{"articles": [{"file": "a.txt"}, {"file": "a.txt"}]}', "entry 2 names a.txt again"),
        ("metadata.csv", b'file,judul\n"a.txt', "hasil/metadata.csv row 1 (line 2) has 1 fields, the header 2"),
        ("metadata.csv", b"judul\nJudul\n", "metadata.csv row 1 names no text: it needs a 'file'"),
        ("metadata.jsonl", DEEP + b"\n", "hasil/metadata.jsonl row 1 (line 1) not valid JSON: nested too deeply"),
    ],
)
def test_a_folders_metadata_that_cannot_be_used_is_named_not_ignored(
    tmp_path: Path, mine: Path, name: str, content: bytes, message: str
) -> None:
    folder = tmp_path / "hasil"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / name).write_bytes(content)
    with pytest.raises(CollectionError, match=re.escape(message)):
        import_articles(folder, corpus=mine)
    done = _cli("import", str(folder), "--corpus", str(mine))
    assert done.returncode == 3 and "Traceback" not in done.stderr and message in done.stderr
    assert _files(mine / "seeds") == {"metadata.json": b'{\n  "format": 1,\n  "articles": []\n}\n'}


@pytest.mark.parametrize(
    ("values", "reasons"),
    [
        ({"judul": "\ud800"}, ["[bad_value] title holds a lone surrogate (\\ud800), not a character"]),
        ({"isi_berita": "\udc00 teks"}, ["[bad_value] text holds a lone surrogate (\\udc00), not a character"]),
        ({"link": "https://kompas.com/\x00a"}, ["[bad_value] url holds a NUL character: binary data, not text"]),
        ({"judul": ["a"]}, ["[bad_value] title is a list, not text"]),
        ({"judul": None}, ["[missing_field] no title: column 'judul' is empty"]),
    ],
    ids=["lone surrogate", "low surrogate", "NUL in url", "list", "empty"],
)
def test_a_bad_value_is_named_once_not_also_as_missing(
    tmp_path: Path, mine: Path, values: dict[str, object], reasons: list[str]
) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_bytes(_row() + _row(**{"link": "https://kompas.com/b", **values}))
    report = import_articles(path, corpus=mine, dry_run=True)
    assert report.rows[1].reason.split("; ") == reasons
