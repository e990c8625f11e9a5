"""Every well-formed whole-article case, flattened into each text form a scraper leaves
(glued, one line, one element per line, tokenised), cleans to the same words."""

from __future__ import annotations

import json

import pytest

from venezuela_corpus import clean_text

from .conftest import ROOT
from .flatten import FORMS, flatten, words

CASES = [
    json.loads(line)
    for name in ("articles.jsonl", "eval.jsonl")
    for line in (ROOT / "tests" / "cases" / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


# Pairs that still differ (open work of the scraped-text issue). Strict: a pair that starts to
# pass must leave this list. Empty: every case cleans to the same words in every form.
KNOWN_GAPS: set[tuple[str, str]] = set()


def _id(case: dict[str, str]) -> str:
    return str(case.get("name") or case.get("outlet"))


PAIRS = [
    pytest.param(
        case,
        form,
        id=f"{_id(case)}-{form}",
        marks=[pytest.mark.xfail(strict=True, reason="known gap")] if (_id(case), form) in KNOWN_GAPS else [],
    )
    for case in CASES
    for form in FORMS
]


@pytest.mark.parametrize(("case", "form"), PAIRS)
def test_every_form_cleans_to_the_same_words(case: dict[str, str], form: str) -> None:
    raw = flatten(case["raw"], form)
    assert words(clean_text(raw).text) == words(case["clean"]), f"{form}: {raw!r}"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("glued", "Harga naik.Baca juga: Judul LainWarga lega."),
        ("one_line", "Harga naik. Baca juga: Judul Lain Warga lega."),
        ("element_per_line", "Harga naik.\nBaca juga: Judul Lain\nWarga lega."),
        ("tokenised", "Harga naik .\nBaca juga : Judul Lain\nWarga lega ."),
    ],
)
def test_flattener(form: str, expected: str) -> None:
    assert flatten("Harga naik.\nBaca juga: Judul Lain\nWarga lega.", form) == expected
