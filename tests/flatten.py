"""A small deterministic flattener: a well-formed article (one element per line) in the text
forms that scraped news arrives in, as the HTML-to-text step of a scraper leaves it.

- ``glued``: elements joined with no space (``kata dia.Baca juga: Judul LainKalimat``);
- ``one_line``: the whole article on one line, elements joined by one space;
- ``element_per_line``: every sentence broken at commas and before capitalised names, as
  one HTML element (a link, a bold span) per line (``Pelatih`` / ``Persija Jakarta`` / ``,``);
- ``tokenised``: a space before punctuation (``Lihat juga : Judul``, ``( ant / dil )``).
"""

from __future__ import annotations

import re

FORMS = ("lines", "glued", "one_line", "element_per_line", "tokenised")


def _elements(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def glued(text: str) -> str:
    return "".join(_elements(text))


def one_line(text: str) -> str:
    return " ".join(_elements(text))


def element_per_line(text: str) -> str:
    out: list[str] = []
    for element in _elements(text):
        # A comma becomes an element of its own, as a link's trailing punctuation does.
        out.extend(p for p in re.split(r"\s*(,)\s*", element) if p)
    return "\n".join(out)


def tokenised(text: str) -> str:
    spaced = re.sub(r"(?<=\S)([,.:;!?)\]])(?=\s|$)", r" \1", text)
    spaced = re.sub(r"([(\[])(?=\S)", r"\1 ", spaced)
    return re.sub(r"(?<=\w)/(?=\w)", " / ", spaced)


def flatten(text: str, form: str) -> str:
    """*text* in the named form (``lines`` returns it as it is)."""
    return {
        "lines": lambda t: t,
        "glued": glued,
        "one_line": one_line,
        "element_per_line": element_per_line,
        "tokenised": tokenised,
    }[form](text)


def words(text: str) -> list[str]:
    """The words of a text, punctuation and layout aside (what every form must keep)."""
    return re.findall(r"\w+", text)
