"""Every write of the package goes through venezuela_corpus/atomic.py (read from the source).

A module may write a file only at a path ``atomic_path()`` or ``stage()`` gave it in the same
function, or by calling atomic's own functions; renames happen in atomic.py alone.
"""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "venezuela_corpus"
GIVERS = {"atomic_path", "stage"}
"""atomic.py's functions that hand out a temporary path to write."""
WRITE_METHODS = {"write_bytes", "write_text", "touch", "symlink_to", "hardlink_to"}
RENAMES = {("os", "replace"), ("os", "rename"), ("os", "renames"), ("shutil", "move")}
RENAMES |= {("shutil", name) for name in ("copy", "copy2", "copyfile", "copytree")}


def _callee(node: ast.Call) -> tuple[str | None, str]:
    func = node.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return owner, func.attr
    return None, func.id if isinstance(func, ast.Name) else ""


def _mode(node: ast.Call, position: int) -> str:
    mode = next((k.value for k in node.keywords if k.arg == "mode"), None)
    if mode is None and len(node.args) > position:
        mode = node.args[position]
    return mode.value if isinstance(mode, ast.Constant) and isinstance(mode.value, str) else "r"


def _given(func: ast.AST) -> set[str]:
    """Names bound in *func* to a path from atomic_path() or stage()."""
    names: set[str] = set()
    for node in ast.walk(func):
        pairs: list[tuple[ast.AST | None, ast.AST]] = []
        if isinstance(node, ast.With):
            pairs = [(item.optional_vars, item.context_expr) for item in node.items]
        elif isinstance(node, ast.Assign):
            pairs = [(target, node.value) for target in node.targets]
        for target, value in pairs:
            calls = [c for c in ast.walk(value) if isinstance(c, ast.Call) and _callee(c)[1] in GIVERS]
            if calls and isinstance(target, ast.Name):
                names.add(target.id)
    return names


def _written(node: ast.Call) -> ast.AST | bool | None:
    """The path a call writes to, ``True`` for a rename (never allowed), ``None`` for no write."""
    owner, name = _callee(node)
    args, code = node.args, ast.unparse(node)
    receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
    first: ast.AST | bool = args[0] if args else True
    writes = {i: bool(set(_mode(node, i)) & set("wxa+")) for i in (0, 1)}  # the mode's position: 0 or 1
    one_path = receiver is not None and len(args) == 1 and not node.keywords  # not str.replace(a, b), not dataclasses'
    if (owner, name) in RENAMES or name == "rename" or (name == "replace" and one_path):
        return True
    cases = [
        (receiver is not None and name in WRITE_METHODS, receiver),
        (receiver is not None and name == "open" and owner != "os" and writes[0], receiver),
        (receiver is None and name == "open" and writes[1], first),
        (name == "ParquetWriter", first),
        ((owner, name) == ("pq", "write_table"), args[1] if len(args) > 1 else True),
        ((owner, name) == ("os", "open") and "O_RDONLY" not in code and "os.devnull" not in code, first),
    ]
    return next((path for hit, path in cases if hit), None)


class _Scan(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where = where
        self.given: list[set[str]] = [set()]
        self.found: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.given.append(_given(node))
        self.generic_visit(node)
        self.given.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 - ast.NodeVisitor's name

    def visit_Call(self, node: ast.Call) -> None:
        target = _written(node)
        if target is True or (
            target is not None and not (isinstance(target, ast.Name) and target.id in self.given[-1])
        ):
            self.found.append(f"{self.where}:{node.lineno}: {ast.unparse(node)}")
        self.generic_visit(node)


def writes_outside_atomic(source: str, where: str) -> list[str]:
    """Every write in *source* that does not go through atomic.py, as ``where:line: code``."""
    scan = _Scan(where)
    scan.visit(ast.parse(source))
    return scan.found


def test_no_module_writes_outside_atomic() -> None:
    found = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "atomic.py"
        for hit in writes_outside_atomic(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


@pytest.mark.parametrize(
    "code",
    [
        "def f(p): p.write_bytes(b'x')",
        "def f(p): p.write_text('x')",
        "def f(p): p.open('w')",
        "def f(p): p.open(mode='ab')",
        "def f(p): open(p, 'wb')",
        "def f(a, b): a.replace(b)",
        "def f(a, b): a.rename(b)",
        "def f(a, b): os.replace(a, b)",
        "def f(a, b): shutil.move(a, b)",
        "def f(p, s): pq.ParquetWriter(p, s)",
        "def f(t, p): pq.write_table(t, p)",
        "def f(p): os.open(p, os.O_WRONLY | os.O_CREAT)",
        "def f(p):\n    with atomic_path(p) as tmp:\n        pass\n    p.write_bytes(b'x')",
        "def f(p):\n    with atomic_path(p) as tmp:\n        tmp.replace(p)",
        "p.write_bytes(b'x')",
    ],
)
def test_the_check_finds_a_write(code: str) -> None:
    assert len(writes_outside_atomic(code, "m.py")) == 1, code


@pytest.mark.parametrize(
    "code",
    [
        "def f(p):\n    with atomic_path(p) as tmp:\n        tmp.write_bytes(b'x')",
        "def f(p, s):\n    with atomic_path(p) as tmp, pq.ParquetWriter(tmp, s) as w:\n        pass",
        "def f(p):\n    tmp = stage(p, b'x')\n    tmp.open('ab')",
        "def f(p):\n    write_bytes(p, b'x')\n    with atomic_open(p) as fh:\n        fh.write(b'x')",
        "def f(p): return p.open('rb'), open(p), p.read_bytes(), os.open(p, os.O_RDONLY)",
        "def f(): os.open(os.devnull, os.O_WRONLY)",
        "def f(s): return s.replace('a', 'b'), s.replace(old, new), replace(p, where=w), p.replace(where=w)",
    ],
)
def test_the_check_allows_atomic_writes_and_reads(code: str) -> None:
    assert writes_outside_atomic(code, "m.py") == [], code
