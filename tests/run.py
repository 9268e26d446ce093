# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Run the tests with nothing but Python: ``python3 tests/run.py [pytest options]``.

With pytest installed, this is ``python -m pytest``. Without it, it makes a
virtual environment in ``.venv`` at the top of the repository once, installs
pytest there from PyPI, and runs the tests with it: no system-wide install,
which many systems refuse (PEP 668).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    python = sys.executable if importlib.util.find_spec("pytest") else str(pytest_environment())
    return subprocess.call([python, "-m", "pytest", *sys.argv[1:]], cwd=ROOT)


def pytest_environment() -> Path:
    """``.venv``'s interpreter, with pytest in it."""
    folder = ROOT / ".venv"
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print("pytest is not installed here: making .venv with it, once", file=sys.stderr)
        venv.create(folder, with_pip=True)
    check = subprocess.run([python, "-c", "import pytest"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", "pytest"], check=True)
    return python


if __name__ == "__main__":
    sys.exit(main())
