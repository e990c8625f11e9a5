"""Arrow's compute functions called by name, without importing ``pyarrow.compute``.

``import pyarrow.compute`` makes a Python wrapper, with its docstring (and ``pydoc``), for
each of Arrow's several hundred functions: more time than ``info``, ``show`` or ``diff``
spend on anything else of their own. Those wrappers call ``call_function`` of the
compiled module ``pyarrow._compute`` with the function's options (its defaults when none
are given); :func:`call` does the same. Methods such as ``Array.cast`` or ``Array.is_null``
import ``pyarrow.compute`` themselves: :func:`cast` and ``call("is_null", ...)`` instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


def call(name: str, *args: Any, options: Any = None) -> Any:
    """Arrow's compute function *name* on *args* (arrays, chunked arrays or scalars).

    >>> import pyarrow as pa
    >>> call("add", pa.array([1, 2], pa.int8()), pa.array([3, 4], pa.int8())).to_pylist()
    [4, 6]
    """
    from pyarrow._compute import call_function

    return call_function(name, list(args), options)


def cast(values: Any, target: pa.DataType) -> Any:
    """``values.cast(target)`` (a safe cast), by name.

    >>> import pyarrow as pa
    >>> cast(pa.array([1, None], pa.int64()), pa.string()).to_pylist()
    ['1', None]
    """
    from pyarrow._compute import CastOptions

    return call("cast", values, options=CastOptions.safe(target))


def starts_with(values: Any, prefix: str) -> Any:
    """Whether each string of *values* starts with *prefix* (``pc.starts_with``)."""
    from pyarrow._compute import MatchSubstringOptions

    return call("starts_with", values, options=MatchSubstringOptions(prefix))
