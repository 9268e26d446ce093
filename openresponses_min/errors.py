# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The exception hierarchy: every exception this package raises on purpose.

Catch ``OpenResponsesError`` to handle them all. Each subclass carries what
had been received before the failure, so nothing is lost silently.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .sse import ServerSentEvent


class OpenResponsesError(Exception):
    """Base class of every exception raised on purpose by openresponses_min."""


class SSEError(OpenResponsesError):
    """The event stream could not be decoded any further.

    Raised by ``SSEDecoder.feed()`` when an event exceeds ``max_event_size``
    bytes on the wire (``limit`` is the limit, ``received`` how many bytes
    of that event had arrived), and when ``feed()`` is called
    after ``close()`` (both are ``None`` then). ``events`` holds the events
    that the failing ``feed()`` call had completed before the error, so that
    none is lost. The decoder is closed after an ``SSEError``.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: int | None = None,
        received: int | None = None,
        events: list[ServerSentEvent] | None = None,
    ) -> None:
        super().__init__(message)
        self.limit = limit
        self.received = received
        self.events: list[ServerSentEvent] = events if events is not None else []


class EventParseError(OpenResponsesError):
    """An event payload that cannot be an event: not a JSON object, or no string ``type``.

    ``snippet`` is the start of the payload's ``repr``, to show what came.
    """

    def __init__(self, message: str, *, snippet: str) -> None:
        super().__init__(f"{message}: {snippet}")
        self.snippet = snippet
