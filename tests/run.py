# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Run the tests with nothing but Python: ``python3 tests/run.py [pytest options]``.

With everything the tests need installed (pytest and the test extra's oracles, listed in
``pyproject.toml``), this is ``python -m pytest``. When anything is missing, it makes a
virtual environment in ``.venv`` at the top of the repository once, installs the
package with its test extra there from PyPI, and runs the tests with it: no
system-wide install, which many systems refuse (PEP 668). When that cannot be done (no
package index reachable, no ``venv`` module), it says in one line how to install them
instead, and exits 2.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOW = (
    "install them in a virtual environment yourself: python3 -m venv .venv && "
    '.venv/bin/python -m pip install -e ".[test]" (on Windows .venv\\Scripts\\python), '
    "then run this again"
)


def main() -> int:
    needed = requirements()
    if has_all(sys.executable, needed):
        python = sys.executable
    else:
        found = environment(needed)
        if found is None:
            return 2
        python = str(found)
    return subprocess.call([python, "-m", "pytest", *sys.argv[1:]], cwd=ROOT)


def requirements() -> list[str]:
    """The modules of the test extra in ``pyproject.toml`` (each named as it imports),
    read without ``tomllib``, which Python 3.10 lacks."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    extra = re.search(r"^test = \[(.*?)\]", text, re.M | re.S)
    if extra is None:
        raise SystemExit("pyproject.toml has no test extra")
    names = re.findall(r'"([A-Za-z0-9_.-]+)', extra.group(1))
    return [name.replace("-", "_") for name in names]


def has_all(python: str | Path, modules: list[str]) -> bool:
    """Whether ``python`` can import every one of ``modules`` (found, not imported)."""
    check = "import importlib.util as u, sys; sys.exit(not all(map(u.find_spec, sys.argv[1:])))"
    return subprocess.run([python, "-c", check, *modules], capture_output=True).returncode == 0


def environment(needed: list[str]) -> Path | None:
    """``.venv``'s interpreter, with the test extra in it; ``None`` when it cannot be made."""
    folder = ROOT / ".venv"
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    try:
        if not python.exists():
            print("the tests' requirements are not installed here: making .venv with them, once",
                  file=sys.stderr)  # fmt: skip
            venv.create(folder, with_pip=True)
        if not has_all(python, needed):
            install = [python, "-m", "pip", "install", "--quiet", "-e", ".[test]"]
            subprocess.run(install, cwd=ROOT, check=True, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"could not install the test extra into .venv ({_why(exc)}): {HOW}", file=sys.stderr)
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
