# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The model layer: records (``record``, ``factory``, the generated ``inits``), the typed JSON
objects (``typed``), request parameters, ``ServerSentEvent`` and structured outputs. No
I/O; it imports nothing above it (``errors``, ``events`` and ``response``, the public data
modules at the top of the package, belong to this layer too).

Empty on purpose: importing the package imports only what it uses."""
