"""The header a reader finds on every page at every width (issue 14, point 1), and code and output
boxes that scroll sideways without being silently cut (point 3's cue, for code)."""

from __future__ import annotations

from screen_checks_layout import CUE_SHOWN

#: A phone's header holds at most this many controls (☰, launch, repository, download, colour
#: mode, search, page contents): the 8 it had, Fullscreen dropped.
MAX_PHONE_HEADER_CONTROLS = 7

# The controls a reader sees in the page's header bars, and every visible way to search.
HEADER = """() => {
  const seen = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true})
                    && e.getBoundingClientRect().width > 0;
  const controls = [...document.querySelectorAll(
      '.bd-header-article button, .bd-header-article .dropdown, #pst-header button')]
    .filter(b => seen(b) && !b.closest('.dropdown-menu') && !b.parentElement.closest('.dropdown'));
  return {
    controls: controls.map(b => b.title || b.getAttribute('aria-label') || b.className),
    searches: [...document.querySelectorAll('.search-button, .search-button-field, form.bd-search')]
      .filter(seen).length,
  };
}"""

# The themes bind the drawer (pydata-sphinx-theme) and the desktop collapse (sphinx-book-theme)
# to the first `.primary-toggle` / `.secondary-toggle` of the page (pydata-sphinx-theme #2451):
# that one must be the button the reader sees, or the visible one does nothing.
BOUND_TOGGLES = """() => ['.primary-toggle', '.secondary-toggle'].flatMap(selector => {
  const visible = [...document.querySelectorAll(selector)].filter(b => b.checkVisibility());
  return visible.length && visible[0] !== document.querySelector(selector) ? [selector] : [];
})"""

# Code and output boxes wider than what they show.
CUT_CODE = """() => [...document.querySelectorAll('article pre')]
  .filter(pre => pre.checkVisibility({opacityProperty: true, visibilityProperty: true})
                 && pre.scrollWidth > pre.clientWidth + 1)
  .filter(pre => !(""" + CUE_SHOWN + """)(pre))
  .map(pre => pre.innerText.split('\\n')[0].slice(0, 60))"""

# A cue shown where nothing continues would send the reader scrolling for nothing.
FALSE_CUES = """() => [...document.querySelectorAll('article .overflow-cue')]
  .filter(cue => cue.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .map(cue => cue.parentElement.querySelector(':scope > mjx-container, :scope > pre'))
  .filter(box => !box || box.scrollLeft + box.clientWidth >= box.scrollWidth - 1)
  .map(box => box ? box.textContent.slice(0, 60) : 'a cue without its box')"""


def header_holds_what_a_reader_uses(page, name, screen):
    seen = page.evaluate(HEADER)
    problems = [f"{control!r} in the header" for control in seen["controls"]
                if "fullscreen" in control.lower()]
    if screen == "phone" and len(seen["controls"]) > MAX_PHONE_HEADER_CONTROLS:
        problems.append(f"{len(seen['controls'])} controls in the phone's header: "
                        f"{seen['controls']}")
    if seen["searches"] != 1:
        problems.append(f"{seen['searches']} search boxes or buttons shown, not one")
    return problems


def toggles_are_the_bound_ones(page, name, screen):
    return [f"the visible {selector} is not the first in the page: the theme's handler is bound "
            "to a hidden one" for selector in page.evaluate(BOUND_TOGGLES)]


def code_never_silently_cut(page, name, screen):
    return [f"a code or output box scrolls sideways without a cue: {line!r}"
            for line in page.evaluate(CUT_CODE)]


def no_cue_where_nothing_continues(page, name, screen):
    return [f"a cue beside a box shown whole: {text!r}" for text in page.evaluate(FALSE_CUES)]


CHECKS = [header_holds_what_a_reader_uses, toggles_are_the_bound_ones, code_never_silently_cut,
          no_cue_where_nothing_continues]
