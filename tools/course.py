"""An nbgrader course directory for the chapters, in course/ (which git ignores).

    python3 tasks.py course ps2 02_momentum 03_adagrad_rmsprop
    python3 tasks.py nbgrader generate_assignment ps2     (nbgrader, run in course/)

writes ``course/source/<assignment>/``: the named notebooks of ``chapters/`` as nbgrader's
source, with nbgrader's marks and hidden tests but without the worked solutions (their folded
text and the code cells inside them: the edition's ``keep_marks``), so that nothing of the answer
key reaches nbgrader's release. It also writes ``course/nbgrader_config.py`` if there is none.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from . import ROOT
from .edition import EditionError, make_edition

COURSE = ROOT / "course"
CONFIG = '''\
# Written by `python3 tasks.py course`, which never overwrites it: yours to edit.
c = get_config()
# nbgrader stops a cell after 30 s by default; the chapters' experiments may need longer on a
# busy machine.
c.Execute.timeout = 600
'''


def notebook_path(name: str, chapters: Path = ROOT / "chapters") -> Path:
    """The chapter notebook that `name` names: `02_momentum`, `02_momentum.ipynb` or a path."""
    path = chapters / f"{Path(name).stem}.ipynb"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(chapters.glob("*.ipynb")))
        raise EditionError(f"no notebook {path.name} in {chapters}; the notebooks: {known}")
    return path


def make_assignment(assignment: str, names: list, course: Path = COURSE, force: bool = False):
    """Write the nbgrader source of `assignment` (the notebooks `names`) into `course`; the
    edition's reports."""
    if not assignment or Path(assignment).name != assignment:
        raise EditionError(f"an assignment is a plain folder name, not {assignment!r}")
    paths = [notebook_path(name) for name in names]
    with tempfile.TemporaryDirectory(prefix="assignment-") as scratch:
        for path in paths:
            shutil.copy2(path, scratch)
        reports = make_edition(Path(scratch), course / "source" / assignment, force,
                               keep_marks=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    return reports


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 tasks.py course",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", help="the assignment's name, e.g. ps2")
    parser.add_argument("notebooks", nargs="+", help="chapter notebooks, e.g. 02_momentum")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing source of this assignment")
    args = parser.parse_args(argv)
    try:
        reports = make_assignment(args.assignment, args.notebooks, force=args.force)
    except EditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    removed = sum(r.solutions_removed for r in reports)
    print(f"Wrote {len(reports)} notebook(s) to {COURSE / 'source' / args.assignment}: nbgrader's "
          f"marks kept, {removed} worked solution(s) removed.")
    print(f"Next: python3 tasks.py nbgrader generate_assignment {args.assignment}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
