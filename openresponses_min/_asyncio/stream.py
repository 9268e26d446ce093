# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``AsyncStream``: a streamed response read on asyncio, its sans-I/O core
(``_core.stream.StreamCore``) driven by ``_asyncio.transport.arun``. Loaded by the first
streaming call."""

from __future__ import annotations

from .._core.stream import StreamCore, TextDeltas
from .transport import arun

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable
    from typing import Any

    from .._core.accumulate import FunctionCall
    from .._core.api import Responses
    from .._core.client import ClientCore
    from ..events import Event
    from ..response import Response
    from .transport import AsyncPool

    class _Client(ClientCore):
        """What a stream knows of its ``AsyncClient``: the client's module names this
        one, not the other way round."""

        _connections: AsyncPool
        responses: Responses[Awaitable[Response], Any, Any, Any, Any, Any, Any]


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
        _client: _Client

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
