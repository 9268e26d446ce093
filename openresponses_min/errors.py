# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The exception hierarchy: every exception this package raises on purpose.

Catch ``OpenResponsesError`` to handle them all. Each subclass carries what
had been received before the failure, so nothing is lost silently.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._model.sse_event import ServerSentEvent
    from .response import Response


class OpenResponsesError(Exception):
    """Base class of every exception raised on purpose by openresponses_min."""


OpenAIError = OpenResponsesError
"""The official SDK's name for the base class, so that its ``except`` clauses work here."""


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
    """Event data that cannot be an event: not JSON, not a JSON object, or no string ``type``.

    ``snippet`` is the start of the payload's ``repr``, to show what came.
    """

    def __init__(self, message: str, *, snippet: str) -> None:
        super().__init__(f"{message}: {snippet}")
        self.snippet = snippet


class APIError(OpenResponsesError):
    """Talking to the API failed; the base of the errors below.

    ``request_id`` is the server's ``x-request-id`` when a response came.
    """

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request_id = request_id


class APIConnectionError(APIError):
    """The request or its response could not be carried: DNS, refused, reset,
    closed early, TLS or proxy failure.

    Raised in the middle of a stream too; then ``response_id`` and
    ``last_sequence_number`` say where it stopped, for a resume.
    """

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        request_id: str | None = None,
        response_id: str | None = None,
        last_sequence_number: int | None = None,
    ) -> None:
        super().__init__(message, request_id=request_id)
        self.response_id = response_id
        self.last_sequence_number = last_sequence_number


class APITimeoutError(APIConnectionError):
    """Connecting, or waiting for the next byte of a response, exceeded its timeout."""


class ErrorResponse:
    """The HTTP response an error came in, as the SDK's ``error.response`` offers it:
    ``status_code``, ``headers`` (names in lower case), ``text`` (the body's start, the
    client's secrets redacted) and ``json()``."""

    __slots__ = ("headers", "status_code", "text")

    def __init__(self, status_code: int, headers: dict[str, str], text: str) -> None:
        self.status_code = status_code
        self.headers = headers
        self.text = text

    def json(self) -> Any:
        """The body parsed as JSON (``ValueError`` when it is not)."""
        import json

        return json.loads(self.text)

    def __repr__(self) -> str:
        return f"<ErrorResponse [{self.status_code}]>"


class _ResponseError(APIError):
    """An error about a response that came: its status, headers (names in lower
    case) and body, and the ``message``, ``code``, ``type`` and ``param`` of
    the body when it is a JSON error object; ``response`` is that response."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        headers: dict[str, str],
        body: object,
        request_id: str | None = None,
        text: str = "",
    ) -> None:
        super().__init__(message, request_id=request_id)
        self.status_code = status_code
        self.headers = headers
        self.body = body
        self._text = text  # redacted with the other attributes
        error = body if isinstance(body, dict) else {}
        self.message = _text_or_none(error.get("message")) or message
        self.code: str | None = _text_or_none(error.get("code"))
        self.type: str | None = _text_or_none(error.get("type"))
        self.param: str | None = _text_or_none(error.get("param"))

    @property
    def response(self) -> ErrorResponse:
        return ErrorResponse(self.status_code, self.headers, self._text)


class APIStatusError(_ResponseError):
    """The server answered with an error status (4xx, 5xx, or an unfollowed 3xx).

    ``body`` is the parsed JSON error object (the ``error`` member when there
    is one), or the start of the body as text when it is not JSON, such as a
    proxy's HTML page; ``message`` is the error's own message, else the whole
    error text.
    """


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


class BadRequestError(APIStatusError):
    """400: the request is malformed or names something invalid."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not use this resource or model."""


class NotFoundError(APIStatusError):
    """404: no such resource (a wrong ``base_url`` looks like this too)."""


class ConflictError(APIStatusError):
    """409: the resource is in a state that conflicts with the request."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well formed but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests, or the quota is exhausted."""


class InternalServerError(APIStatusError):
    """500 or above: the server failed."""


class APIResponseError(_ResponseError):
    """A success status whose body is not what was asked for: an HTML page, or
    JSON where an event stream was expected. ``body`` is the parsed JSON or
    the start of the text."""


class ResponseFailedError(OpenResponsesError):
    """The response failed: the stream carried ``response.failed``, or an ``error``
    event and then ended. Raised after every event has been delivered.

    ``code`` and ``message`` come from the ``error`` event, else from the
    failed response's ``error``; ``response`` is the response as rebuilt.
    """

    _hint = ""  # what a subclass adds to the message

    def __init__(self, message: str, *, code: str | None, response: Response) -> None:
        detail = f"{code}: {message}" if code else message
        super().__init__(f"response failed: {detail}{self._hint}")
        self.code = code
        self.message = message
        self.response = response


class PreviousResponseNotFoundError(ResponseFailedError):
    """The server no longer has the response a continuation names
    (``previous_response_not_found``). In WebSocket mode a response made with
    ``store=False`` lives only in the connection that made it: after a reconnect,
    send the whole conversation again, or create the responses with ``store=True``.
    """

    _hint = (
        " (the server no longer has it: a response made with store=False lives only in the "
        "WebSocket connection that made it, so after a reconnect send the whole conversation "
        "again, or use store=True)"
    )


class StreamInterruptedError(APIConnectionError):
    """The stream ended, or broke off, before its terminal event, and could not
    be resumed. ``response`` is the response rebuilt from what had arrived;
    ``response_id`` and ``last_sequence_number`` say where it stopped."""

    def __init__(
        self,
        message: str,
        *,
        response: Response,
        request_id: str | None = None,
        response_id: str | None = None,
        last_sequence_number: int | None = None,
    ) -> None:
        super().__init__(
            message,
            request_id=request_id,
            response_id=response_id,
            last_sequence_number=last_sequence_number,
        )
        self.response = response


class WebSocketClosedError(APIConnectionError):
    """A WebSocket connection (``client.responses.connect()``) was closed by the server in a
    way that reconnecting would not mend (a policy violation, say), or it kept closing:
    ``code`` and ``reason`` are the server's close frame's."""

    def __init__(self, message: str, *, code: int, reason: str) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


class StreamTimeoutError(StreamInterruptedError, APITimeoutError):
    """The stream went silent for longer than the read timeout before its end."""


class ResponseTooLargeError(APIError):
    """A response went past one of the client's limits: ``max_header_size`` for its
    headers, ``max_response_size`` for its body. Reading stopped there, so memory
    stays bounded; ``limit`` is the limit in bytes, ``received`` what had come."""

    def __init__(
        self, message: str, *, limit: int, received: int, request_id: str | None = None
    ) -> None:
        super().__init__(message, request_id=request_id)
        self.limit = limit
        self.received = received


class OutputParseError(OpenResponsesError, ValueError):
    """The model's answer does not fit the type asked for (``parse(text_format=T)``,
    a ``function_tool``'s arguments): not JSON, or a field missing, unknown or of
    the wrong type. ``path`` says where (``$.steps[2].output``; ``$`` is the whole
    answer) and ``text`` is the answer as received."""

    def __init__(self, message: str, *, path: str, text: str) -> None:
        super().__init__(message)
        self.path = path
        self.text = text
