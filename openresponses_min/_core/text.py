# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Text as it was meant, from deltas cut anywhere, without touching a socket.

JavaScript servers cut strings between UTF-16 code units, so a character
beyond the Basic Multilingual Plane (an emoji) can arrive as ``"…\\ud83d"``
then ``"\\ude00…"`` in two deltas: ``json`` gives each half as a lone
surrogate. ``join_surrogates`` makes such pairs one character again, keeping
a truly lone surrogate as it came; ``TextJoiner`` does it for text that
arrives in pieces, holding a trailing high surrogate back until the next
piece. ``json_text`` shows any JSON value as text, for messages.
"""

from __future__ import annotations

import json


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point: what UTF-8 cannot encode. (Faster
    than a regular expression for the text that has none, and nothing to compile.)"""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def join_surrogates(text: str) -> str:
    """``text`` with every high-low surrogate pair made its character; lone ones kept."""
    if not has_surrogates(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def replace_lone_surrogates(text: str) -> str:
    """``text`` pairs joined, and any surrogate left alone made U+FFFD, so that it
    can be encoded (printed) at all."""
    if not has_surrogates(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class TextJoiner:
    """Joins surrogate pairs split between the pieces of a text; see the module docstring."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held = ""

    def feed(self, piece: str) -> str:
        """What of the text so far can be given now: all but a trailing high surrogate."""
        text = self._held + piece
        if text and "\ud800" <= text[-1] <= "\udbff":
            self._held, text = text[-1], text[:-1]
        else:
            self._held = ""
        return join_surrogates(text)

    def flush(self) -> str:
        """The end of the text: a high surrogate still held, alone."""
        held, self._held = self._held, ""
        return held


def json_text(value: object) -> str:
    """A JSON value as text for a message: a string as it is, ``None`` as nothing,
    anything else as compact JSON."""
    if value is None or isinstance(value, str):
        return value or ""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # not JSON after all, or nested too deep
        return repr(value)
