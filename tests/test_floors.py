"""The dependency floors: .ci/floors.py pins exactly pyproject's floors, and every dependency has one."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from .conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

SCRIPT = ROOT / ".ci" / "floors.py"


def _dependencies(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    deps: list[str] = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return deps


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


def _run(pyproject_dir: Path, out: Path) -> subprocess.CompletedProcess[str]:
    script = pyproject_dir / ".ci" / "floors.py"
    if pyproject_dir != ROOT:
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_bytes(SCRIPT.read_bytes())
    return subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True)


def test_every_runtime_dependency_has_a_floor() -> None:
    deps = _dependencies()
    assert len(deps) >= 10
    for dep in deps:
        name, sep, floor = dep.partition(">=")
        assert sep and name.strip() and floor.strip()[0].isdigit(), dep
        assert "==" not in dep, f"{dep}: a floor, not a pin"


def test_the_constraints_pin_exactly_the_floors(tmp_path: Path) -> None:
    out = tmp_path / "floors.txt"
    done = _run(ROOT, out)
    assert done.returncode == 0, done.stderr
    pins = dict(line.split("==") for line in out.read_text().splitlines())
    expected = {dep.partition(">=")[0].strip(): dep.partition(">=")[2].strip() for dep in _dependencies()}
    assert pins == expected
    assert {"datasets", "pyarrow", "huggingface_hub", "click", "numpy", "ijson"} <= pins.keys()


def test_the_installed_versions_meet_the_floors() -> None:
    for dep in _dependencies():
        name, _, floor = dep.partition(">=")
        assert _release(version(name.strip())) >= _release(floor.strip()), dep


@pytest.mark.parametrize("dep", ["rich", "rich<14", "rich==13.0.0"])
def test_a_dependency_without_a_floor_is_refused(tmp_path: Path, dep: str) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\ndependencies = ["click>=8.4.2", "{dep}"]\n', encoding="utf-8"
    )
    out = tmp_path / "floors.txt"
    done = _run(tmp_path, out)
    assert done.returncode != 0
    assert f"dependency {dep!r} has no floor" in done.stderr
    assert not out.exists()


def test_markers_and_extras_keep_the_floor(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["ray[data]>=2.9.0", "tomli>=1.1.0; python_version < \'3.11\'"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "floors.txt"
    assert _run(tmp_path, out).returncode == 0
    assert out.read_text() == "ray==2.9.0\ntomli==1.1.0\n"


@pytest.mark.skipif("VENEZUELA_CORPUS_FLOORS" not in os.environ, reason="only in the floor step of .ci/run")
def test_the_floor_step_runs_at_the_floors() -> None:
    pins = dict(line.split("==") for line in Path(os.environ["VENEZUELA_CORPUS_FLOORS"]).read_text().splitlines())
    assert {name: version(name) for name in pins} == pins
