# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``AsyncClient`` and ``AsyncStream``: the Responses API on asyncio, a thin shell.

Both are the same sans-I/O core as ``Client`` and ``Stream``
(``_core.client.ClientCore``, ``_core.stream.StreamCore``), driven by awaiting each step
(``_asyncio.transport.arun``) on the asyncio transport (``_asyncio.transport``); nothing
is decided here. Importing this module imports ``asyncio``; ``import openresponses_min``
and the sync client do not.
"""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

from .._core.client import ClientCore
from .transport import AsyncPool, arun

F = TypeVar("F")
"""The type ``stream(text_format=F)`` parses the final answer into."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Mapping
    from typing import Any, NoReturn, overload

    from .._core.api import Responses
    from .._core.config import Timeout
    from .._model.structured import Parsing
    from ..response import Compaction, InputTokens, ItemPage, OutputItem, ParsedResponse, Response
    from .session import AsyncResponsesConnection
    from .stream import AsyncStream as AsyncStream


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


if TYPE_CHECKING:

    class _Responses(
        Responses[
            Awaitable[Response],
            Awaitable[AsyncStream],
            Awaitable[None],
            AsyncResponsesConnection,
            Awaitable[InputTokens],
            Awaitable[Compaction],
            AsyncItemPager,
        ]
    ):
        """``AsyncClient.responses`` to type checkers: its ``stream()`` gives this shell's
        ``AsyncStreamManager``, which the core's ``Responses`` does not name."""

        @overload
        def stream(
            self,
            *,
            response_id: str | None = None,
            starting_after: int | None = None,
            text_format: type[F],
            tools: Iterable[Any] | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
            **params: Any,
        ) -> AsyncStreamManager[F]: ...

        @overload
        def stream(
            self,
            *,
            response_id: str | None = None,
            starting_after: int | None = None,
            text_format: None = None,
            tools: Iterable[Any] | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
            **params: Any,
        ) -> AsyncStreamManager[NoReturn]: ...

        def stream(self, **options: Any) -> Any: ...


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

    @property
    def _stream_type(self) -> type[AsyncStream]:
        from .stream import AsyncStream  # loaded by the first streaming call

        return AsyncStream

    @property
    def _session_type(self) -> type[AsyncResponsesConnection]:
        from .session import AsyncResponsesConnection  # loaded when used

        return AsyncResponsesConnection

    _manager_type = AsyncStreamManager
    _pager_type = AsyncItemPager
    if TYPE_CHECKING:
        responses: _Responses
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


def __getattr__(name: str) -> object:
    if name == "AsyncStream":  # the stream shell, loaded when first used
        from .stream import AsyncStream

        return AsyncStream
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
