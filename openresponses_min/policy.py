# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What a response means, without touching a socket: the error a status
stands for, whether to retry, and how long to wait first.

Shared by every transport (``http.client`` now, asyncio later). The rules
follow the official SDK: retry connection errors, timeouts, 408, 409, 429
and 5xx; obey ``x-should-retry``; wait ``retry-after-ms`` or ``Retry-After``
(seconds or an HTTP date) when the server gives one up to
``MAX_RETRY_AFTER`` seconds, never retry when it asks for longer, and
otherwise back off ``0.5 * 2**n`` seconds, capped at ``MAX_BACKOFF``, less
up to a quarter of jitter.
"""

from __future__ import annotations

import json
import math
from email.utils import parsedate_to_datetime

from .errors import (
    APIStatusError,
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
    from collections.abc import Callable, Mapping

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
    )


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
    try:
        when: float = parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return math.nan
    return when - now
