# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What the mock server answers, without a socket: a deterministic stand-in for a model.

``answer_events(request, response_id)`` is the whole event stream answering a create
request, the same for the same request: a reasoning summary first when ``reasoning`` is
asked for; then a call to a function tool when the request offers one and
``tool_choice`` allows it (and no tool output came back since the user last spoke), its
arguments valid against the tool's JSON schema; else a message: JSON valid against
``text.format``'s schema when one is given, else a sentence about the input (quoting tool
outputs it was given).
``response_object`` is the response resource with every field the Open Responses
specification requires, the request's values echoed. ``problem`` says what is wrong
with a request, as the API would (status, message, code, param), and ``stray_output`` which
tool output of a conversation answers no call; ``input_items`` is a request's input as
items; ``compacted`` answers ``POST /responses/compact``.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

Problem = tuple[int, str, str, "str | None"]
"""An HTTP status, a message, an error code and the parameter at fault."""

_DEFAULTS: dict[str, Any] = {
    "previous_response_id": None, "instructions": None, "tools": [], "tool_choice": "auto",
    "truncation": "disabled", "parallel_tool_calls": True, "text": {"format": {"type": "text"}},
    "top_p": 1.0, "presence_penalty": 0.0, "frequency_penalty": 0.0, "top_logprobs": 0,
    "temperature": 1.0, "reasoning": {"effort": None, "summary": None},
    "max_output_tokens": None, "max_tool_calls": None, "store": True, "background": False,
    "service_tier": "default", "metadata": {}, "safety_identifier": None,
    "prompt_cache_key": None,
}  # fmt: skip
"""The response fields that echo the request, and what they are when it says nothing."""
_NEVER_NULL = ("tools", "text", "reasoning", "metadata")
"""Echoed fields whose schema has no null."""


def problem(request: Any) -> Problem | None:
    """What is wrong with a create (or compact) request, or ``None``."""
    if not isinstance(request, dict):
        return 400, "The request body must be a JSON object.", "invalid_json", None
    model = request.get("model")
    if not isinstance(model, str) or not model:
        return 400, "Missing required parameter: 'model'.", "missing_required_parameter", "model"
    if "input" in request and not isinstance(request["input"], (str, list)):
        return 400, "'input' must be a string or a list of items.", "invalid_type", "input"
    return None


def stray_output(items: list[Any]) -> str | None:
    """The ``call_id`` of a tool output that answers no function call of the conversation,
    which the API refuses; ``None`` when every one answers a call."""
    kinds = [(item.get("type"), item.get("call_id")) for item in items if isinstance(item, dict)]
    calls = [call_id for kind, call_id in kinds if kind == "function_call"]  # any JSON: no set
    for kind, call_id in kinds:
        if kind == "function_call_output" and call_id not in calls:
            return str(call_id)
    return None


def response_object(
    request: dict[str, Any],
    response_id: str,
    status: str,
    output: list[Any],
    usage: Any,
    created_at: int,
) -> dict[str, Any]:
    """The response resource, every field the specification requires."""
    echoed = {name: request.get(name, default) for name, default in _DEFAULTS.items()}
    for name in _NEVER_NULL:  # null in a request means the default; the response says which
        if echoed[name] is None:
            echoed[name] = _DEFAULTS[name]
    echoed["background"] = bool(echoed["background"])
    echoed["tools"] = [_tool_echoed(tool) for tool in echoed["tools"]]
    return {
        "id": response_id, "object": "response", "created_at": created_at,
        "completed_at": int(time.time()) if status == "completed" else None,
        "status": status, "incomplete_details": None, "model": request["model"],
        "output": output, "error": None, "usage": usage, **echoed,
    }  # fmt: skip


def _tool_echoed(tool: Any) -> Any:
    """A tool as a response lists it: a function tool with every field it has there."""
    if not isinstance(tool, dict) or tool.get("type") != "function":
        return tool
    return {"description": None, "parameters": None, "strict": True, **tool}


def input_items(request: dict[str, Any], response_id: str) -> list[dict[str, Any]]:
    """The request's input as items, each with an id, as ``input_items`` lists them."""
    given = request.get("input")
    if isinstance(given, str):
        given = [{"type": "message", "role": "user", "content": given}]
    items = []
    for index, item in enumerate(given if isinstance(given, list) else []):
        if not isinstance(item, dict):
            continue
        item = {"type": "message", **item} if "role" in item and "type" not in item else item
        if item.get("type") == "message" and isinstance(item.get("content"), str):
            kind = "output_text" if item.get("role") == "assistant" else "input_text"
            item = {**item, "content": [{"type": kind, "text": item["content"]}]}
        items.append({"id": f"in_{response_id.removeprefix('resp_')}_{index}", **item})
    return items


def count_tokens(request: dict[str, Any]) -> int:
    """A deterministic count of the input's tokens: its words."""
    return sum(len(_text_of(item).split()) for item in input_items(request, "resp_count"))


def compacted(request: dict[str, Any], response_id: str) -> dict[str, Any]:
    """The answer to ``POST /responses/compact``: the input as one compaction item."""
    items = input_items(request, response_id)
    summary = " ".join(_text_of(item) for item in items)
    tokens = len(summary.split())
    item = {
        "id": f"cmp_{response_id.removeprefix('resp_')}",
        "type": "compaction",
        "encrypted_content": base64.b64encode(summary.encode()).decode(),  # opaque enough
    }
    return {
        "id": response_id, "object": "response.compaction", "created_at": int(time.time()),
        "output": [item], "usage": _usage(tokens, 1),
    }  # fmt: skip


def answer_events(
    request: dict[str, Any], response_id: str, call: tuple[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The event stream answering ``request``: created (and queued, for a background
    response), in_progress, the output items (see the module docstring), completed.
    ``call``, a tool's name and its arguments, makes the answer a call to that tool."""
    request = {"model": "mock-1", **request}
    created = int(time.time())
    seq = itertools.count()
    stem = response_id.removeprefix("resp_")
    output: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []

    def event(kind: str, **fields: Any) -> None:
        events.append({"type": kind, "sequence_number": next(seq), **fields})

    if request.get("background"):  # waits its turn first
        queued = response_object(request, response_id, "queued", [], None, created)
        event("response.created", response=queued)
        event("response.queued", response=queued)
    snapshot = response_object(request, response_id, "in_progress", [], None, created)
    if not request.get("background"):
        event("response.created", response=snapshot)
    event("response.in_progress", response=snapshot)
    if isinstance(request.get("reasoning"), dict):
        output.append(_reasoning(event, len(output), stem, _topic(request)))
    tool = _tool_to_call(request) if call is None else {"name": call[0]}
    if tool is not None:
        arguments = json.dumps(call[1] if call is not None else _arguments_for(tool))
        output.append(_function_call(event, len(output), stem, tool["name"], arguments))
    else:
        output.append(_message(event, len(output), stem, _answer_text(request)))
    words = sum(len(json.dumps(item).split()) for item in output)
    usage = _usage(count_tokens(request), words)
    event(
        "response.completed",
        response=response_object(request, response_id, "completed", output, usage, created),
    )
    return events


# --- what it answers ------------------------------------------------------------------------


def _answer_text(request: dict[str, Any]) -> str:
    text = request.get("text")
    text_format = text.get("format") if isinstance(text, dict) else None
    if isinstance(text_format, dict) and text_format.get("type") == "json_schema":
        schema = text_format.get("schema")
        return json.dumps(sample(schema if isinstance(schema, dict) else {}))
    given = request.get("input")
    outputs = [
        str(item.get("output"))
        for item in (given if isinstance(given, list) else [])
        if isinstance(item, dict) and item.get("type") == "function_call_output"
    ]
    if outputs:
        return "The tool answered: " + "; ".join(outputs) + ". That is what I found."
    return (
        f"This is the openresponses_min mock server answering “{_topic(request)[:80]}”. "
        "It streams a short reply word by word, the way a model would, so that you can "
        "try the client offline. Set OPENAI_API_KEY to talk to a real model."
    )


def _topic(request: dict[str, Any]) -> str:
    given = request.get("input")
    if isinstance(given, str):
        return given
    users = [item for item in input_items(request, "resp_topic") if item.get("role") == "user"]
    return _text_of(users[-1]) if users else "your request"


def _text_of(item: dict[str, Any]) -> str:
    content = item.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            part["text"] for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )  # fmt: skip
    output = item.get("output")
    return output if isinstance(output, str) else ""


def _tool_to_call(request: dict[str, Any]) -> dict[str, Any] | None:
    """The function tool the answer calls, if any."""
    tools = [
        tool for tool in request.get("tools") or []
        if isinstance(tool, dict) and tool.get("type") == "function" and tool.get("name")
    ]  # fmt: skip
    choice = request.get("tool_choice", "auto")
    given = request.get("input")
    answered = isinstance(given, list) and any(
        isinstance(item, dict) and item.get("type") == "function_call_output"
        for item in _since_the_user_spoke(given)
    )
    if not tools or choice == "none" or (answered and choice != "required"):
        return None
    if isinstance(choice, dict) and choice.get("name"):
        named = [tool for tool in tools if tool["name"] == choice["name"]]
        return named[0] if named else None
    return tools[0]


def _since_the_user_spoke(items: list[Any]) -> list[Any]:
    """The items after the conversation's last user message: a tool output there answers
    the call the model made for it; one before it answered an earlier question."""
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if isinstance(item, dict) and item.get("role") == "user":
            return items[index + 1 :]
    return items


# --- output items as events -----------------------------------------------------------------


def _message(event: Any, index: int, stem: str, text: str) -> dict[str, Any]:
    item_id = f"msg_{stem}"
    at = {"item_id": item_id, "output_index": index, "content_index": 0}
    empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    item = {"id": item_id, "type": "message", "status": "in_progress", "role": "assistant"}
    event("response.output_item.added", output_index=index, item={**item, "content": []})
    event("response.content_part.added", **at, part=empty)
    for piece in _pieces(text):
        event("response.output_text.delta", **at, delta=piece, logprobs=[])
    part = {**empty, "text": text}
    event("response.output_text.done", **at, text=text, logprobs=[])
    event("response.content_part.done", **at, part=part)
    done = {**item, "status": "completed", "content": [part]}
    event("response.output_item.done", output_index=index, item=done)
    return done


def _arguments_for(tool: dict[str, Any]) -> Any:
    parameters = tool.get("parameters")
    return sample(parameters if isinstance(parameters, dict) else {})


def _function_call(event: Any, index: int, stem: str, name: str, arguments: str) -> dict[str, Any]:
    item_id, call_id = f"fc_{stem}", f"call_{stem}"
    item = {
        "id": item_id, "type": "function_call", "status": "in_progress", "call_id": call_id,
        "name": name, "arguments": "",
    }  # fmt: skip
    event("response.output_item.added", output_index=index, item=item)
    at = {"item_id": item_id, "output_index": index}
    for piece in _pieces(arguments):
        event("response.function_call_arguments.delta", **at, delta=piece)
    event("response.function_call_arguments.done", **at, arguments=arguments)
    done = {**item, "status": "completed", "arguments": arguments}
    event("response.output_item.done", output_index=index, item=done)
    return done


def _reasoning(event: Any, index: int, stem: str, topic: str) -> dict[str, Any]:
    item_id = f"rs_{stem}"
    text = f"The question is about “{topic[:60]}”; a short, direct answer will do."
    at = {"item_id": item_id, "output_index": index, "summary_index": 0}
    item = {"id": item_id, "type": "reasoning", "summary": []}
    event("response.output_item.added", output_index=index, item=item)
    event("response.reasoning_summary_part.added", **at, part={"type": "summary_text", "text": ""})
    for piece in _pieces(text):
        event("response.reasoning_summary_text.delta", **at, delta=piece)
    event("response.reasoning_summary_text.done", **at, text=text)
    part = {"type": "summary_text", "text": text}
    event("response.reasoning_summary_part.done", **at, part=part)
    done = {**item, "summary": [part]}
    event("response.output_item.done", output_index=index, item=done)
    return done


def _pieces(text: str) -> Iterator[str]:
    """``text`` word by word, each space with the word after it."""
    words = text.split(" ")
    yield words[0]
    for word in words[1:]:
        yield " " + word


def _usage(input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {
        "input_tokens": input_tokens, "output_tokens": output_tokens,
        "total_tokens": input_tokens + output_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens_details": {"reasoning_tokens": 0},
    }  # fmt: skip


# --- JSON from a schema ---------------------------------------------------------------------


def sample(
    schema: dict[str, Any], root: dict[str, Any] | None = None, depth: int = 0, variant: int = 0
) -> Any:
    """A JSON value valid against ``schema``, the same every time, for the keywords tools
    and structured outputs use: types, ``properties`` (all of them given), ``items`` and
    their counts (distinct, as ``uniqueItems`` wants), ``enum``/``const``, bounds,
    ``multipleOf``, lengths, the common formats, ``anyOf``/``oneOf`` (the first that is
    not null), ``allOf`` (merged), ``$ref`` into the schema itself. Not followed:
    ``pattern``, ``not`` and conditionals. ``variant`` asks for another valid value,
    where the schema allows one (an array's second item, its third ...)."""
    root = schema if root is None else root
    if depth > 16:
        return None
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/"):
        target: Any = root
        for key in reference[2:].split("/"):
            target = target.get(key, {}) if isinstance(target, dict) else {}
        return sample(target if isinstance(target, dict) else {}, root, depth + 1, variant)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][variant % len(schema["enum"])]
    parts = schema.get("allOf")
    if isinstance(parts, list) and parts:
        merged = _merged([schema, *(part for part in parts if isinstance(part, dict))])
        return sample(merged, root, depth + 1, variant)
    for combined in ("anyOf", "oneOf"):
        options = schema.get(combined)
        if isinstance(options, list) and options:
            usable = [o for o in options if isinstance(o, dict) and o.get("type") != "null"]
            return sample((usable or options)[0], root, depth + 1, variant)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "array" if "items" in schema else "string"
    return _SAMPLERS.get(kind, _null)(schema, root, depth, variant)


def _merged(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """The schemas of an ``allOf`` as one: later keywords win, properties and required
    keys add up."""
    merged: dict[str, Any] = {}
    for part in schemas:
        part = {key: value for key, value in part.items() if key != "allOf"}
        properties = {**merged.get("properties", {}), **part.get("properties", {})}
        required = [*merged.get("required", []), *part.get("required", [])]
        merged.update(part)
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = list(dict.fromkeys(required))
    return merged


def _object(
    schema: dict[str, Any], root: dict[str, Any], depth: int, variant: int
) -> dict[str, Any]:
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return {}
    return {
        name: sample(sub if isinstance(sub, dict) else {}, root, depth + 1, variant)
        for name, sub in properties.items()
    }


def _array(schema: dict[str, Any], root: dict[str, Any], depth: int, variant: int) -> list[Any]:
    items = schema.get("items")
    low, high = schema.get("minItems"), schema.get("maxItems")
    count = max(1, low) if isinstance(low, int) else 1
    if isinstance(high, int):
        count = min(count, high)
    each = items if isinstance(items, dict) else {}
    return [sample(each, root, depth + 1, variant + n) for n in range(count)]


_FORMATS = {
    "date-time": "2026-01-01T00:00:00Z", "date": "2026-01-01", "time": "00:00:00",
    "email": "mock@example.com", "uri": "https://example.com/", "hostname": "example.com",
    "uuid": "00000000-0000-4000-8000-000000000000", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1",
}  # fmt: skip


def _string(schema: dict[str, Any], root: dict[str, Any], depth: int, variant: int) -> str:
    text = _FORMATS.get(schema.get("format", ""))
    if text is None:
        text = "mock" if not variant else f"mock{variant + 1}"
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(low, int) and len(text) < low:
        text += "x" * (low - len(text))
    return text[:high] if isinstance(high, int) else text


def _number(schema: dict[str, Any], root: dict[str, Any], depth: int, variant: int) -> int | float:
    kind = schema.get("type")
    integer = kind == "integer" or (isinstance(kind, list) and "integer" in kind)
    step = _bound(schema, "multipleOf")
    if not integer and (step is None or step <= 0):
        return _real(schema, variant)
    step = step if step is not None and step > 0 else 1
    low = high = None
    for key, nudge in (("minimum", 0), ("exclusiveMinimum", step)):
        bound = _bound(schema, key)
        if bound is not None:
            low = bound + nudge if low is None else max(low, bound + nudge)
    for key, nudge in (("maximum", 0), ("exclusiveMaximum", step)):
        bound = _bound(schema, key)
        if bound is not None:
            high = bound - nudge if high is None else min(high, bound - nudge)
    if low is not None:
        value = math.ceil(low / step) * step + variant * step
        if high is not None and value > high:  # no room for another: the highest there is
            value = max(math.ceil(low / step) * step, math.floor(high / step) * step)
    elif high is not None:
        value = math.floor(high / step) * step - variant * step
    else:
        value = step + variant * step
    return int(value) if integer else float(value)


def _real(schema: dict[str, Any], variant: int) -> float:
    """A number within the bounds, strictly inside where they are exclusive."""
    low = _bound(schema, "minimum")
    low = _bound(schema, "exclusiveMinimum") if low is None else low
    high = _bound(schema, "maximum")
    high = _bound(schema, "exclusiveMaximum") if high is None else high
    if low is not None and high is not None:
        return float(low + (high - low) / (variant + 2))
    if low is not None:
        return float(low + 1 + variant)
    if high is not None:
        return float(high - 1 - variant)
    return float(1 + variant)


def _bound(schema: dict[str, Any], key: str) -> float | None:
    bound = schema.get(key)
    return bound if isinstance(bound, (int, float)) and not isinstance(bound, bool) else None


def _null(schema: dict[str, Any], root: dict[str, Any], depth: int, variant: int) -> None:
    return None


_SAMPLERS: dict[str, Any] = {
    "object": _object,
    "array": _array,
    "string": _string,
    "integer": _number,
    "number": _number,
    "boolean": lambda schema, root, depth, variant: variant % 2 == 0,
    "null": _null,
}
