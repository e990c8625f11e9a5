"""A plain summary of a corpus version: what ``venezuela-corpus info`` prints.

Computed from the verified Arrow table with Arrow's compute functions (:mod:`.arrowfn`), so
the command imports neither ``datasets`` nor ``pyarrow.compute``; field types are written as
``datasets`` writes its ``Features``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .arrowfn import call

if TYPE_CHECKING:
    import pyarrow as pa

_DTYPES = {"double": "float64", "float": "float32", "halffloat": "float16", "date32[day]": "date32"}


def feature_repr(arrow_type: pa.DataType) -> str:
    """How ``datasets`` (4 and later) prints the Feature of an Arrow type, without importing it.

    >>> import pyarrow as pa
    >>> feature_repr(pa.list_(pa.struct([("rule", pa.string()), ("text", pa.string())])))
    "List({'rule': Value('string'), 'text': Value('string')})"
    """
    import pyarrow as pa

    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return f"List({feature_repr(arrow_type.value_type)})"
    if pa.types.is_struct(arrow_type):
        fields = (arrow_type.field(i) for i in range(arrow_type.num_fields))
        return "{" + ", ".join(f"'{f.name}': {feature_repr(f.type)}" for f in fields) + "}"
    name = str(arrow_type)
    return f"Value('{_DTYPES.get(name, name)}')"


def _median(values: list[int]) -> float | int:
    ordered, middle = sorted(values), len(values) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _counts(table: pa.Table, column: str) -> dict[str, int]:
    counted = call("value_counts", table.column(column)).to_pylist()
    return {str(c["values"]): int(c["counts"]) for c in counted if c["values"] is not None}


def summarise_table(table: pa.Table, version: str, pin: str) -> dict[str, Any]:
    """Facts about a corpus version from its (verified) Arrow table, JSON-ready."""
    dates = call("drop_null", table.column("published_date"))
    years = call("value_counts", call("year", dates)).to_pylist() if len(dates) else []
    words = table.column("n_words").to_pylist()
    first = table.slice(0, 1).to_pylist()[0] if table.num_rows else None
    return {
        "version": version,
        "pin": pin,
        "fingerprint": pin.split("@", 1)[1],
        "rows": table.num_rows,
        "fields": {field.name: feature_repr(field.type) for field in table.schema},
        "outlets": dict(sorted(_counts(table, "outlet").items())),
        "years": {str(c["values"]): int(c["counts"]) for c in sorted(years, key=lambda c: c["values"])},
        "date_range": [call(f, dates).as_py().isoformat() for f in ("min", "max")] if len(dates) else None,
        "words": {"total": sum(words), "min": min(words), "median": _median(words), "max": max(words)}
        if words
        else None,
        "language": _counts(table, "language"),
        "language_score_min": call("min", table.column("language_score")).as_py() if table.num_rows else None,
        "preview": {"id": first["id"], "title": first["title"], "text": first["text"][:240]} if first else None,
    }
