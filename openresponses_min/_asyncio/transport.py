# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The asyncio transport: the event loop under the sans-I/O core, and nothing else.

Only moving bytes and waiting differ from ``_sync.transport``; what the bytes mean is
``_core.exchange``'s, how long to wait ``_core.policy``'s, which connection to use ``_core.pool``'s.
It has no threads of its own and makes no blocking call: a host name is resolved by the
loop's ``getaddrinfo`` (in the loop's executor; an IP address needs no resolution at
all), the TLS context is built in that executor too (once: its default loads the CA
store from disk), and every wait is on the loop, bounded by its timers: connecting (TCP, a proxy's
CONNECT, then TLS with ``loop.start_tls``) by one connect deadline, each read by the
read timeout and what is left of the call's total timeout, each write by the write
timeout the same way: what is written waits until the transport's buffer drains below
its high-water mark (asyncio's flow control), so a peer that stops reading holds the
write, and nothing more piles up behind it in the loop's buffer. A timeout raises the
built-in ``TimeoutError`` on every Python (on 3.10 ``asyncio.TimeoutError`` is another
class). A task cancelled while it waits lets ``CancelledError`` through, and the core
closes what it held: ``AsyncConnection.close()`` aborts the transport, whose socket the
loop closes on its next turn. A pool and its connections belong to one loop
(``AsyncPool.bind``): used from another, they raise ``RuntimeError``.

``arun`` drives the core's steps, awaiting each ``IO``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from time import monotonic

from .._core.exchange import Connection, Target, Tunnel, Wire
from .._core.policy import PoolTimeout, WriteTimeout, against, connect_limit, until, wait_limit
from .._core.pool import Pool
from .._core.steps import Runner
from .._wire.http11 import RemoteProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Awaitable, Callable
    from typing import TypeVar

    from .._core.config import Timeout
    from .._core.steps import Steps
    from .._wire.http11 import Head

    T = TypeVar("T")

READ_BUDGET = 65536
"""Bytes the loop reads at a time, shared by a client's connections in use: one stream
reads 64 KiB at a time, sixteen or more read ``MIN_READ``."""
MIN_READ = 4096
"""Bytes the loop reads from one connection at a time, at least."""
WRONG_LOOP = (
    "this AsyncClient belongs to another event loop: it was made or first used on one, "
    "and its connections live there; make one AsyncClient per event loop"
)


async def arun(steps: Steps[T]) -> T:
    """Drive ``steps``, awaiting each call: their outcome, or what they raised."""
    runner = Runner(steps)
    while (action := runner.action) is not None:
        call, arguments = action
        try:
            value = await call(*arguments)
        except BaseException as error:
            runner.fail(error)
        else:
            runner.give(value)
    return runner.result


async def connect(
    target: Target,
    context: ssl.SSLContext | None,
    buffer: ReadBuffer,
    until: float | None,
    deadline: float | None,
) -> AsyncConnection:
    """A connection to ``target``, ready for a request, by ``until`` (the connect
    timeout's end), over TLS with ``context`` for https; the loop reads it into
    ``buffer``, shared by the pool's connections."""
    loop = asyncio.get_running_loop()
    origin, proxy = target.origin, target.proxy
    peer = origin if proxy is None else proxy.origin
    direct = context if proxy is None else None  # TLS from the start, not in a tunnel
    with against(deadline):
        _, receiver = await _within(
            loop.create_connection(
                lambda: _Receiver(loop, buffer), peer.host, peer.port, ssl=direct,
                server_hostname=origin.host if direct is not None else None,
            ),
            connect_limit(until, deadline),
        )  # fmt: skip
        try:
            if context is not None and proxy is not None:
                await _tunnel(receiver, Tunnel(proxy, origin), until, deadline)
                secured = await _within(
                    loop.start_tls(
                        receiver.transport, receiver, context, server_hostname=origin.host
                    ),
                    connect_limit(until, deadline),
                )
                assert secured is not None  # typeshed allows None; the loop never gives it
                receiver.transport = secured
        except BaseException:
            receiver.transport.abort()
            raise
    return AsyncConnection(receiver, max_header_size=target.max_header_size)


async def _tunnel(
    receiver: _Receiver, tunnel: Tunnel, until: float | None, deadline: float | None
) -> None:
    receiver.transport.write(tunnel.request)
    while not tunnel.opened():
        tunnel.receive(await receiver.receive(connect_limit(until, deadline)))
    if receiver.holds_data:
        raise RemoteProtocolError("the proxy sent bytes of its own into the tunnel")


async def _within(awaitable: Awaitable[T], limit: float | None) -> T:
    """What ``awaitable`` gives, within ``limit`` seconds (else the built-in
    ``TimeoutError``)."""
    try:
        return await asyncio.wait_for(awaitable, limit)
    except asyncio.TimeoutError:  # not TimeoutError on Python 3.10
        raise TimeoutError("timed out") from None


async def _wait_on(
    waiter: asyncio.Future[None], limit: float | None, why: str,
    timeout: type[TimeoutError] = TimeoutError,
) -> None:  # fmt: skip
    """Wait for ``waiter`` to be resolved, failing with ``timeout(why)`` after ``limit``
    seconds (``None``: no limit)."""
    timer = None
    if limit is not None:
        timer = waiter.get_loop().call_later(limit, _time_out, waiter, timeout(why))
    try:
        await waiter
    finally:
        if timer is not None:
            timer.cancel()


def _time_out(waiter: asyncio.Future[None], error: TimeoutError) -> None:
    if not waiter.done():
        waiter.set_exception(error)


class ReadBuffer:
    """A client's one buffer that the loop reads into (it fills it and says so in one
    go, so one serves every connection), and how much of it one read may fill: the
    ``READ_BUDGET`` shared by the connections in use, at least ``MIN_READ``. What the loop
    has read and no stream has taken yet so stays near the budget, not a buffer's worth
    per stream, however many are open; one stream alone still reads in big pieces."""

    def __init__(self, in_use: Callable[[], int]) -> None:
        self._buffer = memoryview(bytearray(READ_BUDGET))
        self._in_use = in_use

    def share(self) -> memoryview:
        return self._buffer[: max(MIN_READ, READ_BUDGET // max(1, self._in_use()))]


class _Receiver(asyncio.BufferedProtocol):
    """A connection's bytes, read when the core asks for them, as the sync transport
    reads: the loop reads into the client's ``ReadBuffer``, the bytes are copied out,
    and reading pauses until they are taken. What a server sends ahead waits in the
    kernel, not here, so a thousand open streams hold a thousand small objects, not a
    thousand buffers. Writing is held the same way: ``drain`` waits while the
    transport holds more than its high-water mark of bytes not yet sent."""

    def __init__(self, loop: asyncio.AbstractEventLoop, buffer: ReadBuffer) -> None:
        self.loop = loop
        self.transport: asyncio.Transport
        self._buffer = buffer
        self._filling = buffer.share()
        self._chunks: list[bytes] = []  # one, but for what TLS decrypted ahead
        self._paused = False
        self.ended = False
        """The peer closed, or the connection was lost."""
        self._error: BaseException | None = None
        self._told_end = False
        self._waiter: asyncio.Future[None] | None = None
        self._writing_paused = False
        self._lost = False
        self._drains: list[asyncio.Future[None]] = []  # two tasks may write to a WebSocket

    @property
    def holds_data(self) -> bool:
        return bool(self._chunks)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def get_buffer(self, sizehint: int) -> memoryview:
        self._filling = self._buffer.share()
        return self._filling

    def buffer_updated(self, nbytes: int) -> None:
        self._chunks.append(bytes(self._filling[:nbytes]))
        if not self._paused:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> None:
        self.ended = True
        self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended = self._lost = True
        self._error = exc
        self._wake()
        self._wake_writers()

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        self._wake_writers()

    async def drain(self, limit: float | None) -> None:
        """Wait until the transport holds less than its high-water mark of bytes not yet
        sent, at most ``limit`` seconds (then ``WriteTimeout``). A connection lost ends
        the wait quietly: what broke it is the next read's to raise, after whatever the
        server answered before it went (an early error, say)."""
        if not self._writing_paused or self._lost:
            return
        waiter = self.loop.create_future()
        self._drains.append(waiter)
        try:
            await _wait_on(waiter, limit, "the write timeout passed", WriteTimeout)
        finally:
            self._drains.remove(waiter)

    def listen(self) -> None:
        """Read again, if reading was paused and nothing read is waiting to be taken."""
        if self._paused and not self._chunks:
            self._paused = False
            self.transport.resume_reading()

    async def receive(self, limit: float | None) -> bytes:
        """The next bytes that came (``b""``: the connection ended), waiting at most
        ``limit`` seconds for them; what broke the connection, raised once. The end is
        told once: asked again, it raises, for a caller that would ask on and on would
        never yield to the loop."""
        if not self._chunks and not self.ended:
            self.listen()
            waiter = self._waiter = self.loop.create_future()
            try:
                await _wait_on(waiter, limit, "timed out")
            finally:
                self._waiter = None
        if self._chunks:
            return self._chunks.pop(0)
        error, self._error = self._error, None
        if error is not None:
            raise error
        if self._told_end:
            raise ConnectionError("the connection ended: nothing more will come")
        self._told_end = True
        return b""

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _wake_writers(self) -> None:
        for waiter in self._drains:
            if not waiter.done():
                waiter.set_result(None)


class AsyncConnection(Connection):
    """One HTTP/1.1 connection over an asyncio transport; see ``Connection``."""

    def __init__(self, receiver: _Receiver, *, max_header_size: int) -> None:
        super().__init__(max_header_size=max_header_size)
        self._receiver = receiver

    async def exchange(self, wire: Wire, limits: Timeout, deadline: float | None) -> Head:
        """Send a request and read its response's head."""
        self._start(wire)
        await self.write(wire.data, limits.write, deadline)
        self._sent(limits.read)
        while (head := self._head()) is None:
            await self._fill(self._head_limit(deadline), deadline)
        return head

    async def read(self, timeout: float | None, deadline: float | None) -> bytes:
        """The next piece of the body, decoded; ``b""`` once it ended."""
        while (piece := self._piece()) is None:
            await self._fill(timeout, deadline)
        return piece

    def idle(self) -> None:
        """The connection waits in the pool: it reads on, so that its peer closing or
        sending what nobody asked for is seen by ``looks_dead``."""
        self._receiver.listen()

    def looks_dead(self) -> bool:
        """An idle connection whose peer closed or that holds bytes nobody asked for
        must not carry another request."""
        return self.closed or self._receiver.ended or self._receiver.holds_data

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._receiver.transport.abort()

    async def write(self, data: bytes, timeout: float | None, deadline: float | None) -> None:
        """Send ``data`` (a request, or after a protocol switch the new protocol's bytes):
        the transport buffers what it cannot write at once, and the wait for that buffer
        to drain is bounded by ``timeout`` (the write timeout) and the call's deadline."""
        self._receiver.transport.write(data)
        with against(deadline):
            await self._receiver.drain(wait_limit(timeout, deadline, monotonic()))

    async def recv(self, timeout: float | None, deadline: float | None) -> bytes:
        """The next bytes that come; ``b""`` once the connection ended."""
        with against(deadline):
            return await self._receiver.receive(wait_limit(timeout, deadline, monotonic()))

    async def _fill(self, timeout: float | None, deadline: float | None) -> None:
        self._receive(await self.recv(timeout, deadline))


class AsyncPool:
    """A client's connections on one event loop: ``_core.pool``'s decisions, the waiting for a
    free place, and the connecting. Only ``check_out`` waits."""

    def __init__(self, target: Target, max_connections: int) -> None:
        self._target = target
        self._pool: Pool[AsyncConnection] = Pool(max_connections)
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._buffer = ReadBuffer(lambda: self._pool.in_use)
        self._context: asyncio.Future[ssl.SSLContext] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        with contextlib.suppress(RuntimeError):  # made outside a loop: bound on first use
            self._loop = asyncio.get_running_loop()

    @property
    def open(self) -> int:
        """Connections open, idle or in use."""
        return self._pool.open

    async def check_out(self, limits: Timeout, deadline: float | None) -> AsyncConnection:
        """An idle connection still alive, or a new one once there is room for it: the
        wait for room is bounded by the pool timeout, connecting by the connect timeout,
        both by the call's deadline."""
        loop = self.bind()
        room_by = until(limits.pool)
        while (claim := self._pool.claim()) is False:
            await self._wait(loop, connect_limit(room_by, deadline, "pool"))
        if claim is not True:
            return claim
        try:
            context = await self._tls(loop) if self._target.origin.scheme == "https" else None
            return await connect(
                self._target, context, self._buffer, until(limits.connect), deadline
            )
        except BaseException:
            self.discard(None)
            raise

    def check_in(self, connection: AsyncConnection) -> None:
        """A connection done with: kept for the next call if its response ended cleanly."""
        self._pool.give_back(connection)
        if not connection.closed:
            connection.idle()
        self._wake()

    async def _tls(self, loop: asyncio.AbstractEventLoop) -> ssl.SSLContext:
        """The client's TLS context, got from ``Target.tls`` in the loop's executor the
        first time: building the default one loads the CA store, tens of milliseconds
        of file reads that would block the loop. Connections that come meanwhile wait
        for that one build; one that failed is tried again by the next connection. (The
        core keeps the context, so a user's ``ssl_context`` comes back as it is.)"""
        building = self._context
        if building is None or (
            building.done() and (building.cancelled() or building.exception() is not None)
        ):
            building = self._context = loop.run_in_executor(None, self._target.tls)
        # Shielded: a connection cancelled while it waits must not cancel the others' build.
        return await asyncio.shield(building)

    def discard(self, connection: AsyncConnection | None) -> None:
        """Close a connection in use (``None``: one that failed to open)."""
        self._pool.discard(connection)
        self._wake()

    def close(self) -> None:
        """Close the idle connections."""
        self._pool.drain()
        while self._waiters:
            self._wake()

    def bind(self) -> asyncio.AbstractEventLoop:
        """The running loop, which must be the pool's (the first one it sees, if it was
        made outside any): ``RuntimeError`` on another, before anything is touched."""
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif loop is not self._loop:
            raise RuntimeError(WRONG_LOOP)
        return loop

    async def _wait(self, loop: asyncio.AbstractEventLoop, limit: float | None) -> None:
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append(waiter)
        why = f"all {self._pool.max_connections} connections stayed busy"
        try:
            await _wait_on(waiter, limit, why, PoolTimeout)
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._wake()  # woken, then cancelled: the place freed goes to the next
            raise
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)

    def _wake(self) -> None:
        """Let the longest waiting ``check_out`` try again."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
