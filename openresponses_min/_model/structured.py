# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Structured outputs from standard-library types: a type's JSON Schema, as OpenAI's
strict mode wants it, and the model's JSON checked and built into that type.

The types: ``str``, ``int``, ``float``, ``bool``, ``None``, ``Any`` (not strict),
``list[X]``, ``dict[str, X]`` (not strict), ``Literal[...]``, ``Enum``
subclasses, unions (``X | None`` too), ``Annotated[X, "a description"]``,
dataclasses and TypedDicts nested to any depth, recursive ones too, and a pydantic
model, duck-typed (its ``model_json_schema`` and ``model_validate``; pydantic is
never imported). Each dataclass, TypedDict and Enum inside the root is one entry
of ``$defs``, referred to by ``$ref``; a reference back to the root is
``{"$ref": "#"}``. In strict mode every object has ``additionalProperties: false``
and every property required.

Both directions are worked out once per type (``functools.lru_cache``): a program
that parses 100,000 answers into one type builds its schema and reads its hints
once, so memory stays flat.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import json
import re
import types
import typing
from functools import lru_cache

from ..errors import OutputParseError
from ..response import (
    FunctionCallItem,
    OutputTextPart,
    ParsedFunctionCallItem,
    ParsedOutputTextPart,
    ParsedResponse,
    Response,
    is_final_answer,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any, TypeVar

    from ..response import ContentPart, OutputItem
    from .typed import JSONObject

    _J = TypeVar("_J", bound=JSONObject)

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}
_NONE = (None, type(None))
_UNIONS = (typing.Union, types.UnionType)
_KEY_WRAPPERS = tuple(
    wrapper
    for wrapper in (getattr(typing, "Required", None), getattr(typing, "NotRequired", None))
    if wrapper is not None
)
"""``Required[X]`` and ``NotRequired[X]`` (Python 3.11 on), around a TypedDict's hints."""


def schema_of(tp: Any, *, strict: bool = True) -> dict[str, Any]:
    """The JSON Schema of ``tp``; shared between calls, so not to be changed.

    ``TypeError`` names a type with no schema here (or none in strict mode)."""
    try:
        return _cached_schema(tp, strict)
    except TypeError as exc:
        if "unhashable" not in str(exc):
            raise
        return _Schemas(tp, strict).root()  # Annotated metadata that cannot be hashed


def schema_name(tp: Any) -> str:
    """The name OpenAI wants beside a schema (letters, digits, ``_``, ``-``; at most 64)."""
    name = getattr(tp, "__name__", None) or "output"
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)[:64]


def text_format_param(tp: Any) -> dict[str, Any]:
    """``text.format`` asking for answers of type ``tp`` (an object type), strict."""
    if not _is_object_type(tp):
        raise TypeError(
            f"text_format must be a dataclass, a TypedDict or a pydantic model, not {tp!r}"
        )
    return {"type": "json_schema", "name": schema_name(tp), "schema": schema_of(tp), "strict": True}


@lru_cache(maxsize=512)
def _cached_schema(tp: Any, strict: bool) -> dict[str, Any]:
    return _Schemas(tp, strict).root()


class _Schemas:
    """One schema being built: the ``$defs`` it gathers on the way."""

    def __init__(self, root: Any, strict: bool) -> None:
        self._root = root
        self._strict = strict
        self._defs: dict[str, dict[str, Any]] = {}
        self._names: dict[Any, str] = {}

    def root(self) -> dict[str, Any]:
        self._names[self._root] = "#"
        schema = dict(self._object_or_inline(self._root))
        if self._defs:
            schema["$defs"] = self._defs
        unraveled: dict[str, Any] = _unraveled(schema, schema)
        return unraveled

    def _object_or_inline(self, tp: Any) -> dict[str, Any]:
        if _is_pydantic(tp):
            return self._pydantic(tp)
        if _is_object_type(tp):
            return self._object(tp)
        return self.of(tp)

    def of(self, tp: Any) -> dict[str, Any]:
        tp, description = unannotated(tp)
        schema = self._bare(tp)
        return {**schema, "description": description} if description else schema

    def _bare(self, tp: Any) -> dict[str, Any]:
        if tp in _NONE:
            return {"type": "null"}
        if tp in _SCALARS:
            return {"type": _SCALARS[tp]}
        if tp is typing.Any or tp is object:
            if self._strict:
                raise TypeError("Any has no strict JSON Schema: name the type")
            return {}
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Literal:
            return _enum_schema(args, tp)
        if origin in _UNIONS:
            return {"anyOf": [self.of(member) for member in args]}
        if origin is list or tp is list:
            if not args:
                raise TypeError("a bare list has no items' schema: write list[X]")
            return {"type": "array", "items": self.of(args[0])}
        if origin is dict or tp is dict:
            return self._mapping(tp, args)
        if (isinstance(tp, type) and issubclass(tp, enum.Enum)) or _is_object_type(tp):
            return self._reference(tp)
        raise TypeError(f"{tp!r} has no JSON Schema here")

    def _mapping(self, tp: Any, args: tuple[Any, ...]) -> dict[str, Any]:
        if self._strict:
            raise TypeError(
                f"{tp!r} has no strict JSON Schema (its keys are not known in advance): "
                "use a dataclass or a TypedDict, or strict=False"
            )
        if args and args[0] is not str:
            raise TypeError(f"{tp!r}: JSON object keys are strings")
        return {"type": "object", "additionalProperties": self.of(args[1]) if args else {}}

    def _reference(self, tp: Any) -> dict[str, Any]:
        name = self._names.get(tp)
        if name == "#":
            return {"$ref": "#"}
        if name is None:
            name = self._free_name(schema_name(tp))
            self._names[tp] = name
            self._defs[name] = {}  # taken, for a type that refers to itself
            self._defs[name] = self._definition(tp)
        return {"$ref": f"#/$defs/{name}"}

    def _free_name(self, name: str) -> str:
        taken = set(self._defs)
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name}_{number}"
        return candidate

    def _definition(self, tp: Any) -> dict[str, Any]:
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum_schema(tuple(member.value for member in tp), tp)
        if _is_pydantic(tp):
            return self._pydantic(tp)
        return self._object(tp)

    def _object(self, tp: Any) -> dict[str, Any]:
        plan = object_plan(tp)
        properties = {name: self.of(hint) for name, hint, _ in plan.fields}
        required = [name for name, _, needed in plan.fields if needed or self._strict]
        schema: dict[str, Any] = {"type": "object"}
        description = class_description(tp)
        if description:
            schema["description"] = description
        schema.update(properties=properties, required=required, additionalProperties=False)
        return schema

    def _pydantic(self, tp: Any) -> dict[str, Any]:
        schema = tp.model_json_schema()
        if not isinstance(schema, dict):
            raise TypeError(f"{tp!r}.model_json_schema() gave no JSON object")
        schema = json.loads(json.dumps(schema))  # ours to change
        if self._strict:
            schema = _strictified(schema)
        for name, definition in schema.pop("$defs", {}).items():
            if self._defs.get(name, definition) != definition:
                raise TypeError(f"two different types are both named {name!r} in {self._root!r}")
            self._defs[name] = definition
        shaped: dict[str, Any] = schema
        return shaped


def _strictified(schema: Any) -> Any:
    """A pydantic schema as strict mode wants it: closed objects, every property
    required, no ``default``s (strict mode refuses them)."""
    if isinstance(schema, list):
        return [_strictified(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        key: _strictified(value)
        if key not in ("properties", "$defs")
        else {k: _strictified(v) for k, v in value.items()}
        for key, value in schema.items()
        if key != "default"
    }
    if out.get("type") == "object" and "properties" in out:
        out["additionalProperties"] = False
        out["required"] = list(out["properties"])
    return out


def _unraveled(node: Any, root: dict[str, Any]) -> Any:
    """``node`` with each ``$ref`` that has siblings (a description, say) replaced by
    what it refers to, siblings kept: OpenAI's strict mode takes a ``$ref`` alone.
    A reference to the root, or to a definition on the way to itself, keeps only
    the ``$ref``."""
    if isinstance(node, list):
        return [_unraveled(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _unraveled(value, root) for key, value in node.items()}
    reference = out.get("$ref")
    if isinstance(reference, str) and len(out) > 1:
        siblings = {key: value for key, value in out.items() if key != "$ref"}
        target = _definition_at(root, reference)
        if target is None or _refers_to(target, reference):
            return {"$ref": reference}
        return {**_unraveled(target, root), **siblings}
    return out


def _definition_at(root: dict[str, Any], reference: str) -> dict[str, Any] | None:
    prefix = "#/$defs/"
    if not reference.startswith(prefix):
        return None
    found = root.get("$defs", {}).get(reference[len(prefix) :])
    return found if isinstance(found, dict) else None


def _refers_to(node: Any, reference: str) -> bool:
    if isinstance(node, dict):
        return node.get("$ref") == reference or any(
            _refers_to(value, reference) for value in node.values()
        )
    if isinstance(node, list):
        return any(_refers_to(item, reference) for item in node)
    return False


def _enum_schema(values: tuple[Any, ...], tp: Any) -> dict[str, Any]:
    kinds = {type(value) for value in values}
    if not values or not kinds <= {str, int, float, bool, type(None)}:
        raise TypeError(f"{tp!r}: only strings, numbers, booleans and None can be choices")
    schema: dict[str, Any] = {"enum": list(values)}
    if len(kinds) == 1 and next(iter(kinds)) in _SCALARS:
        schema = {"type": _SCALARS[next(iter(kinds))], **schema}
    description = class_description(tp) if isinstance(tp, type) else None
    return {**schema, "description": description} if description else schema


def unannotated(tp: Any) -> tuple[Any, str | None]:
    """``X`` and the first string in its metadata, from ``Annotated[X, ...]``."""
    if typing.get_origin(tp) is not typing.Annotated:
        return tp, None
    inner, *metadata = typing.get_args(tp)
    return inner, next((item for item in metadata if isinstance(item, str)), None)


def class_description(tp: Any) -> str | None:
    doc = tp.__dict__.get("__doc__") if isinstance(tp, type) else None
    if not isinstance(doc, str) or _inherited_doc(tp, doc):
        return None
    if dataclasses.is_dataclass(tp) and doc.startswith(f"{getattr(tp, '__name__', '')}("):
        return None  # the signature dataclasses write when there is no docstring
    if issubclass(tp, enum.Enum) and doc == "An enumeration.":
        return None  # what Python 3.10 gives an Enum without a docstring
    return " ".join(doc.split()) or None


def _inherited_doc(tp: type, doc: str) -> bool:
    return any(doc is getattr(base, "__doc__", None) for base in tp.__mro__[1:])


def _is_pydantic(tp: Any) -> bool:
    return isinstance(tp, type) and callable(getattr(tp, "model_json_schema", None))


def _is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def _is_object_type(tp: Any) -> bool:
    return (
        (isinstance(tp, type) and dataclasses.is_dataclass(tp))
        or _is_typeddict(tp)
        or _is_pydantic(tp)
        or isinstance(tp, FunctionArguments)
    )


def _builds_dict(tp: Any) -> bool:
    return _is_typeddict(tp) or isinstance(tp, FunctionArguments)


class FunctionArguments:
    """A function's parameters, seen as the fields of the JSON object of its arguments;
    ``descriptions`` describe those whose hint does not (its docstring's, say)."""

    def __init__(self, function: Callable[..., Any], descriptions: dict[str, str]) -> None:
        self.function = function
        self.descriptions = descriptions
        self.__name__ = getattr(function, "__name__", "arguments")

    def plan(self) -> ObjectPlan:
        signature = inspect.signature(self.function)
        hints = typing.get_type_hints(self.function, include_extras=True)
        planned = []
        for parameter in signature.parameters.values():
            if parameter.kind not in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY):
                raise TypeError(
                    f"{self.__name__}: parameter {parameter.name!r} ({parameter.kind.description}) "
                    "cannot be given as a JSON object's field"
                )
            if parameter.name not in hints:
                raise TypeError(f"{self.__name__}: parameter {parameter.name!r} has no type hint")
            hint = hints[parameter.name]
            described = self.descriptions.get(parameter.name)
            if described and unannotated(hint)[1] is None:
                hint = typing.Annotated[hint, described]
            planned.append((parameter.name, hint, parameter.default is parameter.empty))
        return ObjectPlan(tuple(planned), frozenset(name for name, _, _ in planned))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FunctionArguments) and other.function == self.function

    def __hash__(self) -> int:
        return hash((FunctionArguments, self.function))

    def __repr__(self) -> str:
        return f"the arguments of {self.__name__}()"


class ObjectPlan(typing.NamedTuple):
    """A dataclass's or TypedDict's fields: name, type hint, whether required."""

    fields: tuple[tuple[str, Any, bool], ...]
    names: frozenset[str]


@lru_cache(maxsize=512)
def object_plan(tp: Any) -> ObjectPlan:
    """The fields of a dataclass (those ``__init__`` takes), a TypedDict, or a
    function's arguments."""
    if isinstance(tp, FunctionArguments):
        return tp.plan()
    hints = typing.get_type_hints(tp, include_extras=True)
    if _is_typeddict(tp):
        required = tp.__required_keys__
        planned = tuple(
            (name, _key_unwrapped(hint), name in required) for name, hint in hints.items()
        )
    else:
        planned = tuple(
            (field.name, hints[field.name], _required(field))
            for field in dataclasses.fields(tp)
            if field.init
        )
    return ObjectPlan(planned, frozenset(name for name, _, _ in planned))


def _required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def _key_unwrapped(hint: Any) -> Any:
    while typing.get_origin(hint) in _KEY_WRAPPERS:
        hint = typing.get_args(hint)[0]
    return hint


# --- JSON into types ----------------------------------------------------------------------------


def parse_json(tp: Any, text: str) -> Any:
    """The JSON ``text`` built into ``tp``: dataclass instances, TypedDicts as dicts,
    enums as their members. ``OutputParseError`` says where it is wrong."""
    if _is_pydantic(tp):
        try:
            return tp.model_validate_json(text)
        except ValueError as exc:  # pydantic's ValidationError is one
            raise OutputParseError(str(exc), path="$", text=text) from exc
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise OutputParseError(f"not JSON: {exc}", path="$", text=text) from exc
    return convert(tp, value, "$", text)


def convert(tp: Any, value: Any, path: str, text: str) -> Any:
    """``value``, parsed JSON, checked against ``tp`` and built into it."""
    tp, _ = unannotated(tp)
    if tp in _SCALARS:
        return _scalar(tp, value, path, text)
    if tp in _NONE:
        if value is None:
            return None
        raise _wrong("null", value, path, text)
    if tp is typing.Any or tp is object:
        return value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        if any(value == choice and type(value) is type(choice) for choice in args):
            return value
        raise _wrong(f"one of {list(args)!r}", value, path, text)
    if origin in _UNIONS:
        return _member(args, value, path, text)
    if origin is list or tp is list:
        if not isinstance(value, list):
            raise _wrong("an array", value, path, text)
        item = args[0] if args else typing.Any
        return [convert(item, entry, f"{path}[{index}]", text) for index, entry in enumerate(value)]
    if origin is dict or tp is dict:
        if not isinstance(value, dict):
            raise _wrong("an object", value, path, text)
        item = args[1] if args else typing.Any
        return {
            key: convert(item, entry, _key_path(path, key), text) for key, entry in value.items()
        }
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_member(tp, value, path, text)
    if _is_pydantic(tp):
        try:
            return tp.model_validate(value)
        except ValueError as exc:
            raise OutputParseError(str(exc), path=path, text=text) from exc
    if _is_object_type(tp):
        return _object(tp, value, path, text)
    raise TypeError(f"{tp!r} cannot be built from JSON here")


def _scalar(tp: type, value: Any, path: str, text: str) -> Any:
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if tp is int and isinstance(value, float) and value.is_integer():
        return int(value)  # JSON Schema's integer takes 2.0
    if isinstance(value, tp) and (tp is bool or not isinstance(value, bool)):
        return value
    raise _wrong(_SCALARS[tp] if tp is not int else "an integer", value, path, text)


def _member(members: tuple[Any, ...], value: Any, path: str, text: str) -> Any:
    failures: list[OutputParseError] = []
    for member in members:
        try:
            return convert(member, value, path, text)
        except OutputParseError as exc:  # noqa: PERF203 - each member is a new attempt
            failures.append(exc)
    deepest = max(failures, key=lambda failure: len(failure.path))
    if deepest.path != path:
        raise deepest  # one member came close: its error says more
    shown = " or ".join(_type_name(member) for member in members)
    raise _wrong(shown, value, path, text)


def _enum_member(tp: type[enum.Enum], value: Any, path: str, text: str) -> Any:
    for member in tp:
        if member.value == value and type(member.value) is type(value):
            return member
    raise _wrong(f"one of {[member.value for member in tp]!r}", value, path, text)


def _object(tp: Any, value: Any, path: str, text: str) -> Any:
    if not isinstance(value, dict):
        raise _wrong(f"an object ({tp.__name__})", value, path, text)
    plan = object_plan(tp)
    for key in value:
        if key not in plan.names:
            raise OutputParseError(
                f"{_key_path(path, key)}: not a field of {tp.__name__}", path=_key_path(path, key),
                text=text,
            )  # fmt: skip
    built: dict[str, Any] = {}
    for name, hint, needed in plan.fields:
        if name in value:
            built[name] = convert(hint, value[name], _key_path(path, name), text)
        elif needed:
            where = _key_path(path, name)
            raise OutputParseError(f"{where}: missing", path=where, text=text)
    if _builds_dict(tp):
        return built
    try:
        return tp(**built)
    except (TypeError, ValueError) as exc:  # the dataclass's own checks, in __post_init__
        raise OutputParseError(f"{path}: {tp.__name__}: {exc}", path=path, text=text) from exc


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"


def _wrong(expected: str, value: Any, path: str, text: str) -> OutputParseError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return OutputParseError(f"{path}: expected {expected}, got {shown}", path=path, text=text)


def _type_name(tp: Any) -> str:
    tp, _ = unannotated(tp)
    if tp in _NONE:
        return "null"
    return getattr(tp, "__name__", None) or repr(tp)


# --- a response's answer and calls, parsed -------------------------------------------------------


def parsed_response(
    response: Response, text_format: Any, tools: Iterable[Any] | None
) -> ParsedResponse[Any]:
    """``response`` as a ``ParsedResponse``: its final answer's text parsed into
    ``text_format`` (when given), its function calls' arguments as their tools in
    ``tools`` (the request's) read them. ``OutputParseError`` when one does not fit."""
    by_name = {
        tool.get("name") or (tool.get("function") or {}).get("name"): tool
        for tool in tools or ()
        if isinstance(tool, dict) and tool.get("type") == "function"
    }
    parsed: ParsedResponse[Any] = _retyped(response, ParsedResponse)
    parsed._came_with(response._request_id)
    if isinstance(response.output, list):
        parsed.output = [
            _parsed_item(item, text_format, by_name, response) for item in response.output
        ]
    return parsed


def _parsed_item(
    item: OutputItem, text_format: Any, tools: dict[Any, Any], response: Response
) -> OutputItem:
    if isinstance(item, FunctionCallItem):
        call = _retyped(item, ParsedFunctionCallItem)
        call._parsed_arguments = _arguments(tools.get(item.name), item)
        return call
    if text_format is None or not is_final_answer(item) or not isinstance(item.content, list):
        return item
    message = _retyped(item, type(item))
    message.content = [_parsed_part(part, text_format, response) for part in item.content]
    return message


def _parsed_part(part: ContentPart, text_format: Any, response: Response) -> ContentPart:
    if not isinstance(part, OutputTextPart) or not isinstance(part.text, str):
        return part
    parsed: ParsedOutputTextPart[Any] = _retyped(part, ParsedOutputTextPart)
    try:
        parsed._parsed = parse_json(text_format, part.text)
    except OutputParseError as exc:
        if response.status != "incomplete":
            raise
        reason = getattr(response.incomplete_details, "reason", None)
        raise OutputParseError(
            f"{exc} (the response is incomplete: {reason or 'no reason given'})",
            path=exc.path, text=exc.text,
        ) from exc  # fmt: skip
    return parsed


def _arguments(tool: Any, call: FunctionCallItem) -> Any:
    """What the tool's definition says a call's arguments are, or ``None``."""
    text = call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments)
    if tool is None:
        return None
    parse_arguments = getattr(tool, "parse_arguments", None)
    if callable(parse_arguments):  # a FunctionTool
        return parse_arguments(text)
    model = getattr(tool, "model", None)  # the SDK's pydantic_function_tool keeps it here
    if _is_pydantic(model):
        return parse_json(model, text)
    if tool.get("strict") is True or (tool.get("function") or {}).get("strict") is True:
        return parse_json(typing.Any, text)
    return None


def _retyped(obj: JSONObject, cls: type[_J]) -> _J:
    """An object of ``cls`` (a subclass of ``obj``'s class) holding ``obj``'s fields."""
    twin = object.__new__(cls)
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        setattr(twin, field.name, getattr(obj, field.name))
    received = getattr(obj, "_raw", None)
    if received is not None:
        twin._raw = received
    return twin


class Parsing:
    """How ``parse()`` and ``stream()`` read their answers: into ``text_format``, with
    ``tools`` (as the request gave them) reading their calls."""

    def __init__(self, text_format: Any, tools: Iterable[Any] | None) -> None:
        self.text_format = text_format
        self.tools = list(tools) if tools is not None else None

    def from_dict(self, data: Mapping[str, Any]) -> ParsedResponse[Any]:
        return self(Response.from_dict(data))

    def __call__(self, response: Response) -> ParsedResponse[Any]:
        return parsed_response(response, self.text_format, self.tools)


def request_params(
    params: Mapping[str, Any], text_format: Any, tools: Iterable[Any] | None
) -> dict[str, Any]:
    """A request's ``params`` with ``text.format`` asking for ``text_format`` (when
    given) and ``tools`` as the Responses API takes them."""
    out = dict(params)
    if text_format is not None:
        text = out.get("text") or {}
        if not isinstance(text, dict) or "format" in text:
            raise TypeError("give text_format or text={'format': ...}, not both")
        out["text"] = {**text, "format": text_format_param(text_format)}
    if tools is not None:
        out["tools"] = [_responses_tool(tool) for tool in tools]
    return out


def _responses_tool(tool: Any) -> Any:
    """A Chat Completions function tool (``{"type": "function", "function": {...}}``,
    what the SDK's ``pydantic_function_tool`` makes) as the Responses API takes it,
    its definition at the top level; other tools as they are."""
    if not isinstance(tool, dict) or tool.get("type") != "function" or "name" in tool:
        return tool
    inner = tool.get("function")
    if not isinstance(inner, dict):
        return tool
    return {"type": "function", **inner, "strict": inner.get("strict", True)}
