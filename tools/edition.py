"""The student edition: the chapter notebooks without their solutions.

    python -m tools.edition chapters/ student/   (from the clone's root; or: python3 tasks.py student)

In every notebook it

- replaces each region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader's marks)
  by ``raise NotImplementedError(...)`` naming the exercise, so the function still exists and
  raises only when called — its check then reports "not attempted yet";
- removes each region between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``, and a cell
  left empty by that;
- removes the text of every solution block (sphinx-exercise's ``{solution}`` directive and the
  gated ``{solution-start}`` … ``{solution-end}`` form) and every unmarked code cell inside a
  gated solution;

and keeps everything else — prose, figures' code, explorers, check cells — as it is. Notebooks
without marks are copied unchanged. It never writes into the source folder, nor into a folder of
a git repository that git does not ignore (the edition would show up as files to commit), and
refuses to overwrite an existing edition unless told to.

With ``keep_marks=True`` (``--keep-marks``) the worked solutions go (their text and their
unmarked code cells) but the nbgrader marks stay: a source for ``nbgrader generate_assignment``
whose release holds no solution (``python3 tasks.py course`` writes one, see tools/course.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"

# A MyST directive opens with three or more colons or backticks: ":::{solution} ex-1".
_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[a-z-]+)\}\s*(?P<arg>\S*)")
_LABEL = re.compile(r"^:label:\s*(\S+)")


class EditionError(ValueError):
    """A malformed mark: the message names the notebook and the cell."""


@dataclass
class Report:
    """What the edition did to one notebook."""

    notebook: str
    stubbed: list = field(default_factory=list)
    solutions_removed: int = 0
    hidden_tests_removed: int = 0
    cells_removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.stubbed or self.solutions_removed or self.hidden_tests_removed
                     or self.cells_removed)

    def __str__(self) -> str:
        if not self.changed:
            return f"{self.notebook}: no marks, copied unchanged"
        stubbed = ", ".join(self.stubbed) or "none"
        return (f"{self.notebook}: {len(self.stubbed)} exercise(s) stubbed ({stubbed}), "
                f"{self.solutions_removed} solution block(s) removed, "
                f"{self.hidden_tests_removed} hidden test block(s) removed")


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _where(path, index, cell) -> str:
    cell_id = f" (id {cell['id']})" if cell.get("id") else ""
    return f"{path}: cell {index}{cell_id}"


def _regions(lines, begin, end, where):
    """The (start, stop) line indices of each begin…end region, checked to be well formed."""
    regions, start = [], None
    for i, line in enumerate(lines):
        mark = line.strip()
        if mark == begin:
            if start is not None:
                raise EditionError(f"{where}: {begin} inside another {begin} (line {i + 1})")
            start = i
        elif mark == end:
            if start is None:
                raise EditionError(f"{where}: {end} without {begin} (line {i + 1})")
            regions.append((start, i))
            start = None
    if start is not None:
        raise EditionError(f"{where}: {begin} without {end} (line {start + 1})")
    return regions


def _stub(lines, regions, exercise):
    """Each region replaced by one `raise NotImplementedError`, indented as its BEGIN mark."""
    out, last = [], 0
    for start, stop in regions:
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        out += lines[last:start]
        out.append(f'{indent}raise NotImplementedError("{exercise}: replace this line with your '
                   f'solution")\n')
        last = stop + 1
    return out + lines[last:]


def _cut(lines, regions):
    keep = set(range(len(lines))) - {i for start, stop in regions for i in range(start, stop + 1)}
    return [lines[i] for i in sorted(keep)]


def _closing_fence(lines, start, fence, default=None):
    """The index of the first line after ``start`` that is exactly ``fence`` (a directive's end)."""
    return next((j for j in range(start + 1, len(lines)) if lines[j].strip() == fence), default)


def _tidy(text: str) -> str:
    """No run of blank lines longer than one, and no blank lines at the ends."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


class _Numbering:
    """Exercise labels to the numbers the book shows: the chapter's number, then the order
    through the chapter (a chapter in several notebooks numbers on from the previous one)."""

    def __init__(self, chapter: str | None, first: int = 1):
        self.chapter, self.first, self.numbers = chapter, first, {}

    def add(self, label: str):
        self.numbers.setdefault(label, self.first + len(self.numbers))

    def name(self, label: str | None) -> str:
        if label is None or label not in self.numbers:
            return f"Exercise {label}" if label else "This exercise"
        number = f"{self.chapter}.{self.numbers[label]}" if self.chapter else str(self.numbers[label])
        return f"Exercise {number} ({label})"


def exercise_labels(notebook: dict) -> list:
    """The label of each exercise of the notebook, in order."""
    found = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            lines = _source(cell).splitlines()
            for i, line in enumerate(lines):
                opened = _OPEN.match(line)
                if opened and opened["name"] in ("exercise", "exercise-start"):
                    labels = [m[1] for m in map(_LABEL.match, lines[i + 1:i + 8]) if m]
                    if labels:
                        found.append(labels[0])
    return found


def student_notebook(notebook: dict, path: str = "notebook", chapter: str | None = None,
                     keep_marks: bool = False, first: int = 1):
    """The student edition of one notebook (nbformat JSON as a dict) and a Report of the changes.
    ``first`` is the number of the notebook's first exercise within its chapter."""
    notebook = copy.deepcopy(notebook)
    report = Report(str(path))
    numbering = _Numbering(chapter, first)
    for label in exercise_labels(notebook):
        numbering.add(label)

    cells, solution = [], None  # `solution`: (label, index of the cell that opened it)
    for index, cell in enumerate(notebook["cells"]):
        where = _where(path, index, cell)
        text = _source(cell)
        if cell["cell_type"] == "code":
            lines = text.splitlines(keepends=True)
            solutions = _regions(lines, BEGIN_SOLUTION, END_SOLUTION, where)
            hidden = _regions(lines, BEGIN_HIDDEN, END_HIDDEN, where)
            if solution is not None and not solutions:
                report.cells_removed += 1  # an unmarked cell of a worked solution
                continue
            if keep_marks:
                cells.append(cell)
                continue
            if solutions:
                label = solution[0] if solution else (
                    cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"))
                lines = _stub(lines, solutions, numbering.name(label))
                report.stubbed.append(numbering.name(label))
            if hidden:
                lines = _cut(lines, _regions(lines, BEGIN_HIDDEN, END_HIDDEN, where))
                report.hidden_tests_removed += len(hidden)
                if not "".join(lines).strip():
                    report.cells_removed += 1
                    continue
            cell["source"] = "".join(lines).rstrip("\n")
            cells.append(cell)
            continue
        if cell["cell_type"] != "markdown":
            cells.append(cell)
            continue
        kept, lines, i = [], text.splitlines(), 0
        while i < len(lines):
            line = lines[i]
            opened = _OPEN.match(line)
            if solution is not None:
                if opened and opened["name"] == "solution-end":
                    solution = None
                    # The gated directives close at once: skip their options and closing fence.
                    i = _closing_fence(lines, i, opened["fence"], default=len(lines))
                i += 1
                continue
            if opened and opened["name"] == "solution-end":
                raise EditionError(f"{where}: {{solution-end}} without {{solution-start}}")
            if opened and opened["name"] == "solution-start":
                solution = (opened["arg"] or None, index)
                report.solutions_removed += 1
                i = _closing_fence(lines, i, opened["fence"], default=len(lines)) + 1
                continue
            if opened and opened["name"] == "solution":
                end = _closing_fence(lines, i, opened["fence"])
                if end is None:
                    raise EditionError(f"{where}: {{solution}} block without its closing "
                                       f"{opened['fence']}")
                report.solutions_removed += 1
                i = end + 1
                continue
            kept.append(line)
            i += 1
        new_text = _tidy("\n".join(kept))
        if not new_text:
            report.cells_removed += 1
            continue
        if new_text != _tidy(text):
            cell["source"] = new_text
        cells.append(cell)
    if solution is not None:
        raise EditionError(f"{_where(path, solution[1], notebook['cells'][solution[1]])}: "
                           f"{{solution-start}} without {{solution-end}}")
    notebook["cells"] = cells
    return notebook, report


def chapter_number(path: Path) -> str | None:
    """`01_gradient_descent.ipynb` is chapter 1: the digits its name starts with."""
    match = re.match(r"(\d+)", path.name)
    return str(int(match[1])) if match else None


def tracked_by_git(target: Path) -> Path | None:
    """The git work tree in which files written into ``target`` would show up as files to commit;
    None if ``target`` is outside every work tree, ignored by git, or git is not installed."""
    existing = next(p for p in (target, *target.parents) if p.exists())
    try:
        top = subprocess.run(["git", "-C", str(existing), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True)
    except FileNotFoundError:
        return None
    if top.returncode:
        return None
    # A file inside: a pattern such as `student/` matches a folder only, and `target` may not
    # exist yet.
    probe = target / "edition.ipynb"
    ignored = subprocess.run(["git", "-C", top.stdout.strip(), "check-ignore", "-q", str(probe)])
    return None if ignored.returncode == 0 else Path(top.stdout.strip())


def make_edition(source: Path, target: Path, force: bool = False, keep_marks: bool = False):
    """Write the student edition of every notebook in `source` into `target`; the reports."""
    source, target = Path(source).resolve(), Path(target).resolve()
    if not source.is_dir():
        raise EditionError(f"{source} is not a folder of notebooks")
    if target == source or source in target.parents or target in source.parents:
        raise EditionError(f"the edition must go to a folder apart from the sources, not {target}")
    repository = tracked_by_git(target)
    if repository is not None:
        raise EditionError(f"{target} is in the git repository {repository} and git does not "
                           f"ignore it: write the edition into a git-ignored folder (student/, "
                           f"course/) or outside the repository")
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise EditionError(f"{source} holds no notebooks (*.ipynb)")
    if target.exists() and any(target.iterdir()):
        if not force:
            raise EditionError(f"{target} already exists; pass --force to replace it")
        shutil.rmtree(target)
    # Every notebook is transformed before anything is written: a malformed mark leaves no
    # half-written edition behind.
    editions, numbered = [], {}  # numbered: exercises of each chapter so far (07_1_, 07_2_, ...)
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        notebook, chapter = json.loads(text), chapter_number(path)
        first = numbered.get(chapter, 0) + 1
        numbered[chapter] = first - 1 + len(exercise_labels(notebook))
        edition, report = student_notebook(notebook, path.name, chapter, keep_marks, first)
        editions.append((path, text, edition, report))
    target.mkdir(parents=True, exist_ok=True)
    for path, text, edition, report in editions:
        out = target / path.name
        if report.changed:
            import nbformat  # installed with Jupyter; only an edition with changes needs it

            out.write_text(nbformat.writes(nbformat.from_dict(edition)), encoding="utf-8")
        else:
            out.write_text(text, encoding="utf-8")
    return [report for *_, report in editions]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.edition", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the folder of chapter notebooks")
    parser.add_argument("target", type=Path, help="the folder to write the edition into")
    parser.add_argument("--force", action="store_true", help="replace an existing edition")
    parser.add_argument("--keep-marks", action="store_true",
                        help="keep nbgrader's marks (an nbgrader source without solution prose)")
    args = parser.parse_args(argv)
    try:
        reports = make_edition(args.source, args.target, args.force, args.keep_marks)
    except EditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for report in reports:
        print(report)
    stubbed = sum(len(r.stubbed) for r in reports)
    print(f"Wrote {len(reports)} notebook(s) to {args.target}: {stubbed} exercise(s) stubbed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
