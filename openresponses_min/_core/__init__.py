# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The client core, sans-I/O: configuration, request shaping, retry policy, redaction,
pool decisions, and the client, stream and WebSocket-session cores, which yield the I/O
they need as steps for a shell to do. No I/O; it imports the wire protocols and the model.

Empty on purpose: importing the package imports only what it uses."""
