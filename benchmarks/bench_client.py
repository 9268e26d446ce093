# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: the client end to end over loopback, against the official SDK.

The mock server runs in its own process and answers every request with the
realistic stream of bench_sse.py (5,008 events), written in 16 KiB pieces.
Measured, in the same run:
  streaming     client.responses.create(stream=True) to the last typed event,
                events/s, median over rotating runs, with one kept-alive client
  threads       the same from THREADS threads at once through one client (its
                pooled connections), all their events per second of wall time
  asyncio       AsyncClient against AsyncOpenAI: one stream as above; then
                BURST concurrent streams (108 events each) on one client, in a
                fresh process per run, against a server of its own (asyncio, in
                its own process, each answer's first 16 KiB written at once and
                the rest once every stream of the burst has begun, so that all
                are open at once however fast a client reads): all their events
                per second of wall time, the growth of the process's resident
                memory to its peak (Linux: sampled from /proc), and at 100
                streams each stream's time to its first event (p50, p99)
  first request in a fresh interpreter, with the library imported: building a
                client, connecting, sending, and receiving the first event
  import        `import openresponses_min` and `import openai` in a fresh
                interpreter (bytecode cached), and everything a streaming call
                loads: `from openresponses_min import Client` and `from openai
                import OpenAI` plus touching `client.responses`

    python benchmarks/bench_client.py            # full run (about ten minutes)
    python benchmarks/bench_client.py --quick    # smoke run, figures meaningless
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

THREADS = 8
BURST = (100, 1000)
BURST_DELTAS = 100
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT)

OURS_FIRST = """
import time
from openresponses_min import Client
t = time.perf_counter()
client = Client(api_key="sk-bench", base_url=URL, max_retries=0)
with client.responses.create(model="m", input="x", stream=True) as stream:
    next(stream)
print(time.perf_counter() - t)
"""
OPENAI_FIRST = """
import time
from openai import OpenAI
t = time.perf_counter()
client = OpenAI(api_key="sk-bench", base_url=URL, max_retries=0)
with client.responses.create(model="m", input="x", stream=True) as stream:
    next(iter(stream))
print(time.perf_counter() - t)
"""
IMPORTS = {
    "import openresponses_min": "import openresponses_min",
    "import openai": "import openai",
    "from openresponses_min import Client": "from openresponses_min import Client",
    "from openai import OpenAI; client.responses": (
        "from openai import OpenAI; OpenAI(api_key='k').responses"
    ),
}


def serve(deltas: int) -> None:
    """The server process: print the base URL, serve until stdin closes."""
    from bench_sse import build_stream

    from openresponses_min.mock import MockServer, Reply

    sse_text, _ = build_stream(deltas)
    with MockServer(default=Reply(events=sse_text.encode(), chunk_size=16384)) as server:
        print(server.base_url, flush=True)
        sys.stdin.read()


def serve_burst(deltas: int) -> None:
    """The server process for many streams at once: asyncio on one thread, each answer
    the same chunked body built once. Asked with ``model="burst-N"``, it sends the first
    16 KiB piece of the body at once and the rest only once N requests of that burst
    have come, so that all N streams are open at the same time, half read, however fast
    a client reads. Print the base URL, serve until stdin closes."""
    from bench_sse import build_stream

    body = build_stream(deltas)[0].encode()
    pieces = [b"%x\r\n%s\r\n" % (len(body[i : i + 16384]), body[i : i + 16384])
              for i in range(0, len(body), 16384)]  # fmt: skip
    first = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        b"Transfer-Encoding: chunked\r\nx-request-id: req_bench\r\n\r\n" + pieces[0]
    )
    rest = b"".join(pieces[1:]) + b"0\r\n\r\n"
    bursts: dict[str, tuple[list[int], asyncio.Event]] = {}

    async def all_begun(model: str) -> None:
        size = int(model.rpartition("-")[2]) if model.startswith("burst-") else 1
        arrived, begun = bursts.setdefault(model, ([0], asyncio.Event()))
        arrived[0] += 1
        if arrived[0] >= size:
            begun.set()
            del bursts[model]
        await begun.wait()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                request = json.loads(await reader.readexactly(length))
                writer.write(first)
                await all_begun(request["model"])
                writer.write(rest)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
        port = server.sockets[0].getsockname()[1]
        print(f"http://127.0.0.1:{port}/v1", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        server.close()

    asyncio.run(main())


def burst(name: str, count: int, url: str) -> None:
    """One run in this process: ``count`` streams at once on one client of ``name``
    (after one to warm up); print what it measured as JSON."""
    stream = async_streamers(url, connections=count)[name]

    async def run() -> dict[str, Any]:
        gauge = PeakRSS()
        await stream(None, "burst-1")
        gauge.start()
        start = time.perf_counter()
        results = await asyncio.gather(*(stream(start, f"burst-{count}") for _ in range(count)))
        seconds = time.perf_counter() - start
        return {
            "events": [events for events, _, _ in results],
            "last": sorted({last for _, last, _ in results}),
            "first": [first for _, _, first in results],
            "seconds": seconds,
            "rss_growth": gauge.growth(),
        }

    print(json.dumps(asyncio.run(run())))


class PeakRSS:
    """The growth of this process's resident memory from ``start()`` to its peak, sampled
    every millisecond from ``/proc`` by a thread of its own (``ru_maxrss`` would hide a
    peak lower than one before, as importing may leave). The thread starts, and reads
    once, at construction, so that what it costs itself is in the baseline."""

    def __init__(self) -> None:
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._statm = os.open("/proc/self/statm", os.O_RDONLY)
        self._start = self._peak = self._now()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def start(self) -> None:
        self._start = self._peak = self._now()

    def growth(self) -> int:
        self._done.set()
        self._thread.join()
        peak = max(self._peak, self._now())
        os.close(self._statm)
        return peak - self._start

    def _now(self) -> int:
        return int(os.pread(self._statm, 100, 0).split()[1]) * self._page

    def _sample(self) -> None:
        while not self._done.wait(0.001):
            self._peak = max(self._peak, self._now())


AsyncStreamer = Callable[[float | None, str], Awaitable[tuple[int, str, float]]]
"""Stream once, asking for a model; given a start time, also say when the first event came
after it."""


def async_streamers(url: str, connections: int = 100) -> dict[str, AsyncStreamer]:
    """One stream on an async client of each kind: (events, last event type, seconds from
    ``start`` to the first event). Clients are made lazily, on the loop that streams."""
    from openresponses_min import AsyncClient

    makers: dict[str, Callable[[], Any]] = {
        "ours": lambda: AsyncClient(
            api_key="sk-bench", base_url=url, max_retries=0, max_connections=connections
        )
    }
    try:  # imported only to stream, so that a run of ours has none of it in memory
        sdk = f"openai {importlib.metadata.version('openai')}"
    except importlib.metadata.PackageNotFoundError:
        pass
    else:

        def make_sdk() -> Any:
            import openai

            return openai.AsyncOpenAI(api_key="sk-bench", base_url=url, max_retries=0)

        makers[sdk] = make_sdk  # its default pool allows 1,000 connections
    made: dict[str, Any] = {}

    def streamer(name: str) -> AsyncStreamer:
        async def stream_once(start: float | None, model: str) -> tuple[int, str, float]:
            if name not in made:
                made[name] = makers[name]()
            count, last, first = 0, "", 0.0
            stream = await made[name].responses.create(model=model, input="x", stream=True)
            async with stream:
                async for event in stream:
                    if not count and start is not None:
                        first = time.perf_counter() - start
                    count += 1
                    last = event.type
            return count, last, first

        return stream_once

    return {name: streamer(name) for name in makers}


def fresh(code: str, runs: int) -> float:
    """Best of `runs` seconds printed by `code` in a fresh interpreter; one warm-up first."""
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env=ENV, cwd=ROOT).stdout)
        for _ in range(runs + 1)
    ]  # fmt: skip
    return min(times[1:])


def import_time(statement: str, runs: int) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    return fresh(code, runs)


def streamers(url: str) -> dict[str, Callable[[], tuple[int, str]]]:
    from openresponses_min import Client

    ours_client = Client(api_key="sk-bench", base_url=url, max_retries=0)

    def ours() -> tuple[int, str]:
        count, last = 0, ""
        with ours_client.responses.create(model="m", input="x", stream=True) as stream:
            for event in stream:
                count += 1
                last = event.type
        return count, last

    found = {"ours": ours}
    try:
        import openai
    except ImportError:
        print("peer openai not installed: pip install -r benchmarks/requirements.txt")
        return found
    sdk_client = openai.OpenAI(api_key="sk-bench", base_url=url, max_retries=0)

    def sdk() -> tuple[int, str]:
        count, last = 0, ""
        with sdk_client.responses.create(model="m", input="x", stream=True) as stream:
            for event in stream:
                count += 1
                last = event.type
        return count, last

    found[f"openai {openai.__version__}"] = sdk
    return found


def in_threads(stream: Callable[[], tuple[int, str]], count: int) -> list[tuple[int, str]]:
    """``stream()`` in ``count`` threads at once; what each one got."""
    results: list[tuple[int, str]] = []
    threads = [threading.Thread(target=lambda: results.append(stream())) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run for CI")
    parser.add_argument("--serve", type=int, metavar="DELTAS", help=argparse.SUPPRESS)
    parser.add_argument("--serve-burst", type=int, metavar="DELTAS", help=argparse.SUPPRESS)
    parser.add_argument("--burst", nargs=3, metavar=("NAME", "COUNT", "URL"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    if args.serve_burst:
        serve_burst(args.serve_burst)
        return 0
    if args.burst:
        name, count, url = args.burst
        burst(name, int(count), url)
        return 0

    deltas, repeats, runs = (300, 2, 2) if args.quick else (5000, 9, 9)
    bursts, burst_runs = ((10, 20), 1) if args.quick else (BURST, 3)
    commands = [[sys.executable, __file__, "--serve", str(deltas)],
                [sys.executable, __file__, "--serve-burst", str(BURST_DELTAS)]]  # fmt: skip
    servers = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV)
        for command in commands
    ]
    try:
        url, burst_url = (server.stdout.readline().strip() for server in servers if server.stdout)
        failed = report(url, deltas + 8, repeats, runs)
        failed |= report_async(url, deltas + 8, repeats, burst_url, bursts, burst_runs)
        return failed
    finally:
        for server in servers:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(timeout=10)


def report_async(
    url: str, expected: int, repeats: int, burst_url: str, bursts: tuple[int, ...], runs: int
) -> int:
    """The asyncio tables; 1 when our client got a stream wrong."""
    contestants = async_streamers(url)
    names = list(contestants)
    loop = asyncio.new_event_loop()
    wrong = []
    times: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # warm-up
        loop.run_until_complete(contestants[name](None, "m"))
    for rep in range(repeats):
        for name in names[rep % len(names) :] + names[: rep % len(names)]:
            start = time.perf_counter()
            count, last, _ = loop.run_until_complete(contestants[name](None, "m"))
            times[name].append(time.perf_counter() - start)
            if (count, last) != (expected, "response.completed"):
                wrong.append(f"{name} (asyncio): {count} events ending with {last}")
    loop.close()
    rate = {name: expected / statistics.median(t) for name, t in times.items()}
    print(f"\nStreaming {expected:,} events on asyncio, one kept-alive client, "
          f"median of {repeats}:\n")  # fmt: skip
    print("| client | events/s | ours / it |")
    print("|---|---:|---:|")
    for name in names:
        print(f"| {name} | {rate[name]:,.0f} | {rate['ours'] / rate[name]:.1f}× |")

    per_stream = BURST_DELTAS + 8
    runs_of: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for count in bursts:
        for rep in range(runs):
            for name in names[rep % len(names) :] + names[: rep % len(names)]:
                out = subprocess.run(
                    [sys.executable, __file__, "--burst", name, str(count), burst_url],
                    capture_output=True, text=True, check=True, env=ENV, cwd=ROOT,
                ).stdout  # fmt: skip
                result = json.loads(out)
                runs_of.setdefault((name, count), []).append(result)
                if result["events"] != [per_stream] * count or result["last"] != [
                    "response.completed"
                ]:
                    wrong.append(f"{name} ({count} at once): {result['events'][:3]}…")
    print(f"\n{', '.join(f'{n:,}' for n in bursts)} streams of {per_stream} events at once on "
          f"one client, a fresh process each run, median of {runs}:\n")  # fmt: skip
    print("| client | streams | events/s, all streams | ours / it | peak RSS growth (MiB) "
          "| it / ours |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for count in bursts:
        rate = {n: statistics.median(sum(r["events"]) / r["seconds"] for r in runs_of[n, count])
                for n in names}  # fmt: skip
        grown = {n: statistics.median(r["rss_growth"] for r in runs_of[n, count]) for n in names}
        for name in names:
            faster = rate["ours"] / rate[name]
            leaner = grown[name] / max(grown["ours"], 1)
            print(f"| {name} | {count:,} | {rate[name]:,.0f} | {faster:.1f}× "
                  f"| {grown[name] / 2**20:.1f} | {leaner:.1f}× |")  # fmt: skip
    count = bursts[0]
    print(f"\nTime to first event with {count} streams starting at once (ms), "
          f"over all {runs} runs:\n")  # fmt: skip
    print("| client | p50 | p99 |")
    print("|---|---:|---:|")
    for name in names:
        firsts = sorted(f for r in runs_of[name, count] for f in r["first"])
        p50, p99 = (firsts[min(len(firsts) - 1, int(q * len(firsts)))] for q in (0.5, 0.99))
        print(f"| {name} | {p50 * 1e3:.1f} | {p99 * 1e3:.1f} |")
    print()
    for line in wrong:
        print(f"MISMATCH {line}")
    return 1 if any(line.startswith("ours") for line in wrong) else 0


def report(url: str, expected: int, repeats: int, runs: int) -> int:
    print(f"Python {sys.version.split()[0]} on {sys.platform}; server in its own process at {url}")
    contestants = streamers(url)
    names = list(contestants)
    times: dict[str, list[float]] = {name: [] for name in names}
    wrong = []
    for name in names:  # warm-up: connections, lazy imports, caches
        contestants[name]()
    for rep in range(repeats):
        for name in names[rep % len(names) :] + names[: rep % len(names)]:
            start = time.perf_counter()
            count, last = contestants[name]()
            times[name].append(time.perf_counter() - start)
            if (count, last) != (expected, "response.completed"):
                wrong.append(f"{name}: {count} events ending with {last}")
    rate = {name: expected / statistics.median(t) for name, t in times.items()}
    peer = names[1] if len(names) > 1 else None
    print(f"\nStreaming {expected:,} events, one kept-alive client, median of {repeats}:\n")
    print("| client | events/s | ours / it |")
    print("|---|---:|---:|")
    for name in names:
        print(f"| {name} | {rate[name]:,.0f} | {rate['ours'] / rate[name]:.1f}× |")

    together = {name: [] for name in names}
    for rep in range(repeats):
        for name in names[rep % len(names) :] + names[: rep % len(names)]:
            start = time.perf_counter()
            results = in_threads(contestants[name], THREADS)
            together[name].append(time.perf_counter() - start)
            done = (expected, "response.completed")
            wrong += [f"{name} (threads): {c} events ending with {last}"
                      for c, last in results if (c, last) != done]  # fmt: skip
    threaded = {name: THREADS * expected / statistics.median(t) for name, t in together.items()}
    print(f"\n{THREADS} threads streaming at once through one client, median of {repeats}:\n")
    print("| client | events/s, all threads | ours / it |")
    print("|---|---:|---:|")
    for name in names:
        print(f"| {name} | {threaded[name]:,.0f} | {threaded['ours'] / threaded[name]:.1f}× |")

    first = {"ours": fresh(f"URL = {url!r}\n" + OURS_FIRST, runs)}
    if peer:
        first[peer] = fresh(f"URL = {url!r}\n" + OPENAI_FIRST, runs)
    print(f"\nFirst request in a fresh interpreter, library imported, best of {runs}:\n")
    print("| client | new client → first event (ms) | it / ours |")
    print("|---|---:|---:|")
    for name, seconds in first.items():
        print(f"| {name} | {seconds * 1e3:.1f} | {seconds / first['ours']:.1f}× |")

    statements = IMPORTS if peer else {k: v for k, v in IMPORTS.items() if "openai" not in k}
    cost = {label: import_time(code, runs) for label, code in statements.items()}
    print(f"\nImport in a fresh interpreter, bytecode cached, best of {runs}:\n")
    print("| statement | ms |")
    print("|---|---:|")
    for label, seconds in cost.items():
        print(f"| `{label}` | {seconds * 1e3:.1f} |")
    if peer:
        bare = cost["import openresponses_min"] / cost["import openai"]
        full = (
            cost["from openresponses_min import Client"]
            / cost["from openai import OpenAI; client.responses"]
        )
        print(f"\n`import openresponses_min` costs 1/{1 / bare:.0f} of `import openai`; "
              f"everything a streaming call loads, 1/{1 / full:.0f}.")  # fmt: skip
    print()
    for line in wrong:
        print(f"MISMATCH {line}")
    return 1 if any(line.startswith("ours") for line in wrong) else 0


if __name__ == "__main__":
    sys.exit(main())
