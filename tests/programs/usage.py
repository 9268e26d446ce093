"""An SDK user's first program: a response, its text and its request id."""

import os

from openresponses_min import Client as OpenAI

client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))

response = client.responses.create(
    model="gpt-5-mini",
    instructions="Answer in one sentence.",
    input="What is a context manager?",
)
print(response.output_text)
print("request id:", response._request_id)
assert response.output_text and response._request_id
