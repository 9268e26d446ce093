# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""What the written ``__init__``s in ``_model.inits`` use: the ``FACTORY`` default and
``made_default``. A leaf apart from ``_model.record``, which loads ``_model.inits``, so that the
two do not import each other (``_model.record`` re-exports both)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _Factory:
    def __repr__(self) -> str:
        return "FACTORY"


FACTORY: Any = _Factory()
"""The default of an ``__init__`` argument whose field's default comes from a factory."""


def made_default(obj: Any, index: int) -> Any:
    """The default of ``obj``'s field ``index``, made by its factory."""
    return type(obj)._fields[index].default_factory()
