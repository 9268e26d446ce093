# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The mock server's parts that need no socket: ``answers``, its deterministic model. No
I/O; ``mock`` at the top of the package serves it.

Empty on purpose: importing the package imports only what it uses."""
