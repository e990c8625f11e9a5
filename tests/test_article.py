"""The typed row: ``Article`` agrees with ``schema.FIELDS``; metadata keys are derived from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import click
import pytest

import venezuela_corpus as vc
from venezuela_corpus.article import Article
from venezuela_corpus.ingest import METADATA_KEYS, OPTIONAL, REQUIRED, ArticleMeta
from venezuela_corpus.schema import CURATED, FIELD_NAMES, FIELDS

# How each Arrow type of the schema is spelled in Python, written out here by hand.
PYTHON_TYPES = {
    "string": str,
    "double": float,
    "int32": int,
    "date32[day]": dt.date,
    "list<element: string>": tuple[str, ...],
    "list<element: struct<rule: string, text: string>>": tuple[tuple[str, str], ...],
}


def test_article_fields_are_the_schema_fields_in_order() -> None:
    assert [f.name for f in dataclasses.fields(Article)] == list(FIELD_NAMES)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_article_field_types_match_the_schema(field: vc.schema.Field) -> None:
    hints = typing.get_type_hints(Article)
    expected = PYTHON_TYPES[field.type]
    assert hints[field.name] == (expected | None if field.nullable else expected)


def test_article_is_frozen() -> None:
    article = Article.from_row(vc.load_corpus("1.0.0")[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.text = "changed"  # type: ignore[misc]


def test_rows_round_trip_through_article() -> None:
    for row in vc.load_corpus("1.0.1"):
        assert Article.from_row(row).row() == row
    iso = {**row, "published_date": "2019-01-02"}
    assert Article.from_row(iso).published_date == dt.date(2019, 1, 2)


def test_metadata_keys_are_the_curated_fields() -> None:
    assert METADATA_KEYS[0] == "file"
    assert set(METADATA_KEYS) == {"file", *(f.name for f in CURATED)}
    assert set(REQUIRED) == {"file", "title", "outlet", "url"}
    assert set(OPTIONAL) == {"published_date", "author", "editor", "translated_from", "notes"}
    meta = dataclasses.fields(ArticleMeta)
    assert {f.name for f in meta} == set(METADATA_KEYS)
    assert {f.name for f in meta if f.default is dataclasses.MISSING} == set(REQUIRED)


def test_add_has_one_option_per_curated_field() -> None:
    from venezuela_corpus.cli import add

    options = {p.name: p.required for p in add.params if isinstance(p, click.Option) and p.name in METADATA_KEYS}
    assert options == {f.name: not f.nullable for f in CURATED}
