# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The sync shell: blocking sockets and ``ssl`` (I/O). It runs the core's steps and only
moves bytes, waits and connects; ``client``, ``stream`` and ``session`` mirror the file
names of ``_asyncio``, which it never imports.

Empty on purpose: importing the package imports only what it uses."""
