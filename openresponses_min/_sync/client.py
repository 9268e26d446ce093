# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``Client``: the Responses API over the sync transport, a thin shell.

Its sans-I/O core (``_core.client.ClientCore``) driven with blocking calls (``_core.steps.run``) on
the socket transport (``_sync.transport``); nothing is decided here. Its ``Stream`` is in
``_sync.stream``, loaded by the first streaming call (``Stream`` here still names it).
``AsyncClient`` is the same core on asyncio.
"""

from __future__ import annotations

import time
from typing import Generic, TypeVar

from .._core.client import ClientCore
from .._core.steps import run
from .transport import SyncPool

F = TypeVar("F")
"""The type ``stream(text_format=F)`` parses the final answer into."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from typing import Any, NoReturn, overload

    from .._core.api import Responses
    from .._core.config import Timeout
    from .._model.structured import Parsing
    from ..response import Compaction, InputTokens, ItemPage, OutputItem, ParsedResponse, Response
    from .session import ResponsesConnection
    from .stream import Stream as Stream


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


if TYPE_CHECKING:

    class _Responses(
        Responses[
            Response,
            Stream,
            None,
            ResponsesConnection,
            InputTokens,
            Compaction,
            ItemPager,
        ]
    ):
        """``Client.responses`` to type checkers: its ``stream()`` gives this shell's
        ``StreamManager``, which the core's ``Responses`` does not name."""

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
        ) -> StreamManager[F]: ...

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
        ) -> StreamManager[NoReturn]: ...

        def stream(self, **options: Any) -> Any: ...


class Client(ClientCore):
    __doc__ = f"""{ClientCore.__doc__}
    A client may be shared between threads; a ``Stream`` belongs to the thread
    that iterates it (but may be closed from any).
    """

    _pool_type = SyncPool

    @property
    def _stream_type(self) -> type[Stream]:
        from .stream import Stream  # loaded by the first streaming call

        return Stream

    @property
    def _session_type(self) -> type[ResponsesConnection]:
        from .session import ResponsesConnection  # WebSocket mode, loaded when used

        return ResponsesConnection

    _manager_type = StreamManager
    _pager_type = ItemPager
    if TYPE_CHECKING:
        responses: _Responses

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


def __getattr__(name: str) -> object:
    if name == "Stream":  # the stream shell, loaded when first used
        from .stream import Stream

        return Stream
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
