"""WebSocket mode in the SDK's raw shape: connection.response.create, then iterating the
connection, with the request parameters annotated by their TypedDicts."""

from __future__ import annotations

import json
from typing import cast

from openresponses_min import Client as OpenAI
from openresponses_min.events import (
    FunctionToolParam,
    ResponseCompletedEvent,
    ResponseFailedEvent,
    ResponseIncompleteEvent,
    ResponseInputItemParam,
    ResponseInputParam,
    ToolChoiceFunctionParam,
    ToolChoiceOptions,
)

ToolChoice = ToolChoiceOptions | ToolChoiceFunctionParam

TOOLS: list[FunctionToolParam] = [
    {
        "type": "function",
        "name": "stock_level",
        "description": "How many units of a product are in stock.",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"sku": {"type": "string"}},
            "required": ["sku"],
            "additionalProperties": False,
        },
    }
]


def one_response(connection, previous: str | None, payload, choice: ToolChoice):
    connection.response.create(
        model="gpt-5-mini", input=payload, previous_response_id=previous, tools=TOOLS,
        tool_choice=choice,
    )  # fmt: skip
    text, calls = [], []
    for event in connection:
        if event.type == "response.output_text.delta":
            text.append(event.delta)
        elif event.type == "response.output_item.done" and event.item.type == "function_call":
            calls.append((event.item.call_id, event.item.arguments))
        elif isinstance(
            event, ResponseCompletedEvent | ResponseFailedEvent | ResponseIncompleteEvent
        ):
            assert isinstance(event, ResponseCompletedEvent), event.type
            return event.response.id, "".join(text), calls
    raise RuntimeError("the connection closed before the response completed")


client = OpenAI()
with client.responses.connect() as connection:
    previous = None
    for turn in ("Stock of sku-1?", "And sku-2?"):
        forced: ToolChoice = {"type": "function", "name": "stock_level"}
        previous, _, calls = one_response(connection, previous, turn, forced)
        assert calls, "the forced tool was not called"
        outputs: ResponseInputParam = [
            cast(ResponseInputItemParam, {
                "type": "function_call_output", "call_id": call_id,
                "output": json.dumps({"sku": json.loads(arguments)["sku"], "units": 12}),
            })
            for call_id, arguments in calls
        ]  # fmt: skip
        previous, text, _ = one_response(connection, previous, outputs, "none")
        print(f"{turn} -> {text}")
