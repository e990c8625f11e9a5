"""The layout stage's anchor table: each anchor's ``needs`` literals (which let a line with
none of them skip that anchor's search) are in every match it makes."""

from __future__ import annotations

import json
import re

import pytest

from venezuela_corpus.layout import ANCHORS
from venezuela_corpus.rules import RULES

from .conftest import ROOT
from .flatten import FORMS, flatten

# Short boilerplate shapes for the anchors no rule example reaches.
EXTRA = [
    "Ia pergi. Video: Banjir Rob Rendam Pesisir",
    "Harga naik.Selengkapnya baca di epaper Media Indonesia",
    "Negara itu menolak? Simak selengkapnya dalam rangkaian Infografis berikut ini:",
    "debat nanti.Jakarta (ANTARA) - Calon wakil presiden datang.",
    "Warga lega. Catatan Redaksi: Berita ini telah direvisi.",
    "Makanan dibagikan. Sebaran Dapur MBG - (Republika) Ikuti",
    "Sidang ditunda. (Penulis: Agus Setiawan) Warga pulang.",
    "Ridho merayakan gol. (c) Bola.net/M Iqbal IchsanPelatih Persib kecewa.",
]
TEXTS = (
    EXTRA
    + [ex for rule in RULES for ex in (*rule.examples, *rule.keeps)]
    + [
        flatten(json.loads(line)["raw"], form)
        for name in ("articles.jsonl", "eval.jsonl")
        for line in (ROOT / "tests" / "cases" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
        for form in FORMS
    ]
)


@pytest.mark.parametrize("anchor", ANCHORS, ids=lambda a: f"{a.name}:{a.regex[:25]}")
def test_needs_is_in_every_match(anchor: object) -> None:
    pattern = re.compile(anchor.regex)  # type: ignore[attr-defined]
    needs = anchor.needs  # type: ignore[attr-defined]
    matches = [m.group(0) for text in TEXTS for m in pattern.finditer(text) if m.group(0)]
    assert needs, "every anchor names the literals its matches contain"
    assert matches, "the rule examples and cases exercise every anchor"
    assert all(any(n in m for n in needs) for m in matches)
