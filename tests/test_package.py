# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The package as users get it: public names, vendoring, import cost and side effects."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import openresponses_min

PACKAGE = Path(openresponses_min.__file__).resolve().parent
REPO = PACKAGE.parent


def run_python(code: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_public_api() -> None:
    assert set(openresponses_min.__all__) == {
        "APIConnectionError",
        "APIError",
        "APIResponseError",
        "APIStatusError",
        "APITimeoutError",
        "AsyncClient",
        "AsyncItemPager",
        "AsyncResponsesConnection",
        "AsyncStream",
        "AsyncStreamManager",
        "AuthenticationError",
        "BadRequestError",
        "Client",
        "ConflictError",
        "DEFAULT_MAX_EVENT_SIZE",
        "Event",
        "ErrorResponse",
        "EventParseError",
        "FunctionArgumentsError",
        "FunctionCall",
        "FunctionTool",
        "InternalServerError",
        "ItemPager",
        "NotFoundError",
        "OpenAIError",
        "OpenResponsesError",
        "OutputParseError",
        "ParsedResponse",
        "PermissionDeniedError",
        "PreviousResponseNotFoundError",
        "RateLimitError",
        "Response",
        "ResponseAccumulator",
        "ResponseFailedError",
        "ResponseTooLargeError",
        "SSEDecoder",
        "SSEError",
        "ServerSentEvent",
        "ResponsesConnection",
        "Stream",
        "StreamManager",
        "StreamInterruptedError",
        "StreamTimeoutError",
        "Timeout",
        "UnknownEvent",
        "UnprocessableEntityError",
        "WebSocketClosedError",
        "__version__",
        "function_tool",
        "parse_event",
        "pydantic_function_tool",
    }
    for name in openresponses_min.__all__:
        assert hasattr(openresponses_min, name), name
    assert set(dir(openresponses_min)) >= set(openresponses_min.__all__)
    with pytest.raises(AttributeError):
        openresponses_min.no_such_name  # noqa: B018
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?", openresponses_min.__version__)
    assert (PACKAGE / "py.typed").is_file()


def test_every_module_says_its_role_and_licence() -> None:
    for module in PACKAGE.rglob("*.py"):
        where, source = module.relative_to(PACKAGE), module.read_text(encoding="utf-8")
        assert source.startswith("# SPDX-License-Identifier: MIT\n"), where
        assert ast.get_docstring(ast.parse(source)), f"{where} has no module docstring"


def test_only_relative_imports_inside_the_package() -> None:
    for module in PACKAGE.rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "openresponses_min" not in re.findall(r"^\s*(?:from|import) (\S+)", source, re.M)
        assert "importlib.metadata" not in source


def test_vendored_copy_under_another_name_works(tmp_path: Path) -> None:
    vendor = tmp_path / "myapp" / "_vendor"
    vendor.mkdir(parents=True)
    (tmp_path / "myapp" / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    shutil.copytree(PACKAGE, vendor / "sse_client", ignore=shutil.ignore_patterns("__pycache__"))
    out = run_python(
        "import sys\n"
        "from myapp._vendor import sse_client as m\n"
        "assert 'openresponses_min' not in sys.modules\n"
        "print(m.__version__, m.SSEDecoder().feed(b'data: hi\\n\\n')[0].data)\n"
        "event = m.parse_event({'type': 'response.completed', 'response': {'output': [\n"
        "    {'type': 'message', 'content': [{'type': 'output_text', 'text': 'ok'}]}]}})\n"
        "print(type(event).__name__, event.response.output[0].content[0].text)\n",
        cwd=tmp_path,
    )
    assert out.split() == [openresponses_min.__version__, "hi", "ResponseCompletedEvent", "ok"]


def test_import_is_cheap_and_has_no_side_effects(tmp_path: Path) -> None:
    out = run_python(
        "import logging, os, sys\n"
        "modules, environ = set(sys.modules), dict(os.environ)\n"
        "handlers = list(logging.root.handlers)\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "import openresponses_min\n"
        "new = set(sys.modules) - modules\n"
        "assert new == {'openresponses_min', 'openresponses_min._version'}, new\n"
        "from openresponses_min import SSEDecoder, parse_event\n"
        "new = set(sys.modules) - modules\n"
        "heavy = {'ssl', 'asyncio', 'http.server', 'http.client', 'socket', 'json', 'logging'}\n"
        "assert not heavy & new, heavy & new\n"
        "from openresponses_min import Client\n"
        "Client(api_key='k', base_url='http://127.0.0.1:1/v1')\n"
        "new = set(sys.modules) - modules\n"
        "assert not {'openresponses_min.mock', 'http.server', 'asyncio'} & new, new\n"
        "unneeded = {'dataclasses', 'inspect', 'ssl', 'openresponses_min._core.session',\n"
        "            'openresponses_min._wire.websocket', 'openresponses_min._model.structured',\n"
        "            'openresponses_min._core.stream', 'openresponses_min._core.lifecycle',\n"
        "            'openresponses_min._core.accumulate'}\n"
        "assert not unneeded & new, unneeded & new\n"
        "assert dict(os.environ) == environ and logging.root.handlers == handlers\n"
        "print('ok')\n",
        cwd=tmp_path,
    )
    assert out.strip() == "ok"


def test_no_eval_exec_or_pickle() -> None:
    """Nothing a server sends is ever evaluated or unpickled (see SECURITY.md)."""
    for module in PACKAGE.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile", "__import__"} or (
                    module == PACKAGE / "__init__.py" and node.func.id == "__import__"
                ), f"{module.relative_to(PACKAGE)}:{node.lineno}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not {"pickle", "marshal", "shelve"} & set(names), module.name


STREAM_ONCE = (
    "import socket, sys, threading\n"
    "listener = socket.create_server(('127.0.0.1', 0))\n"
    "def serve():\n"
    "    sock, _ = listener.accept()\n"
    "    sock.recv(65536)\n"
    '    body = b\'data: {"type": "response.completed", "response": {}}\\n\\n\'\n'
    "    sock.sendall(b'HTTP/1.1 200 OK\\r\\nContent-Type: text/event-stream\\r\\n'\n"
    "                 b'Content-Length: %d\\r\\n\\r\\n%s' % (len(body), body))\n"
    "    sock.close()\n"
    "threading.Thread(target=serve, daemon=True).start()\n"
    "url = 'http://127.0.0.1:%d/v1' % listener.getsockname()[1]\n"
)
"""A fresh interpreter's socket server, written here (the mock server would load
http.server itself), that answers one stream at ``url``."""


def test_the_async_streaming_path_loads_no_http_client_or_email(tmp_path: Path) -> None:
    out = run_python(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n{STREAM_ONCE}"
        "import asyncio\n"
        "from openresponses_min import AsyncClient\n"
        "async def main():\n"
        "    async with AsyncClient(base_url=url) as client:\n"
        "        stream = await client.responses.create(model='m', stream=True)\n"
        "        return [e.type async for e in stream]\n"
        "assert asyncio.run(main()) == ['response.completed']\n"
        "loaded = {'http.client', 'email', 'http.server', 'concurrent.futures.thread'}\n"
        "assert not loaded & set(sys.modules), loaded & set(sys.modules)\n"
        "print('ok')\n",
        cwd=tmp_path,
    )
    assert out.strip() == "ok"


def test_the_streaming_path_loads_no_http_client_email_or_ssl(tmp_path: Path) -> None:
    out = run_python(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n{STREAM_ONCE}"
        "from openresponses_min import Client\n"
        "with Client(base_url=url) as client:\n"
        "    events = list(client.responses.create(model='m', stream=True))\n"
        "assert [e.type for e in events] == ['response.completed'], events\n"
        "loaded = {'http.client', 'email', 'ssl', 'http.server', 'asyncio'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
        "print('ok')\n",
        cwd=tmp_path,
    )
    assert out.strip() == "ok"
