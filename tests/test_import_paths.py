"""The import paths of the chapters and of their released nbgrader hidden tests keep working.

The course's scaffolding moved to adamlib.course in 0.6.0 and run.py joined train.py. Hidden
tests already released to a grader import the paths of before, so each path a notebook imports
must still import, and name the very module of its new home (one copy of the code, one record of
the checks' results), not a second one.
"""

import ast
import importlib
import json
import sys
from pathlib import Path

import pytest

import adamlib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))

# The scaffolding's paths before 0.6.0 and the module each one names now.
MOVED = {
    "adamlib.checks": "adamlib.course.checks",
    "adamlib.checks._core": "adamlib.course.checks._core",
    **{f"adamlib.checks.chapter{n}": f"adamlib.course.checks.chapter{n}"
       for n in ("1", "2", "3", "4", "5", "6", "7_1", "7_2", "7_3", "8")},
    "adamlib.explorer": "adamlib.course.explorer",
    "adamlib.plotting": "adamlib.course.plotting",
    "adamlib.source": "adamlib.course.source",
}


def notebook_imports() -> set[str]:
    """Every `import adamlib...` and `from adamlib... import ...` of a chapter's code cells."""
    found = set()
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            # IPython's magics and shell lines are not Python.
            source = cell["source"]
            lines = source.splitlines(keepends=True) if isinstance(source, str) else source
            code = "".join(line for line in lines if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.Import):
                    found.update(f"import {a.name}" for a in node.names if a.name.startswith("adamlib"))
                elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("adamlib"):
                    found.update(f"from {node.module} import {a.name}" for a in node.names)
    return found


IMPORTS = sorted(notebook_imports())


def test_the_chapters_import_the_scaffolding_by_its_old_paths():
    """The scan below sees the imports this test guards (a scan that found nothing passes all)."""
    assert {"import adamlib", "from adamlib import plotting",
            "from adamlib.checks import check_adam_step", "from adamlib.train import minibatches",
            "from adamlib.gradcheck import numerical_grad"} <= set(IMPORTS)


@pytest.mark.parametrize("statement", IMPORTS)
def test_every_import_of_a_chapter_works(statement):
    exec(statement, {})


@pytest.mark.parametrize("old, new", MOVED.items())
def test_an_old_path_names_the_module_of_its_new_home(old, new):
    assert importlib.import_module(old) is importlib.import_module(new)
    assert sys.modules[old] is sys.modules[new]


@pytest.mark.parametrize("name", ["checks", "explorer", "plotting", "source"])
def test_the_scaffolding_is_an_attribute_of_adamlib_as_before(name):
    assert getattr(adamlib, name) is importlib.import_module(f"adamlib.course.{name}")


def test_the_public_names_of_the_chapters_stay():
    from adamlib.train import minibatches, minimize, train

    assert adamlib.minimize is minimize and adamlib.train is train
    assert callable(minibatches)
    assert adamlib.show_source is importlib.import_module("adamlib.course.source").show_source
    assert adamlib.explore is importlib.import_module("adamlib.course.explorer").explore
    assert adamlib.checks.summary is importlib.import_module("adamlib.course.checks._core").summary


def test_a_check_run_by_the_old_path_counts_in_the_summary_of_the_new():
    from adamlib.checks import check_sgd_step
    from adamlib.course import checks

    checks._core._LATEST.clear()
    check_sgd_step(lambda x, g, lr: x - lr * g)
    assert checks.summary(chapter=1).passed == 1


def test_the_edition_maker_is_not_part_of_the_package():
    """Colab students install adamlib; the instructor's edition maker runs from a clone."""
    package = Path(adamlib.__file__).parent
    assert [p.name for p in package.rglob("*.py") if p.name in ("edition.py", "run.py")] == []
    assert (ROOT / "tools" / "edition.py").is_file()
