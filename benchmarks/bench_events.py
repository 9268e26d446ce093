# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: bytes -> typed events, on the realistic stream of bench_sse.py.

Compares, in one process and one run, with rotating order and medians:
  ours typed     SSEDecoder + json.loads + parse_event
  ours dicts     SSEDecoder + json.loads (what typing adds is the difference)
  floor          json.loads alone over the already-extracted data strings
  openai typed   the installed openai release's SSEDecoder.iter_bytes, sse.json(),
                 its in-stream error check and construct_type(ResponseStreamEvent),
                 as its Stream.__stream__ does for client.responses.create(stream=True)
Every pipeline's events are checked (type, sequence number, delta) against the
stream. Then the cost of building one event from a parsed dict, the import
time of each package in a fresh interpreter, and what the order of the sequence
numbers costs: the same events through StreamLifecycle (as a stream takes them)
numbered in order, descending with gaps (each below every one before it, as a
hostile server could) and shuffled, as a ratio to in order in the same run.

    python benchmarks/bench_events.py            # full run (about a minute)
    python benchmarks/bench_events.py --quick    # smoke run, figures meaningless
    python benchmarks/bench_events.py --against OTHER/openresponses_min
        # and parse_event against another copy of the package (an earlier commit's),
        # loaded beside this one under another name, in the same run
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sse import Pipeline, bench_stream, build_stream, chunked, ours

from openresponses_min import SSEDecoder, parse_event
from openresponses_min._core.lifecycle import StreamLifecycle

FLOOR = "floor (json.loads only)"
ORDERS: dict[str, Callable[[int], list[int]]] = {
    "in order": lambda n: list(range(n)),
    "descending, gapped": lambda n: list(range(2 * n - 2, -1, -2)),
    "shuffled": lambda n: random.Random(5).sample(range(n), n),
}
"""The sequence numbers of n events in each order."""


def ours_typed(chunks: list[bytes]) -> list[Any]:
    loads = json.loads
    decoder = SSEDecoder()
    out = []
    append = out.append
    for chunk in chunks:
        for event in decoder.feed(chunk):
            append(parse_event(loads(event.data)))
    decoder.close()
    return out


def make_floor(datas: list[str]) -> Pipeline:
    def floor(chunks: list[bytes]) -> list[Any]:
        loads = json.loads
        return [loads(data) for data in datas]

    return floor


def load_openai() -> tuple[str, Pipeline, Callable[[dict[str, Any]], Any]] | None:
    try:
        import openai
        from openai._models import construct_type
        from openai._streaming import SSEDecoder as OpenAIDecoder
        from openai.types.responses import ResponseStreamEvent
    except ImportError:
        return None

    def build(data: dict[str, Any]) -> Any:
        return construct_type(type_=ResponseStreamEvent, value=data)

    def openai_typed(chunks: list[bytes]) -> list[Any]:
        out = []
        for sse in OpenAIDecoder().iter_bytes(iter(chunks)):
            if sse.data.startswith("[DONE]"):
                break
            data = sse.json()
            if isinstance(data, dict) and data.get("error"):
                raise RuntimeError("the SDK would raise APIError here")
            out.append(build(data))
        return out

    return f"openai {openai.__version__} typed", openai_typed, build


def identity(out: list[Any]) -> list[Any]:
    """(type, sequence number, delta) of each event, from dicts or typed objects."""
    if out and isinstance(out[0], tuple):  # ours() gives (event name, dict)
        out = [payload for _, payload in out]
    if out and isinstance(out[0], dict):
        return [(p["type"], p["sequence_number"], p.get("delta")) for p in out]
    return [(e.type, e.sequence_number, getattr(e, "delta", None)) for e in out]


def build_cost(build: Callable[[dict[str, Any]], Any], payloads: list[dict[str, Any]]) -> float:
    """ns to build one event from its parsed dict, best of several runs."""

    def run() -> None:
        for payload in payloads:
            build(payload)

    return min(timeit.repeat(run, number=3, repeat=7)) / 3 / len(payloads) * 1e9


def import_time(module: str, runs: int) -> float:
    """ms to import a module in a fresh interpreter, best of `runs`, bytecode cached
    as in an installed package (a first, untimed run writes it)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    root = str(Path(__file__).resolve().parent.parent)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=root, env=env).stdout)
        for _ in range(runs + 1)
    ]  # fmt: skip
    return min(times[1:]) * 1e3


def other_parse_event(folder: Path) -> Callable[[dict[str, Any]], Any]:
    """``parse_event`` of another copy of the package, vendored under another name."""
    home = Path(tempfile.mkdtemp())
    shutil.copytree(folder, home / "openresponses_min_other")
    sys.path.insert(0, str(home))
    return importlib.import_module("openresponses_min_other.events").parse_event  # type: ignore[no-any-return]


def against(folder: Path, payloads: list[dict[str, Any]]) -> None:
    """Building one event, here and in the other copy, in turns; the best of each."""
    other = other_parse_event(folder)
    ours_ns, other_ns = [], []
    for _ in range(5):
        ours_ns.append(build_cost(parse_event, payloads))
        other_ns.append(build_cost(other, payloads))
    here, there = min(ours_ns), min(other_ns)
    print(f"parse_event here {here:,.0f} ns, in {folder} {there:,.0f} ns: "
          f"{here / there:.3f}× ({(here / there - 1) * 100:+.1f} %)")  # fmt: skip


def renumbered(payloads: list[dict[str, Any]], numbers: list[int]) -> bytes:
    """The stream of ``payloads`` with these sequence numbers."""
    blocks = []
    for payload, number in zip(payloads, numbers, strict=True):
        data = json.dumps({**payload, "sequence_number": number}, ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip
        blocks.append(f"event: {payload['type']}\ndata: {data}\n\n")
    return "".join(blocks).encode()


def through_lifecycle(chunks: list[bytes]) -> list[Any]:
    """Every event StreamLifecycle delivers, taken one by one as a stream takes them."""
    lifecycle = StreamLifecycle()
    out = []
    append = out.append
    for chunk in chunks:
        lifecycle.feed(chunk)
        while (event := lifecycle.next_event()) is not None:
            append(event)
    lifecycle.end_of_body()
    return out


class Counter(logging.Handler):
    """Counts the records instead of printing them: their cost stays in the timing."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def bench_orders(deltas: int, repeats: int) -> list[str]:
    """The same events numbered in each of ORDERS, through StreamLifecycle; the mismatches."""
    payloads = [json.loads(data) for _, data in build_stream(deltas)[1]]
    numbers = {order: make(len(payloads)) for order, make in ORDERS.items()}
    chunks = {order: chunked(renumbered(payloads, numbers[order]), "16 KiB") for order in ORDERS}
    size = sum(map(len, chunks["in order"]))
    print(f"Sequence numbers in order or not, through StreamLifecycle: {len(payloads)} events, "
          f"{size:,} bytes in 16 KiB chunks\n")  # fmt: skip
    logger = logging.getLogger("openresponses_min")
    counter = Counter()
    logger.addHandler(counter)
    logger.propagate = False  # else, with no logging set up, every warning is printed
    try:
        mismatches, warnings = [], {}
        for order in ORDERS:  # untimed: each event delivered once, as it came; the warnings
            counter.count = 0
            taken = [event.sequence_number for event in through_lifecycle(chunks[order])]
            warnings[order] = counter.count
            if taken != numbers[order]:
                mismatches.append(f"ours through StreamLifecycle, {order}: numbers differ")
        # Each order's chunks are its own: bench_stream's are not used, only its rotation.
        contestants: dict[str, Pipeline] = {
            order: lambda _, c=chunks[order]: through_lifecycle(c) for order in ORDERS
        }
        contents = [(p["type"], p.get("delta")) for p in payloads]
        medians, found = bench_stream(contestants, b"", contents, "whole", repeats,
                                      lambda out: [(e.type, getattr(e, "delta", None))
                                                   for e in out])  # fmt: skip
    finally:
        logger.removeHandler(counter)
        logger.propagate = True
    print("| order | events/s | time / in order | warnings logged |")
    print("|---|---:|---:|---:|")
    for order, seconds in medians.items():
        print(f"| {order} | {len(payloads) / seconds:,.0f} | "
              f"{seconds / medians['in order']:.2f}× | {warnings[order]:,} |")  # fmt: skip
    print("\nmedian of each; the time of each order over that of in order, same run.\n")
    return mismatches + [f"ours through StreamLifecycle: {line}" for line in found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run for CI")
    parser.add_argument("--against", type=Path, help="another copy of the package's folder")
    args = parser.parse_args()

    deltas = 300 if args.quick else 5000
    sse_text, expected_raw = build_stream(deltas)
    datas = [data for _, data in expected_raw]
    payloads = [json.loads(data) for data in datas]
    expected = identity(payloads)
    contestants: dict[str, Pipeline] = {
        "ours typed": ours_typed,
        "ours dicts": ours,
        FLOOR: make_floor(datas),
    }
    sdk = load_openai()
    if sdk is None:
        print("peer openai not installed: pip install -r benchmarks/requirements.txt")
    else:
        contestants[sdk[0]] = sdk[1]
    body = sse_text.encode()
    print(f"Python {sys.version.split()[0]} on {sys.platform}; {len(payloads)} events, "
          f"{len(body):,} bytes (LF)\n")  # fmt: skip
    columns = " | ".join(contestants)
    vs_sdk = " | typed / openai typed" if sdk else ""
    print(f"| chunking | {columns} | typed / floor{vs_sdk} |")
    print("|---|" + "---:|" * (len(contestants) + 1 + bool(sdk)))
    for pipeline in contestants.values():  # so that the first row is not the slowest
        pipeline(chunked(body, "1 KiB"))
    mismatches = []
    repeats = {"whole": 11, "16 KiB": 15, "1 KiB": 15, "random 1-64 B": 7, "1 B": 3}
    for how in ["whole", "16 KiB", "1 KiB", "random 1-64 B", "1 B"]:
        medians, found = bench_stream(
            contestants, body, expected, how, 1 if args.quick else repeats[how], identity
        )
        mismatches += found
        rate = {name: len(payloads) / seconds for name, seconds in medians.items()}
        cells = " | ".join(f"{rate[name]:,.0f}" for name in contestants)
        ratios = f"{rate['ours typed'] / rate[FLOOR]:.2f}×"
        if sdk:
            ratios += f" | {rate['ours typed'] / rate[sdk[0]]:.1f}×"
        print(f"| {how} | {cells} | {ratios} |", flush=True)
    print("\nevents/s, median; higher is better.\n")

    ours_ns = build_cost(parse_event, payloads)
    loads_ns = build_cost(json.loads, datas)  # type: ignore[arg-type]
    print(f"Building one event from its dict: ours {ours_ns:,.0f} ns "
          f"({ours_ns / loads_ns:.2f}× its json.loads)", end="")  # fmt: skip
    if sdk:
        sdk_ns = build_cost(sdk[2], payloads)
        print(f", openai {sdk_ns:,.0f} ns ({sdk_ns / ours_ns:.0f}× ours)", end="")
    print(".")
    runs = 3 if args.quick else 11
    ours_ms = import_time("openresponses_min", runs)
    print(f"Import, fresh interpreter, best of {runs}: openresponses_min {ours_ms:.0f} ms", end="")
    if sdk:
        print(f", openai {import_time('openai', runs):.0f} ms", end="")
    print(".\n")
    mismatches += bench_orders(300 if args.quick else 100_000, 1 if args.quick else 3)
    if args.against:
        against(args.against, payloads)
    for line in mismatches:
        print(f"MISMATCH {line}")
    return 1 if any(line.startswith("ours") for line in mismatches) else 0


if __name__ == "__main__":
    sys.exit(main())
