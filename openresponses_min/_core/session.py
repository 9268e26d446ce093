# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""A Responses WebSocket connection, whichever shell runs it: ``SessionCore``, sans-I/O.

``ResponsesConnection`` (sync) and ``AsyncResponsesConnection`` (asyncio) are this class
with a way to run its steps (``_core.steps``). The upgrade is an ordinary request through the
client's HTTP/1.1 core and pool (``ClientCore._open``: its proxies, TLS, timeouts,
retries, and the same typed errors when the upgrade is refused); the frames are
``_wire.websocket``'s; each turn's messages become a stream of the client's own stream type,
read by ``_core.stream.StreamCore`` through a ``Turn``, whose ``check_in`` / ``discard`` come
back here. Decided here, once: one response at a time; what came while the connection
sat idle (a ping, a close, a message kept for ``recv``); a keep-alive ping when it sat
idle for ``ping_interval`` and while a turn waits in silence; which drops between turns
reconnect (``RECONNECT``) and with what backoff; and when the server owes a successor
response (steering), which the next turn must read rather than ask for.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
from collections import deque
from time import monotonic
from typing import Generic, TypeVar

from .._wire.event_stream import MessageDecoder, event_of, object_of
from .._wire.websocket import (
    ABNORMAL,
    GOING_AWAY,
    NORMAL,
    Closing,
    Handshake,
    Message,
    WebSocket,
    WebSocketProtocolError,
)
from ..errors import APIConnectionError, EventParseError, OpenResponsesError, WebSocketClosedError
from .client import FAILURES, _unexpected
from .policy import retry_delay, until
from .request import prepare

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from .._wire.http11 import Head
    from .._wire.websocket import Event as WebSocketEvent
    from ..events import Event
    from ..response import Response
    from .client import ClientCore
    from .config import Timeout
    from .exchange import Connection
    from .steps import Steps
    from .stream import StreamCore

RECONNECT = frozenset({1000, 1001, 1005, 1006, 1011, 1012, 1013, 1015})
"""Close codes after which the next ``create`` reconnects: the server went away, ended
the connection, failed, restarts, is busy, or the connection just broke. Others (a policy
violation, a protocol error, an application's own 4xxx) are raised."""
BACK_OFF = frozenset({1012, 1013})
"""Close codes that ask to wait before coming back (restarting, try again later)."""
CONNECTION_LIMIT = "websocket_connection_limit_reached"
MIN_WAIT = 0.001
"""Seconds a wait for the server lasts at least."""
ONE_AT_A_TIME = (
    "one response at a time per connection: read the last stream to its end (or close "
    "it) before the next create()"
)
SUCCESSOR_DUE = (
    "the server started a response of its own (the successor of a steered one): read it "
    "with successor() before the next create()"
)
UNREAD_LIMIT = 256
"""Messages that came between turns kept for ``recv`` at most, and at most the client's
``max_event_size`` bytes of them in all (a message is never larger); older ones are
dropped."""

logger = logging.getLogger("openresponses_min")


class SessionClosed(ConnectionError):
    """The WebSocket closed during a turn (a close frame, or the connection ended)."""


class Turn:
    """What a turn's stream reads, as it would read an HTTP body: ``read_steps`` gives
    each message's bytes."""

    def __init__(self, session: SessionCore, message: str | None) -> None:
        self._session = session
        self._message = message  # None: a successor, which nothing asked for
        self._heard = False
        self.stream: StreamCore | None = None

    def read_steps(self, timeout: float | None, deadline: float | None) -> Steps[bytes]:
        """The next message (a successor's first ones may have come between turns). A
        connection that closed before the turn's first message closed between turns,
        racing our ``response.create``, which it never answered: that is a drop between
        turns, so it reconnects (as ``RECONNECT`` says) and asks again. A steer's answer
        before the turn's own first message came between turns too: it is kept for
        ``recv``, whether or not it was read before the ``response.create`` went."""
        session = self._session
        while True:
            if self._message is None and session._unread:
                return _as_bytes(session._take_unread())
            try:
                data = yield from session._message_steps(timeout, deadline)
            except SessionClosed:
                if self._heard or self._message is None:
                    raise
                yield from session._reconnect_steps()
                assert session._socket is not None
                yield from session._write_steps(session._socket.send_text(self._message), deadline)
                continue
            if not self._heard and self._message is not None and _answers_a_steer(data):
                session._notice(data)
                continue
            self._heard = True
            return data


N = TypeVar("N")
"""What ``send`` gives back: ``None``, or an awaitable of it."""


class ConnectionResponse(Generic[N]):
    """``connection.response``, as the official SDK spells the raw way to start a
    response: ``create(**params)`` sends ``response.create`` with ``params`` and
    returns at once; read its events by iterating the connection (``recv()``)."""

    def __init__(self, session: Any) -> None:
        self._session = session

    def create(self, **params: Any) -> N:
        sent: N = self._session.send({"type": "response.create", **params})
        return sent


class SessionCore:
    """See the module docstring; the shells' docstrings say what users see."""

    def __init__(
        self,
        client: ClientCore,
        *,
        ping_interval: float | None = 20.0,
        ping_timeout: float = 20.0,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> None:
        self._client = client
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self._headers = dict(extra_headers or {})
        self._query = extra_query
        self._connection: Connection | None = None
        self._socket: WebSocket | None = None
        self.head: Head | None = None
        """The head of the server's ``101``, once connected."""
        self._turn: Turn | None = None
        self._unread: deque[str | bytes] = deque()  # messages that came between turns
        self._unread_bytes = 0
        self._successor_due = False
        self._heard = 0.0  # when the server last sent anything
        self._ping_sent: float | None = None
        # Reconnects needed in a row, no turn completing: one after each connection lost, and
        # one more each time a reconnect failed and is asked for again; max_retries + 1 at most.
        self._drops = 0
        self._reconnects = 0  # of them, those that connected: what giving up reports
        self._lost_code: int | None = None  # how the last connection ended, if it did
        self._lost_reason = ""
        self.connections = 0
        """Connections opened so far (1 plus the reconnects)."""
        self.closed = False
        self.response: ConnectionResponse[Any] = ConnectionResponse(self)

    @staticmethod
    def _ends_iteration(error: WebSocketClosedError) -> bool:
        """Whether a close ends iterating the connection quietly, as the SDK's does: the
        server closed it normally, or went away."""
        return error.code in (NORMAL, GOING_AWAY)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._client.base_url!r}, closed={self.closed})"

    # --- connecting -------------------------------------------------------------------------

    def _connect_steps(self) -> Steps[None]:
        """Upgrade a connection from the client's pool: the same retries and errors as any
        call; a ``101`` that does not accept the upgrade as asked is a connection error."""
        client = self._client
        handshake = Handshake()
        url = client._origin.url("/responses").replace("http", "ws", 1)
        try:
            request = prepare(
                "GET", client._origin, "/responses", api_key=client._settings.api_key,
                headers={**client._settings.headers, **handshake.headers, **self._headers},
                query=self._query,
            )  # fmt: skip
            limits = client.timeout
            deadline = until(limits.total)
            connection, head = yield from client._open(request, limits, deadline)
            if head.status != 101:
                body = yield from client._error_body(connection, limits, deadline)
                raise _unexpected(head, body, "a switch to WebSocket (101)")
            try:
                handshake.check(head)
            except WebSocketProtocolError as exc:
                client._connections.discard(connection)
                raise APIConnectionError(f"WebSocket upgrade to {url} failed: {exc}") from exc
        except OpenResponsesError as error:
            client._redact.error(error)
            raise
        socket = WebSocket(max_message_size=client.max_event_size)
        trailing = connection.switched()
        if trailing:  # the first frames, in the same read as the 101 (b"" would be the end)
            socket.receive(trailing)
        self._connection, self._socket, self.head = connection, socket, head
        self._heard, self._ping_sent = monotonic(), None
        self._lost_code, self._lost_reason = None, ""
        self.connections += 1

    def _usable_steps(self) -> Steps[tuple[Connection, WebSocket]]:
        """The connection, ready for a turn: what came while it was idle is read, one that
        sat idle past ``ping_interval`` must answer a ping, and one that was lost is
        replaced as ``RECONNECT`` says, backing off when lost again and again."""
        if self.closed:
            raise RuntimeError("this connection is closed")
        if self._turn is not None:
            raise RuntimeError(ONE_AT_A_TIME)
        if self._socket is not None:
            yield from self._idle_steps()
        if self._socket is not None and self._idle_too_long():
            yield from self._probe_steps()
        if self._socket is None:
            yield from self._reconnect_steps()
        assert self._connection is not None and self._socket is not None
        return self._connection, self._socket

    def _reconnect_steps(self) -> Steps[None]:
        code, reason = self._lost_code, self._lost_reason
        if code is not None:
            if code not in RECONNECT and reason != CONNECTION_LIMIT:
                raise self._closed_error(code, reason)
            self._drops += 1
            if self._drops > self._client.max_retries + 1:
                raise self._closed_error(code, reason, _after(self._reconnects))
            if self._drops > 1 or code in BACK_OFF:
                delay = retry_delay(self._drops - 1, {}, now=0.0, jitter=random.random)
                if delay:
                    yield self._client._sleep, (delay,)
        yield from self._connect_steps()
        if code is not None:
            self._reconnects += 1

    def _idle_too_long(self) -> bool:
        interval = self.ping_interval
        return interval is not None and monotonic() - self._heard >= interval

    def _idle_steps(self) -> Steps[None]:
        """Take in what the server sent while nobody was reading."""
        connection, socket = self._connection, self._socket
        assert connection is not None and socket is not None
        yield from self._events_steps(socket)
        while self._socket is not None and connection.looks_dead():
            if not (yield from self._receive_steps(self.ping_timeout, None)):
                return
            yield from self._events_steps(socket)

    def _probe_steps(self) -> Steps[None]:
        """Ping; a connection that does not answer within ``ping_timeout`` is lost."""
        socket = self._socket
        assert socket is not None
        yield from self._write_steps(socket.ping(b"alive?"), None)
        answer_by = monotonic() + self.ping_timeout
        while self._socket is not None and self._ping_sent is not None:
            left = answer_by - monotonic()
            if left <= 0 or not (yield from self._receive_steps(max(MIN_WAIT, left), None)):
                self._lose(ABNORMAL, "no pong within ping_timeout")
                return
            yield from self._events_steps(socket)

    def _events_steps(self, socket: WebSocket) -> Steps[None]:
        """Handle what the bytes received say while no turn reads them."""
        while self._socket is socket:
            try:
                event = yield from self._next_steps(socket)
            except WebSocketProtocolError:
                return
            if event is None:
                return
            if isinstance(event, Closing):
                self._lose(event.code, event.reason)
            elif isinstance(event, Message):
                self._notice(event.data)

    def _notice(self, data: str | bytes) -> None:
        """A message between turns, kept for ``recv`` (or the successor it begins). An
        error that ends the connection, as when it lasted its 60 minutes, is remembered
        for the reconnect."""
        event = object_of(data) or {}
        kind, error = event.get("type"), event.get("error")
        if isinstance(error, dict) and error.get("code") == CONNECTION_LIMIT:
            self._lost_reason = CONNECTION_LIMIT
            return
        if kind == "response.created":
            self._successor_due = True
        unread, limit = self._unread, self._client.max_event_size
        while unread and (len(unread) >= UNREAD_LIMIT or self._unread_bytes + len(data) > limit):
            self._take_unread()
            logger.warning(
                "WebSocket: messages came between turns unread past %d messages or %d bytes; "
                "dropped the oldest", UNREAD_LIMIT, limit,
            )  # fmt: skip
        unread.append(data)
        self._unread_bytes += len(data)

    def _take_unread(self) -> str | bytes:
        """The oldest message kept between turns, no longer kept."""
        data = self._unread.popleft()
        self._unread_bytes -= len(data)
        return data

    # --- turns ------------------------------------------------------------------------------

    def _create_steps(self, params: Mapping[str, Any], timeout: Timeout | None) -> Steps[Any]:
        """Send ``response.create`` (without ``stream`` and ``background``: a WebSocket
        always streams); the stream of its events."""
        client = self._client
        body = {k: v for k, v in params.items() if k not in ("stream", "background")}
        message = json.dumps(
            {"type": "response.create", **body}, ensure_ascii=False, separators=(",", ":")
        )
        limits = client.timeout if timeout is None else timeout
        deadline = until(limits.total)
        _, socket = yield from self._usable_steps()
        if self._successor_due:
            raise RuntimeError(SUCCESSOR_DUE)
        try:
            yield from self._write_steps(socket.send_text(message), deadline)
        except FAILURES:  # it broke while idle, unseen: nothing was asked, so ask again
            self._lose(ABNORMAL, "the connection broke")
            _, socket = yield from self._usable_steps()
            yield from self._write_steps(socket.send_text(message), deadline)
        return self._turn_stream(message, limits, deadline)

    def _successor(self, timeout: Timeout | None) -> Any:
        """The stream of the response the server starts by itself after a steered one."""
        if self._turn is not None:
            raise RuntimeError(ONE_AT_A_TIME)
        if not self._successor_due:
            raise RuntimeError("no successor is due: no response on this connection was steered")
        self._successor_due = False
        if self._socket is None and not self._unread:
            code, reason = self._lost_code or ABNORMAL, self._lost_reason
            raise self._closed_error(code, reason, "before the successor came")
        limits = self._client.timeout if timeout is None else timeout
        deadline = until(limits.total)
        return self._turn_stream(None, limits, deadline)

    def _turn_stream(self, message: str | None, limits: Timeout, deadline: float | None) -> Any:
        client = self._client
        turn = self._turn = Turn(self, message)
        assert self.head is not None
        stream: StreamCore = client._stream_type(
            client, turn, self.head, limits, deadline, home=self, decoder=MessageDecoder
        )
        turn.stream = stream
        return stream

    def _steer_steps(self, previous_response_id: str, input: Any) -> Steps[None]:
        """Send ``response.steer``: input for the response in progress (OpenAI)."""
        steer = {"type": "response.steer", "previous_response_id": previous_response_id}
        yield from self._send_steps({**steer, "input": input})

    def _send_steps(self, message: Mapping[str, Any]) -> Steps[None]:
        """Send one message as it is (the raw escape hatch)."""
        _, socket = yield from self._ready_steps()
        text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
        yield from self._write_steps(socket.send_text(text), None)

    def _recv_steps(self, timeout: float | None) -> Steps[Event]:
        """The next message as a typed event (the raw escape hatch), those that came
        between turns first."""
        if self._unread:
            return self._event(self._take_unread())
        yield from self._ready_steps()
        try:
            data = yield from self._message_steps(timeout, None)
        except SessionClosed as exc:
            raise self._closed_error(self._lost_code or ABNORMAL, self._lost_reason) from exc
        return self._event(data)

    def _event(self, data: str | bytes) -> Event:
        """A message as a typed event; ``EventParseError``, redacted, when it is none."""
        try:
            return event_of(data)
        except EventParseError as error:
            raise self._client._redact.error(error) from None

    def _ready_steps(self) -> Steps[tuple[Connection, WebSocket]]:
        """The connection as it is, mid-turn or not; connected if it was not."""
        if self.closed:
            raise RuntimeError("this connection is closed")
        if self._socket is None:
            yield from self._reconnect_steps()
        assert self._connection is not None and self._socket is not None
        return self._connection, self._socket

    def _message_steps(self, timeout: float | None, deadline: float | None) -> Steps[bytes]:
        """The next message's bytes: pings answered, a ping sent when the server stays
        silent for ``ping_interval``, ``TimeoutError`` after ``timeout`` seconds of
        silence or ``ping_timeout`` without a pong, ``SessionClosed`` at a close."""
        socket = self._socket
        if socket is None:
            raise SessionClosed(self._why_lost())
        silent_until = until(timeout)
        while True:
            event = yield from self._next_steps(socket)
            if isinstance(event, Message):
                return _as_bytes(event.data)
            if isinstance(event, Closing):
                self._lose(event.code, event.reason)
                raise SessionClosed(self._why_lost())
            if event is None and not (yield from self._wait_steps(socket, silent_until, deadline)):
                raise SessionClosed(self._why_lost())

    def _next_steps(self, socket: WebSocket) -> Steps[WebSocketEvent | None]:
        """The next thing the frames received say, what they ask for (a pong, a close's
        echo) written; a protocol error is raised, the connection lost."""
        try:
            event = socket.next_event()
        except WebSocketProtocolError as exc:
            yield from self._flush_steps(socket)
            self._lose(exc.code, str(exc))
            raise
        yield from self._flush_steps(socket)
        return event

    def _wait_steps(
        self, socket: WebSocket, silent_until: float | None, deadline: float | None
    ) -> Steps[bool]:
        """Receive once, pinging while the silence lasts; ``False``: the connection is lost."""
        while True:
            now = monotonic()
            ends = [] if silent_until is None else [silent_until]
            if self.ping_interval is not None:
                sent = self._ping_sent
                if sent is None:
                    ends.append(self._heard + self.ping_interval)
                else:
                    ends.append(sent + self.ping_timeout)
            # never 0: a socket told to wait 0 s does not wait, it fails as non-blocking
            limit = None if not ends else max(MIN_WAIT, min(ends) - now)
            try:
                return (yield from self._receive_steps(limit, deadline, quiet=False))
            except TimeoutError:
                now = monotonic()
                silent_too_long = silent_until is not None and now >= silent_until
                if silent_too_long or self._ping_sent is not None:
                    raise
                yield from self._write_steps(socket.ping(b"alive?"), deadline)

    def _receive_steps(
        self, limit: float | None, deadline: float | None, *, quiet: bool = True
    ) -> Steps[bool]:
        """Bytes for the frames; ``False`` when the connection ended or broke (raised
        unless ``quiet``, but for the timeout)."""
        connection, socket = self._connection, self._socket
        assert connection is not None and socket is not None
        try:
            data: bytes = yield connection.recv, (limit, deadline)
        except TimeoutError:
            if quiet:
                return False
            raise
        except FAILURES as exc:
            self._lose(ABNORMAL, str(exc))
            if quiet:
                return False
            raise
        self._heard, self._ping_sent = monotonic(), None  # anything heard: it is alive
        socket.receive(data)
        return True

    def _write_steps(self, data: bytes, deadline: float | None) -> Steps[None]:
        connection = self._connection
        assert connection is not None
        if data:
            if data[0] & 0x0F == 0x9:
                self._ping_sent = monotonic()
            yield connection.write, (data, self._client.timeout.write, deadline)

    def _flush_steps(self, socket: WebSocket) -> Steps[None]:
        """Write what the frames asked for (a pong, a close's echo), if it still can."""
        data = socket.take_outgoing()
        if data and self._connection is not None:
            try:
                yield from self._write_steps(data, None)
            except FAILURES as exc:
                self._lose(ABNORMAL, str(exc))

    # --- where a turn's stream comes back ---------------------------------------------------

    def check_in(self, turn: Turn) -> None:
        """The turn's stream read its terminal event: the connection is free again, but
        for the successor the server starts when steering ended the response."""
        if turn is self._turn:
            self._turn = None
            self._drops = self._reconnects = 0
            # The terminal event is decoded, not yet taken: its response, not the rebuilt one.
            final = None if turn.stream is None else turn.stream._lifecycle.final
            if final is not None and _steered(final):
                self._successor_due = True
            if self._connection is not None:
                self._connection.idle()

    def discard(self, turn: Turn) -> None:
        """The turn's stream stopped before its end (closed, or it broke): closing the
        connection is what cancels a response in WebSocket mode."""
        if turn is self._turn:
            self._turn = None
            if self._socket is not None:
                self._lose(GOING_AWAY, "", by_us=True)

    # --- ending -----------------------------------------------------------------------------

    def _close_steps(self) -> Steps[None]:
        """Say goodbye (a close frame, if the connection takes it) and close."""
        self.closed = True
        socket = self._socket
        if socket is not None:
            with contextlib.suppress(*FAILURES):
                yield from self._write_steps(socket.close(), None)
            self._lose(GOING_AWAY, "", by_us=True)

    def _lose(self, code: int, reason: str, *, by_us: bool = False) -> None:
        """The connection is over: closed, its pool place freed; ``by_us`` when this end
        closed it (the next create connects anew, counting no drop)."""
        connection, self._connection, self._socket = self._connection, None, None
        if not by_us:
            self._lost_code = code
            self._lost_reason = self._lost_reason or reason
        if connection is not None:
            self._client._connections.discard(connection)

    def _why_lost(self) -> str:
        code = self._lost_code or ABNORMAL
        reason = f": {self._lost_reason}" if self._lost_reason else ""
        return f"the WebSocket closed (code {code}{reason})"

    def _closed_error(self, code: int, reason: str, more: str = "") -> WebSocketClosedError:
        said = f" ({reason})" if reason else ""
        after = f" {more}" if more else ""
        error = WebSocketClosedError(
            f"the server closed the WebSocket with code {code}{said}{after}",
            code=code,
            reason=reason,
        )
        self._client._redact.error(error)
        return error


def _steered(response: Response) -> bool:
    details = response.incomplete_details
    return response.status == "incomplete" and getattr(details, "reason", None) == "steered"


def _answers_a_steer(data: bytes) -> bool:
    if b"response.steer." not in data:  # as nearly always: no need to parse it twice
        return False
    kind = (object_of(data) or {}).get("type")
    return isinstance(kind, str) and kind.startswith("response.steer.")


def _after(reconnects: int) -> str:
    """What giving up came after: the reconnects made, if any (not those refused)."""
    if not reconnects:
        return ""
    return f"after {reconnects} reconnect{'' if reconnects == 1 else 's'}"


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
