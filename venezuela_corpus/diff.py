"""``diff(a, b)``: rows added, removed and changed between two corpus versions, by id.

Its Markdown rendering is what goes into the CHANGELOG when a version is released.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .store import open_snapshot

if TYPE_CHECKING:
    from .corpus import Corpus
    from .paths import StrPath

CONTEXT_WORDS = 4


@dataclass(frozen=True)
class RowChange:
    """One changed row: which fields changed, and a short word-level diff of ``text``."""

    id: str
    fields: tuple[str, ...]
    text_diff: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diff:
    """The difference between corpus versions *a* and *b*."""

    a: str
    b: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[RowChange, ...]
    schema_changed: bool = False

    def to_markdown(self) -> str:
        """A CHANGELOG-ready summary."""
        lines = [
            f"Diff {self.a} -> {self.b}: {len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed."
        ]
        if self.schema_changed:
            lines.append("- The schema changed.")
        lines += [f"- Added `{i}`." for i in self.added] + [f"- Removed `{i}`." for i in self.removed]
        for change in self.changed:
            lines.append(f"- Changed `{change.id}`: {', '.join(change.fields)}.")
            lines += [f"  - `{d}`" for d in change.text_diff]
        return "\n".join(lines)


def text_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> tuple[str, ...]:
    """Word-level changes between two texts, each with a few words of context.

    >>> text_diff("insiden itu , yang termasuk", "insiden itu, yang termasuk")
    ('insiden [-itu ,-] [+itu,+] yang termasuk',)
    """
    a, b = old.split(), new.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - context) : i1])
        after = " ".join(a[i2 : i2 + context])
        change = " ".join(
            filter(
                None, (f"[-{' '.join(a[i1:i2])}-]" if i2 > i1 else "", f"[+{' '.join(b[j1:j2])}+]" if j2 > j1 else "")
            )
        )
        out.append(" ".join(filter(None, (before, change, after))))
    return tuple(out)


def diff_rows(a: str, b: str, rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> Diff:
    """Compare two lists of rows by id."""
    old = {r["id"]: r for r in rows_a}
    new = {r["id"]: r for r in rows_b}
    changed = []
    for key in sorted(old.keys() & new.keys()):
        fields = tuple(f for f in new[key] if old[key].get(f) != new[key][f])
        if fields:
            td = text_diff(old[key]["text"], new[key]["text"]) if "text" in fields else ()
            changed.append(RowChange(key, fields, td))
    schema = list(rows_a[0]) != list(rows_b[0]) if rows_a and rows_b else False
    return Diff(
        a, b, tuple(sorted(new.keys() - old.keys())), tuple(sorted(old.keys() - new.keys())), tuple(changed), schema
    )


def diff(a: str, b: str, *, path: StrPath | Corpus | None = None) -> Diff:
    """Compare two versions of a corpus (default: the package's own), verified on read.

    >>> d = diff("1.0.0", "1.0.0")
    >>> d.added, d.removed, d.changed
    ((), (), ())
    """
    sa, sb = open_snapshot(a, path=path), open_snapshot(b, path=path)
    return diff_rows(sa.version, sb.version, sa.table.to_pylist(), sb.table.to_pylist())
