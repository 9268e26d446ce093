# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What a client is, from its constructor's arguments and the environment, checked once,
without touching a socket.

``configure(...)`` reads ``$OPENAI_API_KEY``, ``$OPENAI_BASE_URL``,
``$OPENAI_ORG_ID``, ``$OPENAI_PROJECT_ID`` and the proxy
variables, checks everything (``ValueError`` naming what is wrong, never a key's value;
``TypeError`` for a value of the wrong type) and gives the ``Settings`` every transport
shares. ``Timeout`` is the public value for the bounds on waiting.
"""

from __future__ import annotations

import math
import warnings

from .._model.record import Frozen, field
from .redact import Redactor
from .request import (
    check_header,
    credentials_in,
    is_loopback,
    parse_proxy,
    parse_url,
    proxy_from_environment,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from .request import Origin, Proxy

DEFAULT_BASE_URL = "https://api.openai.com/v1"
OPENAI_HOST = "api.openai.com"
DEFAULT_MAX_HEADER_SIZE = 64 << 10
"""Bytes of one response's headers at most, by default."""
DEFAULT_MAX_RESPONSE_SIZE = 256 << 20
"""Bytes of one response body (a stream's, across resumes) at most, by default."""
MAX_TIMEOUT = 1e8
"""Seconds: about three years, beyond which sockets cannot count; ``None`` waits forever."""


_UNSET: Any = object()
"""A bound not given: the default, or ``Timeout``'s first argument when it has one."""
_DEFAULTS = {"connect": 5.0, "read": 600.0, "write": 600.0, "pool": 600.0}
"""The official SDK's defaults (``httpx.Timeout(600.0, connect=5.0)``)."""


class Timeout(Frozen):
    """Seconds to wait, in httpx's signature: ``Timeout(60.0, read=5.0, write=10.0,
    connect=2.0)``, the first argument standing for each bound not named.

    ``connect`` bounds connecting, all of it: TCP, any proxy's tunnel and the TLS
    handshake together (but for name resolution, which the standard library cannot
    bound). ``read`` bounds each silence: the longest wait for the next byte of a
    response, so a stalled stream fails after ``read`` seconds however long it has
    run; and a response's head as a whole, ``1xx`` answers included, which must be in
    within ``read`` seconds of the request being sent, however its bytes trickle in.
    ``write`` bounds the wait to send a request's bytes, or a WebSocket message (on
    asyncio, the wait for the loop's buffer to drain below its high-water mark).
    ``pool`` bounds the wait for a free connection when ``max_connections`` are busy.
    ``total`` bounds a whole call: its retries and their waits, and for a stream,
    the whole stream with its resumes. ``None`` waits forever; anything else must be
    a positive number of seconds (``ValueError`` otherwise). The defaults are the
    official SDK's (5 s to connect, 600 s for the rest); ``total`` is unbounded.
    """

    connect: float | None
    read: float | None
    write: float | None
    pool: float | None
    total: float | None

    def __init__(
        self,
        timeout: float | None = _UNSET,
        *,
        connect: float | None = _UNSET,
        read: float | None = _UNSET,
        write: float | None = _UNSET,
        pool: float | None = _UNSET,
        total: float | None = None,
    ) -> None:
        given = {"connect": connect, "read": read, "write": write, "pool": pool}
        for name, value in given.items():
            if value is _UNSET:
                value = _DEFAULTS[name] if timeout is _UNSET else timeout
            object.__setattr__(self, name, value)
        object.__setattr__(self, "total", total)
        for name in ("connect", "read", "write", "pool", "total"):
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


def optional_timeout(timeout: float | Timeout | None) -> Timeout | None:
    """A call's own ``Timeout``, or ``None`` for the client's."""
    return None if timeout is None else as_timeout(timeout)


def as_timeout(timeout: float | Timeout | None) -> Timeout:
    """A ``Timeout`` from seconds (each bound but ``total``), or the default."""
    if timeout is None:
        return Timeout()
    if isinstance(timeout, Timeout):
        return timeout
    return Timeout(timeout)  # checked there


class Settings(Frozen):
    """A client's checked configuration; credentials stay out of its ``repr``."""

    origin: Origin
    base_url: str
    timeout: Timeout
    max_retries: int
    max_resumes: int
    max_event_size: int
    max_response_size: int
    max_header_size: int
    max_connections: int
    api_key: str | None = field(repr=False)
    headers: dict[str, str] = field(repr=False)
    proxy: Proxy | None = field(repr=False)
    redactor: Redactor = field(repr=False)


_warned_hosts: set[str] = set()


def check_count(name: str, value: object, least: int) -> None:
    """``ValueError`` unless ``value`` is an ``int`` (not a ``bool``) of at least ``least``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ValueError(f"{name} must be an int >= {least}")


def configure(
    api_key: str | None,
    base_url: str | None,
    *,
    timeout: float | Timeout | None,
    max_retries: int,
    default_headers: Mapping[str, str] | None,
    proxy: str | None,
    max_resumes: int,
    max_event_size: int,
    max_response_size: int,
    max_header_size: int,
    max_connections: int,
    environ: Mapping[str, str],
    organization: str | None = None,
    project: str | None = None,
) -> Settings:
    """The settings of a client made with these arguments in this environment."""
    for name, value, least in [
        ("max_retries", max_retries, 0), ("max_resumes", max_resumes, 0),
        ("max_event_size", max_event_size, 1), ("max_response_size", max_response_size, 1),
        ("max_header_size", max_header_size, 1), ("max_connections", max_connections, 1),
    ]:  # fmt: skip
        check_count(name, value, least)
    origin = parse_url(base_url or environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
    key = api_key if api_key is not None else environ.get("OPENAI_API_KEY")
    if not isinstance(key, (str, type(None))):
        raise TypeError(f"api_key must be a string, not {type(key).__name__}")
    if key:
        check_header("Authorization", f"Bearer {key}")
    elif origin.host == OPENAI_HOST:
        raise ValueError(
            "no API key for OpenAI: set OPENAI_API_KEY or pass api_key= "
            "(a server of your own, with another base_url, may need none)"
        )
    headers = {**_accounts(organization, project, environ), **(default_headers or {})}
    for header, text in headers.items():
        check_header(header, text)
    chosen = parse_proxy(proxy) if proxy else proxy_from_environment(origin, environ)
    if chosen is not None and chosen.origin.scheme != "http":
        raise ValueError("only http:// proxies are supported (https goes through CONNECT)")
    secrets = [key, *(chosen.secrets if chosen is not None else ()), *credentials_in(headers)]
    settings = Settings(
        origin=origin,
        base_url=origin.url(origin.path),
        timeout=as_timeout(timeout),
        max_retries=max_retries,
        max_resumes=max_resumes,
        max_event_size=max_event_size,
        max_response_size=max_response_size,
        max_header_size=max_header_size,
        max_connections=max_connections,
        api_key=key,
        headers=headers,
        proxy=chosen,
        redactor=Redactor(secrets),
    )
    _warn_if_unencrypted(settings)
    return settings


def _accounts(
    organization: str | None, project: str | None, environ: Mapping[str, str]
) -> dict[str, str]:
    """The SDK's headers naming the organization and project billed, from the arguments
    or ``$OPENAI_ORG_ID`` and ``$OPENAI_PROJECT_ID``."""
    chosen = {
        "OpenAI-Organization": organization or environ.get("OPENAI_ORG_ID"),
        "OpenAI-Project": project or environ.get("OPENAI_PROJECT_ID"),
    }
    return {header: value for header, value in chosen.items() if value}


def _warn_if_unencrypted(settings: Settings) -> None:
    host = settings.origin.host
    if settings.origin.scheme == "http" and not is_loopback(host) and host not in _warned_hosts:
        _warned_hosts.add(host)
        warnings.warn(
            f"base_url {settings.base_url} is plain http to another machine: the API key "
            "and your data travel unencrypted",
            stacklevel=4,
        )
