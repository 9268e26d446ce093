# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Which connection a request goes on, without touching a socket.

``Pool`` is the bookkeeping of one client's connections to its one origin: the idle ones
kept for reuse, most recently used first, and how many are open at all, at most
``max_connections``. It only decides; the shell does the I/O (checking that an idle
connection is still alive, opening, closing) and the waiting (under its own lock, with
threads or with asyncio). A connection is given back reusable only when its response was
read to the end and nothing followed it, so no answer can shift onto the next request.
"""

from __future__ import annotations

from typing import Generic, TypeVar

C = TypeVar("C")

DEFAULT_MAX_CONNECTIONS = 100
"""Open connections at most, by default: enough for a threaded server app's workers to
stream at once, as the official SDK's pool allows."""


class Pool(Generic[C]):
    """See the module docstring. Not thread-safe: the shell holds a lock around it."""

    def __init__(self, max_connections: int = DEFAULT_MAX_CONNECTIONS) -> None:
        self.max_connections = max_connections
        self._idle: list[C] = []
        self.open = 0
        """Connections open, idle or in use."""

    def take_idle(self) -> C | None:
        """The most recently used idle connection, now in use; ``None`` when there is none.
        The shell checks it is alive, and ``discard``\\ s it when it is not."""
        return self._idle.pop() if self._idle else None

    def may_open(self) -> bool:
        """Whether a new connection may be opened now (``opened()`` says it was)."""
        return self.open < self.max_connections

    def opened(self) -> None:
        self.open += 1

    def give_back(self, connection: C, reusable: bool) -> bool:
        """A connection done with: kept when ``reusable`` (``True``), else to be closed."""
        if reusable:
            self._idle.append(connection)
            return True
        self.open -= 1
        return False

    def discard(self) -> None:
        """A connection in use was closed: its place is free."""
        self.open -= 1

    def drain(self) -> list[C]:
        """Every idle connection, to be closed: the client is closing."""
        idle, self._idle = self._idle, []
        self.open -= len(idle)
        return idle
