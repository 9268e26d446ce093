# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Which connection a request goes on, decided once for both shells.

``Pool`` is the bookkeeping of one client's connections to its one origin: the idle ones
kept for reuse, most recently used first, and how many are open at all, at most
``max_connections``. It does what takes no waiting: it asks an idle connection whether it
still looks alive and closes it when not, closes a connection given back that cannot be
reused, and counts. The shell does the rest: the lock (threads) or nothing (asyncio),
waiting for a place, and opening a connection. A connection is reusable only when its
response was read to the end and nothing followed it, so no answer can shift onto the
next request.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

DEFAULT_MAX_CONNECTIONS = 100
"""Open connections at most, by default: enough for a threaded server app's workers to
stream at once, as the official SDK's pool allows."""


class Pooled(Protocol):
    """What the pool needs of a connection: both shells' connections have it."""

    @property
    def reusable(self) -> bool: ...

    def looks_dead(self) -> bool: ...

    def close(self) -> None: ...


C = TypeVar("C", bound=Pooled)


class Pool(Generic[C]):
    """See the module docstring. Not thread-safe: the sync shell holds a lock around it."""

    def __init__(self, max_connections: int = DEFAULT_MAX_CONNECTIONS) -> None:
        self.max_connections = max_connections
        self._idle: list[C] = []
        self.open = 0
        """Connections open, idle or in use (or being opened)."""

    @property
    def in_use(self) -> int:
        """Connections open and not idle (or being opened)."""
        return self.open - len(self._idle)

    def claim(self) -> C | bool:
        """An idle connection that still looks alive, now in use; else ``True`` when the
        caller may open one (its place is taken from now: ``discard()`` gives it back if
        opening fails), or ``False`` when it must wait for a place to be freed."""
        while self._idle:
            connection = self._idle.pop()
            if not connection.looks_dead():
                return connection
            self.discard(connection)
        if self.open < self.max_connections:
            self.open += 1
            return True
        return False

    def give_back(self, connection: C) -> None:
        """A connection done with: kept for the next request if reusable, else closed."""
        if connection.reusable:
            self._idle.append(connection)
        else:
            self.discard(connection)

    def discard(self, connection: C | None = None) -> None:
        """Close a connection in use (``None``: one that failed to open); its place is free."""
        self.open -= 1
        if connection is not None:
            connection.close()

    def drain(self) -> None:
        """Close every idle connection: the client is closing."""
        idle, self._idle = self._idle, []
        self.open -= len(idle)
        for connection in idle:
            connection.close()
