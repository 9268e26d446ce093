# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``ServerSentEvent``: the record ``SSEDecoder`` gives for each event, kept apart from
the decoder as h11 keeps its events apart from its parser, so that ``errors.SSEError``
can name it without importing the wire protocol."""

from __future__ import annotations

from .record import Record


class ServerSentEvent(Record):
    """One dispatched event.

    ``event`` is the event type (``"message"`` when the stream named none),
    ``data`` the data lines joined with LF, ``id`` the last event ID string
    at dispatch (it persists across events that carry no ``id`` field).
    Not frozen: the decoder builds one per event on its hot path, and a
    frozen dataclass is markedly slower to build (benchmarks/bench_sse.py
    measures both).
    """

    event: str = "message"
    data: str = ""
    id: str = ""
