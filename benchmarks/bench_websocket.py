# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: a conversation in WebSocket mode against the same over HTTP, ours and the
official SDK's.

The mock server runs in its own process (``python -m openresponses_min.mock``) and
makes up every answer (49 events), continuing each turn from the last through its
store. A conversation is TURNS turns, each continuing the one before by
``previous_response_id``, every event read; its time includes opening the WebSocket
(or, over HTTP, the kept-alive client's first connection), so that WebSocket mode is
charged for its upgrade. Measured, in the same run, median over rotating runs:
  per turn      the conversation's time over its turns (ms)
  events/s      all its events over its time
The floor is the server's own pace: a bare WebSocket client that types no event.
Each conversation is checked: every turn ends ``response.completed`` and continues the
one before; a wrong one of ours fails the run.

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

Turn = Callable[[str, "str | None"], tuple[int, Any]]
"""One turn: ask ``input`` continuing ``previous``; (events read, the final response)."""
Conversation = Callable[[int], list[tuple[int, Any]]]
"""``turns`` turns on a new connection; each turn's (events, response)."""


def conversation(opened: Callable[[], Any], turn: Callable[[Any], Turn]) -> Conversation:
    """A conversation on what ``opened()`` gives (closed after), turn by turn."""

    def converse(turns: int) -> list[tuple[int, Any]]:
        with opened() as connection:
            ask = turn(connection)
            results: list[tuple[int, Any]] = []
            previous = None
            for number in range(turns):
                results.append(ask(f"Turn {number + 1} of the conversation", previous))
                previous = results[-1][1].id
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

    def ask(text: str, previous: str | None) -> tuple[int, Any]:
        stream = client.responses.create(model="m", input=text, stream=True, **continuing(previous))
        with stream:
            return counted(stream)

    return ask


def ours(url: str) -> dict[str, Conversation]:
    from openresponses_min import Client

    def client() -> Client:
        return Client(api_key="sk-bench", base_url=url, max_retries=0)

    def over_websocket(conn: Any) -> Turn:
        def ask(text: str, previous: str | None) -> tuple[int, Any]:
            return counted(conn.create(model="m", input=text, **continuing(previous)))

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
        def ask(text: str, previous: str | None) -> tuple[int, Any]:
            conn.response.create(model="m", input=text, **continuing(previous))
            return counted(conn)

        return ask

    name = f"openai {openai.__version__}"
    return {
        f"{name}, WebSocket": conversation(lambda: connected(client), over_websocket),
        f"{name}, HTTP": conversation(client, over_http),
    }


def floor(url: str) -> dict[str, Conversation]:
    """The server's own pace: the ``websockets`` package's client sending each turn and
    reading its messages as text, parsing only the last one (a floor no client that
    types every event reaches)."""
    try:
        from websockets.sync.client import connect
    except ImportError:
        return {}
    from openresponses_min import Response

    def opened() -> Any:
        return connect(url.replace("http", "ws", 1) + "/responses", max_size=None,
                       additional_headers={"Authorization": "Bearer sk-bench"})  # fmt: skip

    def raw(ws: Any) -> Turn:
        def ask(text: str, previous: str | None) -> tuple[int, Any]:
            create = {"type": "response.create", "model": "m", "input": text}
            ws.send(json.dumps({**create, **continuing(previous)}))
            count = 0
            while True:
                message = ws.recv()
                count += 1
                if message.startswith('{"type": "response.completed"'):
                    return count, Response.from_dict(json.loads(message)["response"])

        return ask

    return {"floor: websockets, raw": conversation(opened, raw)}


def wrongs(name: str, results: list[tuple[int, Any]]) -> list[str]:
    """What is wrong with a conversation: a turn that did not complete or continue."""
    found = []
    previous = None
    for number, (events, response) in enumerate(results, 1):
        if response.status != "completed" or not response.output_text:
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
    print(f"\nA conversation of {turns} turns, each continuing the last by "
          f"previous_response_id, connecting included, median of {repeats}:\n")  # fmt: skip
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
