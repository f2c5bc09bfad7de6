"""Light pages (issue 14): what a reader's browser downloads for a chapter, as a plain static
server (no compression) serves the book. The method is bench/page_weight.py's; the benchmark
prints the same figures for every page.

Two chapters stand for all: the first, and the one with the most math.
"""

from __future__ import annotations

import sys

import pytest

import tools

sys.path.insert(0, str(tools.ROOT / "bench"))
import page_weight  # noqa: E402

FIRST_VISITS = ["chapters/01_gradient_descent", "chapters/06_adam"]
NEXT_CHAPTER = ["chapters/01_gradient_descent", "chapters/02_momentum"]


@pytest.fixture(scope="module")
def first_visits(browser, site):
    return page_weight.first_visits(browser, site, FIRST_VISITS)


def test_a_first_visit_downloads_at_most_2_mb_of_shared_files(first_visits):
    heavy = {visit.name: f"{visit.shared / 1e6:.2f} MB, largest: "
             + ", ".join(f"{path} {size / 1e6:.2f} MB" for path, size in
                         sorted(visit.shared_files.items(), key=lambda item: -item[1])[:4])
             for visit in first_visits if visit.shared > page_weight.SHARED_FIRST_VISIT_TARGET}
    assert not heavy, f"shared files over {page_weight.SHARED_FIRST_VISIT_TARGET / 1e6:g} MB: {heavy}"


def test_every_file_a_page_asks_for_is_there(first_visits):
    """The browser asks for /favicon.ico unless the page names an icon of its own."""
    missing = {visit.name: visit.missing for visit in first_visits if visit.missing}
    assert not missing, f"requests answered with an error: {missing}"


def test_the_next_chapter_downloads_no_shared_file_again(browser, site):
    (first, _), (after, again) = page_weight.reading_on(browser, site, NEXT_CHAPTER)
    assert first.shared and after.html, "the walk loaded nothing"
    repeated = {path: size for path, size in after.shared_files.items() if path in first.shared_files}
    assert again == page_weight.SHARED_AGAIN_TARGET, \
        f"{after.name} downloaded again what {first.name} had: {repeated}"


def test_the_search_page_still_finds_a_chapter(browser, site):
    """Only the search page loads the search index now: it must still answer."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}search.html?q=bias+correction", wait_until="networkidle")
    page.wait_for_selector("#search-results li a", timeout=15_000)
    found = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href)")
    # Drawn from Font Awesome's web font, the theme's magnifier would sit over the field's text.
    icon = page.locator(".bd-search-container form.bd-search i").bounding_box()
    field = page.locator(".bd-search-container form.bd-search input").bounding_box()
    context.close()
    assert any("05_bias_correction" in href for href in found), f"results: {found[:10]}"
    assert icon["x"] + icon["width"] <= field["x"], f"the magnifier {icon} covers the search field {field}"
