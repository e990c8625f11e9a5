"""The project's own habits, enforced by the test command: lint, format and strict types."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

PATHS = ["venezuela_corpus", "tests", "scripts", ".ci"]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", *PATHS],
        [sys.executable, "-m", "ruff", "format", "--check", *PATHS],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_passes(command: list[str]) -> None:
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_blanket_suppressions() -> None:
    """Every remaining `type: ignore` or `noqa` names its code (and a reason)."""
    for path in ROOT.joinpath("venezuela_corpus").rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for marker in ("# type: ignore", "# noqa"):
                if marker in line:
                    rest = line.split(marker, 1)[1]
                    assert rest.startswith(("[", ":")) and " - " in rest, f"{path.name}:{number}: {line.strip()}"
