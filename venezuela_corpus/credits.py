"""Photo-credit shapes, shared by the layout anchors and the caption rules.

A caption ends in its photo's credit, in parentheses: an agency with the photographer
(``(AFP/VALERIE MACON)``), a stock library (``(iStock)``), a handout (``(Dok. Humas Pemkot)``,
``(Istimewa)``), or a source (``(Sumber: iStockphoto)``). A bare agency name (``(AFP)``) is not
one: it also signs off agency copy at the end of a paragraph.
"""

from __future__ import annotations

_AGENCY = r"AFP Photo|AFP|ANTARA FOTO|ANTARA|Antara|REUTERS|Reuters|AP Photo|AP|EPA|Xinhua|Anadolu|TEMPO|Tempo"

_PICTURE = (
    # Agency/photographer: a name of two words or more ("(AFP/Ndf)" is a sign-off code).
    rf"(?:{_AGENCY}) ?/ ?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){{1,4}}(?: ?/ ?[^()\n]{{1,30}})?"
    r"|iStock\w*(?:/[^()\n]{1,40})?|Shutterstock[^()\n]{0,30}|Unsplash[^()\n]{0,40}|Freepik[^()\n]{0,30}"
    r"|Dok\.? [^()\n]{1,60}|Dokumentasi [^()\n]{1,60}|Istimewa|Ist\.?"
)
PICTURE_CREDIT = rf"\((?:{_PICTURE})\)"
"""A credit that only a picture has (never a paragraph's data source): agency/photographer, stock, handout."""
PHOTO_CREDIT = rf"\((?:{_PICTURE}|(?:[Ss]umber|[Ff]oto|FOTO|[Ss]umber [Ff]oto) ?: ?[^()\n]{{1,60}})\)"
"""A photo credit in parentheses (see the module docstring), a source credit included."""

CREDIT_OPENERS = tuple(
    f"({word}"
    for word in (
        *_AGENCY.split("|"),
        "iStock",
        "Shutterstock",
        "Unsplash",
        "Freepik",
        "Dok",
        "Istimewa",
        "Ist",
        "Sumber",
        "sumber",
        "Foto",
        "foto",
        "FOTO",
    )
)
"""Literals one of which every :data:`PHOTO_CREDIT` match contains (an anchor's ``needs``)."""

AGENCY_CREDIT = rf"\((?:{_AGENCY})\)"
"""A bare agency in parentheses: a photo's credit only where a caption with no stop ends in it and
the next element is glued on (``... es mencair (Antara)Pada 18 Desember``)."""
SOURCE_CREDIT = r" ?[/|] ?(?:[Ss]umber(?: [Ff]oto)?|[Ff]oto) ?: ?[\w.-]{2,60}?"
"""A credit after a slash or bar, one token (``... Kipas Angin / Sumber: iStockphoto``)."""
