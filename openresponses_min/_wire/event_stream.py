# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The bytes of a Responses event stream to typed events, without touching a socket.

``EventDecoder`` chains ``SSEDecoder``, ``json.loads`` and ``parse_event``,
and stops at ``[DONE]``, at data that is no event, and at an error frame
without a ``type``. It is the decoder ``StreamLifecycle`` uses for a stream
over HTTP; every transport (sockets now, asyncio next) feeds it the bytes it
reads.
"""

from __future__ import annotations

import json

from ..errors import EventParseError, OpenResponsesError, SSEError
from ..events import TERMINAL, ErrorEvent, Event, parse_event
from .sse import DEFAULT_MAX_EVENT_SIZE, SSEDecoder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SNIPPET = 200


class EventDecoder:
    """Feed body bytes, get typed events.

    When the stream goes bad (data that is not JSON or not an event, or an
    event over the size limit), ``feed`` still returns the events before the
    bad one and sets ``failure`` to the ``EventParseError`` or ``SSEError``;
    nothing is decoded after it. Deliver the events, then raise ``failure``.

    An error frame without a ``type``, ``{"error": {"message": …, "code": …}}``
    (LiteLLM's proxy reports an upstream failure mid-stream so), is no
    format error but the response failing: decoding stops there with
    ``error_frame`` set to the frame's ``error`` value.
    """

    framed = False
    """SSE: a body goes on after its terminal event (``[DONE]``, the end), drained."""

    def __init__(self, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self._sse = SSEDecoder(max_event_size=max_event_size)
        self.done = False
        """``[DONE]``, an error frame or a failure arrived: nothing after it is read."""
        self.failure: OpenResponsesError | None = None
        self.error_frame: object = None

    def feed(self, chunk: bytes) -> list[Event]:
        if self.done:
            return []
        try:
            records = self._sse.feed(chunk)
        except SSEError as exc:
            # The events it completed are delivered as typed events; the error need not
            # carry them again.
            records = exc.events
            self.failure = SSEError(str(exc), limit=exc.limit, received=exc.received)
        out: list[Event] = []
        for sse in records:
            if sse.data == "[DONE]":
                self.done = True
                break
            event = _typed(sse.data, self)
            if event is None:
                break
            out.append(event)
        self.done = self.done or self.failure is not None or self.error_frame is not None
        return out

    def close(self) -> None:
        """End of the body: an unterminated last event is discarded, as WHATWG says."""
        self._sse.close()


class MessageDecoder:
    """Feed WebSocket messages, one JSON event each, get typed events.

    As ``EventDecoder`` for ``done``, ``failure`` and ``error_frame``; a turn is over
    (``done``) at its terminal event or at an ``error`` event, since a WebSocket carries
    the next turn's events after them. A ``[DONE]`` message is tolerated, as an end.
    """

    framed = True
    """Each turn ends at its terminal event: nothing after it is read for this one."""

    def __init__(self, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self.done = False
        self.failure: OpenResponsesError | None = None
        self.error_frame: object = None

    def feed(self, chunk: bytes) -> list[Event]:
        if self.done:
            return []
        if chunk.strip() == b"[DONE]":
            self.done = True
            return []
        event = _typed(chunk, self)
        if event is None:
            self.done = True
            return []
        self.done = type(event) in TERMINAL or type(event) is ErrorEvent
        return [event]

    def close(self) -> None:
        """Nothing is held between messages."""


def _typed(data: str | bytes, decoder: EventDecoder | MessageDecoder) -> Event | None:
    """``data`` as a typed event; ``None`` when it is none, with the decoder's
    ``error_frame`` (an error frame without a ``type``) or else its ``failure`` set."""
    try:
        payload = _json(data)
    except EventParseError as exc:
        decoder.failure = exc
        return None
    try:
        return parse_event(payload)
    except EventParseError as exc:
        decoder.error_frame = _error_frame(payload)
        if decoder.error_frame is None:
            decoder.failure = exc
        return None


def event_of(data: str | bytes) -> Event:
    """One event's data (an SSE event's, a WebSocket message's) as a typed event;
    ``EventParseError`` when it is not JSON, or no event."""
    return parse_event(_json(data))


def object_of(data: str | bytes) -> dict[str, Any] | None:
    """The JSON object a message holds, to look into without typing it (a message
    between turns); ``None`` when it holds none."""
    try:
        payload = _json(data)
    except EventParseError:
        return None
    return payload if isinstance(payload, dict) else None


def _json(data: str | bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        if isinstance(data, bytes):
            data = data.decode("utf-8", "replace")
        snippet = data if len(data) <= _SNIPPET else data[:_SNIPPET] + "…"
        why = "nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
        raise EventParseError(f"event data is {why}", snippet=snippet) from None


def _error_frame(payload: Any) -> object:
    """The ``error`` of an event payload that is an error frame without a ``type``, else
    ``None``."""
    if isinstance(payload, dict) and "type" not in payload:
        error = payload.get("error")
        if isinstance(error, dict) or (isinstance(error, str) and error):
            return error
    return None
