"""How the command prints: tables for a terminal, plain complete lines for everything else.

On a terminal, tables are drawn by ``rich`` and long cells wrap (never an ellipsis). When
standard output is a pipe or a file, every row is one plain line, columns aligned and
nothing cut, so ``grep`` and ``cut`` see the whole value. A reader that goes away (``| head``)
is not an error: the command stops quietly with exit status 0.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

GAP = "  "


def on_terminal(err: bool = False) -> bool:
    """Whether standard output (standard error with *err*) is a terminal."""
    try:
        return (sys.stderr if err else sys.stdout).isatty()
    except ValueError:  # closed
        return False


def silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail.

    What the Python documentation advises after a ``BrokenPipeError`` on ``sys.stdout``.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


def plain_table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The table as plain text: the title, then aligned columns, complete cells, one line a row.

    >>> print(plain_table("t", ["a", "b"], [["x", "https://example.com/a/very/long/path"], ["yy", 2]]))
    t
    a   b
    x   https://example.com/a/very/long/path
    yy  2
    """
    cells = [[" ".join(str(c).splitlines()) for c in row] for row in [list(header), *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [GAP.join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join([title, *lines])


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], err: bool = False) -> None:
    """Print a table (on standard error with *err*): drawn by ``rich`` on a terminal, else plain lines."""
    if not on_terminal(err):
        click.echo(plain_table(title, header, rows), err=err)
        return
    from rich.console import Console
    from rich.table import Table

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich's own exits with status 1
            raise BrokenPipeError

    drawn = Table(title=title)
    for name in header:
        drawn.add_column(name, overflow="fold")
    for row in rows:
        drawn.add_row(*(str(c) for c in row))
    _Console(soft_wrap=False, stderr=err).print(drawn)
