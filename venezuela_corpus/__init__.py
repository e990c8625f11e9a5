"""venezuela-corpus: a clean, validated, versioned corpus of Indonesian news about Venezuela.

>>> from venezuela_corpus import load_corpus
>>> ds = load_corpus("1.0.0")
>>> ds.num_rows, ds.info.version.version_str
(4, '1.0.0')
"""

from __future__ import annotations

__version__ = "0.2.0"

from .api import fingerprint, load_corpus, manifest, pin, versions
from .cleaning import CleanResult, Removal, clean_text
from .diff import Diff, diff
from .errors import (
    CorpusError,
    IngestError,
    IntegrityError,
    Problem,
    PublishError,
    SnapshotExistsError,
    ValidationError,
    VersionNotFoundError,
)
from .pipeline import build
from .store import Manifest

__all__ = [
    "CleanResult",
    "CorpusError",
    "Diff",
    "IngestError",
    "IntegrityError",
    "Manifest",
    "Problem",
    "PublishError",
    "Removal",
    "SnapshotExistsError",
    "ValidationError",
    "VersionNotFoundError",
    "__version__",
    "build",
    "clean_text",
    "diff",
    "fingerprint",
    "load_corpus",
    "manifest",
    "pin",
    "versions",
]
