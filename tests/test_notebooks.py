"""Every chapter notebook as committed: outputs stripped, and the anatomy of a chapter in place.

These read the notebooks without running them (nbval runs them); they keep the conventions
that the student edition, nbgrader and the book's checks rely on from drifting.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


def cells(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_there_are_chapters():
    assert NOTEBOOKS, "no chapter notebooks found in chapters/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    dirty = [i for i, c in enumerate(cells(path))
             if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells with outputs or execution counts: {dirty}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_has_the_anatomy(path):
    markdown = "\n".join(text(c) for c in cells(path) if c["cell_type"] == "markdown")
    code = "\n".join(text(c) for c in cells(path) if c["cell_type"] == "code")
    chapter = int(path.name[:2])
    for part in ("Learning objectives", "Quick overview", "## Exercises", "## Review questions",
                 "## Key takeaways", "## References", ":::{exercise}", "solution-start",
                 "{cite"):
        assert part in markdown, f"{path.name}: no {part!r}"
    for part in ("adamlib.show_source(", "adamlib.explore(", "### BEGIN SOLUTION"):
        assert part in code, f"{path.name}: no {part!r}"
    # A chapter split into sections (07_1_..., 07_2_...) reports each section's exercises.
    section = re.match(r"\d\d_(\d)_", path.name)
    wanted = (f"adamlib.checks.summary(chapter={chapter}, section={section[1]})" if section
              else f"adamlib.checks.summary(chapter={chapter})")
    assert wanted in code, f"{path.name}: no {wanted!r}"
    assert re.search(r"^:::\{exercise\}", markdown, re.M), f"{path.name}: no exercise"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_explorer_has_a_heading_and_an_introduction(path):
    """An explorer is announced by an "Explore" heading and a paragraph saying what to try, in the
    markdown that leads to it (an edit once dropped both, leaving sliders without a word)."""
    notebook = cells(path)
    for i, cell in enumerate(notebook):
        if cell["cell_type"] == "code" and "adamlib.explore(" in text(cell):
            before = [text(c) for c in notebook[:i] if c["cell_type"] == "markdown"]
            heading = next((m for m in reversed(before) if re.search(r"^##+ ", m, re.M)), "")
            last = re.findall(r"^##+ (.*)$", heading, re.M)[-1] if heading else ""
            assert last.startswith("Explore"), f"{path.name}: cell {i}'s explorer sits under {last!r}"
            intro = heading.split(last, 1)[1]
            assert len(intro.split()) >= 20, f"{path.name}: cell {i}'s explorer has no introduction"


@pytest.mark.parametrize("chapter", sorted({int(p.name[:2]) for p in NOTEBOOKS}))
def test_each_chapter_has_three_kinds_of_exercise(chapter):
    """Implement, explain, experiment: at least three exercises per chapter, counted over its
    section notebooks when it is split (chapter 8's two sections share three)."""
    notebooks = [p for p in NOTEBOOKS if int(p.name[:2]) == chapter]
    markdown = "\n".join(text(c) for p in notebooks for c in cells(p) if c["cell_type"] == "markdown")
    assert len(re.findall(r"^:::\{exercise\}", markdown, re.M)) >= 3, \
        f"chapter {chapter}: fewer than three exercises (implement, explain, experiment)"
    for kind in ("Implement", "Explain", "Experiment"):
        assert f"**{kind}" in markdown, f"chapter {chapter}: no exercise marked **{kind}.**"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_marked_cells_carry_nbgrader_metadata(path):
    ids = []
    for i, cell in enumerate(cells(path)):
        meta = cell.get("metadata", {}).get("nbgrader")
        source = text(cell)
        if "### BEGIN SOLUTION" in source:
            assert meta and meta["solution"] and not meta["grade"], f"{path.name}: cell {i}"
        if "### BEGIN HIDDEN TESTS" in source:
            assert meta and meta["grade"] and meta["locked"] and meta["points"] > 0, \
                f"{path.name}: cell {i}"
            assert "remove-cell" in cell["metadata"].get("tags", []), \
                f"{path.name}: hidden tests in cell {i} would show in the book"
        if meta:
            ids.append(meta["grade_id"])
    assert ids and len(ids) == len(set(ids)), f"{path.name}: grade_ids missing or repeated: {ids}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_caption_a_name_and_alt_text(path):
    names = []
    for i, cell in enumerate(cells(path)):
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        if "figure" in mystnb:
            figure = mystnb["figure"]
            assert len(figure.get("caption", "")) > 40, f"{path.name}: cell {i}: caption too short"
            assert mystnb.get("image", {}).get("alt"), f"{path.name}: cell {i}: no alt text"
            names.append(figure["name"])
    assert names, f"{path.name}: no captioned figure"
    assert len(names) == len(set(names)), f"{path.name}: figure names repeated: {names}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_heading_is_the_title(path):
    first = next(text(c) for c in cells(path) if c["cell_type"] == "markdown")
    assert re.match(r"# \S", first), f"{path.name}: the first markdown cell must start with '# Title'"


def test_labels_are_unique_across_the_book():
    """Sphinx labels (equations, exercises, figures) share one namespace: a repeat fails -W."""
    owners = {}
    for path in NOTEBOOKS:
        for cell in cells(path):
            source = text(cell)
            labels = re.findall(r"\$\$\s*\((eq-[\w-]+)\)", source) + re.findall(r":label:\s*(\S+)", source)
            name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
            for label in labels + ([name] if name else []):
                assert label not in owners or owners[label] == path.name, \
                    f"label {label!r} in {path.name} and {owners[label]}"
                owners[label] = path.name
