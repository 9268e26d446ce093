# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The mock server as a conformant Open Responses server: complete response objects, the
endpoints the official SDK can call, the API's errors, and a model's part played
deterministically (tool calls and JSON valid against their schemas, tool outputs used, a
reasoning summary first, conversations continued). CI also runs the Open Responses
compliance checker against it (``.ci/run``)."""

from __future__ import annotations

import http.client
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openresponses_min import BadRequestError, Client, NotFoundError, Response
from openresponses_min._mock.answers import sample
from openresponses_min.events import (
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseReasoningSummaryTextDeltaEvent,
)
from openresponses_min.mock import MockServer, Reply
from openresponses_min.response import FunctionCallItem

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

REQUIRED = [
    "id", "object", "created_at", "completed_at", "status", "incomplete_details", "model",
    "previous_response_id", "instructions", "output", "error", "tools", "tool_choice",
    "truncation", "parallel_tool_calls", "text", "top_p", "presence_penalty",
    "frequency_penalty", "top_logprobs", "temperature", "reasoning", "usage",
    "max_output_tokens", "max_tool_calls", "store", "background", "service_tier", "metadata",
    "safety_identifier", "prompt_cache_key",
]  # fmt: skip
"""The response resource's required fields in the Open Responses specification (2026-04-24)."""

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "The weather in a city.",
    "parameters": {
        "type": "object",
        "properties": {
            "city": {"type": "string", "minLength": 6},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer", "minimum": 3, "maximum": 7},
            "hours": {"type": "array", "items": {"type": "number", "exclusiveMinimum": 5}},
            "where": {"$ref": "#/$defs/place"},
            "note": {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
        },
        "required": ["city", "unit", "days", "hours", "where", "note"],
        "additionalProperties": False,
        "$defs": {"place": {"type": "object", "properties": {"lat": {"type": "number"}}}},
    },
}


@pytest.fixture
def client(server: MockServer) -> Iterator[Client]:
    with Client(base_url=server.base_url, max_retries=0) as made:
        yield made


def call(server: MockServer, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """A request as any HTTP client sends it: the status and the parsed JSON answer."""
    port = int(server.base_url.rsplit(":", 1)[1].split("/")[0])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        data = body if isinstance(body, bytes) else None if body is None else json.dumps(body)
        connection.request(method, "/v1" + path, body=data)
        answer = connection.getresponse()
        raw = answer.read()
    finally:
        connection.close()
    if answer.headers.get("content-type") == "text/event-stream":
        return answer.status, raw
    return answer.status, json.loads(raw)


def calls_in(response: Response) -> list[FunctionCallItem]:
    return [item for item in response.output if isinstance(item, FunctionCallItem)]


def test_a_response_has_every_required_field_and_echoes_the_request(client: Client) -> None:
    asked = {
        "temperature": 0.2, "top_p": 0.9, "max_output_tokens": 50, "store": False,
        "truncation": "auto", "metadata": {"k": "v"}, "prompt_cache_key": "key",
        "safety_identifier": "user-1", "service_tier": "flex", "instructions": "Be brief.",
    }  # fmt: skip
    response = client.responses.create(model="m", input="hi", **asked).to_dict()
    assert [name for name in REQUIRED if name not in response] == []
    assert {name: response[name] for name in asked} == asked
    assert response["status"] == "completed" and response["object"] == "response"
    assert response["text"] == {"format": {"type": "text"}}


@pytest.mark.parametrize(
    ("body", "code"),
    [({"input": "no model"}, "missing_required_parameter"), (b"{not json", "invalid_json")],
)
def test_a_request_the_api_refuses_is_refused_with_its_error(
    server: MockServer, body: Any, code: str
) -> None:
    status, answer = call(server, "POST", "/responses", body)
    assert status == 400
    assert answer["error"]["code"] == code and answer["error"]["type"] == "invalid_request_error"


def test_a_missing_model_is_a_bad_request_for_the_client(client: Client) -> None:
    with pytest.raises(BadRequestError) as raised:
        client.responses.create(input="hi", model="")
    assert raised.value.param == "model"


def test_an_unknown_previous_response_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as raised:
        client.responses.create(model="m", input="hi", previous_response_id="resp_gone")
    assert raised.value.code == "previous_response_not_found"


def test_a_conversation_continues_from_the_previous_response(
    client: Client, server: MockServer
) -> None:
    first = client.responses.create(model="m", input="My name is Ada.")
    second = client.responses.create(model="m", input="And yours?", previous_response_id=first.id)
    assert second.previous_response_id == first.id
    status, page = call(server, "GET", f"/responses/{second.id}/input_items?order=asc")
    assert status == 200
    texts = [item["content"][0]["text"] for item in page["data"] if item["type"] == "message"]
    assert texts == ["My name is Ada.", first.output_text, "And yours?"]


def test_input_items_come_in_pages(client: Client, server: MockServer) -> None:
    words = [{"role": "user", "content": f"word {n}"} for n in range(5)]
    response = client.responses.create(model="m", input=words)
    path = f"/responses/{response.id}/input_items"
    _, first = call(server, "GET", f"{path}?limit=2&order=asc")
    _, second = call(server, "GET", f"{path}?limit=2&order=asc&after={first['last_id']}")
    _, newest = call(server, "GET", f"{path}?limit=1")
    text = [[item["content"][0]["text"] for item in page["data"]] for page in (first, second)]
    assert text == [["word 0", "word 1"], ["word 2", "word 3"]]
    assert first["has_more"] and second["has_more"] and first["object"] == "list"
    assert newest["data"][0]["content"][0]["text"] == "word 4"


def test_input_tokens_are_counted_the_same_every_time(server: MockServer) -> None:
    body = {"model": "m", "input": "one two three"}
    answers = [call(server, "POST", "/responses/input_tokens", body) for _ in range(2)]
    assert answers[0] == answers[1] == (200, {"object": "response.input_tokens", "input_tokens": 3})


def test_compact_answers_with_a_compaction_item(server: MockServer) -> None:
    body = {"model": "m", "input": [{"role": "user", "content": "Launch on Tuesday."}]}
    status, answer = call(server, "POST", "/responses/compact", body)
    assert status == 200 and answer["object"] == "response.compaction"
    assert [item["type"] for item in answer["output"]] == ["compaction"]
    assert call(server, "POST", "/responses/compact", {"input": "x"})[0] == 400


def test_a_function_tool_is_called_with_arguments_valid_against_its_schema(
    client: Client,
) -> None:
    with client.responses.create(
        model="m", input="Weather in Paris?", tools=[WEATHER], stream=True
    ) as stream:
        events = list(stream)
    [call_] = stream.function_calls()
    assert call_.name == "get_weather"
    arguments = call_.arguments
    assert set(arguments) == set(WEATHER["parameters"]["properties"])  # type: ignore[index]
    assert len(arguments["city"]) >= 6 and arguments["unit"] in ("celsius", "fahrenheit")
    assert isinstance(arguments["days"], int) and 3 <= arguments["days"] <= 7
    assert arguments["hours"] and all(hour > 5 for hour in arguments["hours"])
    assert isinstance(arguments["where"]["lat"], float) and arguments["note"] is True
    deltas = [e.delta for e in events if isinstance(e, ResponseFunctionCallArgumentsDeltaEvent)]
    [done] = [e for e in events if isinstance(e, ResponseFunctionCallArgumentsDoneEvent)]
    assert "".join(deltas) == done.arguments and json.loads(done.arguments) == arguments


@pytest.mark.parametrize(
    ("tool_choice", "kinds"),
    [("none", ["message"]), ("auto", ["function_call"]), ("required", ["function_call"])],
)
def test_tool_choice_decides_whether_a_tool_is_called(
    client: Client, tool_choice: str, kinds: list[str]
) -> None:
    response = client.responses.create(
        model="m", input="Weather?", tools=[WEATHER], tool_choice=tool_choice
    )
    assert [item.type for item in response.output] == kinds


def test_a_named_tool_choice_calls_that_tool(client: Client) -> None:
    other = {**WEATHER, "name": "get_time", "parameters": {"type": "object", "properties": {}}}
    response = client.responses.create(
        model="m", input="Time?", tools=[WEATHER, other],
        tool_choice={"type": "function", "name": "get_time"},
    )  # fmt: skip
    assert [call_.name for call_ in calls_in(response)] == ["get_time"]


def test_tool_outputs_are_answered_in_text_that_uses_them(client: Client) -> None:
    first = client.responses.create(model="m", input="Weather?", tools=[WEATHER])
    [call_] = calls_in(first)
    output = {"type": "function_call_output", "call_id": call_.call_id, "output": "21 °C, sunny"}
    second = client.responses.create(
        model="m", input=[output], tools=[WEATHER], previous_response_id=first.id
    )
    assert "21 °C, sunny" in second.output_text and calls_in(second) == []


def test_a_tool_output_for_no_call_of_the_conversation_is_refused(client: Client) -> None:
    first = client.responses.create(model="m", input="Weather?", tools=[WEATHER])
    stray = {"type": "function_call_output", "call_id": "call_unknown", "output": "rain"}
    with pytest.raises(BadRequestError, match="call_unknown") as raised:
        client.responses.create(model="m", input=[stray], previous_response_id=first.id)
    assert raised.value.status_code == 400 and raised.value.param == "input"
    assert raised.value.type == "invalid_request_error"


def test_a_new_question_after_a_tool_output_calls_the_tool_again(client: Client) -> None:
    first = client.responses.create(model="m", input="Weather in Oslo?", tools=[WEATHER])
    [call_] = calls_in(first)
    output = {"type": "function_call_output", "call_id": call_.call_id, "output": "rain"}
    second = client.responses.create(
        model="m", input=[output], tools=[WEATHER], previous_response_id=first.id
    )
    third = client.responses.create(
        model="m", input="And in Bergen?", tools=[WEATHER], previous_response_id=second.id
    )
    assert [call_.name for call_ in calls_in(third)] == ["get_weather"]


def test_a_json_schema_format_is_answered_with_json_valid_against_it(client: Client) -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "tags": {"type": "array", "items": {"enum": ["a"]}},
        },
        "required": ["name", "tags"],
    }
    text = {"format": {"type": "json_schema", "name": "person", "schema": schema}}
    response = client.responses.create(model="m", input="A person.", text=text)
    answer = json.loads(response.output_text)
    assert isinstance(answer["name"], str) and answer["tags"] == ["a"]
    assert response.to_dict()["text"] == text


def test_reasoning_streams_a_summary_first(client: Client) -> None:
    with client.responses.create(
        model="m", input="15 * 37?", reasoning={"effort": "low", "summary": "auto"}, stream=True
    ) as stream:
        events = list(stream)
    response = stream.response
    assert [item.type for item in response.output] == ["reasoning", "message"]
    summary = "".join(
        e.delta for e in events if isinstance(e, ResponseReasoningSummaryTextDeltaEvent)
    )
    assert summary and summary == response.output[0].summary[0].text  # type: ignore[union-attr]


def test_image_input_is_accepted(client: Client) -> None:
    image = {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="}
    content = [{"type": "input_text", "text": "What is this?"}, image]
    response = client.responses.create(model="m", input=[{"role": "user", "content": content}])
    assert response.status == "completed" and "What is this?" in response.output_text


def test_the_same_request_gets_the_same_answer(client: Client) -> None:
    def answer() -> list[Any]:
        response = client.responses.create(model="m", input="Weather?", tools=[WEATHER])
        return [{k: v for k, v in item.to_dict().items() if k not in ("id", "call_id")}
                for item in response.output]  # fmt: skip

    assert answer() == answer()


@pytest.mark.parametrize(("dialect", "done"), [("open-responses", True), ("openai", False)])
def test_a_stream_ends_as_its_dialect_says(dialect: str, done: bool) -> None:
    with MockServer(dialect=dialect) as server:
        status, body = call(server, "POST", "/responses", {"model": "m", "stream": True})
    assert status == 200
    assert body.rstrip().endswith(b"data: [DONE]") is done
    assert b"event: response.completed" in body


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="dialect"):
        MockServer(dialect="acme")


def test_the_command_line_serves_the_dialect_asked_for() -> None:
    command = [sys.executable, "-m", "openresponses_min.mock", "--dialect", "openai"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=ENV) as process:
        try:
            assert process.stdout is not None
            base_url = process.stdout.readline().strip()
            port = int(base_url.rsplit(":", 1)[1].split("/")[0])
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request(
                "POST", "/v1/responses", body=json.dumps({"model": "m", "stream": True})
            )
            body = connection.getresponse().read()
            connection.close()
        finally:
            process.terminate()
    assert b"event: response.completed" in body and b"[DONE]" not in body


def test_a_background_response_is_queued_then_in_progress_then_complete() -> None:
    order = ["queued", "in_progress", "completed"]
    with MockServer(background_time=0.3) as server, Client(base_url=server.base_url) as client:
        created = client.responses.create(model="m", input="hi", background=True)
        seen = [created.status]
        deadline = time.monotonic() + 30
        while seen[-1] != "completed" and time.monotonic() < deadline:
            seen.append(client.responses.retrieve(created.id).status)
        with client.responses.retrieve(created.id, stream=True) as stream:  # as it was made
            kinds = [event.type for event in stream]
    assert seen[0] == "queued" and seen[-1] == "completed"
    assert seen == sorted(seen, key=order.index)
    assert kinds[:3] == ["response.created", "response.queued", "response.in_progress"]


def test_cancel_works_on_a_background_response_in_progress_only() -> None:
    with MockServer(background_time=3600) as server, Client(base_url=server.base_url) as client:
        running = client.responses.create(model="m", input="hi", background=True)
        assert client.responses.cancel(running.id).status == "cancelled"
        assert client.responses.retrieve(running.id).status == "cancelled"
        foreground = client.responses.create(model="m", input="hi")
        with pytest.raises(BadRequestError, match="background"):
            client.responses.cancel(foreground.id)
    with MockServer(background_time=0) as server, Client(base_url=server.base_url) as client:
        done = client.responses.create(model="m", input="hi", background=True)
        assert client.responses.retrieve(done.id).status == "completed"
        with pytest.raises(BadRequestError, match="completed"):
            client.responses.cancel(done.id)


def test_a_deleted_response_is_gone(client: Client) -> None:
    response = client.responses.create(model="m", input="hi")
    client.responses.delete(response.id)
    with pytest.raises(NotFoundError):
        client.responses.retrieve(response.id)


def random_schema(rng: random.Random, depth: int = 0) -> dict[str, Any]:
    """A JSON schema of the keywords tools and structured outputs use, satisfiable."""
    kinds = ["string", "integer", "number", "boolean", "enum", "const", "null"]
    if depth < 3:
        kinds += ["object", "object", "array", "anyOf", "allOf", "ref"]
    kind = rng.choice(kinds)
    if kind == "string":
        schema: dict[str, Any] = {"type": "string"}
        if rng.random() < 0.3:
            schema["format"] = rng.choice(["date-time", "date", "email", "uri", "uuid", "ipv4"])
        elif rng.random() < 0.5:
            schema["minLength"] = rng.randint(0, 12)
            if rng.random() < 0.5:
                schema["maxLength"] = schema["minLength"] + rng.randint(0, 3)
        return schema
    if kind in ("integer", "number"):
        schema = {"type": kind}
        low = rng.randint(-50, 50)
        bounds = rng.sample(["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"], 2)
        if "minimum" in bounds or "exclusiveMinimum" in bounds:
            schema[next(b for b in bounds if "inimum" in b)] = low
        if "maximum" in bounds or "exclusiveMaximum" in bounds:
            schema[next(b for b in bounds if "aximum" in b)] = low + rng.randint(12, 40)
        if rng.random() < 0.3:
            schema["multipleOf"] = rng.choice([2, 3, 5] if kind == "integer" else [0.5, 2])
        return schema
    if kind == "enum":
        return {"enum": rng.sample(["red", "green", "blue", 1, None], rng.randint(1, 3))}
    if kind == "const":
        return {"const": rng.choice(["x", 0, True, [1]])}
    if kind in ("null", "boolean"):
        return {"type": kind}
    if kind == "object":
        names = rng.sample(["a", "b", "c", "d"], rng.randint(0, 3))
        schema = {"type": "object", "properties": {n: random_schema(rng, depth + 1) for n in names}}
        schema["required"] = [n for n in names if rng.random() < 0.7]
        if rng.random() < 0.5:
            schema["additionalProperties"] = False
        return schema
    if kind == "array":
        low = rng.randint(0, 3)
        schema = {"type": "array", "minItems": low, "maxItems": low + rng.randint(0, 2)}
        if rng.random() < 0.5:  # items that have room for distinct values
            schema["items"] = {"type": rng.choice(["string", "integer"])}
            schema["uniqueItems"] = True
        else:
            schema["items"] = random_schema(rng, depth + 1)
        return schema
    if kind == "anyOf":
        return {"anyOf": [{"type": "null"}, random_schema(rng, depth + 1)]}
    if kind == "allOf":
        return {"allOf": [
            {"type": "object", "properties": {"a": random_schema(rng, depth + 1)}},
            {"properties": {"b": {"type": "integer", "minimum": 2}}, "required": ["a", "b"]},
        ]}  # fmt: skip
    assert kind == "ref"
    return {"$ref": "#/$defs/shared"}


def test_made_up_values_are_valid_against_random_schemas() -> None:
    """Checked by a JSON Schema validator no one here wrote (a test-only dependency)."""
    fastjsonschema = pytest.importorskip("fastjsonschema")
    rng = random.Random(11)
    for n in range(400):
        schema = {"$defs": {"shared": random_schema(rng, 3)}, **random_schema(rng)}
        value = sample(schema)
        assert sample(schema) == value, n
        try:
            fastjsonschema.validate(schema, value)
        except fastjsonschema.JsonSchemaException as error:
            raise AssertionError(f"{n}: {json.dumps(schema)} -> {json.dumps(value)}") from error


@pytest.mark.parametrize("stream", [False, True])
def test_a_scripted_tool_call_answers_with_those_arguments(
    client: Client, server: MockServer, stream: bool
) -> None:
    server.add(Reply(call=("get_weather", {"city": "Paris", "days": 2})))
    response = client.responses.create(model="m", input="Weather?", tools=[WEATHER], stream=stream)
    if not isinstance(response, Response):
        response = response.get_final_response()
    [call_] = calls_in(response)
    assert (call_.name, json.loads(call_.arguments)) == (
        "get_weather",
        {"city": "Paris", "days": 2},
    )
    output = {"type": "function_call_output", "call_id": call_.call_id, "output": "rain"}
    after = client.responses.create(model="m", input=[output], previous_response_id=response.id)
    assert "rain" in after.output_text
