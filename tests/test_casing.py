"""Case-folded text: cleaned through a case-restored copy, returned in its own lower case."""

from __future__ import annotations

import pytest

from venezuela_corpus import clean_text
from venezuela_corpus.casing import MIN_LETTERS, dateline_casings, lowercased, restore_case

_BODY = (
    "harga beras di pasar induk naik tajam pekan ini menurut para pedagang yang ditemui wartawan. para"
    " pembeli mengeluh karena harga terus naik sejak awal bulan dan belum ada tanda akan turun. pemerintah"
    " berjanji menggelar operasi pasar di sejumlah wilayah mulai pekan depan."
)
_MORE = "menurut dia, harga akan turun bulan depan setelah panen raya di sejumlah daerah."


def test_lowercased_needs_a_long_text_with_no_capital() -> None:
    assert lowercased(_BODY)
    assert not lowercased(_BODY[: MIN_LETTERS // 2]), "a short text may just be informal"
    assert not lowercased(_BODY + " Jakarta")
    assert not lowercased("1234 5678 " * 100), "no letters"


def test_restore_case() -> None:
    assert restore_case("jakarta (antara) - harga naik.baca juga: harga cabai turun") == (
        "Jakarta (ANTARA) - Harga naik.Baca Juga: Harga cabai turun"
    )
    # A phrase is a whole word: "antaranya" is not "ANTARA", "foto:" inside a word is not a label.
    assert restore_case("di antaranya ada fotografer: dia") == "Di antaranya ada fotografer: Dia"


def test_dateline_casings() -> None:
    assert "JAKARTA, KOMPAS.com - Harga naik" in dateline_casings("jakarta, KOMPAS.com - Harga naik")
    assert "jpnn.com, JAKARTA - Harga" in dateline_casings("Jpnn.com, jakarta - Harga")
    assert dateline_casings("") == []


@pytest.mark.parametrize(
    ("raw", "rules"),
    [
        # Each outlet's dateline, in the casing its own rule knows.
        (f"jakarta, kompas.com - {_BODY}", ["kompas_dateline"]),
        (f"tribunnews.com, jakarta - {_BODY}", ["tribun_dateline"]),
        (f"liputan6.com, jakarta - {_BODY}", ["liputan6_dateline"]),
        (f"jpnn.com, jakarta - {_BODY}", ["jpnn_dateline|outlet_dateline"]),
        (f"banda aceh (antara) - {_BODY}", ["antara_dateline"]),
        (f"jakarta - {_BODY}", ["city_dateline"]),
        # Labels, markers and footers.
        (f"{_BODY}\nbaca juga: harga cabai turun jelang lebaran\n{_MORE}", ["related_link"]),
        (f"{_BODY}\nadvertisement\n{_MORE}", ["advert_marker"]),
        (f"{_BODY}\n{_MORE}\ncek berita dan artikel yang lain di google news", ["google_news_footer"]),
    ],
    ids=["kompas", "tribun", "liputan6", "jpnn", "antara-two-words", "city", "related", "ad", "footer"],
)
def test_lowercased_boilerplate_is_removed(raw: str, rules: list[str]) -> None:
    result = clean_text(raw)
    assert len(result.removed) == len(rules)
    assert all(r.rule in names.split("|") for r, names in zip(result.removed, rules, strict=True))
    assert "lowercased" in result.flags
    assert result.text == result.text.lower()
    assert _BODY.split() == result.text.split()[: len(_BODY.split())], "every content word kept, in its case"


@pytest.mark.parametrize(
    "raw",
    [
        # Look-alikes: a route with a dash, a sentence that says "baca juga", an agency named in a sentence.
        f"tol jakarta - cikampek ambruk lagi. {_BODY}",
        f"{_BODY} anak-anak suka baca juga menulis cerita di sekolah.",
        f"{_BODY} data itu dikutip dari kantor berita antara kemarin.",
    ],
    ids=["route", "baca-juga-in-sentence", "agency-in-sentence"],
)
def test_lowercased_content_is_kept(raw: str) -> None:
    result = clean_text(raw)
    assert result.removed == ()
    assert result.text.split() == raw.split()


def test_lowercased_fields_are_lower_and_clean_is_idempotent() -> None:
    raw = f"jakarta, kompas.com - {_BODY}\nbaca juga: harga cabai turun\n{_MORE}"
    first = clean_text(raw)
    assert first.dateline == "jakarta" and first.outlet == "KOMPAS.com"
    assert clean_text(first.text).text == first.text
