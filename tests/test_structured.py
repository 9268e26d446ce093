# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Structured outputs: JSON Schema from standard-library types (checked by an independent
validator), the answer parsed back into those types with errors that name the field,
``parse()`` and ``stream(text_format=...)`` against the mock server, and function tools
from Python functions."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal, Optional, TypedDict

import fastjsonschema
import pytest
from conftest import KEY, LOOPBACK

from openresponses_min import (
    AsyncClient,
    Client,
    FunctionTool,
    OutputParseError,
    ParsedResponse,
    function_tool,
    pydantic_function_tool,
)
from openresponses_min._model.structured import parse_json, schema_of, text_format_param
from openresponses_min.mock import MockServer, Reply
from openresponses_min.response import ParsedFunctionCallItem, ParsedOutputTextPart

# --- the types ---------------------------------------------------------------------------------


class Kind(Enum):
    A = "a"
    B = "b"


class Size(Enum):
    S = 1
    M = 2


class Tag(TypedDict):
    name: str
    weight: float


@dataclass
class Leaf:
    """The end of a branch."""

    label: Annotated[str, "what it is called"]
    count: int
    ratio: float
    on: bool


@dataclass
class Node:
    name: str
    kind: Kind
    size: Size
    mode: Literal["x", "y", 3]
    tags: list[Tag]
    leaf: Leaf | None
    children: list[Node]
    note: Optional[str] = None  # noqa: UP045 - the spelling the SDK's users write


@dataclass
class Step:
    explanation: str
    output: str


@dataclass
class MathResponse:
    steps: list[Step]
    final_answer: str


def sample(tp: Any, rng: random.Random, depth: int = 0) -> Any:
    """A random value of ``tp``, one of the types above."""
    if tp is str:
        return rng.choice(["", "ok", "naïve", 'q"uote', "€"])
    if tp is int:
        return rng.randint(-5, 5)
    if tp is float:
        return rng.choice([0.5, -2.25, 3])
    if tp is bool:
        return rng.random() < 0.5
    if tp in (Kind, Size):
        return rng.choice(list(tp))
    if tp is Tag:
        return Tag(name=sample(str, rng), weight=sample(float, rng))
    if tp is Leaf:
        return Leaf(sample(str, rng), sample(int, rng), sample(float, rng), sample(bool, rng))
    assert tp is Node
    more = depth < 3
    return Node(
        name=sample(str, rng), kind=sample(Kind, rng), size=sample(Size, rng),
        mode=rng.choice(["x", "y", 3]),
        tags=[sample(Tag, rng) for _ in range(rng.randint(0, 2))],
        leaf=sample(Leaf, rng) if rng.random() < 0.6 else None,
        children=[sample(Node, rng, depth + 1) for _ in range(rng.randint(0, 2) if more else 0)],
        note=rng.choice([None, "n"]),
    )  # fmt: skip


def encoded(value: Any) -> Any:
    """``value`` as the JSON the model would write."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encoded(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [encoded(item) for item in value]
    if isinstance(value, dict):
        return {key: encoded(item) for key, item in value.items()}
    return value


def positions(value: Any, path: str = "$") -> list[tuple[str, Any, Any]]:
    """Every (path, container, key) in parsed JSON, the root's container ``None``."""
    found: list[tuple[str, Any, Any]] = []
    if isinstance(value, (dict, list)):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            where = f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
            found.append((where, value, key))
            found.extend(positions(item, where))
    return found


def strict_invariants(schema: Any) -> None:
    """What OpenAI's strict mode asks of every object schema, everywhere in ``schema``."""
    if isinstance(schema, list):
        for item in schema:
            strict_invariants(item)
    elif isinstance(schema, dict):
        if schema.get("type") == "object":
            assert schema["additionalProperties"] is False
            assert schema["required"] == list(schema["properties"])
        if "$ref" in schema:
            assert list(schema) == ["$ref"], schema  # strict mode takes a $ref alone
        assert "default" not in schema
        for value in schema.values():
            strict_invariants(value)


# --- schemas -----------------------------------------------------------------------------------


def test_a_dataclass_schema_has_defs_refs_and_descriptions() -> None:
    schema = schema_of(Node)
    strict_invariants(schema)
    assert schema["properties"]["children"] == {"type": "array", "items": {"$ref": "#"}}
    assert schema["properties"]["kind"] == {"$ref": "#/$defs/Kind"}
    assert schema["$defs"]["Kind"] == {"type": "string", "enum": ["a", "b"]}
    assert schema["$defs"]["Size"] == {"type": "integer", "enum": [1, 2]}
    assert schema["properties"]["mode"] == {"enum": ["x", "y", 3]}
    assert schema["properties"]["note"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    leaf = schema["$defs"]["Leaf"]
    assert leaf["description"] == "The end of a branch."
    assert leaf["properties"]["label"] == {"type": "string", "description": "what it is called"}
    assert schema["$defs"]["Tag"]["required"] == ["name", "weight"]
    assert "description" not in schema  # the signature dataclasses write is no description


def test_strict_mode_requires_every_field_and_the_lax_one_does_not() -> None:
    assert schema_of(Node)["required"][-1] == "note"
    assert "note" not in schema_of(Node, strict=False)["required"]

    class Partial(TypedDict, total=False):
        a: int

    assert schema_of(Partial)["required"] == ["a"]
    assert schema_of(Partial, strict=False)["required"] == []


def test_types_strict_mode_cannot_describe_are_refused_before_anything_is_sent() -> None:
    @dataclass
    class Loose:
        anything: Any

    @dataclass
    class Mapping:
        scores: dict[str, int]

    @dataclass
    class Bare:
        items: list  # type: ignore[type-arg]

    for tp in (Loose, Mapping, Bare):
        with pytest.raises(TypeError):
            schema_of(tp)
    assert schema_of(Mapping, strict=False)["properties"]["scores"] == {
        "type": "object",
        "additionalProperties": {"type": "integer"},
    }
    with pytest.raises(TypeError, match="text_format must be"):
        text_format_param(list[int])


def test_schemas_are_built_once_per_type() -> None:
    assert schema_of(Node) is schema_of(Node)
    param = text_format_param(MathResponse)
    assert param["name"] == "MathResponse" and param["strict"] is True
    assert param["schema"] is schema_of(MathResponse)


def test_a_description_beside_a_reference_is_unraveled_for_strict_mode() -> None:
    @dataclass
    class Holder:
        kind: Annotated[Kind, "which kind"]
        again: Kind

    schema = schema_of(Holder)
    strict_invariants(schema)
    assert schema["properties"]["kind"] == {
        "type": "string", "enum": ["a", "b"], "description": "which kind"
    }  # fmt: skip
    assert schema["properties"]["again"] == {"$ref": "#/$defs/Kind"}


# --- JSON into the types -----------------------------------------------------------------------


def test_random_values_round_trip_and_the_schema_accepts_them() -> None:
    rng = random.Random(1608)
    validate = fastjsonschema.compile(schema_of(Node))
    for _ in range(300):
        value = sample(Node, rng)
        text = json.dumps(encoded(value))
        validate(json.loads(text))
        assert parse_json(Node, text) == value


def test_every_wrong_value_is_named_by_its_path_and_the_schema_refuses_it_too() -> None:
    rng = random.Random(2411)
    validate = fastjsonschema.compile(schema_of(Node))
    checked = 0
    for _ in range(200):
        data = encoded(sample(Node, rng))
        where, container, key = rng.choice(positions(data))
        original = container[key]
        container[key] = {} if isinstance(original, list) else []
        text = json.dumps(data)
        with pytest.raises(OutputParseError) as caught:
            parse_json(Node, text)
        assert caught.value.path == where, (caught.value, text)
        assert caught.value.text == text
        assert str(caught.value).startswith(where)
        with pytest.raises(fastjsonschema.JsonSchemaException):
            validate(json.loads(text))
        checked += 1
    assert checked == 200


def test_a_missing_or_unknown_field_is_named() -> None:
    rng = random.Random(77)
    for _ in range(100):
        data = encoded(sample(Node, rng))
        objects = [(p, c, k) for p, c, k in positions(data) if isinstance(c[k], dict)]
        where, container, key = rng.choice([("$", None, None), *objects])
        target = data if container is None else container[key]
        removed = rng.choice(sorted(set(target) - {"note"}))  # note has a default
        del target[removed]
        with pytest.raises(OutputParseError, match="missing") as caught:
            parse_json(Node, json.dumps(data))
        assert caught.value.path == f"{where}.{removed}"
        target[removed] = None
        target["surplus"] = 1
        with pytest.raises(OutputParseError, match="not a field") as caught:
            parse_json(Node, json.dumps(data))
        assert caught.value.path == f"{where}.surplus"


def test_scalars_are_checked_as_json_schema_types_are() -> None:
    @dataclass
    class Numbers:
        whole: int
        real: float
        flag: bool

    assert parse_json(Numbers, '{"whole": 2.0, "real": 1, "flag": true}') == Numbers(2, 1.0, True)
    for bad, where in [
        ('{"whole": true, "real": 1, "flag": true}', "$.whole"),
        ('{"whole": 2.5, "real": 1, "flag": true}', "$.whole"),
        ('{"whole": 1, "real": "1", "flag": true}', "$.real"),
        ('{"whole": 1, "real": 1, "flag": 1}', "$.flag"),
    ]:
        with pytest.raises(OutputParseError) as caught:
            parse_json(Numbers, bad)
        assert caught.value.path == where


def test_not_json_and_a_dataclass_refusing_its_values_are_parse_errors() -> None:
    with pytest.raises(OutputParseError, match="not JSON") as caught:
        parse_json(MathResponse, '{"steps": [')
    assert caught.value.path == "$" and caught.value.text == '{"steps": ['

    @dataclass
    class Positive:
        n: int

        def __post_init__(self) -> None:
            if self.n <= 0:
                raise ValueError("n must be positive")

    with pytest.raises(OutputParseError, match="n must be positive"):
        parse_json(Positive, '{"n": 0}')
    assert isinstance(OutputParseError("x", path="$", text=""), ValueError)


class Duck:
    """Acts as a pydantic model does, as far as this package looks: never imported."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duck) and other.__dict__ == self.__dict__

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        return {
            "title": "Duck", "type": "object",
            "properties": {
                "city": {"type": "string", "default": "Oslo"},
                "where": {"$ref": "#/$defs/Place", "description": "where it is"},
            },
            "$defs": {"Place": {"type": "object", "properties": {"lat": {"type": "number"}}}},
        }  # fmt: skip

    @classmethod
    def model_validate(cls, value: Any) -> Duck:
        if not isinstance(value, dict) or not isinstance(value.get("city"), str):
            raise ValueError("city: a string is required")
        return cls(**value)

    @classmethod
    def model_validate_json(cls, text: str) -> Duck:
        return cls.model_validate(json.loads(text))


def test_a_pydantic_like_model_is_duck_typed_and_made_strict() -> None:
    schema = schema_of(Duck)
    strict_invariants(schema)
    assert schema["required"] == ["city", "where"]
    assert schema["properties"]["where"]["properties"] == {"lat": {"type": "number"}}
    assert schema["properties"]["where"]["description"] == "where it is"
    assert parse_json(Duck, '{"city": "Bergen"}') == Duck(city="Bergen")
    with pytest.raises(OutputParseError, match="city"):
        parse_json(Duck, '{"city": 1}')

    @dataclass
    class Trip:
        stops: list[Duck]

    assert parse_json(Trip, '{"stops": [{"city": "Bergen"}]}') == Trip([Duck(city="Bergen")])
    with pytest.raises(OutputParseError) as caught:
        parse_json(Trip, '{"stops": [{"city": 2}]}')
    assert caught.value.path == "$.stops[0]"


def test_a_real_pydantic_model_when_installed() -> None:
    pydantic = pytest.importorskip("pydantic")

    class Where(pydantic.BaseModel):  # type: ignore[name-defined,misc]
        lat: float
        note: str | None = None

    class Place(pydantic.BaseModel):  # type: ignore[name-defined,misc]
        city: str
        at: list[Where]

    schema = schema_of(Place)
    strict_invariants(schema)
    fastjsonschema.compile(schema)({"city": "x", "at": [{"lat": 1, "note": None}]})
    assert parse_json(Place, '{"city": "x", "at": [{"lat": 1}]}').at[0].lat == 1.0
    with pytest.raises(OutputParseError):
        parse_json(Place, '{"city": 3, "at": []}')


# --- parse() and stream() against the mock server ----------------------------------------------


def message(text: str, *, phase: str | None = None, kind: str = "output_text") -> dict[str, Any]:
    part = {"type": kind, kind if kind == "refusal" else "text": text}
    if kind == "output_text":
        part["annotations"] = []
    item = {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
            "content": [part]}  # fmt: skip
    if phase is not None:
        item["phase"] = phase
    return item


def answer(*output: dict[str, Any], status: str = "completed", **more: Any) -> Reply:
    body = {"id": "resp_1", "object": "response", "status": status, "model": "m",
            "output": list(output), **more}  # fmt: skip
    return Reply(body=body, headers={"x-request-id": "req_parse"})


def test_parse_sends_the_strict_schema_and_gives_the_typed_answer(
    client: Client, server: MockServer
) -> None:
    response = client.responses.parse(
        model="m", input="solve 8x + 31 = 2", text_format=MathResponse, text={"verbosity": "low"}
    )
    sent = server.requests[-1].body
    assert sent["text"] == {"verbosity": "low", "format": text_format_param(MathResponse)}
    assert "text_format" not in sent
    assert isinstance(response, ParsedResponse)
    assert isinstance(response.output_parsed, MathResponse)
    part = response.output[-1].content[0]  # type: ignore[attr-defined]
    assert isinstance(part, ParsedOutputTextPart) and part.parsed == response.output_parsed
    assert response.refusal is None
    fastjsonschema.compile(schema_of(MathResponse))(json.loads(part.text))


def test_parse_with_a_typeddict_and_with_a_duck_model(client: Client, server: MockServer) -> None:
    class Weather(TypedDict):
        city: str
        degrees: int

    server.add(answer(message('{"city": "Oslo", "degrees": 3}')))
    assert client.responses.parse(model="m", text_format=Weather).output_parsed == {
        "city": "Oslo", "degrees": 3
    }  # fmt: skip
    server.add(answer(message('{"city": "Oslo"}')))
    assert client.responses.parse(model="m", text_format=Duck).output_parsed == Duck(city="Oslo")


def test_commentary_is_not_parsed_and_the_final_answer_is(
    client: Client, server: MockServer
) -> None:
    final = '{"steps": [], "final_answer": "x = -29/8"}'
    server.add(
        answer(message("Let me think…", phase="commentary"), message(final, phase="final_answer"))
    )
    response = client.responses.parse(model="m", text_format=MathResponse)
    commentary, _ = response.output
    assert not isinstance(commentary.content[0], ParsedOutputTextPart)  # type: ignore[attr-defined]
    assert response.output_parsed == MathResponse([], "x = -29/8")
    assert response._request_id == "req_parse"
    assert response.to_dict()["output"][1]["content"][0]["text"] == final


def test_a_refusal_is_surfaced_not_raised(client: Client, server: MockServer) -> None:
    server.add(answer(message("I can't help with that.", kind="refusal")))
    response = client.responses.parse(model="m", text_format=MathResponse)
    assert response.output_parsed is None
    assert response.refusal == "I can't help with that."


def test_an_answer_that_does_not_fit_raises_naming_the_field(
    client: Client, server: MockServer
) -> None:
    text = '{"steps": [{"explanation": "a", "output": 2}], "final_answer": "x"}'
    server.add(answer(message(text)))
    with pytest.raises(OutputParseError) as caught:
        client.responses.parse(model="m", text_format=MathResponse)
    assert caught.value.path == "$.steps[0].output"
    assert caught.value.text == text


def test_an_answer_cut_short_says_the_response_is_incomplete(
    client: Client, server: MockServer
) -> None:
    server.add(answer(message('{"steps": [{"expl'), status="incomplete",
                      incomplete_details={"reason": "max_output_tokens"}))  # fmt: skip
    with pytest.raises(OutputParseError, match="incomplete: max_output_tokens"):
        client.responses.parse(model="m", text_format=MathResponse)


def test_parse_refuses_stream_and_a_second_format(client: Client) -> None:
    with pytest.raises(TypeError, match="does not stream"):
        client.responses.parse(model="m", text_format=MathResponse, stream=True)
    with pytest.raises(TypeError, match="not both"):
        client.responses.parse(
            model="m", text_format=MathResponse, text={"format": {"type": "text"}}
        )


def test_stream_with_text_format_gives_a_parsed_final_response(server: MockServer) -> None:
    client = Client(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK)
    with (
        client,
        client.responses.stream(model="m", input="solve", text_format=MathResponse) as stream,
    ):
        kinds = [event.type for event in stream]
        final = stream.get_final_response()
    assert kinds[-1] == "response.completed"
    assert isinstance(final, ParsedResponse)
    assert isinstance(final.output_parsed, MathResponse)
    assert server.requests[-1].body["text"]["format"]["name"] == "MathResponse"


def test_async_stream_and_parse_with_text_format(server: MockServer) -> None:
    async def run() -> tuple[Any, Any]:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK) as client:
            async with client.responses.stream(model="m", text_format=MathResponse) as stream:
                streamed = (await stream.get_final_response()).output_parsed  # type: ignore[attr-defined]
            parsed = (
                await client.responses.parse(model="m", text_format=MathResponse)
            ).output_parsed
            return streamed, parsed

    streamed, parsed = asyncio.run(run())
    assert isinstance(streamed, MathResponse) and isinstance(parsed, MathResponse)


# --- function tools ----------------------------------------------------------------------------


@dataclass
class Window:
    start: str
    end: str


def find_orders(
    status: Literal["open", "shipped"],
    window: Window,
    kinds: list[Kind],
    limit: Annotated[int, "at most this many"] = 10,
) -> list[str]:
    """Find the orders that match.

    Args:
        status: The orders' status.
        window: When they were
            ordered.
        kinds: Which kinds of order.
        limit: ignored: the Annotated description wins.

    Returns:
        Their ids.
    """
    return []


def test_function_tool_builds_a_strict_definition_from_the_signature() -> None:
    tool = function_tool(find_orders)
    assert isinstance(tool, FunctionTool) and isinstance(tool, dict)
    assert (tool["type"], tool["name"], tool["strict"]) == ("function", "find_orders", True)
    assert tool["description"] == "Find the orders that match."
    parameters = tool["parameters"]
    strict_invariants(parameters)
    assert parameters["required"] == ["status", "window", "kinds", "limit"]
    props = parameters["properties"]
    assert props["status"] == {"type": "string", "enum": ["open", "shipped"],
                               "description": "The orders' status."}  # fmt: skip
    assert props["window"]["description"] == "When they were ordered."
    assert props["window"]["required"] == ["start", "end"]
    assert props["limit"] == {"type": "integer", "description": "at most this many"}
    assert json.loads(json.dumps(tool)) == dict(tool)
    lax = function_tool(find_orders, name="orders", description="Orders.", strict=False)
    assert (lax["name"], lax["description"], lax["strict"]) == ("orders", "Orders.", False)
    assert lax["parameters"]["required"] == ["status", "window", "kinds"]


def test_function_tool_parses_arguments_into_keyword_arguments() -> None:
    tool = function_tool(find_orders)
    arguments = tool.parse_arguments(
        '{"status": "open", "window": {"start": "a", "end": "b"}, "kinds": ["b"], "limit": 3}'
    )
    assert arguments == {
        "status": "open",
        "window": Window("a", "b"),
        "kinds": [Kind.B],
        "limit": 3,
    }
    assert find_orders(**arguments) == []
    with pytest.raises(OutputParseError) as caught:
        tool.parse_arguments(
            '{"status": "lost", "window": {"start": "a", "end": "b"}, "kinds": []}'
        )
    assert caught.value.path == "$.status"


def test_function_tool_refuses_what_json_cannot_carry() -> None:
    def star(*names: str) -> None: ...

    def untyped(name) -> None: ...  # type: ignore[no-untyped-def]

    def positional(name: str, /) -> None: ...

    for function in (star, untyped, positional):
        with pytest.raises(TypeError, match="parameter"):
            function_tool(function)
    with pytest.raises(TypeError):
        function_tool(42)  # type: ignore[arg-type]


def test_a_type_is_a_tool_whose_arguments_are_an_instance() -> None:
    tool = pydantic_function_tool(Window)
    assert tool["name"] == "Window" and tool["parameters"]["required"] == ["start", "end"]
    assert tool.parse_arguments('{"start": "a", "end": "b"}') == Window("a", "b")


def call(name: str, arguments: str) -> dict[str, Any]:
    return {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": name,
            "arguments": arguments, "status": "completed"}  # fmt: skip


class SDKTool(dict):  # type: ignore[type-arg]
    """What the official SDK's ``pydantic_function_tool`` gives: a Chat Completions
    function tool that keeps its model in ``model``."""

    def __init__(self, model: Any) -> None:
        super().__init__(type="function", function={
            "name": "Duck", "strict": True, "parameters": schema_of(model)
        })  # fmt: skip
        self.model = model


def test_parse_gives_calls_their_parsed_arguments(client: Client, server: MockServer) -> None:
    plain = {"type": "function", "name": "plain", "strict": True, "parameters": {}}
    loose = {"type": "function", "name": "loose", "parameters": {}}
    server.add(answer(
        call("find_orders", '{"status": "shipped", "window": {"start": "a", "end": "b"}, '
                            '"kinds": [], "limit": 1}'),
        call("Duck", '{"city": "Oslo"}'), call("plain", '{"n": 1}'), call("loose", "{}"),
        call("unknown", "{}"),
    ))  # fmt: skip
    response = client.responses.parse(
        model="m", tools=[function_tool(find_orders), SDKTool(Duck), plain, loose]
    )
    sent = server.requests[-1].body["tools"]
    assert sent[1] == {"type": "function", "name": "Duck", "strict": True,
                       "parameters": schema_of(Duck)}  # fmt: skip
    assert sent[0] == function_tool(find_orders)
    calls = response.output
    assert all(isinstance(item, ParsedFunctionCallItem) for item in calls)
    parsed = [item.parsed_arguments for item in calls]  # type: ignore[attr-defined]
    assert parsed == [
        {"status": "shipped", "window": Window("a", "b"), "kinds": [], "limit": 1},
        Duck(city="Oslo"), {"n": 1}, None, None,
    ]  # fmt: skip
    assert "parsed_arguments" in repr(calls[0])


def test_stream_with_function_tools_parses_the_calls(server: MockServer) -> None:
    client = Client(api_key=KEY, base_url=server.base_url, timeout=LOOPBACK)
    tools = [function_tool(find_orders)]
    with client, client.responses.stream(model="m", input="orders?", tools=tools) as stream:
        final = stream.get_final_response()
    (made,) = [item for item in final.output if isinstance(item, ParsedFunctionCallItem)]
    assert made.name == "find_orders"
    assert isinstance(made.parsed_arguments["window"], Window)
