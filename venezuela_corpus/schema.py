"""The record schema, written once: the ``FIELDS`` table.

Arrow schema, ``datasets.Features`` and the dataset card's field table are all derived
from it, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datasets
    import pyarrow as pa


@dataclass(frozen=True)
class Field:
    """One column of the corpus.

    Attributes:
        name: Column name.
        type: Arrow type, spelled as in ``str(pyarrow type)``.
        nullable: Whether the value may be null (unknown facts are null, never guessed).
        description: One line for the card and the README.
        curated: Whether the value comes from the curator's metadata (``seeds/metadata.json``).

    """

    name: str
    type: str
    nullable: bool
    description: str
    curated: bool = False


FIELDS: tuple[Field, ...] = (
    Field("id", "string", False, "Stable id: the seed file name without `.txt`."),
    Field("text", "string", False, "Clean article body; paragraphs separated by a blank line."),
    Field("title", "string", False, "Headline as published.", curated=True),
    Field("outlet", "string", False, "Publishing outlet (curated metadata).", curated=True),
    Field("url", "string", False, "Address of the published article.", curated=True),
    Field("published_date", "date32[day]", True, "Publication date; null if unknown.", curated=True),
    Field("dateline", "string", True, "City of the dateline removed from the text."),
    Field("author", "string", True, "Author or reporter; curated, else taken from the text.", curated=True),
    Field("editor", "string", True, "Editor; curated, else taken from the text.", curated=True),
    Field("keywords", "list<element: string>", False, "Tags from the outlet's keyword footer."),
    Field("language", "string", False, "Language detected by seeded `langdetect`."),
    Field("language_score", "double", False, "Probability `langdetect` gives `language`."),
    Field("translated_from", "string", True, "Source language if machine-translated.", curated=True),
    Field("n_words", "int32", False, "Whitespace-separated words in `text`."),
    Field("n_chars", "int32", False, "Unicode code points in `text`."),
    Field("source_file", "string", False, "Seed file name, relative to `seeds/`."),
    Field("raw_sha256", "string", False, "SHA-256 of the seed file's bytes."),
    Field("text_sha256", "string", False, "SHA-256 of `text` encoded as UTF-8."),
    Field(
        "removed",
        "list<element: struct<rule: string, text: string>>",
        False,
        "Every span the cleaner removed: the rule's name and the exact text.",
    ),
    Field("flags", "list<element: string>", False, "Notes of the cleaner, e.g. `link_gap`."),
    Field("notes", "string", True, "Curator's notes on the source and its facts.", curated=True),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
CURATED: tuple[Field, ...] = tuple(f for f in FIELDS if f.curated)
"""The fields a curator gives for each article (a metadata entry also names its ``file``)."""


def _types() -> dict[str, pa.DataType]:
    import pyarrow as pa

    return {
        "string": pa.string(),
        "double": pa.float64(),
        "int32": pa.int32(),
        "date32[day]": pa.date32(),
        # Lists name their items "element", as Parquet does, so a round trip is exact.
        "list<element: string>": pa.list_(pa.field("element", pa.string())),
        "list<element: struct<rule: string, text: string>>": pa.list_(
            pa.field("element", pa.struct([("rule", pa.string()), ("text", pa.string())]))
        ),
    }


def _arrow_type(spec: str) -> pa.DataType:
    return _types()[spec]


def arrow_schema(fields: Sequence[Field] = FIELDS) -> pa.Schema:
    """The corpus's Arrow schema, or that of other *fields* (no metadata: Parquet bytes stay deterministic)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, _arrow_type(f.type), nullable=f.nullable) for f in fields])


def schema_spec(schema: pa.Schema) -> list[dict[str, str]]:
    """A JSON-friendly description of *schema*, spelled by this module, not by pyarrow."""
    spelling = {t: spec for spec, t in _types().items()}
    return [{"name": f.name, "type": spelling.get(f.type, f"unknown:{f.type}")} for f in schema]


def features() -> datasets.Features:
    """The corpus's typed ``datasets.Features``.

    >>> features()["published_date"]
    Value('date32')
    """
    import datasets

    return datasets.Features.from_arrow_schema(arrow_schema())
