# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``AsyncClient`` and ``AsyncStream``: the Responses API on asyncio, a thin shell.

Both are the same sans-I/O core as ``Client`` and ``Stream`` (``_core.ClientCore``,
``_stream.StreamCore``), driven by awaiting each step (``_async.arun``) on the asyncio
transport (``_async``); nothing is decided here. Importing this module imports
``asyncio``; ``import openresponses_min`` and the sync client do not.
"""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

from ._async import AsyncPool, arun
from ._core import ClientCore
from ._stream import StreamCore, TextDeltas

F = TypeVar("F")
"""The type ``stream(text_format=F)`` parses the final answer into."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Generator
    from typing import Any

    from ._async_connection import AsyncResponsesConnection
    from ._responses import Responses
    from ._structured import Parsing
    from .accumulate import FunctionCall
    from .events import Event
    from .response import Compaction, InputTokens, ItemPage, OutputItem, ParsedResponse, Response


class AsyncStream(StreamCore):
    """The typed events of a streamed response, read with ``async for``.

    Everything ``Stream`` says holds, awaited: ``async for event in stream``
    (or ``await anext(stream)``), ``async with stream``, ``await
    stream.close()``, ``await stream.cancel()``, ``await
    stream.until_done()``, ``await stream.get_final_response()``, ``await
    stream.function_calls()``, and ``async for text in stream.text_deltas()``;
    the attributes are the same. Cancelling the task that reads it closes
    its connection at once and lets ``CancelledError`` through; iterating
    it afterwards ends at once. It belongs to its client's event loop.
    """

    if TYPE_CHECKING:
        _client: AsyncClient

    def __aiter__(self) -> AsyncStream:
        return self

    async def __anext__(self) -> Event:
        event = self._lifecycle.next_event()
        if event is None:
            self._client._connections.bind()
            if (event := await arun(self._advance())) is None:
                raise StopAsyncIteration
        return event

    async def __aenter__(self) -> AsyncStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """As ``Stream.close()``, on the client's loop."""
        self._client._connections.bind()
        self._close()

    async def cancel(self) -> Response | None:
        """As ``Stream.cancel()``: closed, and a background response cancelled."""
        self._client._connections.bind()
        response_id = self._to_cancel()
        if response_id is None:
            return None
        return await self._client.responses.cancel(response_id)

    async def text_deltas(self) -> AsyncIterator[str]:
        """The output text as it arrives, delta by delta, as ``Stream.text_deltas``."""
        deltas = TextDeltas()
        async for event in self:
            if text := deltas.of(event):
                yield text
        if rest := deltas.rest():
            yield rest

    async def until_done(self) -> AsyncStream:
        """As ``Stream.until_done()``: read to the end; this stream."""
        async for _ in self:
            pass
        return self

    async def get_final_response(self) -> Response:
        """As ``Stream.get_final_response()``: the response, once read to the end."""
        return (await self.until_done())._final_response()

    async def function_calls(self) -> list[FunctionCall]:
        """As ``Stream.function_calls()``: read to the end; the function calls."""
        await self.until_done()
        return self._function_calls()


if TYPE_CHECKING:

    class AsyncParsedStream(AsyncStream, Generic[F]):
        """An ``AsyncStream`` from ``responses.stream(text_format=F)``, to type checkers."""

        async def get_final_response(self) -> ParsedResponse[F]: ...


class AsyncStreamManager(Generic[F]):
    """``StreamManager`` on asyncio: ``async with client.responses.stream(...) as
    stream`` sends the request and gives its ``AsyncStream``, closed when the block ends."""

    def __init__(self, opening: Callable[[], Awaitable[AsyncStream]], parsing: Parsing) -> None:
        self._opening = opening
        self._parsing = parsing
        self._stream: AsyncStream | None = None

    async def __aenter__(self) -> AsyncParsedStream[F]:
        self._stream = await self._opening()
        self._stream._parsing = self._parsing
        return self._stream  # type: ignore[return-value]  # its final response is parsed

    async def __aexit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            await self._stream.close()


class AsyncItemPager:
    """``ItemPager`` on asyncio: ``await`` it for the first page (an ``ItemPage``), or
    ``async for`` it for every item, page after page."""

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[ItemPage]], after: str | None
    ) -> None:
        self._fetch = fetch
        self._after = after

    def __await__(self) -> Generator[Any, None, ItemPage]:
        return self._fetch(self._after).__await__()

    async def __aiter__(self) -> AsyncIterator[OutputItem]:
        after = self._after
        while True:
            page = await self._fetch(after)
            for item in page.data:
                yield item
            if (after := page.next_after) is None:
                return


class AsyncClient(ClientCore):
    __doc__ = f"""{ClientCore.__doc__}
    The same as ``Client``, awaited: ``async with AsyncClient() as client``
    (or ``await client.close()``), ``await client.responses.create(...)``
    and the other calls, and ``AsyncStream`` for a stream. It never blocks
    the event loop and starts no thread (a host name is resolved in the
    loop's executor; an IP address needs no resolution). Cancelling a task
    in a call closes the connection it was using and lets
    ``CancelledError`` through. A client belongs to the event loop it was
    made on (or first used on, when made outside one): used on another, it
    raises ``RuntimeError``.
    """

    _pool_type = AsyncPool
    _stream_type = AsyncStream

    @property
    def _session_type(self) -> type[AsyncResponsesConnection]:
        from ._async_connection import AsyncResponsesConnection  # loaded when used

        return AsyncResponsesConnection

    _manager_type = AsyncStreamManager
    _pager_type = AsyncItemPager
    if TYPE_CHECKING:
        responses: Responses[
            Awaitable[Response],
            Awaitable[AsyncStream],
            Awaitable[None],
            AsyncResponsesConnection,
            Awaitable[InputTokens],
            Awaitable[Compaction],
            AsyncItemPager,
        ]
        _connections: AsyncPool

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the idle connections; a later call opens new ones."""
        self._connections.bind()
        self._connections.close()

    async def _call(self, method: str, path: str, **options: Any) -> Any:
        return await arun(self._call_steps(method, path, **options))

    @staticmethod
    async def _sleep(seconds: float) -> None:
        await asyncio.sleep(seconds)
