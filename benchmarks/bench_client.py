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
  first request in a fresh interpreter, with the library imported: building a
                client, connecting, sending, and receiving the first event
  import        `import openresponses_min` and `import openai` in a fresh
                interpreter (bytecode cached), and everything a streaming call
                loads: `from openresponses_min import Client` and `from openai
                import OpenAI` plus touching `client.responses`

    python benchmarks/bench_client.py            # full run (a minute or two)
    python benchmarks/bench_client.py --quick    # smoke run, figures meaningless
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

THREADS = 8
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
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0

    deltas, repeats, runs = (300, 2, 2) if args.quick else (5000, 9, 9)
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(deltas)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        return report(url, deltas + 8, repeats, runs)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)


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
