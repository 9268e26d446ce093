# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The sans-I/O HTTP/1.1 reader: every case under every chunking, its limits, a seeded
fuzzer, and a differential test against h11 (a test-only dependency, skipped without it)."""

from __future__ import annotations

import random
import tracemalloc
from dataclasses import dataclass, field

import pytest
from conftest import chunkings

from openresponses_min import ResponseTooLargeError
from openresponses_min._core.exchange import Connection, Wire
from openresponses_min._wire.content import ContentDecodingError
from openresponses_min._wire.http11 import (
    NEED_DATA,
    Data,
    End,
    Head,
    IncompleteResponse,
    RemoteProtocolError,
    ResponseReader,
    request,
)

LIMITS = {"max_header_size": 65536, "max_body_size": 1 << 20}


@dataclass
class Outcome:
    """What a reader made of a response: or the error it raised."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    trailers: dict[str, str] | None = None
    reusable: bool = False
    trailing: bytes = b""
    error: type[Exception] | None = None


def read(
    pieces: list[bytes], method: str = "GET", *, eof: bool = True, upgrade: bool = False,
    **limits: int,
) -> Outcome:  # fmt: skip
    """Feed ``pieces`` (empty ones skipped: ``b""`` is the end of the connection, given
    last when ``eof``) and take every event, up to the end of the response (or the
    switch to another protocol, when ``upgrade`` asked for one)."""
    reader = ResponseReader(method, upgrade=upgrade, **{**LIMITS, **limits})  # type: ignore[arg-type]
    outcome = Outcome()
    feed = [piece for piece in pieces if piece] + ([b""] if eof else [])
    over = False  # once it is, what comes is only received (bytes nobody asked for)
    try:
        for piece in feed:
            reader.receive(piece)
            over = over or take_events(reader, outcome)
    except (RemoteProtocolError, ResponseTooLargeError) as error:
        outcome.error = type(error)
    outcome.reusable = reader.reusable
    outcome.trailing = reader.trailing_data if reader.switched else b""
    return outcome


def take_events(reader: ResponseReader, outcome: Outcome) -> bool:
    """Take the events that have come; whether the response is over (or switched)."""
    while (event := reader.next_event()) is not NEED_DATA:
        if isinstance(event, Head):
            outcome.status, outcome.headers = event.status, event.headers
            if reader.switched:
                return True
        elif isinstance(event, Data):
            assert event.data, "an empty Data event"
            outcome.body += event.data
        else:
            assert isinstance(event, End)
            outcome.trailers = event.trailers
            return True
    return False


def everywhere(
    data: bytes, method: str = "GET", *, eof: bool = True, upgrade: bool = False, **limits: int
) -> Outcome:
    """The outcome of ``data``, the same under every chunking (checked)."""
    outcomes = [
        read(pieces, method, eof=eof, upgrade=upgrade, **limits) for pieces in chunkings(data, 3, 6)
    ]
    for outcome in outcomes[1:]:
        assert outcome == outcomes[0]
    return outcomes[0]


def response(head: str, body: bytes = b"") -> bytes:
    return head.replace("\n", "\r\n").encode("latin-1") + body


# --- bodies -----------------------------------------------------------------------------------


def test_a_content_length_body() -> None:
    got = everywhere(response("HTTP/1.1 200 OK\nContent-Length: 5\nX-A: b\n\n", b"hello"))
    assert (got.status, got.body, got.trailers, got.error) == (200, b"hello", {}, None)
    assert got.headers == {"content-length": "5", "x-a": "b"}
    assert got.reusable


def test_a_chunked_body_with_extensions_and_trailers() -> None:
    body = (
        b"5;name=value\r\nhello\r\n1\r\n \r\n5 \r\nworld\r\n0\r\nX-Checksum: abc\r\nX-B: c\r\n\r\n"
    )
    got = everywhere(response("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n", body))
    trailers = {"x-checksum": "abc", "x-b": "c"}
    assert (got.body, got.trailers, got.error) == (b"hello world", trailers, None)
    assert got.reusable


def test_a_chunked_body_without_trailers_is_reusable_at_once() -> None:
    data = response("HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\n", b"3\r\nabc\r\n0\r\n\r\n")
    got = everywhere(data, eof=False)
    assert (got.body, got.trailers, got.reusable) == (b"abc", {}, True)


def test_a_body_until_the_connection_closes() -> None:
    got = everywhere(response("HTTP/1.1 200 OK\n\n", b"all of it"))
    assert (got.body, got.trailers, got.reusable) == (b"all of it", {}, False)
    cut = everywhere(response("HTTP/1.1 200 OK\n\n", b"part"), eof=False)
    assert (cut.body, cut.trailers) == (b"part", None)  # not ended while the connection lives


@pytest.mark.parametrize(
    ("method", "status"), [("HEAD", 200), ("GET", 204), ("GET", 304), ("POST", 204)]
)
def test_responses_without_a_body(method: str, status: int) -> None:
    got = everywhere(response(f"HTTP/1.1 {status} X\nContent-Length: 12\n\n"), method, eof=False)
    assert (got.status, got.body, got.trailers, got.reusable) == (status, b"", {}, True)


def test_http_1_0_and_connection_close_are_not_reusable() -> None:
    closing = "HTTP/1.1 200 OK\nConnection: keep-alive, Close\nContent-Length: 2\n\n"
    for head in ("HTTP/1.0 200 OK\nContent-Length: 2\n\n", closing):
        got = everywhere(response(head, b"ok"), eof=False)
        assert (got.body, got.trailers, got.reusable) == (b"ok", {}, False)


def test_bytes_after_the_response_make_the_connection_unusable() -> None:
    """They would be read as the answer to the next request."""
    got = everywhere(response("HTTP/1.1 200 OK\nContent-Length: 2\n\n", b"okHTTP/1.1 200 OK"),
                     eof=False)  # fmt: skip
    assert (got.body, got.trailers, got.reusable) == (b"ok", {}, False)


# --- heads ------------------------------------------------------------------------------------


def test_informational_responses_are_skipped() -> None:
    hints = "HTTP/1.1 103 Early Hints\nLink: </s.css>; rel=preload\n\n"
    got = everywhere(response(f"HTTP/1.1 100 Continue\n\n{hints}{hints}HTTP/1.1 200 OK\n"
                              "Content-Length: 1\n\n", b"x"))  # fmt: skip
    assert (got.status, got.body, got.error) == (200, b"x", None)
    assert "link" not in got.headers


def test_a_flood_of_informational_responses_stops_at_the_header_budget() -> None:
    flood = response("HTTP/1.1 100 Continue\n\n" * 2000)
    reader = ResponseReader("GET", max_header_size=10_000)
    reader.receive(flood)
    with pytest.raises(ResponseTooLargeError) as caught:
        reader.next_event()
    assert caught.value.limit == 10_000 and caught.value.received > 10_000


def test_switching_protocols_hands_over_what_follows() -> None:
    got = everywhere(response("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n\n",
                              b"\x81\x05hello"), eof=False, upgrade=True)  # fmt: skip
    assert (got.status, got.trailing, got.reusable) == (101, b"\x81\x05hello", False)


@pytest.mark.parametrize("eof", [True, False])
def test_a_switch_nobody_asked_for_is_refused_naming_the_status(eof: bool) -> None:
    """A server may only switch to a protocol the request asked for (RFC 9110 15.2.2):
    to a request without ``Upgrade``, a ``101`` is no answer, whatever follows it."""
    data = response("HTTP/1.1 101 Switching Protocols\nUpgrade: h2c\n\n", b"\x00\x00")
    assert everywhere(data, eof=eof).error is RemoteProtocolError
    reader = ResponseReader("POST", max_header_size=1000)
    reader.receive(data)
    with pytest.raises(RemoteProtocolError, match="101 Switching Protocols"):
        reader.next_event()


def test_a_tunnel_opened_by_connect() -> None:
    got = everywhere(response("HTTP/1.1 200 Connection established\n\n", b"\x16\x03"), "CONNECT",
                     eof=False)  # fmt: skip
    assert (got.status, got.trailing, got.trailers) == (200, b"\x16\x03", None)
    refused = everywhere(response("HTTP/1.1 407 Auth\nContent-Length: 2\n\n", b"no"), "CONNECT")
    assert (refused.status, refused.body) == (407, b"no")


def test_many_small_headers_are_fine_within_the_budget() -> None:
    """http.client refused more than 100, whatever max_header_size said."""
    head = (
        "HTTP/1.1 200 OK\n" + "".join(f"X-{n}: v\n" for n in range(150)) + "Content-Length: 0\n\n"
    )
    got = everywhere(response(head))
    assert len(got.headers) == 151 and got.error is None


def test_headers_past_the_budget() -> None:
    head = "HTTP/1.1 200 OK\nX-Big: " + "y" * 5000 + "\n\n"
    assert everywhere(response(head), max_header_size=4000).error is ResponseTooLargeError
    dripped = ResponseReader("GET", max_header_size=100)
    with pytest.raises(ResponseTooLargeError):
        for byte in response("HTTP/1.1 200 OK\n" + "X: y\n" * 100):
            dripped.receive(bytes([byte]))
            assert dripped.next_event() is NEED_DATA


def test_obsolete_line_folding_is_unfolded_to_one_space() -> None:
    got = everywhere(b"HTTP/1.1 200 OK\r\nX-Request-Id: req\r\n  _123\r\n\t more\r\n"
                     b"Content-Length: 0\r\n\r\n")  # fmt: skip
    assert got.headers["x-request-id"] == "req _123 more"


def test_lf_line_ends_missing_reasons_and_repeated_headers() -> None:
    got = everywhere(b"HTTP/1.1 404\nSet-Cookie: a=1\nset-cookie: b=2\nContent-Length: 0\n\n")
    assert (got.status, got.headers["set-cookie"]) == (404, "a=1, b=2")


# --- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"HELLO WORLD\r\n\r\n",
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1 099 Low\r\n\r\n",
        b"HTTP/x.1 200 OK\r\n\r\n",
        b"\r\nHTTP/1.1 200 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nNo-Colon\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n folded-first: x\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"1" * 21 + b"\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + b"x" * 5000,
    ],
)
def test_malformed_responses_are_refused(data: bytes) -> None:
    assert everywhere(data).error is RemoteProtocolError


def test_equal_content_lengths_are_one() -> None:
    got = everywhere(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok")
    assert (got.body, got.error) == (b"ok", None)


@pytest.mark.parametrize(
    ("data", "nothing"),
    [
        (b"", True),
        (b"HTTP/1.1 200 OK\r\nContent-Ty", False),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", False),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", False),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\r\n", False),
    ],
)
def test_an_answer_cut_short(data: bytes, nothing: bool) -> None:
    reader = ResponseReader("GET", max_header_size=65536)
    reader.receive(data)
    reader.receive(b"")
    with pytest.raises(IncompleteResponse) as caught:
        while reader.next_event() is not NEED_DATA:
            pass
    assert caught.value.nothing is nothing


# --- limits and memory --------------------------------------------------------------------------


def test_the_body_limit_counts_chunk_data_and_trailers() -> None:
    body = b"a\r\n" + b"x" * 10 + b"\r\n0\r\nX-Pad: " + b"p" * 50 + b"\r\n\r\n"
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert everywhere(head + body, max_body_size=80).error is None
    assert everywhere(head + body, max_body_size=40).error is ResponseTooLargeError
    length = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b"y" * 100
    assert everywhere(length, max_body_size=99).error is ResponseTooLargeError


def test_endless_trailer_lines_stop_at_the_header_budget() -> None:
    reader = ResponseReader("GET", max_header_size=1000)
    reader.receive(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n")
    assert isinstance(reader.next_event(), Head)
    with pytest.raises(ResponseTooLargeError):
        for _ in range(1000):
            reader.receive(b"X-More: trailer\r\n")
            assert reader.next_event() is NEED_DATA


def test_a_large_body_is_not_kept_in_the_reader() -> None:
    reader = ResponseReader("GET", max_header_size=65536)
    reader.receive(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    assert isinstance(reader.next_event(), Head)
    chunk = b"4000\r\n" + b"z" * 0x4000 + b"\r\n"
    tracemalloc.start()
    try:
        for _ in range(2000):  # 32 MiB through it
            reader.receive(chunk)
            event = reader.next_event()
            assert isinstance(event, Data) and len(event.data) == 0x4000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def test_request_bytes() -> None:
    data = request("POST", "/v1/responses", [("Host", "api"), ("Content-Length", "2")], b"{}")
    assert data == b"POST /v1/responses HTTP/1.1\r\nHost: api\r\nContent-Length: 2\r\n\r\n{}"


# --- fuzzing and h11 ----------------------------------------------------------------------------

SAMPLES = [
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno",
    b"HTTP/1.0 200 OK\r\nServer: x\r\n\r\nuntil the end",
    b"HTTP/1.1 204 No Content\r\nX-Folded: a\r\n b\r\n\r\n",
    b"HTTP/1.1 500 Boom\nContent-Type: text/html\nContent-Length: 7\n\n<html/>",
]
ALPHABET = [b"\r", b"\n", b"\r\n", b" ", b"\t", b":", b";", b"0", b"f", b"\x00", b"\xff",
            b"HTTP/1.1 ", b"Content-Length: ", b"Transfer-Encoding: chunked", b"1\r\n",
            b"\r\n\r\n"]  # fmt: skip


def mutations(seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        data = bytearray(rng.choice(SAMPLES))
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(data))
            kind = rng.randrange(4)
            if kind == 0 and data:
                del data[rng.randrange(len(data))]
            elif kind == 1:
                data[at:at] = rng.choice(ALPHABET)
            elif kind == 2 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            else:
                del data[at:]
        out.append(bytes(data))
    return out


def test_a_seeded_fuzzer_finds_nothing_but_documented_outcomes() -> None:
    rng = random.Random(9)
    for data in mutations(seed=2026, count=3000):
        pieces = [data] if rng.random() < 0.5 else [data[i : i + 3] for i in range(0, len(data), 3)]
        read(pieces, rng.choice(["GET", "HEAD", "POST"]))  # raises only what read() catches


# --- no input makes the reader spin ------------------------------------------------------------


def steps_to_the_end(reader: ResponseReader, pieces: list[bytes]) -> int:
    """Feed ``pieces``, then the end of the connection, taking events after each, as a
    transport does: the calls to ``next_event`` made until the response ended, switched
    or failed. Each batch of calls must stop at ``NEED_DATA`` within a bound set by the
    bytes received, and once the connection ended ``NEED_DATA`` is never the answer:
    a transport that waited for more would wait forever (or, on asyncio, spin)."""
    calls, received = 0, 0
    for piece in [*pieces, b""]:
        reader.receive(piece)
        received += len(piece)
        for _ in range(received + 16):
            calls += 1
            try:
                event = reader.next_event()
            except (RemoteProtocolError, ResponseTooLargeError):
                return calls
            if event is NEED_DATA:
                assert piece, "NEED_DATA after the connection ended"
                break
            if isinstance(event, End) or reader.switched:
                return calls
        else:
            raise AssertionError(f"no progress within {received + 16} calls")
    raise AssertionError("the connection ended, and the reader neither ended nor failed")


def spin_inputs(rng: random.Random) -> list[bytes]:
    """Random bytes, mutated real answers, and every status from 100 to 599 framed each
    way a body can be (and after a 1xx), cut short at a random point or not."""
    inputs = [bytes(rng.randrange(256) for _ in range(rng.randint(0, 120))) for _ in range(150)]
    inputs += [bytes(rng.choice(ALPHABET) * rng.randint(1, 3)) for _ in range(50)]
    inputs += mutations(seed=25, count=600)
    framings = ["", "Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n"]
    for status in range(100, 600):
        for framing in framings:
            body = b"3\r\nabc\r\n0\r\n\r\n" if "chunked" in framing else b"abc"
            head = f"HTTP/1.1 {status} S\r\n{framing}\r\n".encode()
            early = b"HTTP/1.1 103 Early Hints\r\n\r\n" if rng.random() < 0.2 else b""
            inputs.append(early + head + body)
    return [data[: rng.randint(0, len(data))] if rng.random() < 0.5 else data for data in inputs]


def test_no_input_makes_the_reader_spin() -> None:
    rng = random.Random(25)
    requests = [("GET", False), ("POST", False), ("HEAD", False), ("CONNECT", False),
                ("GET", True)]  # fmt: skip
    for data in spin_inputs(rng):
        method, upgrade = rng.choice(requests)
        ways = [[data], [data[i : i + 1] for i in range(len(data))]]
        ways += rng.sample(list(chunkings(data, rng.randrange(1000), 2)), 2)
        for pieces in ways:
            reader = ResponseReader(method, upgrade=upgrade, max_header_size=4096,
                                    max_body_size=1 << 16)  # fmt: skip
            steps_to_the_end(reader, pieces)


def exchange_to_the_end(pieces: list[bytes], method: str, upgrade: bool) -> None:
    """What a shell does with a ``Connection``: bytes until the head is in, then until
    the body ended (or the protocol switched); asking for bytes after the connection
    ended is the spin the transports must never enter."""
    connection = Connection(max_header_size=4096)
    connection._start(Wire(b"", method, 1 << 16, upgrade))
    feed = iter([*pieces, b""])

    def fill() -> None:
        piece = next(feed, None)
        assert piece is not None, "asked for bytes after the connection ended"
        connection._receive(piece)

    try:
        while (head := connection._head()) is None:
            fill()
        if head.status == 101:
            assert upgrade, "a switch the request did not ask for"
            return
        while (piece := connection._piece()) != b"":
            if piece is None:
                fill()
    except (RemoteProtocolError, ResponseTooLargeError, ContentDecodingError):
        return


def test_no_input_makes_a_transport_wait_for_bytes_after_the_end() -> None:
    rng = random.Random(1011)
    for data in spin_inputs(rng):
        method, upgrade = rng.choice([("GET", False), ("POST", False), ("HEAD", False),
                                      ("GET", True)])  # fmt: skip
        for pieces in ([data], [data[i : i + 1] for i in range(len(data))],
                       *rng.sample(list(chunkings(data, rng.randrange(1000), 2)), 2)):  # fmt: skip
            exchange_to_the_end(pieces, method, upgrade)


def test_a_reader_past_its_response_says_so_rather_than_wait() -> None:
    """Asked for more after the end (or after a switch), it raises: never ``NEED_DATA``,
    which a transport would answer by waiting for bytes that belong to nobody."""
    for data, upgrade in [(b"HTTP/1.1 204 No\r\n\r\n", False),
                          (b"HTTP/1.1 101 Up\r\nUpgrade: websocket\r\n\r\n", True)]:  # fmt: skip
        reader = ResponseReader("GET", upgrade=upgrade, max_header_size=4096)
        reader.receive(data)
        while not isinstance(event := reader.next_event(), End) and not reader.switched:
            assert event is not NEED_DATA
        reader.receive(b"")
        with pytest.raises(RuntimeError, match="over"):
            reader.next_event()


def h11_outcome(data: bytes, method: str = "GET") -> Outcome:
    h11 = pytest.importorskip("h11")
    connection = h11.Connection(h11.CLIENT, max_incomplete_event_size=1 << 20)
    connection.send(h11.Request(method=method, target="/", headers=[("Host", "x")]))
    connection.send(h11.EndOfMessage())
    outcome = Outcome()
    try:
        connection.receive_data(data)
        connection.receive_data(b"")
        while True:
            event = connection.next_event()
            if event is h11.NEED_DATA or isinstance(event, h11.ConnectionClosed):
                break
            if isinstance(event, h11.Response):
                outcome.status, outcome.headers = event.status_code, _merged(event.headers)
            elif isinstance(event, h11.Data):
                outcome.body += event.data
            elif isinstance(event, h11.EndOfMessage):
                outcome.trailers = _merged(event.headers)
                break
    except h11.RemoteProtocolError:
        outcome.error = RemoteProtocolError
    return outcome


def _merged(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers:
        key, text = name.decode().lower(), value.decode("latin-1")
        out[key] = f"{out[key]}, {text}" if key in out else text
    return out


def test_it_agrees_with_h11() -> None:
    """The same status, headers, body and trailers as h11, or an error where it errs, on
    valid responses and on thousands of mutations of them. An answer cut short is an error
    for both (h11 reports it as the connection closing, or as a protocol error)."""
    pytest.importorskip("h11")
    compared = errors = 0
    for data in [*SAMPLES, *mutations(seed=7, count=4000)]:
        ours, theirs = read([data]), h11_outcome(data)
        ours_failed = ours.error is not None or ours.trailers is None
        theirs_failed = theirs.error is not None or theirs.trailers is None
        assert ours_failed == theirs_failed, (data, ours, theirs)
        if ours_failed:
            errors += 1
            continue
        ours.reusable = theirs.reusable = False
        assert ours == theirs, data
        compared += 1
    assert compared > 500 and errors > 500
