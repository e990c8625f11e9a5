"""The seeds folder as a small transactional store: one lock, one commit point, recovery.

Adding articles writes each new text to a temporary file, then ``metadata.json`` atomically:
its rename is the one commit point. The texts are renamed into place after it. A process
killed at any point leaves either the old state (plus temporary files) or a committed add
whose texts still carry temporary names; the next command that takes the lock finishes the
committed add and removes the rest, so no reader ever sees a text without its entry or an
entry without its text.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, cast

from .atomic import atomic_open, fsync, owner, place, stage, write_errors
from .corpus import METADATA_FILE
from .ingest import read_document
from .locks import DEFAULT_TIMEOUT, locked

LOCK_FILE = ".seeds.lock"
log = logging.getLogger("venezuela_corpus")


@contextlib.contextmanager
def seeds_lock(seeds: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the lock on *seeds* for the block, after finishing or undoing an interrupted add.

    A folder that does not exist or cannot be written is read without a lock: nobody can
    add to it either.

    Raises:
        LockTimeoutError: another command held the lock for *timeout* seconds.

    """
    if not seeds.is_dir() or not os.access(seeds, os.W_OK):
        yield
        return
    with locked(seeds / LOCK_FILE, f"the seeds in {seeds}", timeout):
        recover(seeds)
        yield


def _committed(seeds: Path) -> set[str] | None:
    doc, _ = read_document(seeds / METADATA_FILE)
    if doc is None:
        return None
    return {e["file"] for e in doc["articles"] if isinstance(e, dict) and isinstance(e.get("file"), str)}


def recover(seeds: Path) -> list[str]:
    """Finish a committed add or remove an uncommitted one's files (call under :func:`seeds_lock`).

    Returns what was done, one line each (also logged as warnings).
    """
    temps = [(p, found[0]) for p in sorted(seeds.iterdir()) if (found := owner(p)) and found[1] != os.getpid()]
    if not temps:
        return []
    listed = _committed(seeds)
    done = []
    with write_errors(seeds):
        for temp, name in temps:
            target = seeds / name
            if name == METADATA_FILE or target.exists():
                temp.unlink(missing_ok=True)  # an uncommitted metadata.json, or a text already in place
                done.append(f"removed {temp.name}, left by an interrupted write")
            elif listed is None:
                done.append(f"kept {temp.name}: {METADATA_FILE} is unreadable, so an interrupted add cannot be judged")
            elif name in listed:
                place(temp, target)
                done.append(f"completed an interrupted add: {name} put in place")
            else:
                temp.unlink(missing_ok=True)
                done.append(f"removed {temp.name}, left by an interrupted write")
        fsync(seeds)
    for line in done:
        log.warning("%s: %s", seeds, line)
    return done


def commit_add(
    seeds: Path,
    texts: Mapping[str, bytes] | Iterable[tuple[str, bytes]],
    metadata: bytes | Callable[[BinaryIO], None],
) -> None:
    """Add *texts* (file name -> bytes) and the new ``metadata.json`` together (under :func:`seeds_lock`).

    *texts* may be an iterable of ``(name, bytes)`` pairs, staged one at a time, and *metadata*
    a function that writes the document to a binary file, so an import of many articles
    never holds them all in memory.

    Raises:
        WriteError: naming the file; nothing was added then.

    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in texts.items() if isinstance(texts, Mapping) else texts:
            staged.append((stage(seeds / name, data), seeds / name))
        with atomic_open(seeds / METADATA_FILE) as fh:  # the rename that ends this block is the commit point
            if isinstance(metadata, bytes):
                fh.write(metadata)
            else:
                metadata(cast(BinaryIO, fh))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    with write_errors(seeds):
        for temp, target in staged:
            place(temp, target)
        fsync(seeds)
