# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The mock server's WebSocket mode, through both of our clients and a WebSocket client no
one here wrote (the ``websockets`` package; the official SDK too, where it is installed):
made-up turns and continuations through the store (a ``store: false`` response only on its
own connection, forgotten when a continuation of it fails), the warm-up, steering, ``Reply``
scripting and faults as frames and closes, refused upgrades, and the typed error for a
continuation the server no longer has."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from openresponses_min import (
    AsyncClient,
    AuthenticationError,
    Client,
    NotFoundError,
    PreviousResponseNotFoundError,
    ResponseFailedError,
    StreamInterruptedError,
    WebSocketClosedError,
)
from openresponses_min.events import (
    ResponseSteerAcceptedEvent,
    ResponseSteerFailedEvent,
    parse_event,
)
from openresponses_min.mock import MockServer, Reply

pytest.importorskip("websockets")
from websockets.sync.client import connect as ws_connect


@pytest.fixture
def client(server: MockServer) -> Iterator[Client]:
    with Client(base_url=server.base_url, api_key="sk-test", max_retries=0) as made:
        yield made


def ws_url(server: MockServer) -> str:
    return server.base_url.replace("http", "ws", 1) + "/responses"


def events(deltas: list[str], rid: str = "resp_s") -> list[dict[str, Any]]:
    base = {"id": rid, "object": "response", "status": "in_progress", "output": []}
    found: list[dict[str, Any]] = [{"type": "response.created", "response": base}]
    found += [
        {"type": "response.output_text.delta", "item_id": "m", "output_index": 0,
         "content_index": 0, "delta": delta}
        for delta in deltas
    ]  # fmt: skip
    found.append({"type": "response.completed", "response": {**base, "status": "completed"}})
    return [{**event, "sequence_number": n} for n, event in enumerate(found)]


def turn(ws: Any, **body: Any) -> dict[str, Any]:
    """Send a ``response.create`` with ``body``; the message that ends the turn (its terminal
    event, or an ``error``)."""
    ws.send(json.dumps({"type": "response.create", "model": "m", **body}))
    while True:
        message: dict[str, Any] = json.loads(ws.recv(timeout=30))
        if message["type"] in ("response.completed", "response.failed", "error"):
            return message


def test_turns_are_made_up_answers_continued_through_the_store(
    server: MockServer, client: Client
) -> None:
    with client.responses.connect() as conn:
        first = conn.create(model="m", input="Name a colour").get_final_response()
        second = conn.create(model="m", input="Another", previous_response_id=first.id)
        answer = second.get_final_response()
    assert answer.previous_response_id == first.id
    assert "Another" in answer.output_text
    assert conn.connections == 1
    methods = [(r.method, r.body and r.body.get("type")) for r in server.requests]
    assert methods == [("GET", None), *[("WEBSOCKET", "response.create")] * 2]
    # what the conversation holds: both inputs and the first answer
    items = client.responses.retrieve(answer.id)
    assert items.status == "completed"


def test_the_answer_is_the_same_as_over_http(server: MockServer, client: Client) -> None:
    over_http = client.responses.create(model="m", input="Same question", stream=True)
    http_text = over_http.get_final_response().output_text
    with client.responses.connect() as conn:
        assert conn.create(model="m", input="Same question").get_final_response().output_text == (
            http_text
        )


def test_a_warm_up_generates_nothing_and_can_be_continued(client: Client) -> None:
    with client.responses.connect() as conn:
        warm = conn.create(model="m", input="Context first", generate=False).get_final_response()
        assert warm.status == "completed" and warm.output == []
        answer = conn.create(model="m", input="Now answer", previous_response_id=warm.id)
        assert "Now answer" in answer.get_final_response().output_text


def test_an_unknown_previous_response_is_a_typed_error_that_says_why(client: Client) -> None:
    with client.responses.connect() as conn:
        stream = conn.create(model="m", input="x", previous_response_id="resp_gone")
        with pytest.raises(PreviousResponseNotFoundError, match="store=False") as caught:
            stream.get_final_response()
        assert isinstance(caught.value, ResponseFailedError)
        assert caught.value.code == "previous_response_not_found"
        # the connection lives on
        assert conn.create(model="m", input="again").get_final_response().status == "completed"


def test_after_a_reconnect_a_continuation_of_an_unstored_response_fails_typed(
    server: MockServer, client: Client
) -> None:
    """What OpenAI does with ``store: false``: the response lived in the lost connection."""
    server.add(Reply(close_code=1001))  # the first turn, then the server goes away
    with client.responses.connect() as conn:
        first = conn.create(model="m", input="hi", store=False).get_final_response()
        server.add(Reply(body={"error": {
            "type": "invalid_request_error", "code": "previous_response_not_found",
            "message": f"Previous response with id '{first.id}' not found.",
            "param": "previous_response_id",
        }}, status=400))  # fmt: skip
        stream = conn.create(model="m", input="more", previous_response_id=first.id, store=False)
        with pytest.raises(PreviousResponseNotFoundError, match="after a reconnect"):
            stream.get_final_response()
        assert conn.connections == 2


def test_an_unstored_response_lives_only_in_the_connection_that_made_it(
    server: MockServer, client: Client
) -> None:
    with ws_connect(ws_url(server)) as first, ws_connect(ws_url(server)) as second:
        unstored = turn(first, input="Remember: copper", store=False)["response"]["id"]
        more = turn(first, input="The word?", store=False, previous_response_id=unstored)
        assert more["type"] == "response.completed"
        stored = turn(first, input="Remember: tin")["response"]["id"]
        missed = turn(second, input="The word?", store=False, previous_response_id=unstored)
        assert missed["type"] == "error" and missed["error"]["code"] == (
            "previous_response_not_found"
        )
        # the connection goes on: a new chain starts, and a stored response continues anywhere
        assert turn(second, input="Start again", store=False)["type"] == "response.completed"
        assert turn(second, input="The word?", previous_response_id=stored)["type"] == (
            "response.completed"
        )
    with pytest.raises(NotFoundError) as raised:
        client.responses.create(model="m", input="The word?", previous_response_id=unstored)
    assert raised.value.code == "previous_response_not_found"
    with pytest.raises(NotFoundError):
        client.responses.retrieve(unstored)


@pytest.mark.parametrize("failure", ["a tool output for no call", "a server error"])
def test_a_failed_continuation_evicts_the_unstored_response_it_named(
    server: MockServer, failure: str
) -> None:
    stray = {"type": "function_call_output", "call_id": "call_missing", "output": "?"}
    error = {"code": "server_error", "message": "The server had an error."}
    status = 500 if failure == "a server error" else 400
    with ws_connect(ws_url(server)) as ws:
        unstored = turn(ws, input="Remember: ember", store=False)["response"]["id"]
        stored = turn(ws, input="Remember: ash")["response"]["id"]
        for previous in (unstored, stored):
            if status == 500:
                server.add(Reply(status=500, body={"error": error}))
            failed = turn(ws, input=[stray], store=False, previous_response_id=previous)
            assert failed["type"] == "error" and failed["status"] == status
            if status == 400:
                assert failed["error"]["type"] == "invalid_request_error"
                assert "call_missing" in failed["error"]["message"]
        retry = turn(ws, input="The word?", store=False, previous_response_id=unstored)
        assert retry["type"] == "error" and retry["error"]["code"] == "previous_response_not_found"
        # a stored response is not only in the connection's memory: it still continues
        assert turn(ws, input="The word?", previous_response_id=stored)["type"] == (
            "response.completed"
        )


def test_the_async_client_converses_with_it_too(server: MockServer) -> None:
    async def main() -> tuple[str, str | None]:
        async with (
            AsyncClient(base_url=server.base_url, api_key="sk-test") as client,
            client.responses.connect() as conn,
        ):
            first = await (await conn.create(model="m", input="one")).get_final_response()
            stream = await conn.create(model="m", input="two", previous_response_id=first.id)
            answer = await stream.get_final_response()
            return answer.output_text, answer.previous_response_id

    text, previous = asyncio.run(main())
    assert "two" in text and previous == "resp_mock000001"


@pytest.mark.parametrize("chunk_size", [None, 1, 7])
def test_scripted_events_come_as_frames_however_they_are_split(
    server: MockServer, client: Client, chunk_size: int | None
) -> None:
    server.add(Reply(events=events(["Hel", "lo"]), chunk_size=chunk_size, delay=0.001))
    with client.responses.connect() as conn:
        assert conn.create(model="m", input="x").get_final_response().output_text == "Hello"


def test_a_recorded_stream_is_sent_as_its_messages(server: MockServer, client: Client) -> None:
    sse = b"".join(
        f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events(["a", "b"])
    )
    server.add(Reply(events=sse + b"data: [DONE]\n\n"))
    with client.responses.connect() as conn:
        assert conn.create(model="m", input="x").get_final_response().output_text == "ab"


def test_a_drop_mid_turn_is_an_interrupted_stream_with_the_text_so_far(
    server: MockServer, client: Client
) -> None:
    server.add(Reply(events=events(["Hel", "lo"]), drop_after=2))
    with client.responses.connect() as conn:
        stream = conn.create(model="m", input="x")
        with pytest.raises(StreamInterruptedError) as caught:
            stream.get_final_response()
        assert caught.value.response.output_text == "Hel"
        # the next turn reconnects
        assert conn.create(model="m", input="y").get_final_response().status == "completed"
        assert conn.connections == 2


@pytest.mark.parametrize("cut", ["cut_after", "close_at"])
def test_a_frame_cut_short_is_an_interrupted_stream(
    server: MockServer, client: Client, cut: str
) -> None:
    scripted = events(["Hel", "lo"])
    first_frame = 4 + len(json.dumps(scripted[0]))  # a head of 4 bytes: 126 to 65535 long
    fault = {"cut_after": 1} if cut == "cut_after" else {"close_at": first_frame + 10}
    server.add(Reply(events=scripted, **fault))
    with client.responses.connect() as conn:
        with pytest.raises(StreamInterruptedError):
            conn.create(model="m", input="x").get_final_response()
        assert conn.connections == 1  # what was heard is not asked again


def test_a_close_before_anything_was_heard_asks_again_on_a_new_connection(
    server: MockServer, client: Client
) -> None:
    server.add(Reply(events=events(["Hel", "lo"]), close_at=10))
    with client.responses.connect() as conn:
        assert conn.create(model="m", input="x").get_final_response().status == "completed"
        assert conn.connections == 2


def test_a_close_between_turns_reconnects_or_raises_as_its_code_says(
    server: MockServer, client: Client
) -> None:
    server.add(Reply(events=events(["a"]), close_code=1012), Reply(events=events(["b"])))
    server.add(Reply(events=events(["c"]), close_code=1008))
    with client.responses.connect() as conn:
        texts = [conn.create(model="m", input="x").get_final_response().output_text]
        texts.append(conn.create(model="m", input="x").get_final_response().output_text)
        texts.append(conn.create(model="m", input="x").get_final_response().output_text)
        with pytest.raises(WebSocketClosedError, match="1008"):
            conn.create(model="m", input="x")
    assert texts == ["a", "b", "c"]
    assert conn.connections == 2


def test_an_error_reply_is_an_error_event(server: MockServer, client: Client) -> None:
    server.add(
        Reply(status=429, body={"error": {"code": "rate_limit_exceeded", "message": "slow"}})
    )
    with client.responses.connect() as conn:
        with pytest.raises(ResponseFailedError, match="rate_limit_exceeded: slow"):
            conn.create(model="m", input="x").get_final_response()
        assert conn.create(model="m", input="x").get_final_response().status == "completed"


def test_raw_bytes_in_place_of_frames_are_a_protocol_error(
    server: MockServer, client: Client
) -> None:
    server.add(Reply(raw=b"\x8f\x00"))  # an unknown opcode
    with client.responses.connect() as conn, pytest.raises(StreamInterruptedError):
        conn.create(model="m", input="x").get_final_response()


def test_a_refused_upgrade_is_the_typed_http_error() -> None:
    refusal = Reply(status=401, body={"error": {"message": "bad key", "code": "invalid_api_key"}})
    with (
        MockServer(websocket=refusal) as server,
        Client(base_url=server.base_url, api_key="sk-test", max_retries=0) as client,
        pytest.raises(AuthenticationError, match="bad key"),
        client.responses.connect(),
    ):
        pass
    with (
        MockServer(websocket=False) as server,
        Client(base_url=server.base_url, api_key="sk-test", max_retries=0) as client,
        pytest.raises(NotFoundError),
        client.responses.connect(),
    ):
        pass


def test_steering_ends_the_answer_and_a_successor_answers_the_steer() -> None:
    # Paced so slowly that the steer surely arrives while the first answer is written;
    # the wait ends the moment it arrives, so nothing here waits on the clock.
    with (
        MockServer(pace=60) as server,
        Client(base_url=server.base_url, api_key="k") as client,
        client.responses.connect() as conn,
    ):
        stream = conn.create(model="m", input="Write a long story")
        seen = []
        for event in stream:
            seen.append(event)
            if event.type == "response.created":
                server.pace = 0.0  # the successor, made up next, is not paced
                conn.steer(previous_response_id=event.response.id, input="Make it short")
        assert isinstance(seen[1], ResponseSteerAcceptedEvent)
        assert seen[1].steer is not None and seen[1].steer.previous_response_id == (
            stream.response.id
        )
        assert stream.response.status == "incomplete"
        with pytest.raises(RuntimeError, match="successor"):
            conn.create(model="m", input="not yet")
        successor = conn.successor().get_final_response()
        assert successor.previous_response_id == stream.response.id
        assert "Make it short" in successor.output_text
        with pytest.raises(RuntimeError, match="no successor"):
            conn.successor()
        # steering what is no longer in progress is refused, typed
        conn.steer(previous_response_id=successor.id, input="too late")
        failed = conn.recv()
        assert isinstance(failed, ResponseSteerFailedEvent)
        assert failed.error is not None and failed.error.code == "response_not_active"
        assert failed.steer is not None and failed.steer.input == "too late"


def test_messages_that_come_between_turns_are_kept_for_recv(client: Client) -> None:
    # The refusal may be read before the next create goes, or after it as the turn's first
    # message: either way it is kept for recv(), and the turn is whole.
    with client.responses.connect() as conn:
        first = conn.create(model="m", input="hi").get_final_response()
        conn.steer(previous_response_id="resp_none", input="late")
        answer = conn.create(model="m", input="more", previous_response_id=first.id)
        kinds = [event.type for event in answer]
        assert kinds[0] == "response.created" and kinds[-1] == "response.completed"
        assert not [kind for kind in kinds if kind.startswith("response.steer")]
        failed = conn.recv(timeout=30)
        assert isinstance(failed, ResponseSteerFailedEvent)
        assert failed.steer is not None and failed.steer.previous_response_id == "resp_none"


def test_a_client_no_one_here_wrote_converses_with_it(server: MockServer) -> None:
    with ws_connect(ws_url(server), additional_headers={"Authorization": "Bearer k"}) as ws:
        ws.send(json.dumps({"type": "response.create", "model": "m", "input": "hi"}))
        seen = []
        while not seen or seen[-1].type != "response.completed":
            seen.append(parse_event(json.loads(ws.recv(timeout=30))))
        rid = seen[-1].response.id  # type: ignore[attr-defined]
        ws.send(json.dumps({"type": "nonsense"}))
        assert json.loads(ws.recv(timeout=30))["error"]["code"] == "unknown_event_type"
        ws.send("not json")
        assert json.loads(ws.recv(timeout=30))["error"]["code"] == "invalid_json"
        more = {"type": "response.create", "model": "m", "input": "more"}
        ws.send(json.dumps({**more, "previous_response_id": rid}))
        last = None
        while last is None or last["type"] != "response.completed":
            last = json.loads(ws.recv(timeout=30))
        assert last["response"]["previous_response_id"] == rid
    assert server.requests[0].headers["Authorization"] == "Bearer k"


def test_the_upgrade_headers_are_read_whatever_their_case(server: MockServer) -> None:
    # HTTP header names are case-insensitive; Node's WebSocket (undici) sends them lowercase.
    port = int(server.base_url.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        raw.sendall(
            b"GET /v1/responses HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: upgrade\r\n"
            b"upgrade: websocket\r\nsec-websocket-version: 13\r\n"
            b"sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        )
        head = raw.recv(4096)
    assert head.startswith(b"HTTP/1.1 101 ")
    assert b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" in head  # RFC 6455's example accept value


def test_stopping_the_server_closes_its_websockets_going_away() -> None:
    server = MockServer()
    with ws_connect(ws_url(server)) as ws:
        server.stop()
        with pytest.raises(Exception) as caught:
            ws.recv(timeout=30)
        assert getattr(caught.value, "rcvd", None) is not None
        assert caught.value.rcvd.code == 1001  # type: ignore[attr-defined]


# The SDK's realtime extra wants websockets<16; with 17 its connect() warns of deprecation.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_official_sdk_connects_to_it(server: MockServer) -> None:
    openai = pytest.importorskip("openai")
    sdk = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)
    with sdk.responses.connect() as conn:
        conn.response.create(model="m", input="Hello")
        first = next(e for e in conn if e.type == "response.completed").response
        conn.response.create(model="m", input="More", previous_response_id=first.id)
        second = next(e for e in conn if e.type == "response.completed").response
        conn.response.create(model="m", input="x", previous_response_id="resp_gone")
        error = next(iter(conn))
    assert "Hello" in first.output_text
    assert second.previous_response_id == first.id
    assert error.type == "error" and error.error.code == "previous_response_not_found"
