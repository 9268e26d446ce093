# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The sync transport: ``socket`` and ``ssl`` under the sans-I/O core, and nothing else
(no ``http.client``).

It only moves bytes and waits; what the bytes mean is ``_core.exchange``'s (and below
it ``_wire.http11``'s and ``_wire.content``'s), how long to wait ``_core.policy``'s, which
connection to use ``_core.pool``'s (``SyncPool`` adds the lock and the waiting). ``connect`` opens a
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
import time
from time import monotonic

from .._core.exchange import Connection, Target, Tunnel, Wire
from .._core.policy import PoolTimeout, WriteTimeout, against, connect_limit, until, wait_limit
from .._core.pool import Pool

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl

    from .._core.config import Timeout
    from .._wire.http11 import Head

READ_SIZE = 16384
"""Bytes read at a time: a stream's pieces of about this size keep the event decoder's
working set in the CPU's cache (64 KiB reads measured 4 % slower end to end)."""


def sleep(seconds: float) -> None:
    """The wait before a retry or a resume."""
    time.sleep(seconds)


def connect(target: Target, until: float | None, deadline: float | None) -> SyncConnection:
    """A connection to ``target``, ready for a request, by ``until`` (the connect
    timeout's end)."""
    origin, proxy = target.origin, target.proxy
    peer = origin if proxy is None else proxy.origin
    with against(deadline):
        sock = _tcp((peer.host, peer.port), until, deadline)
        try:
            if origin.scheme == "https":
                if proxy is not None:
                    _tunnel(sock, Tunnel(proxy, origin), until, deadline)
                sock = _tls(sock, target.tls(), origin.host, until, deadline)
        except BaseException:
            sock.close()
            raise
    return SyncConnection(sock, max_header_size=target.max_header_size)


def _tcp(address: tuple[str, int], until: float | None, deadline: float | None) -> socket.socket:
    host, port = address
    error: OSError | None = None
    for family, kind, protocol, _, target in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(connect_limit(until, deadline))
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
    sock: socket.socket, tunnel: Tunnel, until: float | None, deadline: float | None
) -> None:
    sock.settimeout(connect_limit(until, deadline))
    sock.sendall(tunnel.request)
    while not tunnel.opened():
        sock.settimeout(connect_limit(until, deadline))
        tunnel.receive(sock.recv(4096))


def _tls(
    sock: socket.socket,
    context: ssl.SSLContext,
    host: str,
    until: float | None,
    deadline: float | None,
) -> socket.socket:
    tls = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
    try:
        tls.settimeout(connect_limit(until, deadline))
        tls.do_handshake()  # bounded as a whole by the timeout just set
    except BaseException:
        tls.close()
        raise
    return tls


class SyncConnection(Connection):
    """One HTTP/1.1 connection over a socket; see ``Connection``.

    ``close()`` may be called from any thread: a thread waiting on the connection then
    wakes at once (its wait ends as if the server had closed).
    """

    def __init__(self, sock: socket.socket, *, max_header_size: int) -> None:
        super().__init__(max_header_size=max_header_size)
        self.sock = sock
        self._writing = threading.Lock()  # a WebSocket's frames may be sent from two threads

    def exchange(self, wire: Wire, limits: Timeout, deadline: float | None) -> Head:
        """Send a request and read its response's head."""
        self._start(wire)
        self.write(wire.data, limits.write, deadline)
        self._sent(limits.read)
        while (head := self._head()) is None:
            self._fill(self._head_limit(deadline), deadline)
        return head

    def read(self, timeout: float | None, deadline: float | None) -> bytes:
        """The next piece of the body, decoded; ``b""`` once it ended."""
        while (piece := self._piece()) is None:
            self._fill(timeout, deadline)
        return piece

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

    def write(self, data: bytes, timeout: float | None, deadline: float | None) -> None:
        """Send ``data`` whole (a request, or after a protocol switch the new protocol's
        bytes), within ``timeout`` (the write timeout) and the call's deadline."""
        with self._writing:
            self.sock.settimeout(wait_limit(timeout, deadline, monotonic()))
            with against(deadline):
                try:
                    self.sock.sendall(data)
                except TimeoutError as exc:
                    raise WriteTimeout("the write timeout passed") from exc

    def recv(self, timeout: float | None, deadline: float | None) -> bytes:
        """The next bytes that come; ``b""`` once the connection ended."""
        self.sock.settimeout(wait_limit(timeout, deadline, monotonic()))
        with against(deadline):
            return self.sock.recv(READ_SIZE)

    def _fill(self, timeout: float | None, deadline: float | None) -> None:
        self._receive(self.recv(timeout, deadline))


class SyncPool:
    """A client's connections, shared by its threads: ``_core.pool``'s decisions under a lock,
    the waiting for a free place, and the connecting."""

    def __init__(self, target: Target, max_connections: int) -> None:
        self._target = target
        self._pool: Pool[SyncConnection] = Pool(max_connections)
        self._available = threading.Condition()

    @property
    def open(self) -> int:
        """Connections open, idle or in use."""
        return self._pool.open

    def check_out(self, limits: Timeout, deadline: float | None) -> SyncConnection:
        """An idle connection still alive, or a new one once there is room for it: the
        wait for room is bounded by the pool timeout, connecting by the connect timeout,
        both by the call's deadline."""
        room_by = until(limits.pool)
        pool = self._pool
        with self._available:
            while (claim := pool.claim()) is False:
                if not self._available.wait(connect_limit(room_by, deadline, "pool")):
                    raise PoolTimeout(f"all {pool.max_connections} connections stayed busy")
        if claim is not True:
            return claim
        try:
            return connect(self._target, until(limits.connect), deadline)
        except BaseException:
            self.discard(None)
            raise

    def check_in(self, connection: SyncConnection) -> None:
        """A connection done with: kept for the next call if its response ended cleanly."""
        with self._available:
            self._pool.give_back(connection)
            self._available.notify()

    def discard(self, connection: SyncConnection | None) -> None:
        """Close a connection in use (``None``: one that failed to open)."""
        with self._available:
            self._pool.discard(connection)
            self._available.notify()

    def close(self) -> None:
        """Close the idle connections."""
        with self._available:
            self._pool.drain()
            self._available.notify_all()
