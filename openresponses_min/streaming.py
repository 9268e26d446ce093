# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The bytes of a Responses event stream to typed events, without touching a socket.

``EventDecoder`` chains ``SSEDecoder``, ``json.loads`` and ``parse_event``,
stops at ``[DONE]``, and remembers the response's id from its snapshots.
Every transport (``http.client`` now, asyncio later) feeds it the bytes it
reads.
"""

from __future__ import annotations

import json

from .errors import EventParseError, OpenResponsesError, SSEError
from .events import Event, parse_event
from .response import Response
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
    """

    def __init__(self, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self._sse = SSEDecoder(max_event_size=max_event_size)
        self.done = False
        """``[DONE]`` arrived, or the stream failed: nothing after it is read."""
        self.failure: OpenResponsesError | None = None
        self.response_id: str | None = None

    def feed(self, chunk: bytes) -> list[Event]:
        if self.done:
            return []
        try:
            records = self._sse.feed(chunk)
        except SSEError as exc:
            records, self.failure = exc.events, exc
        out: list[Event] = []
        for sse in records:
            if sse.data == "[DONE]":
                self.done = True
                break
            try:
                event = parse_event(_json(sse.data))
            except EventParseError as exc:
                self.failure = exc
                break
            self._remember(event)
            out.append(event)
        self.done = self.done or self.failure is not None
        return out

    def close(self) -> None:
        """End of the body: an unterminated last event is discarded, as WHATWG says."""
        self._sse.close()

    def _remember(self, event: Event) -> None:
        snapshot = getattr(event, "response", None)
        if isinstance(snapshot, Response) and snapshot.id:
            self.response_id = snapshot.id


def _json(data: str) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        snippet = data if len(data) <= _SNIPPET else data[:_SNIPPET] + "…"
        why = "nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
        raise EventParseError(f"event data is {why}", snippet=snippet) from None
