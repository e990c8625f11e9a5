"""The development-set metric on small hand-written cases (short boilerplate strings only)."""

from __future__ import annotations

import pytest

from venezuela_corpus.evaluation import CONTENT, Span, label_tokens, score_article, summarise, surviving, tokens


def _words(text: str, cuts: list[int] | None = None) -> list[str]:
    return [text[s:e] for s, e in tokens(text, cuts or [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kata dia.Baca juga:Judul LainKalimat", ["kata", "dia", "Baca", "juga", "Judul", "Lain", "Kalimat"]),
        ("Lihat juga : Judul", ["Lihat", "juga", "Judul"]),
        ("(dil/jpnn)Yuk", ["dil", "jpnn", "Yuk"]),
        ("NasDem dan detikJabar", ["Nas", "Dem", "dan", "detik", "Jabar"]),
        ("RI2025 ÉTÉ", ["RI2025", "ÉTÉ"]),
        ("élanÉtat", ["élan", "État"]),
        ("", []),
    ],
)
def test_tokens_split_words_and_glued_case_joints(text: str, expected: list[str]) -> None:
    assert _words(text) == expected


def test_tokens_split_at_span_boundaries_inside_a_word() -> None:
    assert _words("RISultan", [2]) == ["RI", "Sultan"]
    assert _words("2025Bola", [4, 4, 99]) == ["2025", "Bola"]


def test_label_tokens_uses_the_span_a_token_starts_in() -> None:
    text = "Jakarta - Harga naik. ADVERTISEMENT Warga antre.(ant/dil)"
    spans = [Span(0, 10, "dateline"), Span(22, 35, "ad_marker"), Span(48, 57, "credit")]
    assert label_tokens(text, spans) == [
        ("Jakarta", "dateline"),
        ("Harga", CONTENT),
        ("naik", CONTENT),
        ("ADVERTISEMENT", "ad_marker"),
        ("Warga", CONTENT),
        ("antre", CONTENT),
        ("ant", "credit"),
        ("dil", "credit"),
    ]


def test_surviving_aligns_in_order_not_as_a_bag() -> None:
    # The second "Baca" is the one removed; a bag of words could not tell them apart.
    assert surviving(["Baca", "label", "Baca", "juga", "x"], ["Baca", "label", "x"]) == [True, True, False, False, True]
    assert surviving(["a", "b"], []) == [False, False]
    assert surviving([], ["a"]) == []


def test_score_article_counts_removed_boilerplate_and_lost_content() -> None:
    text = "Harga naik.Baca juga: Judul LainWarga antre. Editor: Ani"
    spans = [Span(11, 32, "related_link"), Span(45, 56, "credit")]
    # The cleaner cut the link but also one content word, and left the credit.
    s = score_article(text, spans, "Harga naik. antre. Editor: Ani", article_id="x-1", form="glued")
    assert s.total == {CONTENT: 4, "related_link": 4, "credit": 2}
    assert s.removed == {"related_link": 4, CONTENT: 1}
    assert s.lost == ("Warga",)
    assert s.left == ("Editor", "Ani")
    assert s.boilerplate == 6


def test_score_article_keeps_a_word_the_cleaner_rejoined() -> None:
    # The span ends inside the glued word "RISultan"; the cleaner cut up to it and kept "RISultan"
    # whole: "Sultan" is not lost, and "RI" counts as boilerplate left.
    text = "Baca juga: Duta DPD RISultan hadir."
    s = score_article(text, [Span(0, 22, "related_link")], "RISultan hadir.")
    assert s.lost == ()
    assert s.left == ("RI",)
    assert s.removed == {"related_link": 4}


def test_summarise_reports_families_forms_clean_split_and_worst() -> None:
    a = score_article("Jakarta - Harga naik.", [Span(0, 10, "dateline")], "Harga naik.", article_id="a-0", form="lines")
    b = score_article(
        "Harga naik.ADVERTISEMENT",
        [Span(11, 24, "ad_marker")],
        "Harga naik.ADVERTISEMENT",
        article_id="b-0",
        form="glued",
    )
    c = score_article("Warga antre di pasar.", [], "Warga antre pasar.", article_id="c-0", split="clean")
    # A labelled dateline in a clean-split article may go: it is not counted as a removal.
    d = score_article("Jakarta - Ada.", [Span(0, 10, "dateline")], "Ada.", article_id="d-0", split="clean")
    r = summarise([a, b, c, d])
    assert r["articles"] == {"dev": 2, "clean": 2}
    assert r["boilerplate_recall"] == {"tokens": 2, "removed": 1, "recall": 0.5}
    assert r["recall_by_family"]["dateline"]["recall"] == 1.0
    assert r["recall_by_family"]["ad_marker"]["recall"] == 0.0
    assert "caption" not in r["recall_by_family"]
    assert r["by_form"]["glued"]["boilerplate"]["recall"] == 0.0
    assert list(r["by_outlet"]) == ["unknown"] and r["by_outlet"]["unknown"]["articles"] == 2
    assert r["by_form"]["lines"]["content_lost"] == {"tokens": 2, "lost": 0, "share": 0.0}
    assert r["content_lost"]["share"] == 0.0
    assert r["clean_removed"] == {"tokens": 5, "removed": 1, "share": 0.2}
    assert [w["id"] for w in r["worst"]] == ["c-0", "b-0"]
    assert r["worst"][0]["lost_words"] == "di"


def test_summarise_of_nothing_has_no_shares() -> None:
    r = summarise([])
    assert r["boilerplate_recall"]["recall"] is None
    assert r["clean_removed"]["share"] is None
    assert r["by_form"] == {} and r["worst"] == []
