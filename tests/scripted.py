# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""A shell made of a script, for the sans-I/O cores: no socket, no thread, no loop.

The cores yield the I/O they need (``_steps``); ``drive`` performs each step as a shell
would, but first lets the test act (close the stream, cancel it, interrupt the step), so
that every interleaving of the user's calls with the core's I/O can be tried, one by one,
in a few milliseconds. ``ScriptedClient`` is a client whose pool hands out
``ScriptedConnection``\\ s: each answers its request with a head and reads its body from
a list of pieces (bytes, or an exception to raise, as a dropped connection does).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from openresponses_min._core.client import ClientCore
from openresponses_min._core.exchange import Connection
from openresponses_min._core.steps import IO, Runner, Steps
from openresponses_min._core.stream import StreamCore
from openresponses_min._wire.http11 import Head
from openresponses_min.events import Event
from openresponses_min.mock import answer_events

Piece = bytes | BaseException
SSE = {"content-type": "text/event-stream"}


def sse(*events: dict[str, Any]) -> bytes:
    return b"".join(f"data: {json.dumps(event)}\n\n".encode() for event in events)


def short_story(response_id: str) -> list[dict[str, Any]]:
    """A background response's events: its lifecycle, one item with two deltas, the end."""
    full = answer_events({"model": "m", "input": "hi", "background": True}, response_id)
    deltas = [event for event in full if event["type"] == "response.output_text.delta"]
    text = "".join(event["delta"] for event in deltas[:2])
    done = full[-4:]
    part = {**done[1]["part"], "text": text}
    item = {**done[2]["item"], "content": [part]}
    story = [*full[:4], *deltas[:2], {**done[0], "text": text}, {**done[1], "part": part},
             {**done[2], "item": item},
             {**done[3], "response": {**done[3]["response"], "output": [item]}}]  # fmt: skip
    return [{**event, "sequence_number": number} for number, event in enumerate(story)]


class ScriptedConnection(Connection):
    """A connection whose answer is a script: ``head``, then ``body``'s pieces, each read
    once (``b""`` ends it). Closed, it reads as a closed socket does: it fails."""

    def __init__(self, head: Head, body: list[Piece]) -> None:
        super().__init__(max_header_size=65536)
        self.head = head
        self._body = iter(body)
        self.sent: list[bytes] = []
        self.ended = False

    def exchange(self, wire: Any, limits: Any, deadline: float | None) -> Head:
        self.sent.append(wire.data)
        return self.head

    def read(self, timeout: float | None, deadline: float | None) -> bytes:
        if self.closed:
            raise OSError("the connection was closed")
        piece = next(self._body, b"")
        if isinstance(piece, BaseException):
            raise piece
        self.ended = not piece
        return piece

    @property
    def reusable(self) -> bool:
        return self.ended and not self.closed

    def looks_dead(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


class ScriptedPool:
    """Connections handed out in order, each with the next answer of ``answers``; every
    one is accounted for: ``in_use`` must be empty once a stream is over."""

    def __init__(self, answers: list[tuple[Head, list[Piece]]]) -> None:
        self._answers = iter(answers)
        self.opened: list[ScriptedConnection] = []
        self.in_use: list[ScriptedConnection] = []
        self.idle: list[ScriptedConnection] = []

    def check_out(self, limits: Any, deadline: float | None) -> ScriptedConnection:
        head, body = next(self._answers)
        connection = ScriptedConnection(head, body)
        self.opened.append(connection)
        self.in_use.append(connection)
        return connection

    def check_in(self, connection: ScriptedConnection) -> None:
        self.in_use.remove(connection)
        if connection.reusable:
            self.idle.append(connection)
        else:
            connection.close()

    def discard(self, connection: ScriptedConnection | None) -> None:
        if connection is not None:
            self.in_use.remove(connection)
            connection.close()

    def close(self) -> None:
        for connection in self.idle:
            connection.close()

    def leaked(self) -> list[ScriptedConnection]:
        """Connections held by nobody that are still open, or still held."""
        return [c for c in self.opened if c in self.in_use or not (c.closed or c in self.idle)]


class ScriptedClient(ClientCore):
    """A client whose connections are a ``ScriptedPool``'s and whose waits are recorded."""

    answers: ClassVar[list[tuple[Head, list[Piece]]]] = []  # read by __init__, set first

    def _pool_type(self, target: Any, max_connections: int) -> ScriptedPool:  # type: ignore[override]
        return ScriptedPool(self.answers)

    @property
    def _stream_type(self) -> type[StreamCore]:
        return StreamCore

    def _sleep(self, seconds: float) -> None:  # type: ignore[override]
        self.waits.append(seconds)

    @classmethod
    def scripted(cls, answers: list[tuple[Head, list[Piece]]], **options: Any) -> ScriptedClient:
        cls.answers = answers
        client = cls(base_url="http://127.0.0.1:9/v1", **options)
        client.waits = []
        return client

    waits: list[float]

    @property
    def pool(self) -> ScriptedPool:
        pool = self._connections
        assert isinstance(pool, ScriptedPool)
        return pool


SPIN = 10_000
"""Steps one operation takes at most here: a script has far fewer to give."""
Hook = Callable[[int, IO], BaseException | None]
"""Called before the n-th action is performed; what it returns is raised in its stead, as
a cancelled task or ``KeyboardInterrupt`` is raised in the wait under way."""


def drive(steps: Steps[Any], hook: Hook, counter: Iterator[int]) -> Any:
    """``steps`` driven as a shell drives them, ``hook`` called before each action
    (numbered across calls by ``counter``) is performed."""
    runner = Runner(steps)
    for _ in range(SPIN):
        if (action := runner.action) is None:
            return runner.result
        interruption = hook(next(counter), action)
        if interruption is not None:
            runner.fail(interruption)
            continue
        call, arguments = action
        try:
            value = call(*arguments)
        except BaseException as error:
            runner.fail(error)
        else:
            runner.give(value)
    raise AssertionError(f"over {SPIN} steps without an outcome: a spin")


def iterate(
    stream: StreamCore, hook: Hook, counter: Iterator[int], limit: int = 1000
) -> list[Event]:
    """The events a ``for event in stream`` loop gets, the core driven by ``drive``."""
    events: list[Event] = []
    for _ in range(limit):
        event = stream._lifecycle.next_event()
        if event is None:
            event = drive(stream._advance(), hook, counter)
        if event is None:
            return events
        events.append(event)
    raise AssertionError(f"the stream did not end within {limit} events")
