# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The fault matrix: a representative stream broken at every event position, in every
way a network or a server breaks it, against the mock server. Each case must give the
documented error, with exactly what had been received, and leak no socket."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import LOOPBACK, NO_READ_TIMEOUT, MakeClient, time_out_at_the_stall

from openresponses_min import (
    Client,
    OpenResponsesError,
    ResponseAccumulator,
    ResponseTooLargeError,
    SSEError,
    StreamInterruptedError,
    StreamTimeoutError,
    parse_event,
)
from openresponses_min.mock import MockServer, Reply, answer_events

ID = "resp_faults"
FULL = answer_events({"model": "m", "input": "café, 日本語 and 🙂"}, ID)
# A short representative stream: lifecycle, an item, a part, five deltas (non-ASCII among
# them), the done events and completed, renumbered.
_DELTAS = [e for e in FULL if e["type"] == "response.output_text.delta"][:5]
_TEXT = "".join(e["delta"] for e in _DELTAS)
_DONE = FULL[-4:]
_PART = {**_DONE[1]["part"], "text": _TEXT}
_ITEM = {**_DONE[2]["item"], "content": [_PART]}
EVENTS = [
    {**e, "sequence_number": n}
    for n, e in enumerate([
        *FULL[:4], *_DELTAS, {**_DONE[0], "text": _TEXT}, {**_DONE[1], "part": _PART},
        {**_DONE[2], "item": _ITEM},
        {**_DONE[3], "response": {**_DONE[3]["response"], "output": [_ITEM]}},
    ])
]  # fmt: skip
NUMBERS = [e["sequence_number"] for e in EVENTS]


def block(event: dict[str, Any], newline: bytes) -> bytes:
    text = f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
    return text.encode().replace(b"\n", newline)


def cut_points(newline: bytes) -> Iterator[tuple[str, int, int]]:
    """(where, event index, byte offset): a place inside every event to cut the body."""
    offset = 0
    for index, event in enumerate(EVENTS):
        data = block(event, newline)
        yield "inside JSON", index, offset + data.index(b"{") + len(data) // 3
        multibyte = next((i for i, b in enumerate(data) if b >= 0xC0), None)
        if multibyte is not None:
            yield "inside a UTF-8 character", index, offset + multibyte + 1
        if newline == b"\r\n":
            yield "inside a CRLF", index, offset + data.index(b"\r\n") + 1
        offset += len(data)


CUTS = [(nl, where, i, at) for nl in (b"\n", b"\r\n") for where, i, at in cut_points(nl)]
CUT_IDS = [f"{'CRLF' if len(nl) == 2 else 'LF'}-{w.split()[-1]}@{i}" for nl, w, i, _ in CUTS]


@pytest.fixture(autouse=True)
def no_socket_left_behind() -> Iterator[None]:
    """A socket left to the garbage collector warns; warnings are errors in these tests."""
    yield
    gc.collect()


def delivered(
    client: Client, *, background: bool, stall: MockServer | None = None
) -> tuple[list[int], Any]:
    """The sequence numbers a stream delivers; with ``stall``, that server's stall times
    it out (see ``time_out_at_the_stall``)."""
    seen: list[int] = []
    stream = client.responses.create(model="m", background=background, stream=True)
    if stall is not None:
        time_out_at_the_stall(stream, stall)
    stream.raise_on_failure = False
    with stream:
        seen.extend(event.sequence_number for event in stream)
    return seen, stream


@pytest.mark.parametrize(
    ("newline", "where", "index", "at"),
    CUTS,
    ids=CUT_IDS,
)
@pytest.mark.parametrize("background", [False, True], ids=["plain", "background"])
def test_a_body_cut_anywhere(make_client: MakeClient,
    newline: bytes, where: str, index: int, at: int, background: bool,
    server: MockServer, waits: list[float],
) -> None:  # fmt: skip
    body = b"".join(block(event, newline) for event in EVENTS)
    server.store(ID, EVENTS)
    server.add(Reply(events=body, close_at=at))
    with make_client(base_url=server.base_url, timeout=LOOPBACK) as client:
        seen, stream = delivered(client, background=background)
    if background and index > 0:
        assert seen == NUMBERS and stream.failure is None, where
        assert stream.output_text == _TEXT
    else:
        assert seen == NUMBERS[:index], where
        assert type(stream.failure) is StreamInterruptedError
        assert stream.failure.last_sequence_number == (index - 1 if index else None)
        received = "".join(e["delta"] for e in EVENTS[:index] if "delta" in e)
        assert stream.failure.response.output_text == received


@pytest.mark.parametrize("position", range(len(EVENTS)))
@pytest.mark.parametrize("fault", ["drop", "stall"])
def test_a_drop_or_a_stall_at_every_event(
    make_client: MakeClient, fault: str, position: int, server: MockServer, waits: list[float]
) -> None:
    options = (
        {"drop_after": position} if fault == "drop" else {"stall_after": position, "stall": 30}
    )
    server.add(Reply(events=EVENTS, **options))  # type: ignore[arg-type]
    with make_client(base_url=server.base_url, timeout=NO_READ_TIMEOUT) as client:
        stalled = server if fault == "stall" else None
        seen, stream = delivered(client, background=False, stall=stalled)
    assert seen == NUMBERS[:position]
    expected = StreamTimeoutError if fault == "stall" else StreamInterruptedError
    assert type(stream.failure) is expected
    rebuilt = ResponseAccumulator()  # what the events before the fault make, rebuilt apart
    for event in EVENTS[:position]:
        rebuilt.add(parse_event(event))
    assert stream.failure.response.to_dict() == rebuilt.response.to_dict()
    assert stream.failure.last_sequence_number == (position - 1 if position else None)


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Enc",
        b"HTTP/1.1 200 OK\r\nContent-Ty",
        b"HTTP/1.1 2",
        b"\x16\x03\x01\x02\x00garbage",
    ],
    ids=["inside a header", "inside a header name", "inside the status line", "not HTTP"],
)
def test_the_server_closes_during_the_headers(
    make_client: MakeClient, raw: bytes, server: MockServer, waits: list[float]
) -> None:
    server.add(*[Reply(raw=raw)] * 3)
    with (
        make_client(base_url=server.base_url, timeout=LOOPBACK) as client,
        pytest.raises(OpenResponsesError) as caught,
    ):
        client.responses.create(model="m", stream=True).until_done()
    assert type(caught.value).__module__ == "openresponses_min.errors"


def test_limits_stop_reading_and_say_so(make_client: MakeClient, server: MockServer) -> None:
    huge = {"type": "response.output_text.delta", "sequence_number": 1, "delta": "x" * 150_000}
    big_headers = {f"x-big-{n}": "z" * 1000 for n in range(20)}
    server.add(
        Reply(events=[EVENTS[0], huge]),
        Reply(events=EVENTS[:-1] * 100),  # about 300 KB, never completed
        Reply(body={"id": ID, "output": [], "filler": "y" * 300_000}),
        Reply(body={"id": ID}, headers=big_headers),
    )
    limits = {"max_event_size": 100_000, "max_response_size": 200_000, "max_header_size": 10_000}
    with make_client(base_url=server.base_url, max_retries=0, **limits) as client:
        stream = client.responses.create(model="m", stream=True)
        with pytest.raises(SSEError) as event_error:
            list(stream)
        assert event_error.value.limit == 100_000
        assert stream.last_sequence_number == 0  # the event before it was delivered
        with pytest.raises(ResponseTooLargeError) as body_error:
            client.responses.create(model="m", stream=True).until_done()
        assert body_error.value.limit == 200_000 and body_error.value.received > 200_000
        with pytest.raises(ResponseTooLargeError, match="max_response_size"):
            client.responses.create(model="m")
        with pytest.raises(ResponseTooLargeError, match="max_header_size") as header_error:
            client.responses.create(model="m")
        assert header_error.value.received > 10_000


def test_limits_must_be_positive(make_client: MakeClient) -> None:
    for name in ("max_event_size", "max_response_size", "max_header_size"):
        with pytest.raises(ValueError, match=name):
            make_client(**{name: 0})  # type: ignore[arg-type]
