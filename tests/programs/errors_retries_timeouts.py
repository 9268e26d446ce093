"""Errors, retries and timeouts as the SDK's README shows them, around Responses calls."""

import openresponses_min as httpx
import openresponses_min as openai
from openresponses_min import Client as OpenAI

client = OpenAI(max_retries=0, timeout=httpx.Timeout(60.0, read=5.0, write=10.0, connect=2.0))
print(client.timeout)

try:
    client.with_options(max_retries=5).responses.create(input="no model")
except openai.APIConnectionError as e:
    raise SystemExit(f"the server could not be reached: {e.__cause__}") from e
except openai.RateLimitError as e:
    raise SystemExit("a 429 status code was received") from e
except openai.APIStatusError as e:
    print("status:", e.status_code, "request id:", e.request_id)
    print("body:", e.response.json())
    assert e.status_code == 400 and e.response.status_code == 400

response = client.with_options(timeout=5.0).responses.create(model="gpt-5-mini", input="hi")
print(response.output_text)
