# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Keeping secrets out of what the package shows: exceptions, log records and the
command line's output, without touching a socket.

A ``Redactor`` knows a client's secrets (the API key, proxy credentials,
credentials in default headers) and replaces each occurrence with
``[redacted]``: in text, in parsed JSON values (so a key a server spelled
with ``\\u`` escapes is found once parsed), in typed objects, and in every
attribute of an exception and the text of the exceptions chained to it.

An occurrence counts only where it stands as a whole token, not inside a
longer run of letters, digits, ``_`` or ``-``: with a key of ``x`` the word
``exist`` is left alone, so redaction never corrupts what it does not hide.
Text is redacted after it is parsed, never as raw bytes, so no JSON is
broken by it either.

``or_none`` is the rule for checking what the caller gave: an exception that may quote a
secret is dropped before the error that explains it is raised, so it is chained to nothing.
"""

from __future__ import annotations

import re

from .._model.typed import JSONObject

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from collections.abc import Callable, Iterable
    from typing import Any, TypeVar

    _E = TypeVar("_E", bound=BaseException)
    _T = TypeVar("_T")

REDACTED = "[redacted]"


def or_none(
    errors: type[Exception] | tuple[type[Exception], ...], call: Callable[..., _T], *args: Any
) -> _T | None:
    """``call(*args)``, or ``None`` if it raised one of ``errors``, which is dropped.

    For a check whose exception may quote a secret (``UnicodeEncodeError`` holds the whole
    string it could not encode, ``urlsplit`` the password it misread as a port): the caller
    raises its own error after this returns, outside any ``except`` block, so the quoting
    exception is neither its ``__cause__`` nor its ``__context__``. ``raise ... from None``
    would not do: it hides ``__context__`` from tracebacks but keeps it, and debuggers and
    error trackers walk it.
    """
    try:
        return call(*args)
    except errors:
        return None


class Redactor:
    """Replaces ``secrets`` wherever they stand as whole tokens; see the module docstring."""

    __slots__ = ("_longest", "_pattern", "_secrets")

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        found = sorted({secret for secret in secrets if secret}, key=len, reverse=True)
        self._secrets: tuple[str, ...] = tuple(found)
        self._longest = len(found[0]) if found else 0
        alternatives = "|".join(map(re.escape, found))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if found else None

    def __repr__(self) -> str:
        return f"Redactor({len(self._secrets)} secrets)"

    def text(self, text: str) -> str:
        return text if self._pattern is None else self._pattern.sub(REDACTED, text)

    def value(self, value: Any) -> Any:
        """A JSON value, or a typed object, with every string in it redacted."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self._pattern.sub(REDACTED, value)
        if isinstance(value, dict):
            return {self.value(key): self.value(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.value(item) for item in value]
        if isinstance(value, JSONObject):
            return type(value).from_dict(self.value(value.to_dict()))
        return value

    def error(self, error: _E) -> _E:
        """``error`` with its message and every attribute redacted, in place; a chained
        exception whose text would show a secret is cut from the chain."""
        if self._pattern is None:
            return error
        error.args = tuple(self.value(arg) for arg in error.args)
        for name, value in list(vars(error).items()):
            setattr(error, name, self.value(value))
        self._cut_leaking_causes(error)
        return error

    def log(self, logger: logging.Logger, level: int, message: str, *args: object) -> None:
        """``logger.log(level, message, *args)`` with every text argument redacted."""
        if logger.isEnabledFor(level):
            shown = [self._shown(arg) for arg in args]
            logger.log(level, message, *shown, stacklevel=2)

    def _shown(self, arg: object) -> object:
        return self.text(str(arg)) if isinstance(arg, (str, BaseException)) else arg

    def streaming(self) -> StreamingRedactor:
        return StreamingRedactor(self)

    def _shows_a_secret(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(text) is not None

    def _cut_leaking_causes(self, error: BaseException) -> None:
        """Both links of each exception are walked: ``raise A from B`` while handling ``C``
        keeps ``C`` as ``A.__context__``, hidden from tracebacks but not from error trackers."""
        seen = {id(error)}
        waiting = [error]
        while waiting:
            link = waiting.pop()
            chained = [c for c in (link.__cause__, link.__context__) if c is not None]
            if any(self._shows_a_secret(f"{c} {c.args!r}") for c in chained):
                link.__cause__ = link.__context__ = None
                link.__suppress_context__ = True
                continue
            fresh = [c for c in chained if id(c) not in seen]
            seen.update(map(id, fresh))
            waiting += fresh


class StreamingRedactor:
    """Redacts text that arrives in pieces, a secret possibly split between them.

    ``feed(piece)`` returns what can be shown now; the end of a piece that may
    be the start of a secret is held back until the next piece says whether
    it is. ``flush()`` returns what is held at the end. Whatever the
    pieces, the joined output equals ``Redactor.text`` of the joined input.
    """

    __slots__ = ("_before", "_held", "_redactor")

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor
        self._held = ""
        self._before = ""  # the last character shown, for the token boundary

    def feed(self, piece: str) -> str:
        pattern = self._redactor._pattern
        if pattern is None:
            return piece
        text = self._before + self._held + piece
        start = len(self._before)
        out: list[str] = []
        shown_to = start
        for match in pattern.finditer(text, start):
            if match.end() == len(text):
                break  # a boundary needs the next character
            out += (text[shown_to : match.start()], REDACTED)
            shown_to = match.end()
        hold = self._hold_from(text, shown_to)
        out.append(text[shown_to:hold])
        self._held = text[hold:]
        if hold > start:
            self._before = text[hold - 1]
        return "".join(out)

    def flush(self) -> str:
        rest = self._redactor.text(self._before + self._held)[len(self._before) :]
        self._held = self._before = ""
        return rest

    def _hold_from(self, text: str, shown_to: int) -> int:
        """Where the tail that could still become a secret begins (``len(text)`` if none)."""
        secrets = self._redactor._secrets
        for index in range(max(shown_to, len(text) - self._redactor._longest), len(text)):
            tail = text[index:]
            if any(secret.startswith(tail) for secret in secrets):
                return index
        return len(text)
