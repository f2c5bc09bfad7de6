"""What every page owes a reader at every width (issue 14, points 3 and 4): text leads, not code;
printed outputs fit the column; no display equation is cut without a visible sign of it."""

from __future__ import annotations

#: The longest code block a page may show unfolded in its reading flow; longer ones fold.
MAX_UNFOLDED_LINES = 25  # adamlib.source folds its listings at the same length

# Code a reader sees without a click: a cell's source not folded behind a toggle, or a listing
# printed by a cell (adamlib.source.show_source) outside a closed <details>.
UNFOLDED_CODE = """() => [...document.querySelectorAll('article div.highlight pre')]
  .filter(pre => pre.checkVisibility() && !pre.closest('details:not([open])'))
  .map(pre => [pre.innerText.replace(/\\n$/, '').split('\\n').length, pre.innerText.slice(0, 60)])"""

# What a cell printed (a listing from show_source is code: it folds, and it may scroll).
WIDE_OUTPUTS = """() => [...document.querySelectorAll('article .cell_output .output pre')]
  .filter(pre => pre.checkVisibility() && pre.innerText && pre.scrollWidth > pre.clientWidth + 1)
  .map(pre => pre.innerText.split('\\n').reduce((a, b) => a.length >= b.length ? a : b).slice(0, 80))"""

# A box wider than what it shows must show that it continues: the book's overflow.js marks its
# parent `overflowing` and puts a cue there, which overflow.css draws (a fade and an arrow) over
# the box's visible right edge. The class alone is not enough: the cue must be seen there.
CUE_SHOWN = """(box) => {
  const holder = box.closest('.overflowing');
  const cue = holder && holder.querySelector(':scope > .overflow-cue');
  if (!cue || !cue.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
  const shown = cue.getBoundingClientRect();
  const edge = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
  return shown.width >= 16 && shown.height >= 8 && Math.abs(shown.right - edge) <= 2
         && getComputedStyle(cue, '::after').content !== 'none';
}"""

# A display equation shown (not in a closed fold: those are hidden, not cut) that is wider than
# its box (MathJax's container scrolls itself) or than the column.
CUT_EQUATIONS = """() => [...document.querySelectorAll('article mjx-container[display="true"]')]
  .filter(m => m.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .filter(m => m.scrollWidth > m.clientWidth + 1 || m.getBoundingClientRect().right
               > document.querySelector('article').getBoundingClientRect().right + 1)
  .filter(m => !(""" + CUE_SHOWN + """)(m))
  .map(m => (m.querySelector('mjx-assistive-mml, math') || m).textContent.slice(0, 60))"""


def code_leads_not_listings(page, name, screen):
    if screen != "desktop":
        return []
    return [f"{lines} lines of code unfolded ({start!r}...); fold it or show less"
            for lines, start in page.evaluate(UNFOLDED_CODE) if lines > MAX_UNFOLDED_LINES]


def outputs_fit_the_column(page, name, screen):
    # On a phone a table may scroll inside its own box; on a tablet or desktop it fits.
    if screen == "phone":
        return []
    return [f"a printed output is wider than the column: {line!r}"
            for line in page.evaluate(WIDE_OUTPUTS)]


def equations_never_silently_cut(page, name, screen):
    return [f"display equation cut without a cue: {text!r}" for text in page.evaluate(CUT_EQUATIONS)]


CHECKS = [code_leads_not_listings, outputs_fit_the_column, equations_never_silently_cut]
