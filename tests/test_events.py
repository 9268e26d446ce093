# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Typed events: every class from a realistic payload, lossless round trips, both
dialects, unknown types and fields, bad payloads, and pattern matching."""

from __future__ import annotations

import copy
import dataclasses
import gc
import random
import re
import types
from pathlib import Path
from typing import Any

import pytest
from conftest import capture_payloads

from openresponses_min import (
    Event,
    EventParseError,
    OpenResponsesError,
    Response,
    UnknownEvent,
    events as ev,
    parse_event,
    response as rs,
)
from openresponses_min._model.typed import JSONObject, field as declared

ITEM = "msg_68f1c0a2e3b48190a2f1"
USAGE = {
    "input_tokens": 25,
    "input_tokens_details": {"cached_tokens": 0},
    "output_tokens": 12,
    "output_tokens_details": {"reasoning_tokens": 0},
    "total_tokens": 37,
}
TEXT_PART = {
    "type": "output_text",
    "annotations": [
        {"type": "url_citation", "url": "https://example.org/", "title": "Example",
         "start_index": 0, "end_index": 5},
    ],
    "logprobs": [],
    "text": "Hello",
}  # fmt: skip
MESSAGE = {
    "id": ITEM,
    "type": "message",
    "status": "completed",
    "content": [TEXT_PART],
    "role": "assistant",
}
RESPONSE = {
    "id": "resp_68f1c0a2e3b48190",
    "object": "response",
    "created_at": 1763800000,
    "status": "completed",
    "background": False,
    "error": None,
    "incomplete_details": None,
    "instructions": "Be brief.",
    "model": "gpt-5-mini-2025-08-07",
    "output": [MESSAGE],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
    "usage": USAGE,
    "metadata": {},
}
ITEM_AT = {"item_id": ITEM, "output_index": 0}
CONTENT_AT = {**ITEM_AT, "content_index": 0}
SUMMARY_AT = {"item_id": "rs_1", "output_index": 0, "summary_index": 0}
SUMMARY_PART = {"type": "summary_text", "text": "**Planning**"}
SHELL_AT = {"output_index": 1, "command_index": 0}

# Every event type and the fields of a realistic payload, besides type and sequence_number.
PAYLOADS: dict[str, dict[str, Any]] = {
    "response.created": {"response": {**RESPONSE, "status": "in_progress", "output": []}},
    "response.queued": {"response": {**RESPONSE, "status": "queued", "output": []}},
    "response.in_progress": {"response": {**RESPONSE, "status": "in_progress", "output": []}},
    "response.completed": {"response": RESPONSE},
    "response.failed": {
        "response": {
            **RESPONSE,
            "status": "failed",
            "output": [],
            "error": {"code": "server_error", "message": "The server had an error."},
        },
    },
    "response.incomplete": {
        "response": {
            **RESPONSE,
            "status": "incomplete",
            "incomplete_details": {"reason": "max_output_tokens"},
        },
    },
    "error": {"code": "rate_limit_exceeded", "message": "Slow down.", "param": None},
    "response.output_item.added": {
        "output_index": 0,
        "item": {**MESSAGE, "status": "in_progress", "content": []},
    },
    "response.output_item.done": {"output_index": 0, "item": MESSAGE},
    "response.content_part.added": {**CONTENT_AT, "part": {**TEXT_PART, "text": ""}},
    "response.content_part.done": {**CONTENT_AT, "part": TEXT_PART},
    "response.output_text.delta": {
        **CONTENT_AT,
        "delta": "Hel",
        "logprobs": [],
        "obfuscation": "Xq3",
    },
    "response.output_text.done": {**CONTENT_AT, "text": "Hello", "logprobs": []},
    "response.output_text.annotation.added": {
        **CONTENT_AT,
        "annotation_index": 0,
        "annotation": TEXT_PART["annotations"][0],
    },
    "response.refusal.delta": {**CONTENT_AT, "delta": "I can"},
    "response.refusal.done": {**CONTENT_AT, "refusal": "I can't help with that."},
    "response.function_call_arguments.delta": {**ITEM_AT, "delta": '{"ci', "obfuscation": "a"},
    "response.function_call_arguments.done": {
        **ITEM_AT,
        "arguments": '{"city": "Paris"}',
        "name": "get_weather",
    },
    "response.reasoning.delta": {**CONTENT_AT, "delta": "First, ", "obfuscation": "zz"},
    "response.reasoning.done": {**CONTENT_AT, "text": "First, think."},
    "response.reasoning_text.delta": {**CONTENT_AT, "delta": "First, "},
    "response.reasoning_text.done": {**CONTENT_AT, "text": "First, think."},
    "response.reasoning_summary_part.added": {**SUMMARY_AT, "part": {**SUMMARY_PART, "text": ""}},
    "response.reasoning_summary_part.done": {**SUMMARY_AT, "part": SUMMARY_PART},
    "response.reasoning_summary_text.delta": {**SUMMARY_AT, "delta": "**Plan", "obfuscation": "q"},
    "response.reasoning_summary_text.done": {**SUMMARY_AT, "text": "**Planning**"},
    "response.custom_tool_call_input.delta": {**ITEM_AT, "delta": "print(", "obfuscation": "k"},
    "response.custom_tool_call_input.done": {**ITEM_AT, "input": "print('hi')"},
    "response.audio.delta": {"delta": "UklGRiQAAABXQVZF"},
    "response.audio.done": {},
    "response.audio.transcript.delta": {"delta": "Hello"},
    "response.audio.transcript.done": {},
    "response.file_search_call.in_progress": ITEM_AT,
    "response.file_search_call.searching": ITEM_AT,
    "response.file_search_call.completed": ITEM_AT,
    "response.web_search_call.in_progress": ITEM_AT,
    "response.web_search_call.searching": ITEM_AT,
    "response.web_search_call.completed": ITEM_AT,
    "response.code_interpreter_call.in_progress": ITEM_AT,
    "response.code_interpreter_call.interpreting": ITEM_AT,
    "response.code_interpreter_call.completed": ITEM_AT,
    "response.code_interpreter_call_code.delta": {**ITEM_AT, "delta": "import math"},
    "response.code_interpreter_call_code.done": {**ITEM_AT, "code": "import math\nmath.pi"},
    "response.image_generation_call.in_progress": ITEM_AT,
    "response.image_generation_call.generating": ITEM_AT,
    "response.image_generation_call.partial_image": {
        **ITEM_AT,
        "partial_image_b64": "iVBORw0KGgo=",
        "partial_image_index": 0,
        "background": "opaque",
        "output_format": "png",
        "quality": "low",
        "size": "1024x1024",
    },
    "response.image_generation_call.completed": ITEM_AT,
    "response.mcp_list_tools.in_progress": ITEM_AT,
    "response.mcp_list_tools.completed": ITEM_AT,
    "response.mcp_list_tools.failed": ITEM_AT,
    "response.mcp_call.in_progress": ITEM_AT,
    "response.mcp_call.completed": ITEM_AT,
    "response.mcp_call.failed": ITEM_AT,
    "response.mcp_call_arguments.delta": {**ITEM_AT, "delta": '{"repo'},
    "response.mcp_call_arguments.done": {**ITEM_AT, "arguments": '{"repo": "x"}'},
    "response.shell_call_command.added": {**SHELL_AT, "command": ""},
    "response.shell_call_command.delta": {**SHELL_AT, "delta": "ls -", "obfuscation": None},
    "response.shell_call_command.done": {**SHELL_AT, "command": "ls -la"},
    "response.shell_call_output_content.delta": {
        **ITEM_AT,
        "command_index": 0,
        "delta": {"stdout": "total 0\n", "stderr": None},
    },
    "response.shell_call_output_content.done": {
        **ITEM_AT,
        "command_index": 0,
        "output": [
            {"stdout": "total 0\n", "stderr": "", "outcome": {"type": "exit", "exit_code": 0}}
        ],
    },
    "response.apply_patch_call_operation_diff.delta": {**ITEM_AT, "delta": "@@ -1 +1 @@"},
    "response.apply_patch_call_operation_diff.done": {**ITEM_AT, "diff": "@@ -1 +1 @@\n-a\n+b"},
    "response.compaction.compacting": ITEM_AT,
    "response.rate_limits.updated": {
        "rate_limits": [{"name": "requests", "limit": 500, "remaining": 499, "reset_seconds": 0.1}],
    },
    "response.keep_alive": {},
    "response.steer.accepted": {"steer": {"id": "steer_1", "previous_response_id": "resp_1"}},
    "response.steer.pending": {
        "steer": {"id": "steer_1", "previous_response_id": "resp_1"},
        "reason": "waiting_for_required_input",
        "required_input": [{"type": "function_call_output", "call_id": "c1", "name": "f"}],
    },
    "response.steer.failed": {
        "steer": {"input": "shorter", "previous_response_id": "resp_1"},
        "error": {
            "code": "response_not_active",
            "message": "done",
            "type": "invalid_request_error",
        },
    },
}


def event_payload(kind: str, sequence_number: int = 7) -> dict[str, Any]:
    return {"type": kind, "sequence_number": sequence_number, **copy.deepcopy(PAYLOADS[kind])}


def class_name(kind: str) -> str:
    return "".join(word.capitalize() for word in re.split(r"[._]", kind)) + "Event"


def test_every_type_has_its_class_named_after_it() -> None:
    assert set(ev.EVENT_CLASSES) == set(PAYLOADS)
    assert len(PAYLOADS) == 68
    for kind, cls in ev.EVENT_CLASSES.items():
        assert cls.__name__ == class_name(kind)
        assert getattr(ev, cls.__name__) is cls
    assert class_name("response.mcp_call_arguments.done") == "ResponseMcpCallArgumentsDoneEvent"
    assert ev.ErrorEvent is ev.EVENT_CLASSES["error"]


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_every_event_from_a_realistic_payload(kind: str) -> None:
    payload = event_payload(kind)
    event = parse_event(payload)
    assert type(event) is ev.EVENT_CLASSES[kind]
    assert isinstance(event, Event)
    assert (event.type, event.sequence_number) == (kind, 7)
    assert event.to_dict() == payload
    assert list(event.to_dict()) == list(payload)
    for name, value in payload.items():
        if name != "error" or kind != "error":
            assert_typed(getattr(event, name), value)


def assert_typed(attribute: Any, value: Any) -> None:
    """A field holds its JSON value, or a typed object / list of them that gives it back."""
    if isinstance(attribute, JSONObject):
        assert isinstance(value, dict)
        assert attribute.to_dict() == value
        for name, inner in value.items():
            assert_typed(getattr(attribute, name), inner)
    elif isinstance(attribute, list) and any(isinstance(a, JSONObject) for a in attribute):
        assert len(attribute) == len(value)
        for a, v in zip(attribute, value, strict=True):
            assert_typed(a, v)
    else:
        assert attribute == value


def test_nested_objects_are_typed() -> None:
    event = parse_event(event_payload("response.completed"))
    assert isinstance(event, ev.ResponseCompletedEvent)
    response = event.response
    assert isinstance(response, Response)
    assert (response.id, response.status) == (RESPONSE["id"], "completed")
    assert response.created_at == 1763800000
    assert isinstance(response.usage, rs.Usage)
    assert response.usage.total_tokens == 37
    assert isinstance(response.usage.input_tokens_details, rs.InputTokensDetails)
    assert isinstance(response.usage.output_tokens_details, rs.OutputTokensDetails)
    [message] = response.output
    assert isinstance(message, rs.MessageItem)
    assert (message.id, message.role, message.status) == (ITEM, "assistant", "completed")
    [part] = message.content
    assert isinstance(part, rs.OutputTextPart)
    assert part.text == "Hello"
    [citation] = part.annotations
    assert isinstance(citation, rs.UrlCitationAnnotation)
    assert (citation.url, citation.end_index) == ("https://example.org/", 5)
    failed = parse_event(event_payload("response.failed"))
    assert isinstance(failed, ev.ResponseFailedEvent)
    assert isinstance(failed.response.error, rs.ErrorDetails)
    assert failed.response.error.code == "server_error"
    incomplete = parse_event(event_payload("response.incomplete"))
    assert isinstance(incomplete, ev.ResponseIncompleteEvent)
    assert isinstance(incomplete.response.incomplete_details, rs.IncompleteDetails)
    assert incomplete.response.incomplete_details.reason == "max_output_tokens"


ITEMS: list[dict[str, Any]] = [
    MESSAGE,
    {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "f", "arguments": "{}",
     "status": "completed"},
    {"type": "function_call_output", "id": "fco_1", "call_id": "call_1", "output": "42",
     "status": "completed"},
    {"type": "reasoning", "id": "rs_1", "summary": [SUMMARY_PART],
     "content": [{"type": "reasoning_text", "text": "Hmm."}], "encrypted_content": "gAAA"},
    {"type": "web_search_call", "id": "ws_1", "status": "completed",
     "action": {"type": "search", "query": "weather"}},
    {"type": "file_search_call", "id": "fs_1", "status": "completed", "queries": ["q"],
     "results": None},
    {"type": "code_interpreter_call", "id": "ci_1", "status": "completed", "code": "1+1",
     "container_id": "cntr_1", "outputs": [{"type": "logs", "logs": "2"}]},
    {"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": "iVBO",
     "revised_prompt": "a cat", "background": "opaque", "output_format": "png",
     "quality": "low", "size": "1024x1024"},
    {"type": "mcp_list_tools", "id": "mcpl_1", "server_label": "gh",
     "tools": [{"name": "search", "input_schema": {}}], "error": None},
    {"type": "mcp_call", "id": "mcp_1", "server_label": "gh", "name": "search",
     "arguments": "{}", "output": "[]", "error": None, "status": "completed",
     "approval_request_id": None},
    {"type": "mcp_approval_request", "id": "mcpr_1", "server_label": "gh", "name": "search",
     "arguments": "{}"},
    {"type": "mcp_approval_response", "id": "mcpa_1", "approval_request_id": "mcpr_1",
     "approve": True, "reason": None},
    {"type": "custom_tool_call", "id": "ctc_1", "call_id": "call_2", "name": "exec",
     "input": "ls", "status": "completed"},
    {"type": "custom_tool_call_output", "id": "ctco_1", "call_id": "call_2", "output": "a b"},
    {"type": "local_shell_call", "id": "lsh_1", "call_id": "call_3", "status": "completed",
     "action": {"type": "exec", "command": ["ls"], "env": {}}},
    {"type": "local_shell_call_output", "id": "lsho_1", "output": "a b"},
    {"type": "shell_call", "id": "sh_1", "call_id": "call_4", "status": "completed",
     "action": {"commands": ["ls"]}, "environment": None},
    {"type": "shell_call_output", "id": "sho_1", "call_id": "call_4", "status": "completed",
     "output": [{"stdout": "", "stderr": "", "outcome": {"type": "timeout"}}],
     "max_output_length": 1000},
    {"type": "apply_patch_call", "id": "ap_1", "call_id": "call_5", "status": "completed",
     "operation": {"type": "update_file", "path": "a.py", "diff": "@@"}},
    {"type": "apply_patch_call_output", "id": "apo_1", "call_id": "call_5",
     "status": "completed", "output": "done"},
    {"type": "computer_call", "id": "cu_1", "call_id": "call_6", "status": "completed",
     "action": {"type": "click", "x": 1, "y": 2}, "pending_safety_checks": []},
    {"type": "computer_call_output", "id": "cuo_1", "call_id": "call_6", "status": "completed",
     "output": {"type": "computer_screenshot", "image_url": "data:,"}},
    {"type": "tool_search_call", "id": "ts_1", "call_id": "call_7", "status": "completed",
     "arguments": {"query": "weather"}, "execution": "server"},
    {"type": "tool_search_output", "id": "tso_1", "call_id": "call_7", "status": "completed",
     "execution": "server", "tools": [{"type": "function", "name": "f"}]},
    {"type": "compaction", "id": "cmp_1", "encrypted_content": "gAAA", "created_by": "server"},
]  # fmt: skip


@pytest.mark.parametrize("item", ITEMS, ids=[item["type"] for item in ITEMS])
def test_every_output_item_type(item: dict[str, Any]) -> None:
    event = parse_event({"type": "response.output_item.done", "output_index": 0, "item": item})
    assert isinstance(event, ev.ResponseOutputItemDoneEvent)
    typed = event.item
    assert type(typed).__name__ == class_name(item["type"]).removesuffix("Event") + "Item"
    assert_typed(typed, item)
    assert event.to_dict()["item"] == item


def test_item_families_cover_what_the_issue_lists() -> None:
    listed = {"message", "function_call", "reasoning", "web_search_call", "file_search_call",
              "code_interpreter_call", "image_generation_call", "mcp_list_tools", "mcp_call",
              "mcp_approval_request", "custom_tool_call", "local_shell_call", "shell_call",
              "apply_patch_call", "tool_search_call", "compaction"}  # fmt: skip
    assert listed <= {item["type"] for item in ITEMS}
    parts = {"output_text": rs.OutputTextPart, "refusal": rs.RefusalPart,
             "reasoning_text": rs.ReasoningTextPart, "summary_text": rs.SummaryTextPart,
             "text": rs.TextPart, "input_text": rs.InputTextPart,
             "input_image": rs.InputImagePart, "input_file": rs.InputFilePart}  # fmt: skip
    for kind, cls in parts.items():
        assert type(rs.ContentPart.from_dict({"type": kind})) is cls
    annotations = {"url_citation": rs.UrlCitationAnnotation,
                   "file_citation": rs.FileCitationAnnotation,
                   "container_file_citation": rs.ContainerFileCitationAnnotation,
                   "file_path": rs.FilePathAnnotation}  # fmt: skip
    for kind, cls in annotations.items():
        assert type(rs.Annotation.from_dict({"type": kind})) is cls


def test_unknown_event_type_keeps_everything() -> None:
    payload = {"sequence_number": 4, "type": "acme:trace_event", "span": {"id": 1}, "n": None}
    event = parse_event(payload)
    assert type(event) is UnknownEvent
    assert (event.type, event.sequence_number) == ("acme:trace_event", 4)
    assert event.to_dict() == payload
    assert list(event.to_dict()) == list(payload)


def test_unknown_fields_are_kept_at_every_level() -> None:
    payload = event_payload("response.completed")
    payload["stream_id"] = "lane-1"
    payload["response"]["content_filters"] = None
    payload["response"]["output"][0]["phase"] = "final_answer"
    payload["response"]["output"][0]["content"][0]["annotations"][0]["extra"] = [1, 2]
    payload["response"]["usage"]["input_tokens_details"]["cache_write_tokens"] = 3
    payload["response"]["usage"]["tokens_per_second"] = 50.5
    event = parse_event(payload)
    assert event.to_dict() == payload


def test_the_sdks_names_for_the_classes_named_after_their_types() -> None:
    sdk_names = {
        "ResponseErrorEvent": "error",
        "ResponseImageGenCallCompletedEvent": "response.image_generation_call.completed",
        "ResponseImageGenCallGeneratingEvent": "response.image_generation_call.generating",
        "ResponseImageGenCallInProgressEvent": "response.image_generation_call.in_progress",
        "ResponseImageGenCallPartialImageEvent": "response.image_generation_call.partial_image",
        "ResponseTextDeltaEvent": "response.output_text.delta",
        "ResponseTextDoneEvent": "response.output_text.done",
    }
    for name, kind in sdk_names.items():
        assert getattr(ev, name) is ev.EVENT_CLASSES[kind], name
        assert type(parse_event({"type": kind})) is getattr(ev, name)


def test_the_agent_of_a_multi_agent_event_or_item_is_typed_and_none_elsewhere() -> None:
    added = {
        "type": "response.output_item.added", "sequence_number": 3, "output_index": 1,
        "agent": {"agent_name": "/root/alpha"},
        "item": {"type": "message", "id": "m", "role": "assistant", "content": [],
                 "agent": {"agent_name": "/root/alpha", "depth": 1}},
    }  # fmt: skip
    event: Any = parse_event(added)
    assert event.agent.agent_name == "/root/alpha"
    assert event.item.agent.agent_name == "/root/alpha" and event.item.agent.depth == 1
    assert isinstance(event.item, ev.BetaResponseOutputItem)
    assert ev.ResponseOutputItem is ev.BetaResponseOutputItem
    plain: Any = parse_event({**added, "agent": None, "item": {"type": "message"}})
    assert plain.agent is None and plain.item.agent is None
    assert parse_event({"type": "response.completed"}).agent is None
    assert event.to_dict() == added
    assert event.copy().agent.agent_name == "/root/alpha"


def test_the_request_parameter_types_are_the_sdks_names_loaded_when_used() -> None:
    import typing

    names = [
        "EasyInputMessageParam", "FunctionCallOutputParam", "FunctionToolParam",
        "ResponseInputItemParam", "ResponseInputParam", "ToolChoiceFunctionParam",
        "ToolChoiceOptions", "ToolParam",
    ]  # fmt: skip
    for name in names:
        assert getattr(ev, name) is not None, name
    assert typing.get_args(ev.ToolChoiceOptions) == ("none", "auto", "required")
    assert ev.FunctionToolParam.__required_keys__ == {"type", "name", "parameters", "strict"}
    assert typing.get_args(ev.ToolParam) == (ev.FunctionToolParam, dict[str, Any])
    with pytest.raises(AttributeError):
        ev.NoSuchParam  # noqa: B018


def test_undeclared_fields_read_as_attributes_and_a_typo_is_still_an_error() -> None:
    payload = event_payload("response.completed")
    payload["stream_id"] = "lane-1"
    payload["response"]["usage"]["tokens_per_second"] = 50.5
    event: Any = parse_event(payload)
    assert event.stream_id == "lane-1"
    assert event.response.usage.tokens_per_second == 50.5
    assert getattr(event.response, "content_filters", "absent") == "absent"
    with pytest.raises(AttributeError, match="'Response' object has no attribute 'statsu'"):
        event.response.statsu  # noqa: B018
    copied = event.response.copy()
    assert copied.usage.tokens_per_second == 50.5
    with pytest.raises(AttributeError):
        UnknownEvent.__new__(UnknownEvent).anything  # noqa: B018  (built without a mapping)


def test_unknown_item_part_and_annotation_types_keep_everything() -> None:
    item = {"type": "acme:browser_call", "id": "b_1", "status": "completed", "url": "x"}
    part = {"type": "output_audio", "audio": "UklG", "transcript": "hi"}
    note = {"type": "acme:footnote", "number": 1}
    output_text = {"type": "output_text", "text": "x", "annotations": [note]}
    message = {"type": "message", "id": "m", "role": "assistant", "content": [part, output_text]}
    payload = {"type": "response.completed", "response": {"output": [item, message]}}
    event = parse_event(payload)
    assert isinstance(event, ev.ResponseCompletedEvent)
    unknown_item, typed_message = event.response.output
    assert type(unknown_item) is rs.UnknownItem
    assert (unknown_item.type, unknown_item.id, unknown_item.status) == (
        "acme:browser_call", "b_1", "completed",
    )  # fmt: skip
    assert unknown_item.to_dict() == item
    assert isinstance(typed_message, rs.MessageItem)
    unknown_part, text_part = typed_message.content
    assert type(unknown_part) is rs.UnknownPart
    assert unknown_part.type == "output_audio"
    assert isinstance(text_part, rs.OutputTextPart)
    assert type(text_part.annotations[0]) is rs.UnknownAnnotation
    assert event.to_dict() == payload


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_missing_fields_read_as_defaults(kind: str) -> None:
    event = parse_event({"type": kind})
    assert event.sequence_number is None
    for field in dataclasses.fields(event):
        value = getattr(event, field.name)
        if field.name == "type":
            assert value == kind
        elif field.type == "str":
            assert value == ""
        elif field.type.startswith("list[") and not field.type.endswith("None"):
            assert value == []
        elif field.type == "Response":
            assert value == Response()
        else:
            assert value is None, field.name
    assert event.to_dict() == {"type": kind}


def test_defaults_are_fresh_objects() -> None:
    first = parse_event({"type": "response.completed"})
    second = parse_event({"type": "response.completed"})
    assert isinstance(first, ev.ResponseCompletedEvent)
    assert isinstance(second, ev.ResponseCompletedEvent)
    first.response.output.append(rs.MessageItem(id="m"))
    assert second.response.output == []


def test_values_of_unexpected_json_types_are_kept_as_they_came() -> None:
    payloads: list[dict[str, Any]] = [
        {"type": "response.output_text.delta", "delta": 5, "output_index": "0", "logprobs": {}},
        {"type": "response.completed", "response": "oops"},
        {"type": "response.completed", "response": None},
        {"type": "response.completed", "response": {"output": {"not": "a list"}, "usage": []}},
        {"type": "response.completed", "response": {"output": [1, None, "x", {"type": 5}]}},
        {"type": "response.output_item.added", "item": {"type": ["message"]}},
        {"type": "response.output_item.added", "item": {"content": "text"}},
        {"type": "response.content_part.added", "part": []},
        {"type": "error", "error": "boom"},
        {"type": "error", "error": {"code": 5, "message": None}},
    ]
    for payload in payloads:
        event = parse_event(copy.deepcopy(payload))
        assert event.to_dict() == payload
        repr(event)
    odd = parse_event(payloads[4])
    assert isinstance(odd, ev.ResponseCompletedEvent)
    assert odd.response.output[:3] == [1, None, "x"]
    assert type(odd.response.output[3]) is rs.UnknownItem


@pytest.mark.parametrize(
    "payload",
    [[1, 2], "response.completed", b"{}", 3, 2.5, True, None],
    ids=["array", "string", "bytes", "int", "float", "bool", "null"],
)
def test_a_payload_that_is_not_an_object_raises(payload: Any) -> None:
    with pytest.raises(EventParseError) as caught:
        parse_event(payload)
    assert isinstance(caught.value, OpenResponsesError)
    assert caught.value.snippet == repr(payload)
    assert repr(payload) in str(caught.value)


@pytest.mark.parametrize("kind", [None, 5, ["response.completed"], {"a": 1}, b"error"])
def test_a_payload_without_a_string_type_raises(kind: Any) -> None:
    with pytest.raises(EventParseError, match="string 'type'"):
        parse_event({"type": kind, "sequence_number": 1})
    with pytest.raises(EventParseError, match="string 'type'"):
        parse_event({"sequence_number": 1})


def test_the_snippet_of_a_huge_payload_is_short() -> None:
    with pytest.raises(EventParseError) as caught:
        parse_event({"data": "x" * 1_000_000})
    assert len(caught.value.snippet) <= 201
    assert caught.value.snippet.startswith("{'data': 'xxx")


def test_both_reasoning_dialects() -> None:
    for dialect in ("reasoning", "reasoning_text"):
        delta = parse_event(event_payload(f"response.{dialect}.delta"))
        done = parse_event(event_payload(f"response.{dialect}.done"))
        assert isinstance(delta, ev.ResponseReasoningTextDeltaEvent)
        assert isinstance(done, ev.ResponseReasoningTextDoneEvent)
        assert (delta.item_id, delta.content_index, delta.delta) == (ITEM, 0, "First, ")
        assert done.text == "First, think."
    spec = parse_event(event_payload("response.reasoning.delta"))
    assert type(spec) is ev.ResponseReasoningDeltaEvent
    assert spec.to_dict()["type"] == "response.reasoning.delta"


ERROR_SHAPES: dict[str, dict[str, Any]] = {
    "flat (OpenAI)": {"type": "error", "sequence_number": 3, "code": "server_error",
                      "message": "Boom.", "param": None},
    "nested (Open Responses)": {"type": "error", "sequence_number": 3,
                                "error": {"type": "server_error", "code": "server_error",
                                          "message": "Boom.", "param": None}},
    "WebSocket envelope": {"type": "error", "status": 500,
                           "error": {"type": "server_error", "code": "server_error",
                                     "message": "Boom.", "headers": {"x-request-id": "r"}}},
}  # fmt: skip


@pytest.mark.parametrize("shape", ERROR_SHAPES)
def test_error_event_in_every_shape(shape: str) -> None:
    payload = ERROR_SHAPES[shape]
    event = parse_event(copy.deepcopy(payload))
    assert isinstance(event, ev.ErrorEvent)
    assert (event.code, event.message, event.param) == ("server_error", "Boom.", None)
    assert event.to_dict() == payload
    if shape == "WebSocket envelope":
        assert event.status == 500
        assert event.sequence_number is None
        assert event.error is not None
        assert event.error.to_dict()["headers"] == {"x-request-id": "r"}


def test_error_event_from_a_capture(captures: list[Path]) -> None:
    [path] = [p for p in captures if p.name == "vercel-ai__openai-error-insufficient-quota.sse"]
    payloads = capture_payloads(path)
    [event] = [parse_event(p) for p in payloads if p["type"] == "error"]
    assert isinstance(event, ev.ErrorEvent)
    assert event.code == "insufficient_quota"
    assert event.message.startswith("You exceeded your current quota")


def test_every_capture_event_round_trips_exactly(captures: list[Path]) -> None:
    count = 0
    for path in captures:
        for payload in capture_payloads(path):
            event = parse_event(payload)
            assert not isinstance(event, UnknownEvent), (path.name, payload["type"])
            for out in (event.to_dict(), event.copy().to_dict()):
                assert out == payload, (path.name, payload.get("sequence_number"))
                assert list(out) == list(payload), (path.name, payload.get("sequence_number"))
            count += 1
    assert count > 4000


def test_changed_fields_show_in_to_dict() -> None:
    payload = event_payload("response.completed")
    event = parse_event(payload)
    assert isinstance(event, ev.ResponseCompletedEvent)
    event.sequence_number = 8
    event.response.status = "incomplete"
    event.response.output.append(rs.FunctionCallItem(call_id="c", name="f", arguments="{}"))
    out = event.to_dict()
    assert out["sequence_number"] == 8
    assert out["response"]["status"] == "incomplete"
    assert out["response"]["output"][-1] == {
        "type": "function_call", "call_id": "c", "name": "f", "arguments": "{}",
    }  # fmt: skip
    assert payload == event_payload("response.completed")


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_a_copy_is_equal_gives_back_the_same_json_and_changes_apart(kind: str) -> None:
    payload = {**event_payload(kind), "x_vendor": {"kept": True}}
    event = parse_event(copy.deepcopy(payload))
    twin = event.copy()
    assert twin == event and type(twin) is type(event)
    out = twin.to_dict()
    assert out == payload and list(out) == list(payload)
    for typed in typed_values(event):
        assert all(typed is not other for other in typed_values(twin))
    twin.sequence_number = 99
    assert event.to_dict() == payload


def typed_values(obj: JSONObject) -> list[JSONObject]:
    """Every typed object under ``obj``, at any depth."""
    found = []
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, field.name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, JSONObject):
                found += [item, *typed_values(item)]
    return found


def test_a_copy_changed_deep_down_leaves_the_original_as_it_was() -> None:
    payload = event_payload("response.completed")
    event = parse_event(copy.deepcopy(payload))
    assert isinstance(event, ev.ResponseCompletedEvent)
    twin = event.copy()
    twin.response.output.append(rs.FunctionCallItem(call_id="c", name="f", arguments="{}"))
    twin.response.status = "incomplete"
    assert event.to_dict() == payload
    assert twin.to_dict()["response"]["status"] == "incomplete"


def test_a_copy_keeps_which_keys_came_not_the_mapping_they_came_in() -> None:
    """What the accumulator keeps is copies: holding the parsed mappings too would double a
    response in memory, for a thousand open streams at once."""
    for payload in (
        event_payload("response.completed"),
        event_payload("response.output_text.delta"),
    ):
        event = parse_event(copy.deepcopy(payload))
        received = [event, *typed_values(event)]
        twin = event.copy()
        kept = [twin, *typed_values(twin)]
        mappings = {id(obj._raw) for obj in received}
        assert not any(id(ref) in mappings for obj in kept for ref in gc.get_referents(obj))
    unknown = {**event_payload("response.output_text.delta"), "x_vendor": 1}
    assert parse_event(unknown).copy().to_dict() == unknown


def test_events_built_in_code_serialise_their_set_fields() -> None:
    event = ev.ResponseOutputTextDeltaEvent(sequence_number=1, item_id="m", delta="Hi")
    assert event.to_dict() == {
        "type": "response.output_text.delta", "sequence_number": 1, "item_id": "m", "delta": "Hi",
    }  # fmt: skip
    assert ev.ResponseKeepAliveEvent().to_dict() == {"type": "response.keep_alive"}
    error = ev.ErrorEvent(code="c", message="m")
    assert error.to_dict() == {"type": "error", "code": "c", "message": "m"}
    nested = ev.ErrorEvent(error=rs.ErrorDetails(code="c", message="m"))
    assert nested.to_dict() == {"type": "error", "error": {"code": "c", "message": "m"}}


def test_events_are_slotted_dataclasses_that_compare_by_fields() -> None:
    for cls in [*ev.EVENT_CLASSES.values(), UnknownEvent, Response, rs.MessageItem, rs.Usage]:
        assert dataclasses.is_dataclass(cls)
        assert not hasattr(cls(), "__dict__"), cls
    first = parse_event(event_payload("response.output_text.delta"))
    second = parse_event(event_payload("response.output_text.delta"))
    assert first == second
    assert first != parse_event(event_payload("response.output_text.delta", 8))
    assert first != ev.ResponseRefusalDeltaEvent()
    with pytest.raises(TypeError):
        hash(first)
    assert repr(first) == (
        "ResponseOutputTextDeltaEvent(type='response.output_text.delta', sequence_number=7, "
        f"item_id='{ITEM}', output_index=0, content_index=0, delta='Hel', obfuscation='Xq3', "
        "logprobs=[])"
    )
    assert dataclasses.replace(first, delta="lo").delta == "lo"


def test_the_typed_classes_are_dataclasses_to_the_dataclasses_module() -> None:
    event = parse_event(event_payload("response.output_text.delta"))
    names = [f.name for f in dataclasses.fields(event)]
    assert names[:3] == ["type", "sequence_number", "item_id"]
    assert dataclasses.asdict(event)["delta"] == "Hel"
    assert ev.ResponseOutputTextDeltaEvent.__match_args__[:2] == ("type", "sequence_number")
    made = ev.ResponseCompletedEvent(sequence_number=2)
    assert made.response == Response() and made.response is not ev.ResponseCompletedEvent().response
    with pytest.raises(TypeError):
        ev.ResponseCompletedEvent(nonsense=1)  # type: ignore[call-arg]


def test_a_subclass_of_yours_gets_an_init_that_reads_its_fields() -> None:
    class Tagged(ev.ResponseOutputTextDeltaEvent):
        tag: str = "mine"
        seen: list[str] = declared(default_factory=list)

    made = Tagged("response.output_text.delta", 1, delta="x")
    assert (made.sequence_number, made.delta, made.tag, made.seen) == (1, "x", "mine", [])
    assert Tagged().seen is not Tagged().seen
    assert not hasattr(made, "__dict__")
    parsed = Tagged.from_dict({"type": "response.output_text.delta", "tag": "t", "delta": "d"})
    assert (parsed.tag, parsed.delta, parsed.to_dict()["tag"]) == ("t", "d", "t")
    with pytest.raises(TypeError):
        Tagged(*range(20))


@pytest.mark.parametrize("module", ["response", "myapp.response"])
def test_a_class_of_yours_in_a_module_named_like_ours_gets_its_own_init(module: str) -> None:
    # Named by the last part of the module alone, a user's ``Usage`` in their
    # ``response`` module took ``response.Usage``'s written __init__ and lost its fields.
    mine = types.ModuleType(module)
    exec(
        "from openresponses_min._model.typed import JSONObject\n"
        "class Usage(JSONObject):\n"
        "    mine: int = 0\n",
        mine.__dict__,
    )
    assert mine.Usage(mine=1).mine == 1
    assert mine.Usage().mine == 0


def test_the_written_inits_are_what_the_generator_writes() -> None:
    from openresponses_min import _generate

    assert _generate.TARGET.read_text(encoding="utf-8") == _generate.generated(), (
        "run python -m openresponses_min._generate"
    )
    assert _generate.main(["_generate", "--check"]) == 0


def describe(event: Event) -> str:
    match event:
        case ev.ResponseOutputTextDeltaEvent(delta=delta):
            return f"text {delta}"
        case ev.ResponseReasoningTextDeltaEvent(delta=delta):
            return f"reasoning {delta}"
        case ev.ResponseOutputItemDoneEvent(item=rs.FunctionCallItem(name=name, arguments=args)):
            return f"call {name}({args})"
        case ev.ResponseCompletedEvent(response=Response(usage=rs.Usage(total_tokens=total))):
            return f"done, {total} tokens"
        case ev.ErrorEvent(code=code, message=message):
            return f"error {code}: {message}"
        case UnknownEvent(type=kind):
            return f"unknown {kind}"
        case _:
            return event.type


def test_match_statements_work_on_the_dataclasses() -> None:
    call = {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"}
    cases = {
        "text Hel": event_payload("response.output_text.delta"),
        "reasoning First, ": event_payload("response.reasoning.delta"),
        "call f({})": {"type": "response.output_item.done", "item": call},
        "done, 37 tokens": event_payload("response.completed"),
        "error server_error: Boom.": ERROR_SHAPES["nested (Open Responses)"],
        "unknown acme:x": {"type": "acme:x"},
        "response.keep_alive": {"type": "response.keep_alive"},
    }
    for expected, payload in cases.items():
        assert describe(parse_event(payload)) == expected


def test_typical_user_code_runs(captures: list[Path]) -> None:
    """The example that CI also type-checks with ``mypy --strict``."""
    from typed_usage import summarize

    [path] = [p for p in captures if p.name == "pydantic-ai__openai-function-call-args.sse"]
    summary = summarize(parse_event(p) for p in capture_payloads(path))
    assert summary.calls == [("get_capital", {"country": "France"})]
    assert summary.status == "completed"
    assert summary.total_tokens > 0
    assert summary.errors == []


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value biased towards the keys and types this module gives meaning to."""
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice([None, True, 0, -1.5, "", "s", [], {}])
    if roll < 0.6:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = ["type", "output", "content", "annotations", "response", "item", "part", "usage",
            "error", "summary", "code", "sequence_number", "x"]  # fmt: skip
    types = [*PAYLOADS, "message", "function_call", "output_text", "url_citation", "acme:x"]
    return {
        rng.choice(keys): rng.choice(types) if rng.random() < 0.4 else random_json(rng, depth + 1)
        for _ in range(rng.randint(0, 5))
    }


def test_random_payloads_parse_and_round_trip_or_raise_event_parse_error() -> None:
    rng = random.Random(3)
    parsed = 0
    for _ in range(3000):
        payload = random_json(rng)
        if isinstance(payload, dict) and rng.random() < 0.8:
            payload["type"] = rng.choice([*PAYLOADS, "acme:x", ""])
        try:
            event = parse_event(copy.deepcopy(payload))
        except EventParseError:
            assert not isinstance(payload, dict) or not isinstance(payload.get("type"), str)
            continue
        assert event.to_dict() == payload
        assert event.copy().to_dict() == payload
        repr(event)
        parsed += 1
    assert parsed > 1000
