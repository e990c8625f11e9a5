"""A plain summary of a loaded corpus: what ``venezuela-corpus info`` prints."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datasets


def summarise(ds: datasets.Dataset, pin: str) -> dict[str, Any]:
    """Facts about a loaded corpus, JSON-ready."""
    dates = sorted(d.isoformat() for d in ds["published_date"] if d is not None)
    words = ds["n_words"]
    scores = ds["language_score"]
    first = ds[0] if ds.num_rows else None
    return {
        "version": ds.info.version.version_str if ds.info.version else None,
        "pin": pin,
        "fingerprint": pin.split("@", 1)[1],
        "rows": ds.num_rows,
        "fields": {name: str(feature) for name, feature in ds.features.items()},
        "outlets": dict(sorted(Counter(ds["outlet"]).items())),
        "years": dict(sorted(Counter(d[:4] for d in dates).items())),
        "date_range": [dates[0], dates[-1]] if dates else None,
        "words": {"total": sum(words), "min": min(words), "median": statistics.median(words), "max": max(words)}
        if words
        else None,
        "language": dict(Counter(ds["language"])),
        "language_score_min": min(scores) if scores else None,
        "preview": {"id": first["id"], "title": first["title"], "text": first["text"][:240]} if first else None,
    }
