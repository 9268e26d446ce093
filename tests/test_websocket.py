# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The sans-I/O WebSocket framing (``_websocket``): the handshake, every frame kind under
every chunking, every protocol violation with its close code, a seeded fuzzer, and both
ends held against the ``websockets`` package's own sans-I/O protocol (a test-only
dependency, which nobody here wrote)."""

from __future__ import annotations

import dataclasses
import random
import struct

import pytest
from conftest import chunkings

from openresponses_min._wire.http11 import Head, ResponseReader
from openresponses_min._wire.websocket import (
    Closing,
    Handshake,
    Message,
    Pong,
    WebSocket,
    WebSocketProtocolError,
    accept_for,
    mask,
)

websockets = pytest.importorskip("websockets")
from websockets.client import ClientProtocol  # noqa: E402
from websockets.frames import Frame, Opcode  # noqa: E402
from websockets.protocol import State  # noqa: E402
from websockets.server import ServerProtocol  # noqa: E402
from websockets.uri import parse_uri  # noqa: E402

OPEN = State.OPEN


def frame(opcode: int, payload: bytes = b"", *, fin: bool = True, rsv: int = 0) -> bytes:
    """A server frame built by hand, unmasked, so that it can break the rules."""
    first = (0x80 if fin else 0) | rsv | opcode
    size = len(payload)
    if size < 126:
        return bytes((first, size)) + payload
    if size < 1 << 16:
        return bytes((first, 126)) + struct.pack("!H", size) + payload
    return bytes((first, 127)) + struct.pack("!Q", size) + payload


def masked(opcode: int, payload: bytes, key: bytes = b"\x01\x02\x03\x04") -> bytes:
    """A client frame built by hand (payloads under 126 bytes)."""
    return bytes((0x80 | opcode, 0x80 | len(payload))) + key + mask(payload, key)


def decode(chunks: list[bytes], **options: object) -> tuple[list[object], WebSocket]:
    """Everything a client-side ``WebSocket`` makes of ``chunks``, fed one by one (an
    empty read is the end of the connection, so an empty chunk stands for a read that
    gave nothing new: nothing is fed)."""
    socket = WebSocket(**options)  # type: ignore[arg-type]
    events: list[object] = []
    for chunk in chunks:
        if chunk:
            socket.receive(chunk)
        while (event := socket.next_event()) is not None:
            events.append(event)
    return events, socket


def decode_all_ways(data: bytes, **options: object) -> list[object]:
    """What ``data`` decodes to, the same under every chunking (asserted)."""
    results = [decode(chunks, **options)[0] for chunks in chunkings(data, random_splits=8)]
    assert all(result == results[0] for result in results)
    return results[0]


def failure_all_ways(data: bytes, **options: object) -> WebSocketProtocolError:
    """The protocol error ``data`` raises, the same under every chunking (asserted)."""
    errors = []
    for chunks in chunkings(data, random_splits=8):
        with pytest.raises(WebSocketProtocolError) as caught:
            decode(chunks, **options)
        errors.append((str(caught.value), caught.value.code))
    assert len(set(errors)) == 1
    return caught.value


# --- the handshake ------------------------------------------------------------------------------


def test_accept_is_rfc_6455s_example() -> None:
    assert accept_for("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def test_each_handshake_has_a_fresh_16_byte_key() -> None:
    import base64

    keys = {Handshake().key for _ in range(100)}
    assert len(keys) == 100
    assert all(len(base64.b64decode(key)) == 16 for key in keys)


def upgrade_answer(handshake: Handshake) -> tuple[Head, bytes]:
    """What the websockets server answers to our upgrade request, read by our HTTP reader."""
    lines = ["GET /v1/responses HTTP/1.1", "Host: example.test"]
    lines += [f"{name}: {value}" for name, value in handshake.headers.items()]
    server = ServerProtocol()
    server.receive_data(("\r\n".join(lines) + "\r\n\r\n").encode())
    (request,) = server.events_received()
    server.send_response(server.accept(request))
    server.send_text(b"first")  # right behind the 101, in the same read
    reader = ResponseReader("GET", upgrade=True, max_header_size=65536)
    reader.receive(b"".join(server.data_to_send()))
    head = reader.next_event()
    assert isinstance(head, Head)
    return head, reader.trailing_data


def test_the_websockets_server_accepts_our_upgrade() -> None:
    handshake = Handshake()
    head, trailing = upgrade_answer(handshake)
    assert head.status == 101
    handshake.check(head)
    socket = WebSocket()
    socket.receive(trailing)
    assert socket.next_event() == Message("first")


def with_header(head: Head, name: str, value: str | None) -> Head:
    headers = dict(head.headers)
    if value is None:
        headers.pop(name, None)
    else:
        headers[name] = value
    return dataclasses.replace(head, headers=headers)


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "Accept does not match"),
        ("sec-websocket-accept", None, "Accept does not match"),
        ("upgrade", "h2c", "other than websocket"),
        ("connection", "keep-alive", "Connection: Upgrade"),
        ("sec-websocket-extensions", "permessage-deflate", "extensions nobody asked"),
        ("sec-websocket-protocol", "chat", "protocol nobody asked"),
    ],
)
def test_a_wrong_101_is_refused(name: str, value: str | None, why: str) -> None:
    handshake = Handshake()
    head, _ = upgrade_answer(handshake)
    with pytest.raises(WebSocketProtocolError, match=why):
        handshake.check(with_header(head, name, value))


# --- what a server sends ------------------------------------------------------------------------


def server_bytes(*sends: tuple[str, bytes | str]) -> bytes:
    """What the websockets server writes for ``sends`` after the handshake."""
    server = ServerProtocol(state=OPEN, max_size=None)
    for kind, data in sends:
        getattr(server, f"send_{kind}")(data)
    return b"".join(server.data_to_send())


def test_messages_of_every_kind_and_size_under_every_chunking() -> None:
    big = bytes(range(256)) * 300  # 76,800 bytes: the 64-bit length form
    mid = "é" * 200  # 400 bytes: the 16-bit form
    data = server_bytes(
        ("text", "héllo 🌍".encode()),
        ("binary", b"\x00\xff"),
        ("text", b""),
        ("text", mid.encode()),
        ("binary", big),
        ("pong", b"beat"),
    )
    assert decode_all_ways(data, max_message_size=1 << 20) == [
        Message("héllo 🌍"), Message(b"\x00\xff"), Message(""), Message(mid), Message(big),
        Pong(b"beat"),
    ]  # fmt: skip


def test_fragments_are_reassembled_with_a_character_split_between_them() -> None:
    text = "a🌍b".encode()
    data = (
        frame(0x1, text[:2], fin=False)
        + frame(0x9, b"ping!")  # a control frame may come between the fragments
        + frame(0x0, text[2:4], fin=False)
        + frame(0x0, b"", fin=False)
        + frame(0x0, text[4:])
        + frame(0x2, b"x", fin=False)
        + frame(0x0, b"y")
    )
    for chunks in chunkings(data, random_splits=8):
        events, socket = decode(chunks)
        assert events == [Message("a🌍b"), Message(b"xy")]
        assert socket.take_outgoing()[:2] == b"\x8a\x85"  # the pong, masked, five bytes


def test_a_ping_is_answered_with_its_payload_which_the_server_reads() -> None:
    events, socket = decode([frame(0x9, b"are you there")])
    assert events == []
    server = ServerProtocol(state=OPEN)
    server.receive_data(socket.take_outgoing())
    (pong,) = server.events_received()
    assert (pong.opcode, pong.data) == (Opcode.PONG, b"are you there")
    assert socket.take_outgoing() == b""


@pytest.mark.parametrize(
    ("payload", "code", "reason"),
    [(struct.pack("!H", 1000) + "fin 👋".encode(), 1000, "fin 👋"), (b"", 1005, ""),
     (struct.pack("!H", 1013), 1013, ""), (struct.pack("!H", 4000) + b"app", 4000, "app")],
)  # fmt: skip
def test_a_close_is_reported_and_echoed_and_nothing_after_it_is_read(
    payload: bytes, code: int, reason: str
) -> None:
    data = frame(0x8, payload) + frame(0x1, b"after")
    assert decode_all_ways(data) == [Closing(code, reason)]
    _, socket = decode([data])
    assert socket.closed and socket.close_sent
    server = ServerProtocol(state=OPEN)
    server.send_close(code if payload else None, reason)
    server.data_to_send()
    server.receive_data(socket.take_outgoing())
    (echo,) = server.events_received()
    assert echo.opcode == Opcode.CLOSE
    assert echo.data == payload[:2]  # the code echoed, as RFC 6455 asks


def test_the_end_of_the_connection_without_a_close_is_1006() -> None:
    assert decode_all_ways(frame(0x1, b"a") + frame(0x1, b"half", fin=False)[:3] + b"") == [
        Message("a")
    ]
    events, socket = decode([frame(0x1, b"a")])
    socket.receive(b"")
    events.append(socket.next_event())
    assert events == [Message("a"), Closing(1006, "")]
    assert socket.next_event() is None


def test_a_close_we_started_is_not_echoed_back() -> None:
    socket = WebSocket()
    sent = socket.close(1000, "bye")
    assert sent and socket.close(1000) == b""
    with pytest.raises(RuntimeError, match="closing"):
        socket.send_text("more")
    socket.receive(frame(0x8, struct.pack("!H", 1000)))
    assert socket.next_event() == Closing(1000, "")
    assert socket.take_outgoing() == b""


# --- what we send -------------------------------------------------------------------------------


def test_our_frames_are_masked_with_a_fresh_key_and_read_by_the_websockets_server() -> None:
    socket = WebSocket()
    big = "ü" * 40000
    data = (
        socket.send_text("hi")
        + socket.send_text(big)
        + socket.send_binary(bytes(70000))
        + socket.ping(b"p")
        + socket.close(1001, "going")
    )
    server = ServerProtocol(state=OPEN, max_size=None)
    server.receive_data(data)
    frames = server.events_received()
    assert [(f.opcode, f.data) for f in frames] == [
        (Opcode.TEXT, b"hi"), (Opcode.TEXT, big.encode()), (Opcode.BINARY, bytes(70000)),
        (Opcode.PING, b"p"), (Opcode.CLOSE, struct.pack("!H", 1001) + b"going"),
    ]  # fmt: skip
    keys = {WebSocket().send_text("x")[2:6] for _ in range(50)}
    assert len(keys) == 50


def test_a_control_payload_over_125_bytes_is_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="125"):
        WebSocket().ping(bytes(126))


def test_a_long_close_reason_is_cut_on_a_character() -> None:
    data = WebSocket().close(1000, "é" * 100)
    server = ServerProtocol(state=OPEN)
    server.receive_data(data)
    (close,) = server.events_received()
    assert len(close.data) <= 125
    assert close.data[2:].decode() == "é" * 61


def test_the_mask_is_an_involution() -> None:
    rng = random.Random(7)
    for size in (0, 1, 3, 4, 5, 127, 1000):
        data, key = rng.randbytes(size), rng.randbytes(4)
        assert mask(mask(data, key), key) == data
        assert mask(data, key) == bytes(b ^ key[i % 4] for i, b in enumerate(data))


# --- violations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code", "why"),
    [
        (frame(0x1, b"x", rsv=0x40), 1002, "reserved bits"),
        (frame(0x3, b""), 1002, "unknown opcode 0x3"),
        (frame(0xB, b""), 1002, "unknown opcode 0xb"),
        (masked(0x1, b"x"), 1002, "the server masked"),
        (frame(0x9, b"", fin=False), 1002, "control frame is fragmented"),
        (frame(0x9, bytes(126)), 1002, "over 125 bytes"),
        (frame(0x0, b"x"), 1002, "continues no message"),
        (frame(0x1, b"a", fin=False) + frame(0x1, b"b"), 1002, "before the last one ended"),
        (frame(0x8, b"\x03"), 1002, "one byte"),
        (frame(0x8, struct.pack("!H", 1005)), 1002, "code 1005"),
        (frame(0x8, struct.pack("!H", 1006)), 1002, "code 1006"),
        (frame(0x8, struct.pack("!H", 1015)), 1002, "code 1015"),
        (frame(0x8, struct.pack("!H", 999)), 1002, "code 999"),
        (frame(0x8, struct.pack("!H", 2000)), 1002, "code 2000"),
        (frame(0x8, struct.pack("!H", 5000)), 1002, "code 5000"),
        (frame(0x8, struct.pack("!H", 1000) + b"\xff"), 1007, "reason is not UTF-8"),
        (frame(0x1, b"\xc3\x28"), 1007, "not UTF-8"),
        (frame(0x1, "é".encode()[:1]), 1007, "not UTF-8"),
        (bytes((0x81, 127)) + struct.pack("!Q", 1 << 63), 1002, "top bit"),
        (frame(0x2, bytes(1025)), 1009, "max_message_size"),
        (frame(0x1, bytes(600), fin=False) + frame(0x0, bytes(600)), 1009, "max_message_size"),
    ],
)
def test_each_violation_fails_with_its_close_code_under_every_chunking(
    data: bytes, code: int, why: str
) -> None:
    error = failure_all_ways(frame(0x1, b"ok") + data, max_message_size=1024)
    assert error.code == code
    assert why in str(error)


def test_after_a_violation_the_close_saying_why_waits_and_the_error_stays() -> None:
    socket = WebSocket()
    socket.receive(frame(0x1, b"\xff"))
    with pytest.raises(WebSocketProtocolError) as caught:
        socket.next_event()
    with pytest.raises(WebSocketProtocolError) as again:
        socket.next_event()
    assert again.value is caught.value
    server = ServerProtocol(state=OPEN)
    server.receive_data(socket.take_outgoing())
    (close,) = server.events_received()
    assert close.data == struct.pack("!H", 1007)


def test_invalid_utf8_fails_at_its_fragment_not_at_the_end() -> None:
    socket = WebSocket()
    socket.receive(frame(0x1, b"good", fin=False) + frame(0x0, b"\xff", fin=False))
    with pytest.raises(WebSocketProtocolError, match="UTF-8"):
        socket.next_event()


def test_an_oversized_frame_fails_at_its_head_before_its_payload_is_waited_for() -> None:
    socket = WebSocket(max_message_size=1 << 20)
    socket.receive(bytes((0x82, 127)) + struct.pack("!Q", 1 << 40))  # a terabyte announced
    with pytest.raises(WebSocketProtocolError, match="max_message_size") as caught:
        socket.next_event()
    assert caught.value.code == 1009


def test_control_frames_do_not_count_against_the_message_size() -> None:
    data = frame(0x1, bytes(1000), fin=False) + frame(0x9, bytes(100)) + frame(0x0, bytes(24))
    assert decode_all_ways(data, max_message_size=1024) == [Message("\0" * 1024)]


# --- the server's side (the mock server's) ------------------------------------------------------


def test_the_server_side_reads_a_websockets_client_and_is_read_by_it() -> None:
    client = ClientProtocol(parse_uri("ws://example.test/v1/responses"), state=OPEN, max_size=None)
    client.send_text("hello ☃".encode())
    client.send_binary(bytes(300))
    client.send_ping(b"x")
    data = b"".join(client.data_to_send())
    for chunks in chunkings(data, random_splits=8):
        events, server = decode(chunks, client=False)
        assert events == [Message("hello ☃"), Message(bytes(300))]
        assert server.take_outgoing() == b"\x8a\x01x"  # the pong, unmasked
    answer = server.send_text("ok") + server.close(1000)
    client.receive_data(answer)
    received = client.events_received()
    assert [(f.opcode, f.data) for f in received] == [
        (Opcode.TEXT, b"ok"), (Opcode.CLOSE, struct.pack("!H", 1000))
    ]  # fmt: skip


def test_the_server_side_refuses_an_unmasked_client_frame() -> None:
    error = failure_all_ways(frame(0x1, b"x"), client=False)
    assert "unmasked" in str(error)


# --- fuzzing ------------------------------------------------------------------------------------


def random_frames(rng: random.Random) -> tuple[bytes, list[object]]:
    """Valid server frames (made by websockets) and what they must decode to."""
    data, expected = [], []
    for _ in range(rng.randint(1, 12)):
        kind = rng.choice(("text", "binary", "pong", "fragmented"))
        if kind == "text":
            alphabet = ("A", "é", "☃", "🌍")
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
            data.append(Frame(Opcode.TEXT, text.encode()).serialize(mask=False))
            expected.append(Message(text))
        elif kind == "binary":
            payload = rng.randbytes(rng.choice((0, 5, 125, 126, 65535, 65536)))
            data.append(Frame(Opcode.BINARY, payload).serialize(mask=False))
            expected.append(Message(payload))
        elif kind == "pong":
            payload = rng.randbytes(rng.randint(0, 125))
            data.append(Frame(Opcode.PONG, payload).serialize(mask=False))
            expected.append(Pong(payload))
        else:
            text = "🌍 fragments".encode()
            cuts = sorted(rng.sample(range(1, len(text)), 3))
            parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
            for index, part in enumerate(parts):
                opcode = Opcode.TEXT if index == 0 else Opcode.CONT
                data.append(Frame(opcode, part, fin=index == len(parts) - 1).serialize(mask=False))
            expected.append(Message("🌍 fragments"))
    return b"".join(data), expected


def test_fuzz_valid_streams_decode_as_websockets_encoded_them() -> None:
    rng = random.Random(6455)
    for _ in range(60):
        data, expected = random_frames(rng)
        for chunks in chunkings(data, seed=rng.randint(0, 1 << 30), random_splits=3):
            assert decode(chunks, max_message_size=1 << 20)[0] == expected


def test_fuzz_mutated_streams_fail_only_with_the_protocol_error() -> None:
    rng = random.Random(1002)
    for _ in range(400):
        data = bytearray(random_frames(rng)[0][:3000])
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        chunks = [bytes(data[i : i + 37]) for i in range(0, len(data), 37)]
        try:
            events, _ = decode(chunks, max_message_size=1 << 16)
        except WebSocketProtocolError as error:
            assert error.code in (1002, 1007, 1009)
        else:
            assert all(isinstance(event, (Message, Pong, Closing)) for event in events)
