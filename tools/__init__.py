"""The repository's tools, run from a clone (not installed with adamlib): the book's build
(:mod:`tools.book`), the student edition (:mod:`tools.edition`), the nbgrader course
(:mod:`tools.course`) and the release's bookkeeping (:mod:`tools.release`). ``python3 tasks.py`` runs them in .venv; the tests import them."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
