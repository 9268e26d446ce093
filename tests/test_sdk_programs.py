# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Programs written for the official SDK, run against the mock server with only their
imports changed (``sdk_programs.ported``).

Ours, in ``tests/programs/``, always run: each is written as an SDK user writes, with
the SDK's names, and imports this package under them. The SDK's own (its Responses
examples and README snippets) run when ``$OPENAI_PYTHON_SOURCE`` names an openai-python
source tree and pydantic and rich (which they import) are installed, as CI arranges;
those that call endpoints this package does not have are expected to fail there, and
only there.
"""

from __future__ import annotations

import base64
import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sdk_programs import ported, prepared, programs, run

from openresponses_min.mock import MockServer

OURS = sorted((Path(__file__).parent / "programs").glob("*.py"))
SOURCE = os.environ.get("OPENAI_PYTHON_SOURCE")
THEIRS = programs(Path(SOURCE)) if SOURCE else {}
OTHER_ENDPOINTS = {
    "README Handling errors #1": "fine_tuning",
    "README Retries #1": "chat",
    "README Timeouts #1": "chat",
}
"""The SDK's snippets that show error handling, retries and timeouts around calls of
endpoints other than Responses: they fail at that attribute, and nowhere else."""
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(background_time=0.5) as mock:
        yield mock


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where a program runs: with the image the README's vision snippet reads."""
    (tmp_path / "path" / "to").mkdir(parents=True)
    (tmp_path / "path" / "to" / "image.png").write_bytes(PIXEL)
    return tmp_path


@pytest.mark.parametrize("program", OURS, ids=[path.stem for path in OURS])
def test_our_sdk_style_programs_run(program: Path, server: MockServer, folder: Path) -> None:
    result = run(program, server.base_url, folder)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_we_keep_programs_of_our_own() -> None:
    assert len(OURS) >= 10


@pytest.mark.skipif(not SOURCE, reason="$OPENAI_PYTHON_SOURCE names no openai-python source")
@pytest.mark.parametrize("name", sorted(THEIRS))
def test_the_sdk_programs_run_with_only_their_imports_changed(
    name: str, server: MockServer, folder: Path
) -> None:
    for needed in ("pydantic", "rich"):
        if importlib.util.find_spec(needed) is None:
            pytest.fail(f"the SDK's programs import {needed}: install it")
    code = ported(THEIRS[name])
    program = folder / "program.py"
    program.write_text(prepared(code) if name.startswith("README") else code, encoding="utf-8")
    result = run(program, server.base_url, folder)
    if name in OTHER_ENDPOINTS:
        assert result.returncode != 0
        assert f"has no attribute '{OTHER_ENDPOINTS[name]}'" in result.stderr
    else:
        assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not SOURCE, reason="$OPENAI_PYTHON_SOURCE names no openai-python source")
def test_the_sdk_programs_are_those_counted() -> None:
    """Twelve example programs and nine README sections, whose eleven snippets (Vision
    and Streaming have two each) run one by one."""
    examples = [name for name in THEIRS if name.startswith("examples/")]
    sections = {name.rsplit(" #", 1)[0] for name in THEIRS if name.startswith("README")}
    assert (len(examples), len(sections), len(THEIRS)) == (12, 9, 23), sorted(THEIRS)
