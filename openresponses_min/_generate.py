# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Writes ``_model/inits.py``, the ``__init__`` of each class declared with ``_model.record``'s
metaclass (the typed JSON objects, the records) in the modules of ``MODULES``:
``python -m openresponses_min._generate``. Run it after
changing a class's fields; ``--check`` exits 1 when the file is not what it would
write (the tests check it too). Never imported by the package itself.

The functions are what ``dataclasses`` would compile for the classes at import, written
out once here instead, so that importing the typed classes compiles nothing.
"""

from __future__ import annotations

import json
import sys
from importlib import import_module
from pathlib import Path

from ._model.record import MISSING, Frozen, Typed, fields_of, init_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

MODULES = (
    "response", "events", "_model.sse_event", "_core.request", "_core.config", "_core.policy",
    "_core.exchange", "_wire.http11", "_core.accumulate",
)  # fmt: skip
"""Where the classes are declared, in the order their functions are written."""
TARGET = Path(__file__).parent / "_model" / "inits.py"
HEADER = '''# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The ``__init__`` of each class declared with ``_model.record``'s metaclass, written out by
``_generate`` (do not edit: run ``python -m openresponses_min._generate``). ``_model.record``
puts each in place the first time an object of its class is made. Unannotated, to be
cheap to load: the classes' own annotations are what type checkers read."""

# mypy: allow-untyped-defs

from __future__ import annotations

from .factory import FACTORY as _F, made_default as _made

_set = object.__setattr__  # a frozen record's fields
'''


def typed_classes() -> Iterator[type]:
    """Every class of ``MODULES`` made by the metaclass with no ``__init__`` of its own,
    each once, in the order declared."""
    seen: set[type] = set()
    for name in MODULES:
        module = import_module(f"{__package__}.{name}")
        for value in vars(module).values():
            if (
                isinstance(value, Typed) and value.__module__ == module.__name__
                and not value.__dict__["_own_init"] and value not in seen
            ):  # fmt: skip
                seen.add(value)
                yield value


def init_source(cls: type) -> str:
    """The source of ``cls``'s ``__init__``."""
    parameters, lines = ["self"], []
    frozen = issubclass(cls, Frozen)
    for index, field in enumerate(fields_of(cls)):
        made = field.default_factory is not MISSING
        required = not made and field.default is MISSING
        if not (made or required or _literal(field.default)):
            raise ValueError(f"{cls.__qualname__}.{field.name}: a default that is not a literal")
        default = "_F" if made else _source(field.default)
        value = f"_made(self, {index})" if made else default
        if field.init:
            parameters.append(field.name if required else f"{field.name}={default}")
            value = f"{value} if {field.name} is _F else {field.name}" if made else field.name
        lines.append(_assignment(field.name, value, frozen))
    signature = ",\n    ".join(parameters)
    body = "".join(lines) or "    pass\n"
    return f"\n\ndef {init_name(cls)}(\n    {signature},\n):\n{body}"


def _assignment(name: str, value: str, frozen: bool) -> str:
    """The line of ``__init__`` that sets a field, wrapped as ruff formats it."""
    line = f'    _set(self, "{name}", {value})\n' if frozen else f"    self.{name} = {value}\n"
    if len(line) <= 101:
        return line
    if frozen:
        return f'    _set(\n        self,\n        "{name}",\n        {value},\n    )\n'
    return f"    self.{name} = (\n        {value}\n    )\n"


def _source(value: object) -> str:
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _literal(value: object) -> bool:
    return value is None or value == () or type(value) in (str, int, float, bool)


def generated() -> str:
    return HEADER + "".join(init_source(cls) for cls in typed_classes())


def main(argv: list[str]) -> int:
    text = generated()
    if argv[1:] == ["--check"]:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.name} is stale: run python -m openresponses_min._generate")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
