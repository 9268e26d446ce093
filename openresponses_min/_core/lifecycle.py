# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""One streamed response from the bytes of its bodies to how it ended, without
touching a socket.

``StreamLifecycle`` is what ``Stream`` (and the command line's ``replay``)
drive: feed it each body's bytes, take the events it queues one by one
(``next_event``: the rebuilt response follows what was taken, never ahead of
it), and ask it, when a body is over, whether the response can be resumed
and how it ended.
It decides, once for every transport:

* **which events are delivered.** Every event once: an event whose
  ``sequence_number`` was delivered before (a server replaying after a
  resume, a proxy repeating itself) is dropped; every other event is
  delivered in the order it came, at the same cost whatever the order of
  the numbers. Numbers that skip ahead or go back are logged as warnings,
  so one bogus number (2**64 - 1, say) costs two warnings and nothing
  else; past ``ORDER_WARNINGS`` of them in a stream, one more warning says
  that the rest are not reported.
* **which response it is.** ``response_id`` is the first snapshot's (or the
  one asked for by ``retrieve``). A body asked for by id (``retrieve``, a
  resume) whose snapshot names another response is refused, not merged:
  nothing from that snapshot on is delivered, and the stream is interrupted.
  (Deltas do not name their response, so those before it cannot be told.)
* **the limits.** ``max_response_size`` counts the bytes of every body of the
  stream, across resumes.
* **whether to resume** (``next_resume``): only a stream whose response has a string id
  and whose events have sequence numbers, before its terminal event, up to
  ``max_resumes`` times, backing off as retries do, within the total timeout.
* **how it ended** (``verdict``): normally at ``response.completed`` or
  ``response.incomplete``, whatever came before them; with
  ``ResponseFailedError`` at ``response.failed``, at an ``error`` event then
  the end, or at an error frame without a ``type``; with
  ``StreamInterruptedError`` at any other end; and with the format or limit
  error itself (``broken``) when decoding had to stop.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_right

from .._wire.event_stream import EventDecoder
from .._wire.http11 import body_too_large
from .._wire.sse import DEFAULT_MAX_EVENT_SIZE
from ..errors import (
    OpenResponsesError,
    PreviousResponseNotFoundError,
    ResponseFailedError,
    StreamInterruptedError,
    StreamTimeoutError,
)
from ..events import (
    TERMINAL,
    ErrorEvent,
    ResponseCreatedEvent,
    ResponseFailedEvent,
    ResponseInProgressEvent,
    ResponseQueuedEvent,
    ResponseSteerAcceptedEvent,
    ResponseSteerFailedEvent,
    ResponseSteerPendingEvent,
)
from ..response import ErrorDetails, Response
from .accumulate import ResponseAccumulator
from .config import DEFAULT_MAX_RESPONSE_SIZE
from .policy import retry_delay
from .redact import Redactor
from .text import json_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Protocol

    from ..events import Event

    class Decoder(Protocol):
        """What turns a body's bytes into events: ``EventDecoder`` for SSE over HTTP (and,
        next, one for WebSocket messages). See ``EventDecoder`` for the meaning of each."""

        done: bool
        failure: OpenResponsesError | None
        error_frame: object

        def feed(self, chunk: bytes) -> list[Event]: ...

        def close(self) -> None: ...


logger = logging.getLogger("openresponses_min")


_SNAPSHOTS = frozenset({ResponseCreatedEvent, ResponseQueuedEvent, ResponseInProgressEvent,
                        *TERMINAL})  # fmt: skip
# A steer's answer may be numbered apart from the response's events (nothing documents
# their numbers; the mock numbers a refusal 0): never taken for a repeat of one.
_STEERING = frozenset({ResponseSteerAcceptedEvent, ResponseSteerPendingEvent,
                       ResponseSteerFailedEvent})  # fmt: skip
_REASON_LIMIT = 2000
"""Characters of a server's failure message kept, should it send a book."""
ORDER_WARNINGS = 10
"""Numbers out of order warned of in a stream; one more warning says that the rest are not."""


class StreamLifecycle:
    """The events of one streamed response and the judgement of its end; see the module
    docstring. ``decoder(max_event_size)`` makes the decoder for each body (SSE by
    default). ``asked_for`` and ``after`` say that the first body was asked for that
    response, after that event (``retrieve(id, stream=True, starting_after=n)``)."""

    def __init__(
        self,
        *,
        decoder: Callable[[int], Decoder] = EventDecoder,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        redactor: Redactor | None = None,
        request_id: str | None = None,
        asked_for: str | None = None,
        after: int | None = None,
    ) -> None:
        self.accumulator = ResponseAccumulator()
        """The response rebuilt from the events taken so far."""
        self.request_id = request_id
        self.response_id: str | None = asked_for
        self.last_sequence_number: int | None = after
        """The sequence number of the last event taken (or ``after``)."""
        self.received = 0
        """Bytes of every body so far."""
        self.broken: OpenResponsesError | None = None
        """The format or limit error that stopped decoding, if one did."""
        self.resumes = 0
        self._max_event_size = max_event_size
        self._max_response_size = max_response_size
        self._redact = redactor or Redactor()
        self._new_decoder = decoder
        self._decoder = decoder(max_event_size)
        self._asked_for = asked_for
        self._foreign: str | None = None
        self._delivered = _Numbers(after)
        self._highest = self._last = after  # as decoded: ahead of what was taken
        self._order_warnings = 0
        self._queue = _Queue()
        self.final: Response | None = None
        """The terminal event's response, once it is decoded (before it is taken)."""

    @property
    def done(self) -> bool:
        """This body is over for us: ``[DONE]``, an error frame, a failure or a foreign
        response came, and nothing after it is read."""
        return self._decoder.done or self.broken is not None or self._foreign is not None

    @property
    def saw_done(self) -> bool:
        """The body ended with ``[DONE]``: what follows it is only the end of the body."""
        decoder = self._decoder
        return decoder.done and decoder.failure is None and decoder.error_frame is None

    def feed(self, chunk: bytes) -> None:
        """Queue the events these bytes complete that were not delivered before."""
        if self.done:
            return
        self.received += len(chunk)
        if self.received > self._max_response_size:
            self.broken = body_too_large(self._max_response_size, self.received, self.request_id)
            return
        self._take(self._decoder.feed(chunk))
        if self._decoder.failure is not None:
            self.broken = self._decoder.failure

    def next_event(self) -> Event | None:
        """The next queued event, now taken: the rebuilt response and
        ``last_sequence_number`` include it. ``None`` when none is queued."""
        queue = self._queue  # read once: drop_queued() from another thread replaces it
        events = queue.events
        if not events:
            return None
        taken = queue.taken
        event = events[taken]
        taken += 1
        if taken == len(events):
            events.clear()
            taken = 0
        queue.taken = taken
        self.accumulator.add(event)
        number = event.sequence_number
        if type(number) is int:
            self.last_sequence_number = number
        return event

    def drop_queued(self) -> None:
        """Forget the events not taken yet: the stream was closed, maybe by another thread
        while this one takes an event or queues them. The queue is replaced, never changed:
        that thread goes on with the one it holds, consistent, and next finds none."""
        self._queue = _Queue()

    def end_of_body(self) -> None:
        """The body ended: an unterminated last event is discarded."""
        self._decoder.close()

    def can_resume(self) -> bool:
        """Whether a new body, asked for after the last event, could carry on."""
        return (
            self.response_id is not None
            and self.last_sequence_number is not None
            and self.final is None
            and self.broken is None
            and self._decoder.error_frame is None
            and self._foreign is None
        )

    def next_resume(
        self, max_resumes: int, *, jitter: Callable[[], float], remaining: float | None = None
    ) -> float | None:
        """The wait before the next resume attempt (then counted, and the next body is
        expected), or ``None`` when no attempt is to be made: it cannot be resumed, the
        attempts ran out, or the wait would outlast ``remaining`` (what is left of the
        total timeout). The waits back off as retries do."""
        if not self.can_resume() or self.resumes >= max_resumes:
            return None
        delay = retry_delay(self.resumes, {}, now=0.0, jitter=jitter)
        if delay is None or (remaining is not None and delay >= remaining):
            return None
        self.resuming()
        return delay

    def resuming(self) -> None:
        """The next body is the response asked for again, after the last event."""
        self.resumes += 1
        self._decoder = self._new_decoder(self._max_event_size)
        self._asked_for = self.response_id

    def verdict(self, why: str = "", *, timed_out: bool = False) -> OpenResponsesError | None:
        """How the response ended, its bodies over: ``None`` when normally, else the
        error. ``why`` says what ended the last body when it broke off (and
        ``timed_out`` whether it went silent); an end without it is the body's end."""
        if self.broken is not None:
            return self.broken
        accumulator = self.accumulator
        terminal = accumulator.terminal
        if isinstance(terminal, ResponseFailedEvent):
            return self._response_failed(accumulator.error or terminal.response.error)
        if terminal is not None:
            return None
        if self._decoder.error_frame is not None:
            return self._response_failed(self._decoder.error_frame)
        if accumulator.error is not None and not why:
            return self._response_failed(accumulator.error)
        if self._foreign is not None:
            why = (
                f"the server answered with the events of response {self._foreign}, "
                f"not of {self.response_id}"
            )
        return self._interrupted(why or "the stream ended without a terminal event", timed_out)

    # --- taking events ----------------------------------------------------------------------

    def _take(self, events: list[Event]) -> None:
        keep = self._queue.events.append  # a close meanwhile drops what this queues
        delivered = self._delivered
        ends = delivered.ends
        highest, last = self._highest, self._last
        for event in events:
            # Before the repeats are dropped: a replayed snapshot still says whose events come.
            kind = type(event)
            if kind in _SNAPSHOTS:
                if not self._adopt(event.response):  # type: ignore[attr-defined]
                    break
                if kind in TERMINAL:
                    self.final = event.response  # type: ignore[attr-defined]
            number = event.sequence_number
            if type(number) is int:
                if ends and number == ends[-1] + 1:  # the next one, as nearly always
                    ends[-1] = highest = last = number
                elif kind in _STEERING:
                    pass
                elif not delivered.add(number):
                    logger.debug("dropped event %d: delivered before", number)
                    continue
                else:
                    self._check_order(number, highest, last)
                    highest = number if highest is None or number > highest else highest
                    last = number
            keep(event)
        self._highest, self._last = highest, last

    def _check_order(self, number: int, highest: int | None, last: int | None) -> None:
        """Warn of a number that skips ahead of the highest so far, or goes back."""
        if highest is not None and number > highest + 1:
            missing = number - highest - 1
            self._warn_of_order(
                "%d event%s missing before event %d of response %s",
                missing, "" if missing == 1 else "s", number, self.response_id,
            )  # fmt: skip
        elif last is not None and number < last:
            self._warn_of_order(
                "event %d of response %s came after event %d", number, self.response_id, last
            )

    def _warn_of_order(self, message: str, *args: object) -> None:
        """The first warnings of a stream, then one saying that the rest go unsaid: a
        stream out of order throughout would otherwise cost a warning per event."""
        self._order_warnings += 1
        if self._order_warnings <= ORDER_WARNINGS:
            self._redact.log(logger, logging.WARNING, message, *args)
        elif self._order_warnings == ORDER_WARNINGS + 1:
            self._redact.log(
                logger, logging.WARNING, "more events of response %s out of order: not reported",
                self.response_id,
            )  # fmt: skip

    def _adopt(self, snapshot: object) -> bool:
        """Take a snapshot's id as the response's, or refuse a foreign one."""
        found = snapshot.id if isinstance(snapshot, Response) else None
        if not isinstance(found, str) or not found:
            return True
        if self._asked_for is not None and found != self._asked_for:
            self._foreign = found
            return False
        if self.response_id is None:
            self.response_id = found
        return True

    # --- errors ------------------------------------------------------------------------------

    def _response_failed(self, source: object) -> ResponseFailedError:
        code, message = _reason(source)
        cls = PreviousResponseNotFoundError if code == PREVIOUS_NOT_FOUND else ResponseFailedError
        return cls(message, code=code, response=self.accumulator.response)

    def _interrupted(self, why: str, timed_out: bool) -> StreamInterruptedError:
        cls = StreamTimeoutError if timed_out else StreamInterruptedError
        resumed = f", after {self.resumes} resume attempts" if self.resumes else ""
        return cls(
            f"stream interrupted after event {self.last_sequence_number} of response "
            f"{self.response_id}{resumed}: {why}",
            response=self.accumulator.response,
            request_id=self.request_id,
            response_id=self.response_id,
            last_sequence_number=self.last_sequence_number,
        )


PREVIOUS_NOT_FOUND = "previous_response_not_found"


def _reason(source: object) -> tuple[str | None, str]:
    """The code and message of a failure, whatever shape its error came in: an ``error``
    event, a failed response's ``error`` (an object, or a bare string), an error frame."""
    code: object = None
    message: object = source
    if isinstance(source, (ErrorEvent, ErrorDetails)):
        code, message = source.code, source.message
        if not message and isinstance(source, ErrorEvent) and isinstance(source.error, str):
            message = source.error
    elif isinstance(source, dict):
        code, message = source.get("code"), source.get("message")
    return _as_text(code) or None, _as_text(message) or "no reason given"


def _as_text(value: object) -> str:
    text = json_text(value)
    return text if len(text) <= _REASON_LIMIT else text[:_REASON_LIMIT] + "…"


class _Queue:
    """Events decoded and not yet taken: ``events[taken:]``. A list, not a deque: a
    deque's first block is 600 bytes, and a thousand streams may be open at once."""

    __slots__ = ("events", "taken")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.taken = 0


class _Numbers:
    """Sequence numbers delivered so far, each added or looked up in O(log n) at most
    whatever their order: sorted runs of consecutive numbers, a run only ever added at
    the top (a number above the highest) or stretched by one at an edge, and a set of
    the numbers that came below the highest and touched no run. Memory grows with the
    gaps and the numbers that came late, not with the events in order. ``after`` marks
    it and everything before it delivered."""

    __slots__ = ("ends", "late", "starts")

    def __init__(self, after: int | None = None) -> None:
        self.starts: list[float] = [] if after is None else [-math.inf]
        self.ends: list[float] = [] if after is None else [after]
        """The last number of each run, in order: ``ends[-1]`` is the highest delivered."""
        self.late: set[int] | None = None  # made for the first such number: most streams have none

    def add(self, number: int) -> bool:
        """Record ``number``; ``False`` when it was delivered before."""
        starts, ends = self.starts, self.ends
        if ends and number == ends[-1] + 1:  # the next one, as nearly always
            ends[-1] = number
            return True
        if not ends or number > ends[-1]:  # past a gap: a run of its own, at the top
            starts.append(number)
            ends.append(number)
            return True
        index = bisect_right(starts, number) - 1
        if index >= 0 and number <= ends[index]:
            return False
        late = self.late
        if late is not None and number in late:
            return False
        # In a gap below the highest, so a run starts above it. Inserting a run here
        # would move every run above it: a stream counting down would cost n² so.
        if index >= 0 and ends[index] + 1 == number:
            ends[index] = number  # runs that now touch stay two: only lookups see them
        elif starts[index + 1] == number + 1:
            starts[index + 1] = number
        elif late is None:
            self.late = {number}
        else:
            late.add(number)
        return True
