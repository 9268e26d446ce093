"""Structured outputs into plain dataclasses and TypedDicts: no pydantic needed."""

from dataclasses import dataclass
from typing import Literal, TypedDict

from openresponses_min import Client as OpenAI


@dataclass
class Step:
    explanation: str
    output: str


@dataclass
class MathResponse:
    steps: list[Step]
    final_answer: str
    confidence: Literal["low", "medium", "high"]


class City(TypedDict):
    name: str
    population: int


client = OpenAI()

rsp = client.responses.parse(
    model="gpt-5-mini", input="solve 8x + 31 = 2", text_format=MathResponse
)
for output in rsp.output:
    assert output.type == "message"
    for item in output.content:
        assert item.type == "output_text" and isinstance(item.parsed, MathResponse)
        print("answer:", item.parsed.final_answer, "steps:", len(item.parsed.steps))
assert rsp.output_parsed is not None

city = client.responses.parse(model="gpt-5-mini", input="Oslo?", text_format=City).output_parsed
print(city)
assert city is not None and isinstance(city["population"], int)

with client.responses.stream(model="gpt-5-mini", input="solve", text_format=MathResponse) as s:
    for event in s:
        if "output_text" in event.type:
            pass
    print(s.get_final_response().output_parsed)
