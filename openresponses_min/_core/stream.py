# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``StreamCore``: a streamed response as it is read, whichever shell reads it, sans-I/O.

``Stream`` (sync) and ``AsyncStream`` (asyncio) are this class with a way to iterate.
It moves each body's bytes into ``StreamLifecycle``, which decides which events are
delivered, how the stream ended and whether it can resume; this class does the rest, as
steps (``_core.steps``): the reads, the drain after the end, the resume with its wait, and
closing. ``_advance()`` reads until an event is queued (its outcome) or the stream is
over (``None``), raising the failure that ended it.
"""

from __future__ import annotations

import logging
import random
import threading
import time

from .._wire.content import ContentDecodingError
from .._wire.event_stream import EventDecoder, MessageDecoder
from .._wire.http11 import RemoteProtocolError
from ..errors import APIError, OpenResponsesError, OutputParseError, StreamInterruptedError
from ..events import ResponseOutputTextDeltaEvent
from .accumulate import FunctionArgumentsError, FunctionCall, function_calls
from .lifecycle import StreamLifecycle
from .policy import TotalTimeout, classify
from .request import path_segment
from .text import TextJoiner

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Protocol

    from .._wire.http11 import Head
    from ..events import Event
    from ..response import Response
    from .client import ClientCore
    from .config import Timeout
    from .steps import Steps

    class Source(Protocol):
        """What a stream reads: an HTTP connection's body, or a WebSocket turn's messages."""

        def read_steps(self, timeout: float | None, deadline: float | None, /) -> Steps[bytes]: ...

    class Home(Protocol):
        """Where a stream's connection goes back: the client's pool, or for a WebSocket
        turn its session."""

        def check_in(self, connection: Any) -> None: ...

        def discard(self, connection: Any) -> None: ...


logger = logging.getLogger("openresponses_min")

DRAIN_TIME = 1.0
"""Seconds a body may go on after the terminal event or ``[DONE]`` before it is cut off."""
DRAIN_BYTES = 1 << 20
"""Bytes a body may go on after the terminal event or ``[DONE]`` before it is cut off."""
READ_FAILURES = (OSError, RemoteProtocolError, ContentDecodingError, TotalTimeout)


class StreamCore:
    """See the module docstring; the shells' docstrings say what users see."""

    def __init__(
        self,
        client: ClientCore,
        connection: Source,
        head: Head,
        limits: Timeout,
        deadline: float | None,
        resumable: bool = False,
        asked_for: str | None = None,
        after: int | None = None,
        *,
        home: Home | None = None,
        decoder: type[EventDecoder | MessageDecoder] = EventDecoder,
    ) -> None:
        self._client = client
        self._home: Home = client._connections if home is None else home
        self._framed = decoder.framed
        self._connection: Source | None = connection
        self._swap = threading.Lock()  # who takes the connection away: the reader or close()
        self._limits = limits
        self._deadline = deadline
        self.status_code = head.status
        self.headers = head.headers
        """Response headers, names in lower case."""
        self.request_id = head.headers.get("x-request-id")
        self._lifecycle = StreamLifecycle(
            max_event_size=client.max_event_size,
            max_response_size=client.max_response_size,
            decoder=decoder,
            redactor=client._redact,
            request_id=self.request_id,
            asked_for=asked_for,
            after=after,
        )
        self._failure: OpenResponsesError | None = None
        self._ended = False
        self._closed = False
        self._resumable = resumable
        self._drain_until: float | None = None  # once the body should end: by when
        self._drain_left = DRAIN_BYTES
        self.raise_on_failure = True
        self.failure: OpenResponsesError | None = None
        """What ended the stream badly, raised or not."""
        self._parsing: Callable[[Response], Response] | None = None
        """How ``get_final_response()`` reads the response (``responses.stream()``'s)."""

    @property
    def response_id(self) -> str | None:
        """The response's id: the one asked for, else the first snapshot's."""
        return self._lifecycle.response_id

    @property
    def last_sequence_number(self) -> int | None:
        """The sequence number of the last event delivered, what a resume starts after."""
        return self._lifecycle.last_sequence_number

    @property
    def response(self) -> Response:
        """The response rebuilt from the events so far."""
        return self._lifecycle.accumulator.response

    @property
    def output_text(self) -> str:
        """The output text so far."""
        return self._lifecycle.accumulator.output_text

    def __repr__(self) -> str:
        return self._client._redact.text(
            f"{type(self).__name__}(status_code={self.status_code}, "
            f"request_id={self.request_id!r}, response_id={self.response_id!r}, "
            f"last_sequence_number={self.last_sequence_number!r})"
        )

    # --- what the shells' methods share ------------------------------------------------------

    def _close(self) -> None:
        """Stop reading; the connection is closed unless the body was read to the end."""
        self._closed = self._ended = True
        self._lifecycle.drop_queued()
        self._failure = None
        self._disconnect()

    def _to_cancel(self) -> str | None:
        """Close; the id of the background response to cancel, if there is one."""
        self._close()
        return self._lifecycle.response_id if self._resumable else None

    def _final_response(self) -> Response:
        response = self.response
        if self._parsing is None:
            return response
        try:
            return self._parsing(response)
        except OutputParseError as error:
            self._client._redact.error(error)
            raise

    def _function_calls(self) -> list[FunctionCall]:
        """The function calls of the response read to its end."""
        try:
            return function_calls(self.response)
        except FunctionArgumentsError as error:
            self._client._redact.error(error)
            raise

    # --- reading ----------------------------------------------------------------------------

    def _advance(self) -> Steps[Event | None]:
        """Read until an event is queued: that event, taken; ``None`` once the stream is
        over. Whatever interrupts a read (a cancelled task, ``KeyboardInterrupt``)
        closes the stream before it goes on up."""
        lifecycle = self._lifecycle
        while (event := lifecycle.next_event()) is None:
            if self._closed:  # by another thread, mid-resume or as the body broke, say
                return None
            if (failure := self._failure) is not None:  # read once: close() clears it
                self._failure = None
                raise failure
            if self._ended:
                return None
            try:
                yield from (self._end() if self._connection is None else self._read())
            except BaseException:
                self._close()
                raise
        return event

    def _read(self) -> Steps[None]:
        """Read once: events go to the lifecycle's queue; the end of the body to
        ``_end()``."""
        connection = self._connection
        if connection is None:
            return  # closed by another thread since _advance() looked
        deadline = self._deadline
        if self._drain_until is not None:
            deadline = min(self._drain_until, deadline or self._drain_until)
        try:
            chunk = yield from connection.read_steps(self._limits.read, deadline)
        except (*READ_FAILURES, OpenResponsesError) as exc:
            if self._closed:
                return  # closed by another thread or task, which woke this one up
            if self._drain_until is not None:
                self._disconnect()  # the response was over: what failed is only its tail
            elif isinstance(exc, OpenResponsesError):
                self._abort(exc)  # a limit: the body, or its decoding, too large
            else:
                self._disconnect()
                yield from self._broken(exc)
            return
        if self._closed:
            return
        lifecycle = self._lifecycle
        if not chunk:
            lifecycle.end_of_body()
            self._release()
            return
        lifecycle.feed(chunk)
        if lifecycle.broken is not None:
            self._abort(lifecycle.broken)
        elif self._drain_until is not None:
            self._drain_left -= len(chunk)
            if self._drain_left < 0:
                self._disconnect()  # the response is over, the body does not end: cut it off
        elif lifecycle.done and not lifecycle.saw_done:
            self._disconnect()  # an error frame or another response's events: nothing more
        elif self._framed and lifecycle.done:
            lifecycle.end_of_body()  # the turn is over; the connection carries the next
            self._release()
        elif lifecycle.saw_done or lifecycle.final is not None:
            self._drain_until = time.monotonic() + DRAIN_TIME

    def _broken(self, exc: BaseException) -> Steps[None]:
        """The connection failed mid-stream: resume, or end with a stream error."""
        failure = classify(exc, connecting=False)
        if not failure.retryable or not (yield from self._resume()):
            verdict = self._lifecycle.verdict(failure.detail, timed_out=failure.timed_out)
            if verdict is not None:
                self._fail(verdict, exc)

    def _end(self) -> Steps[None]:
        """The body ended: resume it, or judge how the response did."""
        self._ended = True
        verdict = self._lifecycle.verdict()
        if isinstance(verdict, StreamInterruptedError) and (yield from self._resume()):
            self._ended = False
        elif verdict is not None:
            self._fail(verdict)

    def _abort(self, error: OpenResponsesError) -> None:
        """Stop reading a stream that broke its format or a limit: raised, whatever
        ``raise_on_failure`` says, after the events before it."""
        self._disconnect()
        self._ended = True
        if self._closed:
            return  # closed by another thread while the bytes were decoded: ends quietly
        if isinstance(error, APIError) and error.request_id is None:
            error.request_id = self.request_id
        self._failure = self.failure = self._client._redact.error(error)

    def _fail(self, error: OpenResponsesError, cause: BaseException | None = None) -> None:
        self._ended = True
        if self._closed:
            return  # closed by the user while it broke: a closed stream ends quietly
        error.__cause__ = cause
        self.failure = self._client._redact.error(error)
        if self.raise_on_failure:
            self._failure = error

    def _resume(self) -> Steps[bool]:
        """Reconnect a background response after its last event; whether it worked."""
        lifecycle, client = self._lifecycle, self._client
        if not self._resumable or self._closed:
            return False
        while True:
            left = None if self._deadline is None else self._deadline - time.monotonic()
            delay = lifecycle.next_resume(client.max_resumes, jitter=random.random, remaining=left)
            if delay is None:
                return False
            client._redact.log(
                logger, logging.INFO,
                "resuming response %s after event %d (attempt %d of %d) in %.2f s",
                lifecycle.response_id, lifecycle.last_sequence_number, lifecycle.resumes,
                client.max_resumes, delay,
            )  # fmt: skip
            yield client._sleep, (delay,)
            if self._closed:
                return False  # closed during the wait: nothing more is asked of the server
            assert lifecycle.response_id is not None  # next_resume() said it can resume
            try:
                again = yield from self._resume_steps(
                    lifecycle.response_id, lifecycle.last_sequence_number, self._limits,
                    self._deadline,
                )  # fmt: skip
            except APIError as exc:
                client._redact.log(
                    logger, logging.INFO, "resuming response %s failed: %s",
                    lifecycle.response_id, exc,
                )  # fmt: skip
                continue
            if not self._carry_on(again):
                return False
            self._drain_until = None
            return True

    # --- the connection ---------------------------------------------------------------------

    def _resume_steps(
        self, response_id: str, after: int | None, limits: Timeout, deadline: float | None
    ) -> Steps[StreamCore]:
        """A stream of ``response_id`` again, after event ``after``, within ``deadline``."""
        again = yield from self._client._call_steps(
            "GET", f"/responses/{path_segment(response_id)}",
            query={"stream": True, "starting_after": after}, stream=True, resumable=True,
            asked_for=response_id, after=after, timeout=limits, deadline=deadline,
        )  # fmt: skip
        assert isinstance(again, StreamCore)
        return again

    def _carry_on(self, again: StreamCore) -> bool:
        """Read on from ``again``'s connection, a resume's; unless this stream was closed
        while it was asked for: then that connection is closed too."""
        with self._swap:
            connection, again._connection = again._connection, None
            if not self._closed:
                self._connection, connection = connection, None
        if connection is None:
            return True
        self._home.discard(connection)
        return False

    def _take_connection(self) -> Source | None:
        """The connection, now no longer the stream's: one thread gets it, once."""
        with self._swap:
            connection, self._connection = self._connection, None
        return connection

    def _release(self) -> None:
        """The body is over: keep the connection if it was read to the end."""
        connection = self._take_connection()
        if connection is not None:
            self._home.check_in(connection)

    def _disconnect(self) -> None:
        connection = self._take_connection()
        if connection is not None:
            self._home.discard(connection)


class TextDeltas:
    """The output text of a stream's events, delta by delta: a UTF-16 surrogate pair that a
    server split between two deltas comes out as its character, and a delta that is not
    a string (or is empty) gives nothing."""

    def __init__(self) -> None:
        self._joiner = TextJoiner()

    def of(self, event: Event) -> str:
        """The text this event adds (``""``: none, or none yet)."""
        if isinstance(event, ResponseOutputTextDeltaEvent) and isinstance(event.delta, str):
            return self._joiner.feed(event.delta)
        return ""

    def rest(self) -> str:
        """What was held back for the end: a high surrogate no low one followed."""
        return self._joiner.flush()
