"""The command's manners, run as a user runs it: subprocesses with no terminal, closed pipes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import venezuela_corpus as vc

from .conftest import ROOT

COMMAND = [sys.executable, "-m", "venezuela_corpus"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    """The command with standard input, output and error not a terminal."""
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, timeout=300, env=os.environ.copy()
    )


def text(out: subprocess.CompletedProcess[bytes]) -> str:
    return out.stdout.decode()


def canonical_ids(version: str) -> list[str]:
    return sorted(vc.load_corpus(version)["id"])


# --- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".parquet", ".pq", ".jsonl", ".ndjson", ".csv"])
def test_export_infers_the_format_from_the_extension(suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"corpus{suffix}"
    result = run("export", str(out), "--version", "1.0.0")
    assert result.returncode == 0, result.stderr
    if suffix in (".parquet", ".pq"):
        assert out.read_bytes()[:4] == b"PAR1"
        assert sorted(pq.read_table(out)["id"].to_pylist()) == canonical_ids("1.0.0")
    elif suffix == ".csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        assert [r["id"] for r in rows] == canonical_ids("1.0.0")
    else:
        assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == canonical_ids("1.0.0")


def test_export_unknown_extension_or_conflicting_format_is_a_usage_error(tmp_path: Path) -> None:
    unknown = run("export", str(tmp_path / "corpus.txt"))
    assert unknown.returncode == 2 and b"cannot tell the format" in unknown.stderr
    clash = run("export", str(tmp_path / "corpus.csv"), "--format", "jsonl")
    assert clash.returncode == 2 and b"which is csv, not jsonl" in clash.stderr
    assert list(tmp_path.iterdir()) == []
    ok = run("export", str(tmp_path / "corpus.txt"), "--format", "csv")
    assert ok.returncode == 0 and (tmp_path / "corpus.txt").read_text().startswith("id,text,")


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    out.write_bytes(b"mine\n")
    refused = run("export", str(out))
    assert refused.returncode == 3
    assert refused.stderr.decode().strip() == f"error: {out} exists: pass --force to replace it (nothing was written)"
    assert out.read_bytes() == b"mine\n"
    forced = run("export", str(out), "--force", "--version", "1.0.0")
    assert forced.returncode == 0, forced.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == canonical_ids("1.0.0")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]  # no temporary file left


def test_export_dash_streams_to_stdout(tmp_path: Path) -> None:
    jsonl = run("export", "-", "--version", "1.0.0")
    assert jsonl.returncode == 0 and jsonl.stderr == b""
    vc.export(tmp_path / "x.jsonl", version="1.0.0")
    assert jsonl.stdout == (tmp_path / "x.jsonl").read_bytes()
    assert not (ROOT / "-").exists()
    as_csv = run("export", "-", "--format", "csv", "--version", "1.0.0")
    assert [r["id"] for r in csv.DictReader(io.StringIO(as_csv.stdout.decode()))] == canonical_ids("1.0.0")
    parquet = run("export", "-", "--format", "parquet", "--version", "1.0.0")  # stdout is a pipe, not a terminal
    assert parquet.stdout == vc.export(tmp_path / "x.parquet", version="1.0.0").read_bytes()


def test_export_api_refuses_to_overwrite_on_request(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    vc.export(out)
    before = out.read_bytes()
    with pytest.raises(FileExistsError):
        vc.export(out, overwrite=False)
    assert out.read_bytes() == before
    assert (out.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- export-hub and publish -----------------------------------------------------------------

HUB_FILES = ["README.md", "TERMS.md", "croissant.json", "data/train.parquet"]


def _listing(out: subprocess.CompletedProcess[bytes]) -> list[list[str]]:
    return [line.split() for line in text(out).splitlines()]


def _on_disk(folder: Path) -> list[list[str]]:
    import hashlib

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return [
        [str(p.stat().st_size), hashlib.sha256(p.read_bytes()).hexdigest()[:12], p.relative_to(folder).as_posix()]
        for p in files
    ]


def test_export_hub_lists_exactly_what_the_folder_holds(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    out = run("export-hub", str(folder))
    assert out.returncode == 0, out.stderr
    header, *rows = _listing(out)
    assert header == ["bytes", "sha256", "path"]
    assert rows == _on_disk(folder) and [r[2] for r in rows] == HUB_FILES


def test_export_hub_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    (folder / "data").mkdir(parents=True)
    (folder / "stray.txt").write_text("not ours")
    (folder / "data" / "old.parquet").write_bytes(b"old")
    refused = run("export-hub", str(folder))
    assert refused.returncode == 3 and b"is not empty" in refused.stderr and b"--force" in refused.stderr
    assert (folder / "stray.txt").read_text() == "not ours"
    forced = run("export-hub", str(folder), "--force")
    assert forced.returncode == 0, forced.stderr
    assert _listing(forced)[1:] == _on_disk(folder)  # the stray files are gone, not listed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub"]  # no temporary folder left


def test_export_hub_never_replaces_the_current_folder_or_a_git_checkout(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    here = run("export-hub", ".", "--force", cwd=tmp_path)
    assert here.returncode == 3 and b"will not replace" in here.stderr
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    assert run("export-hub", str(clone), "--force").returncode == 3
    assert (tmp_path / "keep.txt").exists() and (clone / ".git").is_dir()


def test_export_hub_into_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "hub"
    file.write_text("x")
    out = run("export-hub", str(file))
    assert out.returncode == 2 and file.read_text() == "x"  # click: "is a file"


def test_publish_dry_run_lists_what_export_hub_writes_by_default(tmp_path: Path) -> None:
    exported = run("export-hub", str(tmp_path / "hub"))
    dry = run("publish", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    first, *listing = _listing(dry)
    assert first == ["dry-run:", "venezuela-corpus/venezuela-corpus", f"v{vc.versions()[-1]}"]
    assert listing == _listing(exported)  # same header, same files, same bytes
    other = run("publish", "someone/venezuela-corpus", "--dry-run")
    assert _listing(other)[2:] != listing[1:]  # the card and croissant.json name the repository


@pytest.mark.parametrize("repo_id", ["bad id with spaces/x", "a/b/c", "x" * 97])
def test_publish_dry_run_refuses_a_bad_repo_id(repo_id: str) -> None:
    out = run("publish", repo_id, "--dry-run")
    assert out.returncode == 3 and out.stdout == b""
    assert f"error: not a Hub repository id: {repo_id!r}".encode() in out.stderr


def test_cli_default_repo_is_the_hubs() -> None:
    from venezuela_corpus import cli, hub

    assert cli.DEFAULT_REPO == hub.DEFAULT_REPO
