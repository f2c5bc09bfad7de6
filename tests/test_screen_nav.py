"""Navigation a reader uses, by tap on a phone and by click on a tablet and a desktop (issue 14,
point 1), and the cue of a display equation that continues beyond its box (point 3)."""

from __future__ import annotations

import re

import pytest

import tasks
from screen_checks_layout import CUE_SHOWN

CHAPTER = "chapters/01_gradient_descent"

# The drawers of a narrow screen are <dialog> elements the theme opens as modals.
DRAWER_OPEN = "(id) => document.getElementById(id).open"
# A drawer a reader can use: open, and its first link inside the screen.
DRAWER_SHOWN = """(id) => {
  const link = document.getElementById(id).querySelector('a');
  const box = link && link.getBoundingClientRect();
  return Boolean(box) && link.checkVisibility({visibilityProperty: true}) && box.left >= 0
         && box.right <= window.innerWidth && box.width > 0;
}"""


def press(page, selector, screen):
    button = page.locator(selector)
    button.tap() if screen == "phone" else button.click()


def touch_outside(page, screen, x):
    """A tap (phone) or a click (tablet) on the backdrop beside a drawer, at height mid-screen."""
    y = page.viewport_size["height"] // 2
    page.touchscreen.tap(x, y) if screen == "phone" else page.mouse.click(x, y)


@pytest.mark.parametrize("screen", ["tablet", "phone"])
def test_drawers_open_and_close(visit_on, screen):
    page = visit_on(screen)(CHAPTER).page
    width = page.viewport_size["width"]
    for button, drawer, beside in [(".bd-header-article .primary-toggle", "pst-primary-sidebar-modal",
                                    width - 10),
                                   (".bd-header-article .secondary-toggle",
                                    "pst-secondary-sidebar-modal", 10)]:
        press(page, button, screen)
        page.wait_for_function(DRAWER_SHOWN, arg=drawer, timeout=3000)
        touch_outside(page, screen, beside)
        page.wait_for_function(f"(id) => !({DRAWER_OPEN})(id)", arg=drawer, timeout=3000)


def test_desktop_menu_button_collapses_and_restores_the_sidebar(visit_on):
    page = visit_on("desktop")(CHAPTER).page
    sidebar = "() => document.getElementById('pst-primary-sidebar').checkVisibility({visibilityProperty: true})"
    article = "() => document.querySelector('article').getBoundingClientRect().width"
    width = page.evaluate(article)
    assert page.evaluate(sidebar)
    page.click(".bd-header-article .primary-toggle")
    page.wait_for_function(f"() => !({sidebar})()", timeout=3000)
    assert page.evaluate(article) > width + 100, "the text does not take the sidebar's room"
    page.click(".bd-header-article .primary-toggle")
    page.wait_for_function(sidebar, timeout=3000)
    assert not page.evaluate("() => document.getElementById('pst-primary-sidebar-modal').open")


def test_front_page_links_every_chapter(visit_on):
    page = visit_on("desktop")("chapters/index").page
    chapters = [name for name in tasks.toc_pages() if re.fullmatch(r"chapters/0\d_[a-z]\w*", name)]
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
    page.wait_for_function(cue_shown, arg=equation, timeout=3000)
    page.evaluate("(m) => { m.scrollLeft = m.scrollWidth; }", equation)
    page.wait_for_function(f"(m) => !({cue_shown})(m)", arg=equation, timeout=3000)
    page.evaluate("(m) => { m.scrollLeft = 0; m.parentElement.style.width = ''; }", equation)
    page.wait_for_function(f"(m) => !({box_marked})(m)", arg=equation, timeout=3000)
