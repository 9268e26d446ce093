# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Stream semantics against the mock server: how a stream ends, sequence numbers,
the helpers, automatic resume at every event position, and cancel."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from conftest import LOOPBACK, NO_READ_TIMEOUT, MakeClient, assert_backoff, time_out_at_the_stall

from openresponses_min import (
    APITimeoutError,
    AsyncClient,
    Client,
    FunctionArgumentsError,
    ResponseFailedError,
    ResponseTooLargeError,
    StreamInterruptedError,
    StreamTimeoutError,
)
from openresponses_min.mock import MockServer, Reply, answer_events

ID = "resp_story"
STORY = answer_events({"model": "m", "input": "a story"}, ID)
NUMBERS = [event["sequence_number"] for event in STORY]
TEXT = STORY[-1]["response"]["output"][0]["content"][0]["text"]


def numbers(stream: Any, into: list[int] | None = None) -> list[int]:
    """The sequence numbers of a stream's events, also appended to ``into`` as they come,
    so that a test still has them when the stream raises."""
    seen = into if into is not None else []
    for event in stream:
        seen.append(event.sequence_number)
    return seen


def with_terminal(kind: str, **response: Any) -> list[dict[str, Any]]:
    """STORY up to its completed event, then ``kind`` in its place."""
    last = {**STORY[-1]["response"], **response}
    return [*STORY[:-1], {"type": kind, "sequence_number": NUMBERS[-1], "response": last}]


# --- how a stream ends ----------------------------------------------------------------------


def test_a_completed_stream_ends_normally(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY))
    with client.responses.create(model="m", stream=True) as stream:
        assert numbers(stream) == NUMBERS
    assert stream.failure is None
    assert stream.response.status == "completed"
    assert stream.output_text == TEXT


def test_error_then_failed_raises_after_delivering_everything(
    client: Client, server: MockServer
) -> None:
    error = {"type": "error", "sequence_number": 5, "code": "server_error", "message": "Boom."}
    failed = {"type": "response.failed", "sequence_number": 6,
              "response": {"id": ID, "status": "failed",
                           "error": {"code": "server_error", "message": "Boom."}}}  # fmt: skip
    server.add(Reply(events=[*STORY[:5], error, failed]))
    seen = []
    with (
        pytest.raises(ResponseFailedError) as caught,
        client.responses.create(model="m", stream=True) as stream,
    ):
        numbers(stream, seen)
    assert seen == [0, 1, 2, 3, 4, 5, 6]
    failure = caught.value
    assert (failure.code, failure.message) == ("server_error", "Boom.")
    assert failure.response.status == "failed"
    assert failure.response.output_text == STORY[4]["delta"]


def test_failed_alone_takes_its_reason_from_the_response(
    client: Client, server: MockServer
) -> None:
    reason = {"code": "rate_limit_exceeded", "message": "Slow"}
    server.add(Reply(events=with_terminal("response.failed", status="failed", error=reason)))
    with pytest.raises(ResponseFailedError, match="rate_limit_exceeded: Slow"):
        client.responses.create(model="m", stream=True).until_done()


def test_an_error_event_then_the_end_is_a_failure(client: Client, server: MockServer) -> None:
    error = {"type": "error", "sequence_number": 3, "error": {"code": "x", "message": "Broke."}}
    server.add(Reply(events=[*STORY[:3], error]))
    with pytest.raises(ResponseFailedError, match="x: Broke"):
        client.responses.create(model="m", stream=True).until_done()


def test_incomplete_ends_normally_with_its_reason(client: Client, server: MockServer) -> None:
    details = {"reason": "max_output_tokens"}
    events = with_terminal("response.incomplete", status="incomplete", incomplete_details=details)
    server.add(Reply(events=events))
    response = client.responses.create(model="m", stream=True).get_final_response()
    assert response.status == "incomplete"
    assert response.incomplete_details is not None
    assert response.incomplete_details.reason == "max_output_tokens"


def test_no_terminal_event_is_an_interruption(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY[:-3]), Reply(events=STORY[:-3], done=True))
    for _ in range(2):  # ending at EOF, and at [DONE]
        with pytest.raises(StreamInterruptedError, match="without a terminal event") as caught:
            client.responses.create(model="m", stream=True).until_done()
        error = caught.value
        assert (error.response_id, error.last_sequence_number) == (ID, NUMBERS[-4])
        assert TEXT.startswith(error.response.output_text)
        assert error.response.output_text


def test_done_and_events_after_the_terminal_one(client: Client, server: MockServer) -> None:
    limits = {"type": "response.rate_limits.updated", "sequence_number": NUMBERS[-1] + 1,
              "rate_limits": [{"name": "requests", "remaining": 9}]}  # fmt: skip
    server.add(Reply(events=[*STORY, limits], done=True))
    with client.responses.create(model="m", stream=True) as stream:
        events = list(stream)
    assert events[-1].type == "response.rate_limits.updated"
    assert stream.failure is None


def test_the_switch_turns_raising_off(client: Client, server: MockServer) -> None:
    server.add(Reply(events=with_terminal("response.failed", status="failed")),
               Reply(events=STORY[:4], drop_after=3))  # fmt: skip
    for expected in (ResponseFailedError, StreamInterruptedError):
        with client.responses.create(model="m", stream=True) as stream:
            stream.raise_on_failure = False
            list(stream)
        assert isinstance(stream.failure, expected)


# --- sequence numbers -----------------------------------------------------------------------


def test_repeats_are_dropped_and_the_rest_delivered_in_arrival_order(
    client: Client, server: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    order = [0, 1, 2, 2, 1, 3, 6, 4, 7, *NUMBERS[8:]]
    server.add(Reply(events=[STORY[n] for n in order]))
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        seen = numbers(client.responses.create(model="m", stream=True))
    assert seen == [0, 1, 2, 3, 6, 4, 7, *NUMBERS[8:]]
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"2 events missing before event 6 of response {ID}",
        f"event 4 of response {ID} came after event 6",
    ]


def test_streams_without_sequence_numbers_work(client: Client, server: MockServer) -> None:
    plain = [{k: v for k, v in event.items() if k != "sequence_number"} for event in STORY]
    server.add(Reply(events=plain))
    with client.responses.create(model="m", stream=True) as stream:
        assert len(list(stream)) == len(STORY)
    assert stream.last_sequence_number is None
    assert stream.output_text == TEXT


# --- helpers --------------------------------------------------------------------------------


def test_text_deltas_and_output_text(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY))
    with client.responses.create(model="m", stream=True) as stream:
        pieces = []
        for piece in stream.text_deltas():
            pieces.append(piece)
            assert stream.output_text == "".join(pieces)
    assert "".join(pieces) == TEXT


def test_final_response_and_until_done(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY), Reply(events=STORY))
    assert client.responses.create(model="m", stream=True).get_final_response().id == ID
    stream = client.responses.create(model="m", stream=True)
    assert stream.until_done() is stream
    assert stream.response.output_text == TEXT


def test_function_calls(client: Client, server: MockServer) -> None:
    def call(n: int, name: str, arguments: str) -> dict[str, Any]:
        item = {"type": "function_call", "id": f"fc_{n}", "call_id": f"call_{n}", "name": name,
                "arguments": arguments, "status": "completed"}  # fmt: skip
        return {"type": "response.output_item.done", "sequence_number": n, "output_index": n,
                "item": item}  # fmt: skip

    done = {"type": "response.completed", "sequence_number": 9, "response": {"id": ID}}
    server.add(Reply(events=[call(0, "get_weather", '{"city": "Paris"}'), call(1, "noop", ""),
                             done]),
               Reply(events=[call(0, "book", '{"date": 2026-'), done]))  # fmt: skip
    calls = client.responses.create(model="m", stream=True).function_calls()
    assert [(c.call_id, c.name, c.arguments) for c in calls] == [
        ("call_0", "get_weather", {"city": "Paris"}), ("call_1", "noop", {}),
    ]  # fmt: skip
    with pytest.raises(FunctionArgumentsError, match="'book' \\(call_0\\)"):
        client.responses.create(model="m", stream=True).function_calls()


# --- automatic resume -----------------------------------------------------------------------


@pytest.mark.parametrize("position", range(1, len(STORY)))
def test_a_background_stream_resumes_after_a_drop_at_any_event(
    position: int, client: Client, server: MockServer, waits: list[float]
) -> None:
    server.store(ID, STORY)
    server.add(Reply(events=STORY, drop_after=position))
    with client.responses.create(model="m", background=True, stream=True) as stream:
        assert numbers(stream) == NUMBERS
    assert stream.output_text == TEXT
    resume = server.requests[1]
    assert (resume.method, resume.path) == ("GET", f"/v1/responses/{ID}")
    assert resume.query == {"stream": ["true"], "starting_after": [str(position - 1)]}
    assert_backoff(waits, 1)


@pytest.mark.parametrize("how", ["close", "cancel"])
def test_a_stream_closed_while_it_waits_to_resume_asks_nothing_more(
    how: str, client: Client, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed (from another thread or task) during the wait before a resume: the resume
    request was once sent anyway, and its connection kept, a socket and a pool place
    lost for good (and the stream read it on for ever)."""
    server.store(ID, STORY)
    server.add(Reply(events=STORY, drop_after=3))
    streams: list[Any] = []

    def close_instead(seconds: float) -> None:
        stream = streams[0]
        stream = getattr(stream, "stream", stream)  # an AsyncTwin's stream: its AsyncStream
        stream._close() if how == "close" else stream._to_cancel()

    async def close_instead_async(seconds: float) -> None:
        close_instead(seconds)

    monkeypatch.setattr(Client, "_sleep", staticmethod(close_instead))
    monkeypatch.setattr(AsyncClient, "_sleep", staticmethod(close_instead_async))
    stream = client.responses.create(model="m", background=True, stream=True)
    streams.append(stream)
    assert numbers(stream) == NUMBERS[:3]  # then it ends quietly, closed
    assert stream.failure is None
    assert len(server.requests) == 1
    assert client._connections.open == 0


@pytest.mark.parametrize("position", [1, len(STORY) // 2, len(STORY) - 2])
@pytest.mark.parametrize("fault", ["cut", "stall"])
def test_a_background_stream_resumes_after_a_cut_or_a_stall(
    make_client: MakeClient, fault: str, position: int, server: MockServer, waits: list[float]
) -> None:
    server.store(ID, STORY)
    options = {"cut_after": position} if fault == "cut" else {"stall_after": position, "stall": 30}
    server.add(Reply(events=STORY, **options))  # type: ignore[arg-type]
    with make_client(base_url=server.base_url, timeout=NO_READ_TIMEOUT) as client:
        stream = client.responses.create(model="m", background=True, stream=True)
        if fault == "stall":
            time_out_at_the_stall(stream, server)
        seen = numbers(stream)
    assert seen == NUMBERS
    assert [r.query.get("starting_after") for r in server.requests[1:]] == [[str(position - 1)]]


def test_retrieve_with_starting_after_resumes_too(client: Client, server: MockServer) -> None:
    server.store(ID, STORY)
    server.add(Reply(events=STORY[3:], drop_after=2), Reply(events=STORY[3:], drop_after=0))
    with client.responses.retrieve(ID, stream=True, starting_after=2) as stream:
        assert numbers(stream) == NUMBERS[3:]
    starts = [r.query["starting_after"] for r in server.requests]
    assert starts == [["2"], ["4"], ["4"]]


def test_a_stall_after_the_terminal_event_is_only_the_end(
    make_client: MakeClient, server: MockServer
) -> None:
    server.add(Reply(events=STORY, stall_after=len(STORY), stall=30))
    with make_client(base_url=server.base_url, timeout=NO_READ_TIMEOUT) as client:
        stream = client.responses.create(model="m", stream=True)
        time_out_at_the_stall(stream, server)
        assert numbers(stream) == NUMBERS
    assert stream.failure is None


def test_a_replay_from_the_start_is_deduplicated(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY, drop_after=6), Reply(events=STORY))  # ignores starting_after
    with client.responses.create(model="m", background=True, stream=True) as stream:
        assert numbers(stream) == NUMBERS


@pytest.mark.parametrize("position", range(len(STORY)))
def test_a_stream_that_cannot_resume_raises_with_the_partial_response(
    position: int, client: Client, server: MockServer
) -> None:
    server.add(Reply(events=STORY, drop_after=position))
    seen: list[int] = []
    with pytest.raises(StreamInterruptedError) as caught:
        numbers(client.responses.create(model="m", stream=True), seen)
    assert seen == NUMBERS[:position]
    error = caught.value
    assert error.last_sequence_number == (position - 1 if position else None)
    deltas = [e["delta"] for e in STORY[:position] if e["type"] == "response.output_text.delta"]
    assert error.response.output_text == "".join(deltas)
    assert len(server.requests) == 1


def test_resuming_gives_up_after_max_resumes(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    server.store(ID, STORY)
    server.add(*[Reply(events=STORY, drop_after=3)] * 3)
    with make_client(base_url=server.base_url, max_resumes=2, timeout=LOOPBACK) as client:
        seen: list[int] = []
        with pytest.raises(StreamInterruptedError, match="after 2 resume attempts") as caught:
            numbers(client.responses.create(model="m", background=True, stream=True), seen)
    assert seen == NUMBERS[:3]
    assert caught.value.last_sequence_number == 2
    assert len(server.requests) == 3
    assert_backoff(waits, 2)


def test_a_resume_the_server_refuses(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY, drop_after=4))  # nothing stored: every resume is a 404
    with pytest.raises(StreamInterruptedError) as caught:
        client.responses.create(model="m", background=True, stream=True).until_done()
    assert caught.value.response.id == ID
    assert [r.method for r in server.requests] == ["POST", "GET", "GET", "GET"]


def test_a_stall_that_cannot_resume_is_a_timeout(
    make_client: MakeClient, server: MockServer
) -> None:
    server.add(Reply(events=STORY, stall_after=4, stall=30))
    with (
        make_client(base_url=server.base_url, timeout=NO_READ_TIMEOUT) as client,
        pytest.raises(StreamTimeoutError) as caught,
    ):
        stream = client.responses.create(model="m", stream=True)
        time_out_at_the_stall(stream, server)
        stream.until_done()
    assert isinstance(caught.value, APITimeoutError)
    assert caught.value.last_sequence_number == 3


# --- cancel ---------------------------------------------------------------------------------


def test_cancel_a_background_stream(client: Client, server: MockServer) -> None:
    server.store(ID, STORY)
    server.add(Reply(events=STORY, delay=0.05))
    stream = client.responses.create(model="m", background=True, stream=True)
    next(stream)
    cancelled = stream.cancel()
    assert cancelled is not None and cancelled.status == "cancelled"
    assert list(stream) == []
    assert (server.requests[-1].method, server.requests[-1].path) == (
        "POST", f"/v1/responses/{ID}/cancel",
    )  # fmt: skip


def test_cancel_a_foreground_stream_only_closes_it(client: Client, server: MockServer) -> None:
    server.add(Reply(events=STORY, delay=0.05))
    stream = client.responses.create(model="m", stream=True)
    next(stream)
    assert stream.cancel() is None
    assert len(server.requests) == 1


def test_the_request_body_of_a_background_stream(client: Client, server: MockServer) -> None:
    client.responses.create(model="m", input="x", background=True, stream=True).until_done()
    assert json.loads(json.dumps(server.requests[0].body)) == {
        "model": "m", "input": "x", "background": True, "stream": True,
    }  # fmt: skip


def short_story() -> list[dict[str, Any]]:
    """A complete 11-event stream: STORY with only its first three deltas."""
    head, deltas = STORY[:4], [e for e in STORY if e["type"] == "response.output_text.delta"][:3]
    text = "".join(e["delta"] for e in deltas)
    done = STORY[-4:]
    part = {**done[1]["part"], "text": text}
    item = {**done[2]["item"], "content": [part]}
    response = {**done[3]["response"], "output": [item]}
    tail = [{**done[0], "text": text}, {**done[1], "part": part}, {**done[2], "item": item},
            {**done[3], "response": response}]  # fmt: skip
    return [{**e, "sequence_number": n} for n, e in enumerate([*head, *deltas, *tail])]


SHORT = short_story()
FAULTS = [("drop", {"drop_after": n}) for n in range(len(SHORT))] + [
    ("stall", {"stall_after": n, "stall": 30}) for n in range(len(SHORT))
]


@pytest.mark.parametrize(
    ("fault", "options"),
    FAULTS,
    ids=[f"{f}@{o.get('drop_after', o.get('stall_after'))}" for f, o in FAULTS],
)
@pytest.mark.parametrize("background", [True, False], ids=["resumable", "not resumable"])
def test_every_fault_at_every_position_loses_and_repeats_nothing(
    make_client: MakeClient,
    fault: str,
    options: dict[str, Any],
    background: bool,
    server: MockServer,
    waits: list[float],
) -> None:
    position = options.get("drop_after", options.get("stall_after"))
    server.store(ID, SHORT)
    server.add(Reply(events=SHORT, **options))
    seen: list[int] = []
    with make_client(base_url=server.base_url, timeout=NO_READ_TIMEOUT) as client:
        stream = client.responses.create(model="m", background=background, stream=True)
        if fault == "stall":
            time_out_at_the_stall(stream, server)
        stream.raise_on_failure = False
        numbers(stream, seen)
    everything = [e["sequence_number"] for e in SHORT]
    if background and position > 0:  # resumable once the response id is known
        assert seen == everything and stream.failure is None
        assert stream.response.to_dict()["output"] == SHORT[-1]["response"]["output"]
    else:
        assert seen == everything[:position]
        expected = StreamTimeoutError if fault == "stall" else StreamInterruptedError
        assert type(stream.failure) is expected
        assert isinstance(stream.failure, StreamInterruptedError)
        deltas = [e["delta"] for e in SHORT[:position] if e["type"] == "response.output_text.delta"]
        assert stream.failure.response.output_text == "".join(deltas)


def test_a_closed_stream_stops_without_raising(client: Client, server: MockServer) -> None:
    good = b"".join(f"data: {json.dumps(event)}\n\n".encode() for event in STORY[:3])
    server.add(Reply(events=good + b"data: {broken\n\n", chunk_size=65536))  # one read
    stream = client.responses.create(model="m", stream=True)
    first = next(stream)
    stream.close()
    assert first.sequence_number == 0
    assert list(stream) == []


def test_an_interrupted_read_closes_the_stream(server: MockServer) -> None:
    """``KeyboardInterrupt`` in the middle of a read goes on up, and leaves nothing open
    (on asyncio, a cancelled task does the same: see test_async)."""
    server.add(Reply(events=STORY, stall_after=2, stall=30))
    with Client(base_url=server.base_url, timeout=LOOPBACK) as client:
        stream = client.responses.create(model="m", stream=True)
        next(stream), next(stream)
        connection = stream._connection
        assert connection is not None

        def interrupted(timeout: float | None, deadline: float | None) -> bytes:
            raise KeyboardInterrupt

        connection.read = interrupted  # type: ignore[method-assign]
        with pytest.raises(KeyboardInterrupt):
            next(stream)
        assert connection.closed and stream._connection is None
        assert client._connections.open == 0
        assert list(stream) == []


# --- odd streams a careful user expects to survive ------------------------------------------


def test_each_resume_attempt_waits_longer(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    server.add(Reply(events=STORY, drop_after=4))  # nothing stored: every resume is a 404
    with make_client(base_url=server.base_url, max_resumes=4, timeout=LOOPBACK) as client:
        stream = client.responses.create(model="m", background=True, stream=True)
        with pytest.raises(StreamInterruptedError, match="after 4 resume attempts"):
            stream.until_done()
    assert_backoff(waits, 4)


def test_a_background_stream_without_sequence_numbers_is_not_resumed(
    client: Client, server: MockServer, waits: list[float]
) -> None:
    plain = [{k: v for k, v in event.items() if k != "sequence_number"} for event in STORY]
    server.store(ID, STORY)
    server.add(Reply(events=plain, drop_after=5))
    seen: list[int] = []
    with pytest.raises(StreamInterruptedError) as caught:
        numbers(client.responses.create(model="m", background=True, stream=True), seen)
    assert len(seen) == 5  # a resume could only replay them: nothing says where it stopped
    assert caught.value.last_sequence_number is None
    assert len(server.requests) == 1 and waits == []


def test_a_resume_answered_with_another_responses_events_is_refused(
    client: Client, server: MockServer
) -> None:
    other = answer_events({"model": "m", "input": "another story"}, "resp_other")
    server.add(Reply(events=STORY, drop_after=5), Reply(events=other))
    seen: list[int] = []
    with pytest.raises(StreamInterruptedError, match="events of response resp_other") as caught:
        numbers(client.responses.create(model="m", background=True, stream=True), seen)
    assert seen == NUMBERS[:5]
    assert caught.value.response.output_text == STORY[4]["delta"]
    assert caught.value.response.id == ID
    assert len(server.requests) == 2  # refused, not retried: the server is confused


@pytest.mark.parametrize("odd_id", [42, ["resp"], ""])
def test_a_response_id_that_is_no_string_cannot_be_resumed(
    odd_id: object, client: Client, server: MockServer
) -> None:
    events = [
        {**e, "response": {**e["response"], "id": odd_id}} if "response" in e else e for e in STORY
    ]
    server.add(Reply(events=events, drop_after=5))
    with pytest.raises(StreamInterruptedError) as caught:
        client.responses.create(model="m", background=True, stream=True).until_done()
    assert caught.value.response_id is None
    assert len(server.requests) == 1


def test_the_response_size_limit_counts_every_body_across_resumes(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    def size(events: list[dict[str, Any]]) -> int:
        return sum(len(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n") for e in events)

    cut = len(STORY) // 2
    first, rest = size(STORY[:cut]), size(STORY[cut:]) + len("data: [DONE]\n\n")
    limit = max(first, rest) + 100  # each body fits; both together do not
    assert limit < first + rest
    server.store(ID, STORY)
    server.add(Reply(events=STORY, drop_after=cut))
    with make_client(base_url=server.base_url, max_response_size=limit, timeout=LOOPBACK) as client:
        stream = client.responses.create(model="m", background=True, stream=True)
        with pytest.raises(ResponseTooLargeError) as caught:
            stream.until_done()
    assert caught.value.limit == limit and caught.value.received > limit
    assert len(server.requests) == 2  # the resume was made


@pytest.mark.parametrize(
    ("frame", "code", "message"),
    [({"error": {"message": "litellm.APIError: upstream failed", "code": "500"}}, "500",
      "litellm.APIError: upstream failed"),
     ({"error": "Rate limit reached"}, None, "Rate limit reached")],
)  # fmt: skip
def test_an_error_frame_without_a_type_fails_the_response(
    frame: dict[str, Any], code: str | None, message: str, client: Client, server: MockServer
) -> None:
    """As LiteLLM's proxy reports an upstream failure mid-stream."""
    body = b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in [*STORY[:6], frame])
    server.add(Reply(events=body), Reply(events=body))
    seen: list[int] = []
    with pytest.raises(ResponseFailedError) as caught:
        numbers(client.responses.create(model="m", background=True, stream=True), seen)
    assert seen == NUMBERS[:6]
    assert (caught.value.code, caught.value.message) == (code, message)
    assert caught.value.response.output_text == "".join(e["delta"] for e in STORY[4:6])
    assert len(server.requests) == 1  # a failure, not an interruption: no resume
    with client.responses.create(model="m", stream=True) as stream:
        stream.raise_on_failure = False
        assert numbers(stream) == NUMBERS[:6]
    assert isinstance(stream.failure, ResponseFailedError)


def test_response_failed_with_an_error_that_is_a_string(client: Client, server: MockServer) -> None:
    server.add(Reply(events=with_terminal("response.failed", status="failed", error="overloaded")))
    with pytest.raises(ResponseFailedError, match="response failed: overloaded") as caught:
        client.responses.create(model="m", stream=True).until_done()
    assert (caught.value.code, caught.value.message) == (None, "overloaded")


def test_text_deltas_give_text_only(client: Client, server: MockServer) -> None:
    at = {"item_id": "m", "output_index": 0, "content_index": 0}
    deltas = [42, "Smile \ud83d", "\ude00!", None, "", {"x": 1}, " Bye \ud83d"]
    events = [{"type": "response.output_text.delta", "sequence_number": n, **at, "delta": d}
              for n, d in enumerate(deltas)]  # fmt: skip
    body = b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events)  # \u escapes
    server.add(Reply(events=body))
    with client.responses.create(model="m", stream=True) as stream:
        stream.raise_on_failure = False
        pieces = list(stream.text_deltas())
    assert pieces == ["Smile ", "😀!", " Bye ", "\ud83d"]  # the lone one kept, at the end
    assert all(isinstance(piece, str) for piece in pieces)
    assert stream.output_text == "Smile 😀! Bye \ud83d"


def test_function_call_arguments_given_as_a_json_object(client: Client, server: MockServer) -> None:
    item = {"type": "function_call", "id": "fc", "call_id": "c1", "name": "get_weather",
            "arguments": {"city": "Paris"}}  # fmt: skip
    done = {"type": "response.completed", "sequence_number": 2, "response": {"id": ID}}
    server.add(Reply(events=[
        {"type": "response.output_item.added", "sequence_number": 0, "output_index": 0,
         "item": {**item, "arguments": {}}},
        {"type": "response.output_item.done", "sequence_number": 1, "output_index": 0,
         "item": item}, done,
    ]))  # fmt: skip
    [call] = client.responses.create(model="m", stream=True).function_calls()
    assert (call.name, call.arguments) == ("get_weather", {"city": "Paris"})


def test_the_response_id_is_the_first_snapshots(client: Client, server: MockServer) -> None:
    renamed = [
        {**e, "response": {**e["response"], "id": "resp_renamed"}} if "response" in e else e
        for e in STORY[1:]
    ]
    server.add(Reply(events=[STORY[0], *renamed]))
    with client.responses.create(model="m", stream=True) as stream:
        numbers(stream)
    assert stream.response_id == ID
