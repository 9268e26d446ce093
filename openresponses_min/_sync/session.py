# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``ResponsesConnection``: WebSocket mode for ``Client``, the session core driven by
blocking calls. Loaded on the first ``client.responses.connect()``, so that HTTP users
never pay for the WebSocket framing."""

from __future__ import annotations

from .._core.config import optional_timeout
from .._core.session import SessionCore
from .._core.steps import run
from ..errors import WebSocketClosedError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any

    from .._core.config import Timeout
    from .._core.session import ConnectionResponse
    from ..events import Event
    from .stream import Stream, _Client


class ResponsesConnection(SessionCore):
    """A WebSocket connection to ``/responses`` (``client.responses.connect()``): many
    responses, one after another, over one connection.

    ``create(**params)`` sends ``response.create`` and returns a ``Stream``, the same
    as ``create(stream=True)`` over HTTP; continue with ``previous_response_id`` and
    only the new input. One response at a time: ``create`` before the last stream was
    read to its end (or closed) raises ``RuntimeError``. Closing a stream before its
    end closes the connection (that is the cancel); the next ``create`` reconnects.
    A connection lost between turns (close codes in ``RECONNECT``, the server's
    connection limit) is replaced on the next ``create``, transparently, with
    backoff when it keeps failing; others raise ``WebSocketClosedError``. A drop
    during a turn raises ``StreamInterruptedError`` with the response so far.
    Keep-alive: a ping before a turn when the connection sat idle for
    ``ping_interval`` seconds, and while a turn waits in silence; no pong within
    ``ping_timeout`` and the connection is lost. No thread runs in the background.
    ``send(message)`` / ``recv()`` are the raw escape hatch, in the SDK's shape too:
    ``conn.response.create(**params)`` sends ``response.create``, and iterating ``conn``
    gives every message that comes as a typed event, until the server closes the
    connection normally. Use it with ``with``.
    """

    if TYPE_CHECKING:
        _client: _Client
        response: ConnectionResponse[None]

    def __enter__(self) -> ResponsesConnection:
        run(self._ready_steps())
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def create(self, *, timeout: float | Timeout | None = None, **params: Any) -> Stream:
        """Send ``response.create`` with ``params``; the stream of its events."""
        stream: Stream = run(self._create_steps(params, optional_timeout(timeout)))
        return stream

    def steer(self, *, previous_response_id: str, input: str | list[dict[str, Any]]) -> None:
        """Send ``response.steer``: more input for the response in progress (OpenAI
        only). It may be called while its stream is read, between its events; the
        stream then carries a ``response.steer.*`` event, and a
        response ended by steering (``incomplete``, reason ``steered``) is followed by
        a successor the server starts by itself: read it with ``successor()``."""
        run(self._steer_steps(previous_response_id, input))

    def successor(self, *, timeout: float | Timeout | None = None) -> Stream:
        """The stream of the response the server started after a steered one; until it
        is read, ``create`` raises ``RuntimeError`` rather than mixing two responses."""
        stream: Stream = self._successor(optional_timeout(timeout))
        return stream

    def send(self, message: Mapping[str, Any]) -> None:
        """Send one message, a JSON object, as it is."""
        run(self._send_steps(message))

    def recv(self, timeout: float | None = None) -> Event:
        """The next message, as a typed event."""
        return run(self._recv_steps(timeout))

    def __iter__(self) -> Iterator[Event]:
        try:
            while True:
                yield self.recv()
        except WebSocketClosedError as error:
            if not self._ends_iteration(error):
                raise

    def close(self) -> None:
        """Send a close frame and close the connection."""
        run(self._close_steps())
