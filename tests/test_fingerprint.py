"""The batch-wise fingerprint (Arrow, no Python rows) gives the bytes of the row-wise definition.

``canonical_line`` on ``to_pylist()`` rows is the definition the released fingerprints were
computed with (tests/released.json); the vectorised path must agree with it byte for byte,
on the corpus's schema and on the other types it handles, for any values hypothesis finds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from venezuela_corpus.arrow_json import lines
from venezuela_corpus.corpus import locate
from venezuela_corpus.fingerprint import Fingerprinter, canonical_line, fingerprint_rows, fingerprint_table
from venezuela_corpus.schema import FIELD_NAMES, arrow_schema

from .test_api import RELEASED

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference(table: pa.Table) -> bytes:
    return b"".join(canonical_line(row, table.schema.names) for row in table.to_pylist())


def _vectorised(table: pa.Table, rows: int = 3) -> bytes:
    return b"".join(lines(batch, table.schema.names) for batch in table.to_batches(max_chunksize=rows))


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
tricky = st.text(alphabet='"\\\n\r\t\b\f\x00\x01\x1f\x7f\u2028\u00e9\U0001f600 a\xfe', max_size=12)
strings = st.one_of(texts, tricky)
floats = st.floats(allow_nan=False, allow_infinity=False)
floats32 = st.floats(width=32, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
removal = st.fixed_dictionaries({"rule": strings, "text": st.one_of(st.none(), strings)})
record = st.fixed_dictionaries(
    {
        "text": strings,
        "title": strings,
        "published_date": st.one_of(st.none(), dates),
        "dateline": st.one_of(st.none(), strings),
        "keywords": st.lists(strings, max_size=4),
        "language_score": floats,
        "n_words": st.integers(-(2**31), 2**31 - 1),
        "removed": st.lists(removal, max_size=3),
        "flags": st.lists(st.sampled_from(["link_gap", "mojibake", ""]), max_size=2),
    }
)


def _corpus_table(records: list[dict[str, Any]]) -> pa.Table:
    base = dict.fromkeys(FIELD_NAMES, "x") | {"keywords": [], "removed": [], "flags": []}
    base |= {"language_score": 0.5, "n_words": 1, "n_chars": 1, "published_date": None}
    rows = [base | r | {"id": f"{i:04d}"} for i, r in enumerate(records)]
    return pa.Table.from_pylist(rows, schema=arrow_schema())


@SETTINGS
@given(st.lists(record, min_size=1, max_size=8))
def test_corpus_schema_same_bytes(records: list[dict[str, Any]]) -> None:
    table = _corpus_table(records)
    assert _vectorised(table) == _reference(table)


other = st.fixed_dictionaries(
    {
        "b": st.one_of(st.none(), st.booleans()),
        "i8": st.one_of(st.none(), st.integers(-128, 127)),
        "u64": st.one_of(st.none(), st.integers(0, 2**64 - 1)),
        "f": st.one_of(st.none(), floats),
        "ls": st.one_of(st.none(), st.lists(st.one_of(st.none(), strings), max_size=3)),
        "nested": st.one_of(st.none(), st.lists(st.one_of(st.none(), st.lists(st.integers(0, 9))), max_size=3)),
        "s": st.one_of(st.none(), st.fixed_dictionaries({"a": st.one_of(st.none(), strings), "é": floats32})),
    }
)
OTHER = pa.schema(
    [
        ("id", pa.string()),
        ("b", pa.bool_()),
        ("i8", pa.int8()),
        ("u64", pa.uint64()),
        ("f", pa.float64()),
        ("ls", pa.large_list(pa.large_string())),
        ("nested", pa.list_(pa.list_(pa.int16()))),
        ("s", pa.struct([("a", pa.string()), ("é", pa.float32())])),
    ]
)


@SETTINGS
@given(st.lists(other, min_size=1, max_size=8))
def test_other_types_nulls_and_slices_same_bytes(records: list[dict[str, Any]]) -> None:
    table = pa.Table.from_pylist([r | {"id": f"{i:03d}"} for i, r in enumerate(records)], schema=OTHER)
    assert _vectorised(table) == _reference(table)
    sliced = table.slice(1)  # offsets that do not start at zero
    assert _vectorised(sliced, rows=2) == _reference(sliced)


# Examples kept explicitly: floats that Arrow's own cast spells differently from Python.
@pytest.mark.parametrize("value", [1e-05, 1e16, 1e22, 123456789.0, -0.0, 5e-324, 0.1, 1.7976931348623157e308])
def test_float_spelling_is_pythons(value: float) -> None:
    table = pa.table({"id": ["a"], "x": [value]})
    assert _vectorised(table) == _reference(table) == f'{{"id":"a","x":{value!r}}}\n'.encode()


def test_every_control_character_escaped_as_json_does() -> None:
    text = "".join(map(chr, range(0x80))) + "\u2028\ufeff\U0001f600"
    table = pa.table({"id": ["a"], "t": [text]})
    expected = json.dumps({"id": "a", "t": text}, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert _vectorised(table) == expected.encode()


def test_types_it_does_not_encode_fall_back_to_json_dumps() -> None:
    table = pa.table({"id": ["a", "b"], "d": pa.array(["x", "y"]).dictionary_encode(), "n": pa.nulls(2)})
    assert _vectorised(table) == _reference(table)
    quoted = pa.table({"id": ["a"], 'say "hi"': [1]})  # a column name that needs escaping
    assert _vectorised(quoted) == _reference(quoted)
    times = pa.table({"id": ["a"], "t": pa.array([dt.datetime(2020, 1, 1, 12, 30)])})
    assert _vectorised(times) == _reference(times) == b'{"id":"a","t":"2020-01-01T12:30:00"}\n'
    with pytest.raises(TypeError):  # as json.dumps of bytes
        _vectorised(pa.table({"id": ["a"], "b": [b"x"]}))
    with pytest.raises(ValueError, match="not JSON compliant"):
        _vectorised(pa.table({"id": ["a"], "x": [float("nan")]}))


def test_invalid_utf8_is_not_hashed_as_text() -> None:
    bad = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(b"\0\0\0\0\2\0\0\0"), pa.py_buffer(b"\xfe\xff")])
    with pytest.raises(UnicodeDecodeError):  # the row-wise path, as before
        lines(pa.record_batch({"id": pa.array(["a"]), "t": bad}), ["id", "t"])


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_released_snapshots_same_fingerprint(version: str) -> None:
    path = locate().snapshots.joinpath(version).joinpath("articles.parquet")
    table = pq.read_table(str(path))
    assert fingerprint_table(table, batch_rows=1) == fingerprint_table(table) == RELEASED[version]
    assert fingerprint_rows(table.to_pylist(), table.schema.names) == RELEASED[version]


def test_unsorted_table_is_sorted_and_duplicates_refused() -> None:
    rows = [{"id": i, "n": n} for i, n in (("b", 1), ("a", 2), ("c", 3))]
    table = pa.Table.from_pylist(rows)
    assert fingerprint_table(table, batch_rows=2) == fingerprint_rows(rows, ["id", "n"])
    twice = pa.concat_tables([table, table])
    with pytest.raises(ValueError, match="sorted by unique id"):
        fingerprint_table(twice)
    fp = Fingerprinter(["id", "n"])
    fp.update_batch(table.slice(1, 1).to_batches()[0])  # "a"
    with pytest.raises(ValueError, match="'a' after 'a'"):
        fp.update_batch(table.slice(1, 1).to_batches()[0])
