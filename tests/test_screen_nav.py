"""Navigation a reader uses, by tap on a phone and by click on a tablet and a desktop (issue 14,
point 1), and the cue of a display equation that continues beyond its box (point 3)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import tools.book
from screen_checks_layout import CUE_SHOWN
from screen_checks_nav import HEADER

CHAPTER = "chapters/01_gradient_descent"
MENU = ".bd-header-article .primary-toggle"
CONTENTS = ".bd-header-article .secondary-toggle"

# A narrow screen's drawers are <dialog> elements that the theme opens as modals.
DRAWER_CLOSED = "(id) => !document.getElementById(id).open"
# A drawer a reader can use: open, with its first link inside the screen.
DRAWER_SHOWN = """(id) => {
  const link = document.getElementById(id).open && document.getElementById(id).querySelector('a');
  const box = link && link.getBoundingClientRect();
  return Boolean(box) && link.checkVisibility({visibilityProperty: true}) && box.left >= 0
         && box.right <= window.innerWidth && box.width > 0;
}"""
SIDEBAR_SHOWN = """() => document.getElementById('pst-primary-sidebar')
  .checkVisibility({visibilityProperty: true})"""
ARTICLE_WIDTH = "() => document.querySelector('article').getBoundingClientRect().width"


def until(page, condition, what, arg=None):
    """Wait (3 s at most, for the themes' transitions) until `condition` holds, else fail."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=3000)
    except PlaywrightTimeout:
        pytest.fail(what, pytrace=False)


def press(page, selector, screen):
    button = page.locator(selector)
    button.tap() if screen == "phone" else button.click()


@pytest.mark.parametrize("screen", ["tablet", "phone"])
def test_drawers_open_and_close(visit_on, screen):
    """☰ and the contents button open their drawers; a touch beside a drawer closes it."""
    page = visit_on(screen)(CHAPTER).page
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for button, drawer, beside in [(MENU, "pst-primary-sidebar-modal", width - 10),
                                   (CONTENTS, "pst-secondary-sidebar-modal", 10)]:
        press(page, button, screen)
        until(page, DRAWER_SHOWN, f"{button} did not open {drawer} on the {screen}", drawer)
        page.touchscreen.tap(beside, height // 2) if screen == "phone" else page.mouse.click(
            beside, height // 2)
        until(page, DRAWER_CLOSED, f"{drawer} stayed open after a touch beside it", drawer)


def test_desktop_menu_button_collapses_and_restores_the_sidebar(visit_on):
    """☰ folds the sidebar away (search moves to the header) and brings it back."""
    page = visit_on("desktop")(CHAPTER).page
    width = page.evaluate(ARTICLE_WIDTH)
    assert page.evaluate(SIDEBAR_SHOWN)
    page.click(MENU)
    until(page, f"() => !({SIDEBAR_SHOWN})()", "☰ did not fold the sidebar on the desktop")
    assert page.evaluate(ARTICLE_WIDTH) > width + 100, "the text does not take the sidebar's room"
    assert page.evaluate(HEADER)["searches"] == 1, "search went away with the sidebar"
    page.click(MENU)
    until(page, SIDEBAR_SHOWN, "☰ did not bring the sidebar back")
    assert not page.evaluate("() => document.getElementById('pst-primary-sidebar-modal').open")


def test_front_page_links_every_chapter(visit_on):
    page = visit_on("desktop")("chapters/index").page
    chapters = [name for name in tools.book.toc_pages() if re.fullmatch(r"chapters/0\d_[a-z]\w*", name)]
    linked = page.evaluate("""() => [...document.querySelectorAll('article table tbody tr')]
      .map(row => [row.cells[0].textContent.trim(), row.querySelector('a[href]')
                   && new URL(row.querySelector('a[href]').href).pathname])""")
    assert len(chapters) == 8
    assert [(number, path and path.rsplit("/", 1)[-1]) for number, path in linked] == [
        (str(number), f"{name.rsplit('/', 1)[-1]}.html")
        for number, name in enumerate(chapters, start=1)]


# The first display equation of the page that fits its box.
FITTING = """() => [...document.querySelectorAll('article mjx-container[display="true"]')]
  .find(m => m.checkVisibility() && m.scrollWidth <= m.clientWidth)"""


def test_an_equation_shows_its_cue_only_while_it_continues(visit_on):
    """A fitting equation has no cue; squeezed, it gets one at its cut; scrolled to its end or
    given its room back, the cue goes."""
    page = visit_on("phone")(CHAPTER).page
    equation = page.evaluate_handle(FITTING)
    cue_shown = f"(m) => ({CUE_SHOWN})(m)"
    box_marked = "(m) => m.parentElement.classList.contains('overflowing')"
    assert not page.evaluate(box_marked, equation)
    assert not page.evaluate(cue_shown, equation)
    page.evaluate("(m) => { m.parentElement.style.width = '120px'; }", equation)
    until(page, cue_shown, "no cue on an equation squeezed to 120 px", equation)
    page.evaluate("(m) => { m.scrollLeft = m.scrollWidth; }", equation)
    until(page, f"(m) => !({cue_shown})(m)", "the cue stays at the equation's end", equation)
    page.evaluate("(m) => { m.scrollLeft = 0; m.parentElement.style.width = ''; }", equation)
    until(page, f"(m) => !({box_marked})(m)", "the equation fits again but stays marked", equation)
