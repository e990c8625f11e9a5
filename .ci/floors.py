"""Write a pip constraints file that pins every runtime dependency to its floor in pyproject.toml.

    python .ci/floors.py OUT.txt        # then: pip install -c OUT.txt ".[test]"

A floor is the version after ``>=`` in ``[project] dependencies``; every dependency must have
one, and it must be a released version (``==`` matches it exactly: ``3.2`` would not match a
``3.2.0.post0``). The test extras are not pinned: they resolve to what fits the floors.
Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_NAME = r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?"  # extras dropped
_FLOOR = re.compile(_NAME + r"\s*>=\s*(?P<floor>[0-9][^,;\s]*)\s*(?:[,;].*)?")  # then other bounds, markers


def floors(pyproject: Path = PYPROJECT) -> dict[str, str]:
    """``{name: floor}`` of every runtime dependency, in pyproject's order.

    Raises:
        ValueError: naming a dependency that has no ``>=`` floor.

    """
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    found: dict[str, str] = {}
    for dep in deps:
        match = _FLOOR.fullmatch(dep.strip())
        if not match:
            raise ValueError(f"{pyproject.name}: dependency {dep!r} has no floor (write it as NAME>=VERSION)")
        found[match["name"]] = match["floor"]
    return found


def constraints(pins: dict[str, str]) -> str:
    """The constraints file's text: one ``name==floor`` a line."""
    return "".join(f"{name}=={floor}\n" for name, floor in pins.items())


def main(argv: list[str]) -> int:
    """Write the constraints file named by the one argument; 1 if a dependency has no floor."""
    if len(argv) != 1:
        print("usage: python .ci/floors.py OUT.txt", file=sys.stderr)
        return 2
    try:
        text = constraints(floors())
    except ValueError as exc:
        print(f"floors.py: {exc}", file=sys.stderr)
        return 1
    Path(argv[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
