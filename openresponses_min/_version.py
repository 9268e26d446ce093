# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The package's version, in one place: read by ``__init__``, the
User-Agent and the command line (and by flit at build time)."""

__version__ = "0.1.0"
