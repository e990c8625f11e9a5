"""diff_rows and the row fingerprint's guard: cases that fail if added/removed swap or the
unique-id check weakens (both survived the whole suite as one-line mutants once)."""

from __future__ import annotations

import pytest

from venezuela_corpus.diff import diff_rows
from venezuela_corpus.fingerprint import Fingerprinter, fingerprint_rows


def _row(i: str, text: str = "satu dua tiga") -> dict[str, object]:
    return {"id": i, "text": text, "title": i}


def test_added_removed_and_changed_are_told_apart() -> None:
    old = [_row("a"), _row("b"), _row("c", "harga beras naik")]
    new = [_row("b"), _row("c", "harga beras turun"), _row("d")]
    d = diff_rows("1.0.0", "1.1.0", old, new)
    assert d.added == ("d",) and d.removed == ("a",)
    (change,) = d.changed
    assert change.id == "c" and change.fields == ("text",)
    assert change.text_diff == ("harga beras [-naik-] [+turun+]",)
    assert not d.schema_changed
    md = d.to_markdown()
    assert "1 added, 1 removed, 1 changed" in md and "- Added `d`." in md and "- Removed `a`." in md


def test_schema_change_is_reported() -> None:
    d = diff_rows("1", "2", [_row("a")], [{**_row("a"), "extra": 1}])
    assert d.schema_changed and "- The schema changed." in d.to_markdown()


def test_a_repeated_id_is_refused_by_the_row_fingerprint() -> None:
    fp = Fingerprinter(["id", "text", "title"])
    fp.update([_row("a")])
    with pytest.raises(ValueError, match="sorted by unique id: 'a' after 'a'"):
        fp.update([_row("a")])
    with pytest.raises(ValueError, match="unique id"):
        fingerprint_rows([_row("a"), _row("a")], ["id", "text", "title"])
    fp.update([_row("b")])  # a larger id is fine
