"""Multi-agent responses (beta): client.beta.responses with betas=[...], item.agent and
event.agent, over HTTP and over a WebSocket."""

from __future__ import annotations

from openresponses_min import Client as OpenAI, OpenAIError
from openresponses_min.events import BetaResponseOutputItem


def agent_name(item: BetaResponseOutputItem) -> str:
    return item.agent.agent_name if item.agent else "/root"


client = OpenAI()

stream = client.beta.responses.create(
    model="gpt-5-mini", input="Compare two plans, one agent each.", stream=True,
    multi_agent={"enabled": True}, betas=["responses_multi_agent=v1"],
)  # fmt: skip
names = {}
for event in stream:
    if event.type == "response.output_item.added":
        names[event.output_index] = agent_name(event.item)
    elif event.type == "response.output_text.delta":
        print(event.delta, end="")
print("\nagents:", sorted(set(names.values())))

with client.beta.responses.connect(
    extra_headers={"OpenAI-Beta": "responses_multi_agent=v1"}
) as connection:
    connection.send({"type": "response.create", "model": "gpt-5-mini", "input": "Again."})
    for event in connection:
        if event.type == "response.completed" and event.agent is None:
            break
        if event.type in ("response.failed", "error") and event.agent is None:
            raise OpenAIError(f"the multi-agent response ended with {event.type}")
    else:
        raise OpenAIError("the connection closed before the response completed")
print("done")
