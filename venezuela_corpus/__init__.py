"""venezuela-corpus: a clean, validated, versioned corpus of Indonesian news about Venezuela.

>>> from venezuela_corpus import load_corpus
>>> ds = load_corpus("1.0.0")
>>> ds.num_rows, ds.info.version.version_str
(4, '1.0.0')

Names are imported on first use (PEP 562), so ``import venezuela_corpus`` and the command
line start fast and loading never imports the cleaning or build machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"

_EXPORTS = {
    "Article": "article",
    "CleanResult": "cleaning",
    "CorpusError": "errors",
    "Diff": "diff",
    "IngestError": "errors",
    "IntegrityError": "errors",
    "Manifest": "store",
    "Problem": "errors",
    "PublishError": "errors",
    "Removal": "cleaning",
    "Snapshot": "store",
    "SnapshotExistsError": "errors",
    "ValidationError": "errors",
    "VersionNotFoundError": "errors",
    "build": "pipeline",
    "clean_text": "cleaning",
    "diff": "diff",
    "export": "export",
    "export_hub": "hub",
    "fingerprint": "api",
    "import_articles": "importer",
    "load_corpus": "api",
    "manifest": "api",
    "pin": "api",
    "publish": "hub",
    "versions": "api",
}

__all__ = [
    "Article",
    "CleanResult",
    "CorpusError",
    "Diff",
    "IngestError",
    "IntegrityError",
    "Manifest",
    "Problem",
    "PublishError",
    "Removal",
    "Snapshot",
    "SnapshotExistsError",
    "ValidationError",
    "VersionNotFoundError",
    "__version__",
    "build",
    "clean_text",
    "diff",
    "export",
    "export_hub",
    "fingerprint",
    "import_articles",
    "load_corpus",
    "manifest",
    "pin",
    "publish",
    "versions",
]


# These functions share their names with their modules; once such a module is imported,
# Python binds the module on the package, so bind the functions eagerly (all three are light).
from .api import fingerprint  # noqa: E402 - after __version__, which api's imports need
from .diff import diff  # noqa: E402 - see above
from .export import export  # noqa: E402 - see above


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .api import load_corpus, manifest, pin, versions
    from .article import Article
    from .cleaning import CleanResult, Removal, clean_text
    from .diff import Diff
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
    from .hub import export_hub, publish
    from .importer import import_articles
    from .pipeline import build
    from .store import Manifest, Snapshot
