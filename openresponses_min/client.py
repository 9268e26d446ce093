# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``Client``: calls to the Responses API over the sync transport, a thin shell.

It connects, sends, reads and waits; everything that needs no socket is decided below
it: the configuration (``_config``), the request (``request``), the HTTP/1.1 framing
(``_http11``), which connection to use (``_pool``), what a failure means and whether to
try again (``policy``), and a stream's events and end (``_lifecycle``, read by
``Stream``). Retries happen only before the first byte of a successful response, each a
request sent at most once, and at most ``1 + max_retries`` attempts in all. Redirects are
not followed, so the API key only ever goes to the configured host.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from time import monotonic

from . import _http11
from ._config import DEFAULT_MAX_HEADER_SIZE, Timeout, as_timeout, configure
from ._content import ContentDecodingError
from ._http11 import RemoteProtocolError
from ._lifecycle import DEFAULT_MAX_RESPONSE_SIZE
from ._pool import DEFAULT_MAX_CONNECTIONS
from ._responses import Responses
from ._stream import Stream
from ._sync import SyncConnection, SyncPool
from .errors import APIError, APIResponseError, OpenResponsesError
from .policy import (
    Retry,
    TotalTimeout,
    TunnelRefused,
    classify,
    error_body,
    status_error,
    transport_error,
)
from .request import path_segment, prepare
from .response import Response
from .sse import DEFAULT_MAX_EVENT_SIZE

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Mapping
    from types import TracebackType
    from typing import Any

    from ._http11 import Head
    from .request import PreparedRequest

logger = logging.getLogger("openresponses_min")

ERROR_BODY_LIMIT = 1 << 20
"""Bytes of an error body read at most; the rest is not waited for."""
FAILURES = (OSError, RemoteProtocolError, ContentDecodingError, TotalTimeout, TunnelRefused)
"""What connecting and exchanging raise, told apart by ``policy.classify``."""


class Client:
    """A client for the Responses API of OpenAI or any Open Responses server.

    ``api_key`` defaults to ``$OPENAI_API_KEY``; ``base_url`` to
    ``$OPENAI_BASE_URL``, then ``https://api.openai.com/v1`` (surrounding
    whitespace is ignored). Without a key no ``Authorization`` is sent, for
    local servers; OpenAI itself without a key is a ``ValueError`` at once.
    ``timeout`` is seconds or a ``Timeout`` (connect, read, total).
    Everything given is checked here, before any call, and refused with
    ``ValueError``: a message names what is wrong, never a key's value.
    ``proxy`` (``http://[user:pass@]host:port``) defaults to ``$HTTPS_PROXY``
    / ``$HTTP_PROXY`` / ``$ALL_PROXY`` unless ``$NO_PROXY`` excludes the host;
    https goes through it in a CONNECT tunnel. Certificates are always
    verified: against ``$SSL_CERT_FILE`` / ``$SSL_CERT_DIR`` when set, else
    the system's, unless you pass your own ``ssl_context``.

    A background response's stream that breaks off is resumed up to
    ``max_resumes`` times (see ``Stream``). Limits keep memory bounded
    whatever a server sends: ``max_event_size`` bytes for one event
    (``SSEError`` past it), ``max_response_size`` for a whole body, decoded
    (``ResponseTooLargeError``), and ``max_header_size`` for the headers.

    The API key, the proxy's credentials and the credentials in
    ``default_headers`` (``Authorization``, ``api-key``, ``x-api-key``) are
    redacted from every exception and log record, however a server echoes
    them.

    Connections are kept alive and reused, up to ``max_connections`` open at
    once; a call beyond them waits for one within its connect timeout. A
    client may be shared between threads; a ``Stream`` belongs to the thread
    that iterates it (but may be closed from any).
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
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        settings = configure(
            api_key, base_url, timeout=timeout, max_retries=max_retries,
            default_headers=default_headers, proxy=proxy, max_resumes=max_resumes,
            max_event_size=max_event_size, max_response_size=max_response_size,
            max_header_size=max_header_size, max_connections=max_connections,
            environ=os.environ,
        )  # fmt: skip
        self._settings = settings
        self._origin = settings.origin
        self.base_url = settings.base_url
        self.timeout = settings.timeout
        self.max_retries = settings.max_retries
        self.max_resumes = settings.max_resumes
        self.max_event_size = settings.max_event_size
        self.max_response_size = settings.max_response_size
        self.max_header_size = settings.max_header_size
        self.max_connections = settings.max_connections
        self._redact = settings.redactor
        self._ssl_context = ssl_context
        self._connections = SyncPool(
            settings.origin, settings.proxy, self._tls,
            max_connections=settings.max_connections, max_header_size=settings.max_header_size,
        )  # fmt: skip
        self.responses = Responses(self)

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
        """Close the idle connections; a later call opens new ones."""
        self._connections.close()

    # --- one call, with retries ---------------------------------------------------------------

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
        deadline: float | None = None,
    ) -> Response | Stream:
        """One call; every error it raises has the client's secrets redacted. ``deadline``
        is a resume's: the total timeout of the stream it continues."""
        try:
            request = prepare(
                method, self._origin, path, api_key=self._settings.api_key,
                headers={**self._settings.headers, **(headers or {})}, query=query, body=body,
                stream=stream,
            )  # fmt: skip
            limits = self.timeout if timeout is None else as_timeout(timeout)
            if deadline is None and limits.total is not None:
                deadline = monotonic() + limits.total
            connection, head = self._open(request, limits, deadline)
            if stream:
                return self._stream(connection, head, limits, deadline, resumable, asked_for, after)
            return self._finish(connection, head, request, limits, deadline)
        except OpenResponsesError as error:
            self._redact.error(error)
            raise

    def _open(
        self, request: PreparedRequest, limits: Timeout, deadline: float | None
    ) -> tuple[SyncConnection, Head]:
        """Send until a success status comes back, retrying as ``policy.Retry`` says."""
        url = self._origin.url(request.target)
        wire = self._wire(request)
        retry = Retry(self.max_retries)
        while True:
            connection = None
            try:
                connection = self._connections.check_out(limits.connect, deadline)
                self._redact.log(logger, logging.DEBUG, "%s %s", request.method, url)
                head = connection.exchange(
                    wire, request.method, timeout=limits.read, deadline=deadline,
                    max_body_size=self.max_response_size,
                )  # fmt: skip
            except FAILURES as exc:
                if connection is not None:
                    self._connections.discard(connection)
                failure = classify(exc, connecting=connection is None)
                error: APIError = transport_error(failure, url)
                error.__cause__ = exc
                wait = retry.after_failure(
                    failure, now=time.time(), jitter=random.random, remaining=_left(deadline)
                )
            except BaseException:
                if connection is not None:
                    self._connections.discard(connection)
                raise
            else:
                headers = head.headers
                self._redact.log(
                    logger, logging.DEBUG, "%s %s -> %d (request id %s)",
                    request.method, request.target, head.status, headers.get("x-request-id"),
                )  # fmt: skip
                if head.status < 300:
                    return connection, head
                body = self._error_body(connection, limits, deadline)
                error = status_error(head.status, head.reason, headers, body)
                wait = retry.after_status(
                    head.status, headers, now=time.time(), jitter=random.random,
                    remaining=_left(deadline),
                )  # fmt: skip
            self._redact.error(error)
            if wait is None:
                raise error
            retry = retry.next()
            self._redact.log(
                logger, logging.INFO, "retry %d of %d for %s %s in %.2f s: %s",
                retry.taken, self.max_retries, request.method, url, wait, error,
            )  # fmt: skip
            time.sleep(wait)

    def _wire(self, request: PreparedRequest) -> bytes:
        """The request's bytes: plain http through a proxy goes to it in absolute form."""
        target, headers = request.target, dict(request.headers)
        proxy = self._settings.proxy
        if proxy is not None and self._origin.scheme == "http":
            target = self._origin.url(target)
            if proxy.authorization:
                headers["Proxy-Authorization"] = proxy.authorization
        return _http11.request(request.method, target, headers.items(), request.body)

    def _finish(
        self, connection: SyncConnection, head: Head, request: PreparedRequest, limits: Timeout,
        deadline: float | None,
    ) -> Response:  # fmt: skip
        """The ``Response`` a JSON body holds; what ``DELETE`` answers is not needed."""
        try:
            body = connection.read_all(timeout=limits.read, deadline=deadline)
        except FAILURES as exc:
            self._connections.discard(connection)
            url = self._origin.url(request.target)
            raise transport_error(classify(exc, connecting=False), url) from exc
        except BaseException as error:
            self._connections.discard(connection)
            _give_request_id(error, head)
            raise
        self._connections.check_in(connection)
        if request.method == "DELETE":
            return Response()
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
            data = None
        if not isinstance(data, dict):
            raise _unexpected(head, body, "a JSON object")
        return Response.from_dict(data)

    def _stream(
        self, connection: SyncConnection, head: Head, limits: Timeout, deadline: float | None,
        resumable: bool, asked_for: str | None, after: int | None,
    ) -> Stream:  # fmt: skip
        kind = head.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "text/event-stream":
            raise _unexpected(
                head, self._error_body(connection, limits, deadline), "an event stream"
            )
        return Stream(self, connection, head, limits, deadline, resumable, asked_for, after)

    def _error_body(
        self, connection: SyncConnection, limits: Timeout, deadline: float | None
    ) -> bytes:
        """Up to ``ERROR_BODY_LIMIT`` bytes of a body that explains an error; whatever
        fails while reading it, the error it explains matters more."""
        try:
            body = connection.read_all(
                timeout=limits.read, deadline=deadline, limit=ERROR_BODY_LIMIT
            )
        except (*FAILURES, OpenResponsesError):
            body = b""
        if connection.finished:
            self._connections.check_in(connection)
        else:
            self._connections.discard(connection)
        return body

    def _resume(
        self, response_id: str, after: int | None, limits: Timeout, deadline: float | None
    ) -> Stream:
        """A stream of ``response_id`` again, after event ``after``, within ``deadline``."""
        again = self._call(
            "GET", f"/responses/{path_segment(response_id)}",
            query={"stream": True, "starting_after": after}, stream=True, resumable=True,
            asked_for=response_id, after=after, timeout=limits, deadline=deadline,
        )  # fmt: skip
        assert isinstance(again, Stream)
        return again

    # --- connections ------------------------------------------------------------------------

    def _tls(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            import ssl  # only for https: a local server over http never loads it

            self._ssl_context = ssl.create_default_context(
                cafile=os.environ.get("SSL_CERT_FILE") or None,
                capath=os.environ.get("SSL_CERT_DIR") or None,
            )
        return self._ssl_context


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else deadline - monotonic()


def _give_request_id(error: BaseException, head: Head) -> None:
    """A limit error raised while reading a response names that response's request id."""
    if isinstance(error, APIError) and error.request_id is None:
        error.request_id = head.headers.get("x-request-id")


def _unexpected(head: Head, body: bytes, wanted: str) -> APIResponseError:
    kind = head.headers.get("content-type", "no content type")
    return APIResponseError(
        f"{head.status} response is {kind}, not {wanted}",
        status_code=head.status,
        headers=dict(head.headers),
        body=error_body(body),
        request_id=head.headers.get("x-request-id"),
    )
