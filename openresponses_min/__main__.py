# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""``python -m openresponses_min``: the command line (see ``cli``)."""

from .cli import main

raise SystemExit(main())
