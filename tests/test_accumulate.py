# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Rebuilding responses from events: the proof over every capture, and the odd streams."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import capture_payloads

from openresponses_min import Event, FunctionArgumentsError, ResponseAccumulator, parse_event
from openresponses_min.events import ResponseCompletedEvent
from openresponses_min.response import (
    FunctionCallItem,
    MessageItem,
    OutputTextPart,
    ReasoningItem,
    RefusalPart,
    Response,
)

FINAL = (".done", "response.completed")
KEPT_WITH_DELTAS = ("response.created", "response.in_progress", "response.queued")


def essence(response: Response) -> list[Any]:
    """What the proof compares: text, refusals, function-call arguments, summaries."""
    out: list[Any] = []
    for item in response.output:
        if isinstance(item, MessageItem):
            texts = [p.text for p in item.content if isinstance(p, OutputTextPart)]
            refusals = [p.refusal for p in item.content if isinstance(p, RefusalPart)]
            out.append(("message", texts, refusals))
        elif isinstance(item, FunctionCallItem):
            out.append(("function_call", item.name, item.arguments))
        elif isinstance(item, ReasoningItem):
            out.append(("reasoning", [part.to_dict().get("text") for part in item.summary]))
        else:
            out.append((item.type,))
    return out


def rebuild(events: list[Event]) -> Response:
    accumulator = ResponseAccumulator()
    for event in events:
        accumulator.add(event)
    return accumulator.response


def completed_captures(captures: list[Path]) -> list[tuple[str, list[Event], Response]]:
    found = []
    for path in captures:
        events = [parse_event(p) for p in capture_payloads(path)]
        if isinstance(events[-1], ResponseCompletedEvent):
            found.append((path.name, events[:-1], events[-1].response))
    return found


def test_all_but_the_completed_snapshot_rebuilds_the_output(captures: list[Path]) -> None:
    cases = completed_captures(captures)
    assert cases, "no capture ends in response.completed"
    for name, events, final in cases:
        assert essence(rebuild(events)) == essence(final), name


def test_the_deltas_alone_rebuild_the_output(captures: list[Path]) -> None:
    """Every .done event withheld too: text, arguments and summaries come from deltas."""
    for name, events, final in completed_captures(captures):
        deltas = [e for e in events if not e.type.endswith(FINAL) or e.type in KEPT_WITH_DELTAS]
        rebuilt = essence(rebuild(deltas))
        expected = essence(final)
        for got, wanted in zip(rebuilt, expected, strict=True):
            if wanted[0] in ("message", "function_call", "reasoning"):
                assert got == wanted, name
        assert rebuild(deltas).output_text == final.output_text, name


def test_events_are_not_changed(captures: list[Path]) -> None:
    for path in captures:
        payloads = capture_payloads(path)
        events = [parse_event(p) for p in payloads]
        rebuild(events)
        assert [e.to_dict() for e in events] == payloads, path.name


def test_an_incomplete_stream_with_items_never_closed(captures: list[Path]) -> None:
    [path] = [p for p in captures if p.name == "vercel-ai__xai-grok3-incomplete.sse"]
    accumulator = ResponseAccumulator()
    for payload in capture_payloads(path):
        accumulator.add(parse_event(payload))
    response = accumulator.response
    assert response.status == "incomplete"
    assert response.incomplete_details is not None
    assert response.incomplete_details.reason == "REASON_MAX_LEN"
    assert accumulator.terminal is not None
    assert len(response.output_text) > 100


def test_a_failed_stream_keeps_its_error(captures: list[Path]) -> None:
    [path] = [p for p in captures if p.name == "vercel-ai__openai-error-insufficient-quota.sse"]
    accumulator = ResponseAccumulator()
    for payload in capture_payloads(path):
        accumulator.add(parse_event(payload))
    assert accumulator.error is not None
    assert accumulator.error.code == "insufficient_quota"
    assert accumulator.response.status == "failed"
    assert accumulator.response.error is not None


def delta(n: int, text: str, **fields: Any) -> dict[str, Any]:
    return {"type": "response.output_text.delta", "sequence_number": n, "output_index": 0,
            "content_index": 0, "item_id": "msg_a", "delta": text, **fields}  # fmt: skip


def test_deltas_without_any_announcement_still_make_a_message() -> None:
    accumulator = ResponseAccumulator()
    for n, word in enumerate(["Hel", "lo", "!"]):
        accumulator.add(parse_event(delta(n, word)))
    [item] = accumulator.response.output
    assert isinstance(item, MessageItem)
    assert (item.id, item.role) == ("msg_a", "assistant")
    assert accumulator.output_text == "Hello!"


def test_a_part_for_an_item_without_parts_leaves_its_json_as_received() -> None:
    # The item's class declares no content; its JSON has one, which reads as an attribute
    # but is not the accumulator's to grow.
    widget = {"type": "acme:widget", "id": "w_1", "content": [{"type": "acme:knob"}]}
    accumulator = ResponseAccumulator()
    accumulator.add(parse_event({"type": "response.output_item.added", "sequence_number": 0,
                                 "output_index": 0, "item": widget}))  # fmt: skip
    part = {"type": "output_text", "text": "", "annotations": []}
    accumulator.add(parse_event({"type": "response.content_part.added", "sequence_number": 1,
                                 "output_index": 0, "content_index": 0, "part": part}))  # fmt: skip
    [item] = accumulator.response.output
    assert item.to_dict() == widget
    assert json.loads(json.dumps(accumulator.response.to_dict()))["output"] == [widget]


def test_rotating_item_ids_follow_the_output_index() -> None:
    accumulator = ResponseAccumulator()
    item = {"type": "message", "id": "msg_1", "content": []}
    accumulator.add(
        parse_event({"type": "response.output_item.added", "output_index": 0, "item": item})
    )
    for n, (item_id, word) in enumerate([("msg_1", "a"), ("msg_2", "b"), ("msg_3", "c")]):
        accumulator.add(parse_event(delta(n, word, item_id=item_id)))
    assert accumulator.output_text == "abc"
    assert len(accumulator.response.output) == 1


def test_item_id_is_the_fallback_when_the_index_is_missing() -> None:
    accumulator = ResponseAccumulator()
    for index, item_id in enumerate(["fc_1", "fc_2"]):
        item = {"type": "function_call", "id": item_id, "call_id": f"c{index}", "name": "f",
                "arguments": ""}  # fmt: skip
        accumulator.add(parse_event({"type": "response.output_item.added",
                                     "output_index": index, "item": item}))  # fmt: skip
    accumulator.add(parse_event({"type": "response.function_call_arguments.delta",
                                 "item_id": "fc_2", "delta": '{"x": 1}'}))  # fmt: skip
    first, second = accumulator.response.output
    assert isinstance(first, FunctionCallItem) and isinstance(second, FunctionCallItem)
    assert (first.arguments, second.arguments) == ("", '{"x": 1}')


def test_snapshots_are_adopted_but_an_empty_one_keeps_the_rebuilt_output() -> None:
    accumulator = ResponseAccumulator()
    accumulator.add(parse_event(delta(0, "kept")))
    progress = {"id": "r", "status": "in_progress", "output": []}
    accumulator.add(parse_event({"type": "response.in_progress", "response": progress}))
    assert (accumulator.response.id, accumulator.output_text) == ("r", "kept")
    message = {"type": "message", "content": [{"type": "output_text", "text": "S"}]}
    snapshot = {"id": "r", "status": "completed", "output": [message]}
    accumulator.add(parse_event({"type": "response.completed", "response": snapshot}))
    assert (accumulator.response.status, accumulator.output_text) == ("completed", "S")


def test_unknown_events_and_odd_values_are_survived() -> None:
    accumulator = ResponseAccumulator()
    for payload in [
        {"type": "response.in_progress", "response": {"output": 7}},
        {"type": "response.in_progress", "response": {"output": [1, {"type": "acme:x"}, None]}},
        {"type": "acme:trace", "x": 1},
        {"type": "response.output_text.delta", "delta": 5},
        {"type": "response.output_text.delta", "output_index": "zero", "delta": "a"},
        {"type": "response.content_part.added", "part": None},
        {"type": "response.output_item.added", "item": {"type": "acme:thing", "id": "t"}},
        {"type": "response.completed", "response": "not an object"},
        {"type": "response.refusal.done", "output_index": 9, "refusal": "No."},
    ]:
        accumulator.add(parse_event(payload))
    assert "a" in accumulator.output_text
    assert accumulator.response.to_dict()["output"]


def test_function_calls_are_parsed_and_bad_json_is_named() -> None:
    accumulator = ResponseAccumulator()
    good = {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
            "arguments": '{"city": "Paris"}'}  # fmt: skip
    accumulator.add(parse_event({"type": "response.output_item.done", "output_index": 0,
                                 "item": good}))  # fmt: skip
    [call] = accumulator.function_calls()
    assert (call.call_id, call.name, call.arguments) == ("call_1", "get_weather", {"city": "Paris"})
    bad = {**good, "id": "fc_2", "call_id": "call_2", "name": "book", "arguments": '{"when": '}
    accumulator.add(parse_event({"type": "response.output_item.done", "output_index": 1,
                                 "item": bad}))  # fmt: skip
    with pytest.raises(FunctionArgumentsError, match="'book' \\(call_2\\)") as caught:
        accumulator.function_calls()
    assert isinstance(caught.value, ValueError)
    assert caught.value.call.call_id == "call_2"
    deep = {**good, "id": "fc_3", "arguments": "[" * 100_000 + "]" * 100_000}
    accumulator.add(parse_event({"type": "response.output_item.done", "output_index": 1,
                                 "item": deep}))  # fmt: skip
    with pytest.raises(FunctionArgumentsError, match="recursion"):
        accumulator.function_calls()


def test_many_deltas_are_joined_once() -> None:
    accumulator = ResponseAccumulator()
    for n in range(20_000):
        accumulator.add(parse_event(delta(n, "x")))
    assert accumulator.output_text == "x" * 20_000
    accumulator.add(parse_event(delta(20_000, "y")))
    assert accumulator.output_text.endswith("xy")


def test_interleaved_items_without_indices_stay_apart() -> None:
    accumulator = ResponseAccumulator()
    for item_id in ("msg_a", "msg_b"):
        item = {"type": "message", "id": item_id, "content": []}
        accumulator.add(parse_event({"type": "response.output_item.added", "item": item}))
    words = [("msg_a", "a1"), ("msg_a", "a2"), ("msg_b", "b1"), ("msg_a", "a3"), ("msg_b", "b2")]
    for item_id, word in words:
        payload = {"item_id": item_id, "content_index": 0, "delta": word}
        accumulator.add(parse_event({"type": "response.output_text.delta", **payload}))
    first, second = accumulator.response.output
    assert first.to_dict()["content"][0]["text"] == "a1a2a3"
    assert second.to_dict()["content"][0]["text"] == "b1b2"


def synthetic_stream() -> list[dict[str, Any]]:
    """Every kind of event the accumulator grows things from, for one message, one
    reasoning item and one function call, each announced empty and then grown."""
    at = {"item_id": "msg", "output_index": 0, "content_index": 0}
    rs = {"item_id": "rs", "output_index": 1, "summary_index": 0}
    fc = {"item_id": "fc", "output_index": 2}
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": {"id": "r", "status": "in_progress",
                                                  "output": []}},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {"type": "message", "id": "msg", "role": "assistant", "content": []}},
        {"type": "response.content_part.added", **at,
         "part": {"type": "output_text", "text": "", "annotations": []}},
        {"type": "response.output_text.delta", **at, "delta": "Hel"},
        {"type": "response.output_text.annotation.added", **at, "annotation_index": 0,
         "annotation": {"type": "url_citation", "url": "https://x", "start_index": 0}},
        {"type": "response.output_text.delta", **at, "delta": "lo"},
        {"type": "response.output_item.added", "output_index": 1,
         "item": {"type": "reasoning", "id": "rs", "summary": []}},
        {"type": "response.reasoning_summary_part.added", **rs,
         "part": {"type": "summary_text", "text": ""}},
        {"type": "response.reasoning_summary_text.delta", **rs, "delta": "Think"},
        {"type": "response.output_item.added", "output_index": 2,
         "item": {"type": "function_call", "id": "fc", "call_id": "c", "name": "f",
                  "arguments": ""}},
        {"type": "response.function_call_arguments.delta", **fc, "delta": '{"a": 1}'},
        {"type": "response.output_text.done", **at, "text": "Hello"},
        {"type": "response.completed", "response": {"id": "r", "status": "completed"}},
    ]  # fmt: skip
    return [{**event, "sequence_number": n} for n, event in enumerate(events)]


def test_events_are_not_changed_by_what_is_grown_from_them() -> None:
    """Without any capture: the items and parts events carry stay as they came."""
    payloads = synthetic_stream()
    events = [parse_event(payload) for payload in payloads]
    before = [repr(event) for event in events]
    response = rebuild(events)
    assert response.output_text == "Hello"
    assert response.output[1].to_dict()["summary"][0]["text"] == "Think"
    assert [repr(event) for event in events] == before
    assert [event.to_dict() for event in events] == payloads


def test_nothing_after_the_terminal_event_changes_the_response() -> None:
    events = [parse_event(p) for p in synthetic_stream()]
    late = [
        {"type": "response.output_text.delta", "sequence_number": 90, "item_id": "msg",
         "output_index": 0, "content_index": 0, "delta": " and more"},
        {"type": "response.failed", "sequence_number": 91, "response": {"status": "failed"}},
        {"type": "error", "sequence_number": 92, "message": "late"},
    ]  # fmt: skip
    accumulator = ResponseAccumulator()
    for event in [*events, *(parse_event(p) for p in late)]:
        accumulator.add(event)
    assert accumulator.response.status == "completed"
    assert accumulator.output_text == "Hello"
    assert accumulator.error is None
    assert isinstance(accumulator.terminal, ResponseCompletedEvent)


def test_a_surrogate_pair_split_between_deltas_is_one_character() -> None:
    """JavaScript servers cut text between UTF-16 code units."""
    accumulator = ResponseAccumulator()
    pieces = ["Smile \ud83d", "\ude00 and ", "\ud83c", "\udf89", " lone \udc00"]
    for n, piece in enumerate(pieces):
        accumulator.add(parse_event(delta(n, piece)))
        if n == 1:
            assert accumulator.output_text == "Smile 😀 and "  # read half-way: joined
    assert accumulator.output_text == "Smile 😀 and 🎉 lone \udc00"  # a lone one stays
    [item] = accumulator.response.output
    assert item.to_dict()["content"][0]["text"] == "Smile 😀 and 🎉 lone \udc00"


def test_deltas_into_a_field_that_holds_no_string_start_it_afresh() -> None:
    accumulator = ResponseAccumulator()
    item = {"type": "function_call", "id": "fc", "call_id": "c", "name": "f", "arguments": {"a": 0}}
    accumulator.add(parse_event({"type": "response.output_item.added", "output_index": 0,
                                 "item": item}))  # fmt: skip
    for piece in ['{"a":', 7, " 1}"]:
        at = {"output_index": 0, "item_id": "fc", "delta": piece}
        accumulator.add(parse_event({"type": "response.function_call_arguments.delta", **at}))
    [call] = accumulator.function_calls()
    assert call.arguments == {"a": 1}


@pytest.mark.parametrize(
    ("arguments", "parsed"),
    [('{"x": 1}', {"x": 1}), ({"x": 1}, {"x": 1}), ([1, 2], [1, 2]), (7, 7), (None, {}),
     ("", {})],
)  # fmt: skip
def test_function_call_arguments_of_any_json_type(arguments: object, parsed: object) -> None:
    item = {"type": "function_call", "id": "fc", "call_id": "c", "name": "f",
            "arguments": arguments}  # fmt: skip
    response = Response.from_dict({"output": [item]})
    [call] = ResponseAccumulator.function_calls(_holding(response))
    assert call.arguments == parsed


def _holding(response: Response) -> ResponseAccumulator:
    accumulator = ResponseAccumulator()
    accumulator.add(parse_event({"type": "response.completed", "response": response.to_dict()}))
    return accumulator


@pytest.mark.parametrize("output", [7, "text", None, {"a": 1}, [1, None, "x"]])
def test_helpers_of_a_response_whose_output_is_odd(output: object) -> None:
    response = Response.from_dict({"id": "r", "output": output})
    assert response.output_text == ""
    assert _holding(response).function_calls() == []


@pytest.mark.parametrize("annotation", [[], [1], "cite", 7, True])
@pytest.mark.parametrize("annotations", [[], "none", 3, None])
def test_annotations_of_another_json_type_are_survived(
    annotation: object, annotations: object
) -> None:
    """Found by the fuzzer (seed 7:1075): an annotation that is a list raised AttributeError."""
    at = {"item_id": "msg", "output_index": 0, "content_index": 0}
    accumulator = ResponseAccumulator()
    for payload in [
        {"type": "response.content_part.added", **at,
         "part": {"type": "output_text", "text": "", "annotations": annotations}},
        {"type": "response.output_text.delta", **at, "delta": "Hi"},
        {"type": "response.output_text.annotation.added", **at, "annotation_index": 0,
         "annotation": annotation},
        {"type": "response.output_text.annotation.added", **at, "annotation_index": 1,
         "annotation": {"type": "url_citation", "url": "https://x"}},
    ]:  # fmt: skip
        accumulator.add(parse_event(payload))
    assert accumulator.output_text == "Hi"
    [part] = accumulator.response.output[0].to_dict()["content"]
    assert part["annotations"] == [{"type": "url_citation", "url": "https://x"}]


FAMILIES = [  # (delta type, item, where the text grows: a part list and part, or the item)
    ("response.output_text.delta", {"type": "message", "content": []}, "content", "output_text",
     "text"),
    ("response.refusal.delta", {"type": "message", "content": []}, "content", "refusal",
     "refusal"),
    ("response.reasoning_text.delta", {"type": "reasoning", "summary": [], "content": []},
     "content", "reasoning_text", "text"),
    ("response.reasoning.delta", {"type": "reasoning", "summary": [], "content": []}, "content",
     "reasoning_text", "text"),
    ("response.reasoning_summary_text.delta", {"type": "reasoning", "summary": []}, "summary",
     "summary_text", "text"),
    ("response.function_call_arguments.delta", {"type": "function_call", "call_id": "c",
     "name": "f", "arguments": ""}, None, None, "arguments"),
    ("response.mcp_call_arguments.delta", {"type": "mcp_call", "name": "f", "arguments": ""},
     None, None, "arguments"),
    ("response.custom_tool_call_input.delta", {"type": "custom_tool_call", "call_id": "c",
     "name": "f", "input": ""}, None, None, "input"),
    ("response.code_interpreter_call_code.delta", {"type": "code_interpreter_call", "code": ""},
     None, None, "code"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "item", "where", "part", "field"), FAMILIES,
                         ids=[f[0] for f in FAMILIES])  # fmt: skip
def test_every_delta_family_rebuilds_its_text_from_the_deltas_alone(
    kind: str, item: dict[str, Any], where: str | None, part: str | None, field: str
) -> None:
    """Without any capture: what the proof over the captures shows, for each family."""
    pieces = ["Hel", "lo, ", "wor", "ld \ud83d", "\ude00"]
    at = {"item_id": "it", "output_index": 0, "content_index": 0, "summary_index": 0}
    payloads = [{"type": "response.output_item.added", "output_index": 0,
                 "item": {**item, "id": "it"}}]  # fmt: skip
    payloads += [{"type": kind, **at, "delta": piece} for piece in pieces]
    accumulator = ResponseAccumulator()
    for n, payload in enumerate(payloads):
        accumulator.add(parse_event({**payload, "sequence_number": n}))
    [rebuilt] = accumulator.response.output
    grown = rebuilt.to_dict()
    if where is not None:
        [grown] = grown[where]
        assert grown["type"] == part
    assert grown[field] == "Hello, world 😀"
