# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""HTTP/1.1 for a client, without touching a socket: a request as bytes, and the bytes of a
response as events.

In h11's manner: ``ResponseReader.receive(data)`` takes whatever bytes arrived (``b""`` when
the connection ended) and ``next_event()`` gives back a ``Head``, ``Data``, ``End``, or
``NEED_DATA`` when it cannot say more until more bytes come. Every transport (sockets now,
asyncio next) drives the same reader, so they behave alike under the same hostile server.

What it accepts (RFC 9112, as leniently as h11, which the tests hold it against):

* a status line ``HTTP/x.y NNN reason`` (the reason may be missing), lines ending in CRLF
  or LF in the head, obsolete line folding unfolded to one space;
* any number of ``1xx`` responses before the final one, skipped, all of them within
  ``max_header_size`` bytes of heads in all; ``101`` handed to the caller when the request
  asked for a switch (``upgrade``), the bytes after it left in ``trailing_data`` for the
  protocol switched to, else refused; a ``2xx`` to ``CONNECT`` too;
* bodies framed by ``Transfer-Encoding: chunked`` (chunk extensions ignored, size lines
  bounded, trailers bounded by ``max_header_size`` and counted in the body's size), by
  ``Content-Length``, or by the end of the connection; none after ``HEAD``, 204 and 304.

Everything else that is malformed raises ``RemoteProtocolError``, saying what; an answer cut
short raises ``IncompleteResponse``. A head past ``max_header_size`` or a body past
``max_body_size`` raises ``ResponseTooLargeError``. Nothing is buffered beyond those limits:
body bytes go out as they come. A response is ``reusable`` only when it was complete, its
framing did not need the end of the connection, it did not ask to close, and nothing
followed it, so that no answer can shift onto the next request.
"""

from __future__ import annotations

import re
from functools import cache

from .._model.record import Frozen
from ..errors import ResponseTooLargeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Final

MAX_CHUNK_LINE: Final = 4096
"""Bytes of a chunk-size line, extensions included, at most."""


class _Grammar:
    """The patterns of a response's head and of chunked framing."""

    __slots__ = ("bad_value", "blank_line", "chunk_size", "field", "status")

    def __init__(self) -> None:
        self.status = re.compile(rb"HTTP/(\d)\.(\d) (\d{3})(?: ([^\x00\n\r\x0b\x0c]*))?")
        self.field = re.compile(rb"([-!#$%&'*+.^_`|~0-9a-zA-Z]+):[ \t]*(.*?)[ \t]*")
        self.bad_value = re.compile(rb"[\x00\n\r\x0b\x0c]")
        self.chunk_size = re.compile(rb"([0-9A-Fa-f]{1,20})(?:;.*)?[ \t]*")
        self.blank_line = re.compile(rb"\n\r?\n")


@cache
def _grammar() -> _Grammar:
    """The patterns, compiled when the first response is read: a cold start that makes a
    client has no need of them yet (compiling them takes about half a millisecond)."""
    return _Grammar()


class RemoteProtocolError(Exception):
    """The server's bytes are not HTTP/1.1 as a client can read it."""


class IncompleteResponse(RemoteProtocolError):
    """The connection ended before the response did; ``nothing`` when not one byte came."""

    def __init__(self, message: str, *, nothing: bool) -> None:
        super().__init__(message)
        self.nothing = nothing


class Head(Frozen):
    """A response's status line and headers: names in lower case, repeated ones joined
    with ``", "``."""

    status: int
    reason: str
    headers: dict[str, str]
    http_version: str


class Data(Frozen):
    """Body bytes, as many as had arrived, chunk framing removed."""

    data: bytes


class End(Frozen):
    """The end of the response; ``trailers`` are the chunked body's trailer fields."""

    trailers: dict[str, str]


class _NeedData:
    def __repr__(self) -> str:
        return "NEED_DATA"


NEED_DATA: Final = _NeedData()

# Reader states.
_HEAD, _LENGTH, _UNTIL_CLOSE, _CHUNK_SIZE_LINE, _CHUNK_DATA, _CHUNK_END, _TRAILERS = range(7)
_END_NEXT, _DONE, _SWITCHED = 7, 8, 9


def request(
    method: str, target: str, headers: Iterable[tuple[str, str]], body: bytes | None
) -> bytes:
    """The bytes of a request. The caller gives ``Host`` and ``Content-Length`` among the
    headers, already checked (no CR, LF or NUL; Latin-1 only)."""
    lines = [f"{method} {target} HTTP/1.1", *(f"{name}: {value}" for name, value in headers)]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + body if body else head


class ResponseReader:
    """One response's bytes to events; see the module docstring. ``method`` is the
    request's: an answer to ``HEAD`` has no body, a ``2xx`` to ``CONNECT`` opens a tunnel;
    ``upgrade`` says that it asked to switch protocols, which only then a ``101`` does."""

    def __init__(
        self,
        method: str,
        *,
        upgrade: bool = False,
        max_header_size: int,
        max_body_size: int | None = None,
    ) -> None:
        self._method = method
        self._upgrade = upgrade
        self._max_header_size = max_header_size
        self._max_body_size = max_body_size
        self._buffer = bytearray()
        self._pos = 0  # how much of the buffer is consumed: compacted now and then, not per event
        self._eof = False
        self._state = _HEAD
        self._head_bytes = 0  # of every head so far, 1xx included
        self._search_from = 0  # where the blank line that ends a head may start
        self._left = 0  # body bytes (by Content-Length) or chunk bytes still to come
        self._body_bytes = 0
        self._trailers: dict[str, str] = {}
        self._failure: Exception | None = None
        self.head: Head | None = None
        """The final response's head, once read."""
        self.keep_alive = False
        """The server is willing to take another request on this connection."""

    @property
    def complete(self) -> bool:
        return self._state == _DONE

    @property
    def reusable(self) -> bool:
        """The connection may carry another request: see the module docstring."""
        return self._state == _DONE and self.keep_alive and self._pos == len(self._buffer)

    @property
    def switched(self) -> bool:
        """The server switched protocols: the bytes after its head are ``trailing_data``."""
        return self._state == _SWITCHED

    @property
    def trailing_data(self) -> bytes:
        """After a ``101`` (or a tunnel opened by ``CONNECT``), the bytes that followed it."""
        return bytes(self._buffer[self._pos :])

    def receive(self, data: bytes) -> None:
        """Bytes from the connection; ``b""`` when it ended."""
        if data:
            self._buffer += data
        else:
            self._eof = True

    def next_event(self) -> Head | Data | End | _NeedData:
        """The next event; ``RuntimeError`` once the response is over (or switched): more
        bytes would belong to nobody, so waiting for them would wait forever. What the
        server got wrong is raised again on every call after the first."""
        if self._failure is not None:
            raise self._failure
        try:
            return self._next_event()
        except (RemoteProtocolError, ResponseTooLargeError) as error:
            self._failure = error
            raise

    def _next_event(self) -> Head | Data | End | _NeedData:
        state = self._state
        if state == _HEAD:
            return self._read_head()
        if state == _LENGTH:
            event = self._read_length()
        elif state == _UNTIL_CLOSE:
            event = self._read_until_close()
        elif state == _END_NEXT:
            self._state = _DONE
            event = End(self._trailers)
        elif state in (_DONE, _SWITCHED):
            raise RuntimeError("the response is over: read nothing more from it")
        else:
            event = self._read_chunked()
        self._compact()
        return event

    # --- the head ---------------------------------------------------------------------------

    def _read_head(self) -> Head | _NeedData:
        while True:
            lines = self._head_lines()
            if lines is None:
                return NEED_DATA
            head = _parse_head(lines)
            if head.status == 101 and not self._upgrade:
                # RFC 9110 15.2.2: a server switches only to a protocol the request offered.
                raise RemoteProtocolError(
                    "a 101 Switching Protocols answer to a request that asked for no switch"
                )
            if head.status == 101 or (self._method == "CONNECT" and 200 <= head.status < 300):
                self.head, self._state = head, _SWITCHED
                return head
            if head.status >= 200:
                break
            if head.status < 100:
                raise RemoteProtocolError(f"status {head.status} is no HTTP status")
            # 100 Continue, 103 Early Hints, ...: skipped, within the same header budget
        self.head = head
        version = tuple(map(int, head.http_version.split(".")))
        connection = _tokens(head.headers.get("connection", ""))
        self.keep_alive = version >= (1, 1) and "close" not in connection
        self._state = self._framing(head)
        self._compact()
        return head

    def _head_lines(self) -> list[bytes] | None:
        """The lines of the next head when all of it has arrived, its bytes counted."""
        buffer, start = self._buffer, self._pos
        match = _grammar().blank_line.search(buffer, max(start, self._search_from))
        budget = self._max_header_size - self._head_bytes
        if match is None:
            if len(buffer) - start > budget:
                self._too_large_head(len(buffer) - start)
            if self._eof:
                nothing = len(buffer) == start and self._head_bytes == 0
                raise IncompleteResponse(
                    "the connection closed without an answer"
                    if nothing
                    else "the connection closed before the response's headers ended",
                    nothing=nothing,
                )
            self._search_from = max(start, len(buffer) - 2)
            return None
        end = match.end()
        if end - start > budget:
            self._too_large_head(end - start)
        self._head_bytes += end - start
        self._pos = self._search_from = end
        lines = bytes(buffer[start:end]).split(b"\n")[:-2]
        return [line[:-1] if line.endswith(b"\r") else line for line in lines]

    def _too_large_head(self, size: int) -> None:
        raise ResponseTooLargeError(
            f"response headers exceed max_header_size ({self._max_header_size:,} bytes)",
            limit=self._max_header_size,
            received=self._head_bytes + size,
        )

    def _framing(self, head: Head) -> int:
        """The state the body starts in."""
        if self._method == "HEAD" or head.status in (204, 304):
            return _END_NEXT
        headers = head.headers
        codings = _tokens(headers.get("transfer-encoding", ""))
        if codings:
            if codings != ["chunked"]:
                raise RemoteProtocolError(
                    f"Transfer-Encoding {headers['transfer-encoding']!r}: only chunked is read"
                )
            return _CHUNK_SIZE_LINE
        length = headers.get("content-length")
        if length is None:
            self.keep_alive = False  # only the end of the connection ends such a body
            return _UNTIL_CLOSE
        values = {value.strip() for value in length.split(",")}
        if len(values) != 1 or not all(value.isascii() and value.isdigit() for value in values):
            raise RemoteProtocolError(f"Content-Length {length!r} is not one number")
        self._left = int(values.pop())
        return _LENGTH if self._left else _END_NEXT

    # --- the body ---------------------------------------------------------------------------

    def _read_length(self) -> Data | End | _NeedData:
        available = len(self._buffer) - self._pos
        if available == 0:
            if self._eof:
                raise IncompleteResponse(
                    f"the connection closed with {self._left:,} bytes of the body to come",
                    nothing=False,
                )
            return NEED_DATA
        take = min(available, self._left)
        self._left -= take
        if self._left == 0:
            self._state = _END_NEXT
        return self._data(self._take(take))

    def _read_until_close(self) -> Data | End | _NeedData:
        available = len(self._buffer) - self._pos
        if available:
            return self._data(self._take(available))
        if self._eof:
            self._state = _DONE
            return End({})
        return NEED_DATA

    def _read_chunked(self) -> Data | End | _NeedData:
        """As much of the body as has arrived, across chunk boundaries, as one ``Data``;
        ``End`` once the trailers are read."""
        pieces: list[bytes] = []
        try:
            self._chunks(pieces)
        except (RemoteProtocolError, ResponseTooLargeError) as error:
            if not pieces:
                raise
            self._failure = error  # the data before it first, the error on the next call
        if pieces:
            return self._data(b"".join(pieces))
        if self._state == _END_NEXT:
            self._state = _DONE
            return End(self._trailers)
        if self._eof:
            raise IncompleteResponse(
                "the connection closed in the middle of the chunked body", nothing=False
            )
        return NEED_DATA

    def _chunks(self, pieces: list[bytes]) -> None:
        """Take the chunks that have arrived into ``pieces``, up to the trailers' end."""
        buffer = self._buffer
        while self._state != _END_NEXT:
            state = self._state
            if state == _CHUNK_DATA:
                take = min(self._left, len(buffer) - self._pos)
                if take == 0:
                    break
                pieces.append(self._take(take))
                self._left -= take
                if self._left == 0:
                    self._state = _CHUNK_END
            elif state == _CHUNK_END:
                if len(buffer) - self._pos < 2:
                    break
                if buffer[self._pos : self._pos + 2] != b"\r\n":
                    raise RemoteProtocolError("a chunk is not followed by CRLF")
                self._pos += 2
                self._state = _CHUNK_SIZE_LINE
            elif state == _CHUNK_SIZE_LINE:
                if not self._chunk_size():
                    break
            elif pieces or not self._read_trailers():
                break  # the data goes out, and is counted, before the trailers are

    def _chunk_size(self) -> bool:
        """Read a chunk-size line; whether all of it had arrived."""
        buffer, start = self._buffer, self._pos
        end = buffer.find(b"\r\n", start, start + MAX_CHUNK_LINE + 2)
        if end == -1:
            if len(buffer) - start > MAX_CHUNK_LINE:
                raise RemoteProtocolError(f"a chunk-size line is over {MAX_CHUNK_LINE} bytes")
            return False
        line = bytes(buffer[start:end])
        if not _grammar().chunk_size.fullmatch(line):
            raise RemoteProtocolError(f"bad chunk-size line {line[:80]!r}")
        self._pos = end + 2
        self._left = int(line.split(b";", 1)[0], 16)
        self._state = _CHUNK_DATA if self._left else _TRAILERS
        return True

    def _read_trailers(self) -> bool:
        """Read the trailer section after the last chunk; whether all of it had arrived.
        Its bytes count in the body's size and, like a head's, in ``max_header_size``."""
        buffer, start = self._buffer, self._pos
        if buffer[start : start + 2] == b"\r\n" or buffer[start : start + 1] == b"\n":
            self._pos += 2 if buffer[start] == 13 else 1
            self._state = _END_NEXT
            return True
        match = _grammar().blank_line.search(buffer, max(start, self._search_from))
        size = (match.end() if match else len(buffer)) - start
        if size > self._max_header_size:
            self._too_large_head(size)
        if match is None:
            self._search_from = max(start, len(buffer) - 2)
            return False
        self._count(size)
        lines = bytes(buffer[start : match.end()]).split(b"\n")[:-2]
        self._trailers = _fields([line[:-1] if line.endswith(b"\r") else line for line in lines])
        self._pos = match.end()
        self._state = _END_NEXT
        return True

    # --- bookkeeping ------------------------------------------------------------------------

    def _take(self, count: int) -> bytes:
        piece = bytes(self._buffer[self._pos : self._pos + count])
        self._pos += count
        return piece

    def _data(self, piece: bytes) -> Data:
        """``piece`` counted; past the body's limit, what fits in it, the error next."""
        allowed = self._room()
        try:
            self._count(len(piece))
        except ResponseTooLargeError as error:
            if allowed <= 0:
                raise
            self._failure = error
            return Data(piece[:allowed])
        return Data(piece)

    def _room(self) -> int:
        limit = self._max_body_size
        return (1 << 62) if limit is None else limit - self._body_bytes

    def _count(self, size: int) -> None:
        self._body_bytes += size
        limit = self._max_body_size
        if limit is not None and self._body_bytes > limit:
            raise body_too_large(limit, self._body_bytes)

    def _compact(self) -> None:
        """Drop what was consumed, once it is all of the buffer or much of it."""
        pos = self._pos
        if pos and (pos == len(self._buffer) or pos > 1 << 16):
            del self._buffer[:pos]
            self._pos = 0
            self._search_from = max(0, self._search_from - pos)


def body_too_large(
    limit: int, received: int, request_id: str | None = None
) -> ResponseTooLargeError:
    """The error for a body past ``max_response_size``: one response's here, a stream's
    across its resumes in the lifecycle."""
    return ResponseTooLargeError(
        f"response body exceeds max_response_size ({limit:,} bytes)",
        limit=limit,
        received=received,
        request_id=request_id,
    )


def _parse_head(lines: list[bytes]) -> Head:
    status = _grammar().status.fullmatch(lines[0]) if lines else None
    if status is None:
        raise RemoteProtocolError(f"bad status line {lines[0][:100] if lines else b''!r}")
    major, minor, code, reason = status.groups()
    return Head(
        int(code),
        (reason or b"").decode("latin-1"),
        _fields(lines[1:]),
        f"{major.decode()}.{minor.decode()}",
    )


def _fields(lines: list[bytes]) -> dict[str, str]:
    """Header lines to a mapping, obsolete folding unfolded to one space (RFC 9112 5.2)."""
    fields: dict[str, str] = {}
    grammar = _grammar()
    for line in _unfold(lines):
        match = grammar.field.fullmatch(line)
        if match is None or grammar.bad_value.search(match.group(2)):
            raise RemoteProtocolError(f"bad header line {line[:100]!r}")
        name = match.group(1).decode("ascii").lower()
        value = match.group(2).decode("latin-1")
        fields[name] = f"{fields[name]}, {value}" if name in fields else value
    return fields


def _unfold(lines: list[bytes]) -> list[bytes]:
    out: list[bytes] = []
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if not out:
                raise RemoteProtocolError("a continuation line before any header")
            out[-1] = out[-1] + b" " + line.lstrip(b" \t")
        else:
            out.append(line)
    return out


def _tokens(value: str) -> list[str]:
    return [token.strip().lower() for token in value.split(",") if token.strip()]
