"""One coercion for every public argument that names a file or folder.

Public functions accept ``str`` and any ``os.PathLike`` (``pathlib.Path`` and friends) and
turn it into a ``Path`` here, so each one behaves the same and fails with the same message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

StrPath = Union[str, "os.PathLike[str]"]
"""What a public function accepts where it takes a path."""


def as_path(value: StrPath, name: str) -> Path:
    """*value* as a ``Path``; a clear ``TypeError`` naming the argument *name* otherwise.

    >>> as_path("hub", "folder").name
    'hub'
    >>> as_path(3, "folder")
    Traceback (most recent call last):
    ...
    TypeError: folder must be a path (str or os.PathLike), not int: 3
    """
    if isinstance(value, Path):
        return value
    if isinstance(value, str):
        return Path(value)
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        if isinstance(path, str):
            return Path(path)
    raise TypeError(f"{name} must be a path (str or os.PathLike), not {type(value).__name__}: {value!r}")
