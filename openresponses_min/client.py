# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The HTTP client: ``Client``, its ``responses`` resource and ``Stream``, over ``http.client``.

This is the only module that touches sockets. What to send comes from
``request``, what a response means (error, retry, wait) from ``policy``,
and the events of a stream from ``streaming``; an asyncio client can reuse
all three and differ only in how it reads and writes bytes.

Retries happen only before the first byte of a successful response: once a
stream has started, a failure is raised (as ``APIConnectionError`` or
``APITimeoutError``, with the response id and last sequence number), never
retried. Redirects are not followed, so the API key only ever goes to the
configured host.
"""

from __future__ import annotations

import http.client
import json
import logging
import math
import os
import random
import socket
import ssl
import threading
import time
import warnings
from collections import deque
from dataclasses import dataclass

from ._lifecycle import DEFAULT_MAX_RESPONSE_SIZE, StreamLifecycle, body_too_large
from ._redact import Redactor
from ._text import TextJoiner
from .accumulate import FunctionArgumentsError, FunctionCall, function_calls
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APITimeoutError,
    OpenResponsesError,
    ResponseTooLargeError,
    StreamInterruptedError,
)
from .events import ResponseOutputTextDeltaEvent
from .policy import error_body, retry_delay, should_retry, status_error
from .request import (
    PreparedRequest,
    check_header,
    credentials_in,
    is_loopback,
    parse_proxy,
    parse_url,
    path_segment,
    prepare,
    proxy_from_environment,
)
from .response import Response
from .sse import DEFAULT_MAX_EVENT_SIZE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from types import TracebackType
    from typing import Any, Literal, overload

    from .events import Event
    from .request import Proxy

logger = logging.getLogger("openresponses_min")

DEFAULT_BASE_URL = "https://api.openai.com/v1"
OPENAI_HOST = "api.openai.com"
READ_SIZE = 65536
DEFAULT_MAX_HEADER_SIZE = 64 << 10
"""Bytes of one response's headers at most, by default."""
DRAIN_WAIT = 0.1
"""Seconds to wait for the end of a body after ``[DONE]`` before closing instead."""
TUNNEL_HEAD_LIMIT = 65536
"""Bytes of a proxy's answer to CONNECT read at most."""
ERROR_BODY_LIMIT = 1 << 20
"""Bytes of an error body read at most; the rest is not waited for."""
MAX_TIMEOUT = 1e8
"""Seconds: about three years, beyond which sockets cannot count; ``None`` waits forever."""


@dataclass(frozen=True, slots=True)
class Timeout:
    """Seconds to wait: ``connect`` for a connection (with TLS and any proxy
    tunnel), ``read`` for each next byte of a response, so a stalled stream
    fails after ``read`` seconds of silence however long it has run.
    ``None`` waits forever; anything else must be a positive number of
    seconds (``ValueError`` otherwise). The defaults are the official SDK's."""

    connect: float | None = 5.0
    read: float | None = 600.0

    def __post_init__(self) -> None:
        for name in ("connect", "read"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"the {name} timeout must be a number of seconds or None")
            if not 0 < value <= MAX_TIMEOUT:  # NaN fails this too
                shown = "infinite" if value == math.inf else f"{value!r} seconds"
                raise ValueError(
                    f"the {name} timeout must be more than 0 and at most {MAX_TIMEOUT:g} "
                    f"seconds, or None to wait forever; not {shown}"
                )


_warned_hosts: set[str] = set()


class Client:
    """A client for the Responses API of OpenAI or any Open Responses server.

    ``api_key`` defaults to ``$OPENAI_API_KEY``; ``base_url`` to
    ``$OPENAI_BASE_URL``, then ``https://api.openai.com/v1`` (surrounding
    whitespace is ignored). Without a key no ``Authorization`` is sent, for
    local servers; OpenAI itself without a key is a ``ValueError`` at once.
    ``timeout`` is seconds or a ``Timeout``. Everything given is checked
    here, before any call, and refused with ``ValueError``: a message names
    what is wrong, never a key's value.
    ``proxy`` (``http://[user:pass@]host:port``) defaults to ``$HTTPS_PROXY``
    / ``$HTTP_PROXY`` / ``$ALL_PROXY`` unless ``$NO_PROXY`` excludes the host;
    https goes through it in a CONNECT tunnel. Certificates are always
    verified: against ``$SSL_CERT_FILE`` / ``$SSL_CERT_DIR`` when set, else
    the system's, unless you pass your own ``ssl_context``.

    A background response's stream that breaks off is resumed up to
    ``max_resumes`` times (see ``Stream``). Limits keep memory bounded
    whatever a server sends: ``max_event_size`` bytes for one event
    (``SSEError`` past it), ``max_response_size`` for a whole body and
    ``max_header_size`` for the headers (``ResponseTooLargeError``).

    The API key, the proxy's credentials and the credentials in
    ``default_headers`` (``Authorization``, ``api-key``, ``x-api-key``) are
    redacted from every exception and log record, however a server echoes
    them.

    One kept-alive connection is reused from call to call. A client may be
    shared between threads: a call made while another holds the connection
    opens its own, and a ``Stream`` belongs to the thread that iterates it.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | Timeout | None = None,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
        proxy: str | None = None,
        max_resumes: int = 3,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_header_size: int = DEFAULT_MAX_HEADER_SIZE,
    ) -> None:
        for name, value, least in [
            ("max_retries", max_retries, 0), ("max_resumes", max_resumes, 0),
            ("max_event_size", max_event_size, 1), ("max_response_size", max_response_size, 1),
            ("max_header_size", max_header_size, 1),
        ]:  # fmt: skip
            if not isinstance(value, int) or value < least:
                raise ValueError(f"{name} must be an int >= {least}")
        url = base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        self._origin = parse_url(url)
        self.base_url = self._origin.url(self._origin.path)
        self._api_key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
        if not isinstance(self._api_key, (str, type(None))):
            raise TypeError(f"api_key must be a string, not {type(self._api_key).__name__}")
        if self._api_key:
            check_header("Authorization", f"Bearer {self._api_key}")
        elif self._origin.host == OPENAI_HOST:
            raise ValueError(
                "no API key for OpenAI: set OPENAI_API_KEY or pass api_key= "
                "(a server of your own, with another base_url, may need none)"
            )
        self.timeout = _as_timeout(timeout)
        self.max_retries = max_retries
        self.max_resumes = max_resumes
        self.max_event_size = max_event_size
        self.max_response_size = max_response_size
        self.max_header_size = max_header_size
        self._headers = dict(default_headers or {})
        for header, text in self._headers.items():
            check_header(header, text)
        self._proxy = (
            parse_proxy(proxy) if proxy else proxy_from_environment(self._origin, os.environ)
        )
        if self._proxy is not None and self._proxy.origin.scheme != "http":
            raise ValueError("only http:// proxies are supported (https goes through CONNECT)")
        self._redact = Redactor(
            [
                self._api_key,
                *(self._proxy.secrets if self._proxy is not None else ()),
                *credentials_in(self._headers),
            ]
        )
        self._ssl_context = ssl_context
        self._idle: http.client.HTTPConnection | None = None
        self._lock = threading.Lock()
        self.responses = Responses(self)
        self._warn_if_unencrypted()

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r}, max_retries={self.max_retries})"

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the kept-alive connection; a later call opens a new one."""
        with self._lock:
            idle, self._idle = self._idle, None
        if idle is not None:
            idle.close()

    # --- one exchange, with retries ---------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        resumable: bool = False,
        asked_for: str | None = None,
        after: int | None = None,
        timeout: float | Timeout | None = None,
    ) -> Response | Stream:
        """One call; every error it raises has the client's secrets redacted."""
        try:
            request = prepare(
                method,
                self._origin,
                path,
                api_key=self._api_key,
                headers={**self._headers, **(headers or {})},
                query=query,
                body=body,
                stream=stream,
            )
            limits = self.timeout if timeout is None else _as_timeout(timeout)
            conn, response = self._open(request, limits)
            if stream:
                return self._stream(conn, response, resumable, asked_for, after)
            return self._finish(conn, response, request.method)
        except OpenResponsesError as error:
            self._redact.error(error)
            raise

    def _open(
        self, request: PreparedRequest, limits: Timeout
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """Send until a success status comes back, retrying as ``policy`` says."""
        url = self._origin.url(request.target)
        retries = 0
        while True:
            conn, reused = self._checkout(limits)
            try:
                response = self._exchange(conn, request, limits)
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                if reused and isinstance(exc, _STALE):
                    continue  # the server closed the idle connection; not a failure
                if isinstance(exc, http.client.LineTooLong) or "got more than" in str(exc):
                    raise ResponseTooLargeError(
                        f"response headers too large for http.client: {exc}",
                        limit=self.max_header_size,
                        received=0,
                    ) from exc
                failure: APIError = _transport_error(exc, url)
                failure.__cause__ = exc
                headers: dict[str, str] = {}
                retry = _retryable(exc)
            else:
                if response.status < 300:
                    return conn, response
                headers = _headers(response)
                body = self._read_error_body(conn, response)
                failure = status_error(response.status, response.reason, headers, body)
                retry = should_retry(response.status, headers)
            self._redact.error(failure)
            delay = retry_delay(retries, headers, now=time.time(), jitter=random.random)
            if not retry or retries >= self.max_retries or delay is None:
                raise failure
            retries += 1
            self._redact.log(
                logger, logging.INFO, "retry %d of %d for %s %s in %.2f s: %s",
                retries, self.max_retries, request.method, url, delay, failure,
            )  # fmt: skip
            time.sleep(delay)

    def _exchange(
        self, conn: http.client.HTTPConnection, request: PreparedRequest, limits: Timeout
    ) -> http.client.HTTPResponse:
        if conn.sock is None:
            self._connect(conn, limits)
        target, headers = request.target, request.headers
        if self._proxy is not None and self._origin.scheme == "http":
            # Plain http goes to the proxy in absolute form; https is tunnelled instead.
            target = self._origin.url(target)
            if self._proxy.authorization:
                headers = {**headers, "Proxy-Authorization": self._proxy.authorization}
        self._redact.log(logger, logging.DEBUG, "%s %s", request.method, self._origin.url(target))
        conn.request(request.method, target, body=request.body, headers=headers)
        response = conn.getresponse()
        size = sum(len(name) + len(value) + 4 for name, value in response.getheaders())
        if size > self.max_header_size:
            conn.close()
            raise ResponseTooLargeError(
                f"response headers exceed max_header_size ({size:,} > "
                f"{self.max_header_size:,} bytes)",
                limit=self.max_header_size,
                received=size,
                request_id=response.getheader("x-request-id"),
            )
        self._redact.log(
            logger, logging.DEBUG, "%s %s -> %d (request id %s)",
            request.method, request.target, response.status, response.getheader("x-request-id"),
        )  # fmt: skip
        return response

    def _finish(
        self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse, method: str
    ) -> Response:
        """The ``Response`` a JSON body holds; what ``DELETE`` answers is not needed."""
        headers = _headers(response)
        try:
            body = response.read(self.max_response_size + 1)
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise _transport_error(exc, self.base_url) from exc
        if len(body) > self.max_response_size:
            conn.close()
            raise body_too_large(self.max_response_size, len(body), headers.get("x-request-id"))
        self._checkin(conn, response)
        if method == "DELETE":
            return Response()
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
            data = None
        if not isinstance(data, dict):
            raise _unexpected(response.status, headers, body, "a JSON object")
        return Response.from_dict(data)

    def _stream(
        self,
        conn: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        resumable: bool,
        asked_for: str | None,
        after: int | None,
    ) -> Stream:
        headers = _headers(response)
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "text/event-stream":
            body = self._read_error_body(conn, response)
            raise _unexpected(response.status, headers, body, "an event stream")
        return Stream(self, conn, response, headers, resumable, asked_for, after)

    def _read_error_body(
        self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse
    ) -> bytes:
        """Up to ``ERROR_BODY_LIMIT`` bytes of a body that explains an error; whatever
        fails while reading it, the error it explains matters more."""
        try:
            body = response.read(ERROR_BODY_LIMIT)
        except (OSError, http.client.HTTPException):
            body = b""
        self._checkin(conn, response)
        return body

    # --- connections ------------------------------------------------------------------------

    def _checkout(self, limits: Timeout) -> tuple[http.client.HTTPConnection, bool]:
        with self._lock:
            idle, self._idle = self._idle, None
        if idle is not None:
            assert idle.sock is not None
            idle.sock.settimeout(limits.read)
            return idle, True
        return self._connection(limits), False

    def _checkin(
        self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse
    ) -> None:
        """Keep a connection whose response was read to the end, unless one is kept already."""
        if response.isclosed() and not response.will_close and conn.sock is not None:
            with self._lock:
                if self._idle is None:
                    self._idle = conn
                    return
        conn.close()

    def _connection(self, limits: Timeout) -> http.client.HTTPConnection:
        """A connection not yet opened: to the origin, or to the proxy for plain http."""
        origin, proxy = self._origin, self._proxy
        if origin.scheme == "https":
            return http.client.HTTPSConnection(
                origin.host, origin.port, timeout=limits.connect, context=self._tls()
            )
        host, port = (origin.host, origin.port) if proxy is None else _address(proxy)
        return http.client.HTTPConnection(host, port, timeout=limits.connect)

    def _connect(self, conn: http.client.HTTPConnection, limits: Timeout) -> None:
        """Open ``conn``; https through a proxy goes through a CONNECT tunnel made here,
        because ``http.client``'s own leaks a socket when the proxy refuses (Python 3.10)."""
        if self._proxy is None or self._origin.scheme != "https":
            conn.connect()
        else:
            tunnel = self._tunnel(self._proxy, limits)
            try:
                conn.sock = self._tls().wrap_socket(tunnel, server_hostname=self._origin.host)
            except BaseException:
                tunnel.close()
                raise
        assert conn.sock is not None
        conn.sock.settimeout(limits.read)

    def _tunnel(self, proxy: Proxy, limits: Timeout) -> socket.socket:
        """A socket through ``proxy`` to the origin, after a successful CONNECT."""
        target = self._origin.host_port
        sock = socket.create_connection(_address(proxy), timeout=limits.connect)
        try:
            lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
            if proxy.authorization:
                lines.append(f"Proxy-Authorization: {proxy.authorization}")
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            head = b""
            while b"\r\n\r\n" not in head:
                data = sock.recv(4096)
                if not data or len(head) > TUNNEL_HEAD_LIMIT:
                    raise OSError("Tunnel connection failed: no valid answer from the proxy")
                head += data
            status = head.split(b"\r\n", 1)[0].decode("latin-1")
            if status.split(" ")[1:2] != ["200"]:
                raise OSError(f"Tunnel connection failed: {status}")
        except BaseException:
            sock.close()
            raise
        return sock

    def _tls(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = ssl.create_default_context(
                cafile=os.environ.get("SSL_CERT_FILE") or None,
                capath=os.environ.get("SSL_CERT_DIR") or None,
            )
        return self._ssl_context

    def _warn_if_unencrypted(self) -> None:
        host = self._origin.host
        if self._origin.scheme == "http" and not is_loopback(host) and host not in _warned_hosts:
            _warned_hosts.add(host)
            warnings.warn(
                f"base_url {self.base_url} is plain http to another machine: the API key "
                "and your data travel unencrypted",
                stacklevel=3,
            )


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


class Stream:
    """The typed events of a streamed response, read as you iterate.

    Iterate it, or call ``next()``; a ``break`` can be resumed. Use it as a
    context manager or call ``close()``: closing before the end closes the
    connection at once, so nothing is left downloading. Reading it to the
    end keeps the connection for the next call.

    Every event is delivered once, those after the terminal event too; then
    the stream judges how it ended (see ``StreamLifecycle``).
    ``response.completed`` and ``response.incomplete`` end it normally.
    ``response.failed``, an ``error`` event followed by the end, or an error
    frame without a ``type`` raise ``ResponseFailedError``. An end (EOF,
    ``[DONE]``, a dropped connection, a stall past the read timeout) before
    any terminal event raises ``StreamInterruptedError``
    (``StreamTimeoutError`` for a stall), unless the stream is resumable: a
    background response's stream (``create(background=True, stream=True)``
    or ``retrieve(id, stream=True)``) with sequence numbers reconnects with
    ``starting_after`` the last one, up to the client's ``max_resumes``
    times with backoff, and carries on where it stopped. Set
    ``raise_on_failure = False`` to end quietly instead; ``failure`` then
    holds the error that would have been raised. A format or limit error
    (``EventParseError``, ``SSEError``, ``ResponseTooLargeError``) is raised
    whatever ``raise_on_failure`` says.

    ``response`` and ``output_text`` are the response rebuilt so far;
    ``response_id`` is its first snapshot's id.
    """

    def __init__(
        self,
        client: Client,
        conn: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        headers: dict[str, str],
        resumable: bool = False,
        asked_for: str | None = None,
        after: int | None = None,
    ) -> None:
        self._client = client
        self._conn: http.client.HTTPConnection | None = conn
        self._body = response
        self.status_code = response.status
        self.headers = headers
        """Response headers, names in lower case."""
        self.request_id = headers.get("x-request-id")
        self._lifecycle = StreamLifecycle(
            max_event_size=client.max_event_size,
            max_response_size=client.max_response_size,
            redactor=client._redact,
            request_id=self.request_id,
            asked_for=asked_for,
            after=after,
        )
        self._pending: deque[Event] = deque()
        self._failure: OpenResponsesError | None = None
        self._ended = False
        self._closed = False
        self._resumable = resumable
        self.raise_on_failure = True
        self.failure: OpenResponsesError | None = None
        """What ended the stream badly, raised or not."""

    @property
    def response_id(self) -> str | None:
        """The response's id: the one asked for, else the first snapshot's."""
        return self._lifecycle.response_id

    @property
    def last_sequence_number(self) -> int | None:
        """The sequence number of the last event delivered, what a resume starts after."""
        return self._lifecycle.last_sequence_number

    @property
    def response(self) -> Response:
        """The response rebuilt from the events so far."""
        return self._lifecycle.accumulator.response

    @property
    def output_text(self) -> str:
        """The output text so far."""
        return self._lifecycle.accumulator.output_text

    def __repr__(self) -> str:
        return self._client._redact.text(
            f"Stream(status_code={self.status_code}, request_id={self.request_id!r}, "
            f"response_id={self.response_id!r}, "
            f"last_sequence_number={self.last_sequence_number!r})"
        )

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        while not self._pending:
            if self._failure is not None:
                failure, self._failure = self._failure, None
                raise failure
            if self._ended:
                raise StopIteration
            if self._conn is None:
                self._end()
            else:
                self._read()
        return self._pending.popleft()

    def __enter__(self) -> Stream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading; the connection is closed unless the body was read to the end.
        Iterating a closed stream ends at once, raising nothing."""
        self._closed = self._ended = True
        self._pending.clear()
        self._failure = None
        self._disconnect()

    def cancel(self) -> Response | None:
        """Close the stream and, for a background response, ask the server to cancel it;
        the cancelled response, or ``None`` when there was nothing to cancel."""
        self.close()
        response_id = self._lifecycle.response_id
        if self._resumable and response_id is not None:
            return self._client.responses.cancel(response_id)
        return None

    # --- helpers ----------------------------------------------------------------------------

    def text_deltas(self) -> Iterator[str]:
        """The output text as it arrives, delta by delta; a UTF-16 surrogate pair that a
        server split between two deltas comes out as its character, and a delta that
        is not a string (or is empty) gives nothing."""
        joiner = TextJoiner()
        for event in self:
            if isinstance(event, ResponseOutputTextDeltaEvent) and isinstance(event.delta, str):
                text = joiner.feed(event.delta)
                if text:
                    yield text
        rest = joiner.flush()
        if rest:
            yield rest

    def until_done(self) -> Stream:
        """Read to the end (raising as iteration would); this stream."""
        for _ in self:
            pass
        return self

    def get_final_response(self) -> Response:
        """Read to the end and give the response rebuilt from all its events."""
        return self.until_done().response

    def function_calls(self) -> list[FunctionCall]:
        """Read to the end; the response's function calls, arguments parsed from JSON."""
        try:
            return function_calls(self.get_final_response())
        except FunctionArgumentsError as error:
            self._client._redact.error(error)
            raise

    # --- reading ----------------------------------------------------------------------------

    def _read(self) -> None:
        """Read once: events go to ``_pending``; the end of the body to ``_end()``."""
        try:
            chunk = self._body.read1(READ_SIZE)
        except (OSError, http.client.HTTPException) as exc:
            self._disconnect()
            self._broken(exc)
            return
        lifecycle = self._lifecycle
        if not chunk:
            lifecycle.end_of_body()
            self._release()
            return
        self._pending.extend(lifecycle.feed(chunk))
        if lifecycle.broken is not None:
            self._abort(lifecycle.broken)
        elif lifecycle.saw_done:
            self._drain()
            self._release()
        elif lifecycle.done:
            self._disconnect()

    def _broken(self, exc: BaseException) -> None:
        """The connection failed mid-stream: resume, or end with a stream error."""
        if self._lifecycle.accumulator.terminal is not None:
            return  # the response is complete; what broke was only the trailer
        if not self._resume():
            why = _describe_read_error(exc)
            verdict = self._lifecycle.verdict(why, timed_out=isinstance(exc, TimeoutError))
            if verdict is not None:
                self._fail(verdict, exc)

    def _end(self) -> None:
        """The body ended: resume it, or judge how the response did."""
        self._ended = True
        verdict = self._lifecycle.verdict()
        if isinstance(verdict, StreamInterruptedError) and self._resume():
            self._ended = False
        elif verdict is not None:
            self._fail(verdict)

    def _abort(self, error: OpenResponsesError) -> None:
        """Stop reading a stream that broke its format or a limit: raised, whatever
        ``raise_on_failure`` says, after the events before it."""
        self._disconnect()
        self._failure = self.failure = self._client._redact.error(error)
        self._ended = True

    def _fail(self, error: OpenResponsesError, cause: BaseException | None = None) -> None:
        self._ended = True
        error.__cause__ = cause
        self.failure = self._client._redact.error(error)
        if self.raise_on_failure:
            self._failure = error

    def _resume(self) -> bool:
        """Reconnect a background response after its last event; whether it worked."""
        lifecycle, client = self._lifecycle, self._client
        if not self._resumable or self._closed or not lifecycle.can_resume():
            return False
        while lifecycle.resumes < client.max_resumes:
            delay = retry_delay(lifecycle.resumes, {}, now=time.time(), jitter=random.random)
            lifecycle.resuming()
            client._redact.log(
                logger, logging.INFO,
                "resuming response %s after event %d (attempt %d of %d) in %.2f s",
                lifecycle.response_id, lifecycle.last_sequence_number, lifecycle.resumes,
                client.max_resumes, delay or 0.0,
            )  # fmt: skip
            time.sleep(delay or 0.0)
            assert lifecycle.response_id is not None  # can_resume() said so
            try:
                again = client.responses.retrieve(
                    lifecycle.response_id,
                    stream=True,
                    starting_after=lifecycle.last_sequence_number,
                )
            except APIError as exc:
                client._redact.log(
                    logger, logging.INFO, "resuming response %s failed: %s",
                    lifecycle.response_id, exc,
                )  # fmt: skip
                continue
            self._conn, self._body = again._conn, again._body
            again._conn = None
            return True
        return False

    # --- the connection ---------------------------------------------------------------------

    def _drain(self) -> None:
        """After ``[DONE]``, read what little may follow so the connection can be
        reused, waiting at most ``DRAIN_WAIT`` for it."""
        sock = self._conn.sock if self._conn is not None else None
        if sock is None or self._body.isclosed():
            return
        timeout = sock.gettimeout()
        sock.settimeout(DRAIN_WAIT)
        try:
            while not self._body.isclosed() and self._body.read1(READ_SIZE):
                pass
        except (OSError, http.client.HTTPException):
            pass
        finally:
            sock.settimeout(timeout)

    def _release(self) -> None:
        """The body is over: keep the connection if it was read to the end."""
        conn, self._conn = self._conn, None
        if conn is not None:
            self._client._checkin(conn, self._body)

    def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
            self._body.close()


def _describe_read_error(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "no data within the read timeout"
    return _describe(exc)


# A reused keep-alive connection the server had already closed fails like this,
# before the request reached it: retried at once on a new connection.
_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def _retryable(exc: BaseException) -> bool:
    return not isinstance(exc, ssl.SSLCertVerificationError)


def _transport_error(exc: BaseException, url: str) -> APIConnectionError:
    if isinstance(exc, TimeoutError):
        return APITimeoutError(f"request to {url} timed out")
    return APIConnectionError(f"request to {url} failed: {_describe(exc)}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve host ({exc.strerror or exc})"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate verification failed ({exc.verify_message or exc})"
    if isinstance(exc, http.client.IncompleteRead):
        return "the connection closed in the middle of the body"
    if isinstance(exc, OSError) and str(exc).startswith("Tunnel connection failed"):
        return f"the proxy refused the tunnel ({exc})"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _unexpected(status: int, headers: dict[str, str], body: bytes, wanted: str) -> APIResponseError:
    kind = headers.get("content-type", "no content type")
    return APIResponseError(
        f"{status} response is {kind}, not {wanted}",
        status_code=status,
        headers=headers,
        body=error_body(body),
        request_id=headers.get("x-request-id"),
    )


def _headers(response: http.client.HTTPResponse) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in response.getheaders():
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _address(proxy: Proxy) -> tuple[str, int]:
    return proxy.origin.host, proxy.origin.port


def _as_timeout(timeout: float | Timeout | None) -> Timeout:
    if timeout is None:
        return Timeout()
    if isinstance(timeout, Timeout):
        return timeout
    return Timeout(timeout, timeout)  # checked there
