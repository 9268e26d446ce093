# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""openresponses_min: stream the OpenAI Responses API and Open Responses endpoints.

Zero dependencies, pure standard library, safe to vendor: copy this folder
anywhere, under any name. This module only re-exports the public API.

Each name is imported from its module the first time it is used, so that
``import openresponses_min`` costs next to nothing and a program pays only for
what it touches: the decoder alone, the typed events, or the HTTP client with
its HTTP/1.1 core (and ``ssl`` only for https, ``asyncio`` only for ``AsyncClient``).
"""

from ._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._asyncio.client import (
        AsyncClient as AsyncClient,
        AsyncItemPager as AsyncItemPager,
        AsyncStream as AsyncStream,
        AsyncStreamManager as AsyncStreamManager,
    )
    from ._asyncio.session import (
        AsyncResponsesConnection as AsyncResponsesConnection,
    )
    from ._core.accumulate import (
        FunctionArgumentsError as FunctionArgumentsError,
        FunctionCall as FunctionCall,
        ResponseAccumulator as ResponseAccumulator,
    )
    from ._core.config import (
        Timeout as Timeout,
    )
    from ._model.sse_event import ServerSentEvent as ServerSentEvent
    from ._sync.client import (
        Client as Client,
        ItemPager as ItemPager,
        Stream as Stream,
        StreamManager as StreamManager,
    )
    from ._sync.session import (
        ResponsesConnection as ResponsesConnection,
    )
    from ._wire.sse import (
        DEFAULT_MAX_EVENT_SIZE as DEFAULT_MAX_EVENT_SIZE,
        SSEDecoder as SSEDecoder,
    )
    from .errors import (
        APIConnectionError as APIConnectionError,
        APIError as APIError,
        APIResponseError as APIResponseError,
        APIStatusError as APIStatusError,
        APITimeoutError as APITimeoutError,
        AuthenticationError as AuthenticationError,
        BadRequestError as BadRequestError,
        ConflictError as ConflictError,
        ErrorResponse as ErrorResponse,
        EventParseError as EventParseError,
        InternalServerError as InternalServerError,
        NotFoundError as NotFoundError,
        OpenAIError as OpenAIError,
        OpenResponsesError as OpenResponsesError,
        OutputParseError as OutputParseError,
        PermissionDeniedError as PermissionDeniedError,
        PreviousResponseNotFoundError as PreviousResponseNotFoundError,
        RateLimitError as RateLimitError,
        ResponseFailedError as ResponseFailedError,
        ResponseTooLargeError as ResponseTooLargeError,
        SSEError as SSEError,
        StreamInterruptedError as StreamInterruptedError,
        StreamTimeoutError as StreamTimeoutError,
        UnprocessableEntityError as UnprocessableEntityError,
        WebSocketClosedError as WebSocketClosedError,
    )
    from .events import (
        Event as Event,
        UnknownEvent as UnknownEvent,
        parse_event as parse_event,
    )
    from .response import (
        ParsedResponse as ParsedResponse,
        Response as Response,
    )
    from .tools import (
        FunctionTool as FunctionTool,
        function_tool as function_tool,
        pydantic_function_tool as pydantic_function_tool,
    )

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "APIConnectionError",
    "APIError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncItemPager",
    "AsyncResponsesConnection",
    "AsyncStream",
    "AsyncStreamManager",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "ErrorResponse",
    "Event",
    "EventParseError",
    "FunctionArgumentsError",
    "FunctionCall",
    "FunctionTool",
    "InternalServerError",
    "ItemPager",
    "NotFoundError",
    "OpenAIError",
    "OpenResponsesError",
    "OutputParseError",
    "ParsedResponse",
    "PermissionDeniedError",
    "PreviousResponseNotFoundError",
    "RateLimitError",
    "Response",
    "ResponseAccumulator",
    "ResponseFailedError",
    "ResponseTooLargeError",
    "ResponsesConnection",
    "SSEDecoder",
    "SSEError",
    "ServerSentEvent",
    "Stream",
    "StreamInterruptedError",
    "StreamManager",
    "StreamTimeoutError",
    "Timeout",
    "UnknownEvent",
    "UnprocessableEntityError",
    "WebSocketClosedError",
    "__version__",
    "function_tool",
    "parse_event",
    "pydantic_function_tool",
]

_HOMES = {
    "FunctionArgumentsError": "_core.accumulate",
    "FunctionCall": "_core.accumulate",
    "ResponseAccumulator": "_core.accumulate",
    "AsyncClient": "_asyncio.client",
    "AsyncItemPager": "_asyncio.client",
    "AsyncStream": "_asyncio.stream",
    "AsyncStreamManager": "_asyncio.client",
    "AsyncResponsesConnection": "_asyncio.session",
    "Client": "_sync.client",
    "ItemPager": "_sync.client",
    "ResponsesConnection": "_sync.session",
    "Stream": "_sync.stream",
    "StreamManager": "_sync.client",
    "Timeout": "_core.config",
    "APIConnectionError": "errors",
    "APIError": "errors",
    "APIResponseError": "errors",
    "APIStatusError": "errors",
    "APITimeoutError": "errors",
    "AuthenticationError": "errors",
    "BadRequestError": "errors",
    "ConflictError": "errors",
    "ErrorResponse": "errors",
    "EventParseError": "errors",
    "InternalServerError": "errors",
    "NotFoundError": "errors",
    "OpenAIError": "errors",
    "OpenResponsesError": "errors",
    "OutputParseError": "errors",
    "PermissionDeniedError": "errors",
    "PreviousResponseNotFoundError": "errors",
    "RateLimitError": "errors",
    "ResponseFailedError": "errors",
    "ResponseTooLargeError": "errors",
    "StreamInterruptedError": "errors",
    "StreamTimeoutError": "errors",
    "SSEError": "errors",
    "UnprocessableEntityError": "errors",
    "WebSocketClosedError": "errors",
    "Event": "events",
    "UnknownEvent": "events",
    "parse_event": "events",
    "ParsedResponse": "response",
    "Response": "response",
    "DEFAULT_MAX_EVENT_SIZE": "_wire.sse",
    "SSEDecoder": "_wire.sse",
    "ServerSentEvent": "_model.sse_event",
    "FunctionTool": "tools",
    "function_tool": "tools",
    "pydantic_function_tool": "tools",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(__import__(f"{__name__}.{home}", fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
