"""Images by URL and as base64, and nested parameters as plain dictionaries."""

import base64

from openresponses_min import Client as OpenAI

client = OpenAI()
prompt = "What is in this image?"

response = client.responses.create(
    model="gpt-5-mini",
    input=[{"role": "user", "content": [
        {"type": "input_text", "text": prompt},
        {"type": "input_image", "image_url": "https://example.com/cat.png"},
    ]}],
)  # fmt: skip
print(response.output_text)

with open("path/to/image.png", "rb") as image_file:
    b64_image = base64.b64encode(image_file.read()).decode("utf-8")
response = client.responses.create(
    model="gpt-5-mini",
    input=[{"role": "user", "content": [
        {"type": "input_text", "text": prompt},
        {"type": "input_image", "image_url": f"data:image/png;base64,{b64_image}"},
    ]}],
)  # fmt: skip
print(response.output_text)

response = client.responses.create(
    model="gpt-5-mini",
    input=[{"role": "user", "content": "How much?"}],
    text={"format": {"type": "json_object"}},
)
print(response.output_text)
