"""Atomic file writes: the one way this package writes a file.

The bytes go to a temporary file in the same folder, are flushed to disk, take over the
mode of the file they replace, and are renamed over it (``os.replace``): a reader sees the
old file or the new one, never a part, and an error or a kill leaves the old file as it
was. Any ``OSError`` becomes a :class:`~venezuela_corpus.errors.WriteError` that names the
file and says what to do. A temporary file left by a killed process is removed by the next
write of the same file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import CorpusError, WriteError

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp")


def temp_path(path: Path) -> Path:
    """A process-unique temporary name beside *path*: ``.<name>.<pid>-<random>.tmp``."""
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def owner(temp: Path) -> tuple[str, int] | None:
    """``(target name, pid)`` of a temporary file made by :func:`temp_path`, else ``None``.

    >>> owner(Path(".metadata.json.4242-0123abcd.tmp"))
    ('metadata.json', 4242)
    >>> owner(Path("metadata.json")) is None
    True
    """
    match = _TEMP.fullmatch(temp.name)
    return (match["name"], int(match["pid"])) if match else None


def alive(pid: int) -> bool:
    """Whether a process with this id exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def sweep(path: Path) -> None:
    """Remove temporary files of *path* whose writing process has ended (killed mid-write)."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(path.parent):
            found = owner(Path(entry.name))
            if found and found[0] == path.name and found[1] != os.getpid() and not alive(found[1]):
                Path(entry.path).unlink(missing_ok=True)


def fsync(path: Path) -> None:
    """Flush a file or a folder to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def write_errors(path: Path | str) -> Iterator[None]:
    """Turn any ``OSError`` in the block into a :class:`WriteError` naming *path*."""
    try:
        yield
    except CorpusError:  # already says what it is about (some subclass OSError)
        raise
    except OSError as exc:
        raise WriteError(path, exc) from exc


def landing(path: Path) -> Path:
    """The file a write of *path* replaces: a symbolic link's target (the link stays a link).

    Raises:
        WriteError: naming *path*, if it is (or links to) a folder, a device, a pipe or a
            socket: renaming a file over it would remove it (``/dev/null`` would become a file).

    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return target
    if stat.S_ISREG(mode):
        return target
    kind = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
    raise WriteError(path, OSError(f"it is {kind}, not a file"), advice=SPECIAL_ADVICE)


SPECIAL_ADVICE = "give the name of a file to create or replace (`export -` writes to standard output)"


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path to write *path*'s new content to; it replaces *path* if the block succeeds.

    The temporary file exists (empty, mode from the umask) when the block starts, so a
    writer that opens it by name keeps that mode; an existing *path*'s mode is kept. A
    symbolic link is followed (see :func:`landing`): its target is replaced, not the link.

    Raises:
        WriteError: naming *path*, if any step fails; *path* is then unchanged.

    """
    with write_errors(path):
        target = landing(path)
        tmp = temp_path(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            sweep(target)
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            yield tmp
            with contextlib.suppress(FileNotFoundError):
                tmp.chmod(stat.S_IMODE(target.stat().st_mode))
            fsync(tmp)
            tmp.replace(target)
            fsync(target.parent)
        finally:
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file for writing that replaces *path* when the block succeeds."""
    with atomic_path(path) as tmp, tmp.open(mode, **kwargs) as fh:
        yield fh


def write_bytes(path: Path, data: bytes) -> None:
    """Replace *path*'s content with *data*, atomically."""
    with atomic_open(path) as fh:
        fh.write(data)


def place(temp: Path, target: Path) -> None:
    """Rename a file :func:`stage` wrote (or a finished folder) over *target*."""
    temp.replace(target)


def move_folder(tmp: Path, target: Path, aside: Path | None = None) -> None:
    """Rename the finished folder *tmp* to *target*, then flush their folder.

    With *aside*, an existing *target* is first renamed to it, and put back if the second
    rename fails; the caller removes *aside*.
    """
    if aside is None:
        tmp.rename(target)
    else:
        target.rename(aside)
        try:
            tmp.rename(target)
        except BaseException:
            aside.rename(target)
            raise
    fsync(target.parent)


def stage(path: Path, data: bytes) -> Path:
    """Write *data* to a temporary file beside *path*, flushed to disk, and return it.

    The caller puts it in place (:func:`place`) after its commit point (see :mod:`venezuela_corpus.seedstore`);
    on error nothing is left.

    Raises:
        WriteError: naming *path*.

    """
    tmp = temp_path(path)
    with write_errors(path):
        try:
            with tmp.open("xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return tmp
