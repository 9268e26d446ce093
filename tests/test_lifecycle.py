# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The stream's decisions without a socket: which events are delivered, which response
it is, and how it ended. Every case holds under every chunking of its bytes."""

from __future__ import annotations

import json
import logging
import random
from typing import Any, SupportsIndex

import pytest
from conftest import chunkings

from openresponses_min import (
    EventParseError,
    OpenResponsesError,
    ResponseFailedError,
    ResponseTooLargeError,
    StreamInterruptedError,
    StreamTimeoutError,
)
from openresponses_min._core.lifecycle import StreamLifecycle, _Numbers
from openresponses_min.mock import answer_events

ID = "resp_life"
STORY = answer_events({"model": "m", "input": "a short story"}, ID)
TEXT = STORY[-1]["response"]["output"][0]["content"][0]["text"]


def sse(*payloads: dict[str, Any] | str) -> bytes:
    """An event stream of ``payloads`` (a string is sent as the data as it is)."""
    blocks = [p if isinstance(p, str) else json.dumps(p, ensure_ascii=False) for p in payloads]
    return "".join(f"data: {block}\n\n" for block in blocks).encode()


def run(
    body: bytes, **options: Any
) -> tuple[list[dict[str, Any]], OpenResponsesError | None, StreamLifecycle]:
    """The events delivered and the verdict at the end of ``body``, the same under every
    chunking (each is checked)."""
    outcomes = []
    for pieces in chunkings(body, random_splits=4):
        lifecycle = StreamLifecycle(**options)
        events = [event.to_dict() for piece in pieces for event in fed(lifecycle, piece)]
        lifecycle.end_of_body()
        verdict = lifecycle.verdict()
        outcomes.append((events, type(verdict), str(verdict)))
        assert outcomes[-1] == outcomes[0]
    return events, verdict, lifecycle


def fed(lifecycle: StreamLifecycle, chunk: bytes) -> list[Any]:
    """The events ``chunk`` completes, taken."""
    lifecycle.feed(chunk)
    return list(iter(lifecycle.next_event, None))


def numbered(*kinds: str, start: int = 0) -> list[dict[str, Any]]:
    return [{"type": kind, "sequence_number": start + n} for n, kind in enumerate(kinds)]


# --- how it ended ---------------------------------------------------------------------------


def test_a_completed_stream_ends_normally() -> None:
    events, verdict, lifecycle = run(sse(*STORY))
    assert events == STORY and verdict is None
    assert lifecycle.accumulator.response.output_text == TEXT
    assert (lifecycle.response_id, lifecycle.last_sequence_number) == (ID, len(STORY) - 1)


def test_an_error_event_then_completed_ends_normally() -> None:
    """The terminal event decides: the error event was delivered, and nothing more."""
    error = {"type": "error", "sequence_number": 5, "code": "flaky", "message": "Retrying."}
    events, verdict, _ = run(sse(*STORY[:5], error, *STORY[5:]))
    assert error in events and verdict is None


def test_an_error_event_then_the_end_is_a_failure() -> None:
    error = {"type": "error", "sequence_number": 5, "code": "server_error", "message": "Boom."}
    _, verdict, _ = run(sse(*STORY[:5], error))
    assert isinstance(verdict, ResponseFailedError)
    assert (verdict.code, verdict.message) == ("server_error", "Boom.")
    assert verdict.response.output_text == STORY[4]["delta"]


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        ({"code": "server_error", "message": "Boom."}, "server_error", "Boom."),
        ("upstream timed out", None, "upstream timed out"),  # a bare string, as some send
        ({"code": 500, "message": {"detail": "x"}}, "500", '{"detail": "x"}'),
        ({"code": None, "message": None}, None, "no reason given"),
        (None, None, "no reason given"),
        (42, None, "42"),
    ],
)
def test_response_failed_whatever_shape_its_error_has(
    error: object, code: str | None, message: str
) -> None:
    failed = {"type": "response.failed", "sequence_number": 1,
              "response": {"id": ID, "status": "failed", "error": error}}  # fmt: skip
    _, verdict, _ = run(sse(STORY[0], failed))
    assert isinstance(verdict, ResponseFailedError)
    assert (verdict.code, verdict.message) == (code, message)
    assert verdict.response.status == "failed"


@pytest.mark.parametrize(
    ("frame", "code", "message"),
    [
        ({"error": {"message": "litellm.APIError: upstream 500", "code": "500"}}, "500",
         "litellm.APIError: upstream 500"),
        ({"error": "Rate limited"}, None, "Rate limited"),
        ({"error": {"message": "m", "type": "x", "param": None, "code": 429}}, "429", "m"),
    ],
)  # fmt: skip
def test_an_error_frame_without_a_type_is_a_failure_after_the_events_before_it(
    frame: dict[str, Any], code: str | None, message: str
) -> None:
    """LiteLLM's proxy reports an upstream failure mid-stream so."""
    events, verdict, lifecycle = run(sse(*STORY[:6], frame, *STORY[6:]))
    assert events == STORY[:6]  # nothing after it is read
    assert isinstance(verdict, ResponseFailedError)
    assert (verdict.code, verdict.message) == (code, message)
    assert not lifecycle.can_resume()


@pytest.mark.parametrize("payload", [{"delta": "x"}, {"error": None}, {"error": ""}, [1], "7"])
def test_other_payloads_without_a_type_break_the_format(payload: object) -> None:
    events, verdict, _ = run(sse(STORY[0], json.dumps(payload), STORY[1]))
    assert events == STORY[:1]
    assert isinstance(verdict, EventParseError)


def test_no_terminal_event_is_an_interruption() -> None:
    events, verdict, lifecycle = run(sse(*STORY[:-3]) + b"data: [DONE]\n\n")
    assert events == STORY[:-3]
    assert type(verdict) is StreamInterruptedError
    assert "without a terminal event" in str(verdict)
    assert lifecycle.can_resume()


def test_a_break_says_why_and_a_stall_is_a_timeout() -> None:
    lifecycle = StreamLifecycle()
    fed(lifecycle, sse(*STORY[:4]))
    verdict = lifecycle.verdict("no data within the read timeout", timed_out=True)
    assert type(verdict) is StreamTimeoutError
    assert str(verdict).endswith("after event 3 of response resp_life: no data within the read "
                                 "timeout")  # fmt: skip


# --- which events are delivered -------------------------------------------------------------


def test_events_delivered_before_are_dropped_and_new_ones_kept_in_arrival_order(
    caplog: pytest.LogCaptureFixture,
) -> None:
    order = [0, 1, 2, 2, 1, 3, 6, 4, 7, *range(8, len(STORY))]
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        events, verdict, _ = run(sse(*(STORY[n] for n in order)))
    assert [e["sequence_number"] for e in events] == [0, 1, 2, 3, 6, 4, 7, *range(8, len(STORY))]
    assert verdict is None
    warnings = {r.getMessage() for r in caplog.records}
    assert warnings == {f"2 events missing before event 6 of response {ID}",
                        f"event 4 of response {ID} came after event 6"}  # fmt: skip


def test_a_steers_answer_numbered_apart_is_never_taken_for_a_repeat(
    caplog: pytest.LogCaptureFixture,
) -> None:
    refused = {"type": "response.steer.failed", "sequence_number": 0,
               "error": {"code": "response_not_active", "message": "no"}}  # fmt: skip
    accepted = {"type": "response.steer.accepted", "sequence_number": 1, "steer": {"id": "s"}}
    body = sse(STORY[0], refused, STORY[1], accepted, *STORY[2:])
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        events, verdict, _ = run(body)
    kinds = [e["type"] for e in events]
    assert kinds[1] == "response.steer.failed" and kinds[3] == "response.steer.accepted"
    assert [e["sequence_number"] for e in events[4:]] == list(range(2, len(STORY)))
    assert verdict is None and not caplog.records


def test_a_gap_of_one_event_is_logged_too(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        events, _, _ = run(sse(*STORY[:3], *STORY[4:]))
    assert len(events) == len(STORY) - 1
    assert {r.getMessage() for r in caplog.records} == {f"1 event missing before event 4 of "
                                                        f"response {ID}"}  # fmt: skip


def test_one_event_numbered_two_to_the_64_costs_two_warnings_and_nothing_else(
    caplog: pytest.LogCaptureFixture,
) -> None:
    huge = {**STORY[5], "sequence_number": 2**64 - 1}
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        events, verdict, lifecycle = run(sse(*STORY[:5], huge, *STORY[6:]))
    assert len(events) == len(STORY)  # every event delivered, the terminal one included
    assert verdict is None
    assert lifecycle.accumulator.response.output_text == TEXT
    assert lifecycle.last_sequence_number == len(STORY) - 1
    assert {r.getMessage() for r in caplog.records} == {
        f"{2**64 - 6} events missing before event {2**64 - 1} of response {ID}",
        f"event 6 of response {ID} came after event {2**64 - 1}",
    }
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        fed(StreamLifecycle(), sse(*STORY[:5], huge, *STORY[6:]))
    assert len(caplog.records) == 2


def test_events_without_sequence_numbers_are_all_delivered_but_cannot_be_resumed() -> None:
    plain = [{k: v for k, v in event.items() if k != "sequence_number"} for event in STORY[:-1]]
    events, verdict, lifecycle = run(sse(*plain, plain[-1]))
    assert len(events) == len(plain) + 1
    assert isinstance(verdict, StreamInterruptedError)
    assert lifecycle.last_sequence_number is None and not lifecycle.can_resume()


def test_a_stream_asked_for_after_an_event_drops_what_comes_before_it() -> None:
    events, verdict, _ = run(sse(*STORY), asked_for=ID, after=9)
    assert [e["sequence_number"] for e in events] == list(range(10, len(STORY)))
    assert verdict is None


def test_non_integer_sequence_numbers_are_no_numbers() -> None:
    odd = [{**STORY[1], "sequence_number": value} for value in (True, 1.5, "2", None, [3])]
    events, _, lifecycle = run(sse(STORY[0], *odd))
    assert len(events) == 1 + len(odd)
    assert lifecycle.last_sequence_number == 0


# --- which response it is -------------------------------------------------------------------


def test_the_response_id_is_the_first_snapshots() -> None:
    created, progress = STORY[0], {**STORY[1], "response": {**STORY[1]["response"], "id": "other"}}
    _, _, lifecycle = run(sse(created, progress, *STORY[2:]))
    assert lifecycle.response_id == ID


@pytest.mark.parametrize("odd_id", [42, "", None, ["resp"], {"id": "x"}])
def test_a_response_id_that_is_not_a_string_is_no_id(odd_id: object) -> None:
    snapshots = [{**e, "response": {**e["response"], "id": odd_id}} for e in STORY[:2]]
    _, verdict, lifecycle = run(sse(*snapshots, *STORY[2:4]))
    assert lifecycle.response_id is None
    assert not lifecycle.can_resume()  # a resume needs an id to ask for
    assert isinstance(verdict, StreamInterruptedError)


def test_a_body_asked_for_one_response_that_carries_another_is_refused() -> None:
    other = answer_events({"model": "m", "input": "another story"}, "resp_other")
    events, verdict, lifecycle = run(sse(*other), asked_for=ID, after=2)
    assert events == []  # its first event names it, even as a number delivered before
    events, verdict, lifecycle = run(sse(*other[3:]), asked_for=ID, after=2)
    assert events == other[3:-1]  # deltas name no response: up to its completed snapshot
    assert type(verdict) is StreamInterruptedError
    assert "events of response resp_other, not of resp_life" in str(verdict)
    assert lifecycle.accumulator.terminal is None
    assert not lifecycle.can_resume()


def test_events_after_the_terminal_one_are_delivered_but_change_nothing() -> None:
    after = [
        {"type": "response.output_text.delta", "sequence_number": 100, "output_index": 0,
         "content_index": 0, "item_id": STORY[2]["item"]["id"], "delta": " and more"},
        {"type": "response.failed", "sequence_number": 101, "response": {"id": ID,
         "status": "failed"}},
        {"type": "error", "sequence_number": 102, "message": "late"},
    ]  # fmt: skip
    events, verdict, lifecycle = run(sse(*STORY, *after))
    assert events == [*STORY, *after]
    assert verdict is None
    response = lifecycle.accumulator.response
    assert response.status == "completed" and response.output_text == TEXT


# --- limits ---------------------------------------------------------------------------------


def test_the_response_size_counts_every_body_across_resumes() -> None:
    body = sse(*STORY[:10])
    lifecycle = StreamLifecycle(max_response_size=len(body) + 100)
    assert len(fed(lifecycle, body)) == 10
    lifecycle.resuming()
    assert fed(lifecycle, body) == []  # a replay: nothing new, but its bytes count
    assert isinstance(lifecycle.broken, ResponseTooLargeError)
    assert lifecycle.broken.received == 2 * len(body)
    assert lifecycle.verdict() is lifecycle.broken and lifecycle.done


class LinesDecoder:
    """A decoder of one JSON event per line, as a WebSocket connection gives one per
    message: the lifecycle takes any decoder that keeps EventDecoder's interface."""

    def __init__(self, max_event_size: int) -> None:
        self.done, self.failure, self.error_frame = False, None, None
        self._held = b""

    def feed(self, chunk: bytes) -> list[Any]:
        from openresponses_min import parse_event

        *lines, self._held = (self._held + chunk).split(b"\n")
        return [parse_event(json.loads(line)) for line in lines if line]

    def close(self) -> None:
        pass


def test_the_decoder_is_pluggable() -> None:
    body = b"".join(json.dumps(event).encode() + b"\n" for event in STORY)
    events, verdict, lifecycle = run(body, decoder=LinesDecoder)
    assert events == STORY and verdict is None
    assert lifecycle.accumulator.response.output_text == TEXT


# --- the sequence numbers delivered ---------------------------------------------------------


def orders(rng: random.Random, start: int) -> list[int]:
    """A stretch of numbers from about ``start``, in one of the orders a server, a proxy or
    a hostile peer could send them."""
    size = rng.randint(1, 60)
    step = rng.choice((1, 1, 2, rng.randint(1, 9)))
    stretch = list(range(start, start + size * step, step))
    kind = rng.choice(("ascending", "descending", "shuffled", "repeated", "replay", "odd"))
    if kind == "descending":
        stretch.reverse()
    elif kind == "shuffled":
        rng.shuffle(stretch)
    elif kind == "repeated":
        stretch = [n for n in stretch for _ in range(rng.randint(1, 3))]
    elif kind == "replay":  # what came before, again (a resume after a drop)
        stretch = list(range(max(0, start - size), start + 1))
    elif kind == "odd":
        stretch = [rng.choice((-1, 0, 2**64 - 1, -(2**63), start)) for _ in range(3)]
    return stretch


@pytest.mark.parametrize("seed", range(60))
def test_the_numbers_delivered_are_remembered_as_a_set_would_in_any_order(seed: int) -> None:
    rng = random.Random(seed)
    after = rng.choice((None, rng.randint(-3, 40)))
    numbers = _Numbers(after)
    oracle: set[int] = set()
    for _ in range(rng.randint(1, 30)):
        for number in orders(rng, rng.randint(0, 400)):
            new = number not in oracle and (after is None or number > after)
            assert numbers.add(number) is new, (seed, after, number)
            oracle.add(number)


@pytest.mark.parametrize("seed", range(20))
def test_a_stream_delivers_each_number_once_in_arrival_order_whatever_the_order(seed: int) -> None:
    """The same through the lifecycle, whose next number in order skips ``add``."""
    rng = random.Random(seed)
    after = rng.choice((None, rng.randint(0, 40)))
    sent = [n for _ in range(rng.randint(1, 10)) for n in orders(rng, rng.randint(0, 200))]
    lifecycle = StreamLifecycle(after=after)
    delivered = fed(lifecycle, sse(*({**STORY[4], "sequence_number": n} for n in sent)))
    fresh = [n for n in dict.fromkeys(sent) if after is None or n > after]
    assert [event.sequence_number for event in delivered] == fresh


class Runs(list[float]):
    """A run list that counts the edits that move what comes after them: each is as costly
    as the list is long."""

    def __init__(self, items: list[float]) -> None:
        super().__init__(items)
        self.shifts = 0

    def insert(self, index: SupportsIndex, value: float) -> None:
        self.shifts += index.__index__() < len(self)
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> float:
        self.shifts += index.__index__() % len(self) < len(self) - 1
        return super().pop(index)

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        last = isinstance(index, SupportsIndex) and index.__index__() % len(self) == len(self) - 1
        self.shifts += not last
        super().__delitem__(index)


@pytest.mark.parametrize(
    "order",
    [
        list(range(100_000, 0, -2)),  # descending, gapped: the hostile order
        random.Random(3).sample(range(0, 20_000, 2), 10_000),  # shuffled, gapped
        [n for k in range(0, 5000, 2) for n in (k + 1, k)],  # pairs swapped
        [n for k in range(0, 5000, 10) for n in (k + 9, k + 5, k)],  # each group backwards
    ],
    ids=["descending", "shuffled", "pairs swapped", "groups backwards"],
)
def test_no_order_of_numbers_makes_each_one_cost_as_much_as_those_before_it(
    order: list[int],
) -> None:
    """No timing: what made a number cost as much as the numbers before it was inserting
    it in the middle of the run lists, so none may be, whatever the order."""
    numbers = _Numbers()
    numbers.starts = starts = Runs([])
    numbers.ends = ends = Runs([])
    assert all(numbers.add(number) for number in order)
    assert not any(numbers.add(number) for number in order)
    assert (starts.shifts, ends.shifts) == (0, 0)


def test_a_hostile_order_costs_a_few_warnings_not_one_per_event(
    caplog: pytest.LogCaptureFixture,
) -> None:
    events = [{**STORY[4], "sequence_number": n} for n in range(2000, 0, -2)]
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        delivered = fed(StreamLifecycle(), sse(STORY[0], *events))
    assert len(delivered) == 1 + len(events)
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 11  # ten, then one saying the rest are not reported
    assert warnings[:2] == [f"1999 events missing before event 2000 of response {ID}",
                            f"event 1998 of response {ID} came after event 2000"]  # fmt: skip
    assert warnings[-1] == f"more events of response {ID} out of order: not reported"
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="openresponses_min"):
        fed(StreamLifecycle(), sse(STORY[0], *events))
    assert len(caplog.records) == 11  # counted per stream
