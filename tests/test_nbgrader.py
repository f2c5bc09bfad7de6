"""nbgrader: every graded cell has its points, the nbgrader source leaves the repository clean,
and the instructor guide's nbgrader commands run as written, through autograding."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tasks
from tools.course import make_assignment
from tools.edition import EditionError, main, make_edition

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "chapters" / "instructor-guide.md"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
# The wrong answer of the submission: Exercise 3.1 with g where RMSprop averages g**2.
WRONG = ("ex-rmsprop-step", "g**2", "g")


def text(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def nbgrader_cells(path: Path) -> list:
    """The nbgrader metadata of each cell of the notebook that has some."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c["metadata"]["nbgrader"] for c in cells if "nbgrader" in c["metadata"]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_graded_cell_has_points_and_every_solution_its_graded_tests(path):
    marks = nbgrader_cells(path)
    graded = {m["grade_id"]: m for m in marks if m.get("grade")}
    for grade_id, meta in graded.items():
        assert meta.get("points", 0) > 0, f"{path.name}: {grade_id} is graded without points"
    for meta in marks:
        if meta.get("solution") and meta.get("grade_id"):
            assert f"{meta['grade_id']}-tests" in graded, \
                f"{path.name}: {meta['grade_id']} has no graded cell {meta['grade_id']}-tests"


def git(*args, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def repository(tmp_path):
    """A git repository holding a copy of the chapters, with `student/` ignored."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "chapters", repo / "chapters")
    (repo / ".gitignore").write_text("student/\n")
    git("init", "--quiet", cwd=repo)
    return repo


def test_an_edition_is_refused_where_git_would_track_it(repository, capsys):
    """`--keep-marks` once wrote into the clone's root, as files to commit."""
    with pytest.raises(EditionError, match="git does not ignore it"):
        make_edition(repository / "chapters", repository / "nbgrader-source", keep_marks=True)
    assert not (repository / "nbgrader-source").exists()
    assert main([str(repository / "chapters"), str(repository / "nbgrader-source"),
                 "--keep-marks"]) == 2
    assert "git-ignored folder" in capsys.readouterr().err
    make_edition(repository / "chapters", repository / "student", keep_marks=True)
    assert (repository / "student").is_dir()
    assert "student" not in git("status", "--porcelain", "--untracked-files=all", cwd=repository)


def test_the_course_folder_is_ignored_by_git():
    assert subprocess.run(["git", "check-ignore", "-q", "course/source/ps2/x.ipynb"],
                          cwd=ROOT).returncode == 0


def test_an_assignment_names_chapter_notebooks(tmp_path):
    with pytest.raises(EditionError, match="no notebook 02_moment.ipynb"):
        make_assignment("ps2", ["02_moment"], course=tmp_path)
    with pytest.raises(EditionError, match="plain folder name"):
        make_assignment("../ps2", ["02_momentum"], course=tmp_path)


def test_an_assignment_is_replaced_only_when_forced_and_the_config_is_never(tmp_path):
    make_assignment("ps1", ["01_gradient_descent"], course=tmp_path)
    written = [p.name for p in (tmp_path / "source" / "ps1").iterdir()]
    assert written == ["01_gradient_descent.ipynb"]
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()  # the instructor's\n")
    with pytest.raises(EditionError, match="already exists; pass --force"):
        make_assignment("ps1", ["01_gradient_descent"], course=tmp_path)
    make_assignment("ps1", ["01_gradient_descent"], course=tmp_path, force=True)
    assert "the instructor's" in (tmp_path / "nbgrader_config.py").read_text()


def test_nbgrader_before_any_assignment_says_what_to_run_first(tmp_path):
    """`tasks.py nbgrader` runs in course/; without one it says so (and installs nothing)."""
    shutil.copy2(ROOT / "tasks.py", tmp_path)
    result = subprocess.run([sys.executable, "tasks.py", "nbgrader", "export"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "python3 tasks.py course ps2" in result.stderr
    assert not (tmp_path / ".venv").exists()


def guide_block(name: str, root: Path) -> str:
    """The commands of the code block that the guide of the clone at `root` marks to run as
    written under `name`."""
    guide = (root / GUIDE.relative_to(ROOT)).read_text(encoding="utf-8")
    found = re.findall(rf"^% tests/test_nbgrader\.py runs this block as written: {name}\n"
                       r"```bash\n(.*?)^```", guide, re.M | re.S)
    assert len(found) == 1, f"the guide has {len(found)} blocks marked {name!r}"
    return found[0]


def run_block(name: str, clone: Path, env: dict) -> None:
    result = subprocess.run(["bash", "-e", "-c", guide_block(name, clone)], cwd=clone, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def solution_cells(notebook: dict) -> dict:
    """Each solution cell's source by its grade_id."""
    return {c["metadata"]["nbgrader"]["grade_id"]: text(c) for c in notebook["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution")}


def worked_solution_code(notebook: dict) -> list:
    """The code cells inside a folded solution that carry no nbgrader mark."""
    inside, found = False, []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            opened = "{solution-start}" in text(cell) or inside
            inside = opened and "{solution-end}" not in text(cell)
        elif inside and "### BEGIN SOLUTION" not in text(cell) and text(cell).strip():
            found.append(text(cell))
    return found


def test_the_guides_nbgrader_commands_run_as_written_from_a_fresh_clone(tmp_path):
    """The guide's two blocks, run by bash as written, in a fresh clone of HEAD (commit first:
    the working tree's changes are not in it), with a student's submission in between: every
    answer the key's except one wrong answer. The scores nbgrader's gradebook and its export
    read back are the points of the graded cells, 0 for the wrong answer's.

    So that nothing is installed, the clone's .venv links to the parts of the .venv that runs
    this test (which has nbgrader: `tasks.py test` installs requirements-test.txt) and carries
    a stamp saying so. PYTHONPATH puts the clone's adamlib before the editable install's."""
    pytest.importorskip("nbgrader")
    if sys.prefix == sys.base_prefix:
        pytest.skip("not run in a virtual environment: there is no .venv to link to")
    from nbgrader.api import Gradebook

    clone = tmp_path / "clone"
    git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone), cwd=tmp_path)
    git("checkout", "--quiet", git("rev-parse", "HEAD", cwd=ROOT), cwd=clone)
    (clone / ".venv").mkdir()
    for part in Path(sys.prefix).iterdir():
        if part.name != ".installed":
            (clone / ".venv" / part.name).symlink_to(part)
    (clone / ".venv" / ".installed").write_text(
        f"{tasks.requirements_digest(clone)} requirements-test.txt requirements.txt")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PYTHONPATH"] = str(clone)

    run_block("release", clone, env)
    course = clone / "course"
    (assignment,) = [p.name for p in (course / "source").iterdir()]
    names = sorted(p.name for p in (course / "source" / assignment).glob("*.ipynb"))
    student = course / "submitted" / "student1" / assignment
    student.mkdir(parents=True)
    expected, wrong_found, worked = {}, False, 0
    for name in names:
        key = json.loads((clone / "chapters" / name).read_text(encoding="utf-8"))
        released = json.loads((course / "release" / assignment / name).read_text(encoding="utf-8"))
        everything = "\n".join(text(c) for c in released["cells"])
        for code in worked_solution_code(key):
            assert code not in everything, f"{name}: a worked solution's cell was released"
            worked += 1
        assert "BEGIN SOLUTION" not in everything and "HIDDEN TESTS" not in everything
        answers = solution_cells(key)
        for cell in released["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("solution"):
                grade_id = meta["grade_id"]
                answer = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION\n?", "", answers[grade_id],
                                flags=re.M)
                if grade_id == WRONG[0]:
                    assert WRONG[1] in answer, f"the wrong answer's {WRONG[1]!r} is gone"
                    answer, wrong_found = answer.replace(WRONG[1], WRONG[2]), True
                cell["source"] = answer
        (student / name).write_text(json.dumps(released), encoding="utf-8")
        for meta in nbgrader_cells(clone / "chapters" / name):
            if meta.get("grade"):
                right = meta["grade_id"] != f"{WRONG[0]}-tests"
                expected[Path(name).stem, meta["grade_id"]] = (meta["points"] * right,
                                                                meta["points"])
    assert wrong_found, f"{assignment} does not hold {WRONG[0]}, the exercise answered wrongly"
    assert worked, f"{assignment}'s key has no worked-solution code cell to leave out"

    run_block("grade", clone, env)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {(notebook, grade_id): (gradebook.find_grade(
                      grade_id, notebook, assignment, "student1").score, points)
                  for (notebook, grade_id), (_, points) in expected.items()}
    assert scores == expected
    (row,) = csv.DictReader((course / "grades.csv").open())
    assert (float(row["score"]), float(row["max_score"])) == (
        sum(s for s, _ in expected.values()), sum(p for _, p in expected.values()))
    assert 0 < float(row["score"]) < float(row["max_score"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_solution_cells_grade_id_is_its_exercises_label(path):
    """An instructor matches nbgrader's scores to the book's exercises by name: the grade_id of
    a solution cell is the label of the exercise it answers (8.3 once had `ex-cosine-schedule`
    in the book and `ex-cosine-lr` in nbgrader)."""
    label = None
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            found = re.findall(r"^:::\{exercise\}.*\n:label: (\S+)", text(cell), re.M)
            label = found[-1] if found else label
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution"):
            assert meta["grade_id"] == label, f"{path.name}: {meta['grade_id']} answers {label}"
