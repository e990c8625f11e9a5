"""Cross-process locks that say what they wait for and give up after a timeout."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from .atomic import write_errors
from .errors import LockTimeoutError

DEFAULT_TIMEOUT = 60.0
"""Seconds a command waits for a lock held by another process before it gives up."""

log = logging.getLogger("venezuela_corpus")


def holder(path: Path) -> int | None:
    """The id of the process holding a lock on *path*, from ``/proc/locks`` (Linux), if known."""
    try:
        st = path.stat()
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a process waiting for the lock, not holding it
            continue
        for i, field in enumerate(fields[1:], start=1):
            parts = field.split(":")
            if len(parts) == 3 and parts[2].isdigit() and int(parts[2]) == st.st_ino and fields[i - 1].isdigit():
                return int(fields[i - 1])
    return None


def _who(path: Path) -> str:
    pid = holder(path)
    return f"process {pid}" if pid else "another process"


@contextlib.contextmanager
def locked(path: Path, what: str, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the lock file *path* for the block; *what* says what it protects, for messages.

    If another process holds it, a warning says so (and which process, when known), and
    after *timeout* seconds :class:`LockTimeoutError` is raised. A lock is released when
    its process ends, however it ends.

    Raises:
        LockTimeoutError: naming the lock, its holder and what to do.
        WriteError: the lock file cannot be created.

    """
    from filelock import FileLock, Timeout

    with write_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            who = _who(path)
            log.warning("waiting for the lock on %s (%s) held by %s; giving up after %g s", what, path, who, timeout)
            try:
                lock.acquire(timeout=timeout)
            except Timeout:
                raise LockTimeoutError(
                    f"gave up after {timeout:g} s waiting for the lock on {what} ({path}) held by {_who(path)}: "
                    "let that command finish (or stop it), then run again; --lock-timeout waits longer"
                ) from None
    try:
        yield
    finally:
        lock.release()
