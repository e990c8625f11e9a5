"""Whole-article cleaning: the seeds against hand-reviewed golden texts, JSONL cases, and the
foundation issue's checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from venezuela_corpus import clean_text
from venezuela_corpus.ingest import ingest

from .conftest import GOLDEN, SEEDS

CASES = Path(__file__).parent / "cases"
ARTICLES = {a.meta.file: a for a in ingest(SEEDS)}
FORBIDDEN = ("Cek Berita", "Google News", "KEYWORD", "(foto:", "REPUBLIKA.CO.ID", "Baca:", "Twitter Di Sini")


def _cases(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_seed_matches_golden(name: str) -> None:
    article = ARTICLES[name]
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert clean_text(article.text, outlet=article.meta.outlet).text == expected


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_no_boilerplate_left_and_every_content_sentence_kept(name: str) -> None:
    article = ARTICLES[name]
    result = clean_text(article.text, outlet=article.meta.outlet)
    for phrase in FORBIDDEN:
        assert phrase not in result.text
    # Cutting the removed spans out of the raw text leaves exactly the clean text, in order.
    rest = _flat(article.text)
    for removal in result.removed:
        assert _flat(removal.text) in rest
        rest = rest.replace(_flat(removal.text), " ", 1)
    assert _flat(rest) == _flat(result.text)


def _flat(text: str) -> str:
    return re.sub(r" +(?=[,;:!?.](?:\s|$))", "", " ".join(text.split()))


def test_seed_fields() -> None:
    by_id = {n[:3]: ARTICLES[n] for n in ARTICLES}
    rep = clean_text(by_id["000"].text)
    assert (rep.outlet, rep.dateline) == ("REPUBLIKA.CO.ID", "Washington")
    jur = clean_text(by_id["002"].text, outlet="Jurnas.com")
    assert jur.keywords == ("Maduro", "Venezuela", "AS")
    assert jur.dateline == "Jakarta"
    assert [r.rule for r in jur.removed] == ["photo_caption_foto", "bare_dateline", "keyword_footer"]
    mt = clean_text(by_id["003"].text)
    assert mt.author == "kristen k. Caruso"


@pytest.mark.parametrize("case", _cases("articles.jsonl"), ids=lambda c: c["name"])
def test_article_cases(case: dict[str, str]) -> None:
    assert clean_text(case["raw"], outlet=case.get("outlet")).text == case["clean"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Caf\u00c3\u00a9 di Jakarta ramai dikunjungi warga.", "Caf\u00e9 di Jakarta ramai dikunjungi warga."),
        ("Jose\u0301 Raul Mulino berbicara.", "Jos\u00e9 Raul Mulino berbicara."),
        ("Baris satu.\r\nBaris dua.\rBaris tiga.", "Baris satu.\n\nBaris dua.\n\nBaris tiga."),
        ("Kata\u200b ini\u200d ter\u00adsembunyi\u202e.", "Kata ini tersembunyi."),
        ("Harga\u00a0naik\u2009dan\u202fturun.", "Harga naik dan turun."),
        ("\u201cKami siap,\u201d ujar dia \u2013 tegas.", "\u201cKami siap,\u201d ujar dia \u2013 tegas."),
        ("Nomor\tsatu\x07 dan dua.", "Nomor satu dan dua."),
        ("  Paragraf satu.  \n\n\n\n  Paragraf dua.  ", "Paragraf satu.\n\nParagraf dua."),
        ("Rp 10.000 (27/1) dan 51,2 persen.", "Rp 10.000 (27/1) dan 51,2 persen."),
    ],
    ids=[
        "mojibake",
        "nfc",
        "line-ends",
        "invisible",
        "odd-spaces",
        "quotes-kept",
        "controls",
        "paragraphs",
        "numbers-kept",
    ],
)
def test_normalisation(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


def test_mojibake_is_flagged() -> None:
    assert "mojibake_repaired" in clean_text("Caf\u00c3\u00a9 ramai.").flags
    assert "mojibake_repaired" not in clean_text("Kafe ramai.").flags


def test_link_gap_is_flagged_not_guessed() -> None:
    result = clean_text("Kantor berita   melaporkan bahwa Silva membelot.")
    assert result.text == "Kantor berita melaporkan bahwa Silva membelot."
    assert result.flags == ("link_gap",)


def test_evaluation_set_scores() -> None:
    """The labelled multi-outlet set: every boilerplate word gone, no content word lost."""
    from venezuela_corpus.evaluation import evaluate

    scores = evaluate(_cases("eval.jsonl"))
    assert scores.articles >= 14
    assert scores.content_precision == 1.0 and scores.content_lost == 0
    assert scores.boilerplate_recall >= 0.95


@pytest.mark.parametrize("case", _cases("eval.jsonl"), ids=lambda c: c["outlet"])
def test_evaluation_cases_exact(case: dict[str, str]) -> None:
    assert clean_text(case["raw"], outlet=case["outlet"]).text == case["clean"]
    assert clean_text(case["raw"]).text == case["clean"], "the rules safe without an outlet suffice"


def test_eval_script_runs() -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_cleaning.py"), str(CASES / "eval.jsonl"), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout)
    assert result["content_precision"] == 1.0 and result["boilerplate_recall"] >= 0.95


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # An agency's sign-off code ends the last paragraph: only the code goes, not the paragraph.
        (
            "Atlet itu tampil di Paris.\nIa dilarang ikut seleksi karena berjudi di kasino ilegal. (AFP/Ndf)",
            "Atlet itu tampil di Paris.\n\nIa dilarang ikut seleksi karena berjudi di kasino ilegal.",
        ),
        # A paragraph ending in its data source is content.
        ("Harga naik.\nInflasi tahunan mencapai 5 persen pada Mei (Sumber: BPS).", None),
        # Captions of several sentences, credited by agency and photographer.
        (
            "Warga berkumpul di pulau itu pada 2017. Kerumunan itu akibat perubahan iklim. (AFP Photo/Max Stephenson)"
            "\nHarga naik lagi.",
            "Harga naik lagi.",
        ),
        # A caption with no stop, ended by a bare agency, the next paragraph glued on: the caption goes.
        (
            "Suhu naik.\nBukti Nyata Pemanasan GlobalBeruang kutub kelaparan saat es mencair (Antara)Pada 2019 suhu"
            " naik.",
            "Suhu naik.\n\nBukti Nyata Pemanasan Global\n\nPada 2019 suhu naik.",
        ),
        # The agency signing off a paragraph that ends in a stop: only content, kept.
        ("Harga minyak naik tajam, kata analis. (Antara)Pada hari yang sama emas turun.", None),
        # A bare agency with a space before the next sentence is a sign-off too (no glue, no caption).
        ("Harga minyak naik tajam kata analis (Antara) Pada hari yang sama emas turun.", None),
        # Credits after a slash or bar, glued to the next paragraph or ending the line.
        (
            "Suhu tinggi.\nGangguan TidurTidur dengan Kipas Angin / Sumber: iStockphotoKebanyakan orang sulit tidur.",
            "Suhu tinggi.\n\nGangguan Tidur\n\nKebanyakan orang sulit tidur.",
        ),
        (
            "Hutan gundul.\nIlustrasi lulus kuliah | Sumber Foto: leeds.wordpress.com\nUndang-undang itu berlaku.",
            "Hutan gundul.\n\nUndang-undang itu berlaku.",
        ),
        # A slash in a sentence is not a credit.
        ("Harga naik 5 persen / tahun menurut data resmi.\nIa pulang.", None),
        # A caption sentence with a photo-only credit; a lower-case source credit.
        ("Suhu naik.\nPermukaan air laut naik. (Sumber Foto: Pexels)\nEs mencair.", "Suhu naik.\n\nEs mencair."),
        (
            "Negara terdampak.\nAwal Mula Demo...Ilustrasi: pemanasan global (sumber: wisdom.org)Pada Jumat warga"
            " berdemo.",
            "Negara terdampak.\n\nAwal Mula Demo...\n\nPada Jumat warga berdemo.",
        ),
        # A labelled caption after the last sentence; "keterangan" in a sentence is content.
        (
            'Peternak terbantu," pungkasnya. Keterangan foto: Pembelian ayam peternak di Rumpin.',
            'Peternak terbantu," pungkasnya.',
        ),
        ("Ia memberi keterangan foto itu kepada polisi.\nIa pulang.", None),
    ],
    ids=[
        "signoff-code",
        "data-source",
        "caption-sentences",
        "agency-glued",
        "agency-signoff",
        "agency-spaced",
        "slash-credit",
        "bar-credit",
        "slash-in-sentence",
        "photo-only-credit",
        "lowercase-source",
        "labelled-caption",
        "keterangan-word",
    ],
)
def test_caption_look_alikes(raw: str, clean: str | None) -> None:
    assert clean_text(raw).text == (clean if clean is not None else raw.replace("\n", "\n\n"))


_BODY = (
    "Semarang (ANTARA) - Ketua komisi itu meminta semua penyelenggara pemilu bekerja jujur.\n"
    '"Kami ingin setiap petugas bekerja dengan jujur dan adil sampai hari pemungutan suara," kata dia.\n'
    "Ia menambahkan bahwa pengawasan akan diperketat."
)


_QUOTE = "Kami ingin setiap petugas bekerja dengan jujur dan adil sampai hari pemungutan suara."
_CUT = "Kami ingin setiap petugas bekerja dengan jujur dan adil sampai hari p"


@pytest.mark.parametrize(
    ("raw", "quote"),
    [
        # A pull quote under the headline, quoting the body.
        (
            "Komisi minta petugas jujur\n... setiap petugas bekerja dengan jujur dan adil sampai hari pemungutan"
            f" suara.\n{_BODY}",
            "... setiap petugas bekerja dengan jujur dan adil sampai hari pemungutan suara.",
        ),
        # A pull quote as the first line, glued to the dateline.
        (f"{_QUOTE}{_BODY}", _QUOTE),
        # ... with no stop, glued after its last letter and cut mid-word at a length bound.
        (f"{_CUT}{_BODY}", _CUT),
        # A headline that the body repeats: it does not end like a sentence, and no word is cut.
        (f"Setiap petugas bekerja dengan jujur dan adil sampai hari pemungutan suara\n{_BODY}", None),
        # A lead that shares only a few words with a later sentence.
        (
            f"Komisi minta petugas jujur\nSetiap petugas diminta bekerja dengan jujur selama masa kampanye.\n{_BODY}",
            None,
        ),
        # Above a dateline, but not a quote of the body.
        (f"Petugas pemilu di daerah terpencil menerima honor tambahan tahun ini.\n{_BODY}", None),
    ],
    ids=["under-headline", "glued-to-dateline", "cut-mid-word", "headline", "lead", "not-recurring"],
)
def test_pull_quotes_are_flagged_and_kept(raw: str, quote: str | None) -> None:
    """A pull quote repeats the article's words: it is kept (nothing lost) and flagged."""
    result = clean_text(raw)
    assert ("pull_quote" in result.flags) == (quote is not None)
    assert [r.rule for r in result.removed] == ["antara_dateline"]
    assert result.text.split() == raw.replace("Semarang (ANTARA) - ", " ").split()


def test_no_pull_quote_without_a_dateline() -> None:
    """With no dateline, nothing marks where the body starts: a recurring line is kept."""
    raw = "Komisi minta petugas jujur\nSetiap petugas bekerja dengan jujur dan adil sampai hari pemungutan suara.\n"
    raw += _BODY.split("\n", 1)[1]
    assert clean_text(raw).text == raw.replace("\n", "\n\n")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "Ini dirilis Elsevier.<br/>Di Indonesia ada 58 dosen.<BR />Ia urutan ke-18.",
            "Ini dirilis Elsevier.\n\nDi Indonesia ada 58 dosen.\n\nIa urutan ke-18.",
        ),
        ('<p class="lead">Harga naik.</p> <p>Warga mengeluh.</p>', "Harga naik.\n\nWarga mengeluh."),
        # Not a tag: a comparison in a sentence.
        ("Nilai p <0,05 dan p> 0,01 menurut uji itu.", "Nilai p <0,05 dan p> 0,01 menurut uji itu."),
    ],
    ids=["br", "p", "comparison"],
)
def test_html_breaks_are_element_boundaries(raw: str, clean: str) -> None:
    result = clean_text(raw)
    assert result.text == clean
    assert ("html_breaks" in result.flags) == (raw != clean)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # A label alone on its line, then a sentence: the label goes, the sentence is content.
        (
            "Harga naik.\nBaca Juga : \nPemerintah berjanji menggelar operasi pasar mulai pekan depan.\nIa pulang.",
            "Harga naik.\n\nPemerintah berjanji menggelar operasi pasar mulai pekan depan.\n\nIa pulang.",
        ),
        # ... then a title on its own line: both go.
        ("Harga naik.\nBaca juga:\nHarga Cabai Turun Jelang Lebaran\nIa pulang.", "Harga naik.\n\nIa pulang."),
    ],
    ids=["sentence-after-label", "title-after-label"],
)
def test_lone_label_line(raw: str, clean: str) -> None:
    assert clean_text(raw).text == clean
