"""Streaming, as the SDK's users write it: create(stream=True), then stream()."""

from openresponses_min import Client as OpenAI
from openresponses_min.events import ResponseCompletedEvent, ResponseTextDeltaEvent

client = OpenAI()

stream = client.responses.create(model="gpt-5-mini", input="A haiku about rivers.", stream=True)
pieces = []
for event in stream:
    if isinstance(event, ResponseTextDeltaEvent):
        pieces.append(event.delta)
    elif isinstance(event, ResponseCompletedEvent):
        print("\ncompleted:", event.response.id)
print("".join(pieces))

with client.responses.stream(model="gpt-5-mini", input="Another one.") as stream:
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
    final = stream.get_final_response()
print("\nfinal status:", final.status)
assert final.status == "completed" and final.output_text
