"""The rest of client.responses: input items page by page, compaction, with_options."""

from openresponses_min import Client as OpenAI

client = OpenAI(organization="org-example", project="proj-example")
first = client.responses.create(
    model="gpt-5-mini",
    input=[{"role": "user", "content": "one"}, {"role": "user", "content": "two"}],
)
items = list(client.responses.input_items.list(first.id, limit=1, order="asc"))
print("input items:", len(items))
assert len(items) == 2

compacted = client.responses.compact(model="gpt-5-mini", previous_response_id=first.id)
print("compacted into", len(compacted.output), "items")

quick = client.with_options(max_retries=0, timeout=10.0)
again = quick.responses.retrieve(first.id)
assert again.id == first.id
client.responses.delete(first.id)
print("deleted", first.id)
