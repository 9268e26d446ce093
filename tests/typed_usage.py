# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Typical user code over typed events. CI checks it with ``mypy --strict``, and
``test_events.py`` runs it, so the annotations users rely on stay honest."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypedDict

from openresponses_min import (
    APIStatusError,
    AsyncClient,
    Client,
    Event,
    ParsedResponse,
    Response,
    Timeout,
    function_tool,
)
from openresponses_min.events import (
    ErrorEvent,
    ResponseCompletedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputTextDeltaEvent,
    ResponseReasoningSummaryTextDeltaEvent,
)
from openresponses_min.response import FunctionCallItem, MessageItem, OutputTextPart


@dataclass
class Summary:
    text: str = ""
    reasoning: str = ""
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    status: str | None = None
    total_tokens: int = 0
    errors: list[str] = field(default_factory=list)


def summarize(events: Iterable[Event]) -> Summary:
    summary = Summary()
    for event in events:
        match event:
            case ResponseOutputTextDeltaEvent(delta=delta):
                summary.text += delta
            case ResponseReasoningSummaryTextDeltaEvent():
                summary.reasoning += event.delta
            case ResponseOutputItemDoneEvent(item=FunctionCallItem() as call):
                summary.calls.append((call.name, json.loads(call.arguments)))
            case ResponseCompletedEvent():
                finish(summary, event.response)
            case ErrorEvent(code=code, message=message):
                summary.errors.append(f"{code}: {message}")
    return summary


def finish(summary: Summary, response: Response) -> None:
    summary.status = response.status
    if response.usage is not None and response.usage.total_tokens is not None:
        summary.total_tokens = response.usage.total_tokens
    if not summary.text:
        summary.text = "".join(
            part.text
            for item in response.output
            if isinstance(item, MessageItem)
            for part in item.content
            if isinstance(part, OutputTextPart)
        )


def stream_text(client: Client, prompt: str) -> Iterator[str]:
    with client.responses.create(model="gpt-5-mini", input=prompt, stream=True) as stream:
        for event in stream:
            if isinstance(event, ResponseOutputTextDeltaEvent):
                yield event.delta
        print(stream.request_id, stream.response_id, stream.last_sequence_number)


def final_status(base_url: str, prompt: str) -> str | None:
    with Client(base_url=base_url, timeout=Timeout(connect=2, read=30), max_retries=0) as client:
        try:
            response = client.responses.create(model="gpt-5-mini", input=prompt, temperature=0)
        except APIStatusError as error:
            return f"{error.status_code} {error.code}"
        again = client.responses.retrieve(response.id)
        return again.status


async def stream_text_async(client: AsyncClient, prompt: str) -> AsyncIterator[str]:
    stream = await client.responses.create(model="gpt-5-mini", input=prompt, stream=True)
    async with stream:
        async for text in stream.text_deltas():
            yield text
    response: Response = await stream.get_final_response()
    print(stream.request_id, response.status)


async def final_status_async(base_url: str, prompt: str) -> str | None:
    async with AsyncClient(base_url=base_url, max_retries=0) as client:
        text = "".join([piece async for piece in stream_text_async(client, prompt)])
        response = await client.responses.create(model="gpt-5-mini", input=text)
        again = await client.responses.retrieve(response.id)
        return again.status


@dataclass
class Answer:
    city: str
    degrees: int


class Place(TypedDict):
    city: str


def lookup(city: str) -> str:
    """Look a city up."""
    return city


def structured(client: Client) -> tuple[int, str]:
    response: ParsedResponse[Answer] = client.responses.parse(
        model="gpt-5-mini", input="weather?", text_format=Answer, tools=[function_tool(lookup)]
    )
    answer = response.output_parsed
    place = client.responses.parse(model="gpt-5-mini", text_format=Place).output_parsed
    return (answer.degrees if answer else 0), (place["city"] if place else "")


async def structured_async(client: AsyncClient) -> int:
    response = await client.responses.parse(model="gpt-5-mini", text_format=Answer)
    answer = response.output_parsed
    return answer.degrees if answer is not None else 0


def structured_stream(client: Client) -> int:
    with client.responses.stream(model="gpt-5-mini", text_format=Answer) as stream:
        for event in stream:
            print(event.type)
        answer = stream.get_final_response().output_parsed
    with client.responses.stream(model="gpt-5-mini", input="hi") as plain:
        print(plain.get_final_response().output_text)
    return answer.degrees if answer is not None else 0


async def structured_stream_async(client: AsyncClient) -> int:
    async with client.responses.stream(model="gpt-5-mini", text_format=Answer) as stream:
        answer = (await stream.get_final_response()).output_parsed
    return answer.degrees if answer is not None else 0
