"""The student edition: solutions stubbed, solution text and hidden tests gone, all else kept."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from adamlib import checks
from tools.edition import EditionError, main, make_edition, student_notebook

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def notebook(*cells) -> dict:
    """A notebook from (kind, source) pairs; kind 'md' or 'code'."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
                for kind, text in cells]
    return json.loads(nbformat.writes(nb))


GATED = notebook(
    ("md", ":::{exercise}\n:label: ex-a\n\nWrite `double(x)`.\n:::\n\n"
           ":::{solution-start} ex-a\n:class: dropdown\n:::\n\nMultiply by two."),
    ("code", "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
    ("code", "print('worked example of the solution')"),
    ("md", ":::{solution-end}\n:::\n\nText after the solution."),
    ("code", "check(double)\n### BEGIN HIDDEN TESTS\nassert double(2) == 4\n### END HIDDEN TESTS"),
    ("code", "### BEGIN HIDDEN TESTS\nassert double(3) == 6\n### END HIDDEN TESTS"),
    ("md", ":::{exercise}\n:label: ex-b\n\nExplain.\n:::\n\n:::{solution} ex-b\n:class: dropdown\n\n"
           "Because.\n:::\n\n## Review"),
)


def test_gated_solution_becomes_a_stub_naming_the_exercise():
    edition, report = student_notebook(GATED, "07_x.ipynb", chapter="7")
    texts = [source(c) for c in edition["cells"]]
    stub = next(t for t in texts if t.startswith("def double"))
    assert stub == ('def double(x):\n    raise NotImplementedError("Exercise 7.1 (ex-a): replace '
                    'this line with your solution")')
    assert report.stubbed == ["Exercise 7.1 (ex-a)"]


def test_solution_text_hidden_tests_and_unmarked_solution_cells_are_gone():
    edition, report = student_notebook(GATED, "x.ipynb")
    everything = "\n".join(source(c) for c in edition["cells"])
    for gone in ("Multiply by two", "return 2 * x", "worked example", "Because.", "solution-start",
                 "solution-end", "{solution}", "HIDDEN TESTS", "assert double", "BEGIN SOLUTION"):
        assert gone not in everything, gone
    assert report.solutions_removed == 2 and report.hidden_tests_removed == 2
    assert report.cells_removed == 2  # the worked-example cell and the all-hidden test cell


def test_everything_else_is_kept():
    edition, _ = student_notebook(GATED, "x.ipynb")
    texts = [source(c) for c in edition["cells"]]
    assert texts[0] == ":::{exercise}\n:label: ex-a\n\nWrite `double(x)`.\n:::"
    assert "Text after the solution." in texts
    assert "check(double)" in texts
    assert texts[-1] == ":::{exercise}\n:label: ex-b\n\nExplain.\n:::\n\n## Review"


def test_keep_marks_removes_the_prose_but_keeps_nbgrader_marks():
    edition, _ = student_notebook(GATED, "x.ipynb", keep_marks=True)
    everything = "\n".join(source(c) for c in edition["cells"])
    assert "### BEGIN SOLUTION" in everything and "### BEGIN HIDDEN TESTS" in everything
    assert "Multiply by two" not in everything and "Because." not in everything


@pytest.mark.parametrize("cells, message", [
    ([("code", "### BEGIN SOLUTION\nx = 1")], r"bad\.ipynb: cell 0 \(id .*\): ### BEGIN SOLUTION without ### END SOLUTION"),
    ([("md", "t"), ("code", "x = 1\n### END SOLUTION")], r"bad\.ipynb: cell 1 .*### END SOLUTION without ### BEGIN SOLUTION"),
    ([("code", "### BEGIN HIDDEN TESTS\nassert x")], r"cell 0 .*### BEGIN HIDDEN TESTS without ### END HIDDEN TESTS"),
    ([("code", "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION")], r"cell 0 .*inside another"),
    ([("md", "intro"), ("md", ":::{solution-start} ex\n:::\ntext")], r"bad\.ipynb: cell 1 .*\{solution-start\} without \{solution-end\}"),
    ([("md", ":::{solution-end}\n:::")], r"cell 0 .*\{solution-end\} without \{solution-start\}"),
    ([("md", ":::{solution} ex\ntext")], r"cell 0 .*\{solution\} block without its closing :::"),
])
def test_malformed_marks_are_clear_errors_naming_file_and_cell(cells, message):
    with pytest.raises(EditionError, match=message):
        student_notebook(notebook(*cells), "bad.ipynb")


def digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_edition_of_the_chapters_leaves_the_sources_untouched(tmp_path):
    before = digest(CHAPTERS)
    reports = make_edition(CHAPTERS, tmp_path / "student")
    assert digest(CHAPTERS) == before
    written = sorted(p.name for p in (tmp_path / "student").iterdir())
    assert written == sorted(p.name for p in CHAPTERS.glob("*.ipynb"))
    assert sum(len(r.stubbed) for r in reports) >= 1
    for path in (tmp_path / "student").iterdir():
        text = path.read_text()
        for mark in ("### BEGIN SOLUTION", "### END SOLUTION", "HIDDEN TESTS", "solution-start",
                     "{solution}"):
            assert mark not in text, (path.name, mark)
        nbformat.validate(nbformat.read(path, as_version=4))


def test_the_stub_is_reported_not_attempted_by_its_check(tmp_path):
    make_edition(CHAPTERS, tmp_path / "student")
    nb = json.loads((tmp_path / "student" / "01_gradient_descent.ipynb").read_text())
    cell = next(c for c in nb["cells"] if source(c).startswith("def sgd_step"))
    namespace = {}
    exec(source(cell), namespace)  # the edition's own cell: defines the stubbed function
    result = checks.check_sgd_step(namespace["sgd_step"])
    assert result.status == "not attempted yet"


def test_refuses_to_overwrite_unless_forced(tmp_path):
    target = tmp_path / "student"
    make_edition(CHAPTERS, target)
    (target / "mine.txt").write_text("a student's work")
    with pytest.raises(EditionError, match="already exists; pass --force"):
        make_edition(CHAPTERS, target)
    assert (target / "mine.txt").exists()
    make_edition(CHAPTERS, target, force=True)
    assert not (target / "mine.txt").exists()


def test_refuses_a_target_inside_the_sources(tmp_path):
    shutil.copytree(CHAPTERS, tmp_path / "chapters")
    with pytest.raises(EditionError, match="apart from the sources"):
        make_edition(tmp_path / "chapters", tmp_path / "chapters" / "student")


def test_notebooks_without_marks_are_copied_unchanged(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    text = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]))
    (plain / "a.ipynb").write_text(text)
    reports = make_edition(plain, tmp_path / "out")
    assert (tmp_path / "out" / "a.ipynb").read_text() == text
    assert str(reports[0]) == "a.ipynb: no marks, copied unchanged"


def test_a_malformed_notebook_writes_nothing(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for name, code in [("a.ipynb", "x = 1"), ("b.ipynb", "### BEGIN SOLUTION\nx = 1")]:
        (folder / name).write_text(nbformat.writes(nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(code)])))
    with pytest.raises(EditionError, match=r"b\.ipynb: cell 0"):
        make_edition(folder, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_command_line_says_what_it_wrote(tmp_path, capsys):
    assert main([str(CHAPTERS), str(tmp_path / "student")]) == 0
    out = capsys.readouterr().out
    assert ("01_gradient_descent.ipynb: 2 exercise(s) stubbed (Exercise 1.1 (ex-sgd-step), "
            "Exercise 1.4 (ex-gd-trajectory))") in out
    assert f"Wrote {len(list(CHAPTERS.glob('*.ipynb')))} notebook(s)" in out
    assert main([str(CHAPTERS), str(tmp_path / "student")]) == 2
    assert "already exists" in capsys.readouterr().err


def test_nbgrader_generates_the_assignment_from_our_notebooks(tmp_path):
    """An instructor who uses nbgrader runs `nbgrader generate_assignment` on the sources."""
    nbgrader = Path(sys.executable).parent / "nbgrader"
    if not nbgrader.exists():
        pytest.skip("nbgrader is not installed (it is in requirements-test.txt)")
    course = tmp_path / "course"
    shutil.copytree(CHAPTERS, course / "source" / "ch1", ignore=shutil.ignore_patterns("*.md"))
    env = dict(os.environ, PATH=os.pathsep.join([str(nbgrader.parent), os.environ["PATH"]]))
    result = subprocess.run([nbgrader, "generate_assignment", "ch1",
                             f"--CourseDirectory.root={course}"],
                            cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    released = json.loads((course / "release" / "ch1" / "01_gradient_descent.ipynb").read_text())
    code = "\n".join(source(c) for c in released["cells"] if c["cell_type"] == "code")
    assert "raise NotImplementedError()" in code and "return x - lr * g" not in code
    assert "HIDDEN TESTS" not in code
    graded = [c["metadata"]["nbgrader"] for c in released["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade")]
    assert graded and all("checksum" in meta for meta in graded)


def test_a_chapter_in_several_notebooks_numbers_its_exercises_through_the_chapter(tmp_path):
    """The book numbers 07_2_'s exercises on from 07_1_'s; the stubs must say the same numbers."""
    folder = tmp_path / "chapters"
    folder.mkdir()
    for name in ("07_1_a.ipynb", "07_2_b.ipynb", "08_c.ipynb"):
        (folder / name).write_text(json.dumps(GATED), encoding="utf-8")
    reports = {r.notebook: r for r in make_edition(folder, tmp_path / "out")}
    assert reports["07_1_a.ipynb"].stubbed == ["Exercise 7.1 (ex-a)"]
    assert reports["07_2_b.ipynb"].stubbed == ["Exercise 7.3 (ex-a)"]  # after 7.1 and 7.2
    assert reports["08_c.ipynb"].stubbed == ["Exercise 8.1 (ex-a)"]
