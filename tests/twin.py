# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``AsyncTwin``: an ``AsyncClient`` behind ``Client``'s blocking surface, so that the
client, stream, fault and limit suites run unchanged against both clients.

Each twin runs its own event loop in a thread of its own, for as long as it is open, as
an application's loop runs: timers fire and closed transports close between the test's
steps. Every blocking call becomes the awaited call, submitted to that loop; what it
returns or raises comes back as it is (an ``AsyncStream`` wrapped in ``StreamTwin``).
Closing a stream from another thread submits ``close()`` to the loop, where it runs as
another task beside the one reading.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

from openresponses_min import AsyncClient, AsyncStream, AsyncStreamManager

T = TypeVar("T")

HUNG = 120.0
"""Seconds after which a call made through a twin counts as hung."""


class AsyncTwin:
    """See the module docstring. Attributes not named here are the ``AsyncClient``'s."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._closed = False
        try:
            self.client = self.wait(_make(args, kwargs))  # made on its loop, bound to it
        except BaseException:
            self._stop()
            raise
        self.responses = _TwinResponses(self)

    def wait(self, awaitable: Awaitable[T]) -> T:
        """What ``awaitable`` gives, run on the twin's loop."""

        async def run() -> T:
            return await awaitable

        # A call that outlasts this has hung (a frozen loop, say): fail, never hang the run.
        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(HUNG)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)

    def __enter__(self) -> AsyncTwin:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._closed:
            return
        self.wait(self.client.close())
        self._stop()

    def _stop(self) -> None:
        self._closed = True
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        self._loop.close()

    def twin(self, value: Any) -> Any:
        return StreamTwin(self, value) if isinstance(value, AsyncStream) else value


async def _make(args: tuple[Any, ...], kwargs: dict[str, Any]) -> AsyncClient:
    return AsyncClient(*args, **kwargs)


class _TwinResponses:
    """``client.responses`` (or one of its parts, ``input_tokens``) made blocking."""

    def __init__(self, twin: AsyncTwin, part: Any = None) -> None:
        self._twin = twin
        self._part = twin.client.responses if part is None else part

    def __getattr__(self, name: str) -> Any:
        call = getattr(self._part, name)
        if not callable(call):
            return _TwinResponses(self._twin, call)

        def blocking(*args: Any, **kwargs: Any) -> Any:
            result = call(*args, **kwargs)
            if isinstance(result, AsyncStreamManager):
                return _ManagerTwin(self._twin, result)
            return self._twin.twin(self._twin.wait(result))

        return blocking


class _ManagerTwin:
    """An ``AsyncStreamManager`` behind ``StreamManager``'s blocking surface."""

    def __init__(self, twin: AsyncTwin, manager: AsyncStreamManager) -> None:
        self._twin = twin
        self._manager = manager

    def __enter__(self) -> StreamTwin:
        return StreamTwin(self._twin, self._twin.wait(self._manager.__aenter__()))

    def __exit__(self, *exc_info: object) -> None:
        self._twin.wait(self._manager.__aexit__(*exc_info))


class StreamTwin:
    """An ``AsyncStream`` behind ``Stream``'s blocking surface."""

    def __init__(self, twin: AsyncTwin, stream: AsyncStream) -> None:
        object.__setattr__(self, "_twin", twin)
        object.__setattr__(self, "stream", stream)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.stream, name)
        if not inspect.iscoroutinefunction(value):
            return value

        def blocking(*args: Any, **kwargs: Any) -> Any:
            result = self._twin.wait(value(*args, **kwargs))
            return self if result is self.stream else self._twin.twin(result)

        return blocking

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.stream, name, value)

    def __repr__(self) -> str:
        return repr(self.stream)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        event = self._twin.wait(anext(self.stream, None))
        if event is None:
            raise StopIteration
        return event

    def __enter__(self) -> StreamTwin:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._twin.wait(self.stream.__aexit__(None, None, None))

    def text_deltas(self) -> Iterator[str]:
        deltas = self.stream.text_deltas()
        while (text := self._twin.wait(anext(deltas, None))) is not None:
            yield text
