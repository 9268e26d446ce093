# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The wire protocols, sans-I/O: HTTP/1.1 (``http11``), content coding, Server-Sent
Events, RFC 6455 frames and the decoder from an event stream to typed events. They turn
bytes into values and back and never touch a socket; they import only the model.

Empty on purpose: importing the package imports only what it uses."""
