"""The rule table: data only, grouped by outlet. The engine is in :mod:`.cleaning`.

A rule's ``name`` is part of the data contract (it is stored in every row's ``removed``):
renaming or changing a rule changes the data and needs a new corpus version, and a new
``RULESET_VERSION``.

Patterns are Python regexes matched per the rule's :class:`Where`; ``^``/``$`` match at
line boundaries. Named groups whose name is in ``EXTRACTABLE`` become fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .credits import PICTURE_CREDIT, SOURCE_CREDIT
from .gazetteer import CITIES, TITLE_LOWER

RULESET_VERSION = "2.3"

EXTRACTABLE = ("outlet", "dateline", "author", "editor", "keywords")


class Where(Enum):
    """Where in an article a rule may match."""

    HEADER = "header"
    """A prefix of the first line, or whole first lines (applied again after each removal)."""
    FOOTER = "footer"
    """A suffix of the last line, or whole last lines (applied again after each removal)."""
    LINE = "line"
    """One or more whole lines anywhere."""
    INLINE = "inline"
    """A bounded span inside a line."""
    BODY = "body"
    """One or more whole lines anywhere but the first (the first may be the article's headline)."""


class Action(Enum):
    """What a rule does with its match."""

    DROP = "drop"
    EXTRACT = "extract"
    FLAG = "flag"


def _top_level_alternation(regex: str) -> bool:
    """Whether *regex* has a ``|`` outside any group or character class."""
    depth, in_class, escaped = 0, False, False
    for char in regex:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


@dataclass(frozen=True)
class Rule:
    """One cleaning rule.

    Attributes:
        name: Stable name recorded with every removal.
        where: Where it may match.
        regex: The pattern (see the module docstring).
        action: Drop the match, drop it and extract named groups, or only flag it.
        outlets: Outlet keys (see ``cleaning.outlet_key``) it applies to; empty for any.
        flag: A flag recorded whenever the rule fires.
        examples: Real boilerplate it must remove (or flag).
        keeps: Look-alike content it must leave alone.
        lines: How many lines a pattern with repeated line breaks can cover (default: its
            literal line breaks, plus one).

    """

    name: str
    where: Where
    regex: str
    action: Action = Action.DROP
    outlets: tuple[str, ...] = ()
    flag: str | None = None
    examples: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    lines: int = 0
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    span: int = field(init=False, repr=False, compare=False)
    """How many lines the pattern can cover (literal line breaks in it, plus one)."""
    anchored: bool = field(init=False, repr=False, compare=False)
    """Whether the match starts at a line start (``^``), so a footer chunk can be matched, not searched."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", max(self.lines, self.regex.count(r"\n") + 1))
        object.__setattr__(self, "anchored", self.regex.startswith("^") and not _top_level_alternation(self.regex))
        wrapped = {
            Where.HEADER: r"\A(?:{})",
            Where.FOOTER: r"(?:{})\Z",
            Where.LINE: r"(?:{})",
            Where.BODY: r"(?:{})",
            Where.INLINE: r"(?:{})",
        }[self.where].format(self.regex)
        object.__setattr__(self, "pattern", re.compile(wrapped, re.MULTILINE))


@dataclass(frozen=True)
class Normalisation:
    """A whitespace or layout fix: no words are removed, so nothing goes into ``removed``."""

    name: str
    regex: str
    replacement: str
    flag: str | None = None
    examples: tuple[tuple[str, str], ...] = ()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(self.regex))


# Applied in order, after Unicode repair and before the rules. Patterns begin with the character
# they are about, not with a look-behind, so the regex engine can skip ahead to it (several times
# faster); tests/test_properties.py checks each against its plain form.
NORMALISATIONS: tuple[Normalisation, ...] = (
    Normalisation(
        "paragraph_joint",
        r"\u00a0(?<=[.!?\"”’']\u00a0) (?=\S)",
        "\n",
        examples=(('tidak sah.\u00a0 "Hari ini', 'tidak sah.\n"Hari ini'),),
    ),
    Normalisation(
        "odd_space",
        r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]",
        " ",
        examples=(("REPUBLIKA.CO.ID,\u00a0WASHINGTON", "REPUBLIKA.CO.ID, WASHINGTON"),),
    ),
    Normalisation(
        "link_gap",
        r" (?<=\w ) +(?=\w)",
        " ",
        flag="link_gap",
        examples=(("Kantor berita   melaporkan", "Kantor berita melaporkan"),),
    ),
    Normalisation("space_run", r" {2,}", " ", examples=(("a.  B", "a. B"),)),
)

# Applied to the clean text, after the rules (whose shapes include such spaces).
POST_NORMALISATIONS: tuple[Normalisation, ...] = (
    Normalisation(
        "space_before_punctuation",
        r" (?<=\w ) *(?=[,;:!?](?:\s|$)|\.(?!\.)(?:\s|$))",
        "",
        examples=(
            ("insiden itu , yang termasuk", "insiden itu, yang termasuk"),
            ("di Bandung . Pelatih", "di Bandung. Pelatih"),
            ("tunggu ... lalu", "tunggu ... lalu"),
        ),
    ),
)


_KEEP = (
    # The catalogue's look-alikes: ordinary sentences with boilerplate words in them.
    "Simak baik-baik pengumuman dari sekolah, kata kepala sekolah kepada orang tua murid.",
    "Baca juga label kemasannya sebelum membeli, pesan petugas BPOM kepada pembeli.",
    "Pengguna WhatsApp Business kini bisa memasang iklan berbayar langsung dari aplikasi.",
    "Editor senior majalah itu meninggal dunia pada Minggu (12/5).",
    "Kampanye layanan masyarakat itu meraih penghargaan Advertisement of the Year.",
    "Penulis buku itu hadir dalam peluncuran di Yogyakarta, Sabtu lalu.",
    "Iklan rokok di ruang publik dilarang mulai tahun depan, kata wali kota.",
)


def _r(
    name: str,
    where: Where,
    regex: str,
    *examples: str,
    keeps: tuple[str, ...] = _KEEP,
    action: Action | None = None,
    outlets: tuple[str, ...] = (),
    flag: str | None = None,
    lines: int = 0,
) -> Rule:
    """A table row; the action defaults to EXTRACT when the pattern has named groups."""
    chosen = action or (Action.EXTRACT if "(?P<" in regex else Action.DROP)
    return Rule(name, where, regex, chosen, outlets=outlets, flag=flag, examples=examples, keeps=keeps, lines=lines)


H, F, L, IN, B = Where.HEADER, Where.FOOTER, Where.LINE, Where.INLINE, Where.BODY

_CITY = "|".join(re.escape(c) for c in sorted(CITIES, key=lambda c: (-len(c), c)))
_CITY_CAPS = "|".join(re.escape(c.upper()) for c in sorted(CITIES, key=lambda c: (-len(c), c)))
_DASH = r"(?:--|—|–|-)"
_SMALL = "|".join(sorted(TITLE_LOWER))
_TITLE_WORD = rf"(?:[A-Z0-9\"'‘“(][^\s]*|(?:{_SMALL})\b)"
# A headline of ten words or more: every word capitalised, a number or a small word; no final stop.
_HEADLINE = rf"{_TITLE_WORD}(?: {_TITLE_WORD}){{9,40}}(?<![.!?\"”])"
_BOLD = r"\*{0,2}"
# Outlets that print their name in the dateline ("Bisnis.com, SOLO - ", "Jakarta, IDN Times - ").
_OUTLETS = (
    r"Bisnis\.com|Bola\.net|Bola\.com|tirto\.id|Tirto\.id|IDN Times|jpnn\.com|JPNN\.com|Suara\.com|Suara\w+\.id"
    r"|kumparan(?:NEWS|BISNIS|SPORT|TECH)?|Katadata\.co\.id|KATADATA|KONTAN\.CO\.ID|Kontan\.co\.id|Okezone\.com|okezone\.com|Okezone|okezone"
    r"|SINDOnews|SINDOnews\.com|Sindonews\.com|iNews\.id|iNewsPortal\.id|Merdeka\.com|merdeka\.com|Kompas\.com"
    r"|Kompas\.id|KOMPAS\.TV|Kompas\.tv|Detik\.com|detikcom|detik\w+|Medcom\.id|Beritasatu\.com|BeritaSatu\.com"
    r"|Antaranews\.com|ANTARANEWS\.COM|Grid\.ID|Jawapos\.com|JawaPos\.com|Harianjogja\.com|Solopos\.com|SOLOPOS\.COM"
    r"|Sonora\.ID|Kapanlagi\.com|KapanLagi\.com|Fimela\.com|Hops\.ID|Pikiran-Rakyat\.com|PIKIRAN RAKYAT"
    r"|Bisnis\.com|Jurnas\.com|Tempo\.co|VOI|Republika\.co\.id|MNC Portal|Inilah\.com|RMOL\.ID|RMOL"
    r"|Rimanews|JUARA\.net|JUARA\.NET|Juara\.net|Poskota\.co\.id|Akurat\.co|Idxchannel\.com|IDXChannel|Investor\.id|Liputan6\.com|Viva\.co\.id"
)

_TAG = r"[A-Z](?:[\w.'-]*\w)?(?: [A-Z0-9](?:[\w.'-]*\w)?){0,3}"
"""A page's tag: up to four capitalised words or numbers, no final punctuation."""

RULES: tuple[Rule, ...] = (
    # --- header: captions and banners above the dateline ------------------------------------
    _r(
        "photo_caption_foto",
        H,
        r"[^\n]{10,200} \([Ff]oto: [^)\n]+\)$",
        "Presiden Venezuela, Nicolas Maduro (foto: UPI)",
        "Gubernur meninjau lokasi banjir (foto: Antara)",
        keeps=(
            "Presiden itu tampil di depan kamera (foto: UPI) dan berbicara lama.\nKedua.",
            "Ia mengirim foto (foto: dokumen pribadi) kepada wartawan, lalu pergi.",
        ),
    ),
    _r(
        "photo_caption_bracket",
        H,
        r"[^\n]{10,300} \[[A-Z][A-Za-z]* ?/ ?[^\]\n]+\]$",
        "Petani memanen padi di Karawang, Jawa Barat. [TEMPO/Andi Prasetyo]",
        "Petani memanen padi di Karawang, Jawa Barat. [TEMPO / Andi Prasetyo]",
        keeps=("Ia menyebut angka itu [sic] dalam pidatonya.", "Data [BPS/2024] menunjukkan kenaikan harga."),
    ),
    _r(
        "republika_date_header",
        H,
        r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Ahad|Minggu) \d{1,2} \w{3,9} \d{4} \d{2}:\d{2} WIB$",
        "Ahad 12 Mei 2024 08:15 WIB",
        keeps=("Ahad 12 Mei 2024 08:15 WIB warga berkumpul di alun-alun.",),
    ),
    _r(
        "rep_red_credit",
        H,
        r"Rep: (?P<author>[^\n/]+?)\s?/ Red: (?P<editor>[^\n]+)$",
        "Rep: Andi Nugroho/ Red: Sari Lestari",
        keeps=("Rep: singkatan dari reporter, kata dia.",),
    ),
    _r(
        "tribun_report_credit",
        H,
        r"Laporan\s(?P<author>[^|\n]+?)\s?\|\s?[^\n]+$|Laporan (?:[Ww]artawan|[Rr]eporter|[Kk]ontributor) [\w.]+"
        r" (?P<author_2>[A-Z][^.\n|]{2,40})\.",
        "Laporan Dedi Kurniawan | Aceh Barat",
        "Laporan wartawan Tribunnews.co. Fahdi Fahlev. TRIBUNNEWS.CO. JAKARTA - Menteri berpidato.",
        "Laporan Reporter Tribunjateng.com Budi Santoso. TRIBUNJATENG.COM, SEMARANG - Jalan amblas.",
        keeps=("Laporan keuangan perusahaan itu diumumkan pekan lalu.",),
    ),
    _r(
        "rmol_header",
        H,
        r"[A-Z]+, \d+ [A-Z]+ \d{4} \| [\d:]+ WIB \| LAPORAN: (?P<author>[^\n]+)$",
        "RABU, 14 MEI 2025 | 09:12 WIB | LAPORAN: DIAN PERMATA",
    ),
    # --- header: datelines (outlet-specific first, bare shapes last) ------------------------
    _r(
        "republika_dateline",
        H,
        r"(?P<outlet>REPUBLIKA\.CO\.ID),\s?(?P<dateline>[A-Z][A-Z .]+?)(?:\s?(?:--|—|–|-)\s?|\s(?=[A-Z][a-z]))",
        "REPUBLIKA.CO.ID, WASHINGTON -- Etase pertahanan Venezuela membelot.",
        "REPUBLIKA.CO.ID, MAKASSAR — Warga memadati pantai.",
        "REPUBLIKA.CO.ID, GARUT--Hujan deras mengguyur.",
        "REPUBLIKA.CO.ID, JAKARTA  Kasus dugaan itu diusut.",
        keeps=("Situs REPUBLIKA.CO.ID, JAKARTA -- menjadi rujukan, kata dia.",),
    ),
    _r(
        "kompas_dateline",
        H,
        r"(?:(?P<dateline>[A-Z][A-Z .]+),\s?)?(?P<outlet>KOMPAS\.com)\s?[-–]\s?",
        "SEMARANG, KOMPAS.com - Hujan turun sejak pagi.",
        "KOMPAS.com-Timnas U-23 kembali berlatih.",
        keeps=("Menurut KOMPAS.com - media daring - jumlahnya naik.",),
    ),
    _r(
        "cnn_dateline",
        H,
        r"(?P<dateline>[A-Z][\w .]+?) ?, (?P<outlet>CNN Indonesia) ?(?:--|- -)\s?",
        "Surabaya, CNN Indonesia -- Warga memadati stasiun.",
        keeps=("Surabaya, kota pahlawan, kembali ramai.",),
    ),
    _r(
        "cnbc_dateline",
        H,
        r"(?P<dateline>[A-Z][\w .]*?), (?P<outlet>CNBC Indonesia) -\s?",
        "Bandung, CNBC Indonesia - Harga saham naik.",
        keeps=("Bandung, kota kembang, diguyur hujan.",),
    ),
    _r(
        "liputan6_dateline",
        H,
        # With no dash, the place is one word: "Liputan6.com, Jakarta Kepala ..." keeps "Kepala".
        r"(?P<outlet>Liputan6\.com),\s?(?:(?P<dateline>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s?[-:]\s?|(?P<dateline_2>[A-Z][a-z]+)\s?)",
        "Liputan6.com, Jakarta - Harga cabai naik.",
        "Liputan6.com, SurabayaPemerintah kota menutup jalan.",
        "Liputan6.com, Jakarta: Banjir surut.",
        "Liputan6.com, Jakarta Kepala dinas meninjau lokasi.",
        keeps=("Situs Liputan6.com, Jakarta, melaporkan hal itu.",),
    ),
    _r(
        "tempo_dateline",
        H,
        r"(?P<outlet>TEMPO\.CO),\s?(?P<dateline>[A-Z][a-z]+)\s?[-–]\s?",
        "TEMPO.CO, Jakarta - Harga beras naik.",
        "TEMPO.CO,Surabaya- Banjir surut.",
        keeps=("Majalah TEMPO.CO, Jakarta - edisi pekan ini - laris.",),
    ),
    _r(
        "antara_dateline",
        H,
        # The place: capitalised words, or several places ("New York, Boston,").
        r"(?P<dateline>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,3})*),?\s*"
        r"\( ?(?P<outlet>ANTARA(?: News)?|Pos Kota) ?\)\s?[-–]\s?",
        "Palembang   (ANTARA) - Pemkot meresmikan pasar.",
        "MEXICO CITY (ANTARA) – Gempa mengguncang.",
        "New York, Boston, (ANTARA News) - Badai salju melanda.",
        keeps=("Kantor berita (ANTARA) melaporkan hal itu.",),
    ),
    _r(
        "antara_dateline_lower",
        H,
        # A collection that lower-cased its texts: "jakarta (antara) - ".
        r"(?P<dateline>[a-z][a-z.]*(?: [a-z][a-z.]*){0,3}),?\s*\( ?(?P<outlet>antara) ?\)\s?[-–]\s?",
        "jakarta (antara) - ",
        keeps=(*_KEEP, "warga (antara lain petani) - yang datang pagi - mengeluh."),
    ),
    _r(
        "kontan_dateline",
        H,
        r"(?:(?P<outlet>KONTAN\.CO\.ID) - )?(?P<dateline>[A-Z]{3,})\. ",
        "JAKARTA. Harga emas naik.",
        "KONTAN.CO.ID - SURABAYA. Ekspor naik.",
        keeps=("PT. Maju Jaya meraih laba.",),
        outlets=("kontan",),
    ),
    _r(
        "tribun_dateline",
        H,
        r"(?P<outlet>[A-Z]+\.(?:CO\.ID|CO|COM|ID))\.?(?:\s?[-–—]\s?(?P<dateline_caps>[A-Z]{3,}(?:/[A-Z]{3,})*) ?\.\s?(?=[A-Z])"
        r"|(?:[,.] (?P<dateline>[A-Z][A-Z ]*?))?\s?(?:--|[-–—])\s?)",
        "TRIBUNJATENG.COM, SEMARANG - Jalan amblas.",
        "KONTAN.CO.ID – JAKARTA . Bank Dunia memperkirakan.",
        "KONTAN.CO.ID - SEOUL/HANOI. Saat itu ramai.",
        "TRIBUNBALI.CO.ID - Wisatawan ramai.",
        "TRIBUNNEWS.COM - Harga naik.",
        keeps=("Situs TRIBUNNEWS.COM - kata dia - ramai.",),
    ),
    _r(
        "inews_dateline",
        H,
        r"(?P<dateline>[A-Z][A-Z ]+), (?P<outlet>iNews\.id) - ",
        "PADANG, iNews.id - Banjir bandang melanda.",
        keeps=("Padang, kota besar, ramai.",),
    ),
    _r(
        "jpnn_dateline",
        H,
        r"(?P<outlet>jpnn\.com), (?P<dateline>[A-Z][A-Z ]+) - ",
        "jpnn.com, PALU - Gempa mengguncang.",
        keeps=("Situs jpnn.com, PALU, melaporkan.",),
    ),
    _r(
        "harianjogja_dateline",
        H,
        r"(?P<outlet>Harianjogja\.com), (?P<dateline>[A-Z]+)—",
        "Harianjogja.com, SLEMAN—Warga panen.",
        keeps=("Harianjogja.com, kata dia, ramai.",),
    ),
    _r(
        "viva_dateline",
        H,
        r"(?:(?P<dateline>[A-Z]\w+), )?(?P<outlet>VIVA)\s?[–-]\s?",
        "VIVA – Harga naik.",
        "Surabaya, VIVA – Banjir surut.",
        keeps=("VIVAT para pemenang lomba!",),
    ),
    _r(
        "caps_dateline",
        H,
        r"(?P<dateline>[A-Z]{3,}(?: [A-Z]{3,})?)\s?[-–]\s",
        "SURABAYA– Banjir surut.",
        "BOGOR - Warga panen.",
        keeps=("KPK menetapkan tersangka baru.",),
        outlets=("okezone", "sindonews", "inews"),
    ),
    _r(
        "outlet_dateline",
        H,
        # "Bisnis.com, SOLO - ", "jpnn.com - JAKARTA - ", "Jakarta, IDN Times - ", "**Bola.net** - ".
        rf"{_BOLD}(?P<outlet>{_OUTLETS})(?:,\s?(?P<dateline>[A-Z][A-Za-z .]{{1,30}}?)|\s?{_DASH}\s?"
        rf"(?=[A-Z]{{3,}} ?(?:{_DASH}|\.) )(?P<dateline_caps>[A-Z][A-Z .]{{1,30}}?))?{_BOLD}"
        rf"\s?(?:{_DASH}|:|\.(?=\s))\s?(?=\S)",
        "Suara.com - Presiden berpidato.",
        "Okezone.com - Harga cabai naik.",
        "Merdeka.com - Harga naik.",
        "Bisnis.com, SOLO - Duel Atalanta vs Juventus akan tersaji.",
        "Bola.net - Klub BRI Super League, Persija Jakarta resmi mengikat.",
        "jpnn.com - JAKARTA - Polisi menangkap pelaku.",
        "jpnn.com - Polisi menangkap pelaku.",
        "tirto.id - Pemerintah menaikkan harga.",
        "Bola.com, Jakarta - Timnas berlatih.",
        "**Bisnis.com, JAKARTA** - Harga emas naik.",
        "Katadata.co.id - Harga minyak turun.",
        "SINDOnews.com - Harga naik.",
        keeps=(
            "Situs Suara.com - kata dia - ramai.",
            "Menurut Bisnis.com, harga naik.",
            "IDN Times melaporkan harga naik.",
        ),
    ),
    _r(
        "city_outlet_dateline",
        H,
        rf"{_BOLD}(?P<dateline>[A-Z][A-Za-z .]{{1,30}}?), (?P<outlet>{_OUTLETS}){_BOLD}\s?{_DASH}\s?(?=\S)",
        "Jakarta, IDN Times - Harga emas naik.",
        "Jakarta, kumparan - Harga naik.",
        keeps=("Di Jakarta, IDN Times menggelar acara.", "Jakarta, Bisnis.com melaporkan - lagi - harga naik."),
    ),
    _r(
        "bare_dateline",
        H,
        r"(?P<dateline>[A-Z][a-z]+(?: [A-Z][a-z]+)?) [-–] (?=\S)",
        "Jakarta - Para pejabat Amerika Serikat bertemu secara rahasia.",
        "Bandung - Ratusan warga memadati alun-alun.",
        "Bandung – Warga memadati alun-alun.",
        keeps=("Menurut dia, Jakarta - Bandung kini bisa ditempuh dalam 45 menit.",),
        outlets=("jurnas", "detik", "viva"),
    ),
    _r(
        "city_dateline",
        H,
        # A bare "City - " dateline when the outlet is unknown: only for places in the gazetteer.
        rf"{_BOLD}(?:(?P<dateline>{_CITY}|{_CITY_CAPS}){_BOLD}\s?{_DASH}\s?|(?P<dateline_caps>{_CITY_CAPS})\. )"
        rf"(?!(?:{_CITY})\b)(?=[A-Z\"“'(])",
        "Jakarta - Para pejabat Amerika Serikat bertemu secara rahasia.",
        "Bandung - Ratusan warga memadati alun-alun.",
        "SURABAYA– Banjir surut.",
        "BOGOR - Warga panen.",
        "Pekanbaru - Komisi Pemberantasan Korupsi menjaring Gubernur.",
        "**JAKARTA** - Harga naik.",
        "Caracas -- Warga turun ke jalan.",
        "JAKARTA. Harga emas naik.",
        keeps=(
            "Tol Jakarta - Cikampek Ambruk, kata petugas.",
            "Prabowo Subianto - Sandiaga Uno kembali bertemu.",
            "Konser Anies - Muhaimin digelar di stadion.",
            "Jakarta - Bandung kini bisa ditempuh dalam 45 menit.",
            "KPK - lembaga antirasuah - menetapkan tersangka.",
        ),
        # Unknown outlet (""), and the outlets whose datelines are bare.
        outlets=("", "okezone", "sindonews", "inews", "antaranews", "suara", "merdeka", "kontan"),
    ),
    _r(
        "caps_dateline_long",
        H,
        # A place in capitals opening an article of an unknown outlet ("GDANSK - Pemain ..."): five
        # letters or more, so acronyms (KPK, PSSI, BPOM) are not taken for one.
        r"(?P<dateline>[A-Z]{5,}(?: [A-Z]{3,})?) ?(?:--|[-–—]) ?(?=[A-Z][a-z])",
        "GDANSK – Pemain andalan Tim Nasional berlatih.",
        keeps=("KPK – Komisi itu menetapkan tersangka.", "BPOM - Badan itu menarik produk."),
        outlets=("",),
    ),
    # --- whole lines anywhere: markers, related links, embeds --------------------------------
    _r(
        "scroll_marker",
        L,
        r"SCROLL TO CONTINUE WITH CONTENT|Scroll ke bawah untuk melanjutkan membaca|scroll to resume content"
        r"|GULIR UNTUK LANJUT BACA|- Scroll untuk melanjutkan|Iklan - Geser ke atas untuk melanjutkan",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Scroll ke bawah untuk melanjutkan membaca",
        "scroll to resume content",
        "GULIR UNTUK LANJUT BACA",
        "Iklan - Geser ke atas untuk melanjutkan",
        "Warga memadati SCROLL TO CONTINUE WITH CONTENT alun-alun kota.",
    ),
    _r(
        "advert_marker",
        L,
        r"ADVERTISEMENT(?: SCROLL TO (?:RESUME|CONTINUE WITH) CONTENT)?|Advertisement|Loading\.\.\."
        r"|\(adsbygoogle = window\.adsbygoogle \|\| \[\]\)\.push\(\{\}\);|Tidak ada kode iklan yang tersedia\."
        r"|SCROLL TO RESUME CONTENT|[Ss]croll to resume content",
        "ADVERTISEMENT",
        "Selandia Baru. ADVERTISEMENT Hasil-hasil laga itu diumumkan.",
        "Warga lega.ADVERTISEMENT SCROLL TO RESUME CONTENTHarga turun.",
        "Tidak ada kode iklan yang tersedia.",
        "Advertisement",
        "(adsbygoogle = window.adsbygoogle || []).push({});",
    ),
    _r(
        "subscription_nag",
        L,
        r"Baca berita tanpa iklan\. Gabung Kompas\.com\+|Nyaman tanpa iklan\. Langganan BisnisPro"
        r"|\* Ringkasan ini dibantu dengan menggunakan AI|BREAKING NEWS CNN Indonesia",
        "Baca berita tanpa iklan. Gabung Kompas.com+",
        "Nyaman tanpa iklan. Langganan BisnisPro",
        "* Ringkasan ini dibantu dengan menggunakan AI",
        "BREAKING NEWS CNN Indonesia",
    ),
    _r(
        "related_block",
        L,
        r"(?:Baca ?Juga|BACA ?JUGA) ?:?\n(?:[^\n.!?]{5,90}(?:\?|\.\.\.)?\n){0,2}[^\n.!?]{5,90}(?:\?|\.\.\.)?",
        "Baca Juga\nPemkab Gelar Pasar Murah Jelang Ramadhan\nJalan Provinsi Rusak, Warga Tanam Pisang\n"
        "Kuota Pupuk Subsidi Ditambah",
    ),
    _r(
        "video_title",
        L,
        # A video plug's title on a line of its own ("Video: Harga Emas Meroket").
        r"(?:Video|Tonton|TONTON) ?: [A-Z0-9\"'‘“][^\n]{3,150}",
        "Video: Harga Emas Meroket",
        "Tonton: Warren Buffett: Contoh Nyata Seorang Introvert yang Berhasil Jadi Miliarder Dunia",
        keeps=(*_KEEP, "Videonya: warga merekam banjir itu dari atap rumah."),
    ),
    _r(
        "script_residue",
        L,
        # Lines of a page's JavaScript left in the text (ad slots, a newsletter box's cookie code).
        r"[^\n]*?(?:\bfunction ?\w*\(|\bvar \w+ ?=|googletag\.|document\.cookie|window\.location)[^\n]*?[;{}]\)?;?"
        r"|\}(?: ?else ?\{)?",
        "googletag.cmd.push(function() { googletag.display('div-gpt-ad-974648810682144181-5112'); });",
        'function getCookieNwsLetter(name){ var re = new RegExp(name + "=([^;]+)");',
        keeps=(*_KEEP, "Fungsi var itu, kata dosen, dijelaskan di kelas pemrograman."),
    ),
    _r(
        "video_plug_quoted",
        L,
        # detik's plug with the word "video" gone: "Simak juga 'Title':", then its Gambas tag.
        r"(?:Simak|Lihat|Saksikan) [Jj]uga ['\"‘“][^\n]{5,200}['\"’”] ?:",
        "Simak juga 'Warga Gotong Royong Bersihkan Sungai di Bekasi':",
        keeps=(*_KEEP, "Simak juga 'kata kunci' itu, pesan guru kepada murid: jangan lupa."),
    ),
    _r(
        "fixture_widget",
        L,
        # A sports site's next-match box, one element per line: competition, date, clubs, time.
        r"Pertandingan Selanjutnya\n(?:[^\n]{1,40}\n){1,8}Preview Pertandingan",
        "Pertandingan Selanjutnya\nLiga 1\n|\n23 November 2025\nBali United\n19:00 WIB\nPersis Solo\nPreview Pertandingan",
        lines=10,
    ),
    _r(
        "related_link_split",
        L,
        r"Baca ?[Jj]uga:\n[^\n.!?]{5,120}",
        "Baca juga:\nHarga Cabai di Pasar Induk Turun Jelang Akhir Pekan",
    ),
    _r(
        "related_heading",
        L,
        r"(?:Baca ?[Jj]uga|BACA ?JUGA)(?: ?:)?|BERITA TERKAIT|Berita Terkait|Artikel Terkait|Video Rekomendasi"
        r"|Populer|tulis komentar anda|Baca_Juga|Perbesar|Editor's [Pp]icks?|Pertandingan Selanjutnya"
        r"|Preview Pertandingan",
        "Baca Juga",
        "BERITA TERKAIT",
        "Artikel Terkait",
        "Video Rekomendasi",
        "Baca Juga:",
        "BacaJuga:",
        "Baca Juga :",
        "BACA JUGA:",
    ),
    _r(
        "related_link",
        L,
        # The title to the line's end, if it is title-long or title-cased (several titles in a
        # row); a longer tail in sentence case ran into a sentence.
        rf"(?:Baca|BACA)(?: ?(?:[Jj]uga|JUGA))? ?[:\-–] ?(?:\S[^\n]{{0,160}}|{_TITLE_WORD}(?: {_TITLE_WORD}){{0,60}})",
        "Baca: Maduro Tuduh AS 'Palsukan' Krisis untuk Memulai Perang",
        "Baca juga: Pelatih Baru Target Tiga Poin di Kandang Lawan",
        "Baca juga:Harga Cabai di Pasar Induk Turun Jelang Akhir Pekan",
        "BACA JUGA - Kereta Cepat Catat Rekor Penumpang Harian",
        "Baca Juga : Harga Gabah Kering Naik",
        "Baca Juga:Pemprov Umumkan JadwalMudik GratisLebaran 2026",
        "BacaJuga: Daftar Lengkap Pemain Timnas Indonesia U-17",
        keeps=(*_KEEP, "Menurut dia, warga bisa membaca: Baca: panduan itu di situs resmi."),
    ),
    _r(
        "related_link_bracketed",
        L,
        r"[(\[] ?(?:Baca|BACA|Lihat|LIHAT)(?: (?:[Jj]uga|JUGA))? ?: ?[^\n)\]]{1,220}[)\]]",
        "[ Baca juga : Membedah Fitur Suzuki GSX - R150 ]",
        "( Baca juga :  Lewis Hamilton Bakal Terima Gaji dengan Nominal Fantastis )",
        "Warga lega. (Baca: Harga Cabai Naik Lagi) Kemudian dia pergi.",
    ),
    _r(
        "related_link_bare",
        L,
        # "Baca Juga" and the titles of the links it heads, on one line (the colon lost).
        r"(?:Baca|BACA) ?(?:[Jj]uga|JUGA) [A-Z0-9\"'‘“][^\n]{0,400}",
        "Baca Juga Ombudsman Temukan Titik Potensi Maladministrasi",
        keeps=(*_KEEP, "Baca juga buku itu, pesan guru kepada murid."),
    ),
    _r(
        "photo_caption_credit",
        L,
        # A caption with its photo credit: "... (c) Dok. Persib Bandung", "... - (Republika)".
        r"[^\n]{0,400}?\(c\) ?[\w.-]{1,40}(?:[/ ][^\n]{1,60})?"
        r"|[^\n]{3,400}? - \((?:Republika|ANTARA FOTO|REPUBLIKA|Antara)[^)\n]{0,60}\)"
        r"|[^\n]{3,400}?\((?:ANTARA FOTO|Dok\.|Dokumentasi|Istimewa|Ist)[^)\n]{0,60}\)",
        "Rizky Ridho resmi memperpanjang kontrak, Sabtu (15/11/2025). (c) Persija Jakarta Official",
        "Starting XI Dewa United (c) Abdul Aziz",
        "Timnas berlatih di Stadion Madya, Kamis (9/10/2025). (c) M Iqbal Ichsan",
        "Sebaran Dapur MBG - (Republika)",
        "Petugas mendata paket makanan di Berastagi. (ANTARA FOTO/Fransisco Carolio)",
        keeps=(
            *_KEEP,
            "Ia menunjukkan foto (Dok. pribadi) lalu berbicara panjang tentang rencana itu kepada wartawan di rumahnya.",
        ),
    ),
    _r(
        "photo_caption_agency",
        L,
        # A short caption line that ends in its photo credit: "Atlet kano Dayumin(ANTARA/Akbar Nugroho)".
        r"(?:[^\n.!?]{0,250}?(?:[\w)] ?|[\w)]\.))?\((?:AFP|MI|ANTARA|Antara|Dok|dok|Medcom|REUTERS|Reuters|AP|EPA|Xinhua|Istimewa"
        r"|Ist|Foto|FOTO|Tempo|TEMPO|Dok MI|RASFAN|Arsip|iStock\w*|[Ss]umber:? [^)\n]{1,40})(?:\s?[/:.]\s?[^)\n]{0,60})?\)"
        # A caption sentence, then a credit only a photo has: "Permukaan air laut naik. (Sumber Foto: Pexels)".
        r"|[^\n.!?]{2,250}?[\w)]\. ?\((?:[Ss]umber [Ff]oto|[Ff]oto|FOTO) ?: ?[^)\n]{1,60}\)",
        "Atlet kano Indonesia Dayumin(ANTARA/Akbar Nugroho Gumay)",
        "Pembalap Aston Martin Fernando Alonso.(AFP/GREG BAKER)",
        "Ilustrasi(Medcom)",
        "(Foto: Arsip Pemkab Klaten)",
        "Permukaan air laut naik. (Sumber Foto: Pexels)",
        "Ilustrasi: akibat pemanasan global (sumber: wisdominnature.org)",
        keeps=(
            *_KEEP,
            "Harga minyak dunia naik tajam pada perdagangan Senin setelah OPEC memangkas produksi, menurut data"
            " yang dihimpun (AFP) dan kantor berita lain, sementara harga emas justru turun tipis.",
        ),
    ),
    _r(
        "photo_caption_line",
        L,
        # A line of one to three captions, each ended by a credit only pictures have (several
        # sentences each, as Liputan6 and Media Indonesia write them).
        rf"(?:[A-Z\"“][^\n()]{{2,400}}?(?:\([^()\n]{{1,30}}\)[^\n()]{{0,300}}?)*\.? ?{PICTURE_CREDIT}\.? ?){{1,3}}",
        "Sejumlah beruang kutub berkumpul di Pulau Wrangel pada 2017. Kerumunan itu akibat perubahan Arktik."
        " (AFP Photo/Max Stephenson)",
        "Rapper Saint Levant.(AFP/VALERIE MACON) Rapper itu tampil di Coachella, Sabtu (13/4), di Amerika"
        " Serikat. Ia mengenakan pin.(AFP/VALERIE MACON)",
        keeps=(
            *_KEEP,
            "Harga minyak naik tajam pada perdagangan Senin, kata analis. (AFP)\nPasar saham ikut bergejolak.",
            "Inflasi tahunan mencapai 5 persen pada Mei (Sumber: BPS).",
        ),
    ),
    _r(
        "photo_credit_caption",
        L,
        # A credit line, then its caption: "KOMPAS.com/ADIL NURSALAM" / "Pemain Persib ...".
        r"(?:(?:KOMPAS\.com|KOMPAS\.COM|Kompas\.com|TRIBUN[A-Z]*\.COM|Tribunnews\.com|ANTARA FOTO|Bola\.com)"
        r"/(?:[A-Z][A-Z.' -]{1,40}|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})(?:/[^\n]{1,20})?"
        r"|(?:Dokumentasi|Media sosial|Tangkapan layar) [^\n]{2,50})\n[^\n]{10,400}"
        # Credit and caption on one line: "KOMPAS.com/Ruly Kurniawan Konsumsi BBM ...".
        r"|(?:KOMPAS\.com|KOMPAS\.COM|Kompas\.com)/[^\n]{2,400}",
        "KOMPAS.com/ADIL NURSALAM\nPemain Persib Bandung merayakan gol ke gawang Persis Solo.",
        "KOMPAS.com/Ruly Kurniawan Konsumsi BBM Haval H6 HEV perjalanan Jakarta-Bandung",
        keeps=(
            *_KEEP,
            "Menurut KOMPAS.com/Ruly, mobil itu irit.",
        ),
    ),
    _r(
        "photo_caption_source",
        L,
        # A caption line ended by a one-token credit after a slash or bar (Liputan6's).
        rf"[A-Z][^\n()/|]{{2,200}}?{SOURCE_CREDIT}",
        "Tidur dengan Kipas Angin / Sumber: iStockphoto",
        "Ilustrasi lulus kuliah | Sumber Foto: leedsunicareers.wordpress.com",
        keeps=(*_KEEP, "Harga naik 5 persen / tahun, kata dia: data BPS"),
    ),
    _r(
        "photo_caption_labelled",
        L,
        r"(?:Keterangan [Ff]oto|KETERANGAN FOTO) ?: ?[^\n]{2,400}",
        "Keterangan foto: Pembelian ayam peternak di Rumpin, Bogor.",
        keeps=(*_KEEP, "Keterangan saksi foto itu dibantah polisi."),
    ),
    _r(
        "photo_credit_glued",
        L,
        r"(?:Foto|FOTO|Ilustrasi foto): [^\n/]{2,60}/(?:detikcom|detik[A-Z][a-z]+|[A-Z][\w.]+)"
        r"|(?:Foto|FOTO): [A-Z][a-z]+(?: [A-Z][a-z]+){0,3}",
        "Foto: Andhika Prasetia/detikcom",
        "Foto: Grandyos Zafna",
    ),
    _r(
        "date_line",
        L,
        # A page's date and time line ("15 November 2025, 23:37 WIB"), with the byline above it.
        r"(?:(?P<author>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})\n)?(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Ahad),? )?"
        r"\d{1,2} (?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}, (?:- )?\d{1,2}[:.]\d{2}(?: WI[BTA])?",
        "Ari Prayoga\n15 November 2025, 23:37 WIB",
        "15 November 2025, 23:37 WIB",
        keeps=(*_KEEP, "Pada 15 November 2025, 23:37 WIB, gempa terjadi."),
    ),
    _r(
        "tribun_byline",
        L,
        r"Laporan [Ww]artawan [A-Z][\w.]*(?:,? [A-Z][\w.]*){0,8}\.?",
        "Laporan Wartawan Tribunnews.com Bayu Indra Permana",
        keeps=(*_KEEP, "Laporan wartawan itu dibantah polisi, kata dia."),
    ),
    _r(
        "factcheck_promo",
        L,
        r"Untuk mengetahui kebenaran informasi yang beredar, silakan WhatsApp[^\n]{0,120}?diinginkan\."
        r"|0811 9787 670 hanya dengan ketik kata kunci yang diinginkan\.",  # its tail, the head cut by a scraper
        "Untuk mengetahui kebenaran informasi yang beredar, silakan WhatsApp ke nomor 0811 9787 670 hanya dengan"
        " ketik kata kunci yang diinginkan.",
        "Jumat (1/4/2022). 0811 9787 670 hanya dengan ketik kata kunci yang diinginkan.Chris Rock tiba.",
    ),
    _r(
        "related_title",
        B,
        # Titles of related articles laid out between paragraphs (Bola.net), not the headline.
        _HEADLINE,
        "Tajuk pertama.\nWilliam Saliba Resmi Perpanjang Kontrak di Arsenal hingga 2030, Abaikan Godaan Real Madrid dan PSG",
        keeps=(
            *_KEEP,
            "Tajuk pertama.\nKlausul Kontrak Rizky Ridho",
            "RESMI: Rizky Ridho Perpanjang Kontrak di Persija Jakarta hingga 2028, Ngebet Juara BRI Super League",
            "Tajuk pertama.\nPresiden Joko Widodo meresmikan Jalan Tol Trans Jawa di Semarang pada Senin pagi.",
            "Tajuk pertama.\nBerikut nama-nama lulusan terbaik tahun ini:\n1 Akademi Militer Letnan Dua Budi Santoso Letnan"
            " Dua Agus Pratama\n2 Akademi Angkatan Laut Letnan Dua Made Wirawan Letnan Dua Yusuf Hamzah Putra",
        ),
    ),
    _r(
        "see_also_link",
        L,
        r"(?:Lihat|LIHAT) (?:[Jj]uga|JUGA)\s?:\s?\S[^\n]*|Pilihan [Ee]ditor ?:\s?\S[^\n]*",
        "Lihat juga: Jalan Tol Baru Dibuka Gratis Selama Libur Lebaran",
        "Lihat Juga: 5 Amalan Sunnah",
        "Pilihan Editor: Mengapa Harga Tiket Pesawat Tetap Mahal",
        keeps=(*_KEEP, "Lihat juga bagaimana warga bergotong royong, kata dia."),
    ),
    _r(
        "video_promo",
        L,
        # The label, then a title: a quote, a colon, a capital; never "lihat video di bawah ini dan ...".
        r"(?:Yuk,? )?(?:Simak|Lihat|Saksikan|Tonton|SIMAK|LIHAT)(?: [Jj]uga| JUGA)? (?:[Vv]ideo|VIDEO)"
        r"(?: (?:[Pp]ilihan |[Mm]enarik )?[Bb]erikut(?: [Ii]ni)?:?(?=[A-Z])[^\n]{0,300}"  # its caption glued on
        r"| (?:[Pp]ilihan )?di ?bawah ini ?:"
        r"| ?[:\"'‘“][^\n]{0,240}| [A-Z][^\n]{0,240}| ini!?| [Pp]ilihan[^\n]{0,60}| (?:[Mm]enarik )?[Bb]erikut[^\n]{0,60}"
        r"| [^\n.:]{3,100}? [Bb]erikut(?: [Ii]ni)? ?:)?"
        r"|Saksikan Live Detik\w+\s*:?",
        "Simak juga Video: Banjir Rob Rendam Pesisir Utara Jakarta",
        "Simak video pilihan berikut:Perdana Menteri Jepang menegaskan pentingnya teknologi digital.",
        "Saksikan video di bawah ini:",
        "Lihat juga Video 'Warga Gotong Royong Bersihkan Sungai di Bekasi':",
        "Saksikan Live DetikSore:",
        "Simak juga video pilihan berikut ini:",
        "Simak juga video menarik berikut ini:",
        "Simak video tentang penampakan gunung es patah akibat perubahan iklim berikut:",
        'ujar dia.Simak Video "Video: Alasan KPK Baru Umumkan Tersangka" [Gambas:Video 20detik]',
        "(dil/jpnn)Yuk, Simak Juga Video ini!",
        keeps=(
            *_KEEP,
            '"Lihat video dibawah ini dan kita akan tercengang melihat betapa banyak warga yang datang," tulisnya.',
            "Lihat video di bawah ini, kata dia.",
        ),
    ),
    _r(
        "paginated",
        L,
        r"Simak (?:selengkapnya|lengkapnya) (?:di ?sini|di halaman berikutnya)\.?"
        r"|Halaman Selanjutnya|BACA SELENGKAPNYA >*|Simak hasil penelusuran Cek Fakta Liputan6\.com[^\n]*"
        r"|Halaman \d+ dari \d+|Baca selengkapnya di sini[!.]?|Selanjutnya|Halaman berikutnya|\d+ dari \d+ halaman"
        r"|Selanjutnya: [A-Z][^\n]{2,120}|Lanjut ke sebelah\.*|Selengkapnya baca di [^\n]{3,160}"
        r"|Simak [\w ,]{0,80}? di halaman (?:selanjutnya|berikutnya)\.*|Simak selengkapnya dalam [^\n]{0,80}berikut ini:?"
        r"|(?:Lanjut(?:kan)? (?:ke|baca)|Bersambung ke) halaman (?:berikutnya|selanjutnya)\.*|BACA SELENGKAPNYA DI SINI[!.]?"
        r"|Ke [Hh]alaman \d+ ?=*>*",
        "Simak lengkapnya disini.",
        "KPK menahan tersangka.Baca selengkapnya di sini! Halaman 2 dari 4",
        "Harga naik.2 dari 3 halaman",
        "Lanjut ke halaman berikutnya",
        "Bersambung ke halaman selanjutnya.",
        "BACA SELENGKAPNYA DI SINI",
        "Ke Halaman 2 ==>",
        "Selanjutnya: Bahaya Makan Daging Manusia",
        "Simak jadwal dan klasemen Liga Inggris di halaman berikutnya.",
        "Halaman Selanjutnya",
        "BACA SELENGKAPNYA >>>>>>>>",
        "Simak hasil penelusuran Cek Fakta Liputan6.com dalam halaman berikut ini.",
        keeps=(*_KEEP, "Selanjutnya, warga kembali ke rumah masing-masing.", "Ia membaca 2 dari 3 halaman surat itu."),
        flag="paginated",
    ),
    _r(
        "credit_line",
        L,
        # A credit on a line of its own: "(Bola.net/Fitri Apriani)", "Sumber: Persija Jakarta".
        r"\((?:Bola\.net|Bola\.com|Kompas\.com|Tribun ?\w+|[A-Z]\w+\.(?:com|net|id))/[A-Z][^)\n/]{1,40}\)"
        r"|Sumber ?: ?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}",
        "(Bola.net/Fitri Apriani)",
        "Sumber: Persija Jakarta",
        "Sumber: Xinhua",
        keeps=(*_KEEP, "Sumber: Persija Jakarta menyebut kontrak itu berlaku hingga 2028."),
    ),
    _r(
        "photo_credit_line",
        L,
        r"[^\n©]{5,200} ©[A-Z]+/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,4}|Photo : • \w+",
        "Suasana sidang di gedung parlemen ©REUTERS/Andi Saputra",
        "Photo : • Ist",
        keeps=(*_KEEP, "Foto ©REUTERS/Andi Saputra itu beredar luas, kata dia, dan banyak dibagikan warga kota."),
    ),
    _r(
        "credit_pipe",
        L,
        # The editor's name only: a longer tail is a sentence the layout did not split off.
        r"(?:Penulis|Reporter|Sumber): (?P<author>[^|\n]{2,60}?) \| Editor: (?P<editor>[A-Za-z][\w.'-]*(?: [A-Za-z][\w.'-]*){0,3})",
        "Penulis: Agus Setiawan | Editor: rina",
        "Reporter: Yudho Pratama | Editor: Sri Wahyuni",
        "Sumber: BBC,Reuters | Editor: Syamsul Azhar",
    ),
    # --- inline: bounded spans that are safe anywhere ---------------------------------------
    _r(
        "embed_marker",
        IN,
        r"\[Gambas:[^\]\n]{1,40}\]|(?:Loading\.\.\. ?)?Ikuti Whatsapp Channel Republika(?: ?sumber ?: ?[A-Z][\w.]+)?"
        r"|View this post on Instagram(?:A post shared by [^\n(]{1,60}\(@\w+\))?"
        r"|A post shared by [^\n(]{1,60}\(@[\w.]+\)|Sebuah kiriman dibagikan oleh [^\n(]{1,60}\(@[\w.]+\)",
        "[Gambas:Video 20detik]",
        "[Gambas:Instagram]",
        "Ikuti Whatsapp Channel Republika",
        "Loading...Ikuti Whatsapp Channel Republika",
        "Jepang. Loading... Ikuti Whatsapp Channel Republika sumber : Antara Advertisement",
        "View this post on InstagramA post shared by Akun Contoh (@akuncontoh)",
        "A post shared by SINDOnews (@sindonews)",
        "Sebuah kiriman dibagikan oleh Kompas Travel (@kompas.travel)",
    ),
    _r(
        "tweet_residue",
        IN,
        r"pic\.twitter\.com/\w+\s?— [^\n(]{1,60}\(@\w+\)\s?[A-Z][a-z]+ \d{1,2}, \d{4}",
        "Kami siap! pic.twitter.com/Ab12Cd34Ef— Akun Contoh (@akuncontoh)March 3, 2025",
    ),
    _r(
        "tweet_residue_lines",
        L,
        # An embedded tweet's tail laid out one element per line: link, author, then the date.
        r"(?:pic\.twitter\.com/\w+ ?)?— [^\n(]{1,60}\(@\w+\)(?:\n(?:January|February|March|April|May|June|July|August"
        r"|September|October|November|December) \d{1,2}, \d{4})?",
        "pic.twitter.com/qY5PUsum4W — Akun Contoh (@akuncontoh)\nMarch 9, 2025",
        "— Akun Contoh (@akuncontoh)",
        keeps=(*_KEEP, "— kata Akun Contoh (@akuncontoh) kepada wartawan, Senin."),
    ),
    _r("photo_credit_inline", IN, r"\(credit: [^)\n]{1,80}\)", "Foto itu viral (credit: instagram.com/akuncontoh)."),
    # --- footer: follow-us, apps, promos, syndication, credits -------------------------------
    _r(
        "google_news_footer",
        F,
        r"^Cek Berita dan Artikel yang lain di(?:[\n ]?Google[\n ]?News(?: dan WA Channel)?)?$",
        "Cek Berita dan Artikel yang lain di\nGoogle News",
        "Cek Berita dan Artikel yang lain di\nGoogle News dan WA Channel",
        "Cek Berita dan Artikel yang lain di Google News",
        "Cek Berita dan Artikel yang lain di Google\n                                News",
        keeps=(*_KEEP, "Pengguna bisa mencari berita di Google News, kata juru bicara itu."),
    ),
    _r(
        "whatsapp_channel_block",
        F,
        # One element per line on the page; rejoined, or glued, in scraped text.
        r"^Simak\s?breaking\s?news\s?dan\s?berita\s?pilihan\s?kami langsung di ponselmu ?\.[^\n]{0,200}?\s?"
        r"https://www\.whatsapp\.com ?/ ?channel ?/ ?\w+\s?\. ?Pastikan kamu sudah install aplikasi WhatsApp ya ?\.$",
        "Simak\nbreaking news\ndan\nberita pilihan\nkami langsung di ponselmu. Pilih saluran andalanmu akses "
        "berita Kompas.com WhatsApp Channel :\nhttps://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D\n"
        ". Pastikan kamu sudah install aplikasi WhatsApp ya.",
        "Simakbreaking newsdanberita pilihankami langsung di ponselmu. Pilih saluran andalanmu akses berita"
        " Kompas.com WhatsApp Channel :https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D. Pastikan kamu"
        " sudah install aplikasi WhatsApp ya.",
        lines=8,
    ),
    _r(
        "follow_footer",
        F,
        r"^(?:Dapatkan update berita [^\n]{0,60}setiap hari\. Mari bergabung di [^\n]{0,120}"
        r"|Caranya klik link https?://\S+[^\n]{0,120}|Dapatkan informasi, inspirasi dan insight di email kamu\.?\s?(?:Daftarkan email)?"
        r"|Follow Berita Okezone di Google News|Follow[^\n]*WhatsApp Channel[^\n]*"
        r"|Telusuri berita[^\n]*lainnya[^\n]*"
        r"|Simak berita dan artikel lainnya di Google News[^\n]*|Update berita lainnya di [^\n]*Google News"
        r"|Ikuti berita populer lainnya di saluran berikut:[^\n]*|Dapatkan Berita Pilihan di WhatsApp Anda"
        r"|Ikuti kami di|Dapatkan update berita pilihan dan breaking news setiap hari dari \S+[^\n]*"
        r"|Follow IDN Times[^\n]*|Download IDN App sekarang!|Add as a preferred source on Google"
        r"|Download Apps CNN Indonesia sekarang https://app\.cnnindonesia\.com/|Download aplikasi CNBC Indonesia[^\n]*"
        r"|\(Ayo ikuti saluran WhatsApp KapanLagi\.com[^\n]*\)|Bagikan Berita Ini"
        r"|Dapatkan berita terkini dan kejutan menarik dari SINDOnews\.com[^\n]*)$",
        "Follow Berita Okezone di Google News",
        "Dapatkan update berita teknologi dan gadget pilihan setiap hari. Mari bergabung di Kanal WhatsApp KompasTekno.",
        "Caranya klik link https://whatsapp.com/channel/0029Va. Anda harus install aplikasi WhatsApp terlebih dulu di ponsel.",
        "Dapatkan informasi, inspirasi dan insight di email kamu.Daftarkan email",
        "Follow Official WhatsApp Channel Liputan6.com untuk mendapatkan berita terkini dengan mengklik tautan ini.",
        "Simak berita dan artikel lainnya di Google News ikuti terus berita terhangat dari Beritasatu.com",
        "Update berita lainnya di PROHABA.co dan Google News",
        "Ikuti kami di",
        "Ikuti berita populer lainnya di saluran berikut:\u00a0Channel WA, Facebook, X (Twitter), YouTube, "
        "Threads, Telegram",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup Telegram",
        "Download Apps CNN Indonesia sekarang https://app.cnnindonesia.com/",
        "Add as a preferred source on Google",
        "Download IDN App sekarang!",
        "Dapatkan Berita Pilihan di WhatsApp Anda",
        "(Ayo ikuti saluran WhatsApp KapanLagi.com biar enggak ketinggalan update. Klik di sini ya, Klovers!)",
        "Dapatkan berita terkini dan kejutan menarik dari SINDOnews.com, Klik Disini untuk mendaftarkan diri anda"
        " sekarang juga!",
    ),
    _r(
        "promo_footer",
        F,
        r"^(?:[A-Z][\w.]+ adalah portal berita [^\n]{0,600}|IDN Times Community adalah media yang menyediakan platform[^\n]{0,300}|Simak liputan khusus[^\n]{0,120} di kumparan\.?|Catatan Redaksi:? [A-Z][^\n]{0,500}"
        r"|Share artikel ini agar temanmu[^\n]{0,400}|Tulis komentar dengan menyertakan tagar #[^\n]+|Saksikan terus Sinetron[^\n]+di [A-Z]{3,}\.?"
        r"|Saksikan [^\n]+ hanya di iNews\b[^\n]*|Disclaimer:[^\n]*keputusan investasi[^\n]*"
        r"|CNBC INDONESIA RESEARCH[^\n]*|Silakan baca konten menarik lainnya[^\n]*"
        r"|[^\n]*(?:kirimkan apresiasi spesial|kompas\.com berkomitmen)[^\n]*"
        r")$",
        "Tulis komentar dengan menyertakan tagar #JernihBerkomentar dan #MelihatHarapan di kolom komentar "
        "artikel Kompas.com.",
        "Saksikan terus SinetronCinta di Ujung Senjadi SCTV.",
        "Saksikan final Proliga 2026, Minggu pukul 19.00 WIB, hanya di iNews",
        "Disclaimer: Setiap keputusan investasi ada di tangan pembaca. Kerugian yang timbul dari keputusan investasi",
        "dalam segala situasi, kompas.com berkomitmen",
        "Simak liputan khususnya mulai besok, Senin (20/3), di kumparan.",
        "IDN Times Community adalah media yang menyediakan platform untuk menulis. Semua karya tulis yang dibuat"
        " adalah sepenuhnya tanggung jawab dari penulis.",
    ),
    _r(
        "paywall_footer",
        F,
        r"^Agar bisa lanjut membaca sampai tuntas artikel ini[^\n]*$",
        "Agar bisa lanjut membaca sampai tuntas artikel ini, silakan login.",
        flag="paywalled",
    ),
    _r(
        "syndication_footer",
        F,
        r"^(?:Artikel|Berita) ini telah (?:tayang|ditayangkan|terbit) di [^\n]+$",
        'Artikel ini telah tayang di GridOto.com dengan judul "Harga Motor Bekas Turun Jelang Lebaran"',
        "Artikel ini telah tayang di BangkaPos.com dengan judul Jembatan Gantung Putus, Warga Seberangi "
        "Sungai dengan Rakit,",
        "Artikel ini telah ditayangkan di VIVA Bali",
        "Berita ini telah tayang di Tribunjateng.com dengan judul Jalan Pantura Amblas Dua Meter",
    ),
    _r(
        "repost_footer",
        F,
        r"^(?:Baca Kelanjutan [^\n]+ : https?://bit\.ly/\S+|Let's block ads! \(Why\?\))$",
        "Baca Kelanjutan Harga Cabai Turun : http://bit.ly/3xYzAbC",
        "Let's block ads! (Why?)",
        flag="repost",
    ),
    _r(
        "copyright_footer",
        F,
        r"^(?:Dilarang keras mengambil konten, melakukan crawling[^\n]*|(?:Copyright|COPYRIGHT|copyright|Hak Cipta) ©[^\n]*"
        r"|© \d{4} [^\n]+)$",
        "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini"
        " tanpa izin tertulis dari Kantor Berita ANTARA.",
        "COPYRIGHT © ANTARA 2021",
        "copyright © antara 2024",
        "© 2025 Kompas.com",
    ),
    _r(
        "source_credit",
        F,
        r"^(?:Sumber ?:\s?\w[\w.-]*(?: [\w.-]+){0,4}|\(\s?[A-Z.]+\s?(?:/\s?[A-Z.]+\s?)*\)|\[ ?[A-Z][\w.]+\.(?:com|id|net) ?\])$"
        # Glued after the last sentence, or with a name or the editor: a site, an outlet, a short name.
        r"|(?:^|(?<=[.!?\"”])\s?)Sumber ?: ?[A-Za-z][\w.-]*(?:[ /,] ?[A-Z][\w.-]*){0,5}"
        r"(?: (?:Pengolah|Editor) ?: ?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?$",
        "Sumber: kompas.com",
        "Persib bermain imbang.\nSumber: Bola.com/Radifa Arsa",
        "Komplotan itu melarikan diri. Sumber: Kompas.com",
        "Ada yang alergi, kata dia.Sumber: republika.co.id Pengolah: Friska Yolandha",
        "( TRIBUNJABAR.ID / TRIBUNNEWS.COM )",
        "[ PageSix.com ]",
        keeps=(*_KEEP, "Harga naik.\nSumber: Dinas Kesehatan menyebut kasus naik tajam pekan ini."),
    ),
    _r("end_marker", F, r"\s?\(\*\)$", "Warga pun lega. (*)"),
    _r(
        "antara_credit",
        F,
        r"^(?i:pewarta)\s?:\s?(?P<author>[^\n]+?)\s?\n?(?i:editor)\s?:\s?(?P<editor>[^\n]+?)"
        r"(?:\s?\n?(?i:copyright © antara) \d{4})?$",
        "Pewarta: Rina AstutiEditor: Budi Santoso Copyright © ANTARA 2025",
        "Pewarta : Rina Astuti\nEditor : Budi Santoso\nCOPYRIGHT © ANTARA 2021",
        "pewarta: rina astuti editor: budi santoso copyright © antara 2024",
    ),
    _r(
        "caps_author",
        F,
        # An author's name in capitals as the article's last line (Tempo's).
        r"^(?P<author>[A-Z]{3,}(?: [A-Z]{2,}){1,3})$",
        "ANDI PRASETYO",
        keeps=(*_KEEP, "Harga naik tajam.\nPBNU MENOLAK."),
    ),
    _r(
        "credit_caption",
        L,
        # A caption that opens with its photo's credit: "Budi Santoso/Kompas.com Petugas memeriksa ...".
        r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} ?/ ?(?:Kompas\.com|KOMPAS\.com|KOMPAS\.COM|Tribunnews\.com|TRIBUNNEWS\.COM"
        r"|detikcom|Tempo|TEMPO|ANTARA FOTO|Antara) [A-Z][^\n]{10,300}",
        "Budi Santoso/Kompas.com Petugas memeriksa kendaraan di gerbang tol Cikampek, Senin (12/5/2025).",
        keeps=(*_KEEP, "Kerja sama Jakarta/Bandung Raya mendorong pembangunan kereta cepat di kawasan itu."),
    ),
    _r(
        "kompas_credit",
        F,
        r"^\(Penulis ?:? (?P<author>[^|\n]+?) \| Editor ?:? (?P<editor>[^)\n]+)\)$",
        "(Penulis Ayu Lestari | Editor Bambang Wijaya)",
        "(Penulis: Kevin Febryan Candra Kurniawan | Editor: Jessi Carina)",
    ),
    _r(
        "syndication_title",
        L,
        r"Baca artikel (?:detik\w*|[A-Z]\w+(?:\.com)?),? ?[\"“][^\n]{5,240}?[\"”](?: selengkapnya)?(?: https?://\S+)?",
        'Baca artikel detikfinance, "BUMN Sebut Kereta Cepat Balik Modal 40 Tahun, Faisal Basri: Jangan Percaya!"',
        keeps=(*_KEEP, "Baca artikel itu dengan teliti sebelum berkomentar, kata dia."),
    ),
    _r(
        "written_by_credit",
        L,
        # An intern's or contributor's credit ending the article (detik's).
        r"Artikel ini (?:ditulis|disusun) oleh (?P<author>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,4}),?[^\n.]{0,140}\.",
        "Artikel ini ditulis oleh Savira Oktavia, peserta Magang Bersertifikat Kampus Merdeka di detikcom.",
        keeps=(*_KEEP, "Artikel ini ditulis oleh seorang guru yang sudah lama mengajar di desa itu."),
    ),
    _r(
        "author_credit",
        L,
        r"^(?:- )?(?:Penulis|Kontributor|Oleh) ?:\s?(?P<author>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,4})$",
        "Penulis: Dimas Pratama",
        "Penulis : Dwi Widijatmiko",
        "Kontributor : Ahmad Fauzi",
        "Oleh: Rina Marlina",
        keeps=(*_KEEP, "Oleh: para pedagang, harga itu dianggap terlalu tinggi."),
    ),
    _r(
        "team_credit",
        F,
        r"\s?\((?:Tim Liputan|Tim Redaksi|Tim)(?: [A-Z0-9][\w.]*){0,3}\)$",
        "Warga pun pulang. (Tim Liputan)",
        keeps=(*_KEEP, "Ia bergabung dengan tim itu (Tim Garuda Muda) sejak 2020."),
    ),
    _r(
        "share_label",
        L,
        r"Bagikan ?:|Share ?:|Bagikan artikel ini",
        "Bagikan:",
        keeps=(*_KEEP, "Bagikan: begitu pesan guru kepada murid-muridnya setiap pagi."),
    ),
    _r(
        "signoff_code",
        F,
        # Media Indonesia's and agencies' sign-off codes: "(Z-11)", "(Ant/Z-1)", "(RO/M-3)", "(AFP/Ndf)".
        r"\s?\((?:[A-Za-z]{2,4}/)?[A-Z]-\d{1,3}\)$|\s?\((?:AFP|Ant|ANT|RO|AP)/[A-Za-z]{2,5}\)$|\s?\(Uu\. ?[^()\n]{1,40}\)$"
        # An upper-case code alone after the last sentence: "... tuturnya. (LID)", "... naik. (AFP)".
        r"|(?<=[.!?\"”])\s*\([A-Z]{2,5}\)$",
        "Sidang ditunda. (Z-11)",
        "Atlet itu asal Garut. (Ant/Z-1)",
        "Ia berjudi di kasino. (AFP/Ndf)",
        "Badai salju akan mencapai 13 cm, demikian Reuters.\n(Uu. Aulia / KR - AMQ)",
        'Saya bantu ambilin," tuturnya.  (LID)',
        "Harga minyak naik. (AFP)",
        keeps=(
            *_KEEP,
            "Pesawat itu tipe (F-16).",
            "Ia bergabung dengan (PBB)",
            "Data itu dari (WHO) tahun lalu.",
            "Vaksin (AZ/B-1) itu tersedia di gudang dan siap dibagikan.",
        ),
    ),
    _r(
        "reporter_credit",
        F,
        r"^(?:Reporter|Pewarta) ?: ?(?P<author>[A-Z][^\n:|/,]{1,60}?)(?:/[\w.]+|,? ?Sumber ?: ?[\w. ]{2,40})?$",
        "Reporter: Bachtiarudin Alam/Merdeka.com",
        "Reporter: SulaemanSumber: Merdeka.com",
        "Reporter: Sulaeman,Sumber: Merdeka.com",
        "Pewarta: Willy Irawan",
    ),
    _r("translator_credit", L, r"^(?:- )?Penerjemah ?: ?[^\n]{3,60}$", "Penerjemah: Vinny Shoffa Salma"),
    _r(
        "source_bracket",
        F,
        r"\s?\[ ?[A-Z][\w.]+\.(?:com|id|net|co) ?\]$|\s?\((?:Bola\.net|Bola\.com|Kompas\.com|Tribun ?\w+|[A-Z][\w]+\.(?:com|net|id))"
        r"/[A-Z][^)\n/]{1,40}\)$",
        "kembali memerankan tokoh agen 007 . [ PageSix.com ]",
        "kata Prapanca.(Bola.net/Fitri Apriani)",
    ),
    _r(
        "editor_credit",
        L,
        r"Editor ?: (?P<editor>[A-Z][^\n]{2,60})",
        "Editor : Dewi Anggraini",
        "Editor: Achmad Zaenal M",
    ),
    _r(
        "contributor_credit",
        F,
        r"^(?P<author>[^\n]{3,60}?) berkontribusi dalam penulisan artikel ini\.$",
        "Dewi Anggraini berkontribusi dalam penulisan artikel ini.",
    ),
    _r(
        "okezone_author",
        F,
        r"^\((?P<author>[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})\)$",
        "(Rizky Pratama)",
        keeps=(*_KEEP, "Ia bertemu Presiden (Joko Widodo) kemarin."),
    ),
    _r(
        "editor_initials",
        F,
        # The keyword tags after them are nouns, never a sentence (no function words).
        r"\s?[\(\[] ?(?P<editor>[a-z]{2,5}(?: ?/ ?[a-z0-9]{2,5}){0,3}) ?[\)\]](?:,? (?!(?:untuk|pada|dan|yang|dengan|dari|di|ke|oleh|dalam|ini|itu)\b)[a-z0-9-]+){0,40}$"
        r"|\s?\((?P<editor_2>[A-Za-z]{2,5})/(?:JPNN|jpnn|ANT|ant)\)$",
        "Warga pun lega. (rds/arh)",
        "tutup mantan gelandang itu . ( omni / dub )",
        "Prabowo hadir. (Tan/JPNN)",
        "Pelatih optimistis. (rdy/ang) persib bandung liga 1 stadion jalak harupat",
        "Harga naik. (rfs/rfs) harga cabai, pasar",
        "Acara dimulai pukul 19.00 WIB.(rhs)",
        "Sidang ditunda. [dpr]",
        "Pemilu digelar. [rw/em]",
        "Harga naik. (ast/c9/ria)",
        "Film tayang pekan depan. (kpl/dka)",
        keeps=(
            *_KEEP,
            "Sidang digelar Senin (23/10).",
            "Kedua negara (AS dan Kanada) sepakat.",
            "Jadwal dividen:\n(cum) untuk perdagangan pada pasar regular dan pasar negosiasi pada 1 april 2022",
            "Harga naik. (ex) untuk perdagangan pada pasar regular dan pasar negosiasi serta pasar tunai pada 4 april 2022",
        ),
    ),
    _r(
        "keyword_footer",
        F,
        r"^KEYWORD\s?:\s?(?P<keywords>[^\n]+)$",
        "KEYWORD :Maduro Venezuela AS",
        "KEYWORD :Tarif Ekspor Sawit",
        keeps=(*_KEEP, "Polisi menyebut KEYWORD : sandi itu sebagai kode."),
    ),
    _r(
        "video_caption_footer",
        F,
        # A video plug that introduces the video, then the video's caption: the page's last paragraph.
        r"^(?:Simak|Saksikan|Lihat|Tonton)(?: [Jj]uga)? [Vv]ideo[^\n]{0,100}?(?:[Bb]erikut(?: [Ii]ni)?|di ?bawah ini) ?:"
        r"\n[A-Z][^\n]{10,400}$",
        "Harga kopi naik.\nSimak juga video menarik berikut ini:\nDua kubu pendukung paslon menggelar nobar di kedai kopi.",
        keeps=(*_KEEP, "Lihat video di bawah ini, kata dia.\nWarga pun datang berbondong-bondong ke balai desa."),
        lines=2,
    ),
    _r(
        "next_article",
        F,
        # CNBC Indonesia's "Artikel Selanjutnya" and the next article's title.
        r"^(?:Artikel Selanjutnya|ARTIKEL SELANJUTNYA)(?:[\n ][^\n]{3,200})?$",
        "Artikel Selanjutnya\nHarga Emas Antam Naik Lagi, Cek Daftarnya",
        "Artikel Selanjutnya Harga Emas Antam Naik Lagi",
        keeps=(*_KEEP, "Artikel selanjutnya akan membahas harga emas, kata penulisnya."),
    ),
    _r(
        "tag_line",
        F,
        # A page's tags as one lower-case, comma-separated last line: "harga cabai, pasar, inflasi".
        r"^(?P<keywords>[a-z0-9][\w'-]*(?: [\w'-]+){0,4}(?:, [a-z0-9][\w'-]*(?: [\w'-]+){0,4}){1,15})$",
        "harga cabai, pasar induk, inflasi",
        keeps=(*_KEEP, "Harga cabai, bawang dan beras naik lagi, kata pedagang."),
    ),
    _r(
        "tag_list",
        F,
        # A page's tags at the end, one per line: six or more short capitalised names, nothing else.
        rf"^(?P<keywords>(?:{_TAG}\n){{5,15}}{_TAG})$",
        "Persija Jakarta\nPuskas Award\nLiga 1\nRizky Ridho\nMohamad Prapanca\nSuper League",
        keeps=(*_KEEP, "Daftar pemain:\nRizky Ridho\nMarc Klok\nDewa United\nPersib Bandung\nLiga 1.\nSelesai."),
        lines=16,
    ),
    _r(
        "author_bio_mt",
        F,
        r"^(?P<author>[^\n]{3,60}?) adalah seorang penulis [^\n]+? Anda dapat mengikutinya di Twitter Di Sini\.$",
        "kristen k. Caruso adalah seorang penulis dan dokumenter Venezuela tentang kehidupan "
        "di bawah sosialisme. Anda dapat mengikutinya di Twitter Di Sini.",
        keeps=(*_KEEP, "Caruso adalah seorang penulis dan dokumenter Venezuela, kata rekannya."),
    ),
    # --- flags: kept text, noted -------------------------------------------------------------
    _r(
        "glued_related_link",
        IN,
        # Starts with a letter, so the regex engine scans for "B" instead of trying every position.
        r"B(?:(?<=\SB)|(?<=\S B))(?:aca [Jj]uga ?:|ACA JUGA:) ",
        # Glued inside a line with no visible end (sentence case, text after it): kept, flagged.
        "Pasar itu ramai.Baca juga: Dinkes gelar vaksinasi di Kemuning pekan ini, kata dia kepada wartawan.",
        action=Action.FLAG,
    ),
    _r(
        "glued_anchor",
        IN,
        # Two lower-case letters before the capital: iPhone, eKTP, iOS, eSports are words.
        r"\b[a-z]{2,}[A-Z][a-z]+",
        "resmi bergabung denganPersib Bandungpada bursa transfer",
        keeps=("Pengguna WhatsApp dan iPhone kini bisa mengurus eKTP dari YouTube.",),
        action=Action.FLAG,
    ),
    _r(
        "lost_quotes",
        IN,
        # "?" not after a letter, before a capital; or ",?" ".?" after a letter, before a space.
        r"[,.?](?:(?<!\w\?)(?<=\?)(?=[A-Z])|(?<=\w[,.])\?(?=\s))",
        "?Kami siap menyambut wisatawan,? ujar kepala dinas.",
        keeps=("Apakah kita siap? Kepala dinas menjawab ya.", "Siapa yang datang? Warga desa."),
        action=Action.FLAG,
    ),
    _r(
        "truncated",
        F,
        r"[^.!?\"”’')\]]$",
        "Jumlah pengunjung tahun ini naik menjadi",
        action=Action.FLAG,
        keeps=("Jumlah pengunjung tahun ini naik.", '"Kami siap," katanya.'),
    ),
)
