"""A background response streamed, interrupted, and resumed where it stopped."""

from openresponses_min import Client as OpenAI

client = OpenAI()
response_id = None
last = None

with client.responses.create(
    model="gpt-5-mini", input="Tell a long story.", background=True, stream=True
) as stream:
    for event in stream:
        if event.type == "response.created":
            response_id = event.response.id
        last = event.sequence_number
        if event.sequence_number == 4:
            break

print("interrupted after event", last)
assert response_id is not None and last == 4

with client.responses.retrieve(response_id=response_id, stream=True, starting_after=4) as stream:
    numbers = [event.sequence_number for event in stream]
print("resumed from", numbers[0], "to", numbers[-1])
assert numbers[0] == 5

with client.responses.stream(response_id=response_id, starting_after=2) as stream:
    stream.until_done()
    print("again, final status:", stream.get_final_response().status)
