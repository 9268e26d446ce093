# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``client.responses``: the Responses API's calls, each shaped into the request the client
sends (method, path, query, body) and how its answer is read (a ``Response``, or a
``Stream`` and whether it can be resumed).
"""

from __future__ import annotations

from .request import path_segment
from .response import Response

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Literal, overload

    from ._config import Timeout
    from ._stream import Stream
    from .client import Client


class Responses:
    """``client.responses``: create, retrieve, cancel and delete responses.

    Every call takes ``extra_headers``, ``extra_query`` (an Azure
    ``api-version``, say), ``extra_body`` (merged into the JSON body) and
    ``timeout``. Ids must be strings other than ``""``, ``.`` and ``..``
    (``ValueError``, before anything is sent).
    """

    def __init__(self, client: Client) -> None:
        self._client = client

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
            **params: Any,
        ) -> Stream: ...

        @overload
        def create(
            self,
            *,
            stream: Literal[False] = False,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            extra_body: Mapping[str, Any] | None = None,
            timeout: float | Timeout | None = None,
            **params: Any,
        ) -> Response: ...

    def create(
        self,
        *,
        stream: bool = False,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
        **params: Any,
    ) -> Response | Stream:
        """POST ``/responses`` with ``params`` as the JSON body, unknown ones too.

        With ``stream=True``, a ``Stream`` of typed events; else the ``Response``.
        """
        body = {**params, **({"stream": True} if stream else {}), **(extra_body or {})}
        return self._client._call(
            "POST", "/responses", body=body, query=extra_query, headers=extra_headers,
            stream=stream, resumable=body.get("background") is True, timeout=timeout,
        )  # fmt: skip

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
        ) -> Stream: ...

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
        ) -> Response: ...

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
    ) -> Response | Stream:
        """GET ``/responses/{id}``; with ``stream=True`` its events again, after
        ``starting_after`` when given (a background response's resume)."""
        query = {"stream": True if stream else None, "starting_after": starting_after}
        return self._client._call(
            "GET", f"/responses/{path_segment(response_id)}",
            query={**query, **(extra_query or {})}, body=extra_body, headers=extra_headers,
            stream=stream, resumable=True, asked_for=response_id, after=starting_after,
            timeout=timeout,
        )  # fmt: skip

    def cancel(
        self,
        response_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
    ) -> Response:
        """POST ``/responses/{id}/cancel``: stop a background response; its final state."""
        result = self._client._call(
            "POST", f"/responses/{path_segment(response_id)}/cancel",
            query=extra_query, body=extra_body, headers=extra_headers, timeout=timeout,
        )  # fmt: skip
        assert isinstance(result, Response)  # not a stream: stream=False
        return result

    def delete(
        self,
        response_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | Timeout | None = None,
    ) -> None:
        """DELETE ``/responses/{id}``."""
        self._client._call(
            "DELETE", f"/responses/{path_segment(response_id)}",
            query=extra_query, body=extra_body, headers=extra_headers, timeout=timeout,
        )  # fmt: skip
