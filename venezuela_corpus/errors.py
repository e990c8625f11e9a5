"""One error hierarchy, rooted at :class:`CorpusError`.

Every message says what was wrong, where (file, record, rule, byte offset) and what to do.
"""

from __future__ import annotations

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


class PublishError(CorpusError):
    """Exporting or publishing to the Hugging Face Hub failed."""
