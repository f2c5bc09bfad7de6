"""The built book as a reader gets it: every page there, solutions folded until asked for, the
front page and the bibliography. What every page shows at every width (figures, math, no error,
no request leaving the machine) is read in test_screens.py.

The book is built once per session with every notebook executed (see conftest.py); the pages
are opened in headless Chromium from a local server, and any request leaving 127.0.0.1 fails.
"""

from __future__ import annotations

import json
import re

import pytest

import tools.book

import tools.release

PAGES = tools.book.toc_pages()
CHAPTER_ONE = "chapters/01_gradient_descent"
# The chapter notebooks (07_1_..., 07_2_... for a chapter in sections), not the parent pages.
CHAPTERS = [name for name in PAGES
            if re.fullmatch(r"chapters/\d\d_\w+", name) and (tools.ROOT / f"{name}.ipynb").is_file()]
FRONT_PAGE = "chapters/index"
BIBLIOGRAPHY = "chapters/bibliography"

def test_every_page_of_the_toc_is_built(book_html):
    missing = [name for name in PAGES if not (book_html / f"{name}.html").is_file()]
    assert not missing, f"pages of _toc.yml missing from the build: {missing}"
    assert {CHAPTER_ONE, FRONT_PAGE, BIBLIOGRAPHY} <= set(PAGES)


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_are_folded_until_clicked(visit, name):
    page = visit(name).page
    # sphinx-exercise's `:class: dropdown`, folded by sphinx-togglebutton's script.
    solutions = page.locator("div.solution.dropdown")
    assert solutions.count() >= 1, f"no folded solution in {name}"
    for s in range(solutions.count()):
        solution = solutions.nth(s)
        content = solution.locator("section").first
        # Its own title: a solution may hold code cells whose folds have titles too.
        own_title = solution.locator(":scope > .admonition-title")
        title = own_title.text_content().strip()
        assert content.is_hidden(), f"solution {title!r} is visible before a click"
        own_title.click()
        assert content.is_visible(), f"solution {title!r} did not open on a click"


def test_front_page_and_bibliography(visit):
    front = visit(FRONT_PAGE).page
    assert "Adam, step by step" in front.locator("article h1").first.text_content()
    assert front.locator(f'nav a[href$="{CHAPTER_ONE.split("/")[-1]}.html"]').count() > 0, \
        "the front page does not link to chapter 1"
    entries = visit(BIBLIOGRAPHY).page.locator("article .citation")
    assert entries.count() >= 1, "the bibliography lists no work"
    assert entries.first.is_visible()


def test_colab_cells_follow_the_config():
    """A notebook importing adamlib installs it on Colab from _config.yml's repository."""
    expected = tools.release.colab_install_cell(tools.release.repository_url())
    for path in sorted((tools.ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if not any("adamlib" in "".join(c["source"]) for c in cells if c["cell_type"] == "code"):
            continue
        colab = ["".join(c["source"]) for c in cells
                 if "colab-install" in c.get("metadata", {}).get("tags", [])]
        assert colab == [expected], f"{path.name}: run `python3 tasks.py sync` to write its Colab cell"
