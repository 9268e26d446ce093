"""Function tools from types and from functions, their calls parsed, the loop closed."""

import json
from dataclasses import dataclass
from enum import Enum

import openresponses_min as openai
from openresponses_min import Client as OpenAI


class Table(str, Enum):
    orders = "orders"
    customers = "customers"


class Operator(str, Enum):
    eq = "="
    gt = ">"


@dataclass
class Condition:
    column: str
    operator: Operator
    value: str | int


@dataclass
class Query:
    table_name: Table
    conditions: list[Condition]


def get_weather(city: str, unit: str) -> str:
    """Get the current weather.

    Args:
        city: The city, such as Oslo.
        unit: "c" or "f".
    """
    return json.dumps({"city": city, "degrees": 4, "unit": unit})


client = OpenAI()

response = client.responses.parse(
    model="gpt-5-mini",
    input="orders placed after May",
    tools=[openai.pydantic_function_tool(Query)],
)
function_call = response.output[0]
assert function_call.type == "function_call"
assert isinstance(function_call.parsed_arguments, Query)
print("table name:", function_call.parsed_arguments.table_name)

weather = openai.function_tool(get_weather)
first = client.responses.parse(model="gpt-5-mini", input="Weather in Oslo?", tools=[weather])
outputs = [
    {"type": "function_call_output", "call_id": item.call_id,
     "output": get_weather(**item.parsed_arguments)}
    for item in first.output
    if item.type == "function_call"
]  # fmt: skip
assert outputs
final = client.responses.create(
    model="gpt-5-mini", previous_response_id=first.id, input=outputs, tools=[weather],
    tool_choice="none",
)  # fmt: skip
print(final.output_text)
