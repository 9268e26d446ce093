# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The request parameters' types, as ``TypedDict``s under the official SDK's names, for
code that annotates what it sends (``tools: list[ToolParam] = [...]``). Re-exported by
``openresponses_min.events``, which loads this module only when one is first used.

The shapes people build by hand are typed (a function tool, a message, a function
call's output, a forced tool choice); any other tool or input item is a JSON object
(``dict[str, Any]``), which the API checks.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict, Union

ToolChoiceOptions = Literal["none", "auto", "required"]
"""``tool_choice`` as a word."""


class _FunctionTool(TypedDict):
    type: Literal["function"]
    name: str
    parameters: dict[str, Any] | None
    strict: bool | None


class FunctionToolParam(_FunctionTool, total=False):
    """A function tool's definition (what ``function_tool`` builds)."""

    description: str | None


class ToolChoiceFunctionParam(TypedDict):
    """``tool_choice`` forcing one function: ``{"type": "function", "name": ...}``."""

    type: Literal["function"]
    name: str


class _Message(TypedDict):
    role: Literal["user", "assistant", "system", "developer"]
    content: str | list[dict[str, Any]]


class EasyInputMessageParam(_Message, total=False):
    """An input message: a role and its content (text, or a list of content parts)."""

    type: Literal["message"]
    phase: Literal["commentary", "final_answer"] | None


class FunctionCallOutputParam(TypedDict):
    """What a function call gave back, sent as input with its ``call_id``."""

    type: Literal["function_call_output"]
    call_id: str
    output: str | list[dict[str, Any]]


ToolParam = Union[FunctionToolParam, dict[str, Any]]  # noqa: UP007 - evaluated on 3.10 too
"""An entry of ``tools``."""
ResponseInputItemParam = Union[  # noqa: UP007
    EasyInputMessageParam, FunctionCallOutputParam, dict[str, Any]
]
"""An entry of ``input``."""
ResponseInputParam = list[ResponseInputItemParam]
"""``input`` as a list of items."""
