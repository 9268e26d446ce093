# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The stream core's lifecycle without a socket: its I/O scripted (``scripted``), and the
user's close, cancel or an interruption (a cancelled task, ``KeyboardInterrupt``) tried
before every step it takes, through drops, cuts, stalls, resume waits, resumes and ends.
Whatever the interleaving: no connection is left open or held, nothing is asked of the
server after the stream was closed, nothing is delivered twice, and a closed stream ends
quietly. The same for a close from another thread between any two bytecodes of the
reader, and with real threads."""

from __future__ import annotations

import contextlib
import itertools
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest
from scripted import SSE, Piece, ScriptedClient, drive, iterate, short_story, sse

from openresponses_min._core.lifecycle import StreamLifecycle
from openresponses_min._core.steps import IO, run
from openresponses_min._core.stream import StreamCore
from openresponses_min._sync.stream import Stream
from openresponses_min._wire.http11 import Head
from openresponses_min.errors import EventParseError, ResponseFailedError, StreamInterruptedError

ID = "resp_core"
STORY = short_story(ID)
OK = Head(200, "OK", SSE, "1.1")
CUT = 4  # the first body breaks off after this many events
ENDINGS: dict[str, list[Piece]] = {
    "drop": [sse(*STORY[:CUT]), ConnectionResetError("reset by peer")],
    "cut": [sse(*STORY[:CUT]), b""],
    "stall": [sse(*STORY[:CUT]), TimeoutError("timed out")],
    "complete": [sse(*STORY), b"data: [DONE]\n\n", b""],
}
RESUMED: list[Piece] = [sse(*STORY[CUT:]), b""]


def answers(ending: str) -> list[tuple[Head, list[Piece]]]:
    return [(OK, ENDINGS[ending]), (OK, RESUMED), (OK, RESUMED)]


def start(client: ScriptedClient, hook: Any, counter: Any) -> StreamCore:
    stream = drive(
        client._call_steps("POST", "/responses", body={"model": "m", "background": True},
                           stream=True, resumable=True),
        hook, counter,
    )  # fmt: skip
    assert isinstance(stream, StreamCore)
    return stream


def never(n: int, action: IO) -> None:
    return None


def test_each_ending_without_interruption() -> None:
    """The baseline the interleavings are held to: a break resumes after the last event,
    and every event comes once, in order."""
    for ending in ENDINGS:
        client = ScriptedClient.scripted(answers(ending))
        counter = itertools.count()
        stream = start(client, never, counter)
        events = iterate(stream, never, counter)
        assert [e.sequence_number for e in events] == list(range(len(STORY))), ending
        assert client.pool.leaked() == []
        assert len(client.pool.opened) == (1 if ending == "complete" else 2)
        if ending != "complete":
            assert b"starting_after=3" in client.pool.opened[1].sent[0]


def steps_of(ending: str) -> int:
    client = ScriptedClient.scripted(answers(ending))
    counter = itertools.count()
    iterate(start(client, never, counter), never, counter)
    return next(counter)


class Interrupted(BaseException):
    """What a cancelled task or ``KeyboardInterrupt`` throws into the step under way."""


@pytest.mark.parametrize("how", ["close", "cancel", "interrupt"])
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_close_cancel_or_an_interruption_before_any_step(how: str, ending: str) -> None:
    for at in range(steps_of(ending)):
        one_interleaving(how, ending, at)


def one_interleaving(how: str, ending: str, at: int) -> None:
    """The stream read as a ``for`` loop does, ``how`` done before its step ``at``."""
    client = ScriptedClient.scripted(answers(ending))
    counter = itertools.count()
    stream: StreamCore | None = None
    closed_at: int | None = None
    asked: list[int] = []

    def hook(n: int, action: IO) -> BaseException | None:
        nonlocal closed_at
        if closed_at is not None and action[0].__name__ == "check_out":
            asked.append(n)
        if n != at or stream is None:
            return None
        closed_at = n
        if how == "interrupt":
            return Interrupted()
        if how == "close":
            stream._close()
        else:
            stream._to_cancel()
        return None

    events: list[Any] = []
    try:
        stream = start(client, hook, counter)
        events = iterate(stream, hook, counter)
    except Interrupted:
        assert how == "interrupt"
    except StreamInterruptedError:
        assert closed_at is None, "a closed stream raised"
    where = f"{how} before step {at} of {ending}"
    assert client.pool.leaked() == [], where
    assert asked == [], f"{where}: asked the server again after the stream was closed"
    numbers = [e.sequence_number for e in events]
    assert numbers == list(range(len(numbers))), where
    if closed_at is not None:  # what iterating it later gets: the end, at once
        assert stream is not None and iterate(stream, hook, counter) == [], where


# --- close() from another thread, between any two bytecodes of the reader -------------------

READER = {StreamLifecycle.next_event.__code__, StreamLifecycle._take.__code__,
          StreamCore._advance.__code__, StreamCore._read.__code__, StreamCore._end.__code__,
          StreamCore._abort.__code__, StreamCore._fail.__code__}  # fmt: skip
"""What the iterating thread runs while another may close the stream: taking an event,
queueing events, reading on, judging the end."""
QUEUED: dict[str, list[Piece]] = {  # every event queued at once: the close empties the queue
    "complete": [sse(*STORY), b"data: [DONE]\n\n", b""],
    "broken": [sse(*STORY[:CUT]) + b"data: {not json\n\n", b""],  # raised after the events
    "failed": [sse(*STORY[:CUT], {"error": {"message": "boom"}}), b""],  # so, an error frame
}


@contextlib.contextmanager
def before_each_bytecode(act: Callable[[int], object]) -> Iterator[None]:
    """``act(n)`` called in this thread before the n-th bytecode it runs in ``READER``: a
    close done there is one that another thread did between those two bytecodes."""
    count = itertools.count()

    def opcode(frame: FrameType, event: str, arg: object) -> Any:
        if event == "opcode":
            act(next(count))
        return opcode

    def call(frame: FrameType, event: str, arg: object) -> Any:
        if frame.f_code not in READER:
            return None
        frame.f_trace_opcodes, frame.f_trace_lines = True, False
        return opcode

    previous = sys.gettrace()
    prime_opcode_tracing()
    sys.settrace(call)
    try:
        yield
    finally:
        sys.settrace(previous)


def prime_opcode_tracing() -> None:
    """Trace one throwaway call with opcode events: CPython 3.12.1 sends none to the
    first frame a process traces so (later releases do), and the count would be 0."""

    def nothing() -> None:
        return None

    def call(frame: FrameType, event: str, arg: object) -> Any:
        frame.f_trace_opcodes = True
        return lambda *_: None

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        nothing()
    finally:
        sys.settrace(previous)


class Reading:
    """A ``for`` loop over a stream of ``ending`` closed before the reader's bytecode
    ``at`` (never, if there is none such): the numbers of the events it got, and how
    many bytecodes it ran. The story's own failure may be raised only if the stream had
    it before the close: the reader had decided to raise it."""

    def __init__(self, ending: str, at: int = -1) -> None:
        self.client = ScriptedClient.scripted([(OK, QUEUED[ending])])
        counter = itertools.count()
        self.stream = stream = start(self.client, never, counter)
        self.bytecodes = 0
        failed_first = False
        events: list[Any] = []

        def act(n: int) -> None:
            nonlocal failed_first
            self.bytecodes = n + 1
            if n == at:
                failed_first = stream.failure is not None or stream._failure is not None
                stream._close()

        with before_each_bytecode(act):
            try:
                while (event := stream._lifecycle.next_event() or
                        drive(stream._advance(), never, counter)) is not None:  # fmt: skip
                    events.append(event)
            except (EventParseError, ResponseFailedError):
                assert ending != "complete", f"{ending}, closed at {at}"
                assert at < 0 or failed_first, f"raised after the close before bytecode {at}"
        self.numbers = [event.sequence_number for event in events]


@pytest.mark.parametrize("ending", list(QUEUED))
def test_a_close_between_any_two_bytecodes_of_the_reader_ends_it_quietly(ending: str) -> None:
    """The reader gets whole events, in order, each once, then ends: never an
    ``IndexError`` from the queue emptied under it, never ``raise None``."""
    bytecodes = Reading(ending).bytecodes
    assert bytecodes > 100
    for at in range(bytecodes):
        reading = Reading(ending, at)
        where = f"{ending}, closed before bytecode {at} of {bytecodes}"
        assert reading.numbers == list(range(len(reading.numbers))), where
        assert iterate(reading.stream, never, itertools.count()) == [], where
        assert reading.client.pool.leaked() == [], where


class SyncClient(ScriptedClient):
    """A scripted client whose streams are the blocking shell's ``Stream``."""

    @property
    def _stream_type(self) -> type[StreamCore]:
        return Stream


def read_letting_go(
    stream: Stream, at: int, woken: threading.Event, taken: list[int], outcome: list[object]
) -> None:
    """A ``for`` loop over ``stream`` that wakes the closing thread before the reader's
    bytecode ``at`` and from there lets go of the GIL before each, so that the close can
    land between any two, as on a free-threaded build."""

    def act(n: int) -> None:
        if n == at:
            woken.set()
        if n >= at:
            time.sleep(0)

    with before_each_bytecode(act):
        try:
            taken.extend(event.sequence_number for event in stream)
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append("ended")
        finally:
            woken.set()


def test_a_close_from_another_thread_while_iterating_ends_the_loop_quietly_every_time() -> None:
    """Real threads and a real ``Stream``, many times: the loop gets whole events in order,
    then ends, raising nothing, wherever the close lands (seeded)."""
    rng = random.Random(8)
    bytecodes = Reading("complete").bytecodes
    for trial in range(100):
        client = SyncClient.scripted([(OK, QUEUED["complete"])])
        stream = run(client._call_steps("POST", "/responses", body={"model": "m"}, stream=True))
        assert isinstance(stream, Stream)
        at, woken = rng.randrange(bytecodes), threading.Event()
        taken: list[int] = []
        outcome: list[object] = []
        reader = threading.Thread(target=read_letting_go,
                                  args=(stream, at, woken, taken, outcome))  # fmt: skip
        reader.start()
        assert woken.wait(30)
        stream.close()
        reader.join(30)
        assert not reader.is_alive()
        assert outcome == ["ended"], f"trial {trial}: woken at bytecode {at}"
        assert taken == list(range(len(taken))), f"trial {trial}: woken at bytecode {at}"
        assert client.pool.leaked() == [], f"trial {trial}"
