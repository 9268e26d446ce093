# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The sync transport: ``socket`` and ``ssl`` under the sans-I/O HTTP/1.1 core, and
nothing else (no ``http.client``).

It only moves bytes and waits; what the bytes mean is ``_http11``'s, what a body's
encoding means ``_content``'s, how long to wait ``policy``'s, which connection to use
``_pool``'s (``SyncPool`` adds the lock and the waiting). ``connect`` opens a
connection, through a proxy's CONNECT tunnel and TLS as needed, all of it within one
connect deadline: every wait gets what is left of it. Name resolution is the one wait it
cannot bound: the standard library's ``getaddrinfo`` takes no timeout and cannot be
interrupted. ``SyncConnection`` sends a request and reads its response, each wait on the
network bounded by the read timeout and by what is left of the call's total timeout.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from time import monotonic

from . import _http11
from ._content import decoder_for
from ._http11 import NEED_DATA, Data, End, Head, RemoteProtocolError, ResponseReader
from ._pool import Pool
from .policy import TotalTimeout, TunnelRefused, wait_limit

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Callable, Iterator

    from ._content import ContentDecoder
    from .request import Origin, Proxy

READ_SIZE = 16384
"""Bytes read at a time: a stream's pieces of about this size keep the event decoder's
working set in the CPU's cache (64 KiB reads measured 4 % slower end to end)."""
TUNNEL_HEAD_LIMIT = 65536
"""Bytes of a proxy's answer to CONNECT read at most."""


def connect(
    origin: Origin,
    proxy: Proxy | None,
    tls: Callable[[], ssl.SSLContext],
    *,
    connect_timeout: float | None,
    deadline: float | None,
    max_header_size: int,
) -> SyncConnection:
    """A connection to ``origin`` (to ``proxy`` for plain http, which is sent to it in
    absolute form), ready for a request."""
    until = None if connect_timeout is None else monotonic() + connect_timeout
    address = (proxy.origin.host, proxy.origin.port) if proxy is not None else None
    with _against(deadline):
        sock = _tcp(address or (origin.host, origin.port), until, deadline)
        try:
            if origin.scheme == "https":
                if proxy is not None:
                    _tunnel(sock, proxy, origin, until, deadline)
                sock = _tls(sock, tls(), origin.host, until, deadline)
        except BaseException:
            sock.close()
            raise
    return SyncConnection(sock, max_header_size=max_header_size)


def _connect_limit(until: float | None, deadline: float | None) -> float | None:
    """The wait allowed now while connecting: what is left of the connect timeout, and of
    the call's total timeout."""
    now = monotonic()
    left = None if until is None else until - now
    if left is not None and left <= 0:
        raise TimeoutError("the connect timeout passed")
    return wait_limit(left, deadline, now)


def _tcp(address: tuple[str, int], until: float | None, deadline: float | None) -> socket.socket:
    host, port = address
    error: OSError | None = None
    for family, kind, protocol, _, target in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(_connect_limit(until, deadline))
            sock.connect(target)
        except OSError as exc:
            sock.close()
            if isinstance(exc, TimeoutError):
                raise
            error = exc
            continue
        except BaseException:
            sock.close()
            raise
        # Nagle's algorithm would hold a small request back while waiting for an ACK.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock
    raise error or OSError(f"no address for {host}")


def _tunnel(
    sock: socket.socket, proxy: Proxy, origin: Origin, until: float | None, deadline: float | None
) -> None:
    """Ask ``proxy`` for a tunnel to ``origin``; its answer is read by the HTTP/1.1 core."""
    target = origin.host_port
    headers = [("Host", target)]
    if proxy.authorization:
        headers.append(("Proxy-Authorization", proxy.authorization))
    sock.settimeout(_connect_limit(until, deadline))
    sock.sendall(_http11.request("CONNECT", target, headers, None))
    reader = ResponseReader("CONNECT", max_header_size=TUNNEL_HEAD_LIMIT)
    while (event := reader.next_event()) is NEED_DATA:
        sock.settimeout(_connect_limit(until, deadline))
        reader.receive(sock.recv(4096))
    assert isinstance(event, Head)
    if not 200 <= event.status < 300:
        raise TunnelRefused(event.status, event.reason)
    if reader.trailing_data:
        raise RemoteProtocolError("the proxy sent bytes of its own into the tunnel")


def _tls(
    sock: socket.socket,
    context: ssl.SSLContext,
    host: str,
    until: float | None,
    deadline: float | None,
) -> socket.socket:
    tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
    try:
        tls.settimeout(_connect_limit(until, deadline))
        tls.do_handshake()  # bounded as a whole by the timeout just set
    except BaseException:
        tls.close()
        raise
    return tls


class SyncConnection:
    """One HTTP/1.1 connection: a request sent, its response read, its body decoded.

    ``close()`` may be called from any thread: a thread waiting on the connection then
    wakes at once (its wait ends as if the server had closed).
    """

    def __init__(self, sock: socket.socket, *, max_header_size: int) -> None:
        self.sock = sock
        self._max_header_size = max_header_size
        self._reader: ResponseReader | None = None
        self._decoder: ContentDecoder | None = None
        self._pieces: Iterator[bytes] | None = None
        self._finished = False
        self.closed = False

    @property
    def reusable(self) -> bool:
        """The response was read to the end, nothing followed, the server keeps it open."""
        return not self.closed and self._reader is not None and self._reader.reusable

    @property
    def finished(self) -> bool:
        """The whole body has been read."""
        return self._finished and self._pieces is None

    def exchange(
        self,
        data: bytes,
        method: str,
        *,
        timeout: float | None,
        deadline: float | None,
        max_body_size: int,
    ) -> Head:
        """Send a request's bytes and read its response's head."""
        reader = self._reader = ResponseReader(
            method, max_header_size=self._max_header_size, max_body_size=max_body_size
        )
        self._finished, self._pieces = False, None
        self.sock.settimeout(wait_limit(timeout, deadline, monotonic()))
        with _against(deadline):
            self.sock.sendall(data)
        while (event := reader.next_event()) is NEED_DATA:
            self._receive(timeout, deadline)
        assert isinstance(event, Head)
        self._decoder = decoder_for(event.headers.get("content-encoding", ""), max_body_size)
        return event

    def read(self, *, timeout: float | None, deadline: float | None) -> bytes:
        """The next piece of the body, decoded; ``b""`` once it ended."""
        assert self._reader is not None
        while True:
            if self._pieces is not None:
                piece = next(self._pieces, None)
                if piece is not None:
                    return piece
                self._pieces = None
            if self._finished:
                return b""
            event = self._reader.next_event()
            if event is NEED_DATA:
                self._receive(timeout, deadline)
            elif isinstance(event, Data):
                decoder = self._decoder
                self._pieces = iter((event.data,)) if decoder is None else decoder.feed(event.data)
            else:
                assert isinstance(event, End)
                self._finished = True
                if self._decoder is not None:
                    self._pieces = self._decoder.end()

    def read_all(
        self, *, timeout: float | None, deadline: float | None, limit: int | None = None
    ) -> bytes:
        """The body (bounded by the response's own limits), or its first ``limit`` bytes."""
        pieces, size = [], 0
        while (limit is None or size < limit) and (
            piece := self.read(timeout=timeout, deadline=deadline)
        ):
            pieces.append(piece)
            size += len(piece)
        body = b"".join(pieces)
        return body if limit is None else body[:limit]

    def looks_dead(self) -> bool:
        """An idle connection that is readable has a closed peer or bytes nobody asked
        for: either way, it must not carry another request."""
        if self.closed:
            return True
        pending = getattr(self.sock, "pending", None)  # bytes ssl decrypted already
        if pending is not None and pending():
            return True
        try:
            if hasattr(select, "poll"):
                poller = select.poll()
                poller.register(self.sock, select.POLLIN)
                return bool(poller.poll(0))
            return bool(select.select([self.sock], [], [], 0)[0])
        except (OSError, ValueError):
            return True

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(OSError):  # not connected any more: nothing to wake
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes a thread waiting in recv()
        self.sock.close()

    def _receive(self, timeout: float | None, deadline: float | None) -> None:
        assert self._reader is not None
        self.sock.settimeout(wait_limit(timeout, deadline, monotonic()))
        with _against(deadline):
            data = self.sock.recv(READ_SIZE)
        self._reader.receive(data)


@contextlib.contextmanager
def _against(deadline: float | None) -> Iterator[None]:
    """A wait that timed out because the call's total timeout came first says so."""
    try:
        yield
    except TimeoutError:
        if deadline is not None and monotonic() >= deadline:
            raise TotalTimeout("the total timeout passed") from None
        raise


class SyncPool:
    """A client's connections, shared by its threads: ``_pool``'s decisions under a lock,
    and the waiting for a free one."""

    def __init__(
        self,
        origin: Origin,
        proxy: Proxy | None,
        tls: Callable[[], ssl.SSLContext],
        *,
        max_connections: int,
        max_header_size: int,
    ) -> None:
        self._origin, self._proxy, self._tls = origin, proxy, tls
        self._max_header_size = max_header_size
        self._pool: Pool[SyncConnection] = Pool(max_connections)
        self._available = threading.Condition()

    @property
    def open(self) -> int:
        """Connections open, idle or in use."""
        return self._pool.open

    def check_out(self, connect_timeout: float | None, deadline: float | None) -> SyncConnection:
        """An idle connection still alive, or a new one once there is room for it: the
        wait for room is bounded by the connect timeout, and the call's deadline."""
        until = None if connect_timeout is None else monotonic() + connect_timeout
        pool = self._pool
        with self._available:
            while True:
                idle = pool.take_idle()
                if idle is not None:
                    if not idle.looks_dead():
                        return idle
                    pool.discard()
                    idle.close()
                    continue
                if pool.may_open():
                    pool.opened()
                    break
                limit = _connect_limit(until, deadline)
                if not self._available.wait(limit):
                    raise TimeoutError(f"all {pool.max_connections} connections stayed busy")
        try:
            return connect(
                self._origin, self._proxy, self._tls, connect_timeout=connect_timeout,
                deadline=deadline, max_header_size=self._max_header_size,
            )  # fmt: skip
        except BaseException:
            self._freed()
            raise

    def check_in(self, connection: SyncConnection) -> None:
        """A connection done with: kept for the next call if its response ended cleanly."""
        with self._available:
            kept = self._pool.give_back(connection, connection.reusable)
            self._available.notify()
        if not kept:
            connection.close()

    def discard(self, connection: SyncConnection) -> None:
        connection.close()
        self._freed()

    def close(self) -> None:
        """Close the idle connections."""
        with self._available:
            idle = self._pool.drain()
            self._available.notify_all()
        for connection in idle:
            connection.close()

    def _freed(self) -> None:
        with self._available:
            self._pool.discard()
            self._available.notify()
