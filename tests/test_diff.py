"""diff and the row fingerprint's guards: cases written to kill mutants that survived the
suite (added/removed swapped, the unique-id check weakened, the Markdown, word diffs, ids
that are not strings, a repeated id at a batch boundary)."""

from __future__ import annotations

import pytest

from venezuela_corpus.diff import diff, diff_rows, text_diff
from venezuela_corpus.fingerprint import Fingerprinter, fingerprint_rows, fingerprint_table

from .conftest import ROOT


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


def test_markdown_in_full() -> None:
    old = [_row("a"), {**_row("b"), "title": "Lama"}, _row("c", "harga beras naik")]
    new = [{**_row("b"), "title": "Baru", "text": "satu dua"}, {**_row("c"), "extra": 1}]
    d = diff_rows("1.0.0", "2.0.0", old, new)
    assert (d.a, d.b, d.added, d.removed, d.schema_changed) == ("1.0.0", "2.0.0", (), ("a",), False)
    assert d.to_markdown() == "\n".join(
        [
            "Diff 1.0.0 -> 2.0.0: 0 added, 1 removed, 2 changed.",
            "- Removed `a`.",
            "- Changed `b`: text, title.",
            "  - `satu dua [-tiga-]`",
            "- Changed `c`: text, extra.",
            "  - `[-harga beras naik-] [+satu dua tiga+]`",
        ]
    )
    schema = diff_rows("1", "2", [_row("a")], [{**_row("a"), "extra": 1}])
    assert schema.to_markdown().splitlines()[1] == "- The schema changed."


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b x c", ("a b [+x+] c",)),  # only inserted
        ("a b x c", "a b c", ("a b [-x-] c",)),  # only deleted
        (
            "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh",
            "satu dua tiga empat lima ENAM tujuh delapan sembilan sepuluh",
            ("dua tiga empat lima [-enam-] [+ENAM+] tujuh delapan sembilan sepuluh",),  # 4 words each side
        ),
        ("a b c d", "a b c d", ()),
    ],
)
def test_text_diff_cases(old: str, new: str, expected: tuple[str, ...]) -> None:
    assert text_diff(old, new) == expected


def test_text_diff_of_a_long_text_with_common_words_is_one_word() -> None:
    """difflib's autojunk would treat frequent words as junk and report the whole rest as changed."""
    old = " ".join(f"kata{i % 7} yang" for i in range(150))
    new = old.replace("kata3 yang kata4", "kata3 itu kata4", 1)
    assert text_diff(old, new) == ("yang kata2 yang kata3 [-yang-] [+itu+] kata4 yang kata5 yang",)


@pytest.mark.parametrize(
    "ids", [[None, "a"], ["a", None], [None], [1, 2]], ids=["null first", "null later", "null", "ints"]
)
def test_an_id_that_is_not_a_string_is_refused(ids: list[object]) -> None:
    import pyarrow as pa

    table = pa.table({"id": ids, "n": list(range(len(ids)))})
    with pytest.raises(ValueError, match="every row id must be a string, not "):
        fingerprint_table(table)
    with pytest.raises(ValueError, match="every row id must be a string"):
        Fingerprinter(["id", "n"]).update(table.to_pylist())


def test_a_repeated_id_at_a_batch_boundary_is_refused() -> None:
    import pyarrow as pa

    table = pa.table({"id": ["a", "b", "b", "c"], "n": [1, 2, 3, 4]})
    with pytest.raises(ValueError, match="rows must be sorted by unique id: 'b' after 'b'"):
        fingerprint_table(table, batch_rows=2)


def test_not_a_number_cannot_be_fingerprinted() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        fingerprint_rows([{"id": "a", "x": float("nan")}], ["id", "x"])


@pytest.mark.parametrize(
    ("old", "new", "added", "removed"),
    [([], [_row("a")], ("a",), ()), ([_row("a")], [], (), ("a",)), ([], [], (), ())],
    ids=["from nothing", "to nothing", "nothing"],
)
def test_an_empty_side_is_no_schema_change(
    old: list[dict[str, object]], new: list[dict[str, object]], added: tuple[str, ...], removed: tuple[str, ...]
) -> None:
    d = diff_rows("1", "2", old, new)
    assert (d.added, d.removed, d.changed, d.schema_changed) == (added, removed, (), False)


def test_the_released_versions_diff_as_the_changelog_says() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog.split("## [corpus 1.0.1]")[1].split("\n## ")[0]
    recorded = section.split("### Changed\n")[1].strip()
    assert diff("1.0.0", "1.0.1").to_markdown() == recorded
    same = diff("1.0.1", "1.0.1")
    assert (same.a, same.b, same.added, same.removed, same.changed) == ("1.0.1", "1.0.1", (), (), ())
