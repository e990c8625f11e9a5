"""Canonical JSON lines of Arrow record batches, a batch at a time and without Python rows.

Gives exactly the bytes of :func:`venezuela_corpus.fingerprint.canonical_line` (Python's
``json.dumps`` with ``ensure_ascii=False`` and no spaces) for every row of a batch, in two
steps:

1. Arrow's compute functions (:mod:`.arrowfn`) assemble each row's line around the raw string values, writing the
   JSON quotes as byte ``0xFE`` and the line end as ``0xFF``: neither byte occurs in UTF-8,
   and the strings are checked to be valid UTF-8 first.
2. The batch's bytes are escaped with a handful of ``bytes.replace`` calls (backslash,
   quote, the control characters present) and the two markers become ``"`` and a newline.

Escaping commutes with concatenation, so escaping the whole batch at once equals escaping
each value. Numbers and dates are cast by Arrow (floats use ``float.__repr__``, which Arrow
spells differently for some values); a type this module does not know, or a field name
that itself needs escaping, falls back to ``json.dumps`` of each value.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .arrowfn import call, cast

if TYPE_CHECKING:
    import pyarrow as pa

QUOTE = b"\xfe"
"""Stands for a JSON quote until the strings are escaped."""
END = b"\xff"
"""Stands for the newline that ends a line until the strings are escaped."""
_SHORT = {0x08: b"\\b", 0x09: b"\\t", 0x0A: b"\\n", 0x0C: b"\\f", 0x0D: b"\\r"}
_ESCAPES: dict[int, bytes] = {c: _SHORT.get(c, f"\\u{c:04x}".encode()) for c in range(0x20)}
_ESCAPES[0x22] = b'\\"'
_KEEP = bytes(c for c in range(256) if c not in _ESCAPES and c != 0x5C)
"""Deleting these bytes leaves the ones that need escaping."""


def _binary(items: Sequence[bytes]) -> pa.Array:
    """A binary array of *items*, made from buffers.

    Not ``pa.array``/``pa.scalar``: on Python values those import pandas (about 0.4 s) to ask
    whether the value is one of its arrays, and commands that only summarise need none of it.

    >>> _binary([b"ab", b"", b"c"]).to_pylist()
    [b'ab', b'', b'c']
    """
    import array

    import pyarrow as pa

    offsets, total = array.array("i", [0]), 0
    for item in items:
        total += len(item)
        offsets.append(total)
    buffers = [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(b"".join(items))]
    return pa.Array.from_buffers(pa.binary(), len(items), buffers)


def _scalar(data: bytes) -> pa.Scalar:
    """*data* as a binary scalar (see :func:`_binary`)."""
    return _binary([data])[0]


def _lit(text: str) -> pa.Scalar:
    """A JSON fragment as a binary scalar, its quotes as :data:`QUOTE`."""
    return _scalar(text.encode().replace(b'"', QUOTE))


def _plain_name(name: str) -> bool:
    return not any(ch in '"\\' or ch < " " for ch in name)


def _nulls_as_json(arr: pa.Array, encoded: pa.Array) -> pa.Array:
    if arr.null_count == 0:
        return encoded
    return call("if_else", call("is_null", arr), _lit("null"), encoded)


def _quoted(arr: pa.Array) -> pa.Array:
    import pyarrow as pa

    quote = _scalar(QUOTE)
    raw = cast(cast(arr, pa.string()), pa.binary())
    return _nulls_as_json(arr, call("binary_join_element_wise", quote, raw, quote, _scalar(b"")))


def _strings(arr: pa.Array) -> pa.Array:
    import pyarrow as pa

    try:
        arr.validate(full=True)  # valid UTF-8, so the markers cannot occur in a value
    except pa.ArrowInvalid as exc:
        raise _NotEncodedError from exc
    return _quoted(arr)


def _floats(arr: pa.Array) -> pa.Array:

    values = arr.to_pylist()
    for value in values:
        if value is not None and not math.isfinite(value):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return _binary([b"null" if v is None else repr(v).encode() for v in values])


def _lists(arr: pa.Array) -> pa.Array:
    import pyarrow as pa

    items = _json(arr.values)
    rebuilt = pa.ListArray.from_arrays(cast(arr.offsets, pa.int32()), items)
    joined = call("binary_join", rebuilt, _scalar(b","))
    return _nulls_as_json(arr, call("binary_join_element_wise", _lit("["), joined, _lit("]"), _lit("")))


def _structs(arr: pa.Array) -> pa.Array:
    names = [arr.type.field(i).name for i in range(arr.type.num_fields)]
    if not names or len(set(names)) != len(names) or not all(map(_plain_name, names)):
        raise _NotEncodedError
    parts: list[Any] = []
    for i, (name, child) in enumerate(zip(names, arr.flatten(), strict=True)):
        parts += [_lit(("{" if i == 0 else ",") + _dumps(name) + ":"), _json(child)]
    parts += [_lit("}"), _lit("")]
    return _nulls_as_json(arr, call("binary_join_element_wise", *parts))


class _NotEncodedError(Exception):
    """A value this module does not encode: the caller serialises the batch in Python."""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _dates(arr: pa.Array) -> pa.Array:
    import pyarrow as pa

    low, high = call("min_max", cast(arr, pa.int32())).values()
    # datetime.date's range, 0001-01-01 .. 9999-12-31; outside it, do what Python does.
    if low.is_valid and (low.as_py() < -719162 or high.as_py() > 2932896):
        raise _NotEncodedError
    return _quoted(cast(arr, pa.string()))


def _nulls(arr: pa.Array) -> pa.Array:
    return _binary([b"null"] * len(arr))


def _integers(arr: pa.Array) -> pa.Array:
    import pyarrow as pa

    return _nulls_as_json(arr, cast(cast(arr, pa.string()), pa.binary()))


def _booleans(arr: pa.Array) -> pa.Array:
    return _nulls_as_json(arr, call("if_else", arr, _lit("true"), _lit("false")))


@functools.cache
def _encoders() -> tuple[tuple[Callable[[pa.DataType], bool], Callable[[pa.Array], pa.Array]], ...]:
    import pyarrow as pa

    t = pa.types
    return (
        (t.is_null, _nulls),
        (lambda k: t.is_string(k) or t.is_large_string(k), _strings),
        (t.is_integer, _integers),
        (t.is_boolean, _booleans),
        (t.is_floating, _floats),
        (t.is_date32, _dates),
        (lambda k: t.is_list(k) or t.is_large_list(k), _lists),
        (t.is_struct, _structs),
    )


def _json(arr: pa.Array) -> pa.Array:
    """Each value of *arr* as JSON with markers: a ``binary`` array without nulls."""
    import pyarrow as pa

    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    for accepts, encode in _encoders():
        if accepts(arr.type):
            return encode(arr)
    raise _NotEncodedError


def _marked(batch: pa.RecordBatch, columns: Sequence[str]) -> bytes:
    parts: list[Any] = []
    for i, name in enumerate(columns):
        parts += [_lit(("{" if i == 0 else ",") + _dumps(name) + ":"), _json(batch.column(name))]
    parts += [_lit("}"), _scalar(END), _lit("")]
    text = call("binary_join_element_wise", *parts)
    _, offsets, data = text.buffers()
    if not len(text) or data is None:
        return b""
    ends = memoryview(offsets).cast("i")
    return bytes(memoryview(data)[ends[text.offset] : ends[text.offset + len(text)]])


def _escape(data: bytes) -> bytes:
    present = set(data.translate(None, _KEEP))
    if 0x5C in present:  # the backslash first: every other escape adds one
        data = data.replace(b"\\", b"\\\\")
    for byte in sorted(present - {0x5C}):
        data = data.replace(bytes((byte,)), _ESCAPES[byte])
    return data.replace(QUOTE, b'"').replace(END, b"\n")


def lines(batch: pa.RecordBatch, columns: Sequence[str]) -> bytes:
    """The canonical lines of every row of *batch*, concatenated (columns in the given order).

    >>> import pyarrow as pa
    >>> lines(pa.record_batch({"id": ["a"], "n": [1.5]}), ["id", "n"])
    b'{"id":"a","n":1.5}\\n'
    """
    import pyarrow as pa

    from .fingerprint import canonical_line

    if all(map(_plain_name, columns)):
        try:
            return _escape(_marked(batch, columns))
        except _NotEncodedError:
            pass
        except pa.ArrowCapacityError:
            if len(batch) > 1:  # more than 2 GiB of JSON in one batch: halve it
                half = len(batch) // 2
                return lines(batch.slice(0, half), columns) + lines(batch.slice(half), columns)
    return b"".join(canonical_line(row, columns) for row in batch.to_pylist())
