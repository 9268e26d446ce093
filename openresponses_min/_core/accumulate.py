# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Rebuilding the response from its events, without touching a socket.

``ResponseAccumulator.add(event)`` takes each typed event in order;
``.response`` is the ``Response`` as it stands. Items are placed by
``output_index`` (by ``item_id`` when the index is missing or points at
another kind of item); text, refusals, reasoning, summaries, function-call
and MCP arguments, custom-tool input and interpreter code grow from their
deltas, and ``.done`` events and item snapshots replace what they cover.
The server's snapshots (``response.created``, ``queued``, ``in_progress``,
``completed``, ``failed``, ``incomplete``) are adopted as they come, keeping
the rebuilt output when a snapshot has none. Missing ``.done`` events,
items that were never announced, rotating ids and unknown events are all
survived. Deltas are gathered as UTF-8 in one growing buffer per field, not
kept as a string object each, and decoded when ``.response`` is read, so a
long stream costs linear time and about a byte a character; a UTF-16
surrogate pair split between two deltas (as JavaScript servers cut text) is
joined into its character. A delta that is not a string adds nothing; a
field that holds something other than a string when its deltas come is
started afresh by them.

The terminal event (completed, failed, incomplete) makes the response final:
events after it change nothing. Events are never changed: items and parts
are copied before they grow.
"""

from __future__ import annotations

import json

from .._model.record import Frozen
from .._model.typed import JSONObject
from ..errors import OpenResponsesError
from ..events import (
    TERMINAL,
    ErrorEvent,
    Event,
    ResponseCodeInterpreterCallCodeDeltaEvent,
    ResponseCodeInterpreterCallCodeDoneEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseCustomToolCallInputDeltaEvent,
    ResponseCustomToolCallInputDoneEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionCallArgumentsDoneEvent,
    ResponseInProgressEvent,
    ResponseMcpCallArgumentsDeltaEvent,
    ResponseMcpCallArgumentsDoneEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputTextAnnotationAddedEvent,
    ResponseOutputTextDeltaEvent,
    ResponseOutputTextDoneEvent,
    ResponseQueuedEvent,
    ResponseReasoningDeltaEvent,
    ResponseReasoningDoneEvent,
    ResponseReasoningSummaryPartAddedEvent,
    ResponseReasoningSummaryPartDoneEvent,
    ResponseReasoningSummaryTextDeltaEvent,
    ResponseReasoningSummaryTextDoneEvent,
    ResponseReasoningTextDeltaEvent,
    ResponseReasoningTextDoneEvent,
    ResponseRefusalDeltaEvent,
    ResponseRefusalDoneEvent,
)
from ..response import (
    Annotation,
    CodeInterpreterCallItem,
    ContentPart,
    CustomToolCallItem,
    FunctionCallItem,
    McpCallItem,
    MessageItem,
    OutputItem,
    OutputTextPart,
    ReasoningItem,
    ReasoningTextPart,
    RefusalPart,
    Response,
    SummaryTextPart,
)
from .text import has_surrogates, join_surrogates

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    _I = TypeVar("_I", bound=OutputItem)
    _P = TypeVar("_P", bound=ContentPart)


class FunctionArgumentsError(OpenResponsesError, ValueError):
    """A function call's ``arguments`` are not valid JSON; ``call`` is the item."""

    def __init__(self, call: FunctionCallItem, reason: str) -> None:
        super().__init__(
            f"arguments of function call {call.name!r} ({call.call_id}) are not valid JSON: "
            f"{reason}: {str(call.arguments)[:200]!r}"
        )
        self.call = call


class FunctionCall(Frozen):
    """A function the model asked to call, its ``arguments`` parsed from JSON."""

    call_id: str
    name: str
    arguments: Any
    item: FunctionCallItem


def function_calls(response: Response) -> list[FunctionCall]:
    """The response's function calls, in order, ``arguments`` parsed from their JSON
    string. Arguments that came as another JSON value (an object, as some compatible
    servers send) are taken as already parsed; none at all read as ``{}``.
    ``FunctionArgumentsError`` names a call whose arguments string is not JSON."""
    output = response.output if isinstance(response.output, list) else []
    return [
        FunctionCall(item.call_id, item.name, _arguments(item), item)
        for item in output
        if isinstance(item, FunctionCallItem)
    ]


def _arguments(call: FunctionCallItem) -> Any:
    arguments = call.arguments
    if arguments is None or arguments == "":
        return {}
    if not isinstance(arguments, str):
        return arguments
    try:
        return json.loads(arguments)
    except (ValueError, RecursionError) as exc:
        raise FunctionArgumentsError(call, str(exc)) from None


class ResponseAccumulator:
    """The response rebuilt from its events; see the module docstring.

    ``terminal`` is the event that ended the response (completed, failed or
    incomplete), ``error`` the last ``error`` event before it; both ``None``
    until then.
    """

    def __init__(self) -> None:
        self._response = Response()
        self._items: dict[int, OutputItem] = {}
        self._by_id: dict[str, int] = {}
        # (id(target), field) -> (target, field, UTF-8): deltas not yet joined.
        self._pending: dict[tuple[int, str], tuple[JSONObject, str, bytearray]] = {}
        # Where the last delta was written, under (event class, output index, item id, part
        # index): a run of deltas to one part skips the lookups. Any other event forgets it.
        self._last_delta: tuple[tuple[Any, ...], bytearray] | None = None
        self.terminal: Event | None = None
        self.error: ErrorEvent | None = None

    @property
    def response(self) -> Response:
        self._last_delta = None
        for target, name, text in self._pending.values():
            grown = getattr(target, name)
            setattr(target, name, _joined(grown if isinstance(grown, str) else "", text))
        self._pending.clear()
        self._response.output = [self._items[index] for index in sorted(self._items)]
        return self._response

    @property
    def output_text(self) -> str:
        return self.response.output_text

    def function_calls(self) -> list[FunctionCall]:
        return function_calls(self.response)

    def add(self, event: Event) -> None:
        handle = _HANDLERS.get(type(event))
        if handle is not None and self.terminal is None:
            if handle.__name__ != "on_delta":
                self._last_delta = None
            handle(self, event)

    # --- snapshots and items --------------------------------------------------------------------

    def _snapshot(self, event: Any) -> None:
        snapshot = event.response
        if not isinstance(snapshot, Response):
            return
        adopted = snapshot.copy()
        if isinstance(adopted.output, list) and adopted.output:
            self._pending.clear()
            self._items, self._by_id = {}, {}
            for index, item in enumerate(adopted.output):
                if isinstance(item, OutputItem):  # a value of another JSON type is no item
                    self._place(index, item)
        self._response = adopted
        if isinstance(event, TERMINAL):
            self.terminal = event

    def _error(self, event: Any) -> None:
        self.error = event

    def _item_event(self, event: Any) -> None:
        if isinstance(event.item, OutputItem):
            self._place(event.output_index, event.item.copy())

    def _place(self, index: Any, item: OutputItem) -> None:
        if not isinstance(index, int):  # after every item so far, or where its id was
            index = self._by_id.get(item.id or "", max(self._items, default=-1) + 1)
        self._items[index] = item
        if isinstance(item.id, str):
            self._by_id[item.id] = index

    def _item(self, event: Any, cls: type[_I], make: type[OutputItem] | None = None) -> _I:
        """The ``cls`` item an event is about; a ``make`` (else ``cls``) item is made up
        when none was announced."""
        index = event.output_index
        item = self._items.get(index) if isinstance(index, int) else None
        if not isinstance(item, cls):
            by_id = self._by_id.get(getattr(event, "item_id", "") or "")
            item = self._items.get(by_id) if by_id is not None else None
        if isinstance(item, cls):
            return item
        made = (make or cls)(id=getattr(event, "item_id", None) or None, status="in_progress")
        if isinstance(made, MessageItem):
            made.role = "assistant"
        self._place(index, made)
        return made  # type: ignore[return-value]

    # --- parts ----------------------------------------------------------------------------------

    def _part_event(self, event: Any) -> None:
        if isinstance(event.part, ContentPart):
            make = ReasoningItem if isinstance(event.part, ReasoningTextPart) else MessageItem
            item = self._item(event, OutputItem, make)
            _put(_parts(item, "content"), event.content_index, event.part.copy())

    def _summary_part(self, event: Any) -> None:
        if isinstance(event.part, ContentPart):
            item = self._item(event, ReasoningItem)
            _put(_parts(item, "summary"), event.summary_index, event.part.copy())

    def _part(self, event: Any, item_cls: type[OutputItem], where: str, cls: type[_P]) -> _P:
        parts = _parts(self._item(event, item_cls), where)
        index = event.summary_index if where == "summary" else event.content_index
        if not isinstance(index, int) or index < 0:
            index = max(len(parts) - 1, 0)
        part = parts[index] if index < len(parts) else None
        if not isinstance(part, cls):
            part = cls()
            _put(parts, index, part)
        return part

    def _annotation(self, event: Any) -> None:
        part = self._part(event, MessageItem, "content", OutputTextPart)
        if isinstance(event.annotation, Annotation):  # a value of another JSON type is none
            if not isinstance(part.annotations, list):
                part.annotations = []
            index = event.annotation_index
            if isinstance(index, int) and 0 <= index < len(part.annotations):
                part.annotations[index] = event.annotation.copy()
            else:
                part.annotations.append(event.annotation.copy())

    # --- growing strings ------------------------------------------------------------------------

    def _grow(self, target: JSONObject, name: str, delta: Any) -> bytearray | None:
        """Queue ``delta`` for ``target.name``; the buffer it went to."""
        if not (isinstance(delta, str) and delta):
            return None
        key = (id(target), name)
        entry = self._pending.get(key)
        if entry is None:
            entry = self._pending[key] = (target, name, bytearray())
        entry[2].extend(_utf8(delta))
        return entry[2]

    def _set(self, target: JSONObject, name: str, value: Any) -> None:
        if isinstance(value, str):
            self._pending.pop((id(target), name), None)
            setattr(target, name, value)


def _utf8(delta: str) -> bytes:
    return delta.encode("utf-8", "surrogatepass")  # a lone surrogate too, to be paired


def _joined(text: str, pending: bytearray) -> str:
    grown = pending.decode("utf-8", "surrogatepass")
    # Only where a delta brought a surrogate can a pair have been split, so only then
    # is the whole text rejoined: the boundary with what came before is in it.
    return join_surrogates(text + grown) if has_surrogates(grown) else text + grown


def _parts(item: OutputItem, where: str) -> list[Any]:
    """The item's list of parts ``where`` to add to; a list of its own, kept nowhere, when
    the item's class has no such field (an undeclared one reads as the JSON received,
    which is not to be changed)."""
    if not hasattr(type(item), where):
        return []
    parts = getattr(item, where)
    if not isinstance(parts, list):
        parts = []
        setattr(item, where, parts)
    return parts


def _put(parts: list[Any], index: Any, part: ContentPart) -> None:
    if not isinstance(index, int) or index < 0 or index > len(parts):
        index = len(parts)
    if index == len(parts):
        parts.append(part)
    else:
        parts[index] = part


def _text_handlers(
    delta: type[Event],
    done: type[Event],
    field: str,
    item_cls: type[OutputItem],
    where: str | None,
    part_cls: type[ContentPart] | None,
    attribute: str,
) -> dict[type[Event], Callable[[ResponseAccumulator, Any], None]]:
    """Handlers for a delta/done pair growing ``attribute`` of an item, or of a part in it."""

    def target(acc: ResponseAccumulator, event: Any) -> JSONObject:
        if where is None or part_cls is None:
            return acc._item(event, item_cls)
        return acc._part(event, item_cls, where, part_cls)

    def on_delta(acc: ResponseAccumulator, event: Any) -> None:
        item_id = getattr(event, "item_id", None)
        if where is None:
            key: tuple[Any, ...] = (delta, event.output_index, item_id)
        else:
            part = event.summary_index if where == "summary" else event.content_index
            key = (delta, event.output_index, item_id, part)
        last = acc._last_delta
        if last is not None and last[0] == key and isinstance(event.delta, str):
            last[1].extend(_utf8(event.delta))
            return
        pending = acc._grow(target(acc, event), attribute, event.delta)
        acc._last_delta = (key, pending) if pending is not None else None

    def on_done(acc: ResponseAccumulator, event: Any) -> None:
        item_or_part = target(acc, event)
        acc._set(item_or_part, attribute, getattr(event, field))
        name = getattr(event, "name", None)
        if isinstance(item_or_part, FunctionCallItem) and isinstance(name, str) and name:
            item_or_part.name = name

    return {delta: on_delta, done: on_done}


_A = ResponseAccumulator
_HANDLERS: dict[type[Event], Callable[[ResponseAccumulator, Any], None]] = {
    **dict.fromkeys(
        [ResponseCreatedEvent, ResponseQueuedEvent, ResponseInProgressEvent, *TERMINAL],
        _A._snapshot,
    ),
    ErrorEvent: _A._error,
    ResponseOutputItemAddedEvent: _A._item_event,
    ResponseOutputItemDoneEvent: _A._item_event,
    ResponseContentPartAddedEvent: _A._part_event,
    ResponseContentPartDoneEvent: _A._part_event,
    ResponseReasoningSummaryPartAddedEvent: _A._summary_part,
    ResponseReasoningSummaryPartDoneEvent: _A._summary_part,
    ResponseOutputTextAnnotationAddedEvent: _A._annotation,
    **_text_handlers(ResponseOutputTextDeltaEvent, ResponseOutputTextDoneEvent, "text",
                     MessageItem, "content", OutputTextPart, "text"),
    **_text_handlers(ResponseRefusalDeltaEvent, ResponseRefusalDoneEvent, "refusal",
                     MessageItem, "content", RefusalPart, "refusal"),
    **_text_handlers(ResponseReasoningTextDeltaEvent, ResponseReasoningTextDoneEvent, "text",
                     ReasoningItem, "content", ReasoningTextPart, "text"),
    **_text_handlers(ResponseReasoningDeltaEvent, ResponseReasoningDoneEvent, "text",
                     ReasoningItem, "content", ReasoningTextPart, "text"),
    **_text_handlers(ResponseReasoningSummaryTextDeltaEvent,
                     ResponseReasoningSummaryTextDoneEvent, "text",
                     ReasoningItem, "summary", SummaryTextPart, "text"),
    **_text_handlers(ResponseFunctionCallArgumentsDeltaEvent,
                     ResponseFunctionCallArgumentsDoneEvent, "arguments",
                     FunctionCallItem, None, None, "arguments"),
    **_text_handlers(ResponseMcpCallArgumentsDeltaEvent, ResponseMcpCallArgumentsDoneEvent,
                     "arguments", McpCallItem, None, None, "arguments"),
    **_text_handlers(ResponseCustomToolCallInputDeltaEvent, ResponseCustomToolCallInputDoneEvent,
                     "input", CustomToolCallItem, None, None, "input"),
    **_text_handlers(ResponseCodeInterpreterCallCodeDeltaEvent,
                     ResponseCodeInterpreterCallCodeDoneEvent, "code",
                     CodeInterpreterCallItem, None, None, "code"),
}  # fmt: skip
