# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""openresponses_min: stream the OpenAI Responses API and Open Responses endpoints.

Zero dependencies, pure standard library, safe to vendor: copy this folder
anywhere, under any name. This module only re-exports the public API.
"""

from .errors import EventParseError, OpenResponsesError, SSEError
from .events import Event, UnknownEvent, parse_event
from .response import Response
from .sse import DEFAULT_MAX_EVENT_SIZE, ServerSentEvent, SSEDecoder

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "Event",
    "EventParseError",
    "OpenResponsesError",
    "Response",
    "SSEDecoder",
    "SSEError",
    "ServerSentEvent",
    "UnknownEvent",
    "__version__",
    "parse_event",
]
