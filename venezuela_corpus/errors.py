"""One error hierarchy, rooted at :class:`CorpusError`.

Every message says what was wrong, where (file, record, rule, byte offset) and what to do.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding of ingest or validation.

    Attributes:
        severity: ``"error"`` stops a build; ``"warning"`` is recorded in the manifest.
        check: The name of the check or rule that found it.
        where: The file or record id it concerns.
        message: What is wrong.
        hint: What to do about it.

    """

    severity: str
    check: str
    where: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.where}: [{self.check}] {self.message}{hint}"


class CorpusError(Exception):
    """Base class of every error this package raises on purpose."""


class _ProblemsError(CorpusError):
    """An error that carries every problem found, not only the first."""

    def __init__(self, summary: str, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{summary}\n{lines}" if lines else summary)


class IngestError(_ProblemsError, ValueError):
    """Seed files or metadata cannot be read as they are."""


class ValidationError(_ProblemsError, ValueError):
    """Articles fail one or more validation checks."""


class VersionNotFoundError(CorpusError, LookupError):
    """No shipped snapshot matches the requested corpus version."""


class IntegrityError(CorpusError):
    """A snapshot's files, manifest or rows differ from what was recorded."""


class SnapshotExistsError(CorpusError, FileExistsError):
    """A snapshot of that version exists with other content; released versions are immutable."""


class BuildError(CorpusError):
    """A build's engine failed (a worker, the cluster, or one article's processing); nothing was written."""


class PublishError(CorpusError):
    """Exporting or publishing to the Hugging Face Hub failed."""


class CollectionError(CorpusError, ValueError):
    """A collection to import cannot be read as a whole (missing, unknown format, no text column, ...)."""


class NotACorpusError(CorpusError, FileNotFoundError):
    """A folder named as a corpus holds no ``corpus.json``, ``seeds/`` or ``snapshots/``."""


class ReadOnlyCorpusError(CorpusError, PermissionError):
    """A write would go into an installed package (site-packages): use a checkout or a corpus folder."""


_WRITE_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, then run again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run again",
    errno.EFBIG: "the file is larger than the file size limit (`ulimit -f`) or the file system allows: "
    "raise the limit or write somewhere else",
    errno.EACCES: "no permission to write there: choose a writable folder or fix its permissions",
    errno.EPERM: "no permission to write there: choose a writable folder or fix its permissions",
    errno.EROFS: "the file system is read-only: write somewhere else",
}
_ERRNO_IN_TEXT = re.compile(r"\[errno (\d+)\]", re.IGNORECASE)


class WriteError(CorpusError, OSError):
    """A file could not be written; the message names it, the reason and what to do.

    Attributes:
        errno: The operating system's error number, when known.
        filename: The file that was being written.

    """

    def __init__(self, path: object, cause: BaseException, *, stream: bool = False, advice: str | None = None) -> None:
        number = getattr(cause, "errno", None)
        if number is None and (found := _ERRNO_IN_TEXT.search(str(cause))):
            number = int(found[1])  # pyarrow's IOError gives the errno only in its text
        reason = os.strerror(number) if number else str(cause)
        advice = advice or _WRITE_ADVICE.get(number or 0, "check the folder and the disk, then run again")
        after = "Part of the output may have been written." if stream else "Any earlier file there is unchanged."
        self.message = f"cannot write {path}: {reason}; {advice}. {after}"
        super().__init__(number, self.message, str(path))

    def __str__(self) -> str:
        return self.message


class LockTimeoutError(CorpusError, TimeoutError):
    """Another process held a lock for longer than the caller was willing to wait."""
