# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Function tools from Python code: ``function_tool(fn)`` builds the strict tool
definition from a function's signature, type hints and docstring (or from a
dataclass, TypedDict or pydantic model: its fields are the arguments).

The definition is the ``dict`` the API takes, so it goes into ``tools=[...]`` of any
call as it is; ``parse()`` and ``stream()`` also use it to give each call of it its
``parsed_arguments``: the keyword arguments to call ``fn`` with, typed (dataclass
instances, enum members), or an instance of the type.
"""

from __future__ import annotations

import inspect
import re

from ._model import structured as _structured

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_SECTION = re.compile(r"^(Args|Arguments|Parameters|Params|Returns?|Raises|Yields?|Examples?):\s*$")
_ARGUMENT = re.compile(r"^(\*{0,2}\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")


class FunctionTool(dict):  # type: ignore[type-arg]
    """A function tool's definition (``type``, ``name``, ``description``,
    ``parameters``, ``strict``), which also knows how to read a call's arguments:
    ``parse_arguments(text)``. Made by ``function_tool``."""

    __slots__ = ("_arguments_of",)

    def __init__(self, definition: dict[str, Any], arguments_of: Any) -> None:
        super().__init__(definition)
        self._arguments_of = arguments_of

    def parse_arguments(self, text: str) -> Any:
        """A call's JSON ``arguments`` checked and built: for a function, its keyword
        arguments; for a type, an instance. ``OutputParseError`` says what is wrong."""
        return _structured.parse_json(self._arguments_of, text)


def function_tool(
    function: Callable[..., Any] | type,
    *,
    name: str | None = None,
    description: str | None = None,
    strict: bool = True,
) -> FunctionTool:
    """The tool definition of ``function``: its name, its docstring's text for the
    description (the part before an ``Args:`` section), and a JSON Schema of its
    parameters from their type hints, each described by ``Annotated[X, "..."]`` or
    its line in the docstring's ``Args:`` section. A dataclass, TypedDict or pydantic
    model stands for the arguments themselves (its docstring the description).

    Every parameter needs a type hint; ``*args``, ``**kwargs`` and positional-only
    parameters cannot be sent as JSON (``TypeError``). With ``strict`` (the
    default) the model must give every argument, those with defaults too.
    """
    if not callable(function):
        raise TypeError(f"function_tool takes a function or a type, not {function!r}")
    shape: Any = function
    if not isinstance(function, type):
        doc = inspect.getdoc(function) or ""
        shape = _structured.FunctionArguments(function, _argument_descriptions(doc))
    schema = _structured.schema_of(shape, strict=strict)
    definition = {
        "type": "function",
        "name": name or getattr(function, "__name__", None) or "function",
        "description": description if description is not None else _description(function),
        "parameters": schema,
        "strict": strict,
    }
    return FunctionTool({k: v for k, v in definition.items() if v is not None}, shape)


pydantic_function_tool = function_tool
"""The official SDK's name for ``function_tool``, for a pydantic model (or any type)."""


def _description(function: Any) -> str | None:
    doc = inspect.getdoc(function)
    if isinstance(function, type):
        return _structured.class_description(function)
    if not doc:
        return None
    lines: list[str] = []
    for line in doc.splitlines():
        if _SECTION.match(line.strip()):
            break
        lines.append(line)
    return "\n".join(lines).strip() or None


def _argument_descriptions(doc: str) -> dict[str, str]:
    """Each ``name: text`` of a docstring's ``Args:`` section (Google style), its
    continuation lines joined."""
    described: dict[str, str] = {}
    inside = False
    current: str | None = None
    indent: int | None = None  # of the section's argument lines
    for line in doc.splitlines():
        stripped = line.strip()
        heading = _SECTION.match(stripped)
        if heading:
            inside = heading.group(1) in ("Args", "Arguments", "Parameters", "Params")
            current, indent = None, None
            continue
        if not inside or not stripped:
            continue
        depth = len(line) - len(line.lstrip())
        argument = _ARGUMENT.match(stripped)
        if argument and (indent is None or depth <= indent):
            indent = depth
            current = argument.group(1).lstrip("*")
            described[current] = argument.group(2)
        elif current is not None:
            described[current] = f"{described[current]} {stripped}".strip()
    return described
