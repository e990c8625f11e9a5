"""Synthetic corpora with planted problems, for comparing build engines.

``clean``: a generated corpus plus articles that only raise warnings (machine translated,
Malay-like, outlet mismatch). ``dirty``: ``clean`` plus every kind of error: exact and near
duplicates, non-Indonesian and too-short texts, invalid UTF-8 and empty files, a file without
metadata, a metadata entry without a file, and ids whose order differs from their file names'.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from .conftest import ROOT

ENGLISH = (
    "The regional council met on Tuesday to discuss the new budget for schools and roads. "
    "Members asked for more details about the costs and the timetable before the next vote. "
    "A spokesperson said the plan would be published in full later this month. "
) * 3


def generate(out: Path, n: int) -> Path:
    """The benchmark's seeded synthetic corpus (scripts/make_synthetic.py), without its own duplicates."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_synthetic import generate as make
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    path: Path = make(out, n, exact=0.0, near=0.0)
    return _drop_short(path)


def _drop_short(folder: Path) -> Path:
    """Remove the few generated articles that clean to under 60 words (the minimum is 50)."""
    from venezuela_corpus.cleaning import clean_text

    doc, entries = _entries(folder)
    short = {name for name in entries if len(clean_text((folder / name).read_text()).text.split()) < 60}
    for name in short:
        (folder / name).unlink()
    doc["articles"] = [e for e in doc["articles"] if e["file"] not in short]
    (folder / "metadata.json").write_text(json.dumps(doc))
    return folder


def _entries(folder: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    doc = json.loads((folder / "metadata.json").read_text())
    return doc, {e["file"]: e for e in doc["articles"]}


def _add(folder: Path, doc: dict[str, Any], name: str, data: bytes, entry: dict[str, Any] | None) -> None:
    (folder / name).write_bytes(data)
    if entry is not None:
        doc["articles"].append({**entry, "file": name})


def _move(folder: Path, doc: dict[str, Any], entry: dict[str, Any], name: str, data: bytes | None = None) -> None:
    """Rename an article (optionally changing its bytes), so it is not a duplicate of itself."""
    old = folder / entry["file"]
    (folder / name).write_bytes(old.read_bytes() if data is None else data)
    old.unlink()
    entry["file"] = name


def plant_warnings(folder: Path) -> Path:
    """Turn three articles into ones that build with warnings only."""
    from venezuela_corpus.cleaning import clean_text

    doc, entries = _entries(folder)
    files = sorted(entries)
    translated, malay = entries[files[0]], entries[files[1]]
    _move(folder, doc, translated, "w_translated.txt")
    translated["translated_from"] = "en"
    text = (folder / files[1]).read_text() + "\nKata menteri bahawa harga naik kerana musim kemarau semalam."
    _move(folder, doc, malay, "w_malay.txt", text.encode())
    printed = next(f for f in files[2:] if clean_text((folder / f).read_text()).outlet)
    outlet = entries[printed]
    _move(folder, doc, outlet, "w_outlet.txt")
    outlet["outlet"] = "Lain Pos"
    (folder / "metadata.json").write_text(json.dumps(doc))
    return folder


def plant_errors(folder: Path) -> Path:
    """Add one article or file for every kind of error (and keep the warnings)."""
    doc, entries = _entries(folder)
    files = sorted(f for f in entries if f[0].isdigit())
    entry = entries[files[3]]
    words = (folder / files[4]).read_text().split(" ")
    words[len(words) // 2] = "berbeda"
    _add(folder, doc, "e_exact.txt", (folder / files[3]).read_bytes(), entry)
    _add(folder, doc, "e_exact-2.txt", (folder / files[3]).read_bytes() + b"\n\n", entry)  # same clean text
    _add(folder, doc, "e_near.txt", " ".join(words).encode(), entry)
    _add(folder, doc, "e_english.txt", ENGLISH.encode(), entry)
    _add(folder, doc, "e_short.txt", b"Caracas - Singkat saja.", entry)
    _add(folder, doc, "e_utf8.txt", b"Harga naik \xff\xfe di Caracas.", entry)
    _add(folder, doc, "e_empty.txt", b"  \n", entry)
    _add(folder, doc, "e_unlisted.txt", (folder / files[5]).read_bytes(), None)
    doc["articles"].append({**entry, "file": "e_orphan.txt"})
    (folder / "metadata.json").write_text(json.dumps(doc))
    return folder


def corpora(tmp: Path, n: int) -> tuple[Path, Path]:
    """``(clean, dirty)`` folders of about *n* articles each."""
    clean = plant_warnings(generate(tmp / "clean", n))
    dirty = tmp / "dirty"
    shutil.copytree(clean, dirty)
    return clean, plant_errors(dirty)
