"""Layout recovery: turn flattened scraped text back into one element per line.

Scraped article text is HTML flattened to text: elements glued with no space
(``kata dia.Baca juga:Judul LainKalimat``), whole articles on one line, one HTML element per
line (``Pelatih`` / ``Persija Jakarta`` / ``,``) or tokenised (``Lihat juga :``). The rules of
:mod:`.rules` work on lines, so this stage runs first, before whitespace is collapsed:

1. **rejoin** fragments of one sentence that sit one element per line (and datelines split
   over two lines), so a sentence is one line again;
2. **split** the text at the element boundaries around boilerplate *anchors* (labels such as
   ``Baca juga:``, markers such as ``ADVERTISEMENT``, footers glued to the last sentence).

It removes no word and splits no word: a line break is inserted only next to an anchor, and a
glue point inside a word (``NasDem``, ``YouTube``, ``detikJabar``) is never one. What it did is
returned as flags (``layout_rejoined``, ``layout_split``, ``related_link_end_guessed``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from .credits import AGENCY_CREDIT, CREDIT_OPENERS, PHOTO_CREDIT, SOURCE_CREDIT
from .gazetteer import (
    CAMEL_WORDS,
    REPORTING_VERBS,
    ROLE_WORDS,
    SENTENCE_OPENERS,
    STRONG_OPENERS,
    SUBJECT_HEADS,
    TITLE_LOWER,
)
from .rules import RULES


class End(Enum):
    """Where the element an anchor starts ends."""

    MATCH = "match"
    """At the end of the anchor's match (markers, fixed footers, bounded credits)."""
    TITLE = "title"
    """At the end of the link title after the label: the next element boundary."""
    LINE = "line"
    """At the end of the line (footers that run to the end of the article)."""
    HEADING = "heading"
    """At the line's end if the rest is one short phrase with no sentence end (the next page's
    crosshead), else at the end of a title."""
    CAPTION = "caption"
    """With the sentence glued right after the match (a video's caption under its plug), if any."""


@dataclass(frozen=True)
class Anchor:
    """A boilerplate label that starts an element of its own."""

    name: str
    regex: str
    end: End = End.MATCH
    needs: tuple[str, ...] = ()
    """Literals one of which every match contains: a line with none of them is not searched."""
    alone: bool = False
    """Where no title end is found, the label alone is the element (a heading whose links were stripped)."""


_Q = "\"'‘’“”"
_PLACE_WORD = r"(?:\w|\.(?![A-Z][a-z]))*"
"""The rest of a capitalised word of a place name ("Tanjungpinang", "Kab."), never across a glued sentence end."""
_CAPTION_WORDS = r"[A-Z](?:[^\n().!?A-Z]|(?<![a-z.!?\"”)])[A-Z]|\([^()\n]{1,30}\)){2,300}?\.?"
"""A caption's words before its credit: no sentence end, and no glue point (an element boundary)."""
ANCHORS: tuple[Anchor, ...] = (
    # Related links: a label, then a title that starts with a capital, digit or quote.
    Anchor(
        "related_link",
        r"[(\[]? ?(?:Baca|BACA|Lihat|LIHAT|Simak|SIMAK)(?: ?(?:[Jj]uga|JUGA))? ?[:\-–] ?(?:- )?(?=[A-Z0-9\"'‘“])"
        r"|(?<=[.!?\"”] )(?:Tonton|TONTON): (?=[A-Z0-9\"'‘“])",
        End.TITLE,
        needs=("Baca", "BACA", "Lihat", "LIHAT", "Simak", "SIMAK", "Tonton", "TONTON"),
    ),
    Anchor(
        "related_link",
        r"(?:Baca|BACA) ?(?:[Jj]uga|JUGA) (?=[A-Z0-9\"'‘“])",
        End.TITLE,
        needs=("Baca", "BACA"),
        alone=True,
    ),  # the colon lost
    Anchor(
        "related_link",
        r"(?:Baca|BACA) ?(?:[Jj]uga|JUGA)(?=[A-Z0-9\"'‘“]|\s*$)",
        End.TITLE,
        needs=("Baca", "BACA"),
        alone=True,
    ),  # a bare label: its titles glued to it, or stripped
    Anchor("video_plug", r"(?<![\w:] )(?<![\w\"“'‘])Video: (?=[A-Z0-9\"'‘“])", End.TITLE, needs=("Video: ",)),
    Anchor(
        "editors_pick",
        r"Editor's [Pp]icks?:?|Pilihan [Ee]ditor ?:",
        End.TITLE,
        needs=("Editor's ", "Pilihan Editor", "Pilihan editor"),
    ),
    # A plug's quoted title that quotes inside it, up to the quote and colon before the video.
    Anchor(
        "video_plug",
        r"(?:Simak|Lihat|Saksikan|Tonton)(?: [Jj]uga)? (?:[Vv]ideo|VIDEO) ['\"‘“][^\n]{5,200}?['\"’”] ?:(?= ?\[Gambas|\s*$)",
        needs=("ideo '", 'ideo "', "ideo ‘", "ideo “", "IDEO '", 'IDEO "'),
    ),
    # Video plugs: the label, then a quoted or plain title.
    Anchor(
        "video_plug",
        r"(?:Yuk,? )?(?:Simak|Lihat|Saksikan|Tonton|SIMAK|LIHAT|simak)(?: [Jj]uga| JUGA)? (?:[Vv]ideo|VIDEO)"
        r" (?:ini!?|(?:[Pp]ilihan |[Mm]enarik )?(?:[Bb]erikut|di bawah)(?: [Ii]ni)? ?:?|[Pp]ilihan ini)",
        End.CAPTION,
        needs=("ideo", "IDEO"),
    ),
    Anchor(
        "video_plug",
        r"(?:Yuk,? )?(?:Simak|Lihat|Saksikan|Tonton|SIMAK|LIHAT)(?: [Jj]uga| JUGA)? (?:[Vv]ideo|VIDEO) ?:? ?(?=[\"'‘“A-Z])",
        End.TITLE,
        needs=("ideo", "IDEO"),
    ),
    # Credits and bylines glued to the text.
    Anchor(
        "credit",
        r"(?:Reporter|Penulis|Sumber|Laporan Wartawan [\w.]+) ?: ?[A-Za-z][\w.,' -]{1,60}? ?\| ?(?:Editor|Penyunting) ?: ?"
        r"[A-Za-z][a-z][\w'-]*(?: [A-Z][a-z][\w'-]*){0,3}",
        needs=("|",),
    ),
    Anchor(
        "ad_marker",
        r"Tidak ada kode iklan yang tersedia\.|Advertisement(?=\s*$)|(?:(?<=[.!?])|(?<=[.!?] ))Advertisement(?= ?[A-Z])",
        needs=("Tidak ada kode iklan", "Advertisement"),
    ),
    Anchor("video_plug", r"(?<=[.!?\"”] )Video(?=:? [A-Z])", End.TITLE, needs=("Video",)),
    Anchor(
        "pagination",
        r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] )|^)\d+ dari \d+ halaman(?= ?[A-Z]|\s*$)|Lanjut ke sebelah\.*",
        needs=(" dari ", "Lanjut ke sebelah"),
    ),
    Anchor("pagination", r"Selanjutnya: (?=[A-Z])", End.HEADING, needs=("Selanjutnya: ",)),
    Anchor(
        "pagination",
        r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] ))(?:(?:Lanjut(?:kan)? (?:ke|baca)|Bersambung ke) halaman (?:berikutnya|selanjutnya)\.*"
        r"|BACA SELENGKAPNYA DI SINI[!.]?|Ke [Hh]alaman \d+ ?=*>*)",
        needs=("Lanjut", "Bersambung", "BACA SELENGKAPNYA", "alaman "),
    ),
    Anchor("pagination", r"Simak [\w ,]{0,80}? di halaman (?:selanjutnya|berikutnya)\.*", needs=(" di halaman ",)),
    Anchor("pagination", r"Selengkapnya baca di (?=\S)", End.LINE, needs=("Selengkapnya baca di ",)),
    Anchor(
        "promo_footer",
        r"Dapatkan update berita pilihan dan breaking news|[A-Z][\w.]+ adalah portal berita|Follow Berita Okezone"
        r"|Ikuti berita populer lainnya|Simak berita dan artikel lainnya di Google News|Baca berita tanpa iklan"
        r"|Simak liputan khusus|IDN Times Community adalah|Artikel Selanjutnya(?= ?[A-Z])",
        End.LINE,
        needs=(
            "Dapatkan update berita pilihan dan breaking news",
            " adalah portal berita",
            "Follow Berita Okezone",
            "Ikuti berita populer lainnya",
            "Simak berita dan artikel lainnya di Google News",
            "Baca berita tanpa iklan",
            "Simak liputan khusus",
            "IDN Times Community adalah",
            "Artikel Selanjutnya",
        ),
    ),
    Anchor("credit", r"\(Penulis [^|()\n]{2,60}\| ?Editor [^()\n]{2,60}\)", needs=("(Penulis ",)),
    Anchor(
        "credit",
        # Up to the outlet's dateline if one follows ("... Nama. TRIBUNNEWS.COM, JAKARTA"), else the first stop.
        r"Laporan [Ww]artawan (?:[^\n]{2,80}?(?= ?[A-Z]{4,}\w*\.(?:COM|CO\.ID|CO)\b)|[^\n]{2,80}?\.(?= ))",
        needs=("artawan ",),
    ),
    Anchor(
        "credit",
        r"(?:(?<=[.!?\"”a-z)])|(?<=[.!?\"”]\s)|(?<=[.!?\"”]\s\s)|(?<=[.!?\"”]\s\s\s))"
        r"(?:(?:Pewarta|Reporter|Editor|Penulis|Penerjemah) ?: ?(?=[A-Z])|pewarta ?: ?(?=[a-z]))",
        End.LINE,
        needs=("Pewarta", "Reporter", "Editor", "Penulis", "Penerjemah", "pewarta"),
    ),
    Anchor(
        "pagination",
        r"Simak selengkapnya (?:dalam|di) [^\n.]{0,80}?(?:berikut ini|halaman berikut\w*) ?:?",
        needs=("Simak selengkapnya ",),
    ),
    # A dateline glued after a pull quote or caption: its own element, found by the header rules.
    Anchor(
        "dateline",
        # The place's words from the first capitalised one: at the line's start, after a sentence,
        # a lower-case word or glued to a pull quote with no stop or cut mid-word at its length
        # bound ("...perhatianJakarta (ANTARA) -"); never across a glued stop ("Aceh.Banda Aceh").
        r"(?:^|(?<=[.!?\"”])|(?<=[.!?\"”] )|(?<=[a-z] )|(?<=[a-z,]))[A-Z]"
        + _PLACE_WORD
        + r"(?:,? [A-Z]"
        + _PLACE_WORD
        + r"){0,3}\s*\( ?ANTARA(?: News)? ?\)\s?[-–]",
        needs=("ANTARA",),
    ),
    Anchor(
        "factcheck_promo",
        r"Untuk mengetahui kebenaran informasi yang beredar, silakan WhatsApp[^\n]{0,120}?diinginkan\."
        r"|0811\s9787\s670\shanya dengan ketik kata kunci yang diinginkan\.",
        needs=("Untuk mengetahui kebenaran informasi", "0811"),
    ),
    Anchor(
        "editor_note",
        r"Catatan Redaksi:? (?=[A-Z])|Share artikel ini agar temanmu",
        End.LINE,
        needs=("Catatan Redaksi", "Share artikel ini agar temanmu"),
    ),
    Anchor(
        "caption",
        r"(?<=[.!?\"”] )[^.!?\n]{3,200}?\.? - \((?:Republika|REPUBLIKA|ANTARA FOTO|Antara|ANTARA)[^)\n]{0,60}\)",
        needs=(" - (",),
    ),
    # A caption glued between elements, ended by its photo credit: from the last glue point
    # before the credit (``ManfaatIlustrasi (iStock)Menteri``), or after a sentence, when the
    # credit is followed by the next sentence.
    Anchor(
        "caption",
        r"(?:^|(?<=[a-z.!?\"”)]))[A-Z](?:[^\n()A-Z]|(?<![a-z.!?\"”)])[A-Z]|\([^()\n]{1,30}\)(?! ?\())"
        rf"{{2,300}}? ?{PHOTO_CREDIT}(?=[A-Z]|\s*$)",
        needs=CREDIT_OPENERS,
    ),
    Anchor(
        "caption",
        rf"(?:(?<=[.!?\"”] )|^)[A-Z][^.!?\n()]{{2,120}}? ?{PHOTO_CREDIT}(?= [A-Z])",
        needs=CREDIT_OPENERS,
    ),
    # A caption with no stop ended by a bare agency, the next element glued on: "... mencair (Antara)Pada".
    Anchor(
        "caption",
        rf"(?:^|(?<=[a-z.!?\"”)]))[A-Z](?:[^\n().!?A-Z]|(?<![a-z.!?\"”)])[A-Z]){{2,200}}? ?{AGENCY_CREDIT}(?=[A-Z][a-z])",
        needs=CREDIT_OPENERS,
    ),
    # A caption ended by a credit after a slash or bar: "Tidur dengan Kipas Angin / Sumber: iStockphoto".
    Anchor(
        "caption",
        rf"(?:^|(?<=[a-z.!?\"”)])|(?<=[.!?\"”] ))[A-Z](?:[^\n()/|.!?A-Z]|(?<![a-z.!?\"”)])[A-Z]){{2,200}}?{SOURCE_CREDIT}"
        r"(?=[A-Z][a-z]|\s*$)",
        needs=(
            "/ Sumber",
            "/Sumber",
            "| Sumber",
            "|Sumber",
            "/ sumber",
            "| sumber",
            "/ Foto",
            "| Foto",
            "/ foto",
            "| foto",
        ),
    ),
    # A caption labelled as one, after a sentence: "... pungkasnya. Keterangan foto: Pembelian ayam ...".
    Anchor(
        "caption",
        r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] )|^)(?:Keterangan [Ff]oto|KETERANGAN FOTO) ?: ?(?=[A-Z])",
        End.CAPTION,
        needs=("Keterangan", "KETERANGAN"),
    ),
    # A caption heading the page with its bracketed credit, glued to the dateline: "... Barat. [TEMPO/Andi]TEMPO.CO".
    Anchor("caption", r"^[^\n\[\]]{10,300}? \[[A-Z][A-Za-z]* ?/ ?[^\]\n]{2,40}\](?= ?[A-Z])", needs=("[",)),
    # An author's name in capitals ending the article (Tempo's): "... kata dia.ANDI PRASETYO".
    Anchor("credit", r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] ))[A-Z]{3,}(?: [A-Z]{2,}){1,3}(?=\s*$)", needs=(" ",)),
    # A byline in parentheses after the last sentence: "... resmi.(Rizky Pratama)".
    Anchor("credit", r"(?<=[.!?\"”])\s?\([A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\)(?=\s*$)", needs=("(",)),
    Anchor("embed", r"\[Gambas:[^\]\n]{1,40}\]", needs=("[Gambas:",)),
    Anchor(
        "embed",
        r"(?:View this post on Instagram)?A post shared by [^\n(]{1,60}\(@[\w.]+\)",
        needs=("A post shared by ",),
    ),
    Anchor("embed", r"View this post on Instagram", needs=("View this post on Instagram",)),
    # Markers.
    Anchor(
        "copyright_footer",
        r"Dilarang keras mengambil konten, melakukan crawling[^\n]{0,200}?ANTARA\.|(?:Copyright|COPYRIGHT) © ANTARA \d{4}"
        r"|copyright © antara \d{4}",
        needs=("Dilarang keras mengambil konten", "© ANTARA", "© antara"),
    ),
    Anchor(
        "promo_footer",
        r"Dapatkan informasi, inspirasi dan insight di email kamu\.?\s?(?:Daftarkan email)?"
        r"|Dapatkan update berita [^\n.]{0,60}setiap hari\. Mari bergabung di [^\n.]{0,80}\.",
        needs=("Dapatkan informasi, inspirasi", "Dapatkan update berita "),
    ),
    Anchor(
        "video_plug",
        r"(?:Simak|Lihat|Saksikan) [Jj]uga ['\"‘“][^\n]{5,200}?['\"’”] ?:",
        needs=("uga '", 'uga "', "uga ‘", "uga “"),
    ),
    Anchor(
        "embed", r"Sebuah kiriman dibagikan oleh [^\n(]{1,60}\(@[\w.]+\)", needs=("Sebuah kiriman dibagikan oleh ",)
    ),
    Anchor(
        "marker",
        r"Scroll ke bawah untuk melanjutkan membaca|GULIR UNTUK LANJUT BACA|Iklan - Geser ke atas untuk melanjutkan"
        r"|\(adsbygoogle = window\.adsbygoogle \|\| \[\]\)\.push\(\{\}\);|Baca berita tanpa iklan\. Gabung Kompas\.com\+"
        r"|Nyaman tanpa iklan\. Langganan BisnisPro|\* Ringkasan ini dibantu dengan menggunakan AI|BREAKING NEWS CNN Indonesia"
        r"|Saksikan Live Detik\w+\s*:?|Simak (?:selengkapnya|lengkapnya) (?:di ?sini|di halaman berikutnya)\.?"
        r"|BACA SELENGKAPNYA(?: DI SINI[!.]?| >*)|Simak hasil penelusuran Cek Fakta Liputan6\.com[^.\n]{0,80}\.?|Photo : • \w+",
        needs=(
            "Scroll ke bawah",
            "GULIR UNTUK",
            "Iklan - Geser",
            "adsbygoogle",
            "Baca berita tanpa iklan",
            "Nyaman tanpa iklan",
            "Ringkasan ini dibantu",
            "BREAKING NEWS CNN",
            "Saksikan Live Detik",
            "Simak selengkapnya",
            "Simak lengkapnya",
            "BACA SELENGKAPNYA",
            "Simak hasil penelusuran",
            "Photo : • ",
        ),
    ),
    # A page's date and time between elements: after a sentence end or at the line's start,
    # glued to the next element or ending the line (never inside a sentence: "Pada 15 Mei ...").
    Anchor(
        "date_line",
        r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] )|^)\d{1,2} (?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September"
        r"|Oktober|November|Desember) \d{4}, \d{1,2}[:.]\d{2} WI[BTA](?=[A-Z]|\s*$)",
        needs=(" WIB", " WIT", " WITA"),
    ),
    # An outlet/reporter credit between sentences: "... kata dia. (Bola.net/Fitri Apriani) Pelatih ...".
    Anchor(
        "credit",
        r"(?<=[.!?\"”] )\((?:Bola\.net|Bola\.com|Kompas\.com|Tribun ?\w+|[A-Z]\w+\.(?:com|net|id))/[A-Z][^)\n/]{1,40}\)"
        r"(?= [A-Z]|\s*$)",
        needs=(".com/", ".net/", ".id/", "Tribun"),
    ),
    # A caption with its "©AGENCY/Name" credit, from the line's start or the last glue point.
    Anchor(
        "caption",
        rf"(?:^|(?<=[a-z.!?\"”)])){_CAPTION_WORDS} ?©[A-Z]+/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){{0,4}}?(?=[A-Z][a-z]|\s*$)",
        needs=("©",),
    ),
    Anchor("ad_marker", r"Loading\.\.\.(?= ?[A-Z]|\s*$)", needs=("Loading...",)),
    Anchor("ad_marker", r"ADVERTISEMENT(?: SCROLL TO (?:RESUME|CONTINUE WITH) CONTENT)?", needs=("ADVERTISEMENT",)),
    Anchor(
        "ad_marker",
        r"SCROLL TO (?:RESUME|CONTINUE WITH) CONTENT|[Ss]croll to (?:resume|continue with) content",
        needs=("SCROLL TO ", "croll to "),
    ),
    # Footers glued to the last sentence.
    Anchor("keyword_footer", r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] ))KEYWORD ?: ?(?=\S)", End.LINE, needs=("KEYWORD",)),
    Anchor(
        "google_news_footer",
        r"Cek Berita dan Artikel yang lain di(?:\s*Google\s*News(?: dan WA Channel)?)?",
        needs=("Cek Berita dan Artikel yang lain di",),
    ),
    Anchor(
        "syndication_footer",
        r"(?:Artikel|Berita) ini telah (?:tayang|ditayangkan|terbit) di (?=[A-Z\w])",
        End.LINE,
        needs=("Artikel ini telah ", "Berita ini telah "),
    ),
    Anchor(
        "credit",
        r"(?:(?<=[.!?\"”])|(?<=[.!?\"”] ))Artikel ini (?:ditulis|disusun) oleh [A-Z][^\n.]{2,160}\.",
        needs=("Artikel ini ditulis oleh", "Artikel ini disusun oleh"),
    ),
    # detik's syndication line: 'Baca artikel detikfinance, "Judul"' (the article's own title elsewhere).
    Anchor(
        "syndication_footer",
        r"Baca artikel (?:detik\w*|[A-Z]\w+(?:\.com)?),? ?[\"“][^\n]{5,240}?[\"”](?: selengkapnya)?(?: https?://\S+)?",
        needs=("Baca artikel ",),
    ),
    Anchor(
        "contributor_credit",
        r"(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}(?:,? dan [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?) "
        r"(?:berkontribusi|turut berkontribusi) dalam penulisan (?:artikel|berita) ini\.?",
        needs=("berkontribusi dalam penulisan",),
    ),
    Anchor(
        "pagination",
        r"(?:Baca selengkapnya di sini[!.]?|Halaman \d+ dari \d+|Halaman [Ss]elanjutnya)",
        needs=("Baca selengkapnya di sini", "Halaman "),
    ),
    Anchor(
        "credit",
        r"\((?:Penulis|Reporter|Editor|Pewarta) ?: ?[^()\n]{2,80}\)",
        needs=("(Penulis", "(Reporter", "(Editor", "(Pewarta"),
    ),
    Anchor(
        "credit",
        r"\((?:Dok\.|Dokumentasi|Foto:|FOTO:|Sumber foto:) ?[^()\n]{1,60}\)(?=\s*$|[A-Z])",
        needs=("(Dok.", "(Dokumentasi", "(Foto:", "(FOTO:", "(Sumber foto:"),
    ),
    # "(c) Outlet/Name" and the caption before it: from the line's start or the last glue point,
    # with no sentence end or glue point inside; the name runs to the line's end if nothing is glued on.
    Anchor(
        "photo_credit",
        rf"(?:(?:^|(?<=[a-z.!?\"”)])){_CAPTION_WORDS} )?"
        r"\(c\) [\w.-]+(?:/(?:(?:(?![a-z][A-Z])[^\n()]){2,40}$|[^\n()]{2,40}?(?:(?<=[a-z.])(?=[A-Z][a-z])|(?=  )))"
        r"|(?: [A-Z][\w.'-]*){1,3}$)?",
        needs=("(c) ",),
    ),
    Anchor(
        "photo_credit",
        r"(?:Foto|FOTO|Ilustrasi foto): [^\n/.]{2,60}/(?:detikcom|detik[A-Z][a-z]+|[A-Z][\w.]+?)(?=[A-Z]|\s|$)"
        # No outlet after the name: bounded by the next element glued on ("Foto: Grandyos ZafnaPertemuan").
        r"|(?<= )(?:Foto|FOTO): [A-Z][a-z]+(?: [A-Z][a-z]+){0,3}(?=[A-Z][a-z])",
        needs=("Foto: ", "FOTO: ", "Ilustrasi foto: "),
    ),
)
"""The anchors, in order of precedence where two start at the same place."""

FOOTER_RULES = (
    "google_news_footer",
    "whatsapp_channel_block",
    "follow_footer",
    "promo_footer",
    "paywall_footer",
    "syndication_footer",
    "copyright_footer",
)
"""Footer rules whose examples' first words, glued after a sentence end, start the article's last element."""
OPENER_WORDS = 3


def footer_openers() -> tuple[tuple[str, ...], ...]:
    """The first words of every example of :data:`FOOTER_RULES`, each example once.

    A footer rule knows its footer only as a whole last line; glued to the last sentence
    (``...sebulan.Download Apps CNN Indonesia sekarang``) it needs an anchor, and the anchor
    comes from the rule's own examples instead of a second copy of the phrase.
    """
    found: dict[tuple[str, ...], None] = {}
    for rule in RULES:
        if rule.name in FOOTER_RULES:
            for example in rule.examples:
                words = tuple(example.split()[:OPENER_WORDS])
                if len(words) == OPENER_WORDS and words[0][:1].isupper():
                    found[words] = None
    return tuple(found)


_FOOTER_OPENERS = footer_openers()
ANCHORS = (
    *ANCHORS,
    Anchor(
        "footer",
        # The words glue-tolerant: a flattened page may have lost the spaces between them.
        r"(?:(?<=[.!?\"”)])|(?<=[.!?\"”)] ))(?:"
        + "|".join(r"\s?".join(map(re.escape, words)) for words in _FOOTER_OPENERS)
        + ")",
        End.LINE,
        needs=tuple(sorted({words[0] for words in _FOOTER_OPENERS})),
    ),
)

_ANY = re.compile("|".join(f"(?:{a.regex})" for a in ANCHORS))
"""Any anchor, for ``match`` at a line's start (where one alternation is as fast as the parts)."""
_EACH = tuple(re.compile(a.regex) for a in ANCHORS)
"""Each anchor alone: searched one by one, each keeps the regex engine's fast scan for its own
first characters, which one alternation of all of them loses (several times slower)."""


class _Scanner:
    """The anchors of one line, found left to right; each anchor's regex scans the line once.

    A search is kept until the position passes it, so a line with many anchors costs one scan
    per anchor, not one per cut; an anchor whose ``needs`` are all absent is never searched.
    """

    def __init__(self, line: str) -> None:
        self.line = line
        self.active = [i for i, a in enumerate(ANCHORS) if not a.needs or any(n in line for n in a.needs)]
        self.found: dict[int, re.Match[str] | None] = {}

    def first(self, pos: int) -> tuple[Anchor, re.Match[str]] | None:
        """The leftmost anchor match at or after *pos*; at one place, the first in the table wins."""
        best: tuple[int, int, re.Match[str]] | None = None
        for i in self.active:
            match = self.found.get(i)
            if i not in self.found or (match is not None and match.start() < pos):
                match = self.found[i] = _EACH[i].search(self.line, pos)  # no endpos: it moves "$"
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), i, match)
        return (ANCHORS[best[1]], best[2]) if best else None


_TOKEN = re.compile(r"\S+")
_GLUE = re.compile(r"(?<=[a-z0-9)\]\"”’.!?])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2,})")
SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
"""A line that ends a sentence (its last character a stop, maybe before a closing quote)."""
TITLE_MAX = 360
FOOTER_MAX = 600
"""A footer anchored to the end of a line covers at most this many characters."""
"""A link title is at most this long; past it, the element's end is not looked for."""


def _word_at(text: str, pos: int) -> str:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return re.sub(r"^\W+|\W+$", "", text[start:end])


def _is_glue(text: str, pos: int) -> bool:
    """Whether *pos* (a lower-to-upper change with no space) is an element boundary, not a word.

    Words with inner capitals are listed as data (``NasDem``, ``YouTube``); brand prefixes
    (``detikJabar``, ``kumparanNEWS``) and ``iPhone``-like words are words too.
    """
    word = _word_at(text, pos)
    if word in CAMEL_WORDS or (word[:1].islower() and any(word.startswith(p) for p in ("detik", "kumparan", "i", "e"))):
        return False
    return not any(word.startswith(c) or word.endswith(c) for c in CAMEL_WORDS if c in word)


def _title_end(line: str, start: int, *, paren: bool, at_line_start: bool, alone: bool = False) -> tuple[int, bool]:  # noqa: PLR0911 - one return per kind of end
    """The end of the link title that starts at *start*, and whether it was guessed.

    The end is the next element boundary: a closing quote or parenthesis, a run of spaces, a
    glue point (``Judul LainKalimat``), the end of the line; failing those, where a
    title-cased headline is followed by a sentence (``... Gubernur Riau Gubernur kedua ...``).
    A label at the start of a line is a related link of its own there (its title may be in
    sentence case); glued inside a line, its title must look like one to run to the line's end.
    ``start`` is returned when none is found: the caller then keeps the text.
    """
    limit = min(len(line), start + TITLE_MAX)
    if alone and _bare(line[start:limit].split(" ", 1)[0]) in _ANY_OPENER:
        return start, True  # a sentence follows the label at once (``Baca JugaSebelumnya, ...``)
    if paren:
        close = re.compile(r"[)\]]").search(line, start, limit)
        return (close.end(), False) if close else (start, True)
    quoted = _quoted_end(line, start, limit)
    if quoted is not None:
        return quoted
    segment = line[start:limit]
    gap = re.search(r" {2,}", segment)
    glues = [m.start() for m in _GLUE.finditer(segment) if m.start() > 0 and _is_glue(segment, m.start())]
    if glues and limit == len(line) and _short_tail(segment[glues[0] :]):
        glues = []  # a camel-case name inside the title, not a boundary
    glue = glues[0] if glues else None
    if glue is not None and glue > PLAIN_TITLE_MAX and not all(_title_shaped(w) for w in segment[:glue].split()):
        glue = None  # a sentence runs on to a camel-case word (``AirNav``): not a title's end
    quote = _QUOTE_AFTER.search(segment)
    dots = _ELLIPSIS_END.search(segment)
    strong = min(
        (
            m
            for m in (gap.start() if gap else None, glue, quote.end() if quote else None, dots.end() if dots else None)
            if m
        ),
        default=None,
    )
    if strong is not None and strong == glue and not _SENTENCE_INSIDE.search(segment[:strong]):
        return start + _glued_titles_end(segment, glues), False
    if strong is not None and (at_line_start or all(_title_shaped(w) for w in segment[:strong].split())):
        return start + strong, False
    if at_line_start and limit == len(line):
        return len(line), False  # a related link of its own line: the title is the rest of it
    guess = _guess_title_end(segment)
    if strong is not None and (guess is None or strong <= guess[1]):
        return start + strong, False
    if guess is not None:
        return start + guess[0], True
    if limit == len(line) and all(_title_shaped(w) for w in segment.split()):
        return len(line), False  # the title runs to the end of the line
    plain = _plain_title_end(segment, ends=limit == len(line))
    return (start + plain, True) if plain else (start, True)


def _quoted_end(line: str, start: int, limit: int) -> tuple[int, bool] | None:
    """A quoted title ends at its closing quote; a quotation someone said is no title at all."""
    quote = re.match(r" ?[\"'‘“]", line[start:])
    close = re.search(r"[\"'’”]", line[start + quote.end() : limit]) if quote else None
    if quote is None or close is None:
        return None
    end = start + quote.end() + close.end()
    if line[end - 2 : end - 1] in ",!?" or _SPEECH_AFTER.match(line, end):
        return start, True
    tail = re.match(r" ?:", line[end:])
    return end + (tail.end() if tail else 0), False


_SPEECH_AFTER = re.compile(
    r" ?(?:kata|ujar|tutur|jelas|imbuh|tegas|ungkap|papar|terang|sebut|tambah|pungkas|lanjut|tukas|cetus)(?:nya)?\b"
)
"""The word that attributes a quotation (``“...,” katanya``)."""
_QUOTE_AFTER = re.compile(r"(?<=[\w!?.]) (?=[“\"][A-Z]|&(?:amp;)?(?:ldquo|quot);)|(?<=\w) (?=\d{1,2}\. [A-Z])")
"""A quotation opening after a title, or a numbered list item: the title ended before it."""
_ELLIPSIS_END = re.compile(r"(?<=\w)(?:\.\.\.|…)(?= [A-Z\"“])")
"""A truncated title's ellipsis before the next sentence (``... pada Pilkada Jakarta... Maka``)."""
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"”’)]? +[A-Z]")
GLUED_TAIL_WORDS = 8
"""A glue point followed by at most this many words up to the line's end, with no sentence end,
is inside the title (``LavAni petik kemenangan pertama``), not after it."""


def _short_tail(tail: str) -> bool:
    """A few words that end the line with no sentence end: the rest of a title, not a sentence."""
    return (
        len(tail.split()) <= GLUED_TAIL_WORDS
        and not _SENTENCE_INSIDE.search(tail)
        and not SENTENCE_END.search(tail.rstrip())
    )


def _glued_titles_end(segment: str, glues: list[int]) -> int:
    """The end of a run of link titles glued together (``...ObatBertambah 689, Jumlah ... OrangTenaga``).

    Each next piece up to a glue point that is title-shaped is one more title.
    """
    end = glues[0]
    for nxt in glues[1:]:
        piece = segment[end:nxt].split()
        if len(piece) < 3 or not all(_title_shaped(w) for w in piece) or _SENTENCE_INSIDE.search(segment[end:nxt]):
            break
        end = nxt
    return end


_INTRODUCES = re.compile(r"(?:[Bb]erikut(?: [Ii]ni)?|:)$")
_CAPTION_SENTENCE = re.compile(r"[A-Z][^\n]*?(?:[.!?][\"”’)]?(?=\s|[A-Z]|$)|$)")


def _caption_end(line: str, start: int, stop: int) -> int:
    """The end of the one sentence glued to a plug (``berikut:Perdana Menteri ... ekonomi.``).

    Only a sentence glued to a plug that introduces it (``berikut``, a colon) and that ends the
    line or meets the next anchor (the page's end) is its caption; any other is content.
    """
    plug = line[:start].rstrip()
    if start >= stop or line[start : start + 1].isspace() or not _INTRODUCES.search(plug):
        return start
    sentence = _CAPTION_SENTENCE.match(line, start, stop)
    return sentence.end() if sentence and not line[sentence.end() : stop].strip() else start


def _guess_title_end(segment: str) -> tuple[int, int] | None:
    """Where a sentence begins after a title-cased headline: (start, end) of its first word.

    Every word before it must be title-shaped (capitalised, a number, or a small word kept in
    lower case). A sentence starts with a capitalised word that is followed, after at most two
    small words, by a lower-case content word (``Gubernur kedua``, ``Hanya di mata``), with a
    sentence opener (``Namun,``, ``Selain itu``), or with an opening quote (``“Ngobrolin, ketawa``).
    """
    tokens = list(_TOKEN.finditer(segment))
    words = [m.group() for m in tokens]
    for i in range(1, len(words) - 1):
        if not _title_shaped(words[i - 1]):
            return None
        if i >= TITLE_MIN_WORDS and _sentence_starts(words, i):
            k = _role_start(words, i)
            return tokens[k].start(), tokens[i].end()
    return None


_ANY_OPENER = SENTENCE_OPENERS | STRONG_OPENERS
_RUN_ON = re.compile(r"[.!?,;:]$")
"""A word after which a sentence goes on (or has ended): no title's word."""
PLAIN_TITLE_MAX = 160
"""A link title in sentence case is at most this long (ANTARA's: ``Baca juga: Guru olahraga bertambah``)."""
TITLE_MIN_WORDS = 2
"""A link title has at least this many words before a sentence is taken to start."""


def _plain_title_end(segment: str, *, ends: bool) -> int | None:
    """The end of a link title in sentence case, or None: its words say nothing of where it ends.

    A short title with no sentence end that *ends* the element (the line's end, or the next
    label) is the whole of it. Else the title ends where a sentence plainly starts: a sentence
    opener (``Menurut dia,``), a person's office (``Kapolres Metro ... mengatakan``) or any
    capitalised run that a reporting verb follows (``Budi Santoso mengatakan``).
    """
    text = segment.rstrip()
    if ends and len(text) <= PLAIN_TITLE_MAX and not re.search(r"[.!?][\"”’)]?(?:\s|$)", text):
        return len(text)
    tokens = list(_TOKEN.finditer(segment))
    words = [m.group() for m in tokens]
    for i in range(TITLE_MIN_WORDS, len(words) - 1):
        if tokens[i].start() > PLAIN_TITLE_MAX or _RUN_ON.search(words[i - 1]):
            return None  # too long for a title, or a sentence already ran on
        start = _plain_sentence_start(words, i)
        if start is not None:
            return tokens[start].start()
    return None


def _plain_sentence_start(words: list[str], i: int) -> int | None:
    word, nxt = _bare(words[i]), words[i + 1]
    if not word[:1].isupper():
        return None
    if word in _ANY_OPENER and (words[i].endswith(",") or nxt[:1].islower()):
        return i
    run = i
    while run < len(words) and run < i + 8 and words[run][:1].isupper() and not _RUN_ON.search(words[run]):
        run += 1
    if run < len(words) and _bare(words[run]) in REPORTING_VERBS:
        return next((k for k in range(i, run) if _bare(words[k]) in ROLE_WORDS), i)
    if word in ROLE_WORDS and nxt[:1].isupper() and run < len(words) and words[run][:1].islower():
        return i
    return None


SUBJECT_WORDS = 3
"""A subject's head word is at most this many words before the word a lower-case verb follows."""


def _role_start(words: list[str], i: int) -> int:
    """Move a sentence start back to the office before a name (``Menteri ... Airlangga Hartarto``).

    A sentence often opens with a person's office and name, all capitalised; cutting the title
    there keeps the name whole (a title word left is better than a content word lost).
    """
    for k in range(max(1, i - 6), i):
        head = _bare(words[k]) in ROLE_WORDS or (_bare(words[k]) in SUBJECT_HEADS and i - k <= SUBJECT_WORDS)
        if head and all(w[:1].isupper() for w in words[k:i]):
            return k
    return i


_SMALL_CAPITALISED = frozenset(
    ("Pada", "Di", "Dan", "Yang", "Untuk", "Dari", "Ke", "Dengan", "Oleh", "Kepada", "Serta")
)
"""Words a title always writes in lower case: capitalised after a title's words, a sentence starts."""


def _sentence_starts(words: list[str], i: int) -> bool:
    word = words[i]
    if word[:1] in '“"' and len(word) > 1 and word[1:2].isupper():
        return words[i + 1][:1].islower()
    if not word[:1].isupper():
        return False
    if word.rstrip(",") in SENTENCE_OPENERS and (word.endswith(",") or words[i + 1][:1].islower()):
        return True
    if word.rstrip(",") in STRONG_OPENERS:
        return True
    j = i + 1
    while j < len(words) and j <= i + 2 and _bare(words[j]) in TITLE_LOWER:
        j += 1
    return j < len(words) and words[j][:1].islower() and _bare(words[j]) not in TITLE_LOWER


def _bare(word: str) -> str:
    return re.sub(r"\W+$", "", word)


def _title_shaped(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or first in _Q or first in "(-–|&%$#" or _bare(word) in TITLE_LOWER


@dataclass(frozen=True)
class _Cut:
    start: int
    end: int
    guessed: bool = False


def _cuts(line: str) -> Iterator[_Cut]:
    scanner = _Scanner(line)
    pos = 0
    while True:
        found = scanner.first(pos)
        if found is None:
            return
        anchor, match = found
        end, guessed = match.end(), False
        if anchor.end is End.HEADING and _short_tail(line[match.end() :]):
            end = len(line)
        elif anchor.end in (End.TITLE, End.HEADING):
            nxt = scanner.first(match.end())
            stop = nxt[1].start() if nxt and nxt[1].start() - match.end() <= TITLE_MAX else None
            view = line if stop is None else line[:stop].rstrip()
            end, guessed = _title_end(
                view,
                match.end(),
                paren=match.group(0)[:1] in "([",
                at_line_start=match.start() == 0 and not anchor.alone,
                alone=anchor.alone,
            )
            if end <= match.end() and anchor.alone:  # a heading whose links were stripped
                yield _Cut(match.start(), match.end(), guessed=True)
                pos = match.end()
                continue
            if end <= match.end():  # no end found: keep the text as it is, not even split before
                yield _Cut(match.start(), match.start(), guessed=True)
                pos = match.end()
                continue
        elif anchor.end is End.CAPTION:
            nxt = scanner.first(match.end())
            end = _caption_end(line, match.end(), nxt[1].start() if nxt else len(line))
        elif anchor.end is End.LINE:
            if len(line) - match.start() > FOOTER_MAX:  # not the article's last words: keep it
                pos = match.end()
                continue
            end = len(line)
        yield _Cut(match.start(), end, guessed)
        pos = max(end, match.end(), match.start() + 1)


def split_line(line: str) -> tuple[list[str], set[str]]:
    """Split one line at the element boundaries around its anchors.

    >>> split_line("kata dia.Baca juga: Judul LainKalimat berikutnya jalan.")[0]
    ['kata dia.', 'Baca juga: Judul Lain', 'Kalimat berikutnya jalan.']
    """
    pieces: list[str] = []
    flags: set[str] = set()
    last = 0
    for cut in _cuts(line):
        if cut.guessed:
            flags.add("related_link_end_guessed" if cut.end > cut.start else "related_link_unbounded")
        if cut.end == cut.start:
            continue
        if cut.start > last:
            pieces.append(line[last : cut.start])
        pieces.append(line[cut.start : cut.end])
        last = cut.end
    if last < len(line):
        pieces.append(line[last:])
    out = [p.strip() for p in pieces if p.strip()]
    if len(out) > 1:
        flags.add("layout_split")
    return out, flags


_LIST_REPR = re.compile(r"\s*\[(?:'|\")(.*?)(?:'|\")\]\s*|\s*b(['\"])(.*)\2\s*", re.DOTALL)
"""A whole text written as a one-item Python list (``['...']``) or as bytes (``b'...'``)."""
_HTML_BREAK = re.compile(r"\s*(?:<br\s*/?>|</?p(?:\s[^<>\n]{0,200})?>)\s*", re.IGNORECASE)
"""Line and paragraph tags a scraper left in the text (``kata dia.<br/>Harga``): element boundaries."""
_TOKENISED = re.compile(r"\w [,.:;!?)](?:\s|$)")
"""Tokenised text has a space before its punctuation (``kata dia , lalu`` / ``Lihat juga :``)."""
TOKENISED_MIN = 3
_SPACE_CLOSE = re.compile(r"(?<=[\w)\]\"”’'%]) +(?=[,.:;!?)\]](?:\s|$))")
_OPEN_SPACE = re.compile(r"([(\[]) +(?=\S)")
_CLOSERS = re.compile(r"^(?:[,;:!?)\]}»”’%]|\.(?!\.))")
"""A line that continues the one before (an ellipsis opens a quoted fragment: it does not)."""
_OPENERS = re.compile(r"[,(\[{«“‘/&+-]$|(?:^|\s)(?:dan|di|ke|dari|yang|untuk|pada|dengan|oleh|atau|serta|bagi)$")
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z]$")
_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}")
"""A line ending in a name's initial (``(c) M`` / ``Iqbal Ichsan``): the name goes on below."""
_DASH_END = re.compile(r"(?:^|\s)[-–—]{1,2}$|[-–—]{2}$")


def _fragment(line: str) -> bool:
    """A short element that is not a sentence: a link's text (a name, a club, a place)."""
    return len(line) <= 60 and not SENTENCE_END.search(line) and _ANY.match(line) is None


def _joins(prev: str, line: str, nxt: str | None) -> bool:
    if _ANY.match(line):
        return bool(_DASH_END.search(prev))
    initial = bool(_INITIAL_END.search(prev) and _NAME.fullmatch(line))
    if _ANY.match(prev) and not _DASH_END.search(prev):  # an element of its own, unless it goes on
        return bool(_CLOSERS.match(line) or prev.endswith(",") or initial)
    if SENTENCE_END.search(prev) or prev.endswith(":"):
        return False
    if _CLOSERS.match(line) or line[:1].islower() or _DASH_END.search(prev) or line[:1] in "-–—":
        return True
    if _OPENERS.search(prev) or initial:
        return True
    return (
        prev[-1:].isalpha() and _fragment(line) and nxt is not None and bool(_CLOSERS.match(nxt) or nxt[:1].islower())
    )


def rejoin(lines: list[str]) -> tuple[list[str], bool]:
    """Join the fragments of a sentence laid out one HTML element per line.

    >>> rejoin(["Klub", "BRI Super League", ",", "Persija Jakarta", "resmi mengikat Rizky Ridho", "."])[0]
    ['Klub BRI Super League, Persija Jakarta resmi mengikat Rizky Ridho.']
    """
    out: list[str] = []
    joined = False
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if out and line and out[-1] and _joins(out[-1], line, nxt):
            glue = "" if _CLOSERS.match(line) or out[-1].endswith(("(", "[", "/", "“")) else " "
            out[-1] = f"{out[-1]}{glue}{line}"
            joined = True
        else:
            out.append(line)
    return out, joined


def recover(text: str) -> tuple[str, set[str]]:
    """Recover the element layout of *text* (line breaks only; no word removed or split).

    Tokenised text gets its punctuation back against the words (``itu , yang`` -> ``itu, yang``);
    fragments are rejoined, then lines are split around boilerplate anchors.

    >>> recover("Warga lega.ADVERTISEMENT SCROLL TO RESUME CONTENTHarga turun lagi.")
    ('Warga lega.\\nADVERTISEMENT SCROLL TO RESUME CONTENT\\nHarga turun lagi.', {'layout_split'})
    """
    flags: set[str] = set()
    wrapped = _LIST_REPR.fullmatch(text)
    if wrapped:  # a scraper wrote the text as a Python list's or bytes' repr: "['...']", "b'...'"
        text = wrapped.group(1) if wrapped.group(1) is not None else wrapped.group(3)
        flags.add("layout_list_repr")
    text, breaks = _HTML_BREAK.subn("\n", text)
    if breaks:  # the page's own paragraph and line breaks, left as markup by the scraper
        flags.add("html_breaks")
    if len(_TOKENISED.findall(text)) >= TOKENISED_MIN:
        text = _OPEN_SPACE.sub(r"\1", _SPACE_CLOSE.sub("", text))
        flags.add("layout_untokenised")
    lines = [line.strip(" \t") for line in text.split("\n")]
    joined_lines, joined = rejoin([line for line in lines if line.strip()])
    if joined:
        flags.add("layout_rejoined")
    out: list[str] = []
    for line in joined_lines:
        pieces, found = split_line(line)
        out.extend(pieces)
        flags |= found
    return "\n".join(out), flags
