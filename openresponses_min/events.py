# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Typed streaming events: one slotted dataclass per event type, and ``parse_event``.

``parse_event(payload)`` turns a decoded JSON event into its class. Class
names come mechanically from the ``type``: ``response.output_text.delta`` ->
``ResponseOutputTextDeltaEvent``, ``error`` -> ``ErrorEvent``. It covers the
OpenAI API and the Open Responses specification (including the events only
one of them defines) and events seen on the wire that neither lists; any
other type gives an ``UnknownEvent``. Every event has ``type`` and
``sequence_number`` (``None`` on older streams), keeps unknown fields, and
gives its payload back exactly with ``to_dict()``.

The two names for raw reasoning text are one class family: Open Responses'
``response.reasoning.delta``/``.done`` are subclasses of OpenAI's
``response.reasoning_text.delta``/``.done``, so matching the OpenAI class
catches both. ``ErrorEvent`` reads the three shapes of the ``error`` event.

Each ``.delta`` event has ``obfuscation``: random padding some servers add
to even out payload sizes, to be ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._model.typed import JSONObject, field, parser_for, register_variants, type_default
from .errors import EventParseError
from .response import (
    AgentRef,
    Annotation,
    ContentPart,
    ErrorDetails,
    OutputItem,
    Response,
    agent_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import builtins
    from typing import Any, TypeVar

    from ._model.typed import Parser

    _E = TypeVar("_E", bound="ErrorEvent")

    from ._model.params import (
        EasyInputMessageParam as EasyInputMessageParam,
        FunctionCallOutputParam as FunctionCallOutputParam,
        FunctionToolParam as FunctionToolParam,
        ResponseInputItemParam as ResponseInputItemParam,
        ResponseInputParam as ResponseInputParam,
        ToolChoiceFunctionParam as ToolChoiceFunctionParam,
        ToolChoiceOptions as ToolChoiceOptions,
        ToolParam as ToolParam,
    )


class Event(JSONObject):
    """Base of every streaming event. ``agent`` names the agent whose event it is in a
    multi-agent response (beta), else it is ``None``."""

    type: str = ""
    sequence_number: int | None = None

    @property
    def agent(self) -> AgentRef | None:
        return agent_of(self)


class UnknownEvent(Event):
    """An event of a type this version does not know; ``to_dict()`` has its payload."""


# --- shapes shared by several events ----------------------------------------------------------


class _SnapshotEvent(Event):
    """A lifecycle event: the response's status changed; ``response`` is a snapshot."""

    response: Response = field(default_factory=Response)


class _OutputItemEvent(Event):
    """An event about the output item at ``output_index``."""

    output_index: int | None = None
    item: OutputItem | None = None


class _ItemEvent(Event):
    """An event about the item ``item_id`` at ``output_index``."""

    item_id: str = ""
    output_index: int | None = None


class _ItemDeltaEvent(_ItemEvent):
    """A fragment of an item's streamed string field."""

    delta: str = ""
    obfuscation: str | None = None


class _ContentEvent(_ItemEvent):
    """An event about the content part at ``content_index`` of an item."""

    content_index: int | None = None


class _ContentPartEvent(_ContentEvent):
    """A content part opened or closed."""

    part: ContentPart | None = None


class _ContentDeltaEvent(_ContentEvent):
    """Text appended to a content part."""

    delta: str = ""
    obfuscation: str | None = None


class _ContentTextDoneEvent(_ContentEvent):
    """A content part's text is complete."""

    text: str = ""


class _SummaryEvent(_ItemEvent):
    """An event about the reasoning summary part at ``summary_index``."""

    summary_index: int | None = None


class _ShellCommandEvent(Event):
    """An event about the command at ``command_index`` of a shell call."""

    output_index: int | None = None
    command_index: int | None = None


# --- response lifecycle -----------------------------------------------------------------------


class ResponseCreatedEvent(_SnapshotEvent):
    """The response was created; ``response`` is its first snapshot."""

    type: str = "response.created"


class ResponseQueuedEvent(_SnapshotEvent):
    """The response is queued, waiting to be processed."""

    type: str = "response.queued"


class ResponseInProgressEvent(_SnapshotEvent):
    """The model is generating the response."""

    type: str = "response.in_progress"


class ResponseCompletedEvent(_SnapshotEvent):
    """Terminal: the response finished; ``response`` has the full output and usage."""

    type: str = "response.completed"


class ResponseFailedEvent(_SnapshotEvent):
    """Terminal: the response failed; ``response.error`` says why."""

    type: str = "response.failed"


class ResponseIncompleteEvent(_SnapshotEvent):
    """Terminal: the response stopped early; ``response.incomplete_details`` says why."""

    type: str = "response.incomplete"


TERMINAL = (ResponseCompletedEvent, ResponseFailedEvent, ResponseIncompleteEvent)
"""The events that end a response."""


class ErrorEvent(Event):
    """An error during streaming, normally followed by ``response.failed``.

    ``code``, ``message`` and ``param`` are read from whichever shape came:
    flat (OpenAI), nested under ``error`` (Open Responses), or the WebSocket
    envelope, which nests it and adds the HTTP ``status``.
    """

    type: str = "error"
    code: str | None = None
    message: str = ""
    param: str | None = None
    error: ErrorDetails | None = None
    status: int | None = None

    @classmethod
    def from_dict(cls: builtins.type[_E], data: Mapping[str, Any]) -> _E:
        event: _E = parser_for(cls)(data)
        nested = event.error
        if isinstance(nested, ErrorDetails):
            for key in _ERROR_KEYS:
                if key not in data:
                    setattr(event, key, getattr(nested, key))
        return event

    def to_dict(self) -> dict[str, Any]:
        # Zero-argument super() fails in slotted dataclasses before Python 3.14.
        out = super().to_dict()
        nested = self.error
        if isinstance(nested, ErrorDetails):
            received = getattr(self, "_raw", {})
            for key in _ERROR_KEYS:
                if key not in received and out.get(key) == getattr(nested, key):
                    out.pop(key, None)
        return out


_ERROR_KEYS = ("code", "message", "param")

# --- output items and content parts -----------------------------------------------------------


class ResponseOutputItemAddedEvent(_OutputItemEvent):
    """An output item starts at ``output_index``; ``item`` is its snapshot so far."""

    type: str = "response.output_item.added"


class ResponseOutputItemDoneEvent(_OutputItemEvent):
    """The output item at ``output_index`` is finished; ``item`` is its final form."""

    type: str = "response.output_item.done"


class ResponseContentPartAddedEvent(_ContentPartEvent):
    """A content part opens at ``content_index`` of item ``item_id``."""

    type: str = "response.content_part.added"


class ResponseContentPartDoneEvent(_ContentPartEvent):
    """A content part is closed; ``part`` has its final content."""

    type: str = "response.content_part.done"


# --- text, refusal and reasoning --------------------------------------------------------------


class ResponseOutputTextDeltaEvent(_ContentDeltaEvent):
    """Text appended to an ``output_text`` part; ``logprobs`` when requested."""

    type: str = "response.output_text.delta"
    logprobs: list[dict[str, Any]] | None = None


class ResponseOutputTextDoneEvent(_ContentTextDoneEvent):
    """An ``output_text`` part is finished; ``text`` is all of it."""

    type: str = "response.output_text.done"
    logprobs: list[dict[str, Any]] | None = None


class ResponseOutputTextAnnotationAddedEvent(_ContentEvent):
    """An annotation, such as a citation, added to an ``output_text`` part."""

    type: str = "response.output_text.annotation.added"
    annotation_index: int | None = None
    annotation: Annotation | None = None


class ResponseRefusalDeltaEvent(_ContentDeltaEvent):
    """Text appended to a ``refusal`` part."""

    type: str = "response.refusal.delta"


class ResponseRefusalDoneEvent(_ContentEvent):
    """A ``refusal`` part is finished; ``refusal`` is all of it."""

    type: str = "response.refusal.done"
    refusal: str = ""


class ResponseReasoningTextDeltaEvent(_ContentDeltaEvent):
    """Raw reasoning text appended to a ``reasoning_text`` part (OpenAI's name)."""

    type: str = "response.reasoning_text.delta"


class ResponseReasoningTextDoneEvent(_ContentTextDoneEvent):
    """A ``reasoning_text`` part is finished; ``text`` is all of it (OpenAI's name)."""

    type: str = "response.reasoning_text.done"


class ResponseReasoningDeltaEvent(ResponseReasoningTextDeltaEvent):
    """Open Responses' name for ``response.reasoning_text.delta``, of which it is a subclass."""

    type: str = "response.reasoning.delta"


class ResponseReasoningDoneEvent(ResponseReasoningTextDoneEvent):
    """Open Responses' name for ``response.reasoning_text.done``, of which it is a subclass."""

    type: str = "response.reasoning.done"


class ResponseReasoningSummaryPartAddedEvent(_SummaryEvent):
    """A reasoning summary part opens at ``summary_index``."""

    type: str = "response.reasoning_summary_part.added"
    part: ContentPart | None = None


class ResponseReasoningSummaryPartDoneEvent(_SummaryEvent):
    """A reasoning summary part is finished; ``status`` is ``"incomplete"`` if cut short."""

    type: str = "response.reasoning_summary_part.done"
    part: ContentPart | None = None
    status: str | None = None


class ResponseReasoningSummaryTextDeltaEvent(_SummaryEvent):
    """Text appended to the reasoning summary part at ``summary_index``."""

    type: str = "response.reasoning_summary_text.delta"
    delta: str = ""
    obfuscation: str | None = None


class ResponseReasoningSummaryTextDoneEvent(_SummaryEvent):
    """A reasoning summary part's text is finished; ``text`` is all of it."""

    type: str = "response.reasoning_summary_text.done"
    text: str = ""


# --- calls: function, custom tool, MCP, code interpreter, apply_patch -------------------------


class ResponseFunctionCallArgumentsDeltaEvent(_ItemDeltaEvent):
    """A fragment of a ``function_call`` item's JSON ``arguments``."""

    type: str = "response.function_call_arguments.delta"


class ResponseFunctionCallArgumentsDoneEvent(_ItemEvent):
    """A function call's ``arguments`` are complete; OpenAI adds the function's ``name``."""

    type: str = "response.function_call_arguments.done"
    arguments: str = ""
    name: str | None = None


class ResponseCustomToolCallInputDeltaEvent(_ItemDeltaEvent):
    """A fragment of a ``custom_tool_call`` item's free-form ``input``."""

    type: str = "response.custom_tool_call_input.delta"


class ResponseCustomToolCallInputDoneEvent(_ItemEvent):
    """A custom tool call's ``input`` is complete."""

    type: str = "response.custom_tool_call_input.done"
    input: str = ""


class ResponseMcpCallArgumentsDeltaEvent(_ItemDeltaEvent):
    """A fragment of an ``mcp_call`` item's JSON ``arguments``."""

    type: str = "response.mcp_call_arguments.delta"


class ResponseMcpCallArgumentsDoneEvent(_ItemEvent):
    """An MCP call's ``arguments`` are complete."""

    type: str = "response.mcp_call_arguments.done"
    arguments: str = ""


class ResponseCodeInterpreterCallCodeDeltaEvent(_ItemDeltaEvent):
    """A fragment of the code a ``code_interpreter_call`` will run."""

    type: str = "response.code_interpreter_call_code.delta"


class ResponseCodeInterpreterCallCodeDoneEvent(_ItemEvent):
    """The code of a ``code_interpreter_call`` is complete."""

    type: str = "response.code_interpreter_call_code.done"
    code: str = ""


class ResponseApplyPatchCallOperationDiffDeltaEvent(_ItemDeltaEvent):
    """A fragment of the diff of an ``apply_patch_call`` item's operation."""

    type: str = "response.apply_patch_call_operation_diff.delta"


class ResponseApplyPatchCallOperationDiffDoneEvent(_ItemEvent):
    """The diff of an ``apply_patch_call`` item's operation is complete."""

    type: str = "response.apply_patch_call_operation_diff.done"
    diff: str = ""


# --- shell calls ------------------------------------------------------------------------------


class ResponseShellCallCommandAddedEvent(_ShellCommandEvent):
    """A command is added to a shell call at ``command_index``."""

    type: str = "response.shell_call_command.added"
    command: str = ""


class ResponseShellCallCommandDeltaEvent(_ShellCommandEvent):
    """Text appended to the shell command at ``command_index``."""

    type: str = "response.shell_call_command.delta"
    delta: str = ""
    obfuscation: str | None = None


class ResponseShellCallCommandDoneEvent(_ShellCommandEvent):
    """The shell command at ``command_index`` is complete."""

    type: str = "response.shell_call_command.done"
    command: str = ""


class ResponseShellCallOutputContentDeltaEvent(_ItemEvent):
    """A fragment of a command's output: ``delta`` has ``stdout`` and/or ``stderr``."""

    type: str = "response.shell_call_output_content.delta"
    command_index: int | None = None
    delta: dict[str, Any] | None = None


class ResponseShellCallOutputContentDoneEvent(_ItemEvent):
    """A command's output is complete; each chunk in ``output`` has an ``outcome``."""

    type: str = "response.shell_call_output_content.done"
    command_index: int | None = None
    output: list[dict[str, Any]] = field(default_factory=list)


# --- hosted tools: progress of an item --------------------------------------------------------


class ResponseFileSearchCallInProgressEvent(_ItemEvent):
    """A ``file_search_call`` item started."""

    type: str = "response.file_search_call.in_progress"


class ResponseFileSearchCallSearchingEvent(_ItemEvent):
    """The file search is running."""

    type: str = "response.file_search_call.searching"


class ResponseFileSearchCallCompletedEvent(_ItemEvent):
    """The file search finished; its results come with ``output_item.done``."""

    type: str = "response.file_search_call.completed"


class ResponseWebSearchCallInProgressEvent(_ItemEvent):
    """A ``web_search_call`` item started."""

    type: str = "response.web_search_call.in_progress"


class ResponseWebSearchCallSearchingEvent(_ItemEvent):
    """The web search is running."""

    type: str = "response.web_search_call.searching"


class ResponseWebSearchCallCompletedEvent(_ItemEvent):
    """The web search finished."""

    type: str = "response.web_search_call.completed"


class ResponseCodeInterpreterCallInProgressEvent(_ItemEvent):
    """A ``code_interpreter_call`` item started."""

    type: str = "response.code_interpreter_call.in_progress"


class ResponseCodeInterpreterCallInterpretingEvent(_ItemEvent):
    """The code interpreter is running the code."""

    type: str = "response.code_interpreter_call.interpreting"


class ResponseCodeInterpreterCallCompletedEvent(_ItemEvent):
    """The code interpreter call finished."""

    type: str = "response.code_interpreter_call.completed"


class ResponseImageGenerationCallInProgressEvent(_ItemEvent):
    """An ``image_generation_call`` item started."""

    type: str = "response.image_generation_call.in_progress"


class ResponseImageGenerationCallGeneratingEvent(_ItemEvent):
    """The image is being generated."""

    type: str = "response.image_generation_call.generating"


class ResponseImageGenerationCallPartialImageEvent(_ItemEvent):
    """A progressive image, base64, numbered ``partial_image_index``."""

    type: str = "response.image_generation_call.partial_image"
    partial_image_b64: str = ""
    partial_image_index: int | None = None
    background: str | None = None
    output_format: str | None = None
    quality: str | None = None
    size: str | None = None


class ResponseImageGenerationCallCompletedEvent(_ItemEvent):
    """The image is generated; it is the item's ``result``."""

    type: str = "response.image_generation_call.completed"


class ResponseMcpListToolsInProgressEvent(_ItemEvent):
    """Listing the tools of a remote MCP server started."""

    type: str = "response.mcp_list_tools.in_progress"


class ResponseMcpListToolsCompletedEvent(_ItemEvent):
    """Listing the tools of a remote MCP server succeeded."""

    type: str = "response.mcp_list_tools.completed"


class ResponseMcpListToolsFailedEvent(_ItemEvent):
    """Listing the tools of a remote MCP server failed."""

    type: str = "response.mcp_list_tools.failed"


class ResponseMcpCallInProgressEvent(_ItemEvent):
    """A call of a remote MCP tool is in progress."""

    type: str = "response.mcp_call.in_progress"


class ResponseMcpCallCompletedEvent(_ItemEvent):
    """A call of a remote MCP tool succeeded."""

    type: str = "response.mcp_call.completed"


class ResponseMcpCallFailedEvent(_ItemEvent):
    """A call of a remote MCP tool failed."""

    type: str = "response.mcp_call.failed"


class ResponseCompactionCompactingEvent(_ItemEvent):
    """A ``compaction`` item is being written."""

    type: str = "response.compaction.compacting"


# --- audio and housekeeping -------------------------------------------------------------------


class ResponseAudioDeltaEvent(Event):
    """A chunk of audio output, base64."""

    type: str = "response.audio.delta"
    delta: str = ""
    obfuscation: str | None = None


class ResponseAudioDoneEvent(Event):
    """The audio output is complete."""

    type: str = "response.audio.done"


class ResponseAudioTranscriptDeltaEvent(Event):
    """Text appended to the transcript of the audio output."""

    type: str = "response.audio.transcript.delta"
    delta: str = ""
    obfuscation: str | None = None


class ResponseAudioTranscriptDoneEvent(Event):
    """The transcript of the audio output is complete."""

    type: str = "response.audio.transcript.done"


class ResponseRateLimitsUpdatedEvent(Event):
    """The rate limits now in force; OpenAI sends it after the terminal event too."""

    type: str = "response.rate_limits.updated"
    rate_limits: list[dict[str, Any]] | None = None


class ResponseKeepAliveEvent(Event):
    """Sent while the server has nothing else to send, to keep the connection open."""

    type: str = "response.keep_alive"


# --- steering, in WebSocket mode (OpenAI) -----------------------------------------------------


class SteerSubmission(JSONObject):
    """Steering input as the server names it back: its ``id`` (once it has one), the
    response it steers, and (when it failed) the ``input`` itself, not committed."""

    id: str | None = None
    previous_response_id: str = ""
    input: str | list[dict[str, Any]] | None = None


class _SteerEvent(Event):
    """An answer to ``response.steer``; ``stream_id`` names the lane, if it had one."""

    steer: SteerSubmission | None = None
    stream_id: str | None = None


class ResponseSteerAcceptedEvent(_SteerEvent):
    """The server queued the steering input; the successor's ``response.created``, not
    this, is when it is applied."""

    type: str = "response.steer.accepted"


class ResponseSteerPendingEvent(_SteerEvent):
    """The steered response completed waiting for input only the client has (``reason``,
    ``required_input``: tool results or approvals); the steering input stays queued for
    the ``response.create`` that supplies them."""

    type: str = "response.steer.pending"
    reason: str | None = None
    required_input: list[dict[str, Any]] | None = None


class ResponseSteerFailedEvent(_SteerEvent):
    """The steering input was refused or could not be committed; ``steer.input`` gives
    it back, ``error`` says why (``response_not_active``, ``invalid_input``, …)."""

    type: str = "response.steer.failed"
    error: ErrorDetails | None = None


# --- parsing ----------------------------------------------------------------------------------

EVENT_CLASSES: dict[str, type[Event]] = {
    type_default(cls): cls
    for name, cls in list(globals().items())
    if name.endswith("Event") and not name.startswith("_") and name not in ("Event", "UnknownEvent")
}
"""Every known event type and its class."""

register_variants(Event, UnknownEvent, list(EVENT_CLASSES.values()))

# The official SDK's names (openai.types.responses) for the seven classes whose names here
# follow their event types, so that code importing them needs only its import changed.
ResponseErrorEvent = ErrorEvent
ResponseImageGenCallCompletedEvent = ResponseImageGenerationCallCompletedEvent
ResponseImageGenCallGeneratingEvent = ResponseImageGenerationCallGeneratingEvent
ResponseImageGenCallInProgressEvent = ResponseImageGenerationCallInProgressEvent
ResponseImageGenCallPartialImageEvent = ResponseImageGenerationCallPartialImageEvent
ResponseTextDeltaEvent = ResponseOutputTextDeltaEvent
ResponseTextDoneEvent = ResponseOutputTextDoneEvent
# ... and of the output item base, as openai.types.responses / openai.types.beta name it.
ResponseOutputItem = OutputItem
BetaResponseOutputItem = OutputItem

_PARAMS = frozenset({
    "EasyInputMessageParam", "FunctionCallOutputParam", "FunctionToolParam",
    "ResponseInputItemParam", "ResponseInputParam", "ToolChoiceFunctionParam",
    "ToolChoiceOptions", "ToolParam",
})  # fmt: skip
"""The request-parameter types (``TypedDict``s), loaded from ``_model.params`` when first used."""


def __getattr__(name: str) -> Any:
    if name in _PARAMS:
        from ._model import params as _params

        return getattr(_params, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SNIPPET = 200
_parsers: dict[str, Parser] = {}


def parse_event(payload: Mapping[str, Any]) -> Event:
    """The typed event for a decoded JSON event payload.

    Never fails on content: an unknown type gives ``UnknownEvent``, unknown
    fields are kept, missing ones read as their defaults, values of an
    unexpected JSON type are kept as they came. Raises ``EventParseError``
    only when ``payload`` is not a JSON object or has no string ``type``.
    """
    try:
        parse = _parsers[payload["type"]]
    except (KeyError, TypeError):
        return _parse_first_of_its_type(payload)
    event: Event = parse(payload)
    return event


def _parse_first_of_its_type(payload: Any) -> Event:
    """``parse_event`` for a type not seen yet, or a payload that is no event at all."""
    if not isinstance(payload, Mapping):
        raise EventParseError(
            f"event payload is a JSON {_json_kind(payload)}, not an object",
            snippet=_snippet(payload),
        )
    kind = payload.get("type")
    if not isinstance(kind, str):
        raise EventParseError("event payload has no string 'type'", snippet=_snippet(payload))
    cls = EVENT_CLASSES.get(kind)
    if cls is None:  # not remembered: a hostile stream could send endless new types
        return UnknownEvent.from_dict(payload)
    parse = cls.from_dict if cls is ErrorEvent else parser_for(cls)
    _parsers[kind] = parse
    event: Event = parse(payload)
    return event


def _json_kind(value: Any) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _snippet(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"
