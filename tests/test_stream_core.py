# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The stream core's lifecycle without a socket: its I/O scripted (``scripted``), and the
user's close, cancel or an interruption (a cancelled task, ``KeyboardInterrupt``) tried
before every step it takes, through drops, cuts, stalls, resume waits, resumes and ends.
Whatever the interleaving: no connection is left open or held, nothing is asked of the
server after the stream was closed, nothing is delivered twice, and a closed stream ends
quietly."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from scripted import SSE, Piece, ScriptedClient, drive, iterate, short_story, sse

from openresponses_min._http11 import Head
from openresponses_min._steps import IO
from openresponses_min._stream import StreamCore
from openresponses_min.errors import StreamInterruptedError

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
