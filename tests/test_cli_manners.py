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
        [str(p.stat().st_size), hashlib.sha256(p.read_bytes()).hexdigest(), p.relative_to(folder).as_posix()]
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


# --- a reader that goes away, and the exit that used to abort ---------------------------------


def _closed_early(*args: str) -> tuple[int, bytes]:
    """Run the command, read one line of its output and close the pipe, as `| head -1` does."""
    proc = subprocess.Popen(
        [*COMMAND, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    return proc.wait(timeout=300), err


@pytest.mark.parametrize(
    "args",
    [
        ("info",),
        ("info", "--json"),
        ("show", "002"),
        ("versions",),
        ("diff", "1.0.0", "1.0.1"),
        ("export", "-", "--version", "1.0.0"),
        ("export", "-", "--format", "csv"),
        ("validate",),
        ("--help",),
    ],
    ids=" ".join,
)
def test_a_closed_pipe_is_exit_0_and_silent(args: tuple[str, ...]) -> None:
    for _ in range(3):  # the reader may close before or after the command has written it all
        assert _closed_early(*args) == (0, b"")


def test_wrong_pin_never_aborts() -> None:
    """Once in ~50 runs this aborted with 'terminate called without an active exception' (134)."""
    pin = f"venezuela-corpus==1.0.0@sha256:{'0' * 64}"
    for _ in range(20):
        out = run("info", "--version", pin)
        assert out.returncode == 3, out.stderr
        assert len(out.stderr.decode().splitlines()) == 1 and b"not the pinned" in out.stderr


READ_THEN_EXIT = """
import os, sys, zipfile
import pyarrow  # its own threads start here
from venezuela_corpus.store import read_table
before = len(os.listdir("/proc/self/task"))
read_table(zipfile.Path(sys.argv[1]) / "1.0.0")
print(before, len(os.listdir("/proc/self/task")))
sys.exit(3)  # at once: the interpreter finalises while any thread the read started still runs
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_reading_python_bytes_starts_no_thread_that_outlives_it(tmp_path: Path) -> None:
    """The cause of that abort: an Arrow I/O thread released the reader of Python-owned bytes
    (taking the GIL) while the interpreter was finalising. Bytes read from a zip are such bytes."""
    import zipfile

    archive = tmp_path / "snapshots.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("manifest.json", "articles.parquet"):
            zf.write(ROOT / "venezuela_corpus" / "snapshots" / "1.0.0" / name, f"1.0.0/{name}")
    for _ in range(20):
        out = subprocess.run([sys.executable, "-c", READ_THEN_EXIT, str(archive)], capture_output=True, text=True)
        assert out.returncode == 3, out.stderr
        before, after = out.stdout.split()
        assert before == after  # no thread was started, so none can outlive the read


# --- versions, and what --version means ---------------------------------------------------


def test_top_level_version_prints_the_package_and_the_newest_corpus() -> None:
    out = run("--version")
    assert out.returncode == 0
    shipped = vc.versions()
    assert text(out) == f"venezuela-corpus {vc.__version__} (corpus {shipped[-1]}; shipped: {', '.join(shipped)})\n"


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (("--version", "1.0.0", "info"), "venezuela-corpus info --version 1.0.0"),
        (("--version", "1.0.0", "show", "002"), "venezuela-corpus show --version 1.0.0"),
        (("--debug", "--version", "info"), "venezuela-corpus info --version X.Y.Z"),
    ],
)
def test_a_corpus_version_before_the_command_is_refused(args: tuple[str, ...], example: str) -> None:
    out = run(*args)
    assert out.returncode == 2 and out.stdout == b""
    assert "--version before a command prints the package version" in out.stderr.decode()
    assert example in out.stderr.decode()


def test_corpus_version_after_the_command_still_works() -> None:
    out = run("info", "--version", "1.0.0", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["version"] == "1.0.0"


def test_versions_json() -> None:
    out = run("versions", "--json")
    assert out.returncode == 0
    listed = json.loads(out.stdout)
    assert [v["version"] for v in listed] == vc.versions()
    for entry in listed:
        m = vc.manifest(entry["version"])
        assert entry == {
            "version": m.version,
            "fingerprint": m.fingerprint,
            "pin": vc.pin(m.version),
            "rows": m.rows,
            "ruleset_version": m.ruleset_version,
        }
    assert text(run("versions")).splitlines() == [v["pin"] for v in listed]


# --- plain, complete output without a terminal --------------------------------------------


def test_tables_are_plain_and_complete_without_a_terminal() -> None:
    row = vc.load_corpus()[0]
    out = text(run("show", row["id"]))
    assert "…" not in out and "│" not in out and "━" not in out
    lines = out.splitlines()
    assert f"url              {row['url']}" in lines  # whole, on one line
    assert f"title            {row['title']}" in lines
    info = text(run("info"))
    assert "…" not in info and "│" not in info
    assert "field            type" in info.splitlines()


# --- validate -------------------------------------------------------------------------------


def test_validate_names_files_as_given(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "boilerplate_only.txt").write_text("Harga beras naik.")
    (drafts / "copy.txt").write_bytes((ROOT / "seeds" / "001_48ed567f2e02b0d3.txt").read_bytes())
    (drafts / "bad").write_bytes(b"\xff\xfe")
    given = ("drafts/boilerplate_only.txt", "drafts/copy.txt", "drafts/bad")
    out = run("validate", *given, "--seeds", str(ROOT / "seeds"), "--json", cwd=tmp_path)
    assert out.returncode == 1
    problems = json.loads(out.stdout)["problems"]
    assert {p["where"] for p in problems} == set(given)
    assert not any("loose" in p["message"] or "loose" in p["where"] for p in problems)


def test_validate_without_seeds_says_what_to_do(tmp_path: Path) -> None:
    out = run("validate", cwd=tmp_path)  # not in a corpus folder
    assert out.returncode == 3
    err = out.stderr.decode()
    assert f"the current folder {tmp_path} is not a corpus folder" in err and "pass --corpus DIR" in err
    assert "Errno" not in err
    named = run("validate", "--seeds", "nowhere", cwd=tmp_path)  # a seeds folder that is not there
    assert named.returncode == 2
    err = named.stderr.decode()
    assert "Invalid value for '--seeds': no folder 'nowhere'" in err and "pass --corpus DIR" in err
    assert "Errno" not in err
    loose = tmp_path / "a.txt"
    loose.write_text("Harga beras naik.")
    assert run("validate", "a.txt", cwd=tmp_path).returncode == 1  # files need no seeds folder


# --- build ----------------------------------------------------------------------------------


def test_build_without_a_terminal_prints_progress_lines_and_says_unchanged(tmp_path: Path) -> None:
    args = ("build", "--version", "1.0.1", "--seeds", str(ROOT / "seeds"), "--out", str(tmp_path))
    first = run(*args, "--progress-every", "0")
    assert first.returncode == 0, first.stderr
    n = len(list((ROOT / "seeds").glob("*.txt")))
    assert first.stderr.decode().splitlines() == [f"building 1.0.1: {n}/{n} articles (100%)"]
    assert text(first).startswith("built 1.0.1: ")
    again = run(*args, "--progress-every", "3600")
    assert again.returncode == 0 and again.stderr == b""  # no line before --progress-every seconds
    assert text(again).startswith(f"unchanged 1.0.1: {n} rows, identical to the snapshot in {tmp_path}")
    assert text(again).splitlines()[-1] == f"pin: {vc.pin('1.0.1')}"


# --- add --------------------------------------------------------------------------------------

ARTICLE = (
    "Pemerintah Kolombia membuka posko bantuan kemanusiaan baru di kota perbatasan Cucuta pada Senin pagi. "
    "Ribuan warga Venezuela mengantre sejak subuh untuk mendapatkan makanan, obat-obatan dan air bersih. "
    "Petugas setempat mengatakan jumlah pengungsi yang datang meningkat tajam dalam sepekan terakhir. "
    "Organisasi kemanusiaan internasional meminta negara-negara tetangga membuka jalur bantuan yang aman. "
    "Sementara itu pemerintah di Caracas menolak menyebut situasi tersebut sebagai krisis kemanusiaan."
)
FLAGS = ("--outlet", "Kompas.com", "--url", "https://www.kompas.com/a", "--title", "Posko Bantuan di Cucuta")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != ".seeds.lock"}


def test_add_refusal_lists_metadata_and_text_errors_together_exit_1(seeds: Path, tmp_path: Path) -> None:
    english = tmp_path / "english.txt"
    english.write_text("The government announced new measures on Monday to curb inflation and unemployment. " * 8)
    before = _files(seeds)
    out = run(
        "add",
        str(english),
        "--seeds",
        str(seeds),
        "--outlet",
        "Kompas.com",
        "--url",
        "kompas dot com",
        "--title",
        "T",
        "--published-date",
        "2019-13-45",
    )
    assert out.returncode == 1 and out.stdout == b""  # like validate; a refusal is all on stderr
    lines = out.stderr.decode().splitlines()
    assert lines[0] == "problems"
    wheres = {line.split()[1] for line in lines[2:-1]}
    assert wheres == {"--url", "--published-date", str(english)}  # the flags, and the file as given
    assert "metadata.json[" not in out.stderr.decode()
    assert any("not Indonesian" in line and line.split()[1] == str(english) for line in lines)
    assert any("give YYYY-MM-DD, or unknown if not known" in line for line in lines)
    assert lines[-1] == f"cannot add {english}: 3 error(s); nothing was written"
    assert _files(seeds) == before


@pytest.mark.parametrize("unknown", ["unknown", "null", "Unknown", "NULL"])
def test_add_accepts_an_unknown_date(unknown: str, seeds: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(ARTICLE)
    out = run("add", str(new), "--seeds", str(seeds), *FLAGS, "--published-date", unknown)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "(Kompas.com, date unknown)" in text(out)
    entry = json.loads((seeds / "metadata.json").read_text())["articles"][-1]
    assert entry["published_date"] is None and entry["title"] == "Posko Bantuan di Cucuta"


def test_add_without_seeds_says_what_to_do(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(ARTICLE)
    out = run("add", "new.txt", *FLAGS, cwd=tmp_path)  # not in a corpus folder
    assert out.returncode == 3 and b"is not a corpus folder" in out.stderr and b"pass --corpus DIR" in out.stderr
    named = run("add", "new.txt", *FLAGS, "--seeds", "nowhere", cwd=tmp_path)
    assert named.returncode == 2 and b"no folder 'nowhere'" in named.stderr and b"Errno" not in named.stderr
