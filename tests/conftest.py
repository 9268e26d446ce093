# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Shared fixtures: recorded real streams and how to read them, chunking helpers, and a
client talking to the mock server with a clean environment and recorded retry waits:
``make_client`` and ``client`` are the sync ``Client`` and the ``AsyncClient`` (behind
``twin.AsyncTwin``) in turn, so that every test that takes one runs on both."""

from __future__ import annotations

import json
import os
import random
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loopback import LoopbackCA, make_ca
from twin import AsyncTwin

from openresponses_min import AsyncClient, Client, SSEDecoder, Stream, Timeout
from openresponses_min._model.typed import JSONObject
from openresponses_min.mock import MockServer

CAPTURES_ENV = "OPENRESPONSES_CAPTURES"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--captures",
        default=None,
        help=f"folder of recorded .sse streams (default: ${CAPTURES_ENV}); tests skip without it",
    )


@pytest.fixture(scope="session")
def captures(request: pytest.FixtureRequest) -> list[Path]:
    folder = request.config.getoption("--captures") or os.environ.get(CAPTURES_ENV)
    if not folder:
        pytest.skip(f"no captures: pass --captures DIR or set {CAPTURES_ENV}")
    files = sorted(Path(folder).glob("*.sse"))
    if not files:
        pytest.skip(f"no .sse files in {folder}")
    return files


def chunkings(data: bytes, seed: int = 0, random_splits: int = 20) -> Iterator[list[bytes]]:
    """Many ways the network could deliver ``data``; every one must decode the same.

    Whole, byte by byte, every two-way split (for short inputs), seeded random
    splits, and the same with empty chunks interleaved.
    """
    yield [data]
    yield [data[i : i + 1] for i in range(len(data))]
    if len(data) <= 200:
        for cut in range(len(data) + 1):
            yield [data[:cut], data[cut:]]
    rng = random.Random(seed)
    for _ in range(random_splits):
        pieces: list[bytes] = []
        i = 0
        while i < len(data):
            n = rng.choice((1, 2, 3, rng.randint(1, 16), rng.randint(1, 512)))
            pieces.append(data[i : i + n])
            i += n
        yield pieces
        yield [p for piece in pieces for p in (b"", piece, b"")]


def capture_payloads(path: Path) -> list[dict[str, Any]]:
    """The JSON payloads of a recorded stream, in order, without ``[DONE]``."""
    decoder = SSEDecoder()
    events = decoder.feed(path.read_bytes())
    decoder.close()
    return [json.loads(event.data) for event in events if event.data != "[DONE]"]


# --- the client against the mock server ------------------------------------------------------

KEY = "sk-test-SENTINEL-4f1b9c2e"
ENVIRONMENT = [
    "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    *(f"{n}_{s}" for n in ("HTTP", "HTTPS", "ALL", "NO") for s in ("PROXY", "proxy")),
]  # fmt: skip
LOOPBACK = Timeout(connect=10.0, read=30.0)
"""For tests that expect no timeout: long enough that a loaded machine cannot lose the race."""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry and resume waits, of both clients, recorded instead of slept."""
    recorded: list[float] = []

    async def record(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(Client, "_sleep", staticmethod(recorded.append))
    monkeypatch.setattr(AsyncClient, "_sleep", staticmethod(record))
    return recorded


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as mock:
        yield mock


MakeClient = Callable[..., Client]
"""Makes a ``Client``, or an ``AsyncTwin`` that acts as one, with ``Client``'s arguments."""


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest) -> Iterator[MakeClient]:
    """``Client``, or ``AsyncClient`` behind its blocking surface: a test that takes this
    runs against both. Whatever it made is closed at the end."""
    made: list[Any] = []

    def make(*args: Any, **kwargs: Any) -> Any:
        client = Client(*args, **kwargs) if request.param == "sync" else AsyncTwin(*args, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(server: MockServer, waits: list[float], make_client: MakeClient) -> Iterator[Client]:
    with make_client(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as made:
        yield made


NO_READ_TIMEOUT = Timeout(connect=10.0, read=None)
"""For stall tests: no timeout until ``time_out_at_the_stall`` sets a short one."""


def time_out_at_the_stall(stream: Stream, server: MockServer, seconds: float = 0.05) -> None:
    """Give ``stream`` a short read timeout once the server has written everything it
    sends before its stall: the only silence the timeout can then see is the stall
    itself, however loaded the machine. (A client-wide short timeout would race the
    server for every byte before it.) The stream must have been made with
    ``NO_READ_TIMEOUT``; a resumed connection has the client's timeout again."""
    assert server.stalled.wait(30), "the server never stalled"
    connection = stream._connection
    assert connection is not None, "the stream has no connection to time out"
    read = connection.read

    def read_briefly(timeout: float | None, deadline: float | None) -> Any:
        return read(seconds, deadline)  # the async one's coroutine, awaited as it would be

    connection.read = read_briefly  # type: ignore[method-assign]


def assert_backoff(waits: list[float], count: int) -> None:
    """``waits`` are ``count`` retry waits, each the backoff of its attempt less jitter."""
    assert len(waits) == count, waits
    for attempt, wait in enumerate(waits):
        backoff = min(0.5 * 2**attempt, 8.0)
        assert 0.75 * backoff <= wait <= backoff, (attempt, waits)


def texts_of(value: Any, depth: int = 0) -> Iterator[str]:
    """Every text ``value`` can show: for an exception its message, ``repr``, what a
    traceback prints of it and of every exception chained to it, and every attribute,
    recursively. (Not the source lines a traceback quotes: those are the caller's.)"""
    if depth > 20:
        return
    if isinstance(value, BaseException):
        yield repr(value)
        for link in chain(value):
            yield "".join(traceback.format_exception_only(type(link), link))
        for attribute in vars(value).values():
            yield from texts_of(attribute, depth + 1)
    elif isinstance(value, JSONObject):
        yield repr(value)
        yield json.dumps(value.to_dict(), ensure_ascii=False)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from texts_of(item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts_of(item, depth + 1)
    else:
        yield str(value)
        yield repr(value)


def chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and the exceptions a traceback would show with it."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)


def assert_hidden(secret: str, *values: Any) -> None:
    """``secret`` appears in no text of ``values`` (see ``texts_of``)."""
    for value in values:
        for text in texts_of(value):
            assert secret not in text, text[:500]


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> LoopbackCA:
    """A throwaway certificate authority and a server certificate it signed."""
    made = make_ca(tmp_path_factory.mktemp("ca"))
    if made is None:
        pytest.skip("the openssl command is not installed")
    return made
