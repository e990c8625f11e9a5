"""Corpus folders: a corpus is a folder of ``seeds/``, ``snapshots/`` and ``corpus.json``.

```
mine/
  corpus.json     name, description, license, citation (the card and DatasetInfo use them)
  seeds/          raw *.txt + metadata.json (what ``add`` and ``import`` write)
  snapshots/      X.Y.Z/articles.parquet + manifest.json (what ``build`` writes)
```

The package's own corpus is one such corpus: its snapshots ship inside the package
(read-only once installed) and its description in ``venezuela_corpus/descr/``; in a checkout
of the project, the checkout is its folder (``seeds/`` beside ``venezuela_corpus/snapshots/``).
Nothing here writes, except :func:`init`; writers ask :func:`writable` first, which refuses
an installed package's folder.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CorpusError, NotACorpusError, ReadOnlyCorpusError
from .paths import StrPath, as_path

if TYPE_CHECKING:
    from .store import Manifest, Readable

CORPUS_FILE = "corpus.json"
SEEDS_DIR = "seeds"
SNAPSHOTS_DIR = "snapshots"
METADATA_FILE = "metadata.json"
CORPUS_FORMAT = 1
PACKAGE_NAME = "venezuela-corpus"
HOMEPAGE = "https://github.com/venezuela-corpus/venezuela-corpus"
LICENSE = (
    "other: code MIT; article texts remain the copyright of their publishers and are shared "
    "for non-commercial research and teaching only (see TERMS.md)"
)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}")


@functools.cache
def descr_text(name: str) -> str:
    """A file shipped in ``venezuela_corpus/descr/`` (description, citation, terms, card template, ...)."""
    return files("venezuela_corpus").joinpath("descr").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class CorpusInfo:
    """What a corpus says about itself: its card and its ``DatasetInfo`` use these.

    Attributes:
        name: A short name (letters, digits, ``.``, ``_``, ``-``); pins read ``<name>==X.Y.Z@sha256:...``.
        description: A paragraph: what the articles are and where they come from.
        license: The terms of the texts (an SPDX id, or ``other: ...`` in words).
        citation: How to cite it (BibTeX, or a sentence).
        homepage: Where it lives, if anywhere.

    """

    name: str
    description: str
    license: str
    citation: str = ""
    homepage: str | None = None

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(
                f"corpus name {self.name!r} must be 1-96 letters, digits, '.', '_' or '-', "
                "starting with a letter or digit"
            )

    @property
    def dataset_name(self) -> str:
        """The name as ``datasets`` spells dataset names (``venezuela_corpus``)."""
        return re.sub(r"[^0-9A-Za-z_]", "_", self.name)

    def pin(self, manifest: Manifest) -> str:
        """The pin of one of this corpus's snapshots: ``<name>==X.Y.Z@sha256:...``."""
        return f"{self.name}=={manifest.version}@{manifest.fingerprint}"

    def to_json(self) -> bytes:
        """The ``corpus.json`` document."""
        doc = {"format": CORPUS_FORMAT, **asdict(self)}
        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes, where: str) -> CorpusInfo:
        """Parse a ``corpus.json`` document; a :class:`CorpusError` says what is wrong with it."""
        try:
            doc = json.loads(data)
            if not isinstance(doc, dict) or doc.pop("format", None) != CORPUS_FORMAT:
                raise ValueError(f'expected {{"format": {CORPUS_FORMAT}, "name": ..., ...}}')
            wrong = [k for k, v in doc.items() if not isinstance(v, str) and not (k == "homepage" and v is None)]
            if wrong:
                raise ValueError(f"{', '.join(map(repr, wrong))} must be strings")
            return cls(**doc)
        except (ValueError, TypeError) as exc:
            raise CorpusError(f"{where} is not a valid corpus description: {exc}. Fix it (see `init --help`).") from exc


def package_info() -> CorpusInfo:
    """The package's own corpus's description (from ``venezuela_corpus/descr/``)."""
    return CorpusInfo(
        name=PACKAGE_NAME,
        description=descr_text("DESCRIPTION.md").strip(),
        license=LICENSE,
        citation=descr_text("CITATION.bib"),
        homepage=HOMEPAGE,
    )


@dataclass(frozen=True)
class Corpus:
    """Where one corpus's parts are.

    Attributes:
        info: Its name, description, license and citation.
        snapshots: The folder of its snapshots (a ``Path``, or the package's own resources).
        seeds: Its seeds folder, if it has one here (an installed package has none).
        root: Its folder; ``None`` for the installed package's own corpus.

    """

    info: CorpusInfo
    snapshots: Readable
    seeds: Path | None
    root: Path | None

    @property
    def where(self) -> str:
        """How messages name it."""
        return str(self.root) if self.root is not None else f"the {PACKAGE_NAME} package"


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def package_corpus() -> Corpus:
    """The corpus shipped in this package (with its seeds when the package runs from a checkout)."""
    checkout = _package_dir().parent
    seeds = checkout / SEEDS_DIR
    return Corpus(
        info=package_info(),
        snapshots=files("venezuela_corpus").joinpath(SNAPSHOTS_DIR),
        seeds=seeds if (seeds / METADATA_FILE).is_file() else None,
        root=checkout if is_checkout(checkout) else None,
    )


def is_checkout(folder: Path) -> bool:
    """Whether *folder* is a checkout of this project (``seeds/`` beside ``venezuela_corpus/snapshots/``)."""
    return (folder / SEEDS_DIR).is_dir() and (folder / "venezuela_corpus" / SNAPSHOTS_DIR).is_dir()


def open_folder(folder: Path) -> Corpus:
    """The corpus in *folder*: a folder with ``corpus.json``, ``seeds/`` or ``snapshots/``, or a checkout.

    Raises:
        NotACorpusError: *folder* is none of these (the message says how to start one).

    """
    if is_checkout(folder) and not (folder / CORPUS_FILE).exists():
        return Corpus(package_info(), folder / "venezuela_corpus" / SNAPSHOTS_DIR, folder / SEEDS_DIR, folder)
    described = folder / CORPUS_FILE
    if described.is_file():
        info = CorpusInfo.from_json(described.read_bytes(), str(described))
    elif (folder / SEEDS_DIR).is_dir() or (folder / SNAPSHOTS_DIR).is_dir():
        info = CorpusInfo(name=_default_name(folder), description="", license="unknown")
    else:
        state = "does not exist" if not folder.exists() else "holds no corpus.json, seeds/ or snapshots/"
        raise NotACorpusError(
            f"{folder} is not a corpus folder: it {state}. Start one with `venezuela-corpus init {folder}`, "
            "or name an existing corpus folder with --corpus DIR."
        )
    return Corpus(info, folder / SNAPSHOTS_DIR, folder / SEEDS_DIR, folder)


def _default_name(folder: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]", "-", folder.resolve().name).strip(".-_")
    return name or "corpus"


def locate(path: StrPath | Corpus | None = None) -> Corpus:
    """The corpus to read: the folder *path*, or (``None``) the package's own.

    >>> locate().info.name
    'venezuela-corpus'
    """
    if isinstance(path, Corpus):
        return path
    return package_corpus() if path is None else open_folder(as_path(path, "path"))


def maintained(path: StrPath | Corpus | None = None) -> Corpus:
    """The corpus a maintainer command works on: the folder *path*, else the folder you stand in.

    Raises:
        NotACorpusError: the current folder is not a corpus folder or a checkout.

    """
    if isinstance(path, Corpus):
        return path
    if path is not None:
        return open_folder(as_path(path, "path"))
    here = Path.cwd()
    try:
        return open_folder(here)
    except NotACorpusError:
        raise NotACorpusError(
            f"the current folder {here} is not a corpus folder or a checkout of {PACKAGE_NAME}: pass --corpus DIR "
            "(`venezuela-corpus init DIR` starts a corpus of your own), or run in a checkout"
        ) from None


def _installed_roots() -> list[Path]:
    """The folders packages are installed into (site-packages of this interpreter and the user's)."""
    import site
    import sysconfig

    roots = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), site.getusersitepackages()}
    roots.update(getattr(site, "getsitepackages", list)())
    return sorted({Path(r).resolve() for r in roots if r})


def writable(path: Path, what: str) -> Path:
    """*path*, unless it lies inside installed packages, where a write would be lost on reinstall.

    Raises:
        ReadOnlyCorpusError: naming the folder and what to do instead.

    """
    resolved = path.resolve()
    for root in _installed_roots():
        if resolved.is_relative_to(root):
            raise ReadOnlyCorpusError(
                f"refusing to write {what} into {path}: it is inside the installed packages ({root}), where the "
                "next install would lose it and it is shared by every user. Work in a checkout "
                f"(git clone {HOMEPAGE}; pip install -e .) or in a corpus of your own "
                "(`venezuela-corpus init DIR`, then --corpus DIR)."
            )
    return path


def init(
    path: StrPath,
    *,
    name: str | None = None,
    description: str = "",
    license: str = "unknown",
    citation: str = "",
    homepage: str | None = None,
) -> Corpus:
    """Start a new corpus in the folder *path*: ``corpus.json``, an empty ``seeds/`` and ``snapshots/``.

    Raises:
        CorpusError: *path* already holds a corpus, or is a file.
        ReadOnlyCorpusError: *path* is inside installed packages.

    """
    from .atomic import write_bytes

    folder = writable(as_path(path, "path"), "a new corpus")
    if folder.exists() and not folder.is_dir():
        raise CorpusError(f"cannot start a corpus in {folder}: it is a file. Name a new or empty folder.")
    taken = [n for n in (CORPUS_FILE, SEEDS_DIR, SNAPSHOTS_DIR) if (folder / n).exists()]
    if taken:
        raise CorpusError(
            f"{folder} already holds a corpus ({', '.join(taken)}): use it with --corpus {folder}, or name a new folder"
        )
    info = CorpusInfo(name or _default_name(folder), description, license, citation, homepage)
    (folder / SEEDS_DIR).mkdir(parents=True)
    (folder / SNAPSHOTS_DIR).mkdir()
    write_bytes(folder / SEEDS_DIR / METADATA_FILE, _empty_metadata())
    write_bytes(folder / CORPUS_FILE, info.to_json())
    return open_folder(folder)


def _empty_metadata() -> bytes:
    doc: dict[str, Any] = {"format": 1, "articles": []}
    return (json.dumps(doc, indent=2) + "\n").encode()
