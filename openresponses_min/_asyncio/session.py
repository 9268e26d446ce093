# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``AsyncResponsesConnection``: WebSocket mode for ``AsyncClient``, the session core
driven on asyncio. Loaded on the first ``client.responses.connect()``."""

from __future__ import annotations

from .._core.config import optional_timeout
from .._core.session import SessionCore
from ..errors import WebSocketClosedError
from .transport import arun

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Mapping
    from typing import Any

    from .._core.config import Timeout
    from .._core.session import ConnectionResponse
    from ..events import Event
    from .stream import AsyncStream, _Client


class AsyncResponsesConnection(SessionCore):
    """``ResponsesConnection`` on asyncio: ``async with client.responses.connect() as
    conn``, ``await conn.create(...)`` giving an ``AsyncStream`` (and ``await
    conn.successor()``), ``await conn.steer(...)``, ``await conn.send(...)``, ``await
    conn.recv()``, ``await conn.close()``, ``await conn.response.create(...)`` and
    ``async for event in conn``; everything else as there."""

    if TYPE_CHECKING:
        _client: _Client
        response: ConnectionResponse[Awaitable[None]]

    async def __aenter__(self) -> AsyncResponsesConnection:
        self._client._connections.bind()
        await arun(self._ready_steps())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def create(self, *, timeout: float | Timeout | None = None, **params: Any) -> AsyncStream:
        """As ``ResponsesConnection.create``, awaited."""
        self._client._connections.bind()
        stream: AsyncStream = await arun(self._create_steps(params, optional_timeout(timeout)))
        return stream

    async def steer(self, *, previous_response_id: str, input: str | list[dict[str, Any]]) -> None:
        self._client._connections.bind()
        await arun(self._steer_steps(previous_response_id, input))

    async def successor(self, *, timeout: float | Timeout | None = None) -> AsyncStream:
        self._client._connections.bind()
        stream: AsyncStream = self._successor(optional_timeout(timeout))
        return stream

    async def send(self, message: Mapping[str, Any]) -> None:
        self._client._connections.bind()
        await arun(self._send_steps(message))

    async def recv(self, timeout: float | None = None) -> Event:
        self._client._connections.bind()
        return await arun(self._recv_steps(timeout))

    async def __aiter__(self) -> AsyncIterator[Event]:
        try:
            while True:
                yield await self.recv()
        except WebSocketClosedError as error:
            if not self._ends_iteration(error):
                raise

    async def close(self) -> None:
        await arun(self._close_steps())
