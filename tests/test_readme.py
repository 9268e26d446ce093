# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What README.md shows, run as written: every Python snippet (against the mock
server), the test command on a Python without pytest and without a package index,
and the AWS Lambda layer recipe, imported from a read-only folder."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from openresponses_min.mock import MockServer

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.M | re.S)


SNIPPETS = blocks("python")


def clean_environment(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_PROXY", "_proxy"))}
    keep.pop("OPENAI_BASE_URL", None)
    return {**keep, **extra}


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where a reader runs the snippets: with the package vendored as the README's
    vendoring snippet assumes."""
    folder = tmp_path_factory.mktemp("reader")
    vendor = folder / "myapp" / "_vendor"
    vendor.mkdir(parents=True)
    for package in (folder / "myapp", vendor):
        (package / "__init__.py").write_text("")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "openresponses_min", vendor / "openresponses_min", ignore=ignore)
    yield folder


def test_the_readme_has_python_snippets() -> None:
    assert len(SNIPPETS) >= 8


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"snippet{n}" for n in range(len(SNIPPETS))])
def test_every_python_snippet_runs_as_written(code: str, reader_folder: Path) -> None:
    with MockServer() as server:
        env = clean_environment(
            PYTHONPATH=str(REPO),
            OPENAI_API_KEY="sk-readme",
            OPENAI_BASE_URL=server.base_url,
            AI_GATEWAY_API_KEY="vck-readme",
        )
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=reader_folder, env=env, stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 0, f"{code}\n---\n{done.stderr}"


def test_the_test_command_without_pytest_or_a_package_index_says_how_in_one_line(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "clone"
    (copy / "tests").mkdir(parents=True)
    shutil.copy(REPO / "tests" / "run.py", copy / "tests" / "run.py")
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    bare = tmp_path / "bare"  # a Python without pytest
    venv.create(bare, with_pip=False)
    python = bare / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = clean_environment(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull, PIP_FIND_LINKS="")
    done = subprocess.run(
        [str(python), "tests/run.py"], cwd=copy, env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    note, message = done.stderr.splitlines()
    assert note == "the tests' requirements are not installed here: making .venv with them, once"
    assert message.startswith("could not install the test extra into .venv (pip failed")
    assert 'pip install -e ".[test]"' in message


def test_the_test_command_wants_the_whole_test_extra_not_only_pytest() -> None:
    """A Python with pytest but without an oracle (h11, say) is not enough: the tests of
    that oracle would fail to import or skip."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        import run
    finally:
        sys.path.remove(str(REPO / "tests"))
    assert run.has_all(sys.executable, run.requirements())
    assert not run.has_all(sys.executable, ["pytest", "no_such_oracle_here"])
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())
    extra = declared["project"]["optional-dependencies"]["test"]
    assert run.requirements() == [name.replace("-", "_") for name in extra]


def test_the_lambda_recipe_ships_bytecode_that_a_read_only_layer_uses(tmp_path: Path) -> None:
    """The README's layer commands, but for the upload, with this Python; then the zip
    unpacked read-only, as /opt is, and imported with ``python -I -B``: nothing of the
    package may be compiled there."""
    [recipe] = [block for block in blocks("sh") if "publish-layer-version" in block]
    commands = recipe.split("aws lambda", 1)[0].replace("python3 ", f"{sys.executable} ")
    work = tmp_path / "build"
    shutil.copytree(REPO / "openresponses_min", work / "openresponses_min",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    subprocess.run(["sh", "-ec", commands], cwd=work, check=True, timeout=120)
    opt = tmp_path / "opt"
    shutil.unpack_archive(work / "openresponses-min-layer.zip", opt, "zip")
    pycs = list((opt / "python" / "openresponses_min").rglob("__pycache__/*.pyc"))
    assert pycs, "the layer has no bytecode"
    for pyc in pycs:
        assert pyc.read_bytes()[4:8] == b"\x01\x00\x00\x00", f"{pyc.name}: not unchecked-hash"
    for path in opt.rglob("*"):
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    probe = f"""
import importlib._bootstrap_external as external, sys
compiled = []
to_code = external.SourceLoader.source_to_code
def spy(self, data, path, *args, **kwargs):
    compiled.append(path)
    return to_code(self, data, path, *args, **kwargs)
external.SourceLoader.source_to_code = spy
sys.path.insert(0, {str(opt / "python")!r})
from openresponses_min import Client, parse_event
Client(api_key="k", base_url="http://127.0.0.1:1/v1")
parse_event({{"type": "response.created", "response": {{}}}})
import openresponses_min.cli, openresponses_min.mock
ours = [path for path in compiled if "openresponses_min" in path]
assert not ours, ours
print(sys.modules["openresponses_min"].__file__)
"""
    try:
        done = subprocess.run([sys.executable, "-I", "-B", "-c", probe], capture_output=True,
                              text=True, timeout=60)  # fmt: skip
    finally:
        for path in opt.rglob("*"):
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(opt))


def test_the_tests_security_md_names_exist() -> None:
    """SECURITY.md names the tests that hold each promise: each must exist."""
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    defined = {
        name
        for path in (REPO / "tests").glob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    named = set(re.findall(r"\b(test_\w+)\b(?!\.py)", text))
    assert named and not named - defined, sorted(named - defined)
    files = set(re.findall(r"`?(tests/\w+\.py|test_\w+\.py)", text))
    for file in files:
        assert (REPO / "tests" / Path(file).name).is_file(), file
