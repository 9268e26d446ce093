# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""A short, fixed-seed run of the fuzzer (``fuzz.py`` runs long ones), and the memory
bound on inputs far past the limits."""

from __future__ import annotations

import os
import random
import tracemalloc
from pathlib import Path

from conftest import CAPTURES_ENV
from fuzz import MAX_EVENT_SIZE, run

from openresponses_min import SSEError
from openresponses_min._wire.event_stream import EventDecoder


def test_a_short_fuzzing_run_finds_nothing() -> None:
    folder = os.environ.get(CAPTURES_ENV)
    report = run(count=400, seconds=120, seed=2026, captures=Path(folder) if folder else None)
    assert report.findings == []
    assert report.inputs == 400 and report.client_inputs == 40
    assert report.documented_errors > 0  # the mutations do break things


def test_memory_stays_bounded_past_the_event_limit() -> None:
    rng = random.Random(5)
    line = b"data: " + rng.randbytes(16) * (1 << 20)  # 16 MiB without a line end
    decoder = EventDecoder(MAX_EVENT_SIZE)
    tracemalloc.start()
    try:
        for start in range(0, len(line), 65536):
            decoder.feed(line[start : start + 65536])
            if decoder.failure is not None:
                break
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(decoder.failure, SSEError)
    assert peak < 3 * MAX_EVENT_SIZE
