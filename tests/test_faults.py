"""Faults while writing: full disks, size limits, kills and locks held by another process.

Every write goes through venezuela_corpus.atomic: an error names the file and what to do,
an earlier good file is never truncated, and no temporary file is left behind.
"""

from __future__ import annotations

import errno
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from venezuela_corpus.atomic import atomic_open, owner, write_bytes, write_errors
from venezuela_corpus.errors import CorpusError, LockTimeoutError, WriteError
from venezuela_corpus.locks import holder, locked
from venezuela_corpus.store import list_versions

from .conftest import ROOT

LIMIT = 4096


def _limited() -> None:
    """In the child: a file size limit as a full disk would give (EFBIG instead of a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _cli(*args: str, limited: bool = False) -> subprocess.CompletedProcess[str]:
    # Under the limit, coverage could not save its data file (its own traceback): measure without it.
    env = {k: v for k, v in os.environ.items() if not (limited and k.startswith("COVERAGE_"))}
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_limited if limited else None,  # no threads here; the limit must hold in the child only
    )


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the helper itself ----------------------------------------------------------------------


def test_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "metadata.json"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metadata.json"]


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_bytes(tmp_path / "a" / "new.bin", b"x")  # the folder is made too
    finally:
        os.umask(old)
    assert (tmp_path / "a" / "new.bin").stat().st_mode & 0o777 == 0o640


def test_error_in_the_block_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"good\n")
    with pytest.raises(ZeroDivisionError), atomic_open(path) as fh:
        fh.write(b"half")
        _ = 1 / 0
    assert path.read_bytes() == b"good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real" / "corpus.jsonl"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o640)
    (tmp_path / "link.jsonl").symlink_to(target)
    write_bytes(tmp_path / "link.jsonl", b"new")
    assert (tmp_path / "link.jsonl").is_symlink() and target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["corpus.jsonl"]


def test_a_dangling_link_gets_its_target(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "made.txt")
    write_bytes(tmp_path / "link", b"x")
    assert (tmp_path / "made.txt").read_bytes() == b"x" and (tmp_path / "link").is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "folder", "link to a fifo"])
def test_a_special_file_is_never_replaced(tmp_path: Path, kind: str) -> None:
    special = tmp_path / "special"
    if kind == "folder":
        special.mkdir()
    else:
        os.mkfifo(special)
    path = tmp_path / "link" if kind.startswith("link") else special
    if path != special:
        path.symlink_to(special)
    kinds = "(folder|device, pipe or socket)"
    with pytest.raises(WriteError, match=rf"^cannot write {re.escape(str(path))}: it is a {kinds}, not a file; give"):
        write_bytes(path, b"x")
    assert special.is_dir() if kind == "folder" else stat.S_ISFIFO(special.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"special", path.name})


def test_export_over_a_pipe_refuses(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # as /dev/null would be: renaming a file over it would remove it
    res = _cli("export", str(tmp_path / "pipe"), "--format", "jsonl", "--force")
    assert res.returncode == 3 and "Traceback" not in res.stderr
    assert res.stderr.startswith(f"error: cannot write {tmp_path / 'pipe'}: it is a device, pipe or socket, not a file")
    assert stat.S_ISFIFO((tmp_path / "pipe").stat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_real_full_disk_names_the_file(tmp_path: Path) -> None:
    """/dev/full answers every write with ENOSPC, as a full disk does."""
    with pytest.raises(WriteError) as exc, write_errors(tmp_path / "corpus.csv"), Path("/dev/full").open("wb") as fh:
        fh.write(b"x" * 10)
        fh.flush()
    assert exc.value.errno == errno.ENOSPC and exc.value.filename == str(tmp_path / "corpus.csv")
    assert str(exc.value).startswith(f"cannot write {tmp_path / 'corpus.csv'}: No space left on device")
    assert "free some space" in str(exc.value)
    assert isinstance(exc.value, CorpusError) and isinstance(exc.value, OSError)


def test_corpus_errors_pass_through_unchanged(tmp_path: Path) -> None:
    with pytest.raises(LockTimeoutError, match="^boom$"), write_errors(tmp_path / "x"):
        raise LockTimeoutError("boom")  # a TimeoutError is an OSError, but it is not a write error


def test_temp_of_a_killed_writer_is_swept_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    path.write_bytes(b"good")
    code = textwrap.dedent(f"""
        import pathlib, time
        from venezuela_corpus.atomic import atomic_open
        with atomic_open(pathlib.Path({str(path)!r})) as fh:
            fh.write(b"partial"); fh.flush()
            print("writing", flush=True)
            time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.kill()
    proc.wait()
    (left,) = [p for p in tmp_path.iterdir() if p != path]
    assert owner(left) == ("corpus.parquet", proc.pid)  # the kill left its temp file ...
    assert path.read_bytes() == b"good"  # ... and the old file as it was
    alive = tmp_path / f".corpus.parquet.{os.getppid()}-0123abcd.tmp"  # a live writer's is kept
    alive.write_bytes(b"")
    write_bytes(path, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["corpus.parquet", alive.name])
    assert path.read_bytes() == b"new"


# --- the commands under a file size limit ----------------------------------------------------


def test_export_under_a_size_limit_keeps_the_earlier_file(tmp_path: Path) -> None:
    for fmt in ("parquet", "jsonl", "csv"):
        out = tmp_path / f"corpus.{fmt}"
        assert _cli("export", "--format", fmt, str(out)).returncode == 0
        good = out.read_bytes()
        assert len(good) > LIMIT
        res = _cli("export", "--format", fmt, str(out), "--force", limited=True)
        assert res.returncode == 3, res.stderr
        assert f"cannot write {out}: File too large" in res.stderr and "ulimit -f" in res.stderr
        assert "Traceback" not in res.stderr
        assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.csv", "corpus.jsonl", "corpus.parquet"]


def test_export_to_a_full_standard_output_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    with (tmp_path / "out.jsonl").open("wb") as out:
        res = subprocess.run(
            [sys.executable, "-m", "venezuela_corpus", "export", "-", "--format", "jsonl"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=_limited,
        )
    assert res.returncode == 3 and "Traceback" not in res.stderr
    assert res.stderr.startswith("error: cannot write standard output: File too large;"), res.stderr
    assert res.stderr.rstrip().endswith("Part of the output may have been written.")


def test_export_hub_under_a_size_limit_leaves_no_temp(tmp_path: Path) -> None:
    res = _cli("export-hub", str(tmp_path / "hub"), limited=True)
    assert res.returncode == 3 and "Traceback" not in res.stderr
    named = re.search(rf"cannot write {re.escape(str(tmp_path / 'hub'))}/(\S+): File too large", res.stderr)
    assert named and named[1] in ("README.md", "TERMS.md", "croissant.json", "data/train.parquet"), res.stderr
    assert list(tmp_path.iterdir()) == []  # no folder, no temporary folder


@pytest.mark.parametrize("contents", [[], ["old.txt"]])
def test_export_hub_into_a_linked_folder_replaces_what_it_links_to(tmp_path: Path, contents: list[str]) -> None:
    from venezuela_corpus.hub import export_hub

    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    for name in contents:
        (tmp_path / "real" / name).write_text("old")
    link = tmp_path / "links" / "hub"
    link.symlink_to(tmp_path / "real")
    written = export_hub(link, "1.0.1", overwrite=True)
    assert link.is_symlink() and link.readlink() == tmp_path / "real"  # the link stays a link
    found = sorted(str(p.relative_to(tmp_path / "real")) for p in (tmp_path / "real").rglob("*") if p.is_file())
    assert found == sorted(f.path for f in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links", "real"]  # nothing left beside either
    assert [p.name for p in (tmp_path / "links").iterdir()] == ["hub"]


def test_export_hub_clears_what_a_killed_export_left(tmp_path: Path) -> None:
    from venezuela_corpus.hub import export_hub

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    (tmp_path / f".hub.tmp-{pid}-0123abcd" / "data").mkdir(parents=True)
    (tmp_path / f".hub.old-{pid}-0123abcd").mkdir()
    (tmp_path / f".hub.old-{pid}-0123abcd" / "README.md").write_text("the earlier export")
    (tmp_path / f".other.tmp-{pid}-0123abcd").mkdir()  # another folder's: left alone
    (tmp_path / f".hub.tmp-{os.getpid()}-0123abcd").mkdir()  # a live process's: left alone
    export_hub(tmp_path / "hub", "1.0.1", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["hub", f".other.tmp-{pid}-0123abcd", f".hub.tmp-{os.getpid()}-0123abcd"]
    )
    assert (tmp_path / "hub" / "README.md").read_text() != "the earlier export"


def test_build_under_a_size_limit_names_the_snapshot_file(tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    assert _cli("build", "--version", "1.0.0", "--seeds", str(ROOT / "seeds"), "--out", str(root)).returncode == 0
    before = _listing(root)
    res = _cli("build", "--version", "1.0.1", "--seeds", str(ROOT / "seeds"), "--out", str(root), limited=True)
    assert res.returncode == 3 and "Traceback" not in res.stderr
    assert f"cannot write {root / '1.0.1' / 'articles.parquet'}: File too large" in res.stderr
    assert "built" not in res.stdout
    assert list_versions(root) == ["1.0.0"] and _listing(root) == before
    assert not list(root.glob(".tmp-*"))


def test_unwritable_destination_is_a_clear_error(tmp_path: Path) -> None:
    res = _cli("export", "/proc/venezuela-corpus/out.parquet")  # not even root can write in /proc
    assert res.returncode == 3 and "Traceback" not in res.stderr
    assert res.stderr.startswith("error: cannot write /proc/venezuela-corpus/out.parquet: ")


# --- locks ----------------------------------------------------------------------------------


HOLD = textwrap.dedent("""
    import pathlib, sys
    from venezuela_corpus.store import build_lock
    with build_lock(pathlib.Path(sys.argv[1])):
        print("holding", flush=True)
        sys.stdin.readline()
""")


@pytest.fixture
def held(tmp_path: Path) -> subprocess.Popen[str]:
    """Another process holding the build lock of tmp_path/snaps until it reads a line."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "snaps")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    yield proc
    proc.kill()
    proc.wait()


def test_lock_holder_is_found(tmp_path: Path, held: subprocess.Popen[str]) -> None:
    assert holder(tmp_path / "snaps" / ".build.lock") == held.pid
    assert holder(tmp_path / "nothing.lock") is None


def test_build_says_it_waits_and_gives_up(tmp_path: Path, held: subprocess.Popen[str]) -> None:
    root = tmp_path / "snaps"
    res = _cli(
        "build", "--version", "1.0.0", "--seeds", str(ROOT / "seeds"), "--out", str(root), "--lock-timeout", "0.5"
    )
    assert res.returncode == 3 and "Traceback" not in res.stderr
    lock = root / ".build.lock"
    assert f"waiting for the lock on the snapshots in {root} ({lock}) held by process {held.pid}" in res.stderr
    assert f"gave up after 0.5 s waiting for the lock on the snapshots in {root} ({lock})" in res.stderr
    assert "--lock-timeout" in res.stderr
    assert list_versions(root) == []


def test_build_waits_then_runs_when_the_lock_is_released(tmp_path: Path, held: subprocess.Popen[str]) -> None:
    root = tmp_path / "snaps"
    args = ["build", "--version", "1.0.0", "--seeds", str(ROOT / "seeds"), "--out", str(root)]
    waiter = subprocess.Popen(
        [sys.executable, "-m", "venezuela_corpus", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert waiter.stderr is not None and "waiting for the lock" in waiter.stderr.readline()
    assert held.stdin is not None
    held.stdin.write("done\n")
    held.stdin.flush()
    out, _ = waiter.communicate(timeout=300)
    assert waiter.returncode == 0 and "built 1.0.0" in out
    assert list_versions(root) == ["1.0.0"]


def test_lock_timeout_in_process(tmp_path: Path, held: subprocess.Popen[str]) -> None:
    lock = tmp_path / "snaps" / ".build.lock"
    with (
        pytest.raises(LockTimeoutError, match=rf"held by process {held.pid}: let that command finish"),
        locked(lock, "the test's snapshots", timeout=0),
    ):
        pass


def test_unwritable_lock_folder_is_a_write_error() -> None:
    with (
        pytest.raises(WriteError, match=r"cannot write /proc/venezuela-corpus/\.build\.lock"),
        locked(Path("/proc/venezuela-corpus/.build.lock"), "nothing"),
    ):
        pass
