# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Building requests without touching a socket: where to connect, through
which proxy, and the exact method, target, headers and body to send.

Shared by every transport. Only ``http`` and ``https`` URLs are accepted,
without credentials in them; header values may not hold CR, LF or NUL; the
API key goes only into the ``Authorization`` header of requests to the
configured host, and never into a ``repr``.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import sys
from urllib.parse import SplitResult, quote, unquote, urlencode, urlsplit

from .._model.record import Frozen, field
from .._version import __version__
from .redact import or_none

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

_PYTHON = ".".join(map(str, sys.version_info[:3]))
USER_AGENT = (
    f"openresponses_min/{__version__} Python/{_PYTHON} ({sys.implementation.name}; {sys.platform})"
)


class Origin(Frozen):
    """Where to connect: scheme, host and port, and the path prefix of a base URL."""

    scheme: str
    host: str
    port: int
    path: str = ""

    @property
    def authority(self) -> str:
        """``host[:port]`` as a URL writes it: the port only when not the default."""
        default = 443 if self.scheme == "https" else 80
        return self.host_port if self.port != default else self._bracketed_host

    @property
    def host_port(self) -> str:
        """``host:port``, as CONNECT names its target."""
        return f"{self._bracketed_host}:{self.port}"

    @property
    def _bracketed_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    def url(self, target: str = "") -> str:
        return f"{self.scheme}://{self.authority}{target}"


class Proxy(Frozen):
    """A forward proxy; ``authorization`` is the ``Proxy-Authorization`` value, if any,
    and ``secrets`` the forms of its credentials that must never be shown."""

    origin: Origin
    authorization: str | None = field(default=None, repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)


class PreparedRequest(Frozen):
    """One request, ready to write: ``target`` is the path and query."""

    method: str
    target: str
    headers: dict[str, str] = field(repr=False)
    body: bytes | None = field(default=None, repr=False)
    stream: bool = False


def parse_url(url: str, what: str = "base_url") -> Origin:
    """Check and split an ``http``/``https`` URL; ``ValueError`` says what is wrong.

    Surrounding whitespace is ignored, as browsers ignore it (a value pasted
    into an environment file often ends with a space or a newline).
    """
    if not isinstance(url, str):
        raise TypeError(f"{what} must be a string, not {type(url).__name__}")
    parts, port = _split(url.strip(), what)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{what} must be an http or https URL, not {parts.scheme or 'schemeless'}")
    if not parts.hostname:
        raise ValueError(f"{what} has no host")
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"{what} must not contain credentials; pass api_key instead")
    if parts.query or parts.fragment:
        raise ValueError(f"{what} must not have a query or fragment")
    default = 443 if parts.scheme == "https" else 80
    return Origin(parts.scheme, parts.hostname, port or default, parts.path.rstrip("/"))


def parse_proxy(url: str) -> Proxy:
    """A proxy URL such as ``http://user:secret@proxy.local:3128``."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts, port = _split(url, "proxy")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("proxy must be an http or https URL with a host")
    authorization = None
    secrets: tuple[str, ...] = ()
    if parts.username is not None:
        password = parts.password or ""
        pair = f"{unquote(parts.username)}:{unquote(password)}"
        token = base64.b64encode(pair.encode()).decode("ascii")
        authorization = "Basic " + token
        secrets = (password, unquote(password), token)
    default = 443 if parts.scheme == "https" else 80
    return Proxy(Origin(parts.scheme, parts.hostname, port or default), authorization, secrets)


def _split(url: str, what: str) -> tuple[SplitResult, int | None]:
    """``urlsplit`` and the port, refusing what would be sent as something else.

    The reason never quotes the URL: its password is in it when a ``#``, ``/``
    or ``?`` in the password was not percent-encoded.
    """
    if any(c.isspace() or not c.isprintable() for c in url):
        raise ValueError(f"{what} contains whitespace or control characters")
    split = or_none(ValueError, _split_with_port, url)  # its error may quote the password
    if split is None:
        raise ValueError(
            f"{what} is not a valid URL: check its host and port, and percent-encode any "
            "'#', '/', '?' or '@' in a user name or password"
        )
    return split


def _split_with_port(url: str) -> tuple[SplitResult, int | None]:
    parts = urlsplit(url)
    return parts, parts.port  # the port is parsed on access, and may be refused then


def proxy_from_environment(origin: Origin, environ: Mapping[str, str]) -> Proxy | None:
    """The proxy ``HTTPS_PROXY``/``HTTP_PROXY`` (or ``ALL_PROXY``) name for this origin,
    unless ``NO_PROXY`` excludes it; lower-case names win, as in ``urllib``."""

    def get(name: str) -> str:
        return environ.get(name.lower()) or environ.get(name.upper()) or ""

    url = get(f"{origin.scheme}_proxy") or get("all_proxy")
    if not url or _bypassed(origin, get("no_proxy")):
        return None
    return parse_proxy(url)


def _bypassed(origin: Origin, no_proxy: str) -> bool:
    host = origin.host.lower()
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        name, _, port = entry.rpartition(":") if entry.count(":") == 1 else (entry, "", "")
        if port and port != str(origin.port):
            continue
        name = name.lstrip(".")
        if host == name or host.endswith("." + name) or _in_network(host, name):
            return True
    return False


def _in_network(host: str, entry: str) -> bool:
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def prepare(
    method: str,
    origin: Origin,
    path: str,
    *,
    api_key: str | None,
    headers: Mapping[str, str],
    query: Mapping[str, Any] | None = None,
    body: Mapping[str, Any] | None = None,
    stream: bool = False,
) -> PreparedRequest:
    """The request for ``method`` on ``{base_url}{path}``.

    ``headers`` are the caller's, applied last (a ``None`` value is not
    possible here; remove a default by passing an empty string). ``query``
    values of ``None`` are left out; booleans become ``true``/``false``; a list
    is the key repeated, once for each of its values.

    A plain call asks for ``gzip`` or ``deflate`` (JSON compresses well); a
    stream asks for none, because a server or proxy compressing a stream
    holds its events back to fill compression blocks, delaying every token
    for the few bytes an event is. A body compressed anyway is decoded.
    """
    target = origin.path + path
    pairs = [
        (k, _query_value(v))
        for k, given in (query or {}).items()
        for v in (given if isinstance(given, (list, tuple)) else [given])
        if v is not None
    ]
    if pairs:
        target += "?" + urlencode(pairs)
    final: dict[str, str] = {
        "Host": origin.authority,
        "Accept": "text/event-stream" if stream else "application/json",
        "Accept-Encoding": "identity" if stream else "gzip, deflate",
        "User-Agent": USER_AGENT,
    }
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        final["Content-Type"] = "application/json"
    if data is not None or method in ("POST", "PUT", "PATCH"):
        final["Content-Length"] = str(len(data or b""))  # some servers refuse a POST without
    if api_key:
        final["Authorization"] = f"Bearer {api_key}"
    for name, value in headers.items():
        final = {k: v for k, v in final.items() if k.lower() != name.lower()}
        if value != "":
            final[name] = value
    for name, value in final.items():
        check_header(name, value)
    return PreparedRequest(method, target, final, data, stream)


def check_header(name: str, value: str) -> None:
    """Refuse what would split a header or forge another (CR, LF, NUL, bad names), or
    could not be sent at all (characters beyond Latin-1). The message names the
    header, never its value, which may be a key."""
    if not isinstance(name, str) or not isinstance(value, str):
        raise TypeError(f"header {name!r} must be a string with a string value")
    if not name or any(c in name for c in ":\r\n\0 \t") or not name.isascii():
        raise ValueError(f"invalid header name {name!r}")
    if any(c in value for c in "\r\n\0"):
        raise ValueError(f"header {name} has a CR, LF or NUL in its value")
    if or_none(UnicodeEncodeError, value.encode, "latin-1") is None:  # it quotes the value
        raise ValueError(
            f"header {name} has a character that HTTP cannot carry (beyond Latin-1), "
            "such as a pasted ellipsis or a non-breaking space"
        )


CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "api-key", "x-api-key"})
"""Headers whose values are secrets: kept out of everything shown, like the API key."""


def credentials_in(headers: Mapping[str, str]) -> list[str]:
    """The secrets in ``headers``: each credential header's value, and its token
    without the scheme (``Bearer``, ``Basic``)."""
    found = []
    for name, value in headers.items():
        if name.lower() in CREDENTIAL_HEADERS and value:
            found += [value, value.partition(" ")[2].strip()]
    return found


def path_segment(value: str) -> str:
    """An id made safe as one path segment: ``/`` cannot escape it, and ``.`` and ``..``,
    which servers resolve to another path, are refused."""
    if not isinstance(value, str):
        raise TypeError(f"an id must be a string, not {type(value).__name__}")
    if value in ("", ".", ".."):
        raise ValueError(f"an id must not be empty, '.' or '..' (got {value!r})")
    return quote(value, safe="")


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
