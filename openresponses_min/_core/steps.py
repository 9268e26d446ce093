# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""How the sans-I/O core has a shell do its I/O: generators of steps.

Whatever in the core needs the network (a call with its retries, a stream's next read,
a resume) is a generator. Each value it yields is an ``IO``: a function of the shell and
its arguments, which the shell calls (the asyncio shell awaits what it returns), sending
back the result or throwing in what it raised; what the generator returns is the
outcome. So every decision is written once, and the two shells differ only in the
functions they hand the core (a connection's ``read``, the pool's ``check_out``, a
``sleep``) and in the line that calls them: ``run`` here, ``arun`` in ``_asyncio.transport``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

IO = tuple[Callable[..., Any], tuple[Any, ...]]
"""A call the shell makes for the core: the function and its positional arguments."""
Steps = Generator[IO, Any, T]
"""The core's side of one operation: ``IO`` to do, then the outcome, returned."""


class Runner(Generic[T]):
    """Steps being driven: ``action`` is the ``IO`` to do now (``None`` once the steps
    returned ``result``); ``give`` answers it with a value, ``fail`` with an exception,
    which the steps may handle or let through, out of ``fail``."""

    __slots__ = ("_steps", "action", "result")

    def __init__(self, steps: Steps[T]) -> None:
        self._steps = steps
        self.action: IO | None = None
        self.result: T
        self._move(steps.send, None)

    def give(self, value: object) -> None:
        self._move(self._steps.send, value)

    def fail(self, error: BaseException) -> None:
        self._move(self._steps.throw, error)

    def _move(self, move: Callable[[Any], IO], argument: object) -> None:
        try:
            self.action = move(argument)
        except StopIteration as stop:
            self.action = None
            self.result = stop.value


def run(steps: Steps[T]) -> T:
    """Drive ``steps`` with blocking calls: their outcome, or what they raised."""
    runner = Runner(steps)
    while (action := runner.action) is not None:
        call, arguments = action
        try:
            value = call(*arguments)
        except BaseException as error:
            runner.fail(error)
        else:
            runner.give(value)
    return runner.result
