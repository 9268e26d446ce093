# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What a failure means and what to do next, without touching a socket: the error a
status or a transport failure stands for, whether to try again and how long to wait
first, and how long the next wait on the network may last.

Shared by every transport (sockets now, asyncio next). The rules follow the official
SDK: retry connection errors, timeouts, 408, 409, 429 and 5xx (not a certificate that
failed verification, nor a call past its total timeout, nor a wait for a free connection
that took the pool timeout, nor a malformed answer to a request that is not idempotent);
obey ``x-should-retry``; wait
``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date) when the server gives one
up to ``MAX_RETRY_AFTER`` seconds, never retry when it asks for longer, and otherwise back
off ``0.5 * 2**n`` seconds, capped at ``MAX_BACKOFF``, less up to a quarter of jitter.

``Retry`` is that bookkeeping as a value, in the manner of urllib3's: it says what to do
after each failure and is replaced, never changed. Transport failures are told apart by
their type (``classify``), never by their message. ``wait_limit`` gives each network
wait its bound: the read timeout, or what is left of the call's total timeout
(``connect_limit`` the same while connecting, and while a response's head comes, which
must be in within one read timeout of the request); ``against`` says which of them ran
out.
"""

from __future__ import annotations

import json
import math
import socket
import sys
from contextlib import contextmanager
from time import monotonic

from .._model.record import Frozen
from .._wire.content import ContentDecodingError
from .._wire.http11 import IncompleteResponse, RemoteProtocolError
from ..errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

IDEMPOTENT = frozenset({"GET", "HEAD", "DELETE", "OPTIONS", "PUT"})
"""Methods whose request may be sent again after a malformed answer (RFC 9110 9.2.2)."""
MAX_RETRY_AFTER = 60.0
"""Seconds: a longer ``Retry-After`` means give up now rather than wait."""
MAX_BACKOFF = 8.0
SNIPPET = 500
"""Characters of a non-JSON error body kept in the error."""

_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(
    status: int, reason: str, headers: Mapping[str, str], body: bytes
) -> APIStatusError:
    """The typed error for an error response; ``headers`` with lower-case names."""
    parsed = error_body(body)
    cls = _STATUS_ERRORS.get(status, InternalServerError if status >= 500 else APIStatusError)
    detail = parsed.get("message") if isinstance(parsed, dict) else parsed
    message = f"{status} {reason}".rstrip()
    if detail:
        message += f": {detail}"
    return cls(
        message,
        status_code=status,
        headers=dict(headers),
        body=parsed,
        request_id=headers.get("x-request-id"),
        text=error_text(body),
    )


def error_text(body: bytes) -> str:
    """An error body as text: JSON written out again, so that whatever its escapes
    spell (a key as ``\\u0073\\u006b…``) is plain in it, to be redacted; else as it came."""
    text = body.decode("utf-8", "replace")
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except (ValueError, RecursionError):
        return text


def error_body(body: bytes) -> object:
    """An error body as the API means it: the ``error`` object of a JSON body,
    the JSON itself, or the start of the text when it is not JSON."""
    text = body.decode("utf-8", "replace")
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
        return text[:SNIPPET]
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
        return parsed["error"]
    return parsed


def should_retry(status: int, headers: Mapping[str, str]) -> bool:
    """Whether an error status is worth another attempt; ``x-should-retry`` (``true`` or
    ``false``, in any case, as header values are compared) wins."""
    forced = headers.get("x-should-retry", "").strip().lower()
    if forced == "true":
        return True
    if forced == "false":
        return False
    return status in (408, 409, 429) or status >= 500


def retry_delay(
    retries_taken: int,
    headers: Mapping[str, str],
    *,
    now: float,
    jitter: Callable[[], float],
) -> float | None:
    """Seconds to wait before the next attempt, or ``None`` when the server asks
    for longer than ``MAX_RETRY_AFTER``. ``now`` is Unix time, ``jitter()`` in [0, 1)."""
    asked = retry_after(headers, now=now)
    if asked is not None:
        return asked if asked <= MAX_RETRY_AFTER else None
    backoff = min(0.5 * 2.0 ** min(retries_taken, 32), MAX_BACKOFF)
    return backoff * (1 - 0.25 * jitter())


def retry_after(headers: Mapping[str, str], *, now: float) -> float | None:
    """The wait a response asks for, in seconds, if it asks for a positive one."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            seconds = _seconds_until(value, now) if scale == 1.0 else math.nan
        if math.isfinite(seconds) and seconds > 0:
            return seconds
        if seconds == math.inf:
            return seconds
    return None


def _seconds_until(date: str, now: float) -> float:
    from email.utils import parsedate_to_datetime  # only when a server sends a date: rare

    try:
        when: float = parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return math.nan
    return when - now


# --- retrying, as a value ----------------------------------------------------------------------


class Retry(Frozen):
    """How many attempts a call has made and may make: ``after_status`` and
    ``after_failure`` give the wait before the next attempt, or ``None`` to give up;
    ``next()`` is the value for that attempt. A wait that would outlast ``remaining``
    (what is left of the call's total timeout) is no wait: the call gives up."""

    max_retries: int
    taken: int = 0

    def after_status(
        self,
        status: int,
        headers: Mapping[str, str],
        *,
        now: float,
        jitter: Callable[[], float],
        remaining: float | None = None,
    ) -> float | None:
        if not should_retry(status, headers):
            return None
        return self._wait(retry_delay(self.taken, headers, now=now, jitter=jitter), remaining)

    def after_failure(
        self,
        failure: Failure,
        *,
        method: str,
        now: float,
        jitter: Callable[[], float],
        remaining: float | None = None,
    ) -> float | None:
        """A malformed answer (``protocol``) is tried again only for an idempotent
        ``method``: a create's request reached a server that answered it, maybe while
        generating, and a broken server answers the same way again."""
        if not failure.retryable:
            return None
        if failure.kind == "protocol" and method not in IDEMPOTENT:
            return None
        return self._wait(retry_delay(self.taken, {}, now=now, jitter=jitter), remaining)

    def next(self) -> Retry:
        return Retry(self.max_retries, self.taken + 1)

    def _wait(self, delay: float | None, remaining: float | None) -> float | None:
        if self.taken >= self.max_retries or delay is None:
            return None
        if remaining is not None and delay >= remaining:
            return None
        return delay


# --- transport failures, by type ---------------------------------------------------------------


class TotalTimeout(Exception):
    """The call's total timeout passed (raised by the shells)."""


class PoolTimeout(TimeoutError):
    """No connection of the pool came free within the pool timeout (raised by the shells)."""


class WriteTimeout(TimeoutError):
    """The request could not be sent within the write timeout (raised by the shells)."""


class TunnelRefused(Exception):
    """A proxy answered CONNECT with something other than 2xx (raised by the shells)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status} {reason}".rstrip())
        self.status = status


class Failure(Frozen):
    """What went wrong with a connection or a request, told by the exception's type."""

    kind: str
    """One of ``resolve``, ``refused``, ``connect_timeout``, ``certificate``, ``tls``,
    ``proxy``, ``closed``, ``reset``, ``pool_timeout``, ``write_timeout``, ``read_timeout``,
    ``total_timeout``, ``protocol``, ``network``."""
    detail: str

    @property
    def retryable(self) -> bool:
        """A certificate that failed will fail again; a call out of time has no more; a
        wait for a free connection already took all of the pool timeout, and another
        would only wait as long again."""
        return self.kind not in ("certificate", "total_timeout", "pool_timeout")

    @property
    def timed_out(self) -> bool:
        return self.kind.endswith("timeout")


_DESCRIPTIONS = {
    "resolve": "cannot resolve host",
    "refused": "connection refused",
    "connect_timeout": "no connection within the connect timeout",
    "certificate": "TLS certificate verification failed",
    "tls": "TLS failed",
    "proxy": "the proxy refused the tunnel",
    "closed": "the connection closed",
    "reset": "the connection was reset",
    "pool_timeout": "no free connection within the pool timeout",
    "write_timeout": "the request could not be sent within the write timeout",
    "read_timeout": "no data within the read timeout",
    "total_timeout": "the call took longer than its total timeout",
    "protocol": "the answer is not HTTP/1.1 as it should be",
    "network": "network error",
}


def classify(exc: BaseException, *, connecting: bool) -> Failure:
    """The failure an exception from connecting (``connecting``) or exchanging stands for."""
    ssl = sys.modules.get("ssl")  # not imported: no TLS was tried, so it is no TLS error
    kind = (
        "total_timeout" if isinstance(exc, TotalTimeout)
        else "proxy" if isinstance(exc, TunnelRefused)
        else "resolve" if isinstance(exc, socket.gaierror)
        else "certificate" if ssl is not None and isinstance(exc, ssl.SSLCertVerificationError)
        else "tls" if ssl is not None and isinstance(exc, ssl.SSLError)
        else "pool_timeout" if isinstance(exc, PoolTimeout)
        else "write_timeout" if isinstance(exc, WriteTimeout)
        else ("connect_timeout" if connecting else "read_timeout") if isinstance(exc, TimeoutError)
        else "closed" if isinstance(exc, IncompleteResponse)
        else "protocol" if isinstance(exc, (RemoteProtocolError, ContentDecodingError))
        else "refused" if isinstance(exc, ConnectionRefusedError)
        else "reset" if isinstance(exc, (ConnectionResetError, BrokenPipeError))
        else "network"
    )  # fmt: skip
    return Failure(kind, _detail(exc, kind))


def _detail(exc: BaseException, kind: str) -> str:
    description = _DESCRIPTIONS[kind]
    if kind == "certificate":
        return f"{description} ({getattr(exc, 'verify_message', '') or exc})"
    if kind == "resolve":
        return f"{description} ({getattr(exc, 'strerror', '') or exc})"
    if kind.endswith("_timeout"):
        return description
    text = str(exc)
    return f"{description}: {text}" if text else f"{description} ({type(exc).__name__})"


def transport_error(
    failure: Failure, url: str, *, request_id: str | None = None
) -> APIConnectionError:
    """The public error for a failure on the way to ``url``."""
    cls = APITimeoutError if failure.timed_out else APIConnectionError
    return cls(f"request to {url} failed: {failure.detail}", request_id=request_id)


# --- deadlines -----------------------------------------------------------------------------------


def wait_limit(timeout: float | None, deadline: float | None, now: float) -> float | None:
    """How long the next wait on the network may last: ``timeout`` (``None``: forever), and
    no longer than to ``deadline`` (a monotonic time; ``TotalTimeout`` once it passed)."""
    if deadline is None:
        return timeout
    left = deadline - now
    if left <= 0:
        raise TotalTimeout("the total timeout passed")
    return left if timeout is None else min(timeout, left)


def until(seconds: float | None) -> float | None:
    """The monotonic time a wait of ``seconds`` from now ends; ``None``: no end."""
    return None if seconds is None else monotonic() + seconds


def connect_limit(
    until: float | None, deadline: float | None, bound: str = "connect"
) -> float | None:
    """How long the next wait while connecting (or waiting for room in the pool, or for
    a response's head) may last: to ``until`` (the monotonic time that ``bound`` timeout
    ends; ``TimeoutError`` once it passed) and to ``deadline``."""
    now = monotonic()
    left = None if until is None else until - now
    if left is not None and left <= 0:
        raise (PoolTimeout if bound == "pool" else TimeoutError)(f"the {bound} timeout passed")
    return wait_limit(left, deadline, now)


@contextmanager
def against(deadline: float | None) -> Iterator[None]:
    """A wait that timed out because the call's total timeout came first says so: its
    ``TimeoutError`` becomes ``TotalTimeout``."""
    try:
        yield
    except TimeoutError:
        if deadline is not None and monotonic() >= deadline:
            raise TotalTimeout("the total timeout passed") from None
        raise
