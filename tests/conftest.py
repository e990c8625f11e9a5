from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the real seeds that a test may change."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest
