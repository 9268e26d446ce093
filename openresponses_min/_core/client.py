# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What a client does, whichever shell runs it: ``ClientCore``, sans-I/O.

``Client`` (sync) and ``AsyncClient`` (asyncio) are this class with a transport: a pool
that connects, and a way to sleep. Everything else is decided here, once, as steps
(``_core.steps``): the configuration (``_core.config``), the request (``_core.request``), its bytes
(``_wire.http11``), the retries and what a failure means (``_core.policy``), the error body, the
JSON answer, and a stream's start (read on by ``_core.stream.StreamCore``). Retries happen
only before the first byte of a successful response, each a request sent at most once,
and at most ``1 + max_retries`` attempts in all. Redirects are not followed, so the API
key only ever goes to the configured host.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import random
import time
from time import monotonic

from .._wire import http11 as _http11
from .._wire.content import ContentDecodingError
from .._wire.http11 import RemoteProtocolError
from .._wire.sse import DEFAULT_MAX_EVENT_SIZE
from ..errors import APIError, APIResponseError, OpenResponsesError
from ..response import Response, _Answered
from .api import Responses
from .config import (
    DEFAULT_MAX_HEADER_SIZE,
    DEFAULT_MAX_RESPONSE_SIZE,
    Timeout,
    as_timeout,
    check_count,
    configure,
)
from .exchange import Target, Wire
from .policy import (
    Retry,
    TotalTimeout,
    TunnelRefused,
    classify,
    error_body,
    error_text,
    status_error,
    transport_error,
    until,
)
from .pool import DEFAULT_MAX_CONNECTIONS
from .request import prepare

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Callable, Mapping
    from typing import Any, ClassVar, Protocol, TypeVar

    from .._wire.http11 import Head
    from .exchange import Connection
    from .request import PreparedRequest
    from .steps import Steps

    _Client = TypeVar("_Client", bound="ClientCore")

    class Reading(Protocol):
        """How a JSON answer is built: ``Response`` and the other answers' classes, or
        ``parse()``'s ``Parsing``."""

        def from_dict(self, data: Mapping[str, Any], /) -> _Answered: ...

    class Transport(Protocol):
        """What the core asks of a shell's pool: ``check_out`` is I/O, the rest is not."""

        def check_out(self, limits: Timeout, deadline: float | None) -> Any: ...

        def check_in(self, connection: Any) -> None: ...

        def discard(self, connection: Any) -> None: ...

        def close(self) -> None: ...


logger = logging.getLogger("openresponses_min")

ERROR_BODY_LIMIT = 1 << 20
"""Bytes of an error body read at most; the rest is not waited for."""
FAILURES = (OSError, RemoteProtocolError, ContentDecodingError, TotalTimeout, TunnelRefused)
"""What connecting and exchanging raise, told apart by ``_core.policy.classify``."""


class ClientCore:
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
    the system's, unless you pass your own ``ssl_context``. ``organization`` and
    ``project`` (defaults ``$OPENAI_ORG_ID``, ``$OPENAI_PROJECT_ID``) are sent as
    the SDK sends them, as ``OpenAI-Organization`` and ``OpenAI-Project``.

    A background response's stream that breaks off is resumed up to
    ``max_resumes`` times. Limits keep memory bounded whatever a server
    sends: ``max_event_size`` bytes for one event (``SSEError`` past it),
    ``max_response_size`` for a whole body, decoded
    (``ResponseTooLargeError``), and ``max_header_size`` for the headers.

    The API key, the proxy's credentials and the credentials in
    ``default_headers`` (``Authorization``, ``api-key``, ``x-api-key``) are
    redacted from every exception and log record, however a server echoes
    them.

    Connections are kept alive and reused, up to ``max_connections`` open at
    once; a call beyond them waits for one within its pool timeout.
    """

    if TYPE_CHECKING:
        _pool_type: ClassVar[Callable[..., Transport]]

        # Typed as callables, not as the cores' classes: the stream and session cores
        # import this module, and what the shell's classes are is the shell's to say.
        @property
        def _stream_type(self) -> Callable[..., Any]:
            """The shell's stream (a ``StreamCore``), made by ``_call_steps`` for a stream."""

        @property
        def _session_type(self) -> Callable[..., Any]:
            """The shell's WebSocket connection (a ``SessionCore``), made by ``connect()``."""

        _manager_type: ClassVar[type[Any]]
        _pager_type: ClassVar[type[Any]]

        @staticmethod
        def _sleep(seconds: float) -> Any:
            """The wait before a retry or a resume (awaited by the async shell)."""

        def _call(self, method: str, path: str, **options: Any) -> Any:
            """``_call_steps`` driven by the shell: what ``responses``' calls return."""

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
        organization: str | None = None,
        project: str | None = None,
    ) -> None:
        settings = configure(
            api_key, base_url, timeout=timeout, max_retries=max_retries,
            default_headers=default_headers, proxy=proxy, max_resumes=max_resumes,
            max_event_size=max_event_size, max_response_size=max_response_size,
            max_header_size=max_header_size, max_connections=max_connections,
            environ=os.environ, organization=organization, project=project,
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
        target = Target(settings.origin, settings.proxy, self._tls, settings.max_header_size)
        self._connections = self._pool_type(target, settings.max_connections)
        self.responses: Responses[Any, Any, Any, Any, Any, Any, Any] = Responses(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, max_retries={self.max_retries})"

    @property
    def beta(self: _Client) -> _Client:
        """As the SDK spells its beta features: ``client.beta.responses`` is
        ``client.responses``, whose every call takes ``betas=[...]``."""
        return self

    def with_options(
        self: _Client, *, timeout: float | Timeout | None = None, max_retries: int | None = None
    ) -> _Client:
        """This client with another default ``timeout`` or ``max_retries`` for its calls
        (as the SDK's ``with_options``): it shares this one's connections and settings,
        so closing either closes both's idle connections."""
        twin = copy.copy(self)
        if timeout is not None:
            twin.timeout = as_timeout(timeout)
        if max_retries is not None:
            check_count("max_retries", max_retries, 0)
            twin.max_retries = max_retries
        twin.responses = Responses(twin)
        return twin

    # --- one call, with retries ---------------------------------------------------------------

    def _call_steps(
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
        into: Reading = Response,
    ) -> Steps[Any]:
        """One call: its ``Response`` (``None`` for ``DELETE``) or its stream. Every
        error it raises has the client's secrets redacted. ``deadline`` is a resume's:
        the total timeout of the stream it continues."""
        try:
            request = prepare(
                method, self._origin, path, api_key=self._settings.api_key,
                headers={**self._settings.headers, **(headers or {})}, query=query, body=body,
                stream=stream,
            )  # fmt: skip
            limits = self.timeout if timeout is None else as_timeout(timeout)
            if deadline is None:
                deadline = until(limits.total)
            connection, head = yield from self._open(request, limits, deadline)
            if not stream:
                return (yield from self._finish(connection, head, request, limits, deadline, into))
            kind = head.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind != "text/event-stream":
                body_text = yield from self._error_body(connection, limits, deadline)
                raise _unexpected(head, body_text, "an event stream")
            return self._stream_type(
                self, connection, head, limits, deadline, resumable, asked_for, after
            )
        except OpenResponsesError as error:
            self._redact.error(error)
            raise

    def _open(
        self, request: PreparedRequest, limits: Timeout, deadline: float | None
    ) -> Steps[tuple[Connection, Head]]:
        """Send until a success status comes back, retrying as ``_core.policy.Retry`` says."""
        url = self._origin.url(request.target)
        wire = self._wire(request)
        retry = Retry(self.max_retries)
        pool = self._connections
        while True:
            connection: Connection | None = None
            try:
                connection = yield pool.check_out, (limits, deadline)
                assert connection is not None
                self._redact.log(logger, logging.DEBUG, "%s %s", request.method, url)
                head: Head = yield connection.exchange, (wire, limits, deadline)
            except FAILURES as exc:
                if connection is not None:
                    pool.discard(connection)
                failure = classify(exc, connecting=connection is None)
                error: APIError = transport_error(failure, url)
                error.__cause__ = exc
                wait = retry.after_failure(
                    failure, method=request.method, now=time.time(), jitter=random.random,
                    remaining=_left(deadline),
                )  # fmt: skip
            except BaseException:
                if connection is not None:
                    pool.discard(connection)
                raise
            else:
                headers = head.headers
                self._redact.log(
                    logger, logging.DEBUG, "%s %s -> %d (request id %s)",
                    request.method, request.target, head.status, headers.get("x-request-id"),
                )  # fmt: skip
                if head.status < 300:
                    return connection, head
                body = yield from self._error_body(connection, limits, deadline)
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
            yield self._sleep, (wait,)

    def _wire(self, request: PreparedRequest) -> Wire:
        """The request as sent: plain http through a proxy goes to it in absolute form."""
        target, headers = request.target, dict(request.headers)
        proxy = self._settings.proxy
        if proxy is not None and self._origin.scheme == "http":
            target = self._origin.url(target)
            if proxy.authorization:
                headers["Proxy-Authorization"] = proxy.authorization
        data = _http11.request(request.method, target, headers.items(), request.body)
        upgrade = any(name.lower() == "upgrade" for name in headers)  # WebSocket mode's
        return Wire(data, request.method, self.max_response_size, upgrade)

    def _finish(
        self, connection: Connection, head: Head, request: PreparedRequest, limits: Timeout,
        deadline: float | None, into: Reading,
    ) -> Steps[_Answered | None]:  # fmt: skip
        """The ``into`` (a ``Response``, say) a JSON body holds; what ``DELETE`` answers is
        not needed."""
        try:
            body = yield from _read_all(connection, limits, deadline)
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
            return None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
            data = None
        if not isinstance(data, dict):
            raise _unexpected(head, body, "a JSON object")
        answer = into.from_dict(data)
        answer._came_with(head.headers.get("x-request-id"))
        return answer

    def _error_body(
        self, connection: Connection, limits: Timeout, deadline: float | None
    ) -> Steps[bytes]:
        """Up to ``ERROR_BODY_LIMIT`` bytes of a body that explains an error; whatever
        fails while reading it, the error it explains matters more."""
        body = b""
        try:
            body = yield from _read_all(connection, limits, deadline, ERROR_BODY_LIMIT)
        except (*FAILURES, OpenResponsesError):
            pass
        finally:
            if connection.finished:
                self._connections.check_in(connection)
            else:
                self._connections.discard(connection)
        return body

    # --- connections ------------------------------------------------------------------------

    def _tls(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            import ssl  # only for https: a local server over http never loads it

            self._ssl_context = ssl.create_default_context(
                cafile=os.environ.get("SSL_CERT_FILE") or None,
                capath=os.environ.get("SSL_CERT_DIR") or None,
            )
        return self._ssl_context


def _read_all(
    connection: Connection, limits: Timeout, deadline: float | None, limit: int | None = None
) -> Steps[bytes]:
    """The body (bounded by the response's own limits), or its first ``limit`` bytes."""
    pieces, size = [], 0
    while limit is None or size < limit:
        piece: bytes = yield connection.read, (limits.read, deadline)
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    body = b"".join(pieces)
    return body if limit is None else body[:limit]


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
        text=error_text(body),
    )
