# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""A scriptable Open Responses server on 127.0.0.1, for tests, demos and benchmarks.

``import openresponses_min`` does not import it. ``MockServer`` answers
``POST /v1/responses`` (streamed or not; continuing a stored conversation
with ``previous_response_id``), ``POST /v1/responses/compact``, ``POST
/v1/responses/input_tokens``, ``GET /v1/responses/{id}`` (with ``stream`` and
``starting_after``), ``GET /v1/responses/{id}/input_items`` (paged), ``POST
/v1/responses/{id}/cancel`` and ``DELETE /v1/responses/{id}``, refusing a
request the API would refuse (no ``model``, JSON that is no object, an
unknown ``previous_response_id``, a tool output for no call) with its error.
Unscripted, it answers as ``_mock.answers`` decides: deterministically, for the
same request the same.
Scripted, each ``Reply`` queued with ``add()`` answers one request, in
order: the events to send (dicts, or the raw body of a recorded ``.sse``
file), how to pace and split them, and faults (an error status, a dropped
connection, a stall, an event cut in half, bytes that are no HTTP at all).
It records every request it received.

It speaks the Responses WebSocket mode too: ``GET /v1/responses`` with
``Upgrade: websocket`` opens a connection where each ``response.create``
message is answered as ``POST /v1/responses`` with ``stream`` would be (the
same made-up answers, the same queued ``Reply``, its faults as frames and
closes), one turn after another, continuing through the same store, except
that a ``store: false`` response lives in its connection's memory only and a
failed continuation evicts the one it named; ``generate: false`` warms up;
``response.steer`` steers a paced answer.
Each message is recorded as a ``RecordedRequest`` whose method is
``WEBSOCKET``.

    python -m openresponses_min.mock [--port N] [--pace SECONDS] [--dialect openai]

serves until interrupted, printing its base URL.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import queue
import selectors
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ._mock.answers import (
    answer_events,
    compacted,
    count_tokens,
    input_items,
    problem,
    stray_output,
)
from ._wire.websocket import (
    GOING_AWAY,
    Closing,
    Message,
    WebSocket,
    WebSocketProtocolError,
    accept_for,
)

__all__ = ["DIALECTS", "MockServer", "RecordedRequest", "Reply", "answer_events", "main"]

DIALECTS = ("open-responses", "openai")
"""How made-up streams end: with ``data: [DONE]`` (the specification), or without (OpenAI)."""

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Iterable
    from types import TracebackType
    from typing import Any


@dataclass
class Reply:
    """How the server answers one request.

    With ``events`` (dicts, or raw ``text/event-stream`` bytes such as a
    recorded stream) it streams them; with ``body`` (a dict is sent as JSON)
    it sends that with ``status``; with neither, it makes up an answer.
    ``raw`` bytes replace the whole HTTP response: garbage, or headers cut
    short. Stream options: ``chunk_size`` splits the bytes into pieces
    written one by one; ``delay`` seconds pass between events; after
    ``drop_after`` events the connection is closed, after ``cut_after``
    events half of the next one is sent and then it is closed, after
    ``stall_after`` events the server goes silent for ``stall`` seconds
    (it wakes when stopped); after ``close_at`` bytes of the stream (inside
    a UTF-8 character, a CRLF, some JSON: anywhere) the connection is
    closed; ``done`` ends with ``data: [DONE]``. With ``call`` (a tool's name
    and its arguments) it answers as a model calling that tool: a made-up
    answer, streamed if the request asks, kept for what follows.

    Answering a ``response.create`` over a WebSocket, each event is a text
    frame (``chunk_size`` splits the frames' bytes, ``close_at`` counts
    them); a ``body`` is one message, an error's one an ``error`` event with
    its ``status``; ``raw`` bytes are written in place of frames, and the
    connection is dropped. ``close_code`` ends the connection after the
    reply (or at ``drop_after``) with a close frame of that code rather than
    by dropping it. ``headers`` are not sent.
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | bytes | None = None
    events: list[dict[str, Any]] | bytes | None = None
    chunk_size: int | None = None
    delay: float = 0.0
    drop_after: int | None = None
    cut_after: int | None = None
    stall_after: int | None = None
    stall: float = 0.0
    close_at: int | None = None
    raw: bytes | None = None
    done: bool = False
    call: tuple[str, Any] | None = None
    close_code: int | None = None


@dataclass
class RecordedRequest:
    """A request the server received; ``body`` is the parsed JSON, if any."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str] = field(repr=False)
    body: Any = None
    client_port: int = 0
    """The client's port: requests with the same one came over the same connection."""


class MockServer:
    """The server: a context manager that listens on 127.0.0.1 (a free port by default).

    ``replies`` are queued as by ``add()``. When none is queued, ``default``
    answers if given, else a made-up answer (see ``_mock.answers``: text, a tool
    call, JSON for a schema, a reasoning summary); ``pace`` is the delay
    between the events of made-up answers, for a demo that looks like a model
    typing. Made-up streams end with ``data: [DONE]`` as Open Responses says;
    with ``dialect="openai"`` they end as OpenAI's do, without it. A made-up
    ``background=True`` response is queued, then in progress, then complete
    over ``background_time`` seconds, as ``retrieve`` shows; it can be
    cancelled until then.
    With an ``ssl_context`` (holding a certificate) it serves https.
    ``websocket`` says how it answers a WebSocket upgrade: ``True`` accepts
    it, ``False`` refuses it as a server without WebSocket mode would (404),
    a ``Reply`` answers it (a 401, say). Stopping closes open WebSockets with
    1001 (going away).
    ``stalled`` is set when a reply goes silent (``stall_after``), so that a
    test can act once everything before the stall was written; ``wait_closed``
    waits for the server to have closed connections.
    """

    def __init__(
        self,
        *,
        replies: Iterable[Reply] = (),
        default: Reply | None = None,
        pace: float = 0.0,
        background_time: float = 0.3,
        dialect: str = DIALECTS[0],
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        websocket: bool | Reply = True,
    ) -> None:
        self.pace = pace
        self.websocket = websocket
        self.default = default
        self.requests: list[RecordedRequest] = []
        self._replies: deque[Reply] = deque(replies)
        if dialect not in DIALECTS:
            raise ValueError(f"dialect must be one of {DIALECTS}, not {dialect!r}")
        self.dialect = dialect
        self.background_time = background_time
        self._stored: dict[str, _Stored] = {}
        self._sockets: set[_Socket] = set()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.stalled = threading.Event()
        self._closes = threading.Condition()
        self._closed = 0
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.mock = self
        if ssl_context is not None:
            # The handshake happens on first read, in the request's thread, so a
            # client that never finishes it cannot block the accept loop.
            self._httpd.socket = ssl_context.wrap_socket(
                self._httpd.socket, server_side=True, do_handshake_on_connect=False
            )
        self._scheme = "https" if ssl_context is not None else "http"
        self._wake, self._woken = socket.socketpair()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def ends_with_done(self) -> bool:
        """Whether made-up streams end with ``data: [DONE]`` (the dialect says)."""
        return self.dialect == "open-responses"

    @property
    def base_url(self) -> str:
        return f"{self._scheme}://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def add(self, *replies: Reply) -> None:
        """Queue replies for the next requests, in order."""
        with self._lock:
            self._replies.extend(replies)

    def store(self, response_id: str, events: list[dict[str, Any]]) -> None:
        """Keep ``events`` as the stream of ``response_id``, for retrieve, resume and cancel
        (which always works on it, as on a background response still running)."""
        with self._lock:
            self._stored[response_id] = _Stored(events, [], scripted=True)

    def stop(self) -> None:
        """Stop serving, at once; stalled replies wake up and give up."""
        self._stopping.set()
        with self._lock:
            for ws in self._sockets:
                ws.stop()
        self._wake.send(b"\0")
        self._thread.join(timeout=5)
        self._httpd.server_close()
        self._wake.close()
        self._woken.close()

    def _serve(self) -> None:
        """Accept connections until stopped; ``stop()`` wakes it through a socket pair
        instead of it polling for the flag."""
        httpd = self._httpd
        with selectors.DefaultSelector() as selector:
            selector.register(httpd.socket, selectors.EVENT_READ)
            selector.register(self._woken, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is httpd.socket and not self._stopping.is_set():
                        try:
                            request, address = httpd.get_request()
                        except OSError:
                            continue
                        httpd.process_request(request, address)

    def __enter__(self) -> MockServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def wait_closed(self, count: int, timeout: float = 10.0) -> bool:
        """Wait until the server has closed ``count`` connections in all; whether it did."""
        with self._closes:
            return self._closes.wait_for(lambda: self._closed >= count, timeout)

    def _closed_one(self) -> None:
        with self._closes:
            self._closed += 1
            self._closes.notify_all()

    def _next_reply(self) -> Reply | None:
        with self._lock:
            return self._replies.popleft() if self._replies else None

    def _new_id(self) -> str:
        return f"resp_mock{next(self._ids):06d}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 1024  # the listen backlog: a burst of clients connects at once
    mock: MockServer

    def shutdown_request(self, request: Any) -> None:
        super().shutdown_request(request)
        self.mock._closed_one()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client goes away or refuses the certificate, which tests and
        benchmarks do on purpose."""
        ssl = sys.modules.get("ssl")  # loaded when serving https
        quiet = (ConnectionError, ssl.SSLError) if ssl is not None else ConnectionError
        if not isinstance(sys.exc_info()[1], quiet):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    memory: dict[str, _Stored] | None = None
    """The ``store: false`` responses made over this connection once it is a WebSocket. The
    specification has them live in the connection's memory only: no other connection, nor
    HTTP, can continue or retrieve them. ``None`` over HTTP, where the server keeps all."""

    def setup(self) -> None:
        # Without it, the small last chunk of a body waits for the client's delayed ACK:
        # about 40 ms on every request after the first on a kept-alive connection.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and demos print what they need themselves."""

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _handle(self) -> None:
        mock = self.server.mock
        request = self._record()
        if self.headers.get("Upgrade", "").lower() == "websocket" and self.command == "GET":
            self._upgrade(request)
            return
        reply = mock._next_reply() or mock.default or self._made_up(request)
        if reply.call is not None:
            reply = self._create(request, [], reply.call)
        elif _unscripted(reply):
            reply = _answered(reply, self._made_up(request))
        self._send(reply)

    def _record(self) -> RecordedRequest:
        mock = self.server.mock
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw_body) if raw_body else None
        except (ValueError, RecursionError):
            body = raw_body
        request = RecordedRequest(
            self.command,
            parts.path,
            parse_qs(parts.query),
            dict(self.headers.items()),
            body,
            self.client_address[1],
        )
        with mock._lock:
            mock.requests.append(request)
        return request

    def _made_up(self, request: RecordedRequest) -> Reply:
        mock = self.server.mock
        path, method = request.path.rstrip("/"), request.method
        parts = path.split("/")
        if parts[:3] != ["", "v1", "responses"]:
            return _error(404, f"Unknown path {method} {request.path}", "not_found")
        segments = parts[3:]
        if method == "POST" and segments in ([], ["compact"], ["input_tokens"]):
            return self._create(request, segments)
        response_id = segments[0] if segments else ""
        stored = mock._stored.get(response_id)
        if stored is None:
            return _error(404, f"No response found with id '{response_id}'.", "not_found")
        events = stored.events
        if method == "GET" and len(segments) == 1:
            if request.query.get("stream") == ["true"]:
                after = int(request.query.get("starting_after", ["-1"])[0])
                later = [e for e in events if e["sequence_number"] > after]
                return Reply(events=later, delay=mock.pace, done=mock.ends_with_done)
            return Reply(body=stored.snapshot(mock.background_time))
        if method == "GET" and segments[1:] == ["input_items"]:
            return Reply(body=_page(stored.items, request.query))
        if method == "POST" and segments[1:] == ["cancel"]:
            return self._cancel(stored)
        if method == "DELETE" and len(segments) == 1:
            del mock._stored[response_id]
            return Reply(body={"id": response_id, "object": "response", "deleted": True})
        return _error(404, f"Unknown path {method} {request.path}", "not_found")

    def _create(
        self,
        request: RecordedRequest,
        segments: list[str],
        call: tuple[str, Any] | None = None,
        *,
        generate: bool = True,
    ) -> Reply:
        """``POST /responses`` (and ``/compact``, ``/input_tokens``): checked as the API
        checks it, answered by ``_mock.answers``, kept for retrieve, continue and the rest.
        Without ``generate`` (a WebSocket warm-up) the answer is a response with no
        output."""
        mock = self.server.mock
        body = request.body
        wrong = problem(body)
        if wrong is not None:
            return _error(*wrong)
        assert isinstance(body, dict)
        previous = body.get("previous_response_id")
        earlier = self._kept(previous)
        if previous is not None and earlier is None:
            message = f"Previous response with id '{previous}' not found."
            return _error(404, message, "previous_response_not_found", "previous_response_id")
        response_id = mock._new_id()
        asked = body
        if earlier is not None:  # the conversation so far, then what is new
            history = [*earlier.items, *earlier.events[-1]["response"]["output"]]
            asked = {**body, "input": [*history, *input_items(body, response_id)]}
            stray = stray_output(asked["input"])
            if stray is not None:  # OpenAI's words; its code is null, a WebSocket error needs one
                message = f"No tool call found for function call output with call_id {stray}."
                return _error(400, message, "invalid_request_error", "input")
        if segments == ["compact"]:
            return Reply(body=compacted(asked, response_id))
        if segments == ["input_tokens"]:
            tokens = count_tokens(asked)
            return Reply(body={"object": "response.input_tokens", "input_tokens": tokens})
        answer = answer_events(asked, response_id, call)
        if not generate:
            answer = _warmed_up(answer)
        for event in answer:  # the answer echoes the request, not the conversation
            if "response" in event:
                event["response"]["previous_response_id"] = previous
        since = time.monotonic() if body.get("background") else None
        stored = _Stored(answer, input_items(asked, response_id), since)
        if self.memory is not None and body.get("store") is False:
            self.memory[response_id] = stored
        else:
            mock._stored[response_id] = stored
        if body.get("stream"):
            return Reply(events=answer, delay=mock.pace, done=mock.ends_with_done)
        return Reply(body=stored.snapshot(mock.background_time))

    def _kept(self, response_id: Any) -> _Stored | None:
        """The response ``response_id`` names, if this connection can still see it: in its
        own memory, else among those the server stored."""
        if not isinstance(response_id, str):
            return None
        if self.memory is not None and response_id in self.memory:
            return self.memory[response_id]
        return self.server.mock._stored.get(response_id)

    def _cancel(self, stored: _Stored) -> Reply:
        """Cancel a background response still queued or in progress; refuse the rest as
        the API does."""
        mock = self.server.mock
        if not stored.scripted and stored.since is None:
            message = "Only responses created with background=true can be cancelled."
            return _error(400, message, "invalid_request")
        status = stored.snapshot(mock.background_time)["status"]
        if not stored.scripted and status not in ("queued", "in_progress", "cancelled"):
            return _error(
                400, f"Cannot cancel a response whose status is {status}.", "invalid_request"
            )
        stored.cancelled = True
        return Reply(body=stored.snapshot(mock.background_time))

    # --- WebSocket mode ---------------------------------------------------------------------

    def _upgrade(self, request: RecordedRequest) -> None:
        """Accept the upgrade (or refuse it, as ``MockServer.websocket`` says), then answer
        each message until the client closes, the connection breaks, or the server stops."""
        mock = self.server.mock
        # self.headers, not the recorded dict: header names come in any case (Node's lowercase)
        key = self.headers.get("Sec-WebSocket-Key", "")
        refusal = mock.websocket if isinstance(mock.websocket, Reply) else None
        if mock.websocket is False or request.path.rstrip("/") != "/v1/responses":
            refusal = _error(404, f"Unknown path GET {request.path}", "not_found")
        elif not key or self.headers.get("Sec-WebSocket-Version") != "13":
            refusal = _error(400, "A WebSocket upgrade needs a key and version 13.", "bad_upgrade")
        if refusal is not None:
            self._send(refusal)
            return
        self.send_response(101, "Switching Protocols")
        for name, value in (
            ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Accept", accept_for(key)), ("x-request-id", "req_mock"),
        ):  # fmt: skip
            self.send_header(name, value)
        self.end_headers()
        self.close_connection = True
        ws = _Socket(self.connection, self.rfile, self.wfile)
        self.memory = {}
        with mock._lock:
            mock._sockets.add(ws)
        if mock._stopping.is_set():  # stopped while this upgrade was answered
            ws.stop()
        try:
            self._converse(ws, request)
        finally:
            with mock._lock:
                mock._sockets.discard(ws)
            ws.hang_up(GOING_AWAY if mock._stopping.is_set() else None)

    def _converse(self, ws: _Socket, upgrade: RecordedRequest) -> None:
        mock = self.server.mock
        while (message := ws.next_message()) is not None:
            request = replace(upgrade, method="WEBSOCKET", body=message)
            with mock._lock:
                mock.requests.append(request)
            kind = message.get("type") if isinstance(message, dict) else None
            if kind == "response.create":
                if not self._turn(ws, request):
                    return
            elif kind == "response.steer":
                ws.send_json(_steer_failed(message, "response_not_active"))
            elif not isinstance(message, dict):
                ws.send_json(_error_event(_error(400, "Send JSON objects.", "invalid_json")))
            else:
                unknown = _error(400, f"Unknown message type {kind!r}.", "unknown_event_type")
                ws.send_json(_error_event(unknown))

    def _turn(self, ws: _Socket, request: RecordedRequest) -> bool:
        """Answer one ``response.create``; whether the connection is still open."""
        mock = self.server.mock
        message = request.body
        body = {k: v for k, v in message.items() if k not in ("type", "generate", "background")}
        scripted = mock._next_reply() or mock.default
        if scripted is None or scripted.call is not None or _unscripted(scripted):
            asked = replace(request, body={**body, "stream": True})
            call = scripted.call if scripted is not None else None
            made_up = self._create(asked, [], call, generate=message.get("generate") is not False)
            made_up = replace(made_up, done=False)  # WebSocket mode has no [DONE]
            reply = made_up if scripted is None else _answered(scripted, made_up)
        else:
            reply = scripted
        if reply.raw is not None:
            ws.write(reply.raw)
            return False
        previous = body.get("previous_response_id")
        if reply.status >= 400 and self.memory is not None and isinstance(previous, str):
            # Open Responses: a failed continuation evicts the response it named from the
            # connection's memory (one the server stored stays there).
            self.memory.pop(previous, None)
        if reply.events is not None:
            messages = _messages(reply.events)
        elif reply.status >= 400:
            messages = [json.dumps(_error_event(reply))]
        else:
            messages = [_text(reply.body)]
        if reply.done:
            messages.append("[DONE]")
        return self._frames(ws, messages, reply, body)

    def _frames(self, ws: _Socket, messages: list[str], reply: Reply, body: dict[str, Any]) -> bool:
        """Write ``messages`` as ``reply`` paces and breaks them; whether the connection is
        still open. A ``response.steer`` naming the response being written, arriving
        between its paced events, steers it: it ends ``incomplete`` (reason ``steered``)
        and a successor answering the steer's input follows."""
        mock = self.server.mock
        frames = [ws.frame(text) for text in messages]
        if reply.close_at is not None:
            ws.write(b"".join(frames)[: reply.close_at])
            return False
        active = _response_id(messages[0]) if messages and reply.delay else None
        if self._kept(active) is None:  # only a made-up answer can be steered
            active = None
        for index, frame in enumerate([*frames, b""]):  # b"": after the last one, a fault too
            if index == reply.drop_after:
                ws.hang_up(reply.close_code)
                return False
            if index == reply.cut_after:
                ws.write(frame[: len(frame) // 2])
                return False
            if index == reply.stall_after:
                mock.stalled.set()
                if mock._stopping.wait(reply.stall):
                    return False
            if index and frame and reply.delay:
                steer = ws.wait_steer(reply.delay, active)
                if mock._stopping.is_set():
                    return False
                if steer is not None:
                    return self._steered(ws, messages[:index], steer, body)
            for piece in _pieces(frame, reply.chunk_size):
                ws.write(piece)
            if ws.broken:
                return False
        if reply.close_code is not None:
            ws.hang_up(reply.close_code)
            return False
        return True

    def _steered(
        self, ws: _Socket, sent: list[str], steer: dict[str, Any], body: dict[str, Any]
    ) -> bool:
        """End the answer being written as steered, then answer the steer's input as a
        continuation of it, with the same settings."""
        mock = self.server.mock
        events = [json.loads(text) for text in sent]
        active = steer["previous_response_id"]
        stored = self._kept(active)
        assert stored is not None  # _frames steers only an answer that was kept
        number = events[-1]["sequence_number"] + 1
        steer_id = f"steer_{next(mock._ids):06d}"
        accepted = {"type": "response.steer.accepted", "sequence_number": number,
                    "steer": {"id": steer_id, "previous_response_id": active}}  # fmt: skip
        done = [e["item"] for e in events if e.get("type") == "response.output_item.done"]
        ended = {**stored.events[-1]["response"], "status": "incomplete",
                 "incomplete_details": {"reason": "steered"}, "output": done}  # fmt: skip
        incomplete = {"type": "response.incomplete", "sequence_number": number + 1,
                      "response": ended}  # fmt: skip
        stored.events = [*events, incomplete]
        ws.send_json(accepted)
        ws.send_json(incomplete)
        successor = {**body, "previous_response_id": active, "input": steer.get("input", [])}
        request = RecordedRequest(
            "WEBSOCKET", "/v1/responses", {}, {}, {**successor, "stream": True}
        )
        reply = replace(self._create(request, []), done=False)
        return self._frames(ws, _messages(reply.events or []), reply, body)

    def _send(self, reply: Reply) -> None:
        if reply.raw is not None:
            self.wfile.write(reply.raw)
            self.close_connection = True
            return
        if reply.events is None:
            self._send_body(reply)
        else:
            self._send_stream(reply)

    def _send_body(self, reply: Reply) -> None:
        data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json", "x-request-id": "req_mock", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_stream(self, reply: Reply) -> None:
        self.send_response(reply.status)
        headers = {"Content-Type": "text/event-stream", "x-request-id": "req_mock", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        blocks = _blocks(reply.events if reply.events is not None else [])
        if reply.done:
            blocks.append(b"data: [DONE]\n\n")
        if reply.close_at is not None:
            self._chunk(b"".join(blocks)[: reply.close_at])
            self.close_connection = True
            return
        paced = reply.delay or {reply.drop_after, reply.cut_after, reply.stall_after} != {None}
        if reply.chunk_size and not paced:  # as fast as possible, event boundaries ignored
            blocks = [b"".join(blocks)]
        stopping = self.server.mock._stopping
        for index, block in enumerate([*blocks, b""]):  # b"": after the last event, a fault too
            if index == reply.drop_after:
                self.close_connection = True
                return
            if index == reply.cut_after:
                self._chunk(block[: len(block) // 2])
                self.close_connection = True
                return
            if index == reply.stall_after:
                self.server.mock.stalled.set()
                if stopping.wait(reply.stall):
                    self.close_connection = True
                    return
            if index and block and reply.delay and stopping.wait(reply.delay):
                return
            for piece in _pieces(block, reply.chunk_size):
                self._chunk(piece)
        self.wfile.write(b"0\r\n\r\n")

    def _chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()


class _Socket:
    """The server's side of one upgraded connection: a thread reads its frames (pings
    answered, a close echoed) and queues the messages; the handler's thread takes them
    (``next_message``) and writes the answers."""

    def __init__(self, connection: socket.socket, rfile: Any, wfile: Any) -> None:
        self._connection, self._rfile, self._wfile = connection, rfile, wfile
        self._protocol = WebSocket(client=False)
        self._lock = threading.Lock()  # the protocol and the writes, shared with the reader
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._later: deque[Any] = deque()  # messages that came during a turn
        self.broken = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = self._rfile.read1(65536)
            except (OSError, ValueError):
                data = b""
            with self._lock:
                self._protocol.receive(data)
                events = self._events()
                self._write(self._protocol.take_outgoing())
            for event in events:
                if isinstance(event, Message):
                    self._inbox.put(_parsed(event.data))
            if not data or self._protocol.closed or self._protocol.failure is not None:
                self._inbox.put(_ENDED)
                return

    def _events(self) -> list[Message | Closing]:
        found = []
        try:
            while (event := self._protocol.next_event()) is not None:
                if isinstance(event, (Message, Closing)):
                    found.append(event)
        except WebSocketProtocolError:
            pass  # the close frame saying why waits in outgoing
        return found

    def next_message(self) -> Any:
        """The next message (parsed JSON, or the text that was not); ``None`` once the
        connection ended or the server stops."""
        message = self._later.popleft() if self._later else self._inbox.get()
        if message is _ENDED:
            self._inbox.put(_ENDED)
            return None
        return message

    def wait_steer(self, seconds: float, active: str | None) -> dict[str, Any] | None:
        """Wait ``seconds``; a ``response.steer`` for ``active`` that came meanwhile, if one
        did. Other messages wait for the turn's end."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            try:
                message = self._inbox.get(timeout=left)
            except queue.Empty:
                return None
            if message is _ENDED:
                self._inbox.put(_ENDED)
                return None
            if (
                active is not None
                and isinstance(message, dict)
                and message.get("type") == "response.steer"
                and message.get("previous_response_id") == active
            ):
                return message
            self._later.append(message)
        return None

    def frame(self, text: str) -> bytes:
        with self._lock:
            return b"" if self._protocol.close_sent else self._protocol.send_text(text)

    def send_json(self, message: dict[str, Any]) -> None:
        self.write(self.frame(json.dumps(message)))

    def write(self, data: bytes) -> None:
        with self._lock:
            self._write(data)

    def _write(self, data: bytes) -> None:
        if data and not self.broken:
            try:
                self._wfile.write(data)
            except OSError:
                self.broken = True

    def hang_up(self, code: int | None) -> None:
        """End the connection: with a close frame of ``code`` (waiting a moment for the
        client's answer), or, with ``None``, by dropping it."""
        if code is not None:
            with self._lock:
                self._write(self._protocol.close(code))
            self._reader.join(timeout=2.0)
        with contextlib.suppress(OSError):
            self._connection.shutdown(socket.SHUT_RDWR)  # wakes the reader

    def stop(self) -> None:
        self._inbox.put(_ENDED)


_ENDED = object()
"""What the reader queues when the connection ended."""


def _parsed(data: str | bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return data


def _messages(events: list[dict[str, Any]] | bytes) -> list[str]:
    """The events as WebSocket messages: each one's JSON (a recorded stream's ``data``)."""
    if not isinstance(events, bytes):
        return [json.dumps(event) for event in events]
    from ._wire.sse import SSEDecoder

    decoder = SSEDecoder()
    found = decoder.feed(events)
    return [event.data for event in found if event.data != "[DONE]"]


def _text(body: dict[str, Any] | bytes | None) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8", "replace")
    return json.dumps(body)


def _error_event(reply: Reply) -> dict[str, Any]:
    """An error reply as WebSocket mode says it: an ``error`` event with the status."""
    body = reply.body if isinstance(reply.body, dict) else {}
    return {"type": "error", "status": reply.status, "error": body.get("error", body)}


def _steer_failed(steer: dict[str, Any], code: str) -> dict[str, Any]:
    message = "No response on this connection is accepting steering input."
    target = steer.get("previous_response_id")
    return {
        "type": "response.steer.failed", "sequence_number": 0,
        "error": {"code": code, "message": message, "type": "invalid_request_error"},
        "steer": {"input": steer.get("input"), "previous_response_id": target},
    }  # fmt: skip


def _response_id(message: str) -> str | None:
    event = _parsed(message)
    response = event.get("response") if isinstance(event, dict) else None
    found = response.get("id") if isinstance(response, dict) else None
    return found if isinstance(found, str) else None


def _warmed_up(answer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A warm-up's answer (``generate: false``): created, then completed with no output."""
    first, last = answer[0], answer[-1]
    usage = {**last["response"]["usage"], "output_tokens": 0}
    completed = {**last["response"], "output": [], "usage": usage}
    return [first, {**last, "sequence_number": 1, "response": completed}]


def _unscripted(reply: Reply) -> bool:
    """A reply that says how to answer but not what: the answer is made up."""
    return reply.events is None and reply.body is None and reply.raw is None


def _answered(reply: Reply, made_up: Reply) -> Reply:
    """``reply``'s pacing and faults, with the made-up answer."""
    return replace(
        reply, status=made_up.status, body=made_up.body, events=made_up.events, call=None,
        delay=reply.delay or made_up.delay, done=reply.done or made_up.done,
    )  # fmt: skip


def _blocks(events: list[dict[str, Any]] | bytes) -> list[bytes]:
    """The stream as one byte string per event, separator included."""
    if isinstance(events, bytes):
        parts = events.split(b"\n\n")
        blocks = [part + b"\n\n" for part in parts[:-1]]
        return [*blocks, parts[-1]] if parts[-1] else blocks
    return [
        f"event: {event.get('type', 'message')}\ndata: {json.dumps(event)}\n\n".encode()
        for event in events
    ]


def _pieces(block: bytes, size: int | None) -> list[bytes]:
    if not size:
        return [block]
    return [block[i : i + size] for i in range(0, len(block), size)]


def _error(status: int, message: str, code: str, param: str | None = None) -> Reply:
    error = {"message": message, "type": "invalid_request_error", "param": param, "code": code}
    return Reply(status=status, body={"error": error})


@dataclass
class _Stored:
    """A response the server keeps: its events, the input items it answered, and for a
    made-up background response when it was made (``since``, monotonic) and whether it
    was cancelled. A stored one (``MockServer.store``) can always be cancelled."""

    events: list[dict[str, Any]]
    items: list[dict[str, Any]]
    since: float | None = None
    scripted: bool = False
    cancelled: bool = False

    def snapshot(self, background_time: float) -> dict[str, Any]:
        """The response as it stands: a made-up background one is queued for the first
        third of ``background_time``, then in progress, then complete."""
        final: dict[str, Any] = self.events[-1]["response"]
        elapsed = None if self.since is None else time.monotonic() - self.since
        if self.cancelled:
            status = "cancelled"
        elif elapsed is None or elapsed >= background_time:
            return final
        else:
            status = "queued" if elapsed < background_time / 3 else "in_progress"
        return {**final, "status": status, "output": [], "usage": None, "completed_at": None}


def _page(items: list[dict[str, Any]], query: dict[str, list[str]]) -> dict[str, Any]:
    """A page of ``input_items``, as the API pages lists: ``limit`` (20), ``order``
    (``desc`` by default), ``after`` an item's id."""
    order = query.get("order", ["desc"])[0]
    listed = list(reversed(items)) if order == "desc" else list(items)
    after = query.get("after", [None])[0]
    ids = [item["id"] for item in listed]
    start = ids.index(after) + 1 if after in ids else 0
    try:
        limit = min(100, max(1, int(query.get("limit", ["20"])[0])))
    except ValueError:
        limit = 20
    page = listed[start : start + limit]
    return {
        "object": "list", "data": page, "first_id": page[0]["id"] if page else None,
        "last_id": page[-1]["id"] if page else None, "has_more": start + limit < len(listed),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the openresponses_min mock server.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: free)")
    parser.add_argument("--pace", type=float, default=0.0, help="seconds between events")
    parser.add_argument(
        "--dialect", choices=DIALECTS, default=DIALECTS[0],
        help="open-responses ends streams with [DONE]; openai, as OpenAI's API, does not",
    )  # fmt: skip
    args = parser.parse_args()
    server = MockServer(pace=args.pace, dialect=args.dialect, port=args.port)
    print(server.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
