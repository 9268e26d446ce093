# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""WebSocket (RFC 6455) framing, both ends, without touching a socket.

``Handshake`` is the client's side of the upgrade: the headers its ``GET`` carries and
the check of the server's ``101`` (``Sec-WebSocket-Accept``, no extension and no
subprotocol, since none is asked for). ``WebSocket`` is one open connection's frames:
``send_text`` / ``send_binary`` / ``ping`` / ``close`` give the bytes to write;
``receive`` takes the bytes read (``b""`` once the connection ended) and
``next_event`` gives what they mean, one at a time: a ``Message`` (reassembled from
its fragments, text validated as UTF-8 as it arrives), a ``Pong``, or ``Closing``.
Pings are answered and a close is echoed by themselves: what must be written back
waits in ``outgoing``, which the shell writes after each event.

The other end is held to the RFC strictly: reserved bits, unknown opcodes, a client
that does not mask or a server that does, fragmented or oversized control frames,
continuations out of place, close codes that must not be sent, text that is not
UTF-8, and a message over ``max_message_size`` (checked at each frame's head, before
its payload is buffered) raise ``WebSocketProtocolError`` with the close code that
says why (1002, 1007, 1009); the close frame saying so waits in ``outgoing``.
``client=False`` is the server's side, for the mock server.
"""

from __future__ import annotations

import base64
import codecs
import os
import struct
from dataclasses import dataclass

from .http11 import RemoteProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from .http11 import Head

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
"""What RFC 6455 appends to the key before hashing it into ``Sec-WebSocket-Accept``."""
DEFAULT_MAX_MESSAGE_SIZE = 16 << 20
"""Bytes of one message at most, by default (the client passes its ``max_event_size``)."""

CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
_DATA = (CONTINUATION, TEXT, BINARY)
_CONTROL = (CLOSE, PING, PONG)

NORMAL, GOING_AWAY, PROTOCOL_ERROR, NO_STATUS, ABNORMAL = 1000, 1001, 1002, 1005, 1006
INVALID_DATA, POLICY_VIOLATION, TOO_BIG = 1007, 1008, 1009
_SENDABLE_CODES = frozenset({1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012,
                             1013, 1014})  # fmt: skip
"""Close codes a peer may put in a close frame (1005, 1006 and 1015 only ever describe
one that had none, or no close frame at all), besides 3000–4999."""


class WebSocketProtocolError(RemoteProtocolError):
    """The other end broke RFC 6455; ``code`` is the close code that says how."""

    def __init__(self, message: str, code: int = PROTOCOL_ERROR) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Message:
    """A whole message: ``str`` for a text message, ``bytes`` for a binary one."""

    data: str | bytes


@dataclass(frozen=True, slots=True)
class Pong:
    """The answer to a ping (or one sent unasked, as a heartbeat)."""

    data: bytes


@dataclass(frozen=True, slots=True)
class Closing:
    """The connection is closing: the peer's close frame (``code`` 1005 when it gave
    none), or the connection ended without one (1006). Nothing follows."""

    code: int
    reason: str


Event = Message | Pong | Closing


def accept_for(key: str) -> str:
    """The ``Sec-WebSocket-Accept`` that answers ``Sec-WebSocket-Key: key``."""
    import hashlib  # only once a connection upgrades: it loads OpenSSL's hashes

    digest = hashlib.sha1((key + GUID).encode("ascii")).digest()  # RFC 6455 says SHA-1
    return base64.b64encode(digest).decode("ascii")


class Handshake:
    """The client's side of the upgrade; ``key`` is random unless given (for tests)."""

    def __init__(self, key: str | None = None) -> None:
        self.key = key or base64.b64encode(os.urandom(16)).decode("ascii")

    @property
    def headers(self) -> dict[str, str]:
        """What the upgrade request carries besides the client's own headers."""
        return {
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": self.key,
            "Sec-WebSocket-Version": "13",
        }

    def check(self, head: Head) -> None:
        """``WebSocketProtocolError`` unless ``head`` (a ``101``) accepts this upgrade as
        asked: with the right ``Sec-WebSocket-Accept``, no extension, no subprotocol."""
        headers = head.headers
        if headers.get("upgrade", "").strip().lower() != "websocket":
            raise WebSocketProtocolError("the server switched to something other than websocket")
        if "upgrade" not in _tokens(headers.get("connection", "")):
            raise WebSocketProtocolError("the server's 101 lacks Connection: Upgrade")
        if headers.get("sec-websocket-accept", "").strip() != accept_for(self.key):
            raise WebSocketProtocolError("the server's Sec-WebSocket-Accept does not match")
        for name in ("sec-websocket-extensions", "sec-websocket-protocol"):
            if headers.get(name, "").strip():
                raise WebSocketProtocolError(f"the server chose a {name} nobody asked for")


def _tokens(value: str) -> list[str]:
    return [token.strip().lower() for token in value.split(",")]


def mask(data: bytes, key: bytes) -> bytes:
    """``data`` XORed with the 4-byte ``key`` repeated (masking and unmasking alike)."""
    if not data:
        return data
    size = len(data)
    keys = (key * (size // 4 + 1))[:size]
    masked = int.from_bytes(data, "little") ^ int.from_bytes(keys, "little")
    return masked.to_bytes(size, "little")


class WebSocket:
    """One WebSocket connection's frames, after the upgrade; see the module docstring.

    ``mask_key`` gives each client frame's masking key (``os.urandom(4)``, as the RFC
    asks, unless a test fixes it).
    """

    def __init__(
        self,
        *,
        client: bool = True,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        mask_key: Callable[[], bytes] | None = None,
    ) -> None:
        self.client = client
        self.max_message_size = max_message_size
        self._mask_key = mask_key or (lambda: os.urandom(4))
        self._buffer = bytearray()
        self._pos = 0
        self._eof = False
        self._parts: list[bytes] = []  # the message being reassembled
        self._size = 0
        self._opcode: int | None = None  # TEXT or BINARY while a message is fragmented
        self._text = codecs.getincrementaldecoder("utf-8")("strict")
        self._chars: list[str] = []
        self.outgoing = bytearray()
        """Bytes to write back (a pong, the echo of a close, the close of an error)."""
        self.close_sent = False
        self.closed = False
        """A close frame came (or the connection ended): nothing more will be read."""
        self.failure: WebSocketProtocolError | None = None

    # --- sending ----------------------------------------------------------------------------

    def send_text(self, text: str) -> bytes:
        return self._frame(TEXT, text.encode("utf-8"))

    def send_binary(self, data: bytes) -> bytes:
        return self._frame(BINARY, bytes(data))

    def ping(self, data: bytes = b"") -> bytes:
        return self._control(PING, data)

    def pong(self, data: bytes = b"") -> bytes:
        return self._control(PONG, data)

    def close(self, code: int = NORMAL, reason: str = "") -> bytes:
        """The close frame to write (``b""`` if one was sent already)."""
        if self.close_sent:
            return b""
        self.close_sent = True
        payload = b""
        if code != NO_STATUS:
            # 125 bytes at most in all: the reason is cut on a character, never inside one
            said = reason.encode("utf-8")[:123].decode("utf-8", "ignore").encode("utf-8")
            payload = struct.pack("!H", code) + said
        return self._control(CLOSE, payload)

    def take_outgoing(self) -> bytes:
        data, self.outgoing = bytes(self.outgoing), bytearray()
        return data

    def _control(self, opcode: int, payload: bytes) -> bytes:
        if len(payload) > 125:
            raise ValueError("a control frame's payload is 125 bytes at most")
        return self._frame(opcode, payload)

    def _frame(self, opcode: int, payload: bytes) -> bytes:
        if self.close_sent and opcode != CLOSE:
            raise RuntimeError("the WebSocket is closing: nothing more can be sent")
        size = len(payload)
        masked = 0x80 if self.client else 0
        if size < 126:
            head = struct.pack("!BB", 0x80 | opcode, masked | size)
        elif size < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, masked | 126, size)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, masked | 127, size)
        if not self.client:
            return head + payload
        key = self._mask_key()
        return head + key + mask(payload, key)

    # --- receiving --------------------------------------------------------------------------

    def receive(self, data: bytes) -> None:
        """Bytes read from the connection; ``b""`` once it ended."""
        if data:
            self._buffer += data
        else:
            self._eof = True

    def next_event(self) -> Event | None:
        """The next thing the bytes received say, or ``None`` until more arrive."""
        if self.failure is not None:
            raise self.failure
        if self.closed:
            return None
        try:
            while True:
                frame = self._next_frame()
                if frame is None:
                    if self._eof:
                        self.closed = True
                        return Closing(ABNORMAL, "")
                    return None
                event = self._handle(*frame)
                if event is not None:
                    return event
        except WebSocketProtocolError as error:
            self.failure = error
            self.closed = True
            if not self.close_sent:
                self.outgoing += self.close(error.code)
            raise

    def _next_frame(self) -> tuple[bool, int, bytes] | None:
        """The next whole frame (fin, opcode, payload unmasked), its head checked before
        its payload is waited for."""
        buffer, pos = self._buffer, self._pos
        available = len(buffer) - pos
        if available < 2:
            return None
        first, second = buffer[pos], buffer[pos + 1]
        fin, opcode, size = bool(first & 0x80), first & 0x0F, second & 0x7F
        self._check_head(first, opcode, fin, bool(second & 0x80), size)
        start = pos + 2
        if size == 126:
            if available < 4:
                return None
            (size,) = struct.unpack_from("!H", buffer, start)
            start += 2
        elif size == 127:
            if available < 10:
                return None
            (size,) = struct.unpack_from("!Q", buffer, start)
            if size >> 63:
                raise WebSocketProtocolError("a frame's 64-bit length has its top bit set")
            start += 8
        if opcode in _DATA and self._size + size > self.max_message_size:
            raise WebSocketProtocolError(
                f"a message exceeds max_message_size ({self.max_message_size:,} bytes)", TOO_BIG
            )
        key = b""
        if not self.client:
            if len(buffer) < start + 4:
                return None
            key = bytes(buffer[start : start + 4])
            start += 4
        end = start + size
        if len(buffer) < end:
            return None
        payload = bytes(buffer[start:end])
        self._pos = end
        if end > 65536 and end * 2 > len(buffer):
            del buffer[:end]
            self._pos = 0
        elif end == len(buffer):
            buffer.clear()
            self._pos = 0
        return fin, opcode, mask(payload, key) if key else payload

    def _check_head(self, first: int, opcode: int, fin: bool, masked: bool, size: int) -> None:
        if first & 0x70:
            raise WebSocketProtocolError("a frame sets reserved bits (no extension was agreed)")
        if opcode not in _DATA and opcode not in _CONTROL:
            raise WebSocketProtocolError(f"a frame has the unknown opcode {opcode:#x}")
        if masked == self.client:
            raise WebSocketProtocolError(
                "the server masked a frame" if self.client else "the client sent an unmasked frame"
            )
        if opcode in _CONTROL:
            if not fin:
                raise WebSocketProtocolError("a control frame is fragmented")
            if size > 125:
                raise WebSocketProtocolError("a control frame's payload is over 125 bytes")
        elif opcode == CONTINUATION and self._opcode is None:
            raise WebSocketProtocolError("a continuation frame continues no message")
        elif opcode != CONTINUATION and self._opcode is not None:
            raise WebSocketProtocolError("a new message began before the last one ended")

    def _handle(self, fin: bool, opcode: int, payload: bytes) -> Event | None:
        if opcode == PING:
            if not self.close_sent:
                self.outgoing += self.pong(payload)
            return None
        if opcode == PONG:
            return Pong(payload)
        if opcode == CLOSE:
            return self._closing(payload)
        if opcode != CONTINUATION:
            self._opcode = opcode
        self._size += len(payload)
        if self._opcode == TEXT:
            self._chars.append(self._decode(payload, final=fin))
        else:
            self._parts.append(payload)
        if not fin:
            return None
        message = Message("".join(self._chars) if self._opcode == TEXT else b"".join(self._parts))
        self._opcode, self._size, self._chars, self._parts = None, 0, [], []
        return message

    def _decode(self, payload: bytes, *, final: bool) -> str:
        try:
            return self._text.decode(payload, final)
        except UnicodeDecodeError:
            self._text.reset()
            raise WebSocketProtocolError("a text message is not UTF-8", INVALID_DATA) from None

    def _closing(self, payload: bytes) -> Closing:
        if len(payload) == 1:
            raise WebSocketProtocolError("a close frame's payload is one byte")
        code, reason = NO_STATUS, ""
        if payload:
            (code,) = struct.unpack_from("!H", payload)
            if code not in _SENDABLE_CODES and not 3000 <= code <= 4999:
                raise WebSocketProtocolError(f"a close frame has the code {code}, never sent")
            try:
                reason = payload[2:].decode("utf-8")
            except UnicodeDecodeError:
                raise WebSocketProtocolError(
                    "a close frame's reason is not UTF-8", INVALID_DATA
                ) from None
        self.closed = True
        if not self.close_sent:
            self.outgoing += self.close(code)
        return Closing(code, reason)
