"""The claims rules that a reading of the notebooks can enforce (CONTRIBUTING.md, "Claims").

A check of what the text says lives in a cell of its own, right after what it pins, tagged
`remove-cell` (the reader never sees it) and `claim` (so it can be counted). A figure's cell
only draws and an experiment's cell only computes: a reader who unfolds a figure's code sees
the figure's code, not the book's bookkeeping. nbgrader's hidden-test cells are the one
exception: they are the grader's checks, not claims of the text.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
CHAPTERS = [p for p in NOTEBOOKS if p.name[:2].isdigit()]
HIDDEN_TESTS = "### BEGIN HIDDEN TESTS"
# Names a cell that draws uses; a claim cell uses none of them.
DRAWING = {"plt", "plotting", "fig", "ax", "axes"}


def code_cells(path: Path):
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "code":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            yield i, source, set(cell["metadata"].get("tags", []))


def tree(source: str) -> ast.Module:
    # IPython's magics and shell escapes are not Python: blank them before parsing.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    return ast.parse("\n".join(lines))


def asserts_in(source: str) -> int:
    return sum(isinstance(node, ast.Assert) for node in ast.walk(tree(source)))


def names_in(source: str) -> set:
    return {node.id for node in ast.walk(tree(source)) if isinstance(node, ast.Name)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_assert_is_in_a_claim_cell(path):
    wrong = [(i, sorted(tags)) for i, source, tags in code_cells(path)
             if asserts_in(source) and HIDDEN_TESTS not in source
             and not {"remove-cell", "claim"} <= tags]
    assert not wrong, (f"{path.name}: cells (index, tags) that assert but are not tagged "
                       f"remove-cell and claim; move the checks into a cell of their own: {wrong}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_claim_cell_checks_and_does_not_draw(path):
    for i, source, tags in code_cells(path):
        if "claim" not in tags:
            continue
        assert "remove-cell" in tags, f"{path.name}: claim cell {i} is shown to readers"
        assert asserts_in(source), f"{path.name}: claim cell {i} asserts nothing"
        drawing = names_in(source) & DRAWING
        assert not drawing, f"{path.name}: claim cell {i} draws ({sorted(drawing)}): draw in the figure's cell"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_claim_cell_follows_what_it_pins(path):
    cells = list(code_cells(path))
    assert any("claim" in tags for _, _, tags in cells), f"{path.name}: no claim cell"
    first_code = cells[0][0]
    early = [i for i, _, tags in cells if "claim" in tags and i == first_code]
    assert not early, f"{path.name}: a claim cell comes before any code it could check"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_alt_text_and_captions_carry_no_myst_roles(path):
    """Alt text is read aloud as it is written: a MyST role there reaches the reader raw."""
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
        assert "}`" not in alt, f"{path.name}: cell {i}: a MyST role in the alt text: {alt[:100]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_parses_without_warnings(path):
    """An invalid escape ("$\\mathcal W$" in a plain string) is a warning today and an error in a
    later Python: TeX in code goes in raw strings."""
    import warnings
    for i, source, _ in code_cells(path):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                tree(source)
            except (SyntaxError, SyntaxWarning, DeprecationWarning) as problem:
                pytest.fail(f"{path.name}: cell {i}: {problem}")
