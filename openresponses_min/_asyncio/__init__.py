# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The asyncio shell: the event loop's streams (I/O). It awaits the core's steps and only
moves bytes, waits and connects; ``client``, ``stream`` and ``session`` mirror the file
names of ``_sync``, which it never imports.

Empty on purpose: importing the package imports only what it uses."""
