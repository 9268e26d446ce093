# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""WebSocket mode (``client.responses.connect()``), both clients, against a server built on
the ``websockets`` package (a test-only dependency no one here wrote): turns and
continuations, one response at a time, refused upgrades with HTTP's typed errors, the
reconnect policy between turns, drops and failures during a turn, the raw hatch, and the
transports HTTP has (TLS with a custom CA through a CONNECT proxy, the connect deadline)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Collection, Iterator
from typing import Any

import pytest
from loopback import ForwardProxy, HostileServer, LoopbackCA, continue_forever, drip_a_head

from openresponses_min import (
    APITimeoutError,
    AsyncClient,
    AuthenticationError,
    Client,
    EventParseError,
    InternalServerError,
    ResponseFailedError,
    StreamInterruptedError,
    Timeout,
    WebSocketClosedError,
)
from openresponses_min.mock import MockServer, Reply

pytest.importorskip("websockets")
from websockets.sync.server import ServerConnection, serve

Script = Callable[[ServerConnection, int, int, dict[str, Any]], None]


def answer(ws: ServerConnection, rid: str, text: str, *, end: bool = True) -> None:
    """A short made-up response: created, one delta, completed (unless not ``end``)."""
    base = {"id": rid, "object": "response", "status": "in_progress", "output": []}
    ws.send(json.dumps({"type": "response.created", "sequence_number": 0, "response": base}))
    ws.send(json.dumps({
        "type": "response.output_text.delta", "sequence_number": 1, "item_id": "m",
        "output_index": 0, "content_index": 0, "delta": text,
    }))  # fmt: skip
    if end:
        done = {**base, "status": "completed"}
        ws.send(json.dumps({"type": "response.completed", "sequence_number": 2, "response": done}))


class Server:
    """A WebSocket server on 127.0.0.1 that runs ``script`` for each message received
    (with the connection's number and the message's on it, from 1), recording them. The
    upgrades numbered in ``refuse`` (from 1) are refused with 503."""

    def __init__(self, script: Script, refuse: Collection[int] = ()) -> None:
        self.messages: list[dict[str, Any]] = []
        self.connections = 0
        self.upgrades = 0
        self._script = script
        self._refuse = refuse
        self._server = serve(self._handle, "127.0.0.1", 0, process_request=self._upgrade)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.base_url = f"http://127.0.0.1:{self._server.socket.getsockname()[1]}/v1"

    def _upgrade(self, ws: ServerConnection, request: Any) -> Any:
        self.upgrades += 1
        return ws.respond(503, "busy\n") if self.upgrades in self._refuse else None

    def _handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        number = self.connections
        for turn, raw in enumerate(ws, 1):
            message = json.loads(raw)
            self.messages.append(message)
            self._script(ws, number, turn, message)

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(10)


@pytest.fixture
def serving() -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def start(script: Script, refuse: Collection[int] = ()) -> Server:
        servers.append(Server(script, refuse))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def numbered(ws: ServerConnection, connection: int, turn: int, message: dict[str, Any]) -> None:
    answer(ws, f"resp_{connection}_{turn}", f"c{connection}t{turn}")


def run_sync(
    base_url: str, turns: int, client_options: dict[str, Any] | None = None, **connect: Any
) -> tuple[list[str], int]:
    texts = []
    with (
        Client(api_key="sk-test", base_url=base_url, **(client_options or {})) as client,
        client.responses.connect(**connect) as conn,
    ):
        previous = None
        for _ in range(turns):
            stream = conn.create(model="m", input="hi", previous_response_id=previous)
            assert stream.get_final_response().status == "completed"
            previous = stream.response.id
            texts.append(stream.output_text)
        return texts, conn.connections


def run_async(
    base_url: str, turns: int, client_options: dict[str, Any] | None = None, **connect: Any
) -> tuple[list[str], int]:
    async def main() -> tuple[list[str], int]:
        texts = []
        async with (
            AsyncClient(api_key="sk-test", base_url=base_url, **(client_options or {})) as client,
            client.responses.connect(**connect) as conn,
        ):
            previous = None
            for _ in range(turns):
                stream = await conn.create(model="m", input="hi", previous_response_id=previous)
                assert (await stream.get_final_response()).status == "completed"
                previous = stream.response.id
                texts.append(stream.output_text)
            return texts, conn.connections

    return asyncio.run(main())


RUNNERS = [run_sync, run_async]


@pytest.mark.parametrize("run", RUNNERS)
def test_turns_continue_on_one_connection(serving: Any, run: Any) -> None:
    server = serving(numbered)
    texts, connections = run(server.base_url, 3)
    assert texts == ["c1t1", "c1t2", "c1t3"]
    assert connections == 1 and server.connections == 1
    assert [m["type"] for m in server.messages] == ["response.create"] * 3
    assert [m.get("previous_response_id") for m in server.messages] == [
        None, "resp_1_1", "resp_1_2"
    ]  # fmt: skip
    assert all("stream" not in m and "background" not in m for m in server.messages)


@pytest.mark.parametrize("run", RUNNERS)
@pytest.mark.parametrize("code", [1000, 1001, 1011, 1012, 1013])
def test_a_drop_between_turns_reconnects(serving: Any, run: Any, code: int) -> None:
    def script(ws: ServerConnection, connection: int, turn: int, message: dict[str, Any]) -> None:
        answer(ws, f"resp_{connection}", f"c{connection}")
        ws.close(code)

    server = serving(script)
    texts, connections = run(server.base_url, 3)
    assert texts == ["c1", "c2", "c3"]
    assert connections == 3


@pytest.mark.parametrize("run", RUNNERS)
def test_a_policy_violation_is_raised_not_reconnected(serving: Any, run: Any) -> None:
    def script(ws: ServerConnection, connection: int, turn: int, message: dict[str, Any]) -> None:
        answer(ws, "resp_1", "once")
        ws.close(1008, "go away")

    server = serving(script)
    with pytest.raises(WebSocketClosedError, match="1008") as caught:
        run(server.base_url, 2)
    assert (caught.value.code, caught.value.reason) == (1008, "go away")
    assert server.connections == 1


def closed_on_asking(ws: ServerConnection, connection: int, turn: int, message: Any) -> None:
    ws.close(1001)  # before any answer: the connection is lost and no turn completes


def turns_until_given_up(base_url: str, max_retries: int) -> tuple[list[int], str]:
    """Turns asked (three at most) until the connection gives up reconnecting: the
    statuses of the reconnects refused on the way, and what giving up said."""
    refused = []
    with (
        Client(api_key="k", base_url=base_url, max_retries=max_retries) as client,
        client.responses.connect() as conn,
    ):
        for _ in range(3):
            failure = turn_failure(conn)
            if isinstance(failure, WebSocketClosedError):
                return refused, str(failure)
            assert isinstance(failure, InternalServerError), failure
            refused.append(failure.status_code)
    raise AssertionError("it never gave up")


def turn_failure(conn: Any) -> Exception | None:
    """How a turn failed, if it did."""
    try:
        conn.create(model="m", input="x").until_done()
    except (InternalServerError, WebSocketClosedError) as exc:
        return exc
    return None


@pytest.mark.parametrize(
    ("max_retries", "refuse", "refused", "made", "said"),
    [(0, (), [], 1, " after 1 reconnect"),  # one made, and lost again
     (1, (), [], 2, " after 2 reconnects"),
     (0, (2,), [503], 0, ""),  # the one tried was refused: none made, none spoken of
     (1, (2, 3), [503], 1, " after 1 reconnect")],  # one refused (asked twice), one made
)  # fmt: skip
def test_giving_up_says_how_many_reconnects_were_made(
    serving: Any, waits: list[float], max_retries: int, refuse: tuple[int, ...],
    refused: list[int], made: int, said: str,
) -> None:  # fmt: skip
    """Every connection is lost before it answers: after ``max_retries + 1`` reconnects
    needed in a row, the connection gives up, counting only those made, not those refused."""
    server = serving(closed_on_asking, refuse=refuse)
    assert turns_until_given_up(server.base_url, max_retries) == (
        refused, f"the server closed the WebSocket with code 1001{said}"
    )  # fmt: skip
    assert (server.connections, server.upgrades) == (1 + made, 1 + made + len(refuse))


@pytest.mark.parametrize("run", RUNNERS)
def test_a_drop_during_a_turn_is_interrupted_with_the_partial_response(
    serving: Any, run: Any
) -> None:
    def script(ws: ServerConnection, connection: int, turn: int, message: dict[str, Any]) -> None:
        answer(ws, "resp_1", "partial", end=False)
        ws.close(1011)

    server = serving(script)
    with pytest.raises(StreamInterruptedError, match="1011") as caught:
        run(server.base_url, 1)
    assert caught.value.response is not None
    assert caught.value.response.id == "resp_1"


@pytest.mark.parametrize("run", RUNNERS)
def test_an_error_event_fails_the_turn_and_the_connection_goes_on(serving: Any, run: Any) -> None:
    def script(ws: ServerConnection, connection: int, turn: int, message: dict[str, Any]) -> None:
        if message.get("previous_response_id") == "gone":
            error = {"code": "previous_response_not_found", "message": "not found"}
            ws.send(json.dumps({"type": "error", "status": 400, "error": error}))
        else:
            answer(ws, "resp_ok", "fine")

    server = serving(script)
    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        with pytest.raises(ResponseFailedError):
            conn.create(model="m", input="x", previous_response_id="gone").until_done()
        assert conn.create(model="m", input="x").get_final_response().id == "resp_ok"
        assert conn.connections == 1


def test_one_response_at_a_time(serving: Any) -> None:
    server = serving(numbered)
    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        stream = conn.create(model="m", input="x")
        with pytest.raises(RuntimeError, match="one response at a time"):
            conn.create(model="m", input="y")
        stream.until_done()
        conn.create(model="m", input="y").until_done()


def test_closing_a_stream_early_closes_the_connection_and_the_next_create_reconnects(
    serving: Any,
) -> None:
    server = serving(numbered)
    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        stream = conn.create(model="m", input="x")
        next(stream)
        stream.close()
        assert conn.create(model="m", input="y").get_final_response().status == "completed"
        assert conn.connections == 2


def test_the_raw_hatch_sends_and_receives_typed_events(serving: Any) -> None:
    server = serving(numbered)
    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        conn.send({"type": "response.create", "model": "m", "input": "x"})
        kinds = [type(conn.recv(timeout=10)).__name__ for _ in range(3)]
    assert kinds == [
        "ResponseCreatedEvent", "ResponseOutputTextDeltaEvent", "ResponseCompletedEvent"
    ]  # fmt: skip


NO_EVENTS = ["not JSON sk-ws-secret", '["sk-ws-secret"]', '{"no": "type", "k": "sk-ws-secret"}',
             "[" * 100_000 + "]" * 100_000]  # fmt: skip


@pytest.mark.parametrize("raw", NO_EVENTS, ids=["text", "array", "no type", "too deep"])
def test_a_message_that_is_no_event_is_a_typed_error_from_recv(serving: Any, raw: str) -> None:
    """Whether it comes while ``recv`` waits or came before (kept between turns), a
    message that is no event raises ``EventParseError``, redacted; it once raised a bare
    ``json.JSONDecodeError``."""

    def send_it(ws: ServerConnection, connection: int, turn: int, message: Any) -> None:
        ws.send(raw)

    server = serving(send_it)

    async def in_async() -> EventParseError:
        async with (
            AsyncClient(api_key="sk-ws-secret", base_url=server.base_url) as client,
            client.responses.connect() as conn,
        ):
            await conn.send({"type": "response.create", "model": "m"})
            with pytest.raises(EventParseError) as caught:
                await conn.recv(timeout=10)
            return caught.value

    with (
        Client(api_key="sk-ws-secret", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        conn.send({"type": "response.create", "model": "m"})
        with pytest.raises(EventParseError) as caught:
            conn.recv(timeout=10)
        conn._unread.append(raw.encode())  # as if it came between turns
        with pytest.raises(EventParseError) as kept:
            conn.recv(timeout=10)
    for error in (caught.value, kept.value, asyncio.run(in_async())):
        assert "sk-ws-secret" not in f"{error} {error.args!r} {error.snippet!r}"


def test_what_comes_between_turns_is_kept_within_max_event_size_bytes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """It was bounded by a count (256) alone: with messages of 64 MiB, 16 GiB."""
    with Client(api_key="k", base_url="http://127.0.0.1:9/v1", max_event_size=1000) as client:
        conn = client.responses.connect()  # not connected: only its memory is looked at
        for n in range(10):
            conn._notice(b'{"type": "x", "n": %d, "pad": "%s"}' % (n, b"." * 360))
        kept = [json.loads(message)["n"] for message in conn._unread]
        assert kept == [8, 9]  # the newest, within 1,000 bytes
    with Client(api_key="k", base_url="http://127.0.0.1:9/v1") as client:
        conn = client.responses.connect()
        for n in range(300):
            conn._notice(b'{"type": "x", "n": %d}' % n)
        assert len(conn._unread) == 256  # and at most 256 messages, however small
    assert "dropped the oldest" in caplog.text


@pytest.mark.parametrize("code", [1000, 1001])
def test_the_sdk_shape_response_create_then_iterate_until_a_normal_close(
    serving: Any, code: int
) -> None:
    def answer_then_close(ws: ServerConnection, connection: int, turn: int, message: Any) -> None:
        answer(ws, f"resp_{turn}", message["input"])
        if turn == 2:
            ws.close(code)

    server = serving(answer_then_close)

    async def in_async(base_url: str) -> list[str]:
        async with (
            AsyncClient(api_key="k", base_url=base_url) as client,
            client.responses.connect() as conn,
        ):
            await conn.response.create(model="m", input="a")
            await conn.response.create(model="m", input="b")
            return [event.type async for event in conn]

    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        assert conn.response.create(model="m", input="a") is None
        conn.response.create(model="m", input="b")
        kinds = [event.type for event in conn]  # ends quietly at the server's close
    assert server.messages[0] == {"type": "response.create", "model": "m", "input": "a"}
    expected = ["response.created", "response.output_text.delta", "response.completed"] * 2
    assert kinds == expected
    assert asyncio.run(in_async(server.base_url)) == expected


def test_iterating_a_connection_raises_at_an_abnormal_close(serving: Any) -> None:
    def violate(ws: ServerConnection, connection: int, turn: int, message: Any) -> None:
        ws.close(1008, "policy")

    server = serving(violate)
    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        conn.response.create(model="m", input="a")
        with pytest.raises(WebSocketClosedError) as caught:
            list(conn)
    assert caught.value.code == 1008


def test_an_idle_connection_is_pinged_before_the_next_turn(serving: Any) -> None:
    server = serving(numbered)
    texts, connections = run_sync(server.base_url, 3, ping_interval=0.000001)
    assert texts == ["c1t1", "c1t2", "c1t3"] and connections == 1


@pytest.mark.parametrize("asynchronous", [False, True])
def test_a_refused_upgrade_raises_the_same_typed_error_as_http(asynchronous: bool) -> None:
    error = {"error": {"message": "bad key", "type": "invalid_request_error", "code": "bad"}}
    with MockServer(websocket=Reply(status=401, body=error)) as mock:
        with pytest.raises(AuthenticationError, match="bad key"):
            (run_async if asynchronous else run_sync)(mock.base_url, 1)
        assert mock.requests[0].method == "GET"
        assert mock.requests[0].headers["Upgrade"] == "websocket"


def steered_then_successor(ws: ServerConnection, connection: int, turn: int, message: Any) -> None:
    """Turn 1 ends steered and its successor waits for a raw ``go``: the client knows a
    successor is due from the steered end alone, before any of the successor came."""
    if message["type"] == "go":
        answer(ws, "resp_next", "short")
        return
    base = {"id": "resp_long", "object": "response", "status": "in_progress", "output": []}
    ws.send(json.dumps({"type": "response.created", "sequence_number": 0, "response": base}))
    ended = {**base, "status": "incomplete", "incomplete_details": {"reason": "steered"}}
    ws.send(json.dumps({"type": "response.incomplete", "sequence_number": 1, "response": ended}))


def test_a_steered_end_makes_the_successor_due_before_it_comes(serving: Any) -> None:
    server = serving(steered_then_successor)
    with (
        Client(api_key="k", base_url=server.base_url) as client,
        client.responses.connect() as conn,
    ):
        assert conn.create(model="m", input="x").get_final_response().status == "incomplete"
        with pytest.raises(RuntimeError, match="successor"):
            conn.create(model="m", input="y")
        conn.send({"type": "go"})
        assert conn.successor().get_final_response().id == "resp_next"


@pytest.mark.parametrize("run", RUNNERS)
def test_tls_with_a_custom_ca_through_a_connect_proxy(run: Any, ca: LoopbackCA) -> None:
    with MockServer(ssl_context=ca.server_context()) as server, ForwardProxy() as proxy:
        options = {"ssl_context": ca.client_context(), "proxy": proxy.url.replace("//", "//me:pw@")}
        texts, connections = run(server.base_url, 2, client_options=options)
    assert len(texts) == 2 and connections == 1
    [seen] = proxy.seen  # one tunnel, the key sent only through it
    port = server.base_url.split(":")[2].split("/")[0]
    assert seen.line.startswith(f"CONNECT 127.0.0.1:{port} ") and "sk-test" not in repr(seen)
    assert [r.method for r in server.requests] == ["GET", "WEBSOCKET", "WEBSOCKET"]
    assert server.requests[0].headers["Authorization"] == "Bearer sk-test"


@pytest.mark.parametrize("run", RUNNERS)
def test_the_upgrade_keeps_the_connect_deadline(run: Any, ca: LoopbackCA) -> None:
    """The proxy's answer trickles in, each byte well within the connect timeout, all of
    them not: the upgrade fails at the one deadline."""
    with (
        MockServer(ssl_context=ca.server_context()) as server,
        ForwardProxy(drip=0.1) as proxy,
        pytest.raises(APITimeoutError, match="connect timeout"),
    ):
        options = {"ssl_context": ca.client_context(), "proxy": proxy.url, "max_retries": 0,
                   "timeout": Timeout(connect=1.0, read=10)}  # fmt: skip
        run(server.base_url, 1, client_options=options)
    assert server.requests == []


@pytest.mark.parametrize("run", RUNNERS)
@pytest.mark.parametrize("answer", [continue_forever, drip_a_head], ids=["continues", "drips"])
def test_an_upgrade_whose_answer_never_ends_is_bounded_by_one_read_timeout(
    run: Any, answer: Any
) -> None:
    """The upgrade's answer is a head like any other: in within one read timeout of the
    request, however its bytes (or its ``100 Continue``\\ s) trickle in. The total timeout
    is only there so that a client without that bound fails rather than hangs."""
    with HostileServer(answer) as server, pytest.raises(APITimeoutError, match="read timeout"):
        options = {"max_retries": 0, "timeout": Timeout(connect=5, read=1, total=10)}
        run(server.base_url, 1, client_options=options)
    assert server.requests == 1


def send_once(base_url: str, message: dict[str, Any], asynchronous: bool, **options: Any) -> None:
    """Connect, send ``message`` with the raw hatch, and close, on ``Client`` or
    ``AsyncClient``."""
    if not asynchronous:
        with (
            Client(api_key="sk-test", base_url=base_url, **options) as client,
            client.responses.connect() as conn,
        ):
            conn.send(message)
        return

    async def main() -> None:
        async with (
            AsyncClient(api_key="sk-test", base_url=base_url, **options) as client,
            client.responses.connect() as conn,
        ):
            await conn.send(message)

    asyncio.run(main())


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_a_server_that_stops_reading_messages_is_bounded_by_the_write_timeout(
    asynchronous: bool,
) -> None:
    """It accepts the upgrade, then reads nothing: a message larger than loopback's
    socket buffers can take waits to be sent, on asyncio too (the loop's buffer must
    drain), and only the write timeout can end that wait."""

    def stop_reading(sock: Any, stopping: threading.Event) -> None:
        stopping.wait(30)

    huge = {"type": "response.create", "input": "x" * (64 << 20)}
    with (
        HostileServer(stop_reading, upgrade=True) as server,
        pytest.raises(TimeoutError, match="write timeout"),
    ):
        send_once(server.base_url, huge, asynchronous, timeout=Timeout(None, write=0.5))
    assert server.requests == 1


@pytest.mark.parametrize("run", RUNNERS)
def test_a_refused_upgrade_is_retried_as_a_request_is(run: Any, waits: list[float]) -> None:
    busy = {"error": {"message": "busy", "type": "server_error", "code": None}}
    with MockServer(websocket=Reply(status=503, body=busy)) as server:
        with pytest.raises(InternalServerError, match="busy"):
            run(server.base_url, 1, client_options={"max_retries": 2})
        assert [r.method for r in server.requests] == ["GET"] * 3
    assert len(waits) == 2
