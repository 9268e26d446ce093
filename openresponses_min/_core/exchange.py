# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What a connection knows without its socket, the same in both shells.

``Target`` is where a client's connections go and how (``connect`` in each shell opens
one to it); ``Wire`` is a request as it is sent. ``Connection`` holds the exchange in
progress: the response being read (framed by ``_wire.http11``, its body decoded by
``_wire.content``), and whether the connection may carry another request. Each shell's
connection (``_sync.transport``, ``_asyncio.transport``) adds only sending, receiving and
waiting: it asks ``_head()`` or ``_piece()`` and, while they say ``None``, receives bytes
for them.
``Tunnel`` is a proxy's CONNECT the same way.
"""

from __future__ import annotations

from .._model.record import Frozen
from .._wire import http11 as _http11
from .._wire.content import decoder_for
from .._wire.http11 import NEED_DATA, Data, End, Head, RemoteProtocolError, ResponseReader
from .policy import TunnelRefused, against, connect_limit, until

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Callable, Iterator
    from typing import Any

    from .._wire.content import ContentDecoder
    from .config import Timeout
    from .request import Origin, Proxy
    from .steps import Steps

TUNNEL_HEAD_LIMIT = 65536
"""Bytes of a proxy's answer to CONNECT read at most."""


class Target(Frozen):
    """Where a client's connections go: ``origin``, through ``proxy`` (to which plain
    http is sent in absolute form, https in a CONNECT tunnel), with ``tls()`` for https
    (which may block the first time, loading the CA store: the async shell calls it in
    the loop's executor); and the limit on each response's headers."""

    origin: Origin
    proxy: Proxy | None
    tls: Callable[[], ssl.SSLContext]
    max_header_size: int


class Wire(Frozen):
    """A request as sent: its bytes, its method and whether it asked to switch protocols
    (how to read the answer), and the limit on the answer's body."""

    data: bytes
    method: str
    max_body_size: int
    upgrade: bool = False


class Connection:
    """One HTTP/1.1 connection's exchanges, one at a time; see the module docstring.

    The shells add ``exchange(wire, limits, deadline)``, which sends a request (each
    wait bounded by ``limits.write``) and gives its response's head (each wait bounded
    by ``_head_limit``: the whole head within one ``limits.read`` of the sending), and
    ``read(timeout, deadline)``, which gives the next piece of the body (``b""`` at its
    end); after a protocol switch, ``write(data, timeout, deadline)`` and
    ``recv(timeout, deadline)`` move the new protocol's raw bytes (``b""``: the
    connection ended). The async shell's are awaited.
    """

    if TYPE_CHECKING:
        exchange: Callable[[Wire, Timeout, float | None], Any]
        read: Callable[[float | None, float | None], Any]
        write: Callable[[bytes, float | None, float | None], Any]
        recv: Callable[[float | None, float | None], Any]

        def looks_dead(self) -> bool: ...

        def close(self) -> None: ...

    def read_steps(self, timeout: float | None, deadline: float | None) -> Steps[bytes]:
        """``read`` as a step: what a stream reads its body with, as it reads a WebSocket
        turn's messages (``Turn.read_steps``)."""
        data: bytes = yield self.read, (timeout, deadline)
        return data

    def __init__(self, *, max_header_size: int) -> None:
        self._max_header_size = max_header_size
        self._reader: ResponseReader | None = None
        self._decoder: ContentDecoder | None = None
        self._pieces: Iterator[bytes] | None = None
        self._finished = False
        self._reusable = False
        self._max_body_size = 0
        self._head_by: float | None = None
        self.closed = False

    @property
    def reusable(self) -> bool:
        """The response was read to the end, nothing followed, the server keeps it open."""
        return not self.closed and self._reusable

    @property
    def finished(self) -> bool:
        """The whole body has been read."""
        return self._finished and self._pieces is None

    def idle(self) -> None:
        """The connection waits for its next use (the async shell reads on meanwhile)."""

    def switched(self) -> bytes:
        """The server switched protocols (a ``101``): the bytes that came right after its
        head, which are the new protocol's. The connection carries no more HTTP."""
        assert self._reader is not None
        data, self._reader = self._reader.trailing_data, None
        self._reusable = False
        return data

    def _start(self, wire: Wire) -> None:
        """``wire`` is being sent: its response is what is read next."""
        self._reader = ResponseReader(
            wire.method, upgrade=wire.upgrade, max_header_size=self._max_header_size,
            max_body_size=wire.max_body_size,
        )  # fmt: skip
        self._decoder, self._pieces, self._finished = None, None, False
        self._reusable = False
        self._max_body_size = wire.max_body_size
        self._head_by = None

    def _sent(self, read: float | None) -> None:
        """The request is sent: its response's head must be in within ``read`` seconds."""
        self._head_by = until(read)

    def _head_limit(self, deadline: float | None) -> float | None:
        """How long the next wait for the response's head may last: to one read timeout
        after the request was sent (``TimeoutError`` once that passed) and to the call's
        ``deadline`` (``TotalTimeout``). One bound for the whole head, ``1xx`` answers
        included, not one per byte: a server sending a byte, or a ``100 Continue``, now
        and then, each within the read timeout, would otherwise hold the call for ever."""
        with against(deadline):
            return connect_limit(self._head_by, deadline, "read")

    def _receive(self, data: bytes) -> None:
        """Bytes from the connection (``b""``: it ended), for the response being read."""
        assert self._reader is not None
        self._reader.receive(data)

    def _head(self) -> Head | None:
        """The response's head, once its bytes are in (``None``: more are needed)."""
        assert self._reader is not None
        event = self._reader.next_event()
        if event is NEED_DATA:
            return None
        assert isinstance(event, Head)
        encoding = event.headers.get("content-encoding", "")
        self._decoder = decoder_for(encoding, self._max_body_size)
        return event

    def _piece(self) -> bytes | None:
        """The next piece of the body, decoded; ``b""`` once it ended (``None``: more
        bytes are needed)."""
        while True:
            if self._pieces is not None:
                piece = next(self._pieces, None)
                if piece is not None:
                    return piece
                self._pieces = None
            if self._finished:
                return b""
            assert self._reader is not None
            event = self._reader.next_event()
            if event is NEED_DATA:
                return None
            if isinstance(event, Data):
                decoder = self._decoder
                self._pieces = iter((event.data,)) if decoder is None else decoder.feed(event.data)
            else:
                assert isinstance(event, End)
                self._finished = True
                self._reusable = self._reader.reusable
                self._reader = None  # an idle connection keeps none of the response's buffers
                if self._decoder is not None:
                    self._pieces = self._decoder.end()


class Tunnel:
    """A proxy's CONNECT tunnel to ``origin``: ``request`` to send, then the answer
    ``receive``\\ d until ``opened()``."""

    def __init__(self, proxy: Proxy, origin: Origin) -> None:
        target = origin.host_port
        headers = [("Host", target)]
        if proxy.authorization:
            headers.append(("Proxy-Authorization", proxy.authorization))
        self.request = _http11.request("CONNECT", target, headers, None)
        self._reader = ResponseReader("CONNECT", max_header_size=TUNNEL_HEAD_LIMIT)

    def receive(self, data: bytes) -> None:
        self._reader.receive(data)

    def opened(self) -> bool:
        """Whether the proxy's answer is in and opened the tunnel (``False``: more bytes
        are needed). ``TunnelRefused`` when it said no; ``RemoteProtocolError`` when it
        spoke into the tunnel itself."""
        reader = self._reader
        event = reader.next_event()
        if event is NEED_DATA:
            return False
        assert isinstance(event, Head)
        if not 200 <= event.status < 300:
            raise TunnelRefused(event.status, event.reason)
        if reader.trailing_data:
            raise RemoteProtocolError("the proxy sent bytes of its own into the tunnel")
        return True
