# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Secrets stay secret however a server echoes them: in no exception's text or
attribute, no traceback, no log record; redaction never corrupts what it does not
hide; and keys that HTTP cannot carry are refused before any socket is opened."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import random
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import KEY, MakeClient, assert_hidden, texts_of
from loopback import ForwardProxy

from openresponses_min import (
    APIConnectionError,
    AsyncClient,
    AuthenticationError,
    Client,
    EventParseError,
    FunctionArgumentsError,
    InternalServerError,
    NotFoundError,
    OutputParseError,
    ResponseFailedError,
)
from openresponses_min._core.redact import REDACTED, Redactor
from openresponses_min.mock import MockServer, Reply

ESCAPED_KEY = "".join(f"\\u{ord(c):04x}" for c in KEY)  # the key as JSON can spell it


@pytest.fixture(autouse=True)
def no_socket_left_behind() -> Iterator[None]:
    yield
    gc.collect()  # a socket left to the garbage collector warns; warnings are errors


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG, logger="openresponses_min"):
        yield caplog


def logged(records: pytest.LogCaptureFixture) -> list[str]:
    """Every log record's message and arguments, at every level."""
    return [text for r in records.records for text in (r.getMessage(), repr(r.args), str(r.msg))]


# --- what a server sends back -----------------------------------------------------------------


def test_a_stream_failure_quoting_the_key(
    client: Client, server: MockServer, records: pytest.LogCaptureFixture
) -> None:
    error = {"type": "error", "sequence_number": 0, "code": "invalid_api_key",
             "message": f"Incorrect API key provided: {KEY}."}  # fmt: skip
    reason = {"code": "invalid_api_key", "message": f"{KEY} revoked"}
    failed = {"type": "response.failed", "sequence_number": 1,
              "response": {"id": "resp_x", "status": "failed", "instructions": f"use {KEY}",
                           "error": reason}}  # fmt: skip
    server.add(Reply(events=[error, failed]), Reply(events=[error, failed]))
    with pytest.raises(ResponseFailedError) as caught:
        client.responses.create(model="m", stream=True).until_done()
    assert caught.value.message == f"Incorrect API key provided: {REDACTED}."
    assert caught.value.response.status == "failed"  # what it does not hide is intact
    with client.responses.create(model="m", stream=True) as stream:
        stream.raise_on_failure = False
        stream.until_done()
    assert isinstance(stream.failure, ResponseFailedError)
    assert_hidden(KEY, caught.value, stream.failure, repr(stream), logged(records))


def test_an_error_body_that_spells_the_key_with_json_escapes(
    client: Client, server: MockServer, records: pytest.LogCaptureFixture, waits: list[float]
) -> None:
    body = f'{{"error": {{"message": "Bad key {ESCAPED_KEY}", "code": "bad"}}}}'.encode()
    server.add(Reply(status=500, body=body), Reply(status=500, body=body),
               Reply(status=500, body=body))  # fmt: skip
    with pytest.raises(InternalServerError) as caught:
        client.responses.create(model="m")
    error = caught.value
    assert (error.message, error.code) == (f"Bad key {REDACTED}", "bad")
    assert [r.levelname for r in records.records].count("INFO") == 2  # the retries were logged
    assert error.response.json() == {"error": {"message": f"Bad key {REDACTED}", "code": "bad"}}
    assert_hidden(KEY, error, error.response.text, logged(records))


def test_headers_kept_on_an_error_are_redacted(client: Client, server: MockServer) -> None:
    headers = {"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{KEY}"',
               "X-Echo": f"Bearer {KEY}", "x-request-id": KEY}  # fmt: skip
    server.add(Reply(status=401, headers=headers, body={"error": {"message": "no"}}))
    with pytest.raises(AuthenticationError) as caught:
        client.responses.create(model="m")
    assert caught.value.headers["x-echo"] == f"Bearer {REDACTED}"
    assert_hidden(KEY, caught.value)


def test_non_json_event_data_quoting_the_key(client: Client, server: MockServer) -> None:
    server.add(Reply(events=f"data: {{not json, {KEY}\n\n".encode()))
    with pytest.raises(EventParseError) as caught:
        client.responses.create(model="m", stream=True).until_done()
    assert REDACTED in caught.value.snippet
    assert_hidden(KEY, caught.value)


def test_a_status_line_quoting_the_key_is_cut_from_the_chained_error(
    client: Client, server: MockServer, waits: list[float]
) -> None:
    server.add(*[Reply(raw=f"HELLO {KEY}\r\n\r\n".encode())] * 3)
    with pytest.raises(APIConnectionError) as caught:
        client.responses.create(model="m")
    assert_hidden(KEY, caught.value)


def test_function_arguments_quoting_the_key(client: Client, server: MockServer) -> None:
    item = {"type": "function_call", "id": "fc", "call_id": "c", "name": "f",
            "arguments": f'{{"key": "{KEY}", '}  # fmt: skip
    server.add(Reply(events=[
        {"type": "response.output_item.done", "sequence_number": 0, "output_index": 0,
         "item": item},
        {"type": "response.completed", "sequence_number": 1, "response": {"id": "r"}},
    ]))  # fmt: skip
    with pytest.raises(FunctionArgumentsError) as caught:
        client.responses.create(model="m", stream=True).function_calls()
    assert caught.value.call.name == "f"
    assert_hidden(KEY, caught.value)


@dataclass
class Answer:
    value: int


def test_an_answer_quoting_the_key_that_does_not_parse(client: Client, server: MockServer) -> None:
    text = json.dumps({"value": KEY})
    message = {"type": "message", "id": "m", "role": "assistant", "status": "completed",
               "content": [{"type": "output_text", "text": text, "annotations": []}]}  # fmt: skip
    answer = {"id": "r", "object": "response", "status": "completed", "output": [message]}
    server.add(Reply(body=answer))
    with pytest.raises(OutputParseError) as caught:
        client.responses.parse(model="m", text_format=Answer)
    assert caught.value.path == "$.value"
    assert_hidden(KEY, caught.value)
    server.add(Reply(events=[
        {"type": "response.completed", "sequence_number": 0, "response": answer},
    ]))  # fmt: skip
    with (
        client.responses.stream(model="m", text_format=Answer) as stream,
        pytest.raises(OutputParseError) as caught,
    ):
        stream.get_final_response()
    assert_hidden(KEY, caught.value)


def test_credentials_in_default_headers_are_secrets_too(
    make_client: MakeClient, server: MockServer
) -> None:
    """Azure sends its key in ``api-key``, not ``Authorization``."""
    server.add(Reply(status=401, body={"error": {"message": f"Key {KEY} is not valid"}}))
    with (
        make_client(
            base_url=server.base_url, default_headers={"api-key": KEY}, max_retries=0
        ) as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.responses.create(model="m")
    assert server.requests[0].headers["api-key"] == KEY
    assert_hidden(KEY, caught.value)


def test_a_proxy_echoing_its_credentials(make_client: MakeClient, server: MockServer) -> None:
    refusal = b"HTTP/1.1 407 Bad credentials me:s3cr3t-pw\r\nContent-Length: 0\r\n\r\n"
    https = server.base_url.replace("http://", "https://")
    with ForwardProxy(refuse=True, refusal=refusal) as proxy:
        url = proxy.url.replace("http://", "http://me:s3cr3t-pw@")
        with (
            make_client(base_url=https, proxy=url, max_retries=0) as client,
            pytest.raises(APIConnectionError, match="proxy refused") as caught,
        ):
            client.responses.create(model="m")
    assert_hidden("s3cr3t-pw", caught.value)


# --- what the caller gives ------------------------------------------------------------------


def test_a_proxy_url_with_an_unescaped_hash_in_its_password(make_client: MakeClient) -> None:
    with pytest.raises(ValueError, match="percent-encode") as caught:
        make_client(api_key=KEY, base_url="http://127.0.0.1:1/v1", proxy="http://me:s3cr#et@p:3128")
    assert_hidden("s3cr", caught.value)


@pytest.mark.parametrize("key", ["sk-abc…", "sk-€uro", "sk-\u00a0x\u2026"])
def test_a_key_http_cannot_carry_is_refused_before_anything_is_sent(
    make_client: MakeClient, key: str, server: MockServer
) -> None:
    with pytest.raises(ValueError, match="header Authorization") as caught:
        make_client(api_key=key, base_url=server.base_url)
    assert_hidden(key, caught.value)
    with pytest.raises(ValueError, match="header api-key"):
        make_client(base_url=server.base_url, default_headers={"api-key": key})
    with make_client(base_url=server.base_url) as client, pytest.raises(ValueError) as caught:
        client.responses.create(model="m", extra_headers={"X-Key": key})
    assert_hidden(key, caught.value)
    assert server.requests == []


def test_a_key_with_a_line_break_is_refused_when_the_client_is_made(
    make_client: MakeClient,
) -> None:
    with pytest.raises(ValueError, match="header Authorization has a CR, LF") as caught:
        make_client(api_key=KEY + "\n", base_url="http://127.0.0.1:1/v1")
    assert_hidden(KEY, caught.value)


# --- nothing chained to a refusal quotes what it refused ------------------------------------
#
# Python links the exception being handled to one raised in its ``except`` block as
# ``__context__``, and ``raise ... from None`` only hides that link from tracebacks:
# debuggers, error trackers and code walking ``__context__`` still reach it. These tests
# walk every link, suppressed or not.

LOCAL = "http://127.0.0.1:1/v1"
"""Nothing listens there; every refusal below comes before any socket."""
REMOTE = "https://api.example.test/v1"
"""A host no ``NO_PROXY`` names, so the proxy variables apply."""


def every_link(error: BaseException) -> Iterator[BaseException]:
    """``error`` and every exception its ``__cause__`` and ``__context__`` reach,
    recursively, whether or not ``__suppress_context__`` hides them from a traceback."""
    seen: set[int] = set()
    waiting: list[BaseException | None] = [error]
    while waiting:
        link = waiting.pop()
        if link is None or id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        waiting += [link.__cause__, link.__context__]


def assert_in_no_link(secret: str, error: BaseException) -> None:
    """``secret`` is in no link's traceback text (with the chain it prints) or ``args``."""
    for link in every_link(error):
        for text in ("".join(traceback.format_exception(link)), repr(link.args)):
            assert secret not in text, f"{type(link).__name__}: {text[-500:]}"


def passed(value: str, given: str, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """``value`` if ``given`` is ``"argument"``; else ``None``, ``value`` being set in the
    environment variable ``given`` names."""
    if given == "argument":
        return value
    monkeypatch.setenv(given, value)
    return None


def test_every_link_reaches_a_context_hidden_by_from_none() -> None:
    """The helper sees what ``raise ... from None`` hides from a traceback but keeps."""
    try:
        try:
            "sk-secret€".encode("latin-1")
        except UnicodeEncodeError:
            raise ValueError("refused") from None
    except ValueError as refused:
        with pytest.raises(AssertionError, match="UnicodeEncodeError"):
            assert_in_no_link("sk-secret", refused)


@pytest.mark.parametrize("given", ["argument", "OPENAI_API_KEY"])
@pytest.mark.parametrize("key", ["sk-secret€", "sk-secret\n"])
def test_a_refused_key_is_in_no_chained_exception(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, key: str, given: str
) -> None:
    """A pasted ``€`` (beyond Latin-1) or line break in the key."""
    with pytest.raises(ValueError, match="header Authorization") as caught:
        make_client(api_key=passed(key, given, monkeypatch), base_url=LOCAL)
    assert_in_no_link("sk-secret", caught.value)


@pytest.mark.parametrize("given", ["argument", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"])
@pytest.mark.parametrize(
    "proxy",
    [
        "http://me:s3cr#et@proxy.local:3128",  # urlsplit cuts the password at #, / or ?
        "http://me:s3cr/et@proxy.local:3128",  # and reads what came before as a port
        "http://me:s3cr?et@proxy.local:3128",
        "http://me:s3cr\uff03et@proxy.local:3128",  # a full-width #: it quotes the netloc
        "http://me:s3cret@proxy.local:31x8",
        "http://me:s3cret@proxy.local:99999",
    ],
)
def test_a_proxy_url_that_does_not_parse_is_in_no_chained_exception(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, proxy: str, given: str
) -> None:
    with pytest.raises(ValueError, match=r"proxy is not a valid URL.*percent-encode") as caught:
        make_client(api_key=KEY, base_url=REMOTE, proxy=passed(proxy, given, monkeypatch))
    assert_in_no_link("s3cr", caught.value)


@pytest.mark.parametrize("given", ["argument", "OPENAI_BASE_URL"])
def test_a_base_url_that_does_not_parse_is_in_no_chained_exception(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    url = passed("https://me:s3cr#et@api.example.test/v1", given, monkeypatch)
    with pytest.raises(ValueError, match="base_url is not a valid URL") as caught:
        make_client(api_key=KEY, base_url=url)
    assert_in_no_link("s3cr", caught.value)


BAD_CREDENTIALS = [
    {"api-key": "sk-secret€"},
    {"Authorization": "Bearer sk-secret€"},
    {"x-api-key": "sk-secret\r\n"},
    {"X-Key": "sk-secret\u2026"},
]


@pytest.mark.parametrize("headers", BAD_CREDENTIALS, ids=lambda headers: next(iter(headers)))
def test_a_refused_header_is_in_no_chained_exception(
    make_client: MakeClient, headers: dict[str, str]
) -> None:
    """Given to the client as ``default_headers``, and to a call as ``extra_headers``."""
    with pytest.raises(ValueError, match="header ") as caught:
        make_client(api_key=KEY, base_url=LOCAL, default_headers=headers)
    assert_in_no_link("sk-secret", caught.value)
    with make_client(api_key=KEY, base_url=LOCAL) as client, pytest.raises(ValueError) as caught:
        client.responses.create(model="m", extra_headers=headers)
    assert_in_no_link("sk-secret", caught.value)


@pytest.mark.parametrize("headers", BAD_CREDENTIALS, ids=lambda headers: next(iter(headers)))
def test_a_refused_websocket_header_is_in_no_chained_exception(headers: dict[str, str]) -> None:
    """``responses.connect(extra_headers=...)``, on both clients."""
    with (
        Client(api_key=KEY, base_url=LOCAL) as client,
        pytest.raises(ValueError) as caught,
        client.responses.connect(extra_headers=headers),
    ):
        pass
    assert_in_no_link("sk-secret", caught.value)

    async def refused() -> BaseException:
        async with AsyncClient(api_key=KEY, base_url=LOCAL) as client:
            with pytest.raises(ValueError) as caught:
                async with client.responses.connect(extra_headers=headers):
                    pass
            return caught.value

    assert_in_no_link("sk-secret", asyncio.run(refused()))


def test_a_redacted_error_keeps_no_context_that_quotes_a_secret() -> None:
    """``raise A from B`` while handling ``C``: ``B`` is clean, ``C`` quotes the key."""
    try:
        try:
            raise OSError(f"echo {KEY}")
        except OSError:
            raise RuntimeError("failed") from OSError("clean")
    except RuntimeError as error:
        Redactor([KEY]).error(error)
        assert_in_no_link(KEY, error)


# --- redaction never corrupts -----------------------------------------------------------------


@pytest.mark.parametrize("key", ["x", "e", "s", "do"])
def test_a_short_key_corrupts_nothing(
    make_client: MakeClient, key: str, server: MockServer
) -> None:
    error = {"message": "The model `gpt-x` does not exist", "type": "invalid_request_error",
             "code": "model_not_found", "param": "model"}  # fmt: skip
    echo = {"error": {"message": f"Incorrect key: {key}."}}
    server.add(Reply(status=404, body={"error": error}), Reply(status=401, body=echo))
    with make_client(api_key=key, base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(NotFoundError) as caught:
            client.responses.create(model="m")
        assert caught.value.body == error
        assert (caught.value.message, caught.value.code) == (error["message"], error["code"])
        with pytest.raises(AuthenticationError) as echoed:
            client.responses.create(model="m")
    assert echoed.value.message == f"Incorrect key: {REDACTED}."


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"key {KEY}.", f"key {REDACTED}."),
        (f"{KEY}", REDACTED),
        (f'"{KEY}"', f'"{REDACTED}"'),
        (f"Bearer {KEY}, again {KEY}", f"Bearer {REDACTED}, again {REDACTED}"),
        (f"x{KEY}", f"x{KEY}"),  # part of a longer token: another key, not this one
        (f"{KEY}-2", f"{KEY}-2"),
        (f"{KEY}_", f"{KEY}_"),
        (f"é{KEY}", f"é{KEY}"),
        ("nothing", "nothing"),
    ],
)
def test_redaction_is_of_whole_tokens(text: str, shown: str) -> None:
    assert Redactor([KEY]).text(text) == shown


def test_redaction_of_values_and_errors() -> None:
    redactor = Redactor([KEY, None, ""])
    value = {"a": [KEY, {"b": f"x {KEY}"}], KEY: 1, "n": 2.5, "t": True}
    assert redactor.value(value) == {"a": [REDACTED, {"b": f"x {REDACTED}"}], REDACTED: 1,
                                     "n": 2.5, "t": True}  # fmt: skip
    assert Redactor().value(value) is value
    assert KEY not in repr(redactor)


def streamed(redactor: Redactor, pieces: list[str]) -> str:
    streaming = redactor.streaming()
    return "".join(streaming.feed(piece) for piece in pieces) + streaming.flush()


def test_streamed_text_is_redacted_the_same_under_any_split() -> None:
    rng = random.Random(11)
    secrets = [KEY, "abab", "sk-x"]
    redactor = Redactor(secrets)
    alphabet = ["a", "b", "ab", "sk-", "x", " ", "-", "é", "\n", *secrets, KEY[:7]]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        cuts = sorted(rng.sample(range(len(text) + 1), rng.randint(0, min(6, len(text) + 1))))
        pieces = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        assert streamed(redactor, pieces) == redactor.text(text), (text, pieces)
    assert streamed(redactor, list(f"say {KEY}!")) == f"say {REDACTED}!"
    assert streamed(Redactor(), ["a", "b"]) == "ab"


def test_texts_of_reaches_what_a_traceback_shows() -> None:
    """The helper the tests above rely on sees a secret in a chained exception."""
    try:
        try:
            raise OSError(f"inner {KEY}")
        except OSError as inner:
            raise ValueError("outer") from inner
    except ValueError as outer:
        assert any(KEY in text for text in texts_of(outer))


def test_a_redacted_error_keeps_its_type_and_what_was_not_secret() -> None:
    error = ResponseFailedError(f"no {KEY}", code="c", response=_failed_response())
    Redactor([KEY]).error(error)
    assert (error.message, error.code) == (f"no {REDACTED}", "c")
    assert error.response.status == "failed"
    assert error.response.output_text == f"text {REDACTED}"


def _failed_response() -> Any:
    from openresponses_min import Response

    message = {"type": "message", "content": [{"type": "output_text", "text": f"text {KEY}"}]}
    return Response.from_dict({"id": "r", "status": "failed", "output": [message]})
