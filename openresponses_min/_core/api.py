# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``client.responses``: the Responses API's calls, each shaped into the request the client
sends (method, path, query, body) and how its answer is read (a ``Response``, or a
stream and whether it can be resumed).

One class for both clients: it gives back what the client's ``_call`` does, the answer
itself for ``Client``, an awaitable of it for ``AsyncClient``. Its type parameters say
which: ``Responses[Response, Stream, None, ResponsesConnection, ...]`` and
``Responses[Awaitable[Response], Awaitable[AsyncStream], Awaitable[None],
AsyncResponsesConnection, ...]``; ``parse``, whose type also depends on ``text_format``,
is typed for each client by overloads. So is ``stream``, by each shell (``_sync.client``,
``_asyncio.client``): what it gives is the shell's stream manager, which the core does not name.
"""

from __future__ import annotations

from functools import partial
from typing import Generic, TypeVar

from .request import path_segment

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Awaitable, Iterable, Mapping
    from typing import Any, Literal, Protocol, overload

    from ..response import ParsedResponse, Response
    from .config import Timeout

    class Caller(Protocol):
        def _call(self, method: str, path: str, **options: Any) -> Any: ...

        @property
        def _session_type(self) -> Any: ...

        def with_options(self, *, max_retries: int | None = None) -> Caller: ...

        @property
        def _manager_type(self) -> Any: ...

        @property
        def _pager_type(self) -> Any: ...


R = TypeVar("R")
"""What a call that answers with a response gives back."""
S = TypeVar("S")
"""What a call that answers with a stream gives back."""
N = TypeVar("N")
"""What ``delete`` gives back."""
W = TypeVar("W")
"""What ``connect`` gives back: the client's WebSocket connection."""
T = TypeVar("T")
"""What ``input_tokens.count`` gives back: ``InputTokens``, or an awaitable of it."""
C = TypeVar("C")
"""What ``compact`` gives back: a ``Compaction``, or an awaitable of it."""
P = TypeVar("P")
"""What ``input_items.list`` gives back: the client's pager of ``ItemPage``."""
F = TypeVar("F")
"""The type ``parse(text_format=F)`` parses the answer into."""


class Responses(Generic[R, S, N, W, T, C, P]):
    """``client.responses``: create, retrieve, cancel and delete responses; stream
    them; count a request's input tokens (``input_tokens.count``); compact a
    conversation (``compact``); talk in WebSocket mode (``connect``).

    Every call takes ``extra_headers``, ``extra_query`` (an Azure
    ``api-version``, say), ``extra_body`` (merged into the JSON body),
    ``timeout`` and ``max_retries`` (for this call; never sent), and ``betas``
    (OpenAI's beta features, sent as ``OpenAI-Beta``; ``client.beta.responses``
    is this same object, as the SDK spells it). Ids must be strings other than
    ``""``, ``.`` and ``..`` (``ValueError``, before anything is sent).
    """

    def __init__(self, client: Caller) -> None:
        self._client = client
        self.input_tokens: InputTokensCounter[T] = InputTokensCounter(self)
        self.input_items: InputItems[P] = InputItems(self)

    def _caller(self, max_retries: int | None) -> Caller:
        """The client, or for one call its twin with another ``max_retries``."""
        if max_retries is None:
            return self._client
        return self._client.with_options(max_retries=max_retries)

    if TYPE_CHECKING:

        @overload
        def create(
            self,
            *,
            stream: Literal[True],
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
            **params: Any,
        ) -> S: ...

        @overload
        def create(
            self,
            *,
            stream: Literal[False] = False,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
            **params: Any,
        ) -> R: ...

    def create(
        self,
        *,
        stream: bool = False,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
        **params: Any,
    ) -> R | S:
        """POST ``/responses`` with ``params`` as the JSON body, unknown ones too.

        With ``stream=True``, a stream of typed events (``Stream``, or for
        ``AsyncClient`` an ``AsyncStream``); else the ``Response``.
        """
        body = {**params, **({"stream": True} if stream else {}), **(extra_body or {})}
        result: R | S = self._caller(max_retries)._call(
            "POST", "/responses", body=body, query=extra_query,
            headers=_beta(extra_headers, betas),
            stream=stream, resumable=body.get("background") is True, timeout=timeout,
        )  # fmt: skip
        return result

    if TYPE_CHECKING:

        @overload
        def retrieve(
            self,
            response_id: str,
            *,
            stream: Literal[True],
            starting_after: int | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
        ) -> S: ...

        @overload
        def retrieve(
            self,
            response_id: str,
            *,
            stream: Literal[False] = False,
            starting_after: int | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
        ) -> R: ...

    def retrieve(
        self,
        response_id: str,
        *,
        stream: bool = False,
        starting_after: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
    ) -> R | S:
        """GET ``/responses/{id}``; with ``stream=True`` its events again, after
        ``starting_after`` when given (a background response's resume)."""
        query = {"stream": True if stream else None, "starting_after": starting_after}
        result: R | S = self._caller(max_retries)._call(
            "GET", f"/responses/{path_segment(response_id)}",
            query={**query, **(extra_query or {})}, body=extra_body,
            headers=_beta(extra_headers, betas),
            stream=stream, resumable=True, asked_for=response_id, after=starting_after,
            timeout=timeout,
        )  # fmt: skip
        return result

    def cancel(
        self,
        response_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
    ) -> R:
        """POST ``/responses/{id}/cancel``: stop a background response; its final state."""
        result: R = self._caller(max_retries)._call(
            "POST", f"/responses/{path_segment(response_id)}/cancel",
            query=extra_query, body=extra_body, headers=_beta(extra_headers, betas),
            timeout=timeout,
        )  # fmt: skip
        return result

    def delete(
        self,
        response_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
    ) -> N:
        """DELETE ``/responses/{id}``."""
        result: N = self._caller(max_retries)._call(
            "DELETE", f"/responses/{path_segment(response_id)}",
            query=extra_query, body=extra_body, headers=_beta(extra_headers, betas),
            timeout=timeout,
        )  # fmt: skip
        return result

    def compact(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
        **params: Any,
    ) -> C:
        """POST ``/responses/compact`` with ``params`` (``model``, ``input`` or
        ``previous_response_id``): the conversation compacted, a ``Compaction``."""
        from ..response import Compaction

        result: C = self._posted(
            "/responses/compact", Compaction, params, _beta(extra_headers, betas), extra_query,
            extra_body,
            timeout, max_retries,
        )  # fmt: skip
        return result

    def _posted(
        self, path: str, into: type, params: Mapping[str, Any],
        extra_headers: Mapping[str, str] | None, extra_query: Mapping[str, Any] | None,
        extra_body: Mapping[str, Any] | None, timeout: float | Timeout | None,
        max_retries: int | None,
    ) -> Any:  # fmt: skip
        """POST ``params`` to ``path``: what the client's ``_call`` gives, built as ``into``."""
        return self._caller(max_retries)._call(
            "POST", path, body={**params, **(extra_body or {})}, query=extra_query,
            headers=extra_headers, timeout=timeout, into=into,
        )  # fmt: skip

    if TYPE_CHECKING:

        @overload
        def parse(
            self: Responses[Response, Any, Any, Any, Any, Any, Any],
            *,
            text_format: type[F] | None = None,
            tools: Iterable[Any] | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
            **params: Any,
        ) -> ParsedResponse[F]: ...

        @overload
        def parse(
            self: Responses[Awaitable[Response], Any, Any, Any, Any, Any, Any],
            *,
            text_format: type[F] | None = None,
            tools: Iterable[Any] | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            max_retries: int | None = None,
            betas: list[str] | None = None,
            **params: Any,
        ) -> Awaitable[ParsedResponse[F]]: ...

    def parse(
        self,
        *,
        text_format: Any = None,
        tools: Iterable[Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
        **params: Any,
    ) -> Any:
        """``create()`` asking for a structured answer: ``text_format`` (a dataclass,
        a TypedDict or a pydantic model) is sent as its strict JSON Schema, and the
        answer comes back as a ``ParsedResponse`` with ``output_parsed``. Function
        calls of ``tools`` made by ``function_tool`` (or the SDK's
        ``pydantic_function_tool``) carry ``parsed_arguments``. ``OutputParseError``
        says which field of an answer did not fit."""
        from .._model.structured import Parsing, request_params

        if "stream" in params:
            raise TypeError("parse() does not stream: use stream(text_format=...)")
        body = {**request_params(params, text_format, tools), **(extra_body or {})}
        return self._caller(max_retries)._call(
            "POST", "/responses", body=body, query=extra_query,
            headers=_beta(extra_headers, betas), timeout=timeout,
            into=Parsing(text_format, tools),
        )  # fmt: skip

    def stream(
        self,
        *,
        response_id: str | None = None,
        starting_after: int | None = None,
        text_format: Any = None,
        tools: Iterable[Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
        **params: Any,
    ) -> Any:
        """The SDK's ``stream()``: ``with`` (``async with``) it to send the request and
        get its stream, closed at the end of the block. ``create(stream=True, **params)``,
        or with ``response_id`` (and no ``params``) ``retrieve(response_id, stream=True,
        starting_after=...)``, a background response's events again. Its
        ``get_final_response()`` is a ``ParsedResponse``: ``text_format`` and ``tools``
        as for ``parse()``."""
        from .._model.structured import Parsing, request_params

        options = {
            "extra_headers": extra_headers, "extra_query": extra_query, "extra_body": extra_body,
            "betas": betas,
            "timeout": timeout, "max_retries": max_retries,
        }  # fmt: skip
        if response_id is None:
            body = request_params(params, text_format, tools)
            opening = partial(self.create, stream=True, **options, **body)
        elif params or tools is not None:
            raise TypeError(
                f"stream(response_id=...) takes no request parameters: {sorted(params)}"
            )
        else:
            opening = partial(
                self.retrieve, response_id, stream=True, starting_after=starting_after, **options
            )
        return self._client._manager_type(opening, Parsing(text_format, tools))

    def connect(
        self,
        *,
        ping_interval: float | None = 20.0,
        ping_timeout: float = 20.0,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> W:
        """A WebSocket connection to ``/responses`` (WebSocket mode), opened on ``with``
        (``async with``) or at its first ``create``: see ``ResponsesConnection``."""
        session: W = self._client._session_type(
            self._client, ping_interval=ping_interval, ping_timeout=ping_timeout,
            extra_headers=extra_headers, extra_query=extra_query,
        )  # fmt: skip
        return session


class InputTokensCounter(Generic[T]):
    """``client.responses.input_tokens``."""

    def __init__(self, responses: Responses[Any, Any, Any, Any, T, Any, Any]) -> None:
        self._responses = responses

    def count(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
        **params: Any,
    ) -> T:
        """POST ``/responses/input_tokens`` with a request's ``params``: the tokens its
        input would take, an ``InputTokens``; no response is made."""
        from ..response import InputTokens

        result: T = self._responses._posted(
            "/responses/input_tokens", InputTokens, params, _beta(extra_headers, betas),
            extra_query,
            extra_body, timeout, max_retries,
        )  # fmt: skip
        return result


class InputItems(Generic[P]):
    """``client.responses.input_items``."""

    def __init__(self, responses: Responses[Any, Any, Any, Any, Any, Any, P]) -> None:
        self._responses = responses

    def list(
        self,
        response_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: str | None = None,
        include: list[str] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        max_retries: int | None = None,
        betas: list[str] | None = None,
    ) -> P:
        """GET ``/responses/{id}/input_items``: the items a response was given, a page
        at a time (``limit``, ``order`` ``"asc"`` or ``"desc"``, after the item
        ``after``). Iterating the pager gives every item, asking for page after page."""
        path = f"/responses/{path_segment(response_id)}/input_items"
        caller = self._responses._caller(max_retries)
        query = {"limit": limit, "order": order, "include[]": include, **(extra_query or {})}

        def page(cursor: str | None) -> Any:
            from ..response import ItemPage

            return caller._call(
                "GET", path, query={**query, "after": cursor},
                headers=_beta(extra_headers, betas),
                timeout=timeout, into=ItemPage,
            )  # fmt: skip

        pager: P = self._responses._client._pager_type(page, after)
        return pager


def _beta(headers: Mapping[str, str] | None, betas: list[str] | None) -> Mapping[str, str] | None:
    """``headers`` with the ``OpenAI-Beta`` that names ``betas``, as the SDK sends it."""
    if not betas:
        return headers
    return {"OpenAI-Beta": ",".join(betas), **(headers or {})}
