"""The async client, as the SDK's users write it."""

import asyncio

from openresponses_min import AsyncClient as AsyncOpenAI


async def main() -> None:
    client = AsyncOpenAI()
    response = await client.responses.create(model="gpt-5-mini", input="Explain DNS briefly.")
    print(response.output_text)

    stream = await client.responses.create(model="gpt-5-mini", input="Count to three.", stream=True)
    kinds = [event.type async for event in stream]
    print(kinds[0], "...", kinds[-1])
    assert kinds[-1] == "response.completed"

    async with client.responses.stream(model="gpt-5-mini", input="Once more.") as managed:
        async for _ in managed:
            pass
        final = await managed.get_final_response()
    assert final.output_text
    await client.close()


asyncio.run(main())
