# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What only asyncio has: its syntax, cancellation at every point a task can wait, many
streams on one loop, a loop that stays responsive, and a client kept to its loop. (The
client, stream, fault, limit and transport suites run against ``AsyncClient`` too,
through the ``make_client`` fixture.) Nothing here races a timeout: each wait is for a
condition, bounded only so that a broken client fails instead of hanging."""

from __future__ import annotations

import asyncio
import gc
import json
import random
import select
import socket
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from conftest import KEY, LOOPBACK
from loopback import HostileServer, LoopbackCA

from openresponses_min import (
    APIConnectionError,
    AsyncClient,
    AsyncStream,
    Response,
    ResponseFailedError,
    Timeout,
)
from openresponses_min._asyncio.transport import MIN_READ, READ_BUDGET, ReadBuffer, _Receiver
from openresponses_min._core.policy import WriteTimeout
from openresponses_min.events import ResponseOutputTextDeltaEvent
from openresponses_min.mock import MockServer, Reply, answer_events

T = TypeVar("T")

STORY = answer_events({"model": "m", "input": "a story"}, "resp_async")
TEXT = STORY[-1]["response"]["output"][0]["content"][0]["text"]
SSE_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
)
PATIENCE = 30.0
"""Seconds a condition that must come is waited for, before the test fails."""


def run(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(main())


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def events(*payloads: dict[str, Any]) -> bytes:
    return b"".join(chunk(f"data: {json.dumps(p)}\n\n".encode()) for p in payloads)


async def until(condition: Callable[[], bool]) -> None:
    """Wait, on the loop, until ``condition()`` holds."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "the condition never came"
        await asyncio.sleep(0.005)


async def read_into(stream: AsyncStream, got: list[str]) -> None:
    """Iterate ``stream``, noting each event's type as it comes, for a test to watch."""
    async for event in stream:
        got.append(event.type)  # noqa: PERF401 (one at a time: the test watches them come)


def sent(sock: socket.socket, data: bytes) -> bool:
    """Send what a non-blocking socket takes of ``data`` now; whether it took any."""
    try:
        sock.send(data)
    except BlockingIOError:
        return False
    return True


def wait_for_close(sock: socket.socket, closed: threading.Event) -> None:
    """On the server: wait for the client to close its end, and say so."""
    sock.settimeout(PATIENCE)
    try:
        if sock.recv(1) == b"":
            closed.set()
    except ConnectionResetError:
        closed.set()


@pytest.fixture(autouse=True)
def nothing_left_behind() -> Iterator[None]:
    """An unclosed transport or socket warns when collected: an error here."""
    yield
    gc.collect()


@pytest.fixture
def endless_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry and resume waits that never end by themselves: only a cancellation can end
    one, so a test can cancel it without racing it. What each was to wait, recorded."""
    asked: list[float] = []

    async def wait_forever(seconds: float) -> None:
        asked.append(seconds)
        await asyncio.Event().wait()

    monkeypatch.setattr(AsyncClient, "_sleep", staticmethod(wait_forever))
    return asked


# --- the surface --------------------------------------------------------------------------


def test_the_async_surface(server: MockServer) -> None:
    async def main() -> None:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
            response = await client.responses.create(model="m", input="hello")
            assert isinstance(response, Response) and response.status == "completed"
            stream = await client.responses.create(model="m", input="hello", stream=True)
            assert isinstance(stream, AsyncStream)
            async with stream:
                first = await anext(stream)
                assert first.type == "response.created"
                assert stream.status_code == 200 and stream.request_id == "req_mock"
                texts = [text async for text in stream.text_deltas()]
            assert "".join(texts) == stream.output_text != ""
            assert stream.response_id == stream.response.id
            stream = await client.responses.create(model="m", input="again", stream=True)
            assert (await stream.get_final_response()).status == "completed"
            stream = await client.responses.create(model="m", input="again", stream=True)
            assert await stream.until_done() is stream
            stream = await client.responses.create(model="m", input="again", stream=True)
            assert await stream.function_calls() == []
            assert await stream.cancel() is None  # not a background response
            retrieved = await client.responses.retrieve(response.id)
            assert retrieved.id == response.id
            assert await client.responses.delete(response.id) is None
        await client.close()  # again: harmless

    run(main)


def test_stream_sends_on_enter_and_closes_at_the_end_of_the_block(server: MockServer) -> None:
    async def main() -> None:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
            manager = client.responses.stream(model="m", input="hi")
            assert server.requests == []
            async with manager as stream:
                assert isinstance(stream, AsyncStream)
                assert (await stream.get_final_response()).status == "completed"
            async with client.responses.stream(model="m", input="hi") as stream:
                await anext(stream)
            assert stream._connection is None and [e async for e in stream] == []

    run(main)
    assert [r.body["stream"] for r in server.requests] == [True, True]


def test_the_typed_usage_program_runs_on_asyncio(server: MockServer) -> None:
    from typed_usage import final_status_async

    assert run(lambda: final_status_async(server.base_url, "hello")) == "completed"


def test_a_failed_response_raises_from_the_async_for(server: MockServer) -> None:
    error = {"code": "server_error", "message": "boom"}
    snapshot = {"id": "resp_async", "status": "failed", "error": error}
    failed = [*STORY[:3], {"type": "response.failed", "sequence_number": 3, "response": snapshot}]
    server.add(Reply(events=failed))

    async def main() -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            stream = await client.responses.create(model="m", stream=True)
            seen: list[str] = []
            with pytest.raises(ResponseFailedError, match="boom"):
                await read_into(stream, seen)
            assert seen == [e["type"] for e in failed]
            assert [e async for e in stream] == []

    run(main)


# --- cancellation -----------------------------------------------------------------------


@pytest.mark.parametrize("position", range(len(STORY)))
def test_cancelling_the_reading_task_closes_the_connection_at_once(position: int) -> None:
    """The server sends ``position`` events and waits; the task that reads them is
    cancelled while it waits for the next one. ``CancelledError`` comes out of it, as it
    went in, and the server sees the connection closed at once."""
    closed = threading.Event()

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY[:position]))
        wait_for_close(sock, closed)

    async def main(server: HostileServer) -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            stream = await client.responses.create(model="m", stream=True)
            connection = stream._connection
            got: list[str] = []
            task = asyncio.create_task(read_into(stream, got))
            await until(lambda: len(got) == position)
            await asyncio.sleep(0.01)  # let it wait in the read, if it were to go on
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert connection is not None and connection.closed
            assert client._connections.open == 0
            await until(closed.is_set)
            assert got == [e["type"] for e in STORY[:position]]
            assert [e async for e in stream] == []  # closed: it ends at once

    with HostileServer(answer) as server:
        run(lambda: main(server))


def test_cancelling_a_call_waiting_for_its_answer_closes_the_connection() -> None:
    closed = threading.Event()

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        wait_for_close(sock, closed)  # reads the request, answers nothing

    async def main(server: HostileServer) -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            task = asyncio.create_task(client.responses.create(model="m", stream=True))
            await until(lambda: server.requests == 1)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert client._connections.open == 0
            await until(closed.is_set)

    with HostileServer(answer) as server:
        run(lambda: main(server))


def test_cancelling_a_retry_wait(server: MockServer, endless_waits: list[float]) -> None:
    server.add(Reply(status=503, headers={"Retry-After": "3"}, body={"error": {}}))

    async def main() -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            task = asyncio.create_task(client.responses.create(model="m"))
            await until(lambda: endless_waits == [3.0])
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert len(server.requests) == 1  # cancelled in the wait, before the retry
            assert client._connections.open <= 1  # the error body's connection, kept

    run(main)


def test_cancelling_a_resume_wait(server: MockServer, endless_waits: list[float]) -> None:
    server.store("resp_async", STORY)
    server.add(Reply(events=STORY, drop_after=5))

    async def main() -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            stream = await client.responses.create(
                model="m", background=True, stream=True
            )  # fmt: skip
            got: list[str] = []
            task = asyncio.create_task(read_into(stream, got))
            await until(lambda: len(got) == 5)
            await until(lambda: len(endless_waits) == 1)  # waiting to resume
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert client._connections.open == 0
            assert len(server.requests) == 1  # cancelled before it asked again

    run(main)


def test_a_wait_for_a_free_connection_cancelled_once_woken_loses_no_place() -> None:
    closed = threading.Event()

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY[:2]))
        wait_for_close(sock, closed)

    async def main(server: HostileServer) -> None:
        client = AsyncClient(
            base_url=server.base_url, max_connections=1, max_retries=0, timeout=LOOPBACK
        )
        async with client:
            holding = await client.responses.create(model="m", stream=True)
            first = asyncio.create_task(client.responses.create(model="m", stream=True))
            await until(lambda: len(client._connections._waiters) == 1)
            second = asyncio.create_task(client.responses.create(model="m", stream=True))
            await until(lambda: len(client._connections._waiters) == 2)
            await holding.close()  # the place it frees is offered to the first in line...
            first.cancel()  # ...which is cancelled before it could take it
            with pytest.raises(asyncio.CancelledError):
                await first
            stream = await asyncio.wait_for(second, PATIENCE)  # so the next one gets it
            assert (await anext(stream)).type == "response.created"
            await stream.close()
            assert client._connections.open == 0
            assert client._connections._waiters == type(client._connections._waiters)()

    with HostileServer(answer) as server:
        run(lambda: main(server))


# --- many streams, one loop ---------------------------------------------------------------


def test_100_concurrent_streams_on_one_client(server: MockServer) -> None:
    async def stream_one(client: AsyncClient, n: int) -> tuple[str, str]:
        stream = await client.responses.create(model="m", input=f"question {n}", stream=True)
        async with stream:
            text = "".join(
                [e.delta async for e in stream if isinstance(e, ResponseOutputTextDeltaEvent)]
            )
        return text, stream.output_text

    async def main() -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            results = await asyncio.gather(*(stream_one(client, n) for n in range(100)))
            for n, (text, output_text) in enumerate(results):
                assert f"question {n}" in text and text == output_text
            assert client._connections.open == 100  # one each, all kept for reuse
            await asyncio.gather(*(stream_one(client, n) for n in range(100)))
            assert client._connections.open == 100  # and reused

    run(main)
    assert len({r.client_port for r in server.requests}) == 100


def test_the_loop_stays_responsive_while_a_slow_server_streams() -> None:
    """The server sends each event only once a ticker task on the client's loop has
    ticked since the last one: a client that held the loop while waiting would never
    get the next event (and time out, failing)."""
    ticked = threading.Event()

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD)
        for payload in STORY:
            ticked.clear()
            if not ticked.wait(PATIENCE):
                return
            sock.sendall(events(payload))
        sock.sendall(b"0\r\n\r\n")

    async def main(server: HostileServer) -> None:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                ticked.set()
                await asyncio.sleep(0.001)

        timeout = Timeout(connect=PATIENCE, read=PATIENCE)
        async with AsyncClient(base_url=server.base_url, timeout=timeout) as client:
            task = asyncio.create_task(ticker())
            try:
                stream = await client.responses.create(model="m", stream=True)
                assert (await stream.get_final_response()).output_text == TEXT
            finally:
                task.cancel()
        assert ticks >= len(STORY)

    with HostileServer(answer) as server:
        run(lambda: main(server))


def test_a_stream_not_being_read_leaves_what_comes_in_the_kernel() -> None:
    """A reader that stops taking events: the loop reads at most one piece ahead for
    it, and what the server goes on sending waits in the kernel's buffers, until they
    are full and the server cannot send more."""
    full = threading.Event()

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(STORY[0]))
        sock.setblocking(False)
        comment = chunk(b": " + b"x" * 16384 + b"\n")
        while not stopping.is_set():
            # Full for now when it cannot be sent; for good once nothing is read any more.
            if not sent(sock, comment) and not select.select([], [sock], [], 0.5)[1]:
                full.set()
                stopping.wait(PATIENCE)

    async def main(server: HostileServer) -> None:
        async with AsyncClient(base_url=server.base_url, timeout=LOOPBACK) as client:
            stream = await client.responses.create(model="m", stream=True)
            async with stream:
                assert (await anext(stream)).type == STORY[0]["type"]
                await until(full.is_set)
                assert stream._connection is not None
                held = stream._connection._receiver._chunks
                assert sum(map(len, held)) <= READ_BUDGET

    with HostileServer(answer) as server:
        run(lambda: main(server))


def test_one_read_buffer_is_shared_by_the_connections_in_use() -> None:
    in_use = [0]
    buffer = ReadBuffer(lambda: in_use[0])

    def share(connections: int) -> int:
        in_use[0] = connections
        return len(buffer.share())

    sizes = [share(connections) for connections in (0, 1, 2, 16, 1000)]
    assert sizes == [READ_BUDGET, READ_BUDGET, READ_BUDGET // 2, MIN_READ, MIN_READ]


class Paused(asyncio.Transport):
    """A transport that only records whether reading is paused."""

    def __init__(self) -> None:
        super().__init__()
        self.paused = False

    def pause_reading(self) -> None:
        self.paused = True

    def resume_reading(self) -> None:
        self.paused = False


def test_the_receiver_always_suspends_or_raises_once_its_connection_ended() -> None:
    """What a transport receives either came (data), or was waited for on the loop, or is
    the end, told once: asked again after it, it raises. A caller that asked for bytes
    after the end again and again once froze the loop, never suspending."""
    rng = random.Random(25)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for _ in range(200):
            receiver = _Receiver(loop, ReadBuffer(lambda: 1))
            receiver.connection_made(Paused())
            ended = False
            for _ in range(rng.randint(1, 12)):
                if not ended and rng.random() < 0.4:
                    receiver.get_buffer(-1)[:2] = b"hi"
                    receiver.buffer_updated(2)
                if not ended and rng.random() < 0.2:
                    ended = True
                    if rng.random() < 0.5:
                        receiver.eof_received()
                    else:
                        receiver.connection_lost(None)
                if receiver.holds_data:
                    assert await receiver.receive(None) == b"hi"
                elif not ended:
                    with pytest.raises(TimeoutError):  # it waited on the loop for bytes
                        await receiver.receive(0.001)
                    assert not loop.is_closed()
                else:
                    assert await receiver.receive(None) == b""
                    for _ in range(3):
                        with pytest.raises(ConnectionError, match="ended"):
                            await receiver.receive(None)
                    break

    run(main)


@pytest.mark.parametrize("end", ["drained", "lost"])
def test_writers_waiting_for_the_buffer_to_drain_go_on_once_it_drains_or_the_connection_is_lost(
    end: str,
) -> None:
    """Every task waiting to write (two may, on a WebSocket) goes on once the transport's
    buffer is below its high-water mark again, or once the connection is lost: what
    broke it is the next read's to raise, after what the server said before it went.
    One still waiting at its write timeout raises ``WriteTimeout``."""

    async def main() -> None:
        loop = asyncio.get_running_loop()
        receiver = _Receiver(loop, ReadBuffer(lambda: 1))
        receiver.connection_made(Paused())
        await asyncio.wait_for(receiver.drain(None), PATIENCE)  # not paused: no wait
        receiver.pause_writing()
        with pytest.raises(WriteTimeout, match="write timeout"):
            await receiver.drain(0.001)
        writers = [asyncio.ensure_future(receiver.drain(None)) for _ in range(2)]
        await asyncio.sleep(0)
        assert not any(writer.done() for writer in writers)
        if end == "drained":
            receiver.resume_writing()
        else:
            receiver.connection_lost(ConnectionResetError("reset"))
        await asyncio.wait_for(asyncio.gather(*writers), PATIENCE)
        if end == "lost":
            await asyncio.wait_for(receiver.drain(None), PATIENCE)  # nothing to wait for
            with pytest.raises(ConnectionResetError):
                await receiver.receive(None)

    run(main)


def test_the_tls_context_is_built_off_the_loop_once_for_concurrent_first_connections(
    ca: LoopbackCA, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default context loads the CA store from disk (tens of ms of file reads): the
    first https connections build it in the loop's executor, not on the loop, and build
    it once, however many come while it is being built. The build is held until they
    all have come."""
    import ssl

    create_default_context = ssl.create_default_context
    built: list[tuple[int, bool]] = []  # the thread of each build, and whether a loop ran there
    release = threading.Event()

    def recorded(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        if kwargs.get("cafile") != str(ca.ca):
            return create_default_context(*args, **kwargs)  # not the client's
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            built.append((threading.get_ident(), False))
            release.wait(PATIENCE)
        else:
            built.append((threading.get_ident(), True))  # on the loop: holding it would hang
        return create_default_context(*args, **kwargs)

    async def main(base_url: str) -> list[str]:
        async with AsyncClient(api_key=KEY, base_url=base_url, timeout=LOOPBACK) as client:
            calls = [asyncio.ensure_future(client.responses.create(model="m")) for _ in range(5)]
            for _ in range(20):  # each call comes to the context, and waits
                await asyncio.sleep(0)
            release.set()
            return [response.status for response in await asyncio.gather(*calls)]

    monkeypatch.setenv("SSL_CERT_FILE", str(ca.ca))
    with MockServer(ssl_context=ca.server_context()) as server:
        monkeypatch.setattr(ssl, "create_default_context", recorded)
        try:
            assert run(lambda: main(server.base_url)) == ["completed"] * 5
        finally:
            release.set()
    assert [on_loop for _, on_loop in built] == [False]
    assert built[0][0] != threading.get_ident()  # asyncio.run's loop runs in this thread


# --- one loop per client ----------------------------------------------------------------


def test_a_client_used_on_another_loop_fails_clearly(server: MockServer) -> None:
    async def make() -> AsyncClient:
        return AsyncClient(base_url=server.base_url, timeout=LOOPBACK)

    async def use(client: AsyncClient) -> Response:
        return await client.responses.create(model="m")

    made_on_a_loop = run(make)
    with pytest.raises(RuntimeError, match="another event loop"):
        run(lambda: use(made_on_a_loop))

    made_outside = AsyncClient(base_url=server.base_url, timeout=LOOPBACK)

    async def use_and_close(client: AsyncClient) -> None:
        await use(client)
        await client.close()

    run(lambda: use_and_close(made_outside))  # bound to the loop it was first used on
    with pytest.raises(RuntimeError, match="another event loop"):
        run(lambda: use(made_outside))


def test_a_stream_read_on_another_loop_fails_clearly(server: MockServer) -> None:
    """Refused before anything is touched: the stream goes on on its own loop."""
    server.add(Reply(events=STORY, stall_after=2, stall=PATIENCE))
    home = asyncio.new_event_loop()
    try:
        client = AsyncClient(base_url=server.base_url, timeout=LOOPBACK)
        stream = home.run_until_complete(client.responses.create(model="m", stream=True))
        with pytest.raises(RuntimeError, match="another event loop"):
            run(lambda: anext(stream))
        with pytest.raises(RuntimeError, match="another event loop"):
            run(stream.close)
        assert home.run_until_complete(anext(stream)).type == "response.created"
        home.run_until_complete(stream.close())
        home.run_until_complete(client.close())
        home.run_until_complete(asyncio.sleep(0))  # the aborted transport closes its socket
    finally:
        home.close()


def test_a_failure_to_connect_is_the_same_error_on_every_python() -> None:
    """``asyncio.TimeoutError`` is not ``TimeoutError`` on 3.10: neither escapes."""
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"

    async def main() -> None:
        async with AsyncClient(base_url=url, max_retries=0, timeout=LOOPBACK) as client:
            with pytest.raises(APIConnectionError, match="connection refused") as caught:
                await client.responses.create(model="m")
            assert type(caught.value) is APIConnectionError

    run(main)
