# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Benchmark: a cold start, as an AWS Lambda container pays it on every new instance.

Each path runs in a fresh interpreter (``python -I``), bytecode already cached, from
start to its work done, best of N, taking turns with its floor:
  Client        import the package, make a ``Client``, parse the first typed event of
                a recorded stream (``SSEDecoder`` + ``json.loads`` + ``parse_event``)
  AsyncClient   the same with an ``AsyncClient``
  decoder       the decoder and the typed events alone, the first event parsed
  Client, layer the Client path from an AWS Lambda layer built as README.md says
                (bytecode compiled with --invalidation-mode unchecked-hash), run with
                ``python -I -B`` as from the read-only /opt
  openai        the installed openai release: ``OpenAI()`` made and the first event
                parsed as its ``Stream`` does (its ``SSEDecoder``, ``construct_type``)
Each is set against its floor, measured in the same run: a fresh interpreter importing
exactly the standard-library modules that path loads (found by running it once), so
that what is left is what the package itself costs. The target: at most 10 ms over
the floor for ours. The recorded stream is a capture from ``$OPENRESPONSES_CAPTURES``
when set, else a stream the mock server makes.

    python benchmarks/bench_coldstart.py            # best of 60 (a few minutes)
    python benchmarks/bench_coldstart.py --quick    # smoke run, figures meaningless
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 10.0

PRELUDE = f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
FIRST_EVENT = """
import json
with open(sys.argv[1], "rb") as f:
    data = f.read()
for sse in SSEDecoder().feed(data):
    event = parse_event(json.loads(sse.data))
    break
assert event.type.startswith("response."), event
"""
PATHS = {
    "Client": PRELUDE + """
from openresponses_min import Client, SSEDecoder, parse_event
client = Client(api_key="sk-cold", base_url="https://api.openai.com/v1")
""" + FIRST_EVENT,
    "AsyncClient": PRELUDE + """
from openresponses_min import AsyncClient, SSEDecoder, parse_event
client = AsyncClient(api_key="sk-cold", base_url="https://api.openai.com/v1")
""" + FIRST_EVENT,
    "decoder": PRELUDE + """
from openresponses_min import SSEDecoder, parse_event
""" + FIRST_EVENT,
    "openai": """
import sys
from openai import OpenAI
from openai._models import construct_type
from openai._streaming import SSEDecoder as Decoder
from openai.types.responses import ResponseStreamEvent
client = OpenAI(api_key="sk-cold")
with open(sys.argv[1], "rb") as f:
    chunks = [f.read()]
for sse in Decoder().iter_bytes(iter(chunks)):
    event = construct_type(type_=ResponseStreamEvent, value=sse.json())
    break
assert event.type.startswith("response."), event
""",
}  # fmt: skip
MODULES = """
import sys
before = set(sys.modules)
exec(compile(sys.stdin.read(), "<path>", "exec"))
stdlib = sys.stdlib_module_names
print(" ".join(
    name for name in sys.modules
    if name not in before and name.split(".")[0] in stdlib
))
"""


def recorded_stream(folder: Path) -> Path:
    """A recorded stream's bytes in a file: a capture, or what the mock server sends."""
    captures = os.environ.get("OPENRESPONSES_CAPTURES")
    if captures:
        found = sorted(Path(captures).glob("*.sse"))
        if found:
            return found[0]
    sys.path.insert(0, str(REPO))
    from openresponses_min._mock.answers import answer_events

    events = answer_events({"model": "m", "input": "hello"}, "resp_cold")
    path = folder / "stream.sse"
    path.write_bytes(b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events))
    return path


def layer(folder: Path) -> str:
    """The Client path from a layer built as the README's recipe builds it."""
    python = folder / "layer" / "python"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "openresponses_min", python / "openresponses_min", ignore=ignore)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "--invalidation-mode", "unchecked-hash",
         str(python)], check=True,
    )  # fmt: skip
    return PATHS["Client"].replace(PRELUDE, f"import sys\nsys.path.insert(0, {str(python)!r})\n")


def stdlib_loaded(code: str, stream: Path) -> list[str]:
    """The standard-library modules ``code`` loads, in the order it loads them."""
    result = subprocess.run(
        [sys.executable, "-I", "-c", MODULES, str(stream)], input=code, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return result.stdout.split()


def best_ms(commands: list[list[str]], runs: int) -> list[float]:
    """For each command, the fastest of ``runs`` fresh interpreters, in milliseconds; the
    commands take turns, so that a change in the machine's load falls on all alike."""
    for command in commands:
        subprocess.run(command, check=True)  # compiles the bytecode the runs find cached
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, check=True)
            taken.append(time.perf_counter() - start)
    return [min(taken) * 1000 for taken in times]


def command(code: str, stream: Path, *flags: str) -> list[str]:
    return [sys.executable, "-I", *flags, "-c", code, str(stream)]


def available(name: str) -> bool:
    if name != "openai":
        return True
    check = subprocess.run([sys.executable, "-I", "-c", "import openai"], capture_output=True)
    return check.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run for CI")
    quick = parser.parse_args().quick
    runs = 3 if quick else 60
    with tempfile.TemporaryDirectory() as tmp:
        stream = recorded_stream(Path(tmp))
        [empty] = best_ms([command("pass", stream)], runs)
        print(f"fresh `python -I`, bytecode cached, best of {runs}; stream: {stream.name}")
        print(f"an empty interpreter: {empty:.1f} ms\n")
        print(f"| {'path':<13} | {'ms':>6} | {'floor ms':>8} | {'over the floor':>14} "
              f"| {'stdlib modules':>14} |")  # fmt: skip
        print(f"|{'-' * 15}|{'-' * 8}|{'-' * 10}|{'-' * 16}|{'-' * 16}|")
        missed = []
        paths = {**PATHS, "Client, layer": layer(Path(tmp))}
        for name, code in paths.items():
            if not available(name):
                print(f"| {name:<13} | not installed |")
                continue
            modules = stdlib_loaded(code, stream)
            floor_code = "".join(f"import {module}\n" for module in modules)
            flags = ("-B",) if name.endswith("layer") else ()
            ours, floor = best_ms(
                [command(code, stream, *flags), command(floor_code, stream)], runs
            )
            over = ours - floor
            if name != "openai" and over > TARGET_MS:
                missed.append(name)
            print(f"| {name:<13} | {ours:>6.1f} | {floor:>8.1f} | {over:>+11.1f} ms "
                  f"| {len(modules):>14} |")  # fmt: skip
    if missed and not quick:
        print(f"\nFAIL: more than {TARGET_MS:g} ms over the floor: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
