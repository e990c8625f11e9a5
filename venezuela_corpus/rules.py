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

RULESET_VERSION = "1.0"

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


class Action(Enum):
    """What a rule does with its match."""

    DROP = "drop"
    EXTRACT = "extract"
    FLAG = "flag"


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
    """

    name: str
    where: Where
    regex: str
    action: Action = Action.DROP
    outlets: tuple[str, ...] = ()
    flag: str | None = None
    examples: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        wrapped = {
            Where.HEADER: r"\A(?:{})",
            Where.FOOTER: r"(?:{})\Z",
            Where.LINE: r"(?:{})",
            Where.INLINE: r"(?:{})",
        }[self.where].format(self.regex)
        object.__setattr__(self, "pattern", re.compile(wrapped, re.MULTILINE))

    @property
    def span(self) -> int:
        """How many lines the pattern can cover (literal line breaks in it, plus one)."""
        return self.regex.count(r"\n") + 1


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


# Applied in order, after Unicode repair and before the rules.
NORMALISATIONS: tuple[Normalisation, ...] = (
    Normalisation(
        "paragraph_joint",
        r"(?<=[.!?\"”’'])\u00a0 (?=\S)",
        "\n",
        examples=(("tidak sah.\u00a0 \"Hari ini", 'tidak sah.\n"Hari ini'),),
    ),
    Normalisation(
        "odd_space",
        r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]",
        " ",
        examples=(("REPUBLIKA.CO.ID,\u00a0WASHINGTON", "REPUBLIKA.CO.ID, WASHINGTON"),),
    ),
    Normalisation(
        "link_gap",
        r"(?<=\w) {2,}(?=\w)",
        " ",
        flag="link_gap",
        examples=(("Kantor berita   melaporkan", "Kantor berita melaporkan"),),
    ),
    Normalisation("space_run", r" {2,}", " ", examples=(("a.  B", "a. B"),)),
)


RULES: tuple[Rule, ...] = (
    # --- republika.co.id ------------------------------------------------------------------
    Rule(
        "republika_dateline",
        Where.HEADER,
        r"(?P<outlet>REPUBLIKA\.CO\.ID),\s?(?P<dateline>[A-Z][A-Z .]+?)\s?(?:--|—|–)\s?",
        Action.EXTRACT,
        examples=(
            "REPUBLIKA.CO.ID, WASHINGTON -- Etase pertahanan Venezuela membelot.",
            "REPUBLIKA.CO.ID, MAKASSAR — Warga memadati pantai.",
            "REPUBLIKA.CO.ID, GARUT--Hujan deras mengguyur.",
        ),
        keeps=("Situs REPUBLIKA.CO.ID, JAKARTA -- menjadi rujukan, kata dia.",),
    ),
    # --- jurnas.com -------------------------------------------------------------------------
    Rule(
        "photo_caption_foto",
        Where.HEADER,
        r"[^\n]{10,200} \([Ff]oto: [^)\n]+\)$",
        examples=(
            "Presiden Venezuela, Nicolas Maduro (foto: UPI)",
            "Gubernur meninjau lokasi banjir (foto: Antara)",
        ),
        keeps=(
            "Presiden itu tampil di depan kamera (foto: UPI) dan berbicara lama.\nKedua.",
            "Ia mengirim foto (foto: dokumen pribadi) kepada wartawan, lalu pergi.",
        ),
    ),
    Rule(
        "bare_dateline",
        Where.HEADER,
        r"(?P<dateline>[A-Z][a-z]+(?: [A-Z][a-z]+)?) - (?=\S)",
        Action.EXTRACT,
        outlets=("jurnas", "detik"),
        examples=(
            "Jakarta - Para pejabat Amerika Serikat bertemu secara rahasia.",
            "Bandung - Ratusan warga memadati alun-alun.",
        ),
        keeps=("Menurut dia, Jakarta - Bandung kini bisa ditempuh dalam 45 menit.",),
    ),
    Rule(
        "keyword_footer",
        Where.FOOTER,
        r"^KEYWORD\s?:\s?(?P<keywords>[^\n]+)$",
        Action.EXTRACT,
        examples=("KEYWORD :Maduro Venezuela AS", "KEYWORD :Tarif Ekspor Sawit"),
        keeps=("Polisi menyebut KEYWORD : sandi itu sebagai kode.",),
    ),
    # --- shared templates -------------------------------------------------------------------
    Rule(
        "related_link",
        Where.LINE,
        r"^Baca(?: [Jj]uga)?\s?:\s?\S[^\n]*$",
        examples=(
            "Baca: Maduro Tuduh AS 'Palsukan' Krisis untuk Memulai Perang",
            "Baca juga: Pelatih Baru Target Tiga Poin di Kandang Lawan",
            "Baca juga:Harga Cabai di Pasar Induk Turun Jelang Akhir Pekan",
        ),
        keeps=(
            "Baca juga label kemasannya sebelum membeli, pesan petugas BPOM kepada pembeli.",
            "Menurut dia, warga bisa membaca: Baca: panduan itu di situs resmi.",
        ),
    ),
    Rule(
        "google_news_footer",
        Where.FOOTER,
        r"^Cek Berita dan Artikel yang lain di\nGoogle News(?: dan WA Channel)?$",
        examples=(
            "Cek Berita dan Artikel yang lain di\nGoogle News",
            "Cek Berita dan Artikel yang lain di\nGoogle News dan WA Channel",
        ),
        keeps=("Pengguna bisa mencari berita di Google News, kata juru bicara itu.",),
    ),
    # --- netizen.media (machine-translated Breitbart) ---------------------------------------
    Rule(
        "author_bio_mt",
        Where.FOOTER,
        r"^(?P<author>[^\n]{3,60}?) adalah seorang penulis [^\n]+? "
        r"Anda dapat mengikutinya di Twitter Di Sini\.$",
        Action.EXTRACT,
        examples=(
            "kristen k. Caruso adalah seorang penulis dan dokumenter Venezuela tentang kehidupan "
            "di bawah sosialisme. Anda dapat mengikutinya di Twitter Di Sini.",
        ),
        keeps=("Caruso adalah seorang penulis dan dokumenter Venezuela, kata rekannya.",),
    ),
)
