# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``Stream``: the typed events of a streamed response, read as you iterate, over the
sync transport.

It moves bytes from its connection into ``StreamLifecycle`` and waits; every decision
(which events, how the stream ended, whether and when to resume) is the lifecycle's.
"""

from __future__ import annotations

import logging
import random
import threading
import time

from ._content import ContentDecodingError
from ._http11 import RemoteProtocolError
from ._lifecycle import StreamLifecycle
from ._text import TextJoiner
from .accumulate import FunctionArgumentsError, FunctionCall, function_calls
from .errors import APIError, OpenResponsesError, StreamInterruptedError
from .events import ResponseOutputTextDeltaEvent
from .policy import TotalTimeout, classify

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from ._config import Timeout
    from ._http11 import Head
    from ._sync import SyncConnection
    from .client import Client
    from .events import Event
    from .response import Response

logger = logging.getLogger("openresponses_min")

DRAIN_TIME = 1.0
"""Seconds a body may go on after the terminal event or ``[DONE]`` before it is cut off."""
DRAIN_BYTES = 1 << 20
"""Bytes a body may go on after the terminal event or ``[DONE]`` before it is cut off."""
READ_FAILURES = (OSError, RemoteProtocolError, ContentDecodingError, TotalTimeout)


class Stream:
    """The typed events of a streamed response, read as you iterate.

    Iterate it, or call ``next()``; a ``break`` can be resumed. Use it as a
    context manager or call ``close()``: closing before the end closes the
    connection at once, so nothing is left downloading. ``close()`` may come
    from another thread (a watchdog, say): the iterating thread then stops
    at once, raising nothing, as on any closed stream. Reading it to the end
    keeps the connection for the next call.

    Every event is delivered once, those after the terminal event too (for
    as long as the body then ends promptly: past ``DRAIN_TIME`` seconds or
    ``DRAIN_BYTES`` bytes it is cut off, the response being complete); then
    the stream judges how it ended (see ``StreamLifecycle``).
    ``response.completed`` and ``response.incomplete`` end it normally.
    ``response.failed``, an ``error`` event followed by the end, or an error
    frame without a ``type`` raise ``ResponseFailedError``. An end (EOF,
    ``[DONE]``, a dropped connection, a stall past the read timeout) before
    any terminal event raises ``StreamInterruptedError``
    (``StreamTimeoutError`` for a stall, or past the total timeout), unless
    the stream is resumable: a background response's stream
    (``create(background=True, stream=True)`` or ``retrieve(id,
    stream=True)``) with sequence numbers reconnects with ``starting_after``
    the last one, up to the client's ``max_resumes`` times with backoff, all
    within the total timeout, and carries on where it stopped. Set
    ``raise_on_failure = False`` to end quietly instead; ``failure`` then
    holds the error that would have been raised. A format or limit error
    (``EventParseError``, ``SSEError``, ``ResponseTooLargeError``) is raised
    whatever ``raise_on_failure`` says.

    ``response`` and ``output_text`` are the response rebuilt so far;
    ``response_id`` is its first snapshot's id.
    """

    def __init__(
        self,
        client: Client,
        connection: SyncConnection,
        head: Head,
        limits: Timeout,
        deadline: float | None,
        resumable: bool = False,
        asked_for: str | None = None,
        after: int | None = None,
    ) -> None:
        self._client = client
        self._connection: SyncConnection | None = connection
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
            f"Stream(status_code={self.status_code}, request_id={self.request_id!r}, "
            f"response_id={self.response_id!r}, "
            f"last_sequence_number={self.last_sequence_number!r})"
        )

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        lifecycle = self._lifecycle
        while (event := lifecycle.next_event()) is None:
            if self._failure is not None:
                failure, self._failure = self._failure, None
                raise failure
            if self._ended:
                raise StopIteration
            if self._connection is None:
                self._end()
            else:
                self._read()
        return event

    def __enter__(self) -> Stream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading; the connection is closed unless the body was read to the end.
        Iterating a closed stream ends at once, raising nothing. Safe from any thread."""
        self._closed = self._ended = True
        self._lifecycle.drop_queued()
        self._failure = None
        self._disconnect()

    def cancel(self) -> Response | None:
        """Close the stream and, for a background response, ask the server to cancel it;
        the cancelled response, or ``None`` when there was nothing to cancel."""
        self.close()
        response_id = self._lifecycle.response_id
        if self._resumable and response_id is not None:
            return self._client.responses.cancel(response_id)
        return None

    # --- helpers ----------------------------------------------------------------------------

    def text_deltas(self) -> Iterator[str]:
        """The output text as it arrives, delta by delta; a UTF-16 surrogate pair that a
        server split between two deltas comes out as its character, and a delta that
        is not a string (or is empty) gives nothing."""
        joiner = TextJoiner()
        for event in self:
            if isinstance(event, ResponseOutputTextDeltaEvent) and isinstance(event.delta, str):
                text = joiner.feed(event.delta)
                if text:
                    yield text
        rest = joiner.flush()
        if rest:
            yield rest

    def until_done(self) -> Stream:
        """Read to the end (raising as iteration would); this stream."""
        for _ in self:
            pass
        return self

    def get_final_response(self) -> Response:
        """Read to the end and give the response rebuilt from all its events."""
        return self.until_done().response

    def function_calls(self) -> list[FunctionCall]:
        """Read to the end; the response's function calls, arguments parsed from JSON."""
        try:
            return function_calls(self.get_final_response())
        except FunctionArgumentsError as error:
            self._client._redact.error(error)
            raise

    # --- reading ----------------------------------------------------------------------------

    def _read(self) -> None:
        """Read once: events go to ``_pending``; the end of the body to ``_end()``."""
        connection = self._connection
        assert connection is not None
        deadline = self._deadline
        if self._drain_until is not None:
            deadline = min(self._drain_until, deadline or self._drain_until)
        try:
            chunk = connection.read(timeout=self._limits.read, deadline=deadline)
        except (*READ_FAILURES, OpenResponsesError) as exc:
            if self._closed:
                return  # closed from another thread, which woke this one up
            if self._drain_until is not None:
                self._disconnect()  # the response was over: what failed is only its tail
            elif isinstance(exc, OpenResponsesError):
                self._abort(exc)  # a limit: the body, or its decoding, too large
            else:
                self._disconnect()
                self._broken(exc)
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
        elif lifecycle.saw_done or lifecycle.terminal_seen:
            self._drain_until = time.monotonic() + DRAIN_TIME

    def _broken(self, exc: BaseException) -> None:
        """The connection failed mid-stream: resume, or end with a stream error."""
        failure = classify(exc, connecting=False)
        if not failure.retryable or not self._resume():
            verdict = self._lifecycle.verdict(failure.detail, timed_out=failure.timed_out)
            if verdict is not None:
                self._fail(verdict, exc)

    def _end(self) -> None:
        """The body ended: resume it, or judge how the response did."""
        self._ended = True
        verdict = self._lifecycle.verdict()
        if isinstance(verdict, StreamInterruptedError) and self._resume():
            self._ended = False
        elif verdict is not None:
            self._fail(verdict)

    def _abort(self, error: OpenResponsesError) -> None:
        """Stop reading a stream that broke its format or a limit: raised, whatever
        ``raise_on_failure`` says, after the events before it."""
        if isinstance(error, APIError) and error.request_id is None:
            error.request_id = self.request_id
        self._disconnect()
        self._failure = self.failure = self._client._redact.error(error)
        self._ended = True

    def _fail(self, error: OpenResponsesError, cause: BaseException | None = None) -> None:
        self._ended = True
        error.__cause__ = cause
        self.failure = self._client._redact.error(error)
        if self.raise_on_failure:
            self._failure = error

    def _resume(self) -> bool:
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
            time.sleep(delay)
            assert lifecycle.response_id is not None  # next_resume() said it can resume
            try:
                again = client._resume(
                    lifecycle.response_id, lifecycle.last_sequence_number, self._limits,
                    self._deadline,
                )  # fmt: skip
            except APIError as exc:
                client._redact.log(
                    logger, logging.INFO, "resuming response %s failed: %s",
                    lifecycle.response_id, exc,
                )  # fmt: skip
                continue
            with self._swap:
                self._connection, again._connection = again._connection, None
            self._drain_until = None
            return True

    # --- the connection ---------------------------------------------------------------------

    def _take_connection(self) -> SyncConnection | None:
        """The connection, now no longer the stream's: one thread gets it, once."""
        with self._swap:
            connection, self._connection = self._connection, None
        return connection

    def _release(self) -> None:
        """The body is over: keep the connection if it was read to the end."""
        connection = self._take_connection()
        if connection is not None:
            self._client._connections.check_in(connection)

    def _disconnect(self) -> None:
        connection = self._take_connection()
        if connection is not None:
            self._client._connections.discard(connection)
