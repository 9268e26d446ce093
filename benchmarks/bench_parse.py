# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: structured outputs, what ``responses.parse()`` does around its one HTTP call,
repeated: the request's strict schema for ``text_format`` and a function tool, the body
serialised, and the answer (a message and a function call) parsed back into the types.

Memory must stay flat: schemas and type plans are built once per type. Reported, in one
run: traced memory (tracemalloc) after 1,000 calls and its growth by 10,000 and by
100,000 calls; time per call against the floor (``json.dumps`` of the request and
``json.loads`` of the answer alone). The same for the installed openai release's
``parse()`` path (``type_to_text_format_param``, ``Response.model_validate`` and
``parse_response``, with pydantic models), when openai is installed, over 20,000 calls.
Fails when our memory grows by more than 64 KiB.

    python benchmarks/bench_parse.py            # 100,000 calls
    python benchmarks/bench_parse.py --quick    # smoke run, figures meaningless
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import timeit
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openresponses_min import function_tool
from openresponses_min._model.structured import Parsing, request_params

GROWTH_LIMIT = 64 * 1024


@dataclass
class Step:
    explanation: str
    output: str


@dataclass
class MathResponse:
    steps: list[Step]
    final_answer: str


def lookup(table: Literal["orders", "customers"], limit: int) -> list[str]:
    """Look rows up."""
    return []


ANSWER = json.dumps({
    "id": "resp_1", "object": "response", "status": "completed", "model": "m",
    "created_at": 1764000000, "parallel_tool_calls": True, "tool_choice": "auto", "tools": [],
    "output": [
        {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
         "content": [{"type": "output_text", "annotations": [], "text": json.dumps({
             "steps": [{"explanation": f"step {n}", "output": f"{n}x"} for n in range(4)],
             "final_answer": "x = -29/8"})}]},
        {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "lookup",
         "arguments": '{"table": "orders", "limit": 3}', "status": "completed"},
    ],
})  # fmt: skip


def ours() -> Callable[[], Any]:
    def call() -> Any:
        tools = [function_tool(lookup)]
        body = request_params({"model": "m", "input": "solve"}, MathResponse, tools)
        json.dumps(body)
        parsed = Parsing(MathResponse, tools).from_dict(json.loads(ANSWER))
        assert parsed.output_parsed.final_answer == "x = -29/8"
        assert parsed.output[1].parsed_arguments == {"table": "orders", "limit": 3}
        return parsed

    return call


def floor() -> Callable[[], Any]:
    request = {"model": "m", "input": "solve", "text": {"format": {"type": "json_schema"}}}

    def call() -> Any:
        json.dumps(request)
        return json.loads(ANSWER)

    return call


def sdk() -> Callable[[], Any] | None:
    try:
        import pydantic
        from openai import pydantic_function_tool
        from openai.lib._parsing._responses import parse_response, type_to_text_format_param
        from openai.types.responses import Response
    except ImportError:
        return None

    class SDKStep(pydantic.BaseModel):
        explanation: str
        output: str

    class SDKMath(pydantic.BaseModel):
        steps: list[SDKStep]
        final_answer: str

    class Lookup(pydantic.BaseModel):
        table: Literal["orders", "customers"]
        limit: int

    def call() -> Any:
        tool = pydantic_function_tool(Lookup, name="lookup")
        json.dumps({"model": "m", "input": "solve", "text": {
            "format": type_to_text_format_param(SDKMath)}, "tools": [tool]})  # fmt: skip
        response = Response.model_validate(json.loads(ANSWER))
        parsed = parse_response(text_format=SDKMath, input_tools=[tool], response=response)
        assert parsed.output_parsed is not None
        return parsed

    return call


def per_call(call: Callable[[], Any], calls: int) -> float:
    """Seconds per call, best of five runs (untraced)."""
    call()
    return min(timeit.repeat(call, number=calls, repeat=5)) / calls


def memory(call: Callable[[], Any], calls: int) -> list[int]:
    """Traced memory after 1 %, 10 % and all of ``calls`` calls."""
    marks = [calls // 100, calls // 10, calls]
    traced: list[int] = []
    gc.collect()
    tracemalloc.start()
    for done in range(1, calls + 1):
        call()
        if done in marks:
            gc.collect()
            traced.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    return traced


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run for CI")
    quick = parser.parse_args().quick
    calls, peer_calls, timed = (2_000, 500, 200) if quick else (100_000, 20_000, 2_000)
    pipelines = {"ours": ours(), "floor (json only)": floor(), "openai parse path": sdk()}
    print(f"time: best of 5 runs of {timed:,} calls; memory: traced after 1 %, 10 % and all "
          f"of {calls:,} calls ({peer_calls:,} for openai, whose calls are slower)\n")  # fmt: skip
    print(f"| {'pipeline':<20} | {'µs/call':>8} | {'× floor':>7} | {'calls':>7} "
          f"| {'KiB at 1 %':>10} | {'growth to 10 %':>14} | {'growth to all':>13} |")  # fmt: skip
    print(f"|{'-' * 22}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 12}|{'-' * 16}|{'-' * 15}|")
    base = per_call(pipelines["floor (json only)"], timed)  # type: ignore[arg-type]
    growth = 0
    for name, call in pipelines.items():
        if call is None:
            continue
        seconds = per_call(call, timed)
        count = peer_calls if name.startswith("openai") else calls
        first, tenth, last = memory(call, count)
        if name == "ours":
            growth = last - first
        print(f"| {name:<20} | {seconds * 1e6:>8.1f} | {seconds / base:>6.1f}× | {count:>7,} "
              f"| {first / 1024:>10.1f} | {(tenth - first) / 1024:>+10.1f} KiB "
              f"| {(last - first) / 1024:>+9.1f} KiB |")  # fmt: skip
    if growth > GROWTH_LIMIT:
        print(f"\nFAIL: our memory grew by {growth / 1024:.1f} KiB over {calls:,} calls")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
