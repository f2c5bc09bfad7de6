"""The built book as a reader gets it: every page there, figures and math rendered offline,
explorers that move without a kernel, solutions folded until asked for.

The book is built once per session with every notebook executed (see conftest.py); the pages
are opened in headless Chromium from a local server, and any request leaving 127.0.0.1 fails.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import tasks

PAGES = tasks.toc_pages()
CHAPTER_ONE = "chapters/01_gradient_descent"
# The chapter notebooks (07_1_..., 07_2_... for a chapter in sections), not the parent pages.
CHAPTERS = [name for name in PAGES
            if re.fullmatch(r"chapters/\d\d_\w+", name) and (tasks.ROOT / f"{name}.ipynb").is_file()]
FRONT_PAGE = "chapters/index"
BIBLIOGRAPHY = "chapters/bibliography"

# Text nodes outside code that still hold TeX delimiters: math MathJax did not render.
RAW_TEX = """() => {
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const raw = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest("pre, code, script, style, mjx-container")) continue;
    if (["$$", "\\\\(", "\\\\["].some(d => node.nodeValue.includes(d))) raw.push(node.nodeValue.trim().slice(0, 80));
  }
  return raw;
}"""


def test_every_page_of_the_toc_is_built(book_html):
    missing = [name for name in PAGES if not (book_html / f"{name}.html").is_file()]
    assert not missing, f"pages of _toc.yml missing from the build: {missing}"
    assert {CHAPTER_ONE, FRONT_PAGE, BIBLIOGRAPHY} <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_offline_without_errors(visit, name):
    seen = visit(name)
    assert seen.page.locator("article h1").first.is_visible(), f"{name}: no visible title"
    external, errors = seen.external_requests(), seen.real_errors()
    assert not external, f"{name} asked hosts other than 127.0.0.1: {external}"
    assert not errors, f"{name} logged errors: {errors}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_its_figures(visit, name):
    page = visit(name).page
    sizes = page.eval_on_selector_all("article img", "imgs => imgs.map(i => [i.src.slice(0, 60), i.naturalWidth])")
    broken = [src for src, width in sizes if width == 0]
    assert not broken, f"images that did not load: {broken}"
    assert len(sizes) >= 3, f"expected at least 3 figures, found {len(sizes)}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_math_is_rendered_by_mathjax(visit, name):
    page = visit(name).page
    try:
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                               timeout=15_000)
    except PlaywrightTimeout:
        pytest.fail("MathJax did not load: is `mathjax_path` served from the book's own files?")
    page.evaluate("() => MathJax.startup.promise")
    assert page.locator("article mjx-container").count() > 0, "no math rendered by MathJax"
    # MathJax shows a TeX error (an unknown command, a package it could not load) in place.
    errors = page.eval_on_selector_all("mjx-merror", "es => es.map(e => e.getAttribute('data-mjx-error'))")
    assert not errors, f"TeX errors in the page: {errors}"
    raw = page.evaluate(RAW_TEX)
    assert not raw, f"TeX left unrendered: {raw}"


def test_explorers_move_without_a_kernel(visit):
    """Each control, moved, shows another precomputed figure and names its new value: a slider
    shows it beside the track; a choice (buttons, a radio group) marks the button pressed."""
    checked = {}
    for name in PAGES:
        page = visit(name).page
        explorers = page.locator(".adamlib-explorer")
        checked[name] = explorers.count()
        for e in range(explorers.count()):
            explorer = explorers.nth(e)
            data = json.loads(explorer.locator('script[type="application/json"]').text_content())
            controls = explorer.locator(".adamlib-control")
            assert controls.count() == len(data["titles"]), f"{name}: explorer {e} lacks controls"
            image = explorer.locator("img")
            for i in range(controls.count()):
                control, stops = controls.nth(i), len(data["labels"][i])
                slider = control.locator("input[type=range]")
                old = (int(slider.input_value()) if slider.count()
                       else int(control.locator("input:checked").get_attribute("value")))
                new = stops - 1 if old != stops - 1 else 0
                src = image.get_attribute("src")
                if slider.count():
                    slider.fill(str(new))  # sets the value and dispatches 'input', as a drag does
                else:
                    control.locator("label").nth(new).click()
                shown = data["labels"][i][new]
                where = f"{name}, explorer {e}, control {data['titles'][i]!r} moved {old} -> {new}"
                assert image.get_attribute("src") != src, f"{where}: the figure did not change"
                if slider.count():
                    assert control.locator("output").text_content() == shown, \
                        f"{where}: the label is not the value {shown!r}"
                else:
                    pressed = control.locator("input:checked + span").text_content()
                    assert pressed == shown, f"{where}: the button pressed is {pressed!r}"
                assert f"{data['titles'][i]} = {shown}" in image.get_attribute("alt"), \
                    f"{where}: the figure's alt text does not name the value shown"
    without = [name for name in CHAPTERS if not checked.get(name)]
    assert CHAPTERS and not without, f"chapters without an explorer: {without}"


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
    expected = tasks.colab_install_cell(tasks.repository_url((tasks.ROOT / "_config.yml").read_text()))
    for path in sorted((tasks.ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if not any("adamlib" in "".join(c["source"]) for c in cells if c["cell_type"] == "code"):
            continue
        colab = ["".join(c["source"]) for c in cells
                 if "colab-install" in c.get("metadata", {}).get("tags", [])]
        assert colab == [expected], f"{path.name}: run `python3 tasks.py sync` to write its Colab cell"
