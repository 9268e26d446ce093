# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The official SDK's own Responses programs, run against the mock server with only their
imports changed, as a user migrating would change them.

``programs(source)`` finds them in an openai-python source tree (its sdist, say):
``examples/responses/*.py``, ``examples/responses_input_tokens.py``, and the README's
Python snippets under the headings that use the Responses API. ``ported(code)`` changes
the imports and nothing else: ``from openai import OpenAI`` gives ``Client as OpenAI``
(``AsyncOpenAI`` likewise), ``import openai`` gives ``openresponses_min as openai``, a
type imported from ``openai.types...`` comes from ``openresponses_min.events``, and
``import httpx2`` (for its ``Timeout``) gives ``openresponses_min as httpx2``.
``run(path, base_url)`` runs one in a fresh interpreter.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

README_TOPICS = (
    "Usage", "Vision", "Async usage", "Streaming responses", "Nested params",
    "Handling errors", "Request IDs", "Retries", "Timeouts",
)  # fmt: skip
"""The README sections whose snippets call the Responses API (or show how errors,
retries and timeouts are handled around any call)."""

_RENAMED = {"OpenAI": "Client as OpenAI", "AsyncOpenAI": "AsyncClient as AsyncOpenAI"}
_SNIPPET_PRELUDE = "from openai import OpenAI, AsyncOpenAI\nclient = OpenAI()\n"
"""What a README snippet that uses ``client`` without making it takes from the Usage
section; a snippet with a top-level ``await`` is given an ``AsyncOpenAI`` client."""


def programs(source: Path) -> dict[str, str]:
    """Each program's name and code, in the order of the list above."""
    found: dict[str, str] = {}
    for path in sorted((source / "examples" / "responses").glob("*.py")):
        if path.name != "__init__.py":
            found[f"examples/responses/{path.name}"] = path.read_text(encoding="utf-8")
    tokens = source / "examples" / "responses_input_tokens.py"
    found["examples/responses_input_tokens.py"] = tokens.read_text(encoding="utf-8")
    readme = (source / "README.md").read_text(encoding="utf-8")
    for topic in README_TOPICS:
        for number, block in enumerate(_snippets(readme, topic), start=1):
            found[f"README {topic} #{number}"] = block
    return found


def _snippets(readme: str, topic: str) -> list[str]:
    """The Python blocks of one section (up to the next heading of any level) that call
    the Responses API, or all of them when none does (errors, retries and timeouts are
    shown around other endpoints' calls)."""
    lines = iter(readme.splitlines(keepends=True))
    for line in lines:
        if re.fullmatch(rf"#+ {re.escape(topic)}\n", line):
            break
    else:
        raise AssertionError(f"no section {topic!r} in the README")
    blocks: list[str] = []
    block: list[str] | None = None
    for line in lines:
        if block is None and line.startswith("#"):
            break  # the next heading
        if line.startswith("```"):
            if block is not None:
                blocks.append("".join(block))
                block = None
            elif line.strip() in ("```py", "```python"):
                block = []
        elif block is not None:
            block.append(line)
    return [block for block in blocks if "responses." in block] or blocks


def ported(code: str) -> str:
    """``code`` with its imports of ``openai`` (and ``httpx2``) changed, nothing else."""
    lines = code.splitlines(keepends=True)
    tree = ast.parse(code)
    for node in sorted(ast.walk(tree), key=lambda n: -getattr(n, "lineno", 0)):
        replacement = _import_for(node)
        if replacement is not None:
            start, end = node.lineno - 1, node.end_lineno or node.lineno
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            lines[start:end] = [indent + replacement + "\n"]
    return "".join(lines)


def _import_for(node: ast.AST) -> str | None:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        if names == ["openai"]:
            return "import openresponses_min as openai"
        if names == ["httpx2"]:
            return "import openresponses_min as httpx2"
        return None
    if not isinstance(node, ast.ImportFrom) or node.module is None:
        return None
    names = [alias.name if alias.asname is None else f"{alias.name} as {alias.asname}"
             for alias in node.names]  # fmt: skip
    if node.module in ("openai", "openai._client"):
        return f"from openresponses_min import {', '.join(_RENAMED.get(n, n) for n in names)}"
    if node.module.startswith("openai.types"):
        return f"from openresponses_min.events import {', '.join(names)}"
    return None


def prepared(code: str) -> str:
    """A README snippet as a program: with the Usage section's client when it uses one
    it does not make, run in an event loop when it awaits at the top level."""
    if "client" in code and "client =" not in code:
        code = _SNIPPET_PRELUDE + code
    if _awaits_at_top_level(code):
        body = code.replace("client = OpenAI()\n", "client = AsyncOpenAI()\n", 1)
        indented = "".join(f"    {line}" if line.strip() else line
                           for line in body.splitlines(keepends=True))  # fmt: skip
        code = f"import asyncio\n\nasync def main():\n{indented}\n\nasyncio.run(main())\n"
    return code


def _awaits_at_top_level(code: str) -> bool:
    try:
        compile(code, "<snippet>", "exec")
    except SyntaxError as exc:
        return "outside" in str(exc)
    return False


def run(path: Path, base_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one program against ``base_url`` with the package importable."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith("OPENAI_") and not key.endswith(("_PROXY", "_proxy"))
    }  # fmt: skip
    env.update(
        OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-test-programs",
        PYTHONPATH=os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")])),
        PYTHONWARNINGS="default", COLUMNS="100",
    )  # fmt: skip
    return subprocess.run(
        [sys.executable, str(path)], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
