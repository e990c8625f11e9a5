"""Case-folded text: cleaned through a copy whose boilerplate has its capitals back.

Scraped collections often hold text that a preprocessing step lower-cased (``jakarta (antara) -
... baca juga: ...``). The rules find elements by their capitals, so such a text is cleaned as a
copy with the capitals of boilerplate restored (sentence starts, labels, outlets, agencies) and
the result is lower-cased again: every kept character is the text's own, since only ``a-z`` is
ever raised and the text had no capital to lose.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_LETTERS = 200
"""A text this long with no capital letter was lower-cased (a short one may just be informal)."""

PHRASES = (
    # Labels of related links, plugs and pages.
    "Baca juga",
    "Baca Juga:",
    "Baca:",
    "Lihat juga",
    "Lihat Juga:",
    "Simak juga",
    "Simak Video",
    "Saksikan Video",
    "Tonton Video",
    "Video:",
    "Halaman",
    "Selanjutnya:",
    "Selengkapnya",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "SCROLL TO RESUME CONTENT",
    "Cek Berita dan Artikel yang lain di Google News",
    "Google News",
    "[Gambas:",
    "Artikel ini telah tayang di",
    "Laporan Wartawan",
    # Credits.
    "Pewarta:",
    "Editor:",
    "Penulis:",
    "Reporter:",
    "Sumber:",
    "Foto:",
    "Copyright © ANTARA",
    "Dilarang keras mengambil konten",
    # Agencies and outlets, as their datelines and credits write them.
    "(ANTARA)",
    "ANTARA FOTO",
    "KOMPAS.com",
    "TRIBUNNEWS.COM",
    "Liputan6.com",
    "Suara.com",
    "TEMPO.CO",
    "CNN Indonesia",
    "CNBC Indonesia",
    "Bisnis.com",
    "Bola.com",
    "Bola.net",
    "detikcom",
    "merdeka.com",
    "Okezone",
    "Republika",
    "Kontan.co.id",
)
"""Boilerplate words with their capitals, each found in the lower-cased text as a whole phrase."""

_PHRASE = re.compile("|".join(rf"(?<!\w){re.escape(p.lower())}(?!\w)" for p in sorted(PHRASES, key=len, reverse=True)))
_CASED = {p.lower(): p for p in PHRASES}
_START = re.compile(r"(^|[.!?][\"”’)]?[ \t]+|: ?)([\"“‘(\[]?)([a-z])", re.M)
"""A sentence's, line's or label's first letter (after ``baca juga:`` the title's)."""
_AFTER_DASH = re.compile(r"^([^\n]{2,80}?\S ?[-–—]{1,2} +)([\"“‘(\[]?)([a-z])", re.M)
"""The first letter after a line's first dash (a dateline's body)."""


def lowercased(text: str) -> bool:
    """Whether *text* was case-folded: long, with letters, and no capital letter at all."""
    return text == text.lower() and sum(c.isalpha() for c in text[: MIN_LETTERS * 4]) >= MIN_LETTERS


def restore_case(text: str, fits: Callable[[str], bool] = lambda line: False) -> str:
    """A copy of *text* with the capitals of sentence starts and of boilerplate phrases back.

    A dateline's place is written as its outlet writes it (``JAKARTA, KOMPAS.com -``,
    ``Liputan6.com, Jakarta -``): of the casings :func:`dateline_casings` offers, the first
    line that *fits* (a dateline rule matches it) is kept.

    >>> restore_case("jakarta (antara) - harga naik.baca juga: harga cabai turun")
    'Jakarta (ANTARA) - Harga naik.Baca Juga: Harga cabai turun'
    """
    text = _PHRASE.sub(lambda m: _CASED[m.group(0)], text)
    for start in (_START, _AFTER_DASH):
        text = start.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text)
    lines = text.split("\n")
    for i, line in enumerate(lines[:DATELINE_LINES]):
        if line.strip() and not fits(line):
            lines[i] = next((c for c in dateline_casings(line) if fits(c)), line)
    return "\n".join(lines)


DATELINE_LINES = 8
_DATELINE = re.compile(r"^([^\n]{2,80}?)(?= [-–—]{1,2} | ?[-–—]{2}|$)")


def dateline_casings(line: str) -> list[str]:
    """The line with its dateline's words (before the first dash) in each casing outlets use."""
    match = _DATELINE.match(line)
    if match is None:
        return []
    head, rest = match.group(1), line[match.end() :]
    words = re.split(r"([ ,]+)", head)
    out = []
    for outlet_case in (lambda w: w, str.lower, str.upper):
        for place_case in (str.title, str.upper):
            cased = "".join(
                w if not w.strip(" ,") else (outlet_case(w) if "." in w or w in _CASED.values() else place_case(w))
                for w in words
            )
            out.append(cased + rest)
    return out
