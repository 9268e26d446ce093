# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The typed ``Response`` and what it holds: output items, content parts,
annotations, usage and errors.

Fields follow the OpenAI API and the Open Responses specification together;
defaults follow the rule in ``_model.typed``. Each polymorphic family has a base
class (``OutputItem``, ``ContentPart``, ``Annotation``) and a generic member
for types it does not know (``UnknownItem``, ``UnknownPart``,
``UnknownAnnotation``) that keeps the ``type`` and, through ``to_dict()``,
every field. Class names come from the ``type``: ``function_call`` ->
``FunctionCallItem``, ``output_text`` -> ``OutputTextPart``,
``url_citation`` -> ``UrlCitationAnnotation``. Lists and objects this module
does not type (tool definitions, actions, logprobs) stay plain JSON values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

from ._model.typed import JSONObject, field, register_variants

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeGuard

ParsedT = TypeVar("ParsedT")
"""The type a structured answer is parsed into: ``parse(text_format=ParsedT)``."""

# --- multi-agent responses (beta) -------------------------------------------------------------


class AgentRef(JSONObject):
    """The agent of a multi-agent response that produced an item or an event."""

    agent_name: str = ""


def agent_of(obj: JSONObject) -> AgentRef | None:
    """The ``agent`` an object came with, typed; ``None`` when it names none. Read from
    the JSON as received, so objects without one pay nothing to be parsed."""
    received = getattr(obj, "_raw", None)
    value = received.get("agent") if isinstance(received, Mapping) else None
    return AgentRef.from_dict(value) if isinstance(value, Mapping) else None


# --- annotations ------------------------------------------------------------------------------


class Annotation(JSONObject):
    """An annotation on output text, such as a citation; subclasses by ``type``."""

    type: str = ""


class UrlCitationAnnotation(Annotation):
    """A citation of a web page, spanning ``start_index:end_index`` of the text."""

    type: str = "url_citation"
    url: str = ""
    title: str = ""
    start_index: int | None = None
    end_index: int | None = None


class FileCitationAnnotation(Annotation):
    """A citation of an uploaded file at ``index`` in the text."""

    type: str = "file_citation"
    file_id: str = ""
    filename: str | None = None
    index: int | None = None


class ContainerFileCitationAnnotation(Annotation):
    """A citation of a file in a code-interpreter container."""

    type: str = "container_file_citation"
    container_id: str = ""
    file_id: str = ""
    filename: str | None = None
    start_index: int | None = None
    end_index: int | None = None


class FilePathAnnotation(Annotation):
    """A path to a file the model produced, at ``index`` in the text."""

    type: str = "file_path"
    file_id: str = ""
    index: int | None = None


class UnknownAnnotation(Annotation):
    """An annotation of a type this version does not know; ``to_dict()`` has it all."""


# --- content parts ----------------------------------------------------------------------------


class ContentPart(JSONObject):
    """A part of an item's content or of a reasoning summary; subclasses by ``type``."""

    type: str = ""


class OutputTextPart(ContentPart):
    """Text the model wrote, with its citations; ``logprobs`` when requested."""

    type: str = "output_text"
    text: str = ""
    annotations: list[Annotation] = field(default_factory=list)
    logprobs: list[dict[str, Any]] | None = None


class RefusalPart(ContentPart):
    """The model's refusal to answer."""

    type: str = "refusal"
    refusal: str = ""


class ReasoningTextPart(ContentPart):
    """Raw reasoning text, in a reasoning item's ``content``."""

    type: str = "reasoning_text"
    text: str = ""


class SummaryTextPart(ContentPart):
    """A reasoning summary, in a reasoning item's ``summary``."""

    type: str = "summary_text"
    text: str = ""


class TextPart(ContentPart):
    """Plain text (Open Responses)."""

    type: str = "text"
    text: str = ""


class InputTextPart(ContentPart):
    """Text given as input."""

    type: str = "input_text"
    text: str = ""


class InputImagePart(ContentPart):
    """An image given as input, by URL or file id."""

    type: str = "input_image"
    image_url: str | None = None
    file_id: str | None = None
    detail: str | None = None


class InputFilePart(ContentPart):
    """A file given as input."""

    type: str = "input_file"
    file_id: str | None = None
    file_url: str | None = None
    filename: str | None = None
    file_data: str | None = None


class UnknownPart(ContentPart):
    """A content part of a type this version does not know; ``to_dict()`` has it all."""


# --- output items -----------------------------------------------------------------------------


class OutputItem(JSONObject):
    """An item of a response's ``output``; subclasses by ``type``. ``agent`` names the
    agent that produced it in a multi-agent response (beta), else it is ``None``."""

    type: str = ""
    id: str | None = None
    status: str | None = None

    @property
    def agent(self) -> AgentRef | None:
        return agent_of(self)


class MessageItem(OutputItem):
    """A message: ``output_text`` and ``refusal`` parts; ``phase`` when the model sets it."""

    type: str = "message"
    role: str = ""
    content: list[ContentPart] = field(default_factory=list)
    phase: str | None = None


class FunctionCallItem(OutputItem):
    """A call of one of your functions; ``arguments`` is a JSON string."""

    type: str = "function_call"
    call_id: str = ""
    name: str = ""
    arguments: str = ""
    namespace: str | None = None


class FunctionCallOutputItem(OutputItem):
    """The output of a function call."""

    type: str = "function_call_output"
    call_id: str | None = None
    output: str | list[Any] = ""


class ReasoningItem(OutputItem):
    """The model's reasoning: summary parts, raw reasoning text, or encrypted content."""

    type: str = "reasoning"
    summary: list[ContentPart] = field(default_factory=list)
    content: list[ContentPart] | None = None
    encrypted_content: str | None = None


class WebSearchCallItem(OutputItem):
    """A hosted web search; ``action`` says what it searched or opened."""

    type: str = "web_search_call"
    action: dict[str, Any] | None = None


class FileSearchCallItem(OutputItem):
    """A hosted file search and, when included, its results."""

    type: str = "file_search_call"
    queries: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] | None = None


class CodeInterpreterCallItem(OutputItem):
    """Code run by the hosted code interpreter, and its outputs."""

    type: str = "code_interpreter_call"
    container_id: str = ""
    code: str | None = None
    outputs: list[dict[str, Any]] | None = None


class ImageGenerationCallItem(OutputItem):
    """A hosted image generation; ``result`` is the base64 image."""

    type: str = "image_generation_call"
    result: str | None = None
    revised_prompt: str | None = None
    background: str | None = None
    output_format: str | None = None
    quality: str | None = None
    size: str | None = None


class McpListToolsItem(OutputItem):
    """The tools a remote MCP server offers."""

    type: str = "mcp_list_tools"
    server_label: str = ""
    tools: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


class McpCallItem(OutputItem):
    """A call of a tool on a remote MCP server; ``arguments`` is a JSON string."""

    type: str = "mcp_call"
    server_label: str = ""
    name: str = ""
    arguments: str = ""
    output: str | None = None
    error: str | dict[str, Any] | None = None
    approval_request_id: str | None = None


class McpApprovalRequestItem(OutputItem):
    """A request for your approval before an MCP tool is called."""

    type: str = "mcp_approval_request"
    server_label: str = ""
    name: str = ""
    arguments: str = ""


class McpApprovalResponseItem(OutputItem):
    """Your answer to an MCP approval request."""

    type: str = "mcp_approval_response"
    approval_request_id: str = ""
    approve: bool | None = None
    reason: str | None = None


class CustomToolCallItem(OutputItem):
    """A call of a custom tool with free-form ``input``."""

    type: str = "custom_tool_call"
    call_id: str = ""
    name: str = ""
    input: str = ""
    namespace: str | None = None


class CustomToolCallOutputItem(OutputItem):
    """The output of a custom tool call."""

    type: str = "custom_tool_call_output"
    call_id: str = ""
    output: str | list[Any] = ""


class LocalShellCallItem(OutputItem):
    """A command for you to run in a local shell; ``action`` holds it."""

    type: str = "local_shell_call"
    call_id: str = ""
    action: dict[str, Any] | None = None


class LocalShellCallOutputItem(OutputItem):
    """The output of a local shell call."""

    type: str = "local_shell_call_output"
    output: str = ""


class ShellCallItem(OutputItem):
    """Commands for a shell, hosted or yours; ``action`` holds them."""

    type: str = "shell_call"
    call_id: str = ""
    action: dict[str, Any] | None = None
    environment: dict[str, Any] | None = None


class ShellCallOutputItem(OutputItem):
    """The output of a shell call, one chunk per command."""

    type: str = "shell_call_output"
    call_id: str = ""
    output: list[dict[str, Any]] = field(default_factory=list)
    max_output_length: int | None = None


class ApplyPatchCallItem(OutputItem):
    """A file operation for you to apply; ``operation`` holds it and its diff."""

    type: str = "apply_patch_call"
    call_id: str = ""
    operation: dict[str, Any] | None = None


class ApplyPatchCallOutputItem(OutputItem):
    """The result of applying a patch."""

    type: str = "apply_patch_call_output"
    call_id: str = ""
    output: str | None = None


class ComputerCallItem(OutputItem):
    """An action for you to perform on a computer."""

    type: str = "computer_call"
    call_id: str = ""
    action: dict[str, Any] | None = None
    actions: list[dict[str, Any]] | None = None
    pending_safety_checks: list[dict[str, Any]] = field(default_factory=list)


class ComputerCallOutputItem(OutputItem):
    """A screenshot taken after a computer action."""

    type: str = "computer_call_output"
    call_id: str = ""
    output: dict[str, Any] | None = None
    acknowledged_safety_checks: list[dict[str, Any]] | None = None


class ToolSearchCallItem(OutputItem):
    """A search for tools to load; ``arguments`` is what the model searched for."""

    type: str = "tool_search_call"
    call_id: str | None = None
    arguments: Any = None
    execution: str | None = None


class ToolSearchOutputItem(OutputItem):
    """The tools a tool search found."""

    type: str = "tool_search_output"
    call_id: str | None = None
    execution: str | None = None
    tools: list[dict[str, Any]] = field(default_factory=list)


class CompactionItem(OutputItem):
    """A compacted, encrypted summary of the conversation so far."""

    type: str = "compaction"
    encrypted_content: str = ""
    created_by: str | None = None


class UnknownItem(OutputItem):
    """An output item of a type this version does not know; ``to_dict()`` has it all."""


# --- the response -----------------------------------------------------------------------------


class InputTokensDetails(JSONObject):
    """How many input tokens came from the prompt cache, or were written to it."""

    cached_tokens: int | None = None
    cache_write_tokens: int | None = None


class OutputTokensDetails(JSONObject):
    """How many output tokens were spent on reasoning."""

    reasoning_tokens: int | None = None


class Usage(JSONObject):
    """Token counts of a response."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    input_tokens_details: InputTokensDetails | None = None
    output_tokens_details: OutputTokensDetails | None = None


class ErrorDetails(JSONObject):
    """An error object: a failed response's ``error``, or an ``error`` event's nested one."""

    code: str | None = None
    message: str = ""
    type: str | None = None
    param: str | None = None


class IncompleteDetails(JSONObject):
    """Why a response is incomplete, such as ``max_output_tokens``."""

    reason: str | None = None


class _Answered(JSONObject):
    """What an HTTP response gives back whole: it keeps that response's request id,
    ``_request_id`` (as the SDK names it)."""

    __slots__ = ("_answer_request_id",)
    _answer_request_id: str | None = field(init=False, default=None)

    @property
    def _request_id(self) -> str | None:
        return getattr(self, "_answer_request_id", None)

    def _came_with(self, request_id: str | None) -> None:
        self._answer_request_id = request_id


class Response(_Answered):
    """A response: its status, output items, usage and the settings it ran with.

    ``created_at`` and ``completed_at`` are Unix times in seconds.
    ``instructions`` is a string or a list of input items. ``_request_id`` is the
    ``x-request-id`` of the HTTP response it came in whole (as the SDK names it).
    """

    id: str = ""
    object: str = ""
    status: str | None = None
    model: str = ""
    created_at: float | None = None
    completed_at: float | None = None
    output: list[OutputItem] = field(default_factory=list)
    usage: Usage | None = None
    error: ErrorDetails | None = None
    incomplete_details: IncompleteDetails | None = None
    instructions: str | list[Any] | None = None
    metadata: dict[str, Any] | None = None
    previous_response_id: str | None = None
    conversation: dict[str, Any] | None = None
    background: bool | None = None
    store: bool | None = None
    service_tier: str | None = None
    tools: list[dict[str, Any]] = field(default_factory=list)
    tool_choice: str | dict[str, Any] | None = None
    parallel_tool_calls: bool | None = None
    max_output_tokens: int | None = None
    max_tool_calls: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_logprobs: int | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    reasoning: dict[str, Any] | None = None
    text: dict[str, Any] | None = None
    truncation: str | None = None
    prompt: dict[str, Any] | None = None
    prompt_cache_key: str | None = None
    prompt_cache_retention: str | None = None
    safety_identifier: str | None = None
    user: str | None = None

    @property
    def output_text(self) -> str:
        """All the text of the output's messages, joined."""
        if not isinstance(self.output, list):
            return ""
        return "".join(
            part.text
            for item in self.output
            if isinstance(item, MessageItem) and isinstance(item.content, list)
            for part in item.content
            if isinstance(part, OutputTextPart) and isinstance(part.text, str)
        )


class ParsedResponse(Response, Generic[ParsedT]):
    """What ``client.responses.parse(text_format=T, ...)`` answers (and a ``stream()``'s
    ``get_final_response()``): a ``Response`` whose final answer's ``output_text``
    parts are ``ParsedOutputTextPart``, each with its ``parsed`` value, and whose
    function calls are ``ParsedFunctionCallItem``, with ``parsed_arguments``.

    A message the model marks as ``commentary`` (its ``phase``) is not the final
    answer and is not parsed. ``output_parsed`` is the first parsed value, ``None``
    when the model refused (``refusal`` says why) or wrote no answer.
    """

    __slots__ = ()

    @property
    def output_parsed(self) -> ParsedT | None:
        """The answer, parsed into the type asked for; ``None`` if there is none."""
        for part in self._answer_parts():
            if isinstance(part, ParsedOutputTextPart) and part.parsed is not None:
                parsed: ParsedT = part.parsed
                return parsed
        return None

    @property
    def refusal(self) -> str | None:
        """The model's refusal to answer, when the answer is one."""
        for part in self._answer_parts():
            if isinstance(part, RefusalPart) and isinstance(part.refusal, str):
                return part.refusal
        return None

    def _answer_parts(self) -> list[ContentPart]:
        output = self.output if isinstance(self.output, list) else []
        return [
            part
            for item in output
            if is_final_answer(item) and isinstance(item.content, list)
            for part in item.content
        ]


def is_final_answer(item: OutputItem) -> TypeGuard[MessageItem]:
    """Whether ``item`` is a message of the final answer, not ``commentary`` on the way."""
    return isinstance(item, MessageItem) and item.phase in (None, "final_answer")


class ParsedOutputTextPart(OutputTextPart, Generic[ParsedT]):
    """An ``output_text`` part of a final answer, ``parsed`` into the type asked for
    (``None`` when none was)."""

    __slots__ = ("_parsed",)

    _parsed: ParsedT | None = field(init=False, default=None)

    @property
    def parsed(self) -> ParsedT | None:
        parsed: ParsedT | None = getattr(self, "_parsed", None)
        return parsed

    def __repr__(self) -> str:
        return f"{OutputTextPart.__repr__(self)[:-1]}, parsed={self.parsed!r})"


class ParsedFunctionCallItem(FunctionCallItem):
    """A function call, its arguments parsed (``parsed_arguments``) for a tool built by
    ``function_tool`` (what it builds: the keyword arguments, or an instance of the
    type), a pydantic model's tool (an instance of it), or another strict function tool
    (the JSON value); ``None`` for other tools."""

    __slots__ = ("_parsed_arguments",)
    _parsed_arguments: Any = field(init=False, default=None)

    @property
    def parsed_arguments(self) -> Any:
        return getattr(self, "_parsed_arguments", None)

    def __repr__(self) -> str:
        return (
            f"{FunctionCallItem.__repr__(self)[:-1]}, parsed_arguments={self.parsed_arguments!r})"
        )


class InputTokens(_Answered):
    """What ``client.responses.input_tokens.count(...)`` answers: the tokens a request's
    input would take (``object`` is ``response.input_tokens``)."""

    object: str = ""
    input_tokens: int | None = None


class Compaction(_Answered):
    """What ``client.responses.compact(...)`` answers: the conversation compacted into
    output items (a ``compaction`` item among them) to send as the next input."""

    id: str = ""
    object: str = ""
    created_at: float | None = None
    output: list[OutputItem] = field(default_factory=list)
    usage: Usage | None = None


class ItemPage(_Answered):
    """One page of a response's input items (``client.responses.input_items.list``):
    ``data`` in the order asked for, ``has_more`` when another page follows."""

    object: str = ""
    data: list[OutputItem] = field(default_factory=list)
    first_id: str | None = None
    last_id: str | None = None
    has_more: bool | None = None

    @property
    def next_after(self) -> str | None:
        """The ``after`` that asks for the next page; ``None`` when this is the last."""
        if self.has_more is True and isinstance(self.last_id, str) and self.last_id:
            return self.last_id
        return None


register_variants(
    Annotation,
    UnknownAnnotation,
    [
        UrlCitationAnnotation,
        FileCitationAnnotation,
        ContainerFileCitationAnnotation,
        FilePathAnnotation,
    ],
)
register_variants(
    ContentPart,
    UnknownPart,
    [
        OutputTextPart,
        RefusalPart,
        ReasoningTextPart,
        SummaryTextPart,
        TextPart,
        InputTextPart,
        InputImagePart,
        InputFilePart,
    ],
)
register_variants(
    OutputItem,
    UnknownItem,
    [
        MessageItem,
        FunctionCallItem,
        FunctionCallOutputItem,
        ReasoningItem,
        WebSearchCallItem,
        FileSearchCallItem,
        CodeInterpreterCallItem,
        ImageGenerationCallItem,
        McpListToolsItem,
        McpCallItem,
        McpApprovalRequestItem,
        McpApprovalResponseItem,
        CustomToolCallItem,
        CustomToolCallOutputItem,
        LocalShellCallItem,
        LocalShellCallOutputItem,
        ShellCallItem,
        ShellCallOutputItem,
        ApplyPatchCallItem,
        ApplyPatchCallOutputItem,
        ComputerCallItem,
        ComputerCallOutputItem,
        ToolSearchCallItem,
        ToolSearchOutputItem,
        CompactionItem,
    ],
)
