"""Validation: the per-record checks (:mod:`.checks`), then duplicates (:mod:`.duplicates`).

``validate(candidates) -> Report``; errors stop a build, warnings go into the manifest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .checks import Candidate, check_record
from .duplicates import DuplicateIndex
from .errors import Problem


@dataclass(frozen=True)
class Report:
    """Every problem found; ``errors`` stop a build, ``warnings`` go into the manifest."""

    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that stop a build."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems recorded but accepted."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors


def validate(candidates: Iterable[Candidate]) -> Report:
    """Validate cleaned articles: every per-record check, then duplicates among them."""
    problems: list[Problem] = []
    with DuplicateIndex() as index:
        for candidate in candidates:
            problems += check_record(candidate)
            index.add(candidate.article.id, candidate.article.text)
        return Report(tuple(problems + index.problems()))
