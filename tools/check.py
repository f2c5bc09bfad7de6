"""The test command: one pytest session over adamlib's unit tests, the book's checks, every
notebook and the student edition (what `python3 tasks.py test` runs in .venv).

    python -m tools.check [PYTEST ARGUMENTS...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import ROOT
from .book import CHROMIUM, CHROMIUM_HINT, find_chromium, in_ci
from .edition import make_edition


def main(args: list[str]) -> int:
    if find_chromium() is None:
        if in_ci():
            sys.exit(f"CI: chromium is not installed (looked for {CHROMIUM} and PATH); "
                     f"the browser tests must run in CI. {CHROMIUM_HINT}")
        print(f"chromium not found: the browser tests will be skipped. {CHROMIUM_HINT}")
    # Paths given on the command line replace the default ones.
    given = any((ROOT / a.split("::")[0]).exists() for a in args if not a.startswith("-"))
    paths = [] if given else [p for p in ("tests", "chapters") if (ROOT / p).is_dir()]
    # The PDF edition's checks read what `tasks.py pdf` printed: CI runs them after it.
    ignore = [] if given else ["--ignore", str(ROOT / "tests" / "pdf")]
    with tempfile.TemporaryDirectory(prefix="student-edition-") as scratch:
        if not given:
            # The student edition is tested too: nbval runs it beside the sources.
            edition = Path(scratch) / "student"
            make_edition(ROOT / "chapters", edition)
            # As `tasks.py student` lays it out, beside the bibliography the review page cites from.
            shutil.copy2(ROOT / "references.bib", Path(scratch) / "references.bib")
            paths.append(str(edition))
        # --nbval-current-env: run notebooks in .venv's Python, whatever kernels the user has.
        command = [sys.executable, "-m", "pytest", *paths, "--nbval-lax", "--nbval-current-env",
                   "-p", "no:cacheprovider", *ignore, *args]
        print("$", " ".join(command), flush=True)
        return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
