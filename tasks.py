#!/usr/bin/env python3
"""The commands of "Adam, step by step": each sets itself up, so a fresh clone needs only Python.

    python3 tasks.py book     build the HTML book into _build/html
    python3 tasks.py test     unit tests, every notebook (nbval) and the built book in a browser
    python3 tasks.py student  write the student edition (no solutions) into student/
    python3 tasks.py book --no-solutions
                              build the same book without any solution into _build/no-solutions
    python3 tasks.py sync     write each notebook's Colab install cell from _config.yml and
                              the book's footer (its version) from adamlib/__init__.py
    python3 tasks.py pdf      print the book, each chapter and the appendix as PDFs, for readers
                              and (without solutions) for students, into _build/pdf/
    python3 tasks.py bench    time the build, the notebooks and the explorers
    python3 tasks.py course ps2 02_momentum 03_adagrad_rmsprop
                              write nbgrader's source of an assignment (the notebooks without
                              their worked solutions) into course/source/ps2/
    python3 tasks.py nbgrader generate_assignment ps2
                              run an nbgrader command in course/, with .venv's programs on
                              PATH (nbgrader runs `alembic`); nbgrader is in requirements-test.txt
    python3 tasks.py setup    only create .venv and install everything the tests need
    python3 tasks.py release-check
                              the README's two commands in a fresh clone of HEAD with a fresh
                              .venv: what a new contributor (and CI) gets

Extra arguments after `test` go to pytest (`python3 tasks.py test -k explorer`), after `bench`
to the benchmark, after `nbgrader` to nbgrader. This file only runs commands, with the
standard library: it creates .venv, then runs the tools of tools/ in it (the build, the
edition, the nbgrader course, the release's bookkeeping).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
COURSE = ROOT / "course"  # the nbgrader course directory of `course` and `nbgrader`
# Any change to these re-runs pip; the stamp makes an unchanged set-up cost nothing.
STAMPED = ["requirements.txt", "requirements-test.txt", "pyproject.toml"]

# command: (the requirements it needs in .venv, or None for none; what .venv's Python runs,
# or None for nothing; whether it takes extra arguments)
COMMANDS = {
    "book": ("requirements.txt", ["-m", "tools.book"], True),
    "test": ("requirements-test.txt", ["-m", "tools.check"], True),
    "student": ("requirements.txt", ["-m", "tools.edition", "chapters", "student"], True),
    "sync": ("requirements.txt", ["-m", "tools.release", "sync"], False),
    "pdf": ("requirements-test.txt", ["-m", "tools.pdf"], True),
    "bench": ("requirements.txt", ["bench/benchmark.py"], True),
    "course": ("requirements-test.txt", ["-m", "tools.course"], True),
    "nbgrader": ("requirements-test.txt", ["-m", "nbgrader"], True),
    "setup": ("requirements-test.txt", None, False),
    # Run by this Python: it makes a fresh clone and .venv of its own.
    "release-check": (None, ["-m", "tools.release", "check"], False),
}


def run(*cmd, cwd=ROOT, **kwargs) -> None:
    """Run a command in `cwd`, echoed; stop with its exit code if it fails."""
    print("$", shlex.join(map(str, cmd)), flush=True)
    code = subprocess.run([str(c) for c in cmd], cwd=cwd, **kwargs).returncode
    if code:
        sys.exit(code)


def venv_env() -> dict:
    """The environment of a command run inside .venv (kernels started from it find its Python)."""
    env = dict(os.environ, VIRTUAL_ENV=str(VENV))
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.pop("MPLBACKEND", None)  # Agg would silently drop every figure from the book's pages
    return env


def requirements_digest(root: Path = ROOT) -> str:
    """What .venv's stamp records: the digest of the STAMPED files of the clone at `root`."""
    return hashlib.sha256(b"".join((root / name).read_bytes() for name in STAMPED)).hexdigest()


def ensure_venv(requirements: str) -> None:
    """Create .venv if missing and install `requirements` unless its stamp is current."""
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print(f"Creating {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as error:  # Debian's python3 lacks ensurepip without python3-venv
            sys.exit(f"Could not create {VENV} ({error}). On Debian/Ubuntu: "
                     "`sudo apt-get install python3-venv`, then remove .venv and try again.")
    digest = requirements_digest()
    # The stamp: the digest, then each requirements file installed with it.
    stamp = VENV / ".installed"
    done = stamp.read_text().split() if stamp.exists() else []
    done = done[1:] if done[:1] == [digest] else []
    if requirements in done:
        return
    run(BIN / "python", "-m", "pip", "install", "-r", requirements, env=venv_env())
    # A file also installs the files it includes (`-r requirements.txt`).
    included = re.findall(r"^-r\s+(\S+)", (ROOT / requirements).read_text(), re.M)
    stamp.write_text(" ".join([digest, *done, requirements, *included]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=COMMANDS)
    # parse_known_args: pytest's own options (-k, -x, paths) pass through untouched.
    args, extra = parser.parse_known_args()
    requirements, command, takes_extra = COMMANDS[args.command]
    if extra and not takes_extra:
        parser.error(f"unexpected arguments for {args.command}: {' '.join(extra)}")
    if requirements is None:
        run(sys.executable, *command, *extra)
        return
    # nbgrader reads nbgrader_config.py, and finds source/, release/ and submitted/, in the
    # folder it runs in.
    cwd = COURSE if args.command == "nbgrader" else ROOT
    if not cwd.is_dir():
        sys.exit(f"{cwd} does not exist yet: write an assignment first "
                 "(python3 tasks.py course ps2 02_momentum 03_adagrad_rmsprop)")
    ensure_venv(requirements)
    if command is not None:
        run(BIN / "python", *command, *extra, cwd=cwd, env=venv_env())


if __name__ == "__main__":
    main()
