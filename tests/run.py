# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Run the tests with nothing but Python: ``python3 tests/run.py [pytest options]``.

With pytest installed, this is ``python -m pytest``. Without it, it makes a
virtual environment in ``.venv`` at the top of the repository once, installs
pytest there from PyPI, and runs the tests with it: no system-wide install,
which many systems refuse (PEP 668). When that cannot be done (no package
index reachable, no ``venv`` module), it says in one line how to install
pytest instead, and exits 2.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOW = (
    "install it in a virtual environment yourself: python3 -m venv .venv && "
    ".venv/bin/python -m pip install pytest (on Windows .venv\\Scripts\\python), "
    "then run this again"
)


def main() -> int:
    if importlib.util.find_spec("pytest"):
        python = sys.executable
    else:
        found = pytest_environment()
        if found is None:
            return 2
        python = str(found)
    return subprocess.call([python, "-m", "pytest", *sys.argv[1:]], cwd=ROOT)


def pytest_environment() -> Path | None:
    """``.venv``'s interpreter, with pytest in it; ``None`` when it cannot be made."""
    folder = ROOT / ".venv"
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    try:
        if not python.exists():
            print("pytest is not installed here: making .venv with it, once", file=sys.stderr)
            venv.create(folder, with_pip=True)
        check = subprocess.run([python, "-c", "import pytest"], capture_output=True)
        if check.returncode != 0:
            install = [python, "-m", "pip", "install", "--quiet", "pytest"]
            subprocess.run(install, check=True, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"could not install pytest into .venv ({_why(exc)}): {HOW}", file=sys.stderr)
        return None
    return python


def _why(exc: BaseException) -> str:
    command = exc.cmd if isinstance(exc, subprocess.CalledProcessError) else []
    if "pip" in command:
        return "pip failed: is a package index reachable?"
    if "ensurepip" in command:
        return "venv could not install pip; on Debian or Ubuntu, apt install python3-venv"
    return f"{type(exc).__name__}: {exc}"


if __name__ == "__main__":
    sys.exit(main())
