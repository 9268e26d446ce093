# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``Stream``: a streamed response read with blocking calls, its sans-I/O core
(``_core.stream.StreamCore``) driven by ``_core.steps.run``. Loaded by the first
streaming call, so that a program that never streams does not load the stream machinery."""

from __future__ import annotations

from .._core.steps import run
from .._core.stream import StreamCore, TextDeltas

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from .._core.accumulate import FunctionCall
    from .._core.api import Responses
    from .._core.client import ClientCore
    from ..events import Event
    from ..response import Response

    class _Client(ClientCore):
        """What a stream knows of its ``Client``: the client's module names this one,
        not the other way round."""

        responses: Responses[Response, Any, Any, Any, Any, Any, Any]


class Stream(StreamCore):
    """The typed events of a streamed response, read as you iterate.

    Iterate it, or call ``next()``; a ``break`` can be resumed. Use it as a
    context manager or call ``close()``: closing before the end closes the
    connection at once, so nothing is left downloading. ``close()`` may come
    from another thread (a watchdog, say): the iterating thread then stops
    at once, raising nothing, as on any closed stream. Reading it to the end
    keeps the connection for the next call; a read that something interrupts
    (``KeyboardInterrupt``) closes it.

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

    if TYPE_CHECKING:
        _client: _Client

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        event = self._lifecycle.next_event()
        if event is None and (event := run(self._advance())) is None:
            raise StopIteration
        return event

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading; the connection is closed unless the body was read to the end.
        Iterating a closed stream ends at once, raising nothing. Safe from any thread."""
        self._close()

    def cancel(self) -> Response | None:
        """Close the stream and, for a background response, ask the server to cancel it;
        the cancelled response, or ``None`` when there was nothing to cancel."""
        response_id = self._to_cancel()
        return None if response_id is None else self._client.responses.cancel(response_id)

    def text_deltas(self) -> Iterator[str]:
        """The output text as it arrives, delta by delta; a UTF-16 surrogate pair that a
        server split between two deltas comes out as its character, and a delta that
        is not a string (or is empty) gives nothing."""
        deltas = TextDeltas()
        for event in self:
            if text := deltas.of(event):
                yield text
        if rest := deltas.rest():
            yield rest

    def until_done(self) -> Stream:
        """Read to the end (raising as iteration would); this stream."""
        for _ in self:
            pass
        return self

    def get_final_response(self) -> Response:
        """Read to the end and give the response rebuilt from all its events (from
        ``responses.stream()``, a ``ParsedResponse``)."""
        return self.until_done()._final_response()

    def function_calls(self) -> list[FunctionCall]:
        """Read to the end; the response's function calls, arguments parsed from JSON."""
        self.until_done()
        return self._function_calls()
