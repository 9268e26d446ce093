# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``Client`` and ``Stream``: the Responses API over the sync transport, a thin shell.

Both are their sans-I/O core (``_core.ClientCore``, ``_stream.StreamCore``) driven with
blocking calls (``_steps.run``) on the socket transport (``_sync``); nothing is decided
here. ``AsyncClient`` is the same core on asyncio.
"""

from __future__ import annotations

import time
from typing import Generic, TypeVar

from ._core import ClientCore
from ._steps import run
from ._stream import StreamCore, TextDeltas
from ._sync import SyncPool

F = TypeVar("F")
"""The type ``stream(text_format=F)`` parses the final answer into."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from ._responses import Responses
    from ._structured import Parsing
    from ._sync_connection import ResponsesConnection
    from .accumulate import FunctionCall
    from .events import Event
    from .response import Compaction, InputTokens, ItemPage, OutputItem, ParsedResponse, Response


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
        _client: Client

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


if TYPE_CHECKING:

    class ParsedStream(Stream, Generic[F]):
        """A ``Stream`` from ``responses.stream(text_format=F)``, to type checkers: its
        final response is a ``ParsedResponse[F]`` (at run time it is a ``Stream``)."""

        def get_final_response(self) -> ParsedResponse[F]: ...


class StreamManager(Generic[F]):
    """What ``client.responses.stream(...)`` gives, as the SDK's does: ``with`` sends the
    request and gives its ``Stream``, closed when the block ends; its
    ``get_final_response()`` is a ``ParsedResponse`` (``ParsedResponse[F]`` for
    ``text_format=F``)."""

    def __init__(self, opening: Callable[[], Stream], parsing: Parsing) -> None:
        self._opening = opening
        self._parsing = parsing
        self._stream: Stream | None = None

    def __enter__(self) -> ParsedStream[F]:
        self._stream = self._opening()
        self._stream._parsing = self._parsing
        return self._stream  # type: ignore[return-value]  # its final response is parsed

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()


class ItemPager:
    """What ``client.responses.input_items.list(...)`` gives, as the SDK's page does: the
    first page asked for at once (``data``, ``has_more``, ``first_id``, ``last_id``,
    ``page``), and iterating it gives every item, page after page."""

    def __init__(self, fetch: Callable[[str | None], ItemPage], after: str | None) -> None:
        self._fetch = fetch
        self.page = fetch(after)
        self.data = self.page.data
        self.has_more = self.page.has_more
        self.first_id = self.page.first_id
        self.last_id = self.page.last_id

    def __iter__(self) -> Iterator[OutputItem]:
        page = self.page
        while True:
            yield from page.data
            if (after := page.next_after) is None:
                return
            page = self._fetch(after)


class Client(ClientCore):
    __doc__ = f"""{ClientCore.__doc__}
    A client may be shared between threads; a ``Stream`` belongs to the thread
    that iterates it (but may be closed from any).
    """

    _pool_type = SyncPool
    _stream_type = Stream

    @property
    def _session_type(self) -> type[ResponsesConnection]:
        from ._sync_connection import ResponsesConnection  # WebSocket mode, loaded when used

        return ResponsesConnection

    _manager_type = StreamManager
    _pager_type = ItemPager
    if TYPE_CHECKING:
        responses: Responses[
            Response,
            Stream,
            None,
            ResponsesConnection,
            InputTokens,
            Compaction,
            ItemPager,
        ]

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the idle connections; a later call opens new ones."""
        self._connections.close()

    def _call(self, method: str, path: str, **options: Any) -> Any:
        return run(self._call_steps(method, path, **options))

    @staticmethod
    def _sleep(seconds: float) -> None:
        time.sleep(seconds)
