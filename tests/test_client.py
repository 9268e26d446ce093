# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The HTTP client against the loopback mock server: calls, streams, timeouts,
retries, errors, proxies, TLS and secrets."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import socket
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    KEY,
    LOOPBACK,
    NO_READ_TIMEOUT,
    MakeClient,
    assert_backoff,
    capture_payloads,
    time_out_at_the_stall,
)
from loopback import ForwardProxy, LoopbackCA

import openresponses_min
from openresponses_min import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    Client,
    ConflictError,
    EventParseError,
    InternalServerError,
    NotFoundError,
    OpenResponsesError,
    PermissionDeniedError,
    RateLimitError,
    Response,
    ResponseFailedError,
    Stream,
    StreamInterruptedError,
    Timeout,
    UnprocessableEntityError,
)
from openresponses_min._core import config as config_module
from openresponses_min.events import ResponseCompletedEvent, ResponseOutputTextDeltaEvent
from openresponses_min.mock import MockServer, Reply
from openresponses_min.response import Compaction, InputTokens


def text_of(stream: Stream) -> str:
    return "".join(e.delta for e in stream if isinstance(e, ResponseOutputTextDeltaEvent))


EVENTS: list[dict[str, Any]] = [
    {"type": "response.created", "sequence_number": 0,
     "response": {"id": "resp_1", "status": "in_progress", "output": []}},
    *({"type": "response.output_text.delta", "sequence_number": n, "item_id": "m",
       "output_index": 0, "content_index": 0, "delta": f"w{n} "} for n in range(1, 9)),
    {"type": "response.completed", "sequence_number": 9,
     "response": {"id": "resp_1", "status": "completed", "output": []}},
]  # fmt: skip


# --- construction ---------------------------------------------------------------------------


def test_client_reads_key_and_base_url_from_the_environment(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, server: MockServer
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    assert make_client().base_url == "https://api.openai.com/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url + "/")
    with make_client() as client:
        assert client.base_url == server.base_url
        client.responses.create(model="m", input="hi")
    assert server.requests[0].headers["Authorization"] == f"Bearer {KEY}"
    with make_client(api_key="other", base_url=server.base_url) as client:
        client.responses.create(model="m", input="hi")
    assert server.requests[1].headers["Authorization"] == "Bearer other"


def test_no_key_sends_no_authorization(make_client: MakeClient, server: MockServer) -> None:
    with make_client(base_url=server.base_url) as client:
        client.responses.create(model="m", input="hi")
    assert "Authorization" not in server.requests[0].headers


def test_timeout_takes_seconds_or_a_timeout(make_client: MakeClient) -> None:
    assert make_client(KEY, timeout=3).timeout == Timeout(3.0)
    chosen = Timeout(connect=1, read=None)
    assert make_client(KEY, timeout=chosen).timeout is chosen
    assert make_client(KEY).timeout == Timeout(600.0, connect=5.0)


def test_timeout_has_httpx_signature_with_the_sdk_defaults() -> None:
    timeout = Timeout(60.0, read=5.0, write=10.0, connect=2.0)
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (2.0, 5.0, 10.0, 60.0)
    assert timeout.total is None
    default = Timeout()
    assert (default.connect, default.read, default.write, default.pool) == (
        5.0,
        600.0,
        600.0,
        600.0,
    )
    assert Timeout(None, connect=3) == Timeout(connect=3, read=None, write=None, pool=None)
    assert Timeout(7, total=9).total == 9
    with pytest.raises(TypeError):
        Timeout(5, 5)  # type: ignore[misc]  # the bounds after the first are named


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/v1", "file:///etc/passwd", "example.com/v1", "https://",
     "https://user:pw@example.com/v1", "https://example.com/v1?x=1", "http://[::1/v1"],
)  # fmt: skip
def test_only_plain_http_and_https_base_urls(make_client: MakeClient, url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        make_client(base_url=url)


def test_max_retries_must_be_a_non_negative_int(make_client: MakeClient) -> None:
    with pytest.raises(ValueError):
        make_client(KEY, max_retries=-1)


def test_surrounding_whitespace_in_the_base_url_is_ignored(
    make_client: MakeClient, server: MockServer
) -> None:
    with make_client(base_url=f"  {server.base_url}/ \n", max_retries=0) as client:
        assert client.base_url == server.base_url
        assert client.responses.create(model="m", input="x").status == "completed"
    assert server.requests[0].path == "/v1/responses"


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/v 1", "http://127.0.0.1:1/v1\t/x",
                                 "http://127.0.0.1:1/\x00v1"])  # fmt: skip
def test_whitespace_or_controls_inside_the_base_url_are_refused(
    make_client: MakeClient, url: str
) -> None:
    with pytest.raises(ValueError, match="whitespace or control"):
        make_client(base_url=url)


@pytest.mark.parametrize(
    "timeout",
    [0, -1, 0.0, float("nan"), float("inf"), 1e300, True, "5", [1]],
)  # fmt: skip
def test_a_timeout_that_cannot_work_is_refused_at_once(
    make_client: MakeClient, timeout: Any, server: MockServer
) -> None:
    with pytest.raises(ValueError, match="timeout"):
        make_client(KEY, base_url=server.base_url, timeout=timeout)
    with make_client(KEY, base_url=server.base_url) as client, pytest.raises(ValueError):
        client.responses.create(model="m", timeout=timeout)
    for name in ("connect", "read", "write", "pool", "total"):
        with pytest.raises(ValueError, match=f"the {name} timeout"):
            Timeout(**{name: timeout})
    assert server.requests == []


def test_timeout_values_that_work(make_client: MakeClient, server: MockServer) -> None:
    for timeout in (1, 2.5, None, Timeout(connect=None, read=None), Timeout(1e8, read=1e-3)):
        make_client(KEY, base_url=server.base_url, timeout=timeout)
    with pytest.raises(ValueError):
        Timeout(connect=1e8 + 1)


@pytest.mark.parametrize(
    "base_url", [None, "https://api.openai.com/v1", " https://api.openai.com/v1/"]
)
def test_openai_without_a_key_fails_when_the_client_is_made(
    make_client: MakeClient, base_url: str | None
) -> None:
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        make_client(base_url=base_url)
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        make_client(api_key="", base_url=base_url)


@pytest.mark.parametrize(
    "arguments",
    [{"api_key": 123}, {"base_url": b"http://127.0.0.1:1/v1"}, {"default_headers": {"X-N": 1}},
     {"default_headers": {1: "v"}}],
)  # fmt: skip
def test_arguments_of_the_wrong_type_are_refused_with_type_error(
    make_client: MakeClient, arguments: Any
) -> None:
    with pytest.raises(TypeError):
        make_client(**{"api_key": KEY, "base_url": "http://127.0.0.1:1/v1", **arguments})


def test_a_server_of_your_own_needs_no_key(make_client: MakeClient, server: MockServer) -> None:
    for url in (server.base_url, "http://localhost:11434/v1", "https://example.com/v1"):
        make_client(base_url=url)


def test_plain_http_to_another_host_warns_once(
    make_client: MakeClient,
) -> None:  # no key: not OpenAI
    config_module._warned_hosts.discard("example.com")
    with pytest.warns(UserWarning, match="unencrypted"):
        make_client(base_url="http://example.com/v1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        make_client(base_url="http://example.com/v1")
        make_client(base_url="http://localhost:1234/v1")
        make_client(base_url="http://127.0.0.1:1234/v1")


# --- calls ----------------------------------------------------------------------------------


def test_create_plain_returns_a_typed_response(client: Client, server: MockServer) -> None:
    response = client.responses.create(model="gpt-x", input="Hello", temperature=0.2)
    assert isinstance(response, Response)
    assert response.status == "completed"
    assert "Hello" in response.output[0].to_dict()["content"][0]["text"]
    [request] = server.requests
    assert (request.method, request.path) == ("POST", "/v1/responses")
    assert request.body == {"model": "gpt-x", "input": "Hello", "temperature": 0.2}
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept"] == "application/json"


def test_create_stream_yields_typed_events(client: Client, server: MockServer) -> None:
    with client.responses.create(model="gpt-x", input="Hello", stream=True) as stream:
        assert (stream.status_code, stream.request_id) == (200, "req_mock")
        assert stream.headers["content-type"] == "text/event-stream"
        events = list(stream)
    assert isinstance(events[-1], ResponseCompletedEvent)
    assert "Hello" in "".join(getattr(e, "delta", "") for e in events)
    assert stream.response_id == events[0].to_dict()["response"]["id"]
    assert stream.last_sequence_number == events[-1].sequence_number == len(events) - 1
    request = server.requests[0]
    assert request.body["stream"] is True
    assert request.headers["Accept"] == "text/event-stream"


def test_request_headers(client: Client, server: MockServer) -> None:
    client.responses.create(model="m", input="x")
    headers = server.requests[0].headers
    assert headers["Authorization"] == f"Bearer {KEY}"
    agent = headers["User-Agent"]
    assert f"openresponses_min/{openresponses_min.__version__}" in agent
    assert "Python/{}.{}.{}".format(*sys.version_info[:3]) in agent


def test_unknown_params_and_extras_pass_through(client: Client, server: MockServer) -> None:
    client.responses.create(
        model="m",
        input="x",
        brand_new_param={"a": 1},
        extra_headers={"X-Trace": "t1", "User-Agent": "mine/1"},
        extra_query={"api-version": "2026-01-01"},
        extra_body={"store": False},
    )
    request = server.requests[0]
    assert request.body == {"model": "m", "input": "x", "brand_new_param": {"a": 1}, "store": False}
    assert request.query == {"api-version": ["2026-01-01"]}
    assert request.headers["X-Trace"] == "t1"
    assert request.headers["User-Agent"] == "mine/1"


def test_default_headers(make_client: MakeClient, server: MockServer) -> None:
    with make_client(base_url=server.base_url, default_headers={"OpenAI-Project": "p1"}) as client:
        client.responses.create(model="m", input="x", extra_headers={"X-Other": "o"})
    assert server.requests[0].headers["OpenAI-Project"] == "p1"


def test_header_values_with_cr_or_lf_are_refused(client: Client, server: MockServer) -> None:
    with pytest.raises(ValueError, match="CR, LF"):
        client.responses.create(model="m", extra_headers={"X-A": "a\r\nX-Injected: 1"})
    assert server.requests == []


def test_retrieve_cancel_delete(client: Client, server: MockServer) -> None:
    server.background_time = 3600  # still running when cancelled
    created = client.responses.create(model="m", input="x", background=True)
    assert client.responses.retrieve(created.id).id == created.id
    with client.responses.retrieve(created.id, stream=True, starting_after=3) as stream:
        numbers = [event.sequence_number for event in stream]
    assert numbers[0] == 4
    assert client.responses.cancel(created.id).status == "cancelled"
    assert client.responses.delete(created.id) is None
    with pytest.raises(NotFoundError):
        client.responses.retrieve(created.id)
    paths = [(r.method, r.path, r.query) for r in server.requests[1:4]]
    assert paths == [
        ("GET", f"/v1/responses/{created.id}", {}),
        ("GET", f"/v1/responses/{created.id}", {"stream": ["true"], "starting_after": ["3"]}),
        ("POST", f"/v1/responses/{created.id}/cancel", {}),
    ]


def test_ids_cannot_escape_their_path_segment(client: Client, server: MockServer) -> None:
    with pytest.raises(NotFoundError):
        client.responses.retrieve("../models?x=1")
    assert server.requests[0].path == "/v1/responses/..%2Fmodels%3Fx%3D1"


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_ids_that_servers_resolve_to_another_path_are_refused(
    bad: str, client: Client, server: MockServer
) -> None:
    calls = [client.responses.retrieve, client.responses.cancel, client.responses.delete,
             lambda i: client.responses.retrieve(i, stream=True)]  # fmt: skip
    for call in calls:
        with pytest.raises(ValueError, match=r"must not be empty, '\.' or '\.\.'"):
            call(bad)
    with pytest.raises(TypeError, match="must be a string"):
        client.responses.retrieve(42)  # type: ignore[arg-type]
    assert server.requests == []


def test_every_call_takes_the_extras(client: Client, server: MockServer) -> None:
    server.background_time = 3600  # still running when cancelled
    created = client.responses.create(model="m", input="x", background=True)
    extras: dict[str, Any] = {
        "extra_headers": {"X-Trace": "t"},
        "extra_query": {"api-version": "2026-01-01"},
        "extra_body": {"note": "n"},
        "timeout": Timeout(connect=3, read=4),
    }
    client.responses.retrieve(created.id, **extras)
    with client.responses.retrieve(created.id, stream=True, **extras) as stream:
        stream.until_done()
    client.responses.cancel(created.id, **extras)
    client.responses.delete(created.id, **extras)
    for request in server.requests[1:]:
        assert request.headers["X-Trace"] == "t", request.method
        assert request.query["api-version"] == ["2026-01-01"], request.method
        assert request.body == {"note": "n"}, request.method
    assert [r.method for r in server.requests[1:]] == ["GET", "GET", "POST", "DELETE"]


def test_stream_sends_on_enter_and_closes_at_the_end_of_the_block(server: MockServer) -> None:
    with Client(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
        manager = client.responses.stream(model="m", input="hi", max_retries=0)
        assert server.requests == []
        with manager as stream:
            assert isinstance(stream, Stream)
            assert stream.get_final_response().status == "completed" and stream.output_text
        assert server.requests[0].body == {"model": "m", "input": "hi", "stream": True}
        with client.responses.stream(model="m", input="hi") as stream:
            next(stream)
        assert stream._connection is None and list(stream) == []  # left early: closed
        server.background_time = 3600
        created = client.responses.create(model="m", input="x", background=True)
        with client.responses.stream(response_id=created.id, starting_after=1) as again:
            numbers = [event.sequence_number for event in again]
        assert numbers[0] == 2 and again.response.id == created.id
        assert server.requests[-1].query["starting_after"] == ["1"]
        with pytest.raises(TypeError, match=r"takes no request parameters: \['model'\]"):
            client.responses.stream(response_id=created.id, model="m")


def test_two_calls_reuse_one_connection(client: Client, server: MockServer) -> None:
    client.responses.create(model="m", input="one")
    with client.responses.create(model="m", input="two", stream=True) as stream:
        list(stream)
    client.responses.create(model="m", input="three")
    ports = {request.client_port for request in server.requests}
    assert len(ports) == 1


def test_a_recorded_stream_replays_through_the_client(
    client: Client, server: MockServer, captures: list[Path]
) -> None:
    for path in captures:
        server.add(Reply(events=path.read_bytes(), chunk_size=997))
        with client.responses.create(model="m", input="x", stream=True) as stream:
            stream.raise_on_failure = False
            got = [event.to_dict() for event in stream]
        assert got == capture_payloads(path), path.name
        failed = path.name == "vercel-ai__openai-error-insufficient-quota.sse"
        assert isinstance(stream.failure, ResponseFailedError) is failed, path.name


# --- streams --------------------------------------------------------------------------------


def test_stream_can_be_paused_and_resumed(client: Client, server: MockServer) -> None:
    server.add(Reply(events=EVENTS))
    stream = client.responses.create(model="m", stream=True)
    first = next(stream)
    for _ in stream:
        break
    rest = list(stream)
    assert [first.sequence_number, *(e.sequence_number for e in rest)] == [0, *range(2, 10)]
    stream.close()


def test_breaking_out_closes_the_connection_at_once(client: Client, server: MockServer) -> None:
    server.add(Reply(events=EVENTS, delay=0.05))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        with client.responses.create(model="m", stream=True) as stream:
            for _ in stream:
                break
        gc.collect()
    assert stream._connection is None
    assert list(stream) == []
    client.responses.create(model="m", input="after")  # a fresh connection works
    assert server.requests[0].client_port != server.requests[1].client_port


def test_done_ends_the_stream_and_keeps_the_connection(client: Client, server: MockServer) -> None:
    server.add(Reply(events=EVENTS, done=True))
    with client.responses.create(model="m", stream=True) as stream:
        assert len(list(stream)) == len(EVENTS)
    client.responses.create(model="m", input="again")
    assert len({r.client_port for r in server.requests}) == 1


def test_drop_mid_stream_is_a_typed_error_after_the_events_before_it(
    client: Client, server: MockServer
) -> None:
    server.add(Reply(events=EVENTS, drop_after=4))
    seen = []
    with (
        pytest.raises(APIConnectionError) as caught,
        client.responses.create(model="m", stream=True) as stream,
    ):
        seen.extend(stream)
    assert [e.sequence_number for e in seen] == [0, 1, 2, 3]
    error = caught.value
    assert isinstance(error, StreamInterruptedError)
    assert not isinstance(error, APITimeoutError)
    assert (error.response_id, error.last_sequence_number) == ("resp_1", 3)
    assert "after event 3 of response resp_1" in str(error)
    assert error.response.output_text == "w1 w2 w3 "
    assert len(server.requests) == 1  # nothing is retried once events have started


def test_cut_inside_an_event_is_a_typed_error(client: Client, server: MockServer) -> None:
    server.add(Reply(events=EVENTS, cut_after=2))
    with (
        pytest.raises(StreamInterruptedError, match="after event 1 of"),
        client.responses.create(model="m", stream=True) as stream,
    ):
        list(stream)


def test_stall_raises_a_timeout_after_the_read_timeout(
    make_client: MakeClient, server: MockServer
) -> None:
    server.add(Reply(events=EVENTS, stall_after=3, stall=30))
    with make_client(base_url=server.base_url, timeout=NO_READ_TIMEOUT) as client:
        seen = []
        with (
            pytest.raises(APITimeoutError) as caught,
            client.responses.create(model="m", stream=True) as stream,
        ):
            time_out_at_the_stall(stream, server)
            seen.extend(stream)
    assert len(seen) == 3
    assert caught.value.last_sequence_number == 2


def test_garbage_inside_a_stream_raises_after_the_good_events(
    client: Client, server: MockServer
) -> None:
    body = (
        b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in EVENTS[:3])
        + b"data: {not json\n\n"
        + f"data: {json.dumps(EVENTS[3])}\n\n".encode()
    )
    server.add(Reply(events=body))
    seen = []
    with (
        pytest.raises(EventParseError, match="not JSON"),
        client.responses.create(model="m", stream=True) as stream,
    ):
        seen.extend(stream)
    assert len(seen) == 3


def test_a_success_that_is_not_an_event_stream_is_an_error(
    client: Client, server: MockServer
) -> None:
    server.add(Reply(body={"id": "resp_1", "object": "response"}))
    with pytest.raises(APIResponseError, match="application/json, not an event stream") as caught:
        client.responses.create(model="m", stream=True)
    assert caught.value.body == {"id": "resp_1", "object": "response"}
    html = b"<html><body>Welcome to the captive portal</body></html>"
    server.add(Reply(body=html, headers={"Content-Type": "text/html"}))
    with pytest.raises(APIResponseError, match="text/html") as caught:
        client.responses.create(model="m")
    assert caught.value.body == html.decode()


# --- timeouts and connection failures --------------------------------------------------------


def test_connect_timeout_covers_a_tls_handshake_that_never_comes(
    make_client: MakeClient, waits: list[float]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never speaks TLS
        port = silent.getsockname()[1]
        client = make_client(base_url=f"https://127.0.0.1:{port}/v1", max_retries=1,
                        timeout=Timeout(connect=0.3, read=5))  # fmt: skip
        with pytest.raises(APITimeoutError, match="within the connect timeout"):
            client.responses.create(model="m")
    assert_backoff(waits, 1)  # retried once


def test_refused_connection_is_retried_then_raised(
    make_client: MakeClient, waits: list[float]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    client = make_client(base_url=f"http://127.0.0.1:{port}/v1", max_retries=2)
    with pytest.raises(APIConnectionError, match="connection refused") as caught:
        client.responses.create(model="m")
    assert not isinstance(caught.value, APITimeoutError)
    assert_backoff(waits, 2)


def test_unresolvable_host(
    make_client: MakeClient, waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline: the resolver is replaced by one that knows no host, as a DNS failure looks."""
    asked: list[object] = []

    def no_such_host(host: object, *args: object, **kwargs: object) -> list[Any]:
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    client = make_client(base_url="https://no-such-host.invalid/v1", max_retries=0)
    with pytest.raises(APIConnectionError, match="cannot resolve host") as caught:
        client.responses.create(model="m")
    assert asked == ["no-such-host.invalid"]
    assert not isinstance(caught.value, APITimeoutError)


def test_a_connection_closed_at_once_is_a_connection_error_and_retried(
    client: Client, server: MockServer, waits: list[float]
) -> None:
    server.add(*[Reply(raw=b"")] * 3)
    with pytest.raises(APIConnectionError, match="closed without an answer"):
        client.responses.create(model="m")
    assert len(server.requests) == 3
    assert_backoff(waits, 2)


def test_garbage_is_a_connection_error_retried_only_for_an_idempotent_call(
    client: Client, server: MockServer, waits: list[float]
) -> None:
    """A create answered with garbage reached a server that may be generating: it is not
    sent again. A retrieve may be asked again."""
    server.add(*[Reply(raw=b"HELLO WORLD\r\n\r\n")] * 4)
    with pytest.raises(APIConnectionError, match="bad status line"):
        client.responses.create(model="m")
    assert len(server.requests) == 1 and waits == []
    with pytest.raises(APIConnectionError, match="bad status line"):
        client.responses.retrieve("resp_1")
    assert len(server.requests) == 4
    assert_backoff(waits, 2)


def test_headers_cut_short_are_an_error_not_an_empty_success(
    client: Client, server: MockServer, waits: list[float]
) -> None:
    server.add(*[Reply(raw=b"HTTP/1.1 200 OK\r\nContent-Ty")] * 3,
               *[Reply(raw=b"HTTP/1.1 200 OK\r\nConte")] * 3)  # fmt: skip
    with pytest.raises(APIConnectionError, match="before the response's headers ended"):
        client.responses.create(model="m")
    with pytest.raises(APIConnectionError, match="before the response's headers ended"):
        client.responses.create(model="m", stream=True)
    assert len(server.requests) == 6  # each retried, as any failure before a success


# --- retries --------------------------------------------------------------------------------


def test_server_errors_are_retried_with_backoff(
    client: Client, server: MockServer, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    server.add(Reply(status=500, body={"error": {"message": "boom"}}), Reply(status=503, body=b""))
    with caplog.at_level(logging.INFO, logger="openresponses_min"):
        assert client.responses.create(model="m", input="x").status == "completed"
    assert len(server.requests) == 3
    assert 0.375 <= waits[0] <= 0.5 and 0.75 <= waits[1] <= 1.0
    retries = [
        r for r in caplog.records if r.name == "openresponses_min" and r.levelno == logging.INFO
    ]
    assert len(retries) == 2 and "retry 1 of 2" in retries[0].getMessage()


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"Retry-After": "2"}, 2.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({"Retry-After": "Fri, 29 Sep 2023 16:28:37 GMT"}, None),  # in the past: backoff
        ({"Retry-After": "soon"}, None),
    ],
)
def test_retry_after_is_honoured(
    headers: dict[str, str], wait: float | None, client: Client, server: MockServer,
    waits: list[float],
) -> None:  # fmt: skip
    server.add(Reply(status=429, headers=headers, body={"error": {"message": "slow down"}}))
    client.responses.create(model="m", input="x")
    if wait is None:
        assert 0.375 <= waits[0] <= 0.5
    else:
        assert waits == [wait]


def test_retry_after_beyond_the_cap_is_not_waited_for(
    client: Client, server: MockServer, waits: list[float]
) -> None:
    server.add(Reply(status=429, headers={"Retry-After": "3600"}, body={"error": {}}))
    with pytest.raises(RateLimitError):
        client.responses.create(model="m", input="x")
    assert waits == [] and len(server.requests) == 1


def test_x_should_retry_is_obeyed(client: Client, server: MockServer, waits: list[float]) -> None:
    server.add(Reply(status=503, headers={"x-should-retry": "false"}, body={"error": {}}))
    with pytest.raises(InternalServerError):
        client.responses.create(model="m")
    server.add(Reply(status=400, headers={"x-should-retry": "true"}, body={"error": {}}))
    client.responses.create(model="m", input="x")
    assert len(server.requests) == 3 and len(waits) == 1


def test_401_is_not_retried(client: Client, server: MockServer, waits: list[float]) -> None:
    server.add(Reply(status=401, body={"error": {"message": "Incorrect API key provided"}}))
    with pytest.raises(AuthenticationError):
        client.responses.create(model="m")
    assert len(server.requests) == 1 and waits == []


def test_a_kept_alive_connection_the_server_closed_is_not_used(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    """The server answers, then closes without saying so (no ``Connection: close``): the
    idle connection is readable at its end, so the next call is not sent on it, and
    needs no retry."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    server.add(Reply(raw=answer))
    with make_client(base_url=server.base_url, max_retries=0, timeout=LOOPBACK) as client:
        client.responses.create(model="m", input="first")
        assert server.wait_closed(1)
        assert client.responses.create(model="m", input="second").status == "completed"
    assert waits == []
    first, second = server.requests
    assert second.body["input"] == "second" and first.client_port != second.client_port


def test_bytes_after_a_response_never_answer_the_next_call(
    make_client: MakeClient, server: MockServer
) -> None:
    """A server that sends more than its answer: the connection is not reused."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
    extra = b'HTTP/1.1 200 OK\r\nContent-Length: 29\r\n\r\n{"id": "resp_not_yours_at_all"}'
    server.add(Reply(raw=answer + b'{"id": "a"}' + extra))
    with make_client(base_url=server.base_url, max_retries=0, timeout=LOOPBACK) as client:
        assert client.responses.create(model="m", input="first").id == "a"
        assert client.responses.create(model="m", input="second").id.startswith("resp_mock")


@pytest.mark.parametrize("max_retries", [0, 2])
def test_a_request_is_sent_at_most_once_per_attempt(
    make_client: MakeClient, max_retries: int, server: MockServer, waits: list[float]
) -> None:
    """A kept-alive connection that dies after the server read the request: the request
    may have been carried out (a create billed), so it is sent again only as a retry."""
    with make_client(base_url=server.base_url, max_retries=max_retries, timeout=LOOPBACK) as client:
        client.responses.create(model="m", input="first")
        server.add(*[Reply(raw=b"")] * 3)  # read the request, close without a word
        with pytest.raises(APIConnectionError, match="closed without an answer"):
            client.responses.create(model="m", input="second")
    assert [r.body["input"] for r in server.requests] == ["first"] + ["second"] * (1 + max_retries)
    assert_backoff(waits, max_retries)


def test_the_connection_is_kept_after_an_error_body(
    make_client: MakeClient, server: MockServer
) -> None:
    server.add(Reply(status=400, body={"error": {"message": "bad"}}))
    with make_client(base_url=server.base_url, max_retries=0, timeout=LOOPBACK) as client:
        with pytest.raises(BadRequestError):
            client.responses.create(model="m")
        client.responses.create(model="m", input="again")
    first, second = server.requests
    assert first.client_port == second.client_port


def test_the_read_timeout_applies_once_connected(server: MockServer) -> None:
    """The connect timeout bounds connecting only; every wait after it has ``read`` (a
    wait for the head, what is left of the one read timeout the whole head has)."""
    with Client(base_url=server.base_url, timeout=Timeout(connect=7.0, read=3.0)) as client:
        with client.responses.create(model="m", input="x", stream=True) as stream:
            next(stream)
            assert stream._connection is not None
            assert 0 < stream._connection.sock.gettimeout() <= 3.0
            stream.until_done()
        client.responses.create(model="m", input="y")
        [idle] = client._connections._pool._idle
        assert 0 < idle.sock.gettimeout() <= 3.0


def test_retries_run_out(make_client: MakeClient, server: MockServer, waits: list[float]) -> None:
    server.add(*[Reply(status=502, body=b"<html>Bad gateway</html>")] * 5)
    with (
        make_client(base_url=server.base_url, max_retries=1) as client,
        pytest.raises(InternalServerError),
    ):
        client.responses.create(model="m")
    assert len(server.requests) == 2


def test_a_response_carries_the_request_id_it_came_with(client: Client, server: MockServer) -> None:
    made = client.responses.create(model="m", input="x")
    assert made._request_id == "req_mock"
    server.add(Reply(headers={"x-request-id": "req_abc"}, body=made.to_dict()))
    assert client.responses.retrieve(made.id)._request_id == "req_abc"
    assert Response.from_dict(made.to_dict())._request_id is None  # not from an HTTP response
    assert "_request_id" not in made.to_dict() and "req_mock" not in repr(made)


def test_a_status_error_has_the_response_it_came_in(client: Client, server: MockServer) -> None:
    error = {"error": {"message": "no such model", "type": "invalid_request_error", "code": "x"}}
    server.add(Reply(status=404, headers={"x-request-id": "req_404"}, body=error))
    with pytest.raises(NotFoundError) as caught:
        client.responses.create(model="m")
    response = caught.value.response
    assert (response.status_code, response.headers["x-request-id"]) == (404, "req_404")
    assert response.json() == error and json.loads(response.text) == error
    assert repr(response) == "<ErrorResponse [404]>"
    server.add(Reply(status=502, body=b"<html>Bad gateway</html>"))
    with pytest.raises(InternalServerError) as caught:
        client.responses.create(model="m", max_retries=0)
    assert caught.value.response.text == "<html>Bad gateway</html>"
    with pytest.raises(ValueError):
        caught.value.response.json()


def test_organization_and_project_are_sent_as_the_sdk_sends_them(
    make_client: MakeClient, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make_client(base_url=server.base_url, organization="org_1", project="proj_1") as client:
        client.responses.create(model="m", input="x")
    monkeypatch.setenv("OPENAI_ORG_ID", "org_env")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_env")
    with make_client(base_url=server.base_url) as client:
        client.responses.create(model="m", input="x")
    headers = {"OpenAI-Project": "proj_mine"}
    with make_client(base_url=server.base_url, default_headers=headers) as client:
        client.responses.create(model="m", input="x")
    sent = [(r.headers.get("OpenAI-Organization"), r.headers.get("OpenAI-Project"))
            for r in server.requests]  # fmt: skip
    assert sent == [("org_1", "proj_1"), ("org_env", "proj_env"), ("org_env", "proj_mine")]


def test_input_tokens_are_counted_and_a_conversation_compacted(
    client: Client, server: MockServer
) -> None:
    counted = client.responses.input_tokens.count(model="m", input="hello there", max_retries=0)
    assert isinstance(counted, InputTokens)
    assert (counted.object, counted.input_tokens, counted._request_id) == (
        "response.input_tokens",
        2,
        "req_mock",
    )
    compacted = client.responses.compact(model="m", input="hello there")
    assert isinstance(compacted, Compaction) and compacted.object == "response.compaction"
    assert [item.type for item in compacted.output] == ["compaction"]
    assert compacted.usage is not None and compacted.usage.input_tokens == 2
    assert [(r.path, r.body) for r in server.requests] == [
        ("/v1/responses/input_tokens", {"model": "m", "input": "hello there"}),
        ("/v1/responses/compact", {"model": "m", "input": "hello there"}),
    ]


INPUTS = [{"role": "user", "content": f"message {n}"} for n in range(5)]


def input_texts(items: Any) -> list[str]:
    return [item.content[0].text for item in items]


def test_input_items_are_listed_page_after_page(server: MockServer) -> None:
    with Client(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
        made = client.responses.create(model="m", input=INPUTS)
        pager = client.responses.input_items.list(made.id, limit=2, order="asc")
        assert input_texts(pager.data) == ["message 0", "message 1"] and pager.has_more is True
        assert pager.page._request_id == "req_mock" and len(server.requests) == 2
        assert input_texts(pager) == [f"message {n}" for n in range(5)]
        assert [r.query.get("after") for r in server.requests[1:]] == [
            None, [pager.last_id], [f"{made.id.replace('resp', 'in')}_3"]
        ]  # fmt: skip
        newest = client.responses.input_items.list(made.id, include=["a.b", "c.d"])
        assert input_texts(newest)[0] == "message 4" and newest.has_more is False
        assert server.requests[-1].query["include[]"] == ["a.b", "c.d"]


def test_input_items_are_listed_page_after_page_on_asyncio(server: MockServer) -> None:
    async def main() -> tuple[list[str], list[str]]:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
            made = await client.responses.create(model="m", input=INPUTS)
            first = await client.responses.input_items.list(made.id, limit=2, order="asc")
            pager = client.responses.input_items.list(made.id, limit=2, order="asc")
            return input_texts(first.data), input_texts([item async for item in pager])

    first, every = asyncio.run(main())
    assert first == ["message 0", "message 1"] and every == [f"message {n}" for n in range(5)]


def test_betas_are_sent_as_the_sdk_sends_them(make_client: MakeClient, server: MockServer) -> None:
    with make_client(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
        beta = ["responses_multi_agent=v1", "other=v2"]
        made = client.responses.create(model="m", input="x", betas=beta)
        client.responses.retrieve(made.id, betas=beta[:1])
        client.responses.input_tokens.count(model="m", input="x", betas=beta[:1],
                                            extra_headers={"OpenAI-Beta": "mine"})  # fmt: skip
    assert "betas" not in server.requests[0].body
    assert [r.headers.get("OpenAI-Beta") for r in server.requests] == [
        "responses_multi_agent=v1,other=v2", "responses_multi_agent=v1", "mine"
    ]  # fmt: skip
    with Client(base_url=server.base_url) as sync:
        assert sync.beta is sync and sync.beta.responses is sync.responses


def test_max_retries_for_one_call_is_consumed_never_sent(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    server.add(*[Reply(status=502, body=b"<html>Bad gateway</html>")] * 5)
    with make_client(base_url=server.base_url, max_retries=4) as client:
        with pytest.raises(InternalServerError):
            client.responses.create(model="m", max_retries=0)
        assert len(server.requests) == 1 and "max_retries" not in server.requests[0].body
        with pytest.raises(InternalServerError):
            client.responses.retrieve("resp_1", max_retries=1)
        assert len(server.requests) == 3 and client.max_retries == 4
        with pytest.raises(ValueError, match="max_retries must be an int >= 0"):
            client.responses.create(model="m", max_retries=-1)


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_with_options_gives_other_defaults_sharing_the_connections(
    cls: type[Client], server: MockServer, waits: list[float]
) -> None:
    client = cls(base_url=server.base_url, max_retries=3)
    quick = client.with_options(max_retries=0, timeout=5)
    assert type(quick) is cls and quick._connections is client._connections
    assert (quick.max_retries, quick.timeout) == (0, Timeout(5))
    assert (client.max_retries, client.timeout) == (3, Timeout())
    assert quick.responses._client is quick and client.responses._client is client
    if cls is AsyncClient:
        return  # its calls through a twin: test_max_retries_for_one_call_is_consumed_never_sent
    with client:
        server.add(Reply(status=503, body=b"busy"), Reply(status=503, body=b"busy"))
        with pytest.raises(InternalServerError):
            quick.responses.create(model="m")
        assert client.responses.create(model="m", input="x").status == "completed"
    assert len(server.requests) == 3  # one try; then a retry, and one that succeeded


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (401, AuthenticationError), (403, PermissionDeniedError),
     (404, NotFoundError), (409, ConflictError), (422, UnprocessableEntityError),
     (429, RateLimitError), (500, InternalServerError), (529, InternalServerError),
     (418, APIStatusError), (302, APIStatusError)],
)  # fmt: skip
def test_status_errors(
    make_client: MakeClient, status: int, cls: type[APIStatusError], server: MockServer
) -> None:
    error = {"message": "Bad model", "type": "invalid_request_error", "param": "model",
             "code": "model_not_found"}  # fmt: skip
    server.add(Reply(status=status, body={"error": error}, headers={"x-request-id": "req_42"}))
    with (
        make_client(base_url=server.base_url, max_retries=0) as client,
        pytest.raises(cls) as caught,
    ):
        client.responses.create(model="m")
    raised = caught.value
    assert type(raised) is cls
    assert isinstance(raised, APIError) and isinstance(raised, OpenResponsesError)
    assert raised.status_code == status
    assert raised.request_id == "req_42"
    assert raised.headers["x-request-id"] == "req_42"
    assert raised.body == error
    assert raised.message == "Bad model"
    assert (raised.code, raised.type, raised.param) == (
        "model_not_found",
        "invalid_request_error",
        "model",
    )
    assert str(raised).startswith(str(status)) and str(raised).endswith(": Bad model")


def test_an_html_error_page_is_kept_as_a_snippet(
    make_client: MakeClient, server: MockServer, waits: list[float]
) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head>" + b"x" * 5000 + b"</html>"
    server.add(*[Reply(status=502, body=page, headers={"Content-Type": "text/html"})] * 3)
    with (
        make_client(base_url=server.base_url) as client,
        pytest.raises(InternalServerError) as caught,
    ):
        client.responses.create(model="m", stream=True)
    assert isinstance(caught.value.body, str)
    assert caught.value.body.startswith("<html><head><title>502 Bad Gateway")
    assert len(caught.value.body) == 500
    assert caught.value.code is None
    assert caught.value.message == str(caught.value)


def test_redirects_are_not_followed(client: Client, server: MockServer) -> None:
    server.add(Reply(status=307, headers={"Location": "https://elsewhere.example/v1/responses"},
                     body=b""))  # fmt: skip
    with pytest.raises(APIStatusError) as caught:
        client.responses.create(model="m")
    assert caught.value.status_code == 307
    assert len(server.requests) == 1


# --- secrets --------------------------------------------------------------------------------


def test_the_key_appears_in_no_repr_error_or_log(
    make_client: MakeClient,
    server: MockServer,
    caplog: pytest.LogCaptureFixture,
    waits: list[float],
) -> None:
    echo = {"error": {"message": f"Incorrect API key provided: {KEY}", "code": "invalid_api_key"}}
    server.add(Reply(status=500, body=b"oops"), Reply(status=401, body=echo))
    texts: list[str] = []
    with caplog.at_level(logging.DEBUG):
        client = make_client(api_key=KEY, base_url=server.base_url)
        texts += [repr(client), str(vars(client.responses))]
        with pytest.raises(AuthenticationError) as caught:
            client.responses.create(model="m")
        error = caught.value
        texts += [str(error), repr(error), repr(error.body), repr(error.headers), repr(vars(error))]
        with client.responses.create(model="m", stream=True) as stream:
            texts += [repr(stream), *(repr(event) for event in stream)]
        client.close()
    texts += [record.getMessage() for record in caplog.records]
    texts += [str(record.args) for record in caplog.records]
    assert any(record.levelno == logging.DEBUG for record in caplog.records)
    assert "[redacted]" in str(error)
    for text in texts:
        assert KEY not in text


# --- proxies and TLS ------------------------------------------------------------------------


def test_https_with_a_custom_ssl_context(make_client: MakeClient, ca: LoopbackCA) -> None:
    with (
        MockServer(ssl_context=ca.server_context()) as server,
        make_client(base_url=server.base_url, ssl_context=ca.client_context()) as client,
    ):
        assert client.responses.create(model="m", input="x").status == "completed"


def test_certificates_are_verified_by_default(
    make_client: MakeClient, ca: LoopbackCA, waits: list[float]
) -> None:
    with (
        MockServer(ssl_context=ca.server_context()) as server,
        make_client(base_url=server.base_url) as client,
        pytest.raises(APIConnectionError, match="certificate verification failed"),
    ):
        client.responses.create(model="m")
    assert waits == []  # a certificate that fails will fail again


def test_ssl_cert_file_is_honoured(
    make_client: MakeClient, ca: LoopbackCA, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(ca.ca))
    with (
        MockServer(ssl_context=ca.server_context()) as server,
        make_client(base_url=server.base_url) as client,
    ):
        assert client.responses.create(model="m", input="x").status == "completed"


def test_https_through_a_connect_proxy(make_client: MakeClient, ca: LoopbackCA) -> None:
    with MockServer(ssl_context=ca.server_context()) as server, ForwardProxy() as proxy:
        proxy_url = proxy.url.replace("http://", "http://me:pa%20ss@")
        with make_client(
            api_key=KEY, base_url=server.base_url, ssl_context=ca.client_context(), proxy=proxy_url
        ) as client:
            with client.responses.create(model="m", input="x", stream=True) as stream:
                assert "mock server" in text_of(stream)
            client.responses.create(model="m", input="y")
    port = server.base_url.split(":")[2].split("/")[0]
    assert server.requests[0].headers["Authorization"] == f"Bearer {KEY}"  # through the tunnel
    assert KEY not in repr(proxy.seen)  # the proxy saw only CONNECT
    [seen] = proxy.seen
    assert seen.line.startswith(f"CONNECT 127.0.0.1:{port} HTTP/1.")
    assert proxy.seen[0].authorization == "Basic bWU6cGEgc3M="  # me:pa ss
    assert len(server.requests) == 2


def test_proxy_from_the_environment_and_no_proxy(
    make_client: MakeClient, ca: LoopbackCA, monkeypatch: pytest.MonkeyPatch
) -> None:
    with MockServer(ssl_context=ca.server_context()) as server, ForwardProxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        with make_client(base_url=server.base_url, ssl_context=ca.client_context()) as client:
            client.responses.create(model="m", input="x")
        assert len(proxy.seen) == 1
        monkeypatch.setenv("NO_PROXY", "example.org,127.0.0.0/8")
        with make_client(base_url=server.base_url, ssl_context=ca.client_context()) as client:
            client.responses.create(model="m", input="x")
        assert len(proxy.seen) == 1 and len(server.requests) == 2


def test_plain_http_through_a_proxy(make_client: MakeClient, server: MockServer) -> None:
    with (
        ForwardProxy() as proxy,
        make_client(base_url=server.base_url, proxy=proxy.url) as client,
        client.responses.create(model="m", input="x", stream=True) as stream,
    ):
        assert "mock server" in text_of(stream)
    assert proxy.seen[0].line == f"POST {server.base_url}/responses HTTP/1.1"


def test_a_proxy_that_refuses_connect(
    make_client: MakeClient, ca: LoopbackCA, waits: list[float]
) -> None:
    with (
        MockServer(ssl_context=ca.server_context()) as server,
        ForwardProxy(refuse=True) as proxy,
        make_client(
            base_url=server.base_url,
            ssl_context=ca.client_context(),
            proxy=proxy.url,
            max_retries=0,
        ) as client,
        pytest.raises(APIConnectionError, match="proxy refused the tunnel"),
    ):
        client.responses.create(model="m")
    assert server.requests == []


def test_typical_client_code_runs(client: Client, server: MockServer) -> None:
    """The example that CI also type-checks with ``mypy --strict``."""
    from typed_usage import final_status, stream_text

    assert "mock server" in "".join(stream_text(client, "hi"))
    assert final_status(server.base_url, "hi") == "completed"
    server.add(Reply(status=429, body={"error": {"code": "rate_limit_exceeded"}}))
    assert final_status(server.base_url, "hi") == "429 rate_limit_exceeded"


def test_one_client_serves_several_threads_at_once(client: Client, server: MockServer) -> None:
    server.add(*[Reply(events=EVENTS) for _ in range(4)])
    together = threading.Barrier(4, timeout=30)  # all four streams open at once, however slow
    results: list[list[int | None]] = []

    def stream_all() -> None:
        with client.responses.create(model="m", stream=True) as stream:
            first = next(stream)
            together.wait()
            results.append([first.sequence_number, *(event.sequence_number for event in stream)])

    threads = [threading.Thread(target=stream_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [list(range(10))] * 4
    assert len({request.client_port for request in server.requests}) == 4


def test_json_nested_deeper_than_python_recurses_is_a_typed_error(
    client: Client, server: MockServer
) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    server.add(Reply(events=b"data: " + deep + b"\n\n"), Reply(body=deep),
               Reply(status=400, body=deep))  # fmt: skip
    with pytest.raises(EventParseError, match="nested too deeply"):
        client.responses.create(model="m", stream=True).until_done()
    with pytest.raises(APIResponseError, match="not a JSON object"):
        client.responses.create(model="m")
    with pytest.raises(BadRequestError) as caught:
        client.responses.create(model="m")
    assert isinstance(caught.value.body, str) and caught.value.body.startswith("[[[")
