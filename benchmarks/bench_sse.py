# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: bytes -> (event name, parsed JSON) for a realistic Responses stream.

Compares, in one process and one run, with rotating order and medians:
  ours           openresponses_min.SSEDecoder + json.loads
  floor          json.loads alone over the already-extracted data strings
  openai         the installed openai release's SSEDecoder.iter_bytes
  httpx-sse      httpx's incremental UTF-8 decoding + httpx-sse's line and event decoders
  sseclient-py   SSEClient.events()
Every decoder's output is checked against the expected events; mismatches are
reported. Then one 20 MB event in 1 KiB chunks: time and tracemalloc peak.

    python benchmarks/bench_sse.py            # full run (a few minutes)
    python benchmarks/bench_sse.py --quick    # smoke run, figures meaningless

Install the peers with `pip install -r benchmarks/requirements.txt`; missing
peers are reported and skipped.
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import gc
import json
import random
import statistics
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openresponses_min import ServerSentEvent, SSEDecoder

Events = list[tuple[str, Any]]
Pipeline = Callable[[list[bytes]], Any]

WORDS = [
    "the", "stream", "of", "tokens", "arrives", "quickly", "and", "each", "delta", "is",
    "short", "café", "naïve", "über", "—", "“quoted”", "日本語", "テキスト", "🙂", "🚀",
    "données", "Ελληνικά", "русский", "\n", ",", ".", " ", "x", "y", "z",
]  # fmt: skip


def build_stream(deltas: int = 5000, seed: int = 7) -> tuple[str, list[tuple[str, str]]]:
    """A Responses stream as OpenAI sends it: (SSE text with LF, [(event, data)])."""
    rng = random.Random(seed)
    response_id = "resp_" + "".join(rng.choice("0123456789abcdef") for _ in range(48))
    item_id = "msg_" + "".join(rng.choice("0123456789abcdef") for _ in range(48))
    seq = iter(range(1_000_000))
    events: list[dict[str, Any]] = []

    def response(status: str, output: list[Any], usage: Any) -> dict[str, Any]:
        return {
            "id": response_id,
            "object": "response",
            "created_at": 1763800000,
            "status": status,
            "background": False,
            "error": None,
            "incomplete_details": None,
            "instructions": "You are a helpful assistant.",
            "max_output_tokens": None,
            "model": "gpt-5-mini-2025-08-07",
            "output": output,
            "parallel_tool_calls": True,
            "previous_response_id": None,
            "reasoning": {"effort": "low", "summary": None},
            "service_tier": "default",
            "store": True,
            "temperature": 1.0,
            "text": {"format": {"type": "text"}, "verbosity": "medium"},
            "tool_choice": "auto",
            "tools": [],
            "top_p": 1.0,
            "truncation": "disabled",
            "usage": usage,
            "user": None,
            "metadata": {},
        }

    events.append(
        {
            "type": "response.created",
            "sequence_number": next(seq),
            "response": response("in_progress", [], None),
        }
    )
    events.append(
        {
            "type": "response.in_progress",
            "sequence_number": next(seq),
            "response": response("in_progress", [], None),
        }
    )
    item = {
        "id": item_id,
        "type": "message",
        "status": "in_progress",
        "content": [],
        "role": "assistant",
    }
    events.append(
        {
            "type": "response.output_item.added",
            "sequence_number": next(seq),
            "output_index": 0,
            "item": item,
        }
    )
    events.append(
        {
            "type": "response.content_part.added",
            "sequence_number": next(seq),
            "item_id": item_id,
            "output_index": 0,
            "content_index": 0,
            "part": {"type": "output_text", "annotations": [], "logprobs": [], "text": ""},
        }
    )
    pieces = []
    for _ in range(deltas):
        delta = "".join(rng.choice(WORDS) + " " for _ in range(rng.randint(1, 3)))
        pieces.append(delta)
        events.append(
            {
                "type": "response.output_text.delta",
                "sequence_number": next(seq),
                "item_id": item_id,
                "output_index": 0,
                "content_index": 0,
                "delta": delta,
                "logprobs": [],
                "obfuscation": "".join(
                    rng.choice("abcdefXYZ0123") for _ in range(rng.randint(2, 14))
                ),
            }
        )
    text = "".join(pieces)
    part = {"type": "output_text", "annotations": [], "logprobs": [], "text": text}
    events.append(
        {
            "type": "response.output_text.done",
            "sequence_number": next(seq),
            "item_id": item_id,
            "output_index": 0,
            "content_index": 0,
            "text": text,
            "logprobs": [],
        }
    )
    events.append(
        {
            "type": "response.content_part.done",
            "sequence_number": next(seq),
            "item_id": item_id,
            "output_index": 0,
            "content_index": 0,
            "part": part,
        }
    )
    done_item = dict(item, status="completed", content=[part])
    events.append(
        {
            "type": "response.output_item.done",
            "sequence_number": next(seq),
            "output_index": 0,
            "item": done_item,
        }
    )
    usage = {
        "input_tokens": 25,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": deltas,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": deltas + 25,
    }
    events.append(
        {
            "type": "response.completed",
            "sequence_number": next(seq),
            "response": response("completed", [done_item], usage),
        }
    )
    expected = [
        (e["type"], json.dumps(e, ensure_ascii=False, separators=(",", ":"))) for e in events
    ]
    sse = "".join(f"event: {name}\ndata: {data}\n\n" for name, data in expected)
    return sse, expected


def chunked(body: bytes, how: str, seed: int = 11) -> list[bytes]:
    if how == "whole":
        return [body]
    if how == "random 1-64 B":
        rng = random.Random(seed)
        chunks, i = [], 0
        while i < len(body):
            n = rng.randint(1, 64)
            chunks.append(body[i : i + n])
            i += n
        return chunks
    size = {"16 KiB": 16384, "1 KiB": 1024, "1 B": 1}[how]
    return [body[i : i + size] for i in range(0, len(body), size)]


# --- the contestants -------------------------------------------------------------------------


def ours(chunks: list[bytes]) -> Events:
    loads = json.loads
    decoder = SSEDecoder()
    out = []
    append = out.append
    for chunk in chunks:
        for event in decoder.feed(chunk):
            append((event.event, loads(event.data)))
    decoder.close()
    return out


def make_floor(expected: list[tuple[str, str]]) -> Pipeline:
    def floor(chunks: list[bytes]) -> Events:
        loads = json.loads
        return [(name, loads(data)) for name, data in expected]

    return floor


def load_peers() -> tuple[dict[str, Pipeline], dict[str, str]]:
    peers: dict[str, Pipeline] = {}
    missing: dict[str, str] = {}
    try:
        import openai
        from openai._streaming import SSEDecoder as OpenAIDecoder

        def openai_sdk(chunks: list[bytes]) -> Events:
            loads = json.loads
            return [
                (sse.event or "message", loads(sse.data))
                for sse in OpenAIDecoder().iter_bytes(iter(chunks))
                if sse.data  # the SDK yields data-less meta events; none in this stream
            ]

        peers[f"openai {openai.__version__}"] = openai_sdk
    except ImportError as exc:
        missing["openai"] = str(exc)
    try:
        from importlib.metadata import version

        from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder, SSELineDecoder

        def httpx_sse(chunks: list[bytes]) -> Events:
            # httpx's Response.iter_text() is an incremental UTF-8 decoder with
            # errors="replace"; httpx-sse's iter_sse() runs its line and event
            # decoders over that text.
            loads = json.loads
            text_decoder = codecs.getincrementaldecoder("utf-8")("replace")
            lines = SSELineDecoder()
            decoder = HttpxSSEDecoder()
            out = []

            def feed(found: Iterable[str]) -> None:
                for line in found:
                    sse = decoder.decode(line.rstrip("\n"))
                    if sse is not None and sse.data:
                        out.append((sse.event, loads(sse.data)))

            for chunk in chunks:
                text = text_decoder.decode(chunk)
                if text:
                    feed(lines.decode(text))
            feed(lines.flush())
            return out

        peers[f"httpx-sse {version('httpx-sse')}"] = httpx_sse
    except ImportError as exc:
        missing["httpx-sse"] = str(exc)
    try:
        from importlib.metadata import version

        from sseclient import SSEClient

        class _Source:
            def __init__(self, chunks: list[bytes]) -> None:
                self.chunks = chunks

            def __iter__(self) -> Iterator[bytes]:
                return iter(self.chunks)

            def close(self) -> None:
                pass

        def sseclient_py(chunks: list[bytes]) -> Events:
            loads = json.loads
            return [(e.event, loads(e.data)) for e in SSEClient(_Source(chunks)).events()]

        peers[f"sseclient-py {version('sseclient-py')}"] = sseclient_py
    except ImportError as exc:
        missing["sseclient-py"] = str(exc)
    return peers, missing


# --- measuring -------------------------------------------------------------------------------


def timed(pipeline: Pipeline, chunks: list[bytes]) -> tuple[float, Events]:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        out = pipeline(chunks)
        return time.perf_counter() - start, out
    finally:
        gc.enable()


def bench_stream(
    contestants: dict[str, Pipeline],
    body: bytes,
    expected: Any,
    how: str,
    repeats: int,
    normalize: Callable[[Any], Any] = lambda out: out,
) -> tuple[dict[str, float], list[str]]:
    """Median seconds per contestant over `repeats` rotations; `normalize(output)` is
    compared with `expected` once per contestant, outside the timing."""
    chunks = chunked(body, how)
    names = list(contestants)
    times: dict[str, list[float]] = {name: [] for name in names}
    mismatches = []
    for rep in range(repeats):
        order = names[rep % len(names) :] + names[: rep % len(names)]
        for name in order:
            seconds, out = timed(contestants[name], chunks)
            times[name].append(seconds)
            if rep == 0 and normalize(out) != expected:
                mismatches.append(f"{name} @ {how}: {describe_mismatch(normalize(out), expected)}")
    return {name: statistics.median(t) for name, t in times.items()}, mismatches


def describe_mismatch(out: list[Any], expected: list[Any]) -> str:
    if len(out) != len(expected):
        return f"{len(out)} events instead of {len(expected)}"
    first = next(i for i, (a, b) in enumerate(zip(out, expected, strict=True)) if a != b)
    return f"event {first} differs"


def big_event(size: int) -> tuple[list[bytes], Any]:
    payload = {"type": "response.image_generation_call.partial_image", "partial_image_b64": ""}
    blob = "".join(random.Random(3).choice("ABCDEFGHabcdefgh0123456789+/") for _ in range(1024))
    payload["partial_image_b64"] = (blob * (size // 1024 + 1))[:size]
    body = b"data: " + json.dumps(payload).encode() + b"\n\n"
    return chunked(body, "1 KiB"), payload


def join_decode_loads(chunks: list[bytes]) -> Events:
    """The floor for one big event: join the chunks once, decode once, parse once."""
    text = b"".join(chunks).decode("utf-8")
    return [("message", json.loads(text[len("data: ") : -2]))]


def bench_big(contestants: dict[str, Pipeline], size: int) -> list[tuple[str, float, int, bool]]:
    chunks, payload = big_event(size)
    results = []
    for name, pipeline in contestants.items():
        seconds, out = timed(pipeline, chunks)
        correct = out == [("message", payload)]
        del out
        gc.collect()
        tracemalloc.start()
        try:
            pipeline(chunks)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        results.append((name, seconds, peak, correct))
    return results


def construction_cost() -> tuple[float, float]:
    """ns to build a ServerSentEvent, and the same slotted dataclass frozen."""

    @dataclasses.dataclass(slots=True, frozen=True)
    class FrozenEvent:
        event: str = "message"
        data: str = ""
        id: str = ""

    def best(cls: Callable[[str, str, str], object]) -> float:
        return min(timeit.repeat(lambda: cls("e", "d", ""), number=100_000, repeat=7)) * 1e4

    return best(ServerSentEvent), best(FrozenEvent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run for CI")
    args = parser.parse_args()

    deltas, big_size = (300, 1 << 20) if args.quick else (5000, 20_000_000)
    sse_text, expected_raw = build_stream(deltas)
    expected = [(name, json.loads(data)) for name, data in expected_raw]
    peers, missing = load_peers()
    contestants: dict[str, Pipeline] = {
        "ours": ours,
        "floor (json.loads only)": make_floor(expected_raw),
    }
    contestants.update(peers)
    chunkings = ["whole", "16 KiB", "1 KiB", "random 1-64 B", "1 B"]
    repeats = {"whole": 15, "16 KiB": 15, "1 KiB": 15, "random 1-64 B": 7, "1 B": 5}

    print(f"Python {sys.version.split()[0]} on {sys.platform}; {len(expected)} events, "
          f"{len(sse_text.encode()):,} bytes (LF)")  # fmt: skip
    for peer, why in missing.items():
        print(f"peer {peer} not installed: {why}")
    print()
    print(
        "| line ends | chunking | "
        + " | ".join(contestants)
        + " | ours / floor | ours / fastest peer |"
    )
    print("|---|---|" + "---:|" * (len(contestants) + 2))
    all_mismatches = []
    warm_up = chunked(sse_text.encode(), "1 KiB")
    for pipeline in contestants.values():  # so that the first row is not the slowest
        pipeline(warm_up)
    for newline in ("LF", "CRLF"):
        body = (sse_text if newline == "LF" else sse_text.replace("\n", "\r\n")).encode()
        for how in chunkings:
            medians, mismatches = bench_stream(
                contestants, body, expected, how, 1 if args.quick else repeats[how]
            )
            all_mismatches += [f"{newline} {m}" for m in mismatches]
            rate = {name: len(expected) / seconds for name, seconds in medians.items()}
            fastest_peer = max((rate[p] for p in peers), default=float("nan"))
            cells = " | ".join(f"{rate[name]:,.0f}" for name in contestants)
            to_floor = rate["ours"] / rate["floor (json.loads only)"]
            to_peer = rate["ours"] / fastest_peer
            print(f"| {newline} | {how} | {cells} | {to_floor:.2f}× | {to_peer:.2f}× |", flush=True)
    print("\nevents/s, median; higher is better.\n")

    big = {"ours": ours, "join + decode + json.loads": join_decode_loads, **peers}
    print(f"One {big_size / 1e6:.0f} MB event in 1 KiB chunks:\n")
    print("| decoder | time (s) | time / join+decode+loads | tracemalloc peak (MB) "
          "| peak / event size | correct |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---|")
    results = bench_big(big, big_size)
    base_time = next(t for name, t, _, _ in results if name.startswith("join"))
    for name, seconds, peak, correct in results:
        print(f"| {name} | {seconds:.3f} | {seconds / base_time:.2f}× | {peak / 1e6:.1f} "
              f"| {peak / big_size:.2f}× | {'yes' if correct else 'NO'} |", flush=True)  # fmt: skip
        if not correct:
            all_mismatches.append(f"{name}: the big event came out wrong")

    plain, frozen = construction_cost()
    print(f"\nBuilding one ServerSentEvent: {plain:.0f} ns; the same dataclass frozen: "
          f"{frozen:.0f} ns ({frozen / plain:.1f}×), so it stays unfrozen.")  # fmt: skip
    print()
    for line in all_mismatches:
        print(f"MISMATCH {line}")
    ours_wrong = [m for m in all_mismatches if " ours " in f" {m} " or m.startswith("ours")]
    return 1 if ours_wrong else 0


if __name__ == "__main__":
    sys.exit(main())
