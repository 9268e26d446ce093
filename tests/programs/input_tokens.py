"""Counting a request's input tokens, with its parameters annotated by their TypedDicts."""

from openresponses_min import Client as OpenAI
from openresponses_min.events import ResponseInputItemParam, ToolParam

tools: list[ToolParam] = [
    {
        "type": "function",
        "name": "lookup",
        "description": "Look a word up.",
        "parameters": {
            "type": "object",
            "properties": {"word": {"type": "string"}},
            "required": ["word"],
            "additionalProperties": False,
        },
        "strict": True,
    }
]
items: list[ResponseInputItemParam] = [
    {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Define ok."}]}
]

client = OpenAI()
counted = client.responses.input_tokens.count(
    model="gpt-5-mini", instructions="Be brief.", input=items, tools=tools,
    tool_choice={"type": "function", "name": "lookup"},
)  # fmt: skip
print("input tokens:", counted.input_tokens)
assert isinstance(counted.input_tokens, int) and counted.input_tokens > 0
