# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: a tool loop in WebSocket mode against the same over HTTP, ours and the
official SDK's.

The mock server runs in its own process (``python -m openresponses_min.mock``). A
conversation is TURNS turns of an agent's tool loop: the first asks with a function
tool that must be called (``tool_choice="required"``), and each next one sends only the
call's output, continuing the one before by ``previous_response_id``; the mock answers
every turn with the next call (8 events), as an agent's many short turns go. Every
event is read. A conversation's time includes opening the WebSocket (or, over HTTP,
the kept-alive client's first connection), so that WebSocket mode is charged for its
upgrade. Measured, in the same run, median over rotating runs:
  per turn      the conversation's time over its turns (ms)
  events/s      all its events over its time
The floor is the server's own pace: a bare socket and our framing, typing no event.
Each conversation is checked: every turn ends ``response.completed`` with a function
call and continues the one before; a wrong one of ours fails the run.

    python benchmarks/bench_websocket.py            # full run (about a minute)
    python benchmarks/bench_websocket.py --quick    # smoke run, figures meaningless
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

TOOL = {
    "type": "function",
    "name": "lookup",
    "description": "Look a fact up.",
    "parameters": {"type": "object", "properties": {"query": {"type": "string"}},
                   "required": ["query"], "additionalProperties": False},
    "strict": True,
}  # fmt: skip
PARAMS = {"model": "m", "tools": [TOOL], "tool_choice": "required"}

Turn = Callable[[Any, "str | None"], tuple[int, Any]]
"""One turn: send ``input`` continuing ``previous``; (events read, the final response)."""
Conversation = Callable[[int], list[tuple[int, Any]]]
"""``turns`` turns on a new connection; each turn's (events, response)."""


def conversation(opened: Callable[[], Any], turn: Callable[[Any], Turn]) -> Conversation:
    """A tool loop on what ``opened()`` gives (closed after), turn by turn: each turn
    sends the output of the call the last one made."""

    def converse(turns: int) -> list[tuple[int, Any]]:
        with opened() as connection:
            ask = turn(connection)
            results: list[tuple[int, Any]] = []
            previous, given = None, "What is the capital of France?"
            for number in range(turns):
                results.append(ask(given, previous))
                response = results[-1][1]
                previous = response.id
                call = next(item for item in response.output if item.type == "function_call")
                given = [{"type": "function_call_output", "call_id": call.call_id,
                          "output": f"result {number}"}]  # fmt: skip
            return results

    return converse


def counted(events: Iterable[Any]) -> tuple[int, Any]:
    """Read ``events`` to the terminal one: how many, and its response."""
    count = 0
    for event in events:
        count += 1
        if event.type in ("response.completed", "response.failed", "response.incomplete"):
            return count, event.response
    raise RuntimeError(f"the stream ended after {count} events without a terminal one")


def continuing(previous: str | None) -> dict[str, str]:
    return {} if previous is None else {"previous_response_id": previous}


@contextlib.contextmanager
def connected(make_client: Callable[[], Any]) -> Iterator[Any]:
    """A new client's WebSocket; both closed at the end of the conversation."""
    with make_client() as client, client.responses.connect() as conn:
        yield conn


def over_http(client: Any) -> Turn:
    """Turns on a kept-alive client, ours or the SDK's (the same call)."""

    def ask(text: Any, previous: str | None) -> tuple[int, Any]:
        stream = client.responses.create(input=text, stream=True, **PARAMS, **continuing(previous))
        with stream:
            return counted(stream)

    return ask


def ours(url: str) -> dict[str, Conversation]:
    from openresponses_min import Client

    def client() -> Client:
        return Client(api_key="sk-bench", base_url=url, max_retries=0)

    def over_websocket(conn: Any) -> Turn:
        def ask(text: Any, previous: str | None) -> tuple[int, Any]:
            return counted(conn.create(input=text, **PARAMS, **continuing(previous)))

        return ask

    return {
        "ours, WebSocket": conversation(lambda: connected(client), over_websocket),
        "ours, HTTP": conversation(client, over_http),
    }


def sdk(url: str) -> dict[str, Conversation]:
    try:
        import openai
    except ImportError:
        print("peer openai not installed: pip install -r benchmarks/requirements.txt")
        return {}

    def client() -> Any:
        return openai.OpenAI(api_key="sk-bench", base_url=url, max_retries=0)

    def over_websocket(conn: Any) -> Turn:
        def ask(text: Any, previous: str | None) -> tuple[int, Any]:
            conn.response.create(input=text, **PARAMS, **continuing(previous))
            return counted(conn)

        return ask

    name = f"openai {openai.__version__}"
    return {
        f"{name}, WebSocket": conversation(lambda: connected(client), over_websocket),
        f"{name}, HTTP": conversation(client, over_http),
    }


def floor(url: str) -> dict[str, Conversation]:
    """The server's own pace: a bare socket, framed by our sans-I/O protocol, reading
    each turn's messages as text and parsing only the last (no events typed, no
    response rebuilt): a floor no client that types every event reaches."""
    import socket
    from urllib.parse import urlsplit

    from openresponses_min import Response
    from openresponses_min._wire.websocket import Handshake, Message, WebSocket

    parts = urlsplit(url)

    @contextlib.contextmanager
    def opened() -> Iterator[tuple[socket.socket, WebSocket]]:
        handshake = Handshake()
        head = {"Host": parts.netloc, "Authorization": "Bearer sk-bench", **handshake.headers}
        request = f"GET {parts.path}/responses HTTP/1.1\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in head.items()
        )
        with socket.create_connection((parts.hostname, parts.port)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.sendall(request.encode() + b"\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += sock.recv(65536)
            protocol = WebSocket()
            if early := answer.split(b"\r\n\r\n", 1)[1]:  # b"" would say the connection ended
                protocol.receive(early)
            yield sock, protocol

    def bare(connection: tuple[socket.socket, WebSocket]) -> Turn:
        sock, protocol = connection

        def ask(given: Any, previous: str | None) -> tuple[int, Any]:
            create = {"type": "response.create", "input": given, **PARAMS}
            sock.sendall(protocol.send_text(json.dumps({**create, **continuing(previous)})))
            count = 0
            while True:
                event = protocol.next_event()
                if event is None:
                    protocol.receive(sock.recv(65536))
                elif isinstance(event, Message) and isinstance(event.data, str):
                    count += 1
                    if event.data.startswith('{"type": "response.completed"'):
                        return count, Response.from_dict(json.loads(event.data)["response"])

        return ask

    return {"floor: bare socket, no typing": conversation(opened, bare)}


def wrongs(name: str, results: list[tuple[int, Any]]) -> list[str]:
    """What is wrong with a conversation: a turn that did not call or continue."""
    found = []
    previous = None
    for number, (events, response) in enumerate(results, 1):
        calls = [item for item in response.output if item.type == "function_call"]
        if response.status != "completed" or len(calls) != 1:
            found.append(f"{name}: turn {number} ended {response.status} after {events} events")
        if response.previous_response_id != previous:
            found.append(f"{name}: turn {number} continued {response.previous_response_id}")
        previous = response.id
    return found


def report(url: str, turns: int, repeats: int) -> int:
    print(f"Python {sys.version.split()[0]} on {sys.platform}; mock server in its own process")
    contestants = {**ours(url), **sdk(url), **floor(url)}
    names = list(contestants)
    times: dict[str, list[float]] = {name: [] for name in names}
    events: dict[str, int] = {}
    wrong: list[str] = []
    for name in names:  # warm-up: lazy imports, caches
        contestants[name](2)
    for rep in range(repeats):
        for name in names[rep % len(names) :] + names[: rep % len(names)]:
            start = time.perf_counter()
            results = contestants[name](turns)
            times[name].append(time.perf_counter() - start)
            events[name] = sum(count for count, _ in results)
            wrong += wrongs(name, results)
    seconds = {name: statistics.median(t) for name, t in times.items()}
    print(f"\nA tool loop of {turns} turns, each sending a call's output and continuing "
          f"by previous_response_id, connecting included, median of {repeats}:\n")  # fmt: skip
    print("| client | per turn (ms) | events/s | it / ours, WebSocket |")
    print("|---|---:|---:|---:|")
    for name in names:
        per_turn = seconds[name] / turns
        rate = events[name] / seconds[name]
        ratio = seconds[name] / seconds["ours, WebSocket"]
        print(f"| {name} | {per_turn * 1e3:.2f} | {rate:,.0f} | {ratio:.2f}× |")
    print()
    for line in wrong:
        print(f"MISMATCH {line}")
    return 1 if any(line.startswith("ours") for line in wrong) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run for CI")
    args = parser.parse_args()
    turns, repeats = (3, 1) if args.quick else (10, 15)
    command = [sys.executable, "-m", "openresponses_min.mock"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=ENV, cwd=ROOT)
    try:
        assert server.stdout is not None
        return report(server.stdout.readline().strip(), turns, repeats)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
