# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The transport against servers that misbehave on purpose: every hang the client had over
http.client ends within its deadline here, and what http.client got wrong is right. Also
the total timeout, the connection pool, compressed bodies, and close() from another
thread. Nothing here races a timeout: each server misbehaves for as long as the test
lasts, so only the deadline can end the call."""

from __future__ import annotations

import gc
import gzip
import json
import logging
import socket
import threading
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import KEY, LOOPBACK, MakeClient
from loopback import (
    ForwardProxy,
    HostileServer,
    LoopbackCA,
    continue_forever,
    drip,
    drip_a_head,
    forever,
)

from openresponses_min import (
    APIConnectionError,
    APITimeoutError,
    ResponseTooLargeError,
    StreamTimeoutError,
    Timeout,
)
from openresponses_min.mock import MockServer, Reply, answer_events

STORY = answer_events({"model": "m", "input": "a story"}, "resp_wire")
TEXT = STORY[-1]["response"]["output"][0]["content"][0]["text"]
SSE_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
)


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def events(*payloads: dict[str, Any]) -> bytes:
    return b"".join(chunk(f"data: {json.dumps(p)}\n\n".encode()) for p in payloads)


@pytest.fixture(autouse=True)
def no_socket_left_behind() -> Iterator[None]:
    yield
    gc.collect()


# --- what would hang, ends --------------------------------------------------------------------


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
@pytest.mark.parametrize("then", ["stays", "closes"])
def test_a_switch_to_a_protocol_nobody_asked_for_is_a_typed_error_naming_it(
    make_client: MakeClient, stream: bool, then: str
) -> None:
    """A 101 to an ordinary request: the reader once waited for a body after the end of
    the connection, for ever (on asyncio without ever yielding, so the loop froze)."""

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n\x00\x00")
        if then == "stays":
            stopping.wait(30)

    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, timeout=Timeout(5, total=20)) as client,
        pytest.raises(APIConnectionError, match="101 Switching Protocols") as caught,
    ):
        client.responses.create(model="m", stream=stream)
    assert not isinstance(caught.value, APITimeoutError)
    assert server.requests == 1  # a POST answered wrongly is not sent again
    assert client._connections.open == 0


def test_a_server_writing_on_after_done_is_cut_off(make_client: MakeClient) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY) + chunk(b"data: [DONE]\n\n"))
        forever(sock, stopping, chunk(b"data: more and more\n\n"))

    with HostileServer(answer) as server, make_client(base_url=server.base_url) as client:
        stream = client.responses.create(model="m", stream=True)
        assert [e.sequence_number for e in stream] == [e["sequence_number"] for e in STORY]
        assert stream.failure is None and stream.output_text == TEXT
        assert client._connections.open == 0  # the connection was closed, not kept


def test_endless_trailers_after_the_terminal_event_are_cut_off(make_client: MakeClient) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY) + b"0\r\n")
        forever(sock, stopping, b"X-Trailer: again\r\n")

    with HostileServer(answer) as server, make_client(base_url=server.base_url) as client:
        stream = client.responses.create(model="m", stream=True)
        stream.until_done()
        assert stream.failure is None and stream.response.status == "completed"


def test_endless_trailers_count_in_a_plain_response_and_stop_it(make_client: MakeClient) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        head = SSE_HEAD.replace(b"text/event-stream", b"application/json")
        sock.sendall(head + chunk(b'{"id": "r"}') + b"0\r\n")
        forever(sock, stopping, b"X-Trailer: again\r\n")

    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, max_retries=0) as client,
        pytest.raises(ResponseTooLargeError, match="max_header_size"),
    ):
        client.responses.create(model="m")


def test_a_flood_of_100_continue_stops_at_the_header_budget(make_client: MakeClient) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        forever(sock, stopping, b"HTTP/1.1 100 Continue\r\n\r\n")

    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, max_header_size=10_000) as client,
        pytest.raises(ResponseTooLargeError) as caught,
    ):
        client.responses.create(model="m")
    assert caught.value.limit == 10_000
    assert server.requests == 1  # a limit is not retried


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
@pytest.mark.parametrize("answer", [continue_forever, drip_a_head], ids=["continues", "drips"])
def test_a_head_that_never_ends_is_bounded_by_one_read_timeout(
    make_client: MakeClient, answer: Any, stream: bool
) -> None:
    """Each byte, each ``100 Continue``, comes within the read timeout, and once reset
    it: the head, ``1xx`` answers included, must be in within one read timeout of the
    request. The total timeout is only there so that a client without that bound fails
    rather than hangs."""
    timeout = Timeout(connect=5, read=1, total=10)
    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, timeout=timeout, max_retries=0) as client,
        pytest.raises(APITimeoutError, match="read timeout"),
    ):
        client.responses.create(model="m", stream=stream)
    assert server.requests == 1


def test_headers_dripped_a_byte_at_a_time_end_at_the_total_timeout(make_client: MakeClient) -> None:
    """The total timeout, when it ends before the head's read timeout, ends the head."""

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        drip(sock, stopping, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: y\r\n" * 10_000, every=0.02)

    timeout = Timeout(connect=5, read=1, total=0.5)
    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, timeout=timeout) as client,
        pytest.raises(APITimeoutError, match="total timeout"),
    ):
        client.responses.create(model="m")
    assert server.requests == 1  # past the total timeout, nothing is retried


def test_a_stream_dripping_within_the_read_timeout_ends_at_the_total_timeout(
    make_client: MakeClient,
) -> None:
    """A byte every 0.05 s never trips a 1 s read timeout: only the total one ends it."""

    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY[:3]))
        drip(sock, stopping, events(*STORY[3:]) * 100, every=0.05)

    timeout = Timeout(connect=5, read=1, total=1.0)
    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, timeout=timeout) as client,
    ):
        seen: list[int] = []
        with pytest.raises(StreamTimeoutError, match="total timeout") as caught:
            seen.extend(e.sequence_number for e in client.responses.create(model="m", stream=True))
    assert seen[:3] == [0, 1, 2]
    assert isinstance(caught.value, APITimeoutError)


def test_a_proxy_trickling_its_connect_answer_is_bounded_by_one_connect_deadline(
    make_client: MakeClient,
    ca: LoopbackCA,
) -> None:
    """Each byte comes well within the connect timeout; all of them do not. With a
    timeout per read, this call would succeed after four seconds."""
    with (
        MockServer(ssl_context=ca.server_context()) as server,
        ForwardProxy(drip=0.1) as proxy,
        make_client(base_url=server.base_url, ssl_context=ca.client_context(), proxy=proxy.url,
               max_retries=0, timeout=Timeout(connect=1.0, read=10)) as client,
        pytest.raises(APITimeoutError, match="connect timeout"),
    ):  # fmt: skip
        client.responses.create(model="m")
    assert server.requests == []


# --- what http.client got wrong ---------------------------------------------------------------


def test_early_hints_and_150_headers_are_read(make_client: MakeClient, server: MockServer) -> None:
    """http.client refused the 103 and, past 100 headers, the whole response."""
    many = "".join(f"X-{n}: v\r\n" for n in range(150))
    raw = (f"HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
           f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{many}"
           "Content-Length: 11\r\n\r\n").encode() + b'{"id": "r"}'  # fmt: skip
    server.add(Reply(raw=raw))
    with make_client(base_url=server.base_url, max_retries=0) as client:
        assert client.responses.create(model="m").id == "r"


def test_a_folded_header_has_no_line_break_in_the_request_id(
    make_client: MakeClient, server: MockServer
) -> None:
    raw = (b"HTTP/1.1 429 Too Many\r\nContent-Type: application/json\r\nX-Request-Id: req_1\r\n"
           b"\tcontinued\r\nContent-Length: 2\r\n\r\n{}")  # fmt: skip
    server.add(Reply(raw=raw))
    from openresponses_min import RateLimitError

    with (
        make_client(base_url=server.base_url, max_retries=0) as client,
        pytest.raises(RateLimitError) as caught,
    ):
        client.responses.create(model="m")
    assert caught.value.request_id == "req_1 continued"


# --- close() from another thread --------------------------------------------------------------


def test_close_from_a_watchdog_thread_ends_the_iterating_one_quietly(
    make_client: MakeClient,
) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY[:2]))
        stopping.wait(30)  # then silence

    first = threading.Event()
    outcome: list[object] = []
    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, timeout=Timeout(read=None)) as client,
    ):
        stream = client.responses.create(model="m", stream=True)

        def iterate() -> None:
            try:
                for event in stream:
                    if event.sequence_number == 1:
                        first.set()
                outcome.append("ended")
            except BaseException as exc:
                outcome.append(exc)

        reader = threading.Thread(target=iterate)
        reader.start()
        assert first.wait(10)
        stream.close()
        reader.join(10)
        assert not reader.is_alive()
    assert outcome == ["ended"]
    assert client._connections.open == 0


# --- the total timeout ------------------------------------------------------------------------


def test_the_total_timeout_bounds_retries_and_their_waits(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    from openresponses_min import InternalServerError

    busy = {"error": {"message": "busy"}}
    server.add(Reply(status=503, headers={"Retry-After": "5"}, body=busy),
               Reply(status=503, headers={"Retry-After": "1"}, body=busy))  # fmt: skip
    with make_client(base_url=server.base_url, timeout=Timeout(total=3.0), max_retries=5) as client:
        with pytest.raises(InternalServerError):
            client.responses.create(model="m")  # waiting 5 s would outlast the 3 s
        assert waits == []
        assert client.responses.create(model="m").status == "completed"  # 1 s fits
    assert waits == [1.0]


# --- the pool ---------------------------------------------------------------------------------


def test_calls_beyond_max_connections_wait_for_one_within_the_pool_timeout(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(SSE_HEAD + events(*STORY[:2]))
        stopping.wait(30)

    timeout = Timeout(None, connect=30, pool=0.5)  # the held connection never comes free
    with HostileServer(answer) as server, make_client(base_url=server.base_url, max_connections=1,
                                                 timeout=timeout) as client:  # fmt: skip
        held = client.responses.create(model="m", stream=True)
        with (
            caplog.at_level(logging.INFO, logger="openresponses_min"),
            pytest.raises(APITimeoutError, match="pool timeout"),
        ):
            client.responses.create(model="m")
        # Not retried: each attempt would wait the whole pool timeout again.
        assert not [r for r in caplog.records if r.getMessage().startswith("retry")]
        held.close()
        again = client.responses.create(model="m", stream=True)  # the place is free again
        again.close()
    assert server.requests == 2


def test_a_server_that_stops_reading_the_request_is_bounded_by_the_write_timeout(
    make_client: MakeClient,
) -> None:
    def answer(sock: socket.socket, stopping: threading.Event) -> None:
        stopping.wait(30)  # reads the head and nothing more: the body fills the buffers

    huge = "x" * (64 << 20)  # more than loopback's socket buffers can take
    timeout = Timeout(None, write=0.5, read=0.5)
    with (
        HostileServer(answer) as server,
        make_client(base_url=server.base_url, max_retries=0, timeout=timeout) as client,
        pytest.raises(APITimeoutError) as caught,
    ):
        client.responses.create(model="m", input=huge)
    assert "write timeout" in str(caught.value)  # on asyncio too: the loop's buffer drains


def test_eight_threads_stream_through_one_client_on_eight_connections(
    make_client: MakeClient,
    server: MockServer,
) -> None:
    server.add(*[Reply(events=STORY) for _ in range(8)])
    together = threading.Barrier(8, timeout=30)
    results: list[str] = []
    with make_client(base_url=server.base_url, timeout=LOOPBACK) as client:

        def stream_all() -> None:
            with client.responses.create(model="m", stream=True) as stream:
                next(stream)
                together.wait()
                stream.until_done()
                results.append(stream.output_text)

        threads = [threading.Thread(target=stream_all) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert client._connections.open == 8  # all kept for reuse
    assert results == [TEXT] * 8
    assert len({r.client_port for r in server.requests}) == 8


# --- compression --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress),
     ("deflate", lambda d: (c := zlib.compressobj(wbits=-15)).compress(d) + c.flush())],
)  # fmt: skip
def test_a_compressed_json_body(
    make_client: MakeClient, encoding: str, compress: Any, server: MockServer
) -> None:
    body = compress(json.dumps({"id": "resp_z", "status": "completed"}).encode())
    server.add(Reply(body=body, headers={"Content-Encoding": encoding}))
    with make_client(base_url=server.base_url) as client:
        assert client.responses.create(model="m").id == "resp_z"
    assert server.requests[0].headers["Accept-Encoding"] == "gzip, deflate"


def test_a_stream_asks_for_no_compression_but_reads_it_anyway(
    make_client: MakeClient, server: MockServer
) -> None:
    body = b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in STORY)
    server.add(Reply(events=gzip.compress(body), headers={"Content-Encoding": "gzip"}))
    with (
        make_client(base_url=server.base_url) as client,
        client.responses.create(model="m", stream=True) as stream,
    ):
        assert stream.get_final_response().output_text == TEXT
    assert server.requests[0].headers["Accept-Encoding"] == "identity"


def test_a_gzip_bomb_stops_at_max_response_size(
    make_client: MakeClient, server: MockServer
) -> None:
    compressor = zlib.compressobj(wbits=31)
    bomb = b"".join(compressor.compress(bytes(1 << 20)) for _ in range(64)) + compressor.flush()
    server.add(Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with (
        make_client(base_url=server.base_url, max_response_size=1 << 20, max_retries=0) as client,
        pytest.raises(ResponseTooLargeError, match="decoded") as caught,
    ):
        client.responses.create(model="m")
    assert caught.value.limit == 1 << 20


def test_the_key_and_the_request_go_in_one_write(
    make_client: MakeClient, server: MockServer
) -> None:
    """Host, Content-Length and the rest, as http.client used to add them."""
    server.background_time = 3600  # still running when cancelled
    with make_client(api_key=KEY, base_url=server.base_url) as client:
        client.responses.create(model="m", input="x")
        client.responses.cancel(client.responses.create(model="m", input="y", background=True).id)
    headers = server.requests[0].headers
    assert headers["Host"] == server.base_url.split("/")[2]
    assert headers["Content-Length"] == str(len(b'{"model":"m","input":"x"}'))
    assert server.requests[2].headers["Content-Length"] == "0"  # a POST without a body
