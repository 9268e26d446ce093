# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The base of every typed object: built from a JSON object, given back unchanged.

A typed object is a slotted class whose fields are the keys its schema
knows, declared as a dataclass's are (annotations, defaults, ``field(default_factory=
...)``), and a dataclass to ``dataclasses.fields``, ``replace`` and ``asdict``.
``from_dict`` builds one without validation: each known key becomes a
field, a value of an unexpected JSON type is kept as it came, and the mapping
itself is kept, so that ``to_dict()`` gives back every key it held (unknown
ones too, null and absent told apart) with any fields you changed applied.
A key the class does not declare reads as an attribute too (its JSON value).

A missing key reads as its field's default, which follows one rule:

* a string both the OpenAI API and Open Responses require reads as ``""``;
* a list both require reads as ``[]``;
* ``Response`` snapshots read as an empty ``Response``;
* everything else (numbers, booleans, optional or nullable fields, objects
  whose type varies) reads as ``None``.

A field annotated with a typed class (``Usage | None``, ``list[OutputItem]``)
is built as that class when its value is a JSON object; the annotation is the
declaration. The polymorphic bases (``OutputItem``, ``ContentPart``,
``Annotation``, ``Event``) choose the class from the object's ``type`` and
fall back to a generic class that keeps everything.

The classes cost next to nothing to declare (see ``_model.record``), so that a cold start
pays only for what it uses. ``__repr__`` and ``__eq__`` live here once for all classes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import partial
from operator import methodcaller

from .record import MISSING, Typed, dataclass_transform, field, fields_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeAlias, TypeVar

    _T = TypeVar("_T", bound="JSONObject")
    Parser: TypeAlias = Callable[[Mapping[str, Any]], Any]

__all__ = ["JSONObject", "field", "parser_for", "register_variants", "type_default"]

_ABSENT: Any = object()
"""Stands for a missing key whose field default is built by a factory."""


@dataclass_transform(field_specifiers=(field,))
class JSONObject(metaclass=Typed):
    """A typed view of one JSON object; see the module docstring."""

    __slots__ = ("_raw",)
    _raw: Mapping[str, Any] | tuple[str, ...]
    """The mapping it was built from; in a copy, often only its keys (see ``copy``)."""

    @classmethod
    def from_dict(cls: type[_T], data: Mapping[str, Any]) -> _T:
        """Build from a parsed JSON object; a polymorphic base picks the class by ``type``."""
        variants = _VARIANTS.get(cls)
        if variants is not None:
            kind = data.get("type")
            member = variants[0].get(kind, variants[1]) if isinstance(kind, str) else variants[1]
            chosen: _T = member.from_dict(data)  # type: ignore[assignment]
            return chosen
        built: _T = parser_for(cls)(data)
        return built

    def to_dict(self) -> dict[str, Any]:
        """The JSON object: as received, with changed fields applied.

        A field is written when its key was received or its value differs
        from the field's default; the ``type`` a class stands for is always
        written. Typed values are converted back recursively; other lists and
        dicts are shared with this object, not copied.
        """
        received = getattr(self, "_raw", None)
        if received is None:
            out: dict[str, Any] = {}
        elif isinstance(received, tuple):  # a copy's keys, each a field: filled in below
            out = dict.fromkeys(received)
        else:
            out = dict(received)
        for name, absent, typed, always in _fields_out(type(self)):
            value = getattr(self, name)
            if always or name in out or value != absent():
                out[name] = _encode(value) if typed else value
        return out

    def copy(self: _T) -> _T:
        """A copy to change apart from this one: typed values (and lists of them) are
        copied in turn, other values shared, and ``to_dict()`` gives the same. It keeps
        which keys were received, not the mapping they came in, when every key is a
        field: a copy kept for long costs its fields alone."""
        cls = type(self)
        twin = object.__new__(cls)
        for name, _, typed, _ in _fields_out(cls):
            value = getattr(self, name)
            setattr(twin, name, _copied(value) if typed else value)
        received = getattr(self, "_raw", None)
        if received is not None:
            twin._raw = _keys_of(received, cls)
        return twin

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields_of(type(self)))
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        """Equal when of the same class with equal fields, as dataclasses compare."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields_of(type(self)))

    __hash__ = None  # type: ignore[assignment]

    if not TYPE_CHECKING:  # to a type checker a misspelt field stays an error

        def __getattr__(self, name: str) -> Any:
            """A key the class does not declare, read as an attribute, as received (a
            newer API's field, say): only when normal lookup found nothing."""
            if name == "__dataclass_fields__":
                return getattr(type(self), name)
            if not name.startswith("_"):
                try:
                    received = object.__getattribute__(self, "_raw")
                except AttributeError:
                    received = None
                if isinstance(received, Mapping) and name in received:
                    return received[name]
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
            )


def register_variants(
    base: type[JSONObject], unknown: type[JSONObject], variants: list[type[JSONObject]]
) -> None:
    """Make ``base.from_dict`` pick one of ``variants`` by ``type``, else ``unknown``."""
    _VARIANTS[base] = ({type_default(cls): cls for cls in variants}, unknown)


def type_default(cls: type[JSONObject]) -> str:
    """The ``type`` string a class stands for: its ``type`` field's default."""
    first = fields_of(cls)[0]  # each family's base declares its type first
    default = first.default if first.name == "type" else None
    assert isinstance(default, str)
    return default


def parser_for(cls: type[JSONObject]) -> Parser:
    """The function that builds ``cls`` from a mapping, built on first use."""
    return _PARSERS.get(cls) or _build_parser(cls)


_VARIANTS: dict[type[JSONObject], tuple[dict[str, type[JSONObject]], type[JSONObject]]] = {}
_PARSERS: dict[type[JSONObject], Parser] = {}
# Per class and field: name, default maker, whether typed, whether always written.
_OUT: dict[type[JSONObject], list[tuple[str, Callable[[], Any], bool, bool]]] = {}


def _build_parser(cls: type[JSONObject]) -> Parser:
    names: list[str] = []
    defaults: list[Any] = []
    steps: list[tuple[int, Callable[[Any], Any]]] = []
    for index, known in enumerate(fields_of(cls)):
        names.append(known.name)
        factory = known.default_factory
        defaults.append(_ABSENT if factory is not MISSING else known.default)
        typed, many = _typed_target(cls, known.type)
        if typed is not None:
            steps.append((index, _converter(typed, many, factory)))
        elif factory is not MISSING:
            steps.append((index, _filler(factory)))
    parser = _plain_parser(cls, tuple(names), tuple(defaults), tuple(steps))
    _PARSERS[cls] = parser
    return parser


def _plain_parser(
    cls: type[JSONObject],
    names: tuple[str, ...],
    defaults: tuple[Any, ...],
    steps: tuple[tuple[int, Callable[[Any], Any]], ...],
) -> Parser:
    # map(data.get, names, defaults) calls data.get(name, default) pairwise in
    # C; it is the cheapest way found to read a dozen keys in pure Python.
    if not steps:

        def parse(data: Mapping[str, Any]) -> Any:
            obj = cls(*map(data.get, names, defaults))
            obj._raw = data
            return obj

        return parse

    def parse_nested(data: Mapping[str, Any]) -> Any:
        values = list(map(data.get, names, defaults))
        for index, convert in steps:
            values[index] = convert(values[index])
        obj = cls(*values)
        obj._raw = data
        return obj

    return parse_nested


def _converter(target: type[JSONObject], many: bool, factory: Any) -> Callable[[Any], Any]:
    build = target.from_dict
    fresh = _filler(factory) if factory is not MISSING else _unchanged

    def one(value: Any) -> Any:
        return build(value) if isinstance(value, Mapping) else fresh(value)

    def each(value: Any) -> Any:
        if isinstance(value, list):
            return [build(item) if isinstance(item, Mapping) else item for item in value]
        return fresh(value)

    return each if many else one


def _filler(factory: Callable[[], Any]) -> Callable[[Any], Any]:
    def fill(value: Any) -> Any:
        return factory() if value is _ABSENT else value

    return fill


def _unchanged(value: Any) -> Any:
    return value


def _typed_target(cls: type, annotation: Any) -> tuple[type[JSONObject] | None, bool]:
    """The typed class an annotation names (``X``, ``X | None``, ``list[X]``), and if a list."""
    text = str(annotation).removesuffix(" | None")
    many = text.startswith("list[") and text.endswith("]")
    if many:
        text = text[5:-1]
    for klass in cls.__mro__:
        found = vars(sys.modules[klass.__module__]).get(text)
        if isinstance(found, type) and issubclass(found, JSONObject):
            return found, many
    return None, False


def _fields_out(cls: type[JSONObject]) -> list[tuple[str, Callable[[], Any], bool, bool]]:
    plan = _OUT.get(cls)
    if plan is None:
        plan = []
        for known in fields_of(cls):
            if known.default_factory is not MISSING:
                absent = known.default_factory
            else:
                absent = _constant(known.default)
            typed = _typed_target(cls, known.type)[0] is not None
            always = known.name == "type" and isinstance(known.default, str) and known.default
            plan.append((known.name, absent, typed, bool(always)))
        _OUT[cls] = plan
    return plan


def _keys_of(
    received: Mapping[str, Any] | tuple[str, ...], cls: type[JSONObject]
) -> Mapping[str, Any] | tuple[str, ...]:
    """What a copy keeps of what was received: its keys, when each is a field (one tuple
    for every object of that shape, up to ``_MAX_SHAPES`` shapes); else the mapping,
    shared (nothing changes it in place)."""
    if isinstance(received, tuple):
        return received
    keys = tuple(received)
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = frozenset(name for name, _, _, _ in _fields_out(cls))
    if not names.issuperset(keys):
        return received
    shape = _SHAPES.get(keys)
    if shape is None:
        if len(_SHAPES) >= _MAX_SHAPES:  # a server making up keys cannot grow this
            return keys
        shape = _SHAPES[keys] = keys
    return shape


_NAMES: dict[type[JSONObject], frozenset[str]] = {}
_SHAPES: dict[tuple[str, ...], tuple[str, ...]] = {}
_MAX_SHAPES = 4096


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _each_typed(value: Any, convert: Callable[[Any], Any]) -> Any:
    """``convert`` applied to a typed value, or to each typed item of a list; any other
    value as it is."""
    if isinstance(value, JSONObject):
        return convert(value)
    if isinstance(value, list):
        return [convert(item) if isinstance(item, JSONObject) else item for item in value]
    return value


_copied = partial(_each_typed, convert=methodcaller("copy"))
_encode = partial(_each_typed, convert=methodcaller("to_dict"))
