"""The real development set for the cleaner: pointers into public repositories, rebuilt locally.

tests/devset/*.jsonl hold one labelled article per line: where its text lives (repo, pinned
commit, path, row, column), the SHA-256 of that text and the character offsets of its
boilerplate spans. The texts are third-party news and are never committed: `rebuild` fetches
them into tests/devset/cache/<id>.txt (ignored by git) and checks every hash.

python scripts/devset.py rebuild [--mirror DIR]   # DIR/owner+name/repo is a local git dir
python scripts/devset.py check                    # spans in range, sorted, non-overlapping
python scripts/devset.py check --set heldout      # only the held-out set (heldout.jsonl)
python scripts/devset.py check --set heldout2     # only the second held-out set (heldout2.jsonl)
python scripts/devset.py check --set heldout3     # only the third held-out set (heldout3.jsonl)

Four sets share the folder and the cache: the development set (every *.jsonl but the held-out
files, what the rules were tuned on), the held-out set (heldout.jsonl), the second and the third
held-out sets (heldout2.jsonl, heldout3.jsonl), each from repositories no other set uses,
labelled without running the cleaner. Both commands take --set dev|heldout|heldout2|heldout3|all
(default all).

Without a local git dir for a repository, rebuild clones https://github.com/owner/name into a
temporary folder. A text is the field exactly as read (CSV via the csv module, UTF-8; JSON /
JSON Lines value; a whole text file), with no normalisation; a pre-tokenised field (a list of
paragraphs of sentences of tokens) is joined with spaces and newlines (see render_tokens). For a
CSV file whose first line is data, not a header, column "#N" is the N-th field (0-based) and
row counts every line.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
MIRROR = Path("/work/.mirror")
FAMILIES = (
    "dateline", "related_link", "video_plug", "ad_marker", "footer", "credit", "caption", "embed",
    "pagination", "related_titles", "keywords", "author_bio", "other",
)  # fmt: skip
FORMS = ("lines", "glued", "one_line", "element_per_line", "tokenised")
SPLITS = ("dev", "clean")
SETS = ("all", "dev", "heldout", "heldout2", "heldout3")
HELDOUT = "heldout.jsonl"
HELDOUT2 = "heldout2.jsonl"
HELDOUT3 = "heldout3.jsonl"
HELDOUT_FILES = {"heldout": HELDOUT, "heldout2": HELDOUT2, "heldout3": HELDOUT3}
KEYS = ("id", "repo", "commit", "path", "row", "column", "sha256", "outlet", "url", "form", "split", "spans")


class DevsetError(Exception):
    """A pointer that does not resolve, a text whose hash differs, or a malformed record."""


def pointer_files(devset: Path = DEVSET, subset: str = "all") -> list[Path]:
    """The pointer files of a set: ``dev`` (all but the held-out files), a held-out set's file, or ``all``."""
    if subset not in SETS:
        raise DevsetError(f"unknown set {subset!r}; use one of {', '.join(SETS)}")
    files = sorted(devset.glob("*.jsonl"))
    if subset == "dev":
        return [p for p in files if p.name not in HELDOUT_FILES.values()]
    if subset in HELDOUT_FILES:
        return [p for p in files if p.name == HELDOUT_FILES[subset]]
    return files


def load(devset: Path = DEVSET, subset: str = "all") -> list[dict[str, Any]]:
    """Every record of a set's pointer files (see pointer_files), in file and line order."""
    records = []
    for path in pointer_files(devset, subset):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise DevsetError(f"{path}:{n}: not JSON ({exc}); fix the line") from exc
    return records


def sha256(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract(data: bytes, path: str, row: int | None, column: str | None) -> str:
    """The text at ``row``/``column`` of a file's bytes (CSV, JSON, JSON Lines or plain text)."""
    text = data.decode("utf-8")
    if row is None:
        return text
    suffix = Path(path).suffix.lower()
    item: Any
    if suffix == ".csv":
        csv.field_size_limit(2**31 - 1)
        if column is not None and column.startswith("#"):  # a file with no header row: "#N" is column N
            fields = next((r for i, r in enumerate(csv.reader(io.StringIO(text, newline=""))) if i == row), None)
            item = None if fields is None else {f"#{k}": v for k, v in enumerate(fields)}
        else:
            rows = csv.DictReader(io.StringIO(text, newline=""))
            item = next((r for i, r in enumerate(rows) if i == row), None)
    elif suffix == ".jsonl":
        lines = [line for line in text.splitlines() if line.strip()]
        item = json.loads(lines[row]) if row < len(lines) else None
    else:
        value = json.loads(text)
        item = value[row] if isinstance(value, list) and row < len(value) else None
    if item is None:
        raise DevsetError(f"{path}: no row {row}")
    # a JSON list of strings: with no column, the row is the text
    value = item if column is None else item.get(column) if isinstance(item, dict) else None
    if isinstance(value, list):
        value = render_tokens(value)
    if not isinstance(value, str):
        columns = sorted(item) if isinstance(item, dict) else f"a {type(item).__name__}, not an object"
        raise DevsetError(f"{path} row {row}: no text column {column!r} (columns: {columns})")
    return value


def render_tokens(value: list[Any]) -> str | None:
    """A pre-tokenised text (paragraphs of sentences of tokens, as IndoSum stores it) as one string.

    Tokens and sentences are joined by one space, paragraphs by a newline: the tokenised form
    (`Senin ( 27 / 3 ) .`) the way a user of such a collection reads it. Anything else is None.
    """
    ok = all(
        isinstance(para, list)
        and all(isinstance(sent, list) and all(isinstance(tok, str) for tok in sent) for sent in para)
        for para in value
    )
    return "\n".join(" ".join(" ".join(sent) for sent in para) for para in value) if ok else None


def git_dir(mirror: Path, repo: str) -> Path | None:
    """The local git dir of ``repo`` under ``mirror`` (``owner+name/repo``), if there is one."""
    base = mirror / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "objects").is_dir():
            return candidate
    return None


def _show(gitdir: Path, commit: str, path: str) -> bytes:
    out = subprocess.run(["git", "-C", str(gitdir), "show", f"{commit}:{path}"], capture_output=True, check=False)
    if out.returncode:
        raise DevsetError(f"{gitdir}: cannot read {commit}:{path}: {out.stderr.decode(errors='replace').strip()}")
    return out.stdout


def _sources(records: list[dict[str, Any]], mirror: Path, tmp: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    """Each record with the git dir holding its repository (cloned into ``tmp`` if not local)."""
    dirs: dict[str, Path] = {}
    for rec in records:
        repo = rec["repo"]
        if repo not in dirs:
            local = git_dir(mirror, repo)
            if local is None:
                local = tmp / repo.replace("/", "+")
                url = f"https://github.com/{repo}"
                print(f"cloning {url}", file=sys.stderr)
                done = subprocess.run(
                    ["git", "clone", "--quiet", "--bare", url, str(local)], capture_output=True, check=False
                )
                if done.returncode:
                    raise DevsetError(f"{repo}: no local copy under the mirror and cloning {url} failed")
            dirs[repo] = local
        yield rec, dirs[repo]


def rebuild(records: list[dict[str, Any]], mirror: Path, cache: Path) -> int:
    """Write cache/<id>.txt for every record; return how many were written."""
    cache.mkdir(parents=True, exist_ok=True)
    blobs: dict[tuple[str, str, str], bytes] = {}
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rec, gitdir in _sources(records, mirror, Path(tmp)):
            key = (rec["repo"], rec["commit"], rec["path"])
            if key not in blobs:
                blobs[key] = _show(gitdir, rec["commit"], rec["path"])
            try:
                text = extract(blobs[key], rec["path"], rec["row"], rec["column"])
            except DevsetError as exc:
                raise DevsetError(f"article {rec['id']}: {exc}") from exc
            if sha256(text) != rec["sha256"]:
                raise DevsetError(
                    f"article {rec['id']}: the text at {rec['repo']}@{rec['commit'][:10]}:{rec['path']} "
                    f"row {rec['row']} has SHA-256 {sha256(text)[:12]}..., not {rec['sha256'][:12]}...; "
                    "the pointer or the parser changed"
                )
            (cache / f"{rec['id']}.txt").write_bytes(text.encode("utf-8"))
            n += 1
    return n


def problems(records: list[dict[str, Any]], cache: Path | None = None) -> list[str]:
    """Everything wrong with the records (and, where a cached text exists, with their spans)."""
    out: list[str] = []
    seen: set[str] = set()
    for rec in records:
        rid = rec.get("id", "?")
        missing = [k for k in KEYS if k not in rec]
        if missing:
            out.append(f"{rid}: missing keys {missing}")
            continue
        if rid in seen:
            out.append(f"{rid}: duplicate id")
        seen.add(rid)
        if rec["form"] not in FORMS or rec["split"] not in SPLITS:
            out.append(f"{rid}: form {rec['form']!r} or split {rec['split']!r} unknown")
        text_path = cache / f"{rid}.txt" if cache else None
        length = len(text_path.read_bytes().decode("utf-8")) if text_path and text_path.exists() else None
        end = 0
        for span in rec["spans"]:
            start, stop, family = span["start"], span["end"], span["family"]
            if family not in FAMILIES:
                out.append(f"{rid}: span {start}-{stop} has unknown family {family!r}")
            if not start < stop or start < end:
                out.append(f"{rid}: span {start}-{stop} is empty, unsorted or overlaps the previous one")
            if length is not None and stop > length:
                out.append(f"{rid}: span {start}-{stop} ends past the text ({length} characters)")
            end = max(end, stop)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("rebuild", "check"))
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="folder of local git dirs (owner+name/repo)")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="folder of the *.jsonl pointer files")
    parser.add_argument("--set", dest="subset", choices=SETS, default="all", help="which records (default: all)")
    args = parser.parse_args(argv)
    cache = args.devset / "cache"
    try:
        records = load(args.devset, args.subset)
        found = problems(records, cache)
        if args.command == "rebuild" and not found:
            print(f"rebuilt {rebuild(records, args.mirror, cache)} texts into {cache}")
            found = problems(records, cache)
    except DevsetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in found:
        print(line, file=sys.stderr)
    if args.command == "check" and not found:
        print(f"{len(records)} records OK")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
