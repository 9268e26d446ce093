# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Seeded, bounded fuzzing of everything that reads what a server sends.

Inputs are random bytes, and mutations of real streams (the captures, when
their folder is given) and of generated ones: flipped bytes, truncations,
inserted CR, LF, NUL, BOM and field prefixes, broken UTF-8, huge lines, JSON
nested deeper than Python recurses, huge JSON, and a field of an event given
a value of another JSON type (a number for a string, an object for a list).
Each input goes, in random chunks, through ``StreamLifecycle``
(``SSEDecoder``, ``json.loads``, ``parse_event``, the accumulator) and its
verdict, with every event's ``to_dict()`` and ``repr()``, every helper of
the rebuilt response, and the command line's printing; every tenth also
through the client against the mock server, as a stream and as the bytes of
an HTTP response, mutated too, for the client's own HTTP/1.1 core to read. Only documented
``OpenResponsesError`` subclasses may escape; anything else is a finding,
printed with the seed that reproduces it.

    python3 tests/fuzz.py --count 20000 --seconds 300 [--seed 1] [--captures DIR]

The test suite runs a short, fixed-seed run of the same code (``test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import logging
import random
import resource
import sys
import time
import traceback
from argparse import Namespace
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openresponses_min import Client, OpenResponsesError, Timeout, cli
from openresponses_min._core.lifecycle import StreamLifecycle
from openresponses_min._core.redact import Redactor
from openresponses_min.mock import MockServer, Reply, answer_events

MAX_EVENT_SIZE = 2 << 20
"""The decoder's limit during fuzzing: huge inputs must stop at it, not exhaust memory."""

BOM = b"\xef\xbb\xbf"
INSERTS = [b"\r", b"\n", b"\r\n", b"\n\n", b"\0", BOM, b"data: ", b"event: ", b"id: \0",
           b"retry: 9\n", b":", b"data: [DONE]\n\n", b"\xe2", b"\xf0\x9f", b"\xff\xfe"]  # fmt: skip


@dataclass
class Report:
    inputs: int = 0
    bytes: int = 0
    client_inputs: int = 0
    documented_errors: int = 0
    findings: list[str] = field(default_factory=list)


def generated_streams() -> list[bytes]:
    """Realistic streams made here, in LF and CRLF, the JSON both escaped and raw UTF-8."""
    streams = []
    for n, prompt in enumerate(["hi", "café, 日本語 and 🙂", "x" * 300]):
        events = answer_events({"model": "m", "input": prompt}, f"resp_fuzz{n}")
        for ascii_only in (True, False):
            body = b"".join(
                f"event: {e['type']}\ndata: {_dumps(e, ascii_only)}\n\n".encode() for e in events
            )
            streams += [body, body.replace(b"\n", b"\r\n")]
    return streams


def _dumps(event: object, ascii_only: bool) -> str:
    return json.dumps(event, ensure_ascii=ascii_only)


ODD_VALUES: list[object] = [None, True, 0, -1, 2**64 - 1, 1.5, "", "x", "\ud83d", [], [1, None],
                            {}, {"type": "x"}, {"message": 5, "code": []}]  # fmt: skip


def confuse(rng: random.Random, body: bytes) -> bytes:
    """One event of ``body`` with one of its fields, at any depth, given an odd value."""
    blocks = body.split(b"\n\n")
    index = rng.randrange(len(blocks))
    head, _, data = blocks[index].rpartition(b"data: ")
    try:
        event = json.loads(data)
    except (ValueError, RecursionError):
        return body
    target = event
    while isinstance(target, (dict, list)) and target and rng.random() < 0.6:
        key = rng.choice(list(target)) if isinstance(target, dict) else rng.randrange(len(target))
        if not isinstance(target[key], (dict, list)):
            break
        target = target[key]
    if isinstance(target, dict) and target:
        target[rng.choice(list(target))] = rng.choice(ODD_VALUES)
    elif isinstance(target, list) and target:
        target[rng.randrange(len(target))] = rng.choice(ODD_VALUES)
    blocks[index] = head + b"data: " + json.dumps(event).encode()
    return b"\n\n".join(blocks)


def corpus(captures: Path | None) -> list[bytes]:
    found = sorted(captures.glob("*.sse")) if captures else []
    return [path.read_bytes() for path in found] + generated_streams()


def mutate(rng: random.Random, body: bytes) -> bytes:
    data = bytearray(body)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(10)
        at = rng.randint(0, len(data))
        if kind == 0 and data:  # flip some bits
            index = rng.randrange(len(data))
            data[index] ^= 1 << rng.randrange(8)
        elif kind == 1:  # truncate
            del data[at:]
        elif kind == 2:
            data[at:at] = rng.choice(INSERTS)
        elif kind == 3 and data:  # lose one byte: UTF-8 and line ends break
            del data[min(at, len(data) - 1)]
        elif kind == 4:  # a huge line, past the event limit or not
            data[at:at] = b"data: " + b"a" * rng.choice([10_000, 500_000, 3_000_000])
        elif kind == 5:  # JSON nested deeper than Python recurses
            depth = rng.choice([50, 5_000, 200_000])
            data[at:at] = b"\ndata: " + b"[" * depth + b"]" * depth + b"\n\n"
        elif kind == 6:  # huge JSON
            payload = b'{"type":"response.output_text.delta","delta":"' + b"x" * 1_000_000 + b'"}'
            data[at:at] = b"\ndata: " + payload + b"\n\n"
        elif kind == 7:  # random bytes
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        elif kind == 8:  # a valid event of another kind in the middle
            data[at:at] = b'\n\ndata: {"type":"response.completed","response":{"output":7}}\n\n'
        else:  # a field of another JSON type
            data[:] = confuse(rng, bytes(data))
    return bytes(data)


def chunks(rng: random.Random, data: bytes) -> list[bytes]:
    out, i = [], 0
    while i < len(data):
        n = rng.choice([1, 2, 7, rng.randint(1, 512), rng.randint(1, 65536)])
        out += [data[i : i + n]] + ([b""] if rng.random() < 0.05 else [])
        i += n
    return out


def check_pipeline(rng: random.Random, data: bytes) -> int:
    """Feed ``data`` through the sans-I/O core and every helper; documented errors (0 or 1)."""
    lifecycle = StreamLifecycle(max_event_size=MAX_EVENT_SIZE, redactor=Redactor(["x"]))
    events = []
    for piece in chunks(rng, data):
        lifecycle.feed(piece)
        for event in iter(lifecycle.next_event, None):
            event.to_dict()
            repr(event)
            events.append(event)
    lifecycle.end_of_body()
    response = lifecycle.accumulator.response
    response.to_dict()
    repr(response)
    response.output_text  # noqa: B018
    errors = lifecycle.verdict() is not None
    try:
        lifecycle.accumulator.function_calls()
    except OpenResponsesError:
        errors = True
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for json_lines in (False, True):
            cli._show(events, Namespace(json=json_lines, show_reasoning=True), Redactor(["x"]))
        cli._report(response, Redactor())
        cli._usage(response, None, 0.0)
    return int(errors)


def check_client(client: Client, server: MockServer, rng: random.Random, data: bytes) -> int:
    """The stream through the client; and, as the whole answer, its bytes behind a head
    (an HTTP response mutated too, read by the client's own HTTP/1.1 core)."""
    server.add(Reply(events=data, chunk_size=rng.choice([None, 100, 4096, 65536])))
    errors = 0
    try:
        client.responses.create(model="m", stream=True).until_done()
    except OpenResponsesError:
        errors = 1
    raw = mutate(rng, http_response(rng, data)) if rng.random() < 0.8 else http_response(rng, data)
    server.add(Reply(raw=raw))
    try:
        if rng.random() < 0.5:
            client.responses.create(model="m", stream=True).until_done()
        else:
            client.responses.create(model="m")
    except OpenResponsesError:
        errors = 1
    return errors


HEADS = [
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Oops\r\nContent-Length: 5\r\n\r\n",
]


def http_response(rng: random.Random, body: bytes) -> bytes:
    head = rng.choice(HEADS)
    if b"chunked" in head:
        pieces = [body[i : i + 1000] for i in range(0, len(body), 1000)]
        return head + b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    if b"gzip" in head:
        return head + gzip.compress(b'{"id": "r"}')
    return head + body


def run(count: int, seconds: float, seed: int, captures: Path | None) -> Report:
    """Up to ``count`` inputs or ``seconds``, whichever ends first."""
    report = Report()
    bodies = corpus(captures)
    deadline = time.monotonic() + seconds
    with MockServer() as server, Client(base_url=server.base_url, max_retries=0,
                                       timeout=Timeout(connect=5, read=5),
                                       max_event_size=MAX_EVENT_SIZE) as client:  # fmt: skip
        for case in range(count):
            if time.monotonic() > deadline:
                break
            rng = random.Random(f"{seed}:{case}")
            if rng.random() < 0.1:
                data = rng.randbytes(rng.randint(0, 4096))
            else:
                data = mutate(rng, rng.choice(bodies))
            report.inputs += 1
            report.bytes += len(data)
            try:
                report.documented_errors += check_pipeline(rng, data)
                if case % 10 == 0:
                    report.client_inputs += 1
                    report.documented_errors += check_client(client, server, rng, data)
            except Exception:
                report.findings.append(f"seed {seed}:{case}: {traceback.format_exc(limit=6)}")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="inputs at most")
    parser.add_argument("--seconds", type=float, default=300.0, help="time bound")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--captures", type=Path, help="folder of recorded .sse streams")
    args = parser.parse_args()
    logging.getLogger("openresponses_min").setLevel(logging.ERROR)  # gaps are expected here
    started = time.monotonic()
    report = run(args.count, args.seconds, args.seed, args.captures)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{report.inputs:,} inputs ({report.bytes / 1e6:,.1f} MB; {report.client_inputs:,} "
          f"also through the client) in {time.monotonic() - started:.0f} s, seed {args.seed}: "
          f"{report.documented_errors:,} documented errors, {len(report.findings)} findings; "
          f"peak memory {peak:,.0f} MB")  # fmt: skip
    for finding in report.findings:
        print(finding)
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
