"""What a reader touches on every page (issue 14, point 5): ids unique, no raw TeX to read, the
page no wider than the phone, explorer controls that fit a finger and choices as buttons."""

from __future__ import annotations

from conftest import SCREENS

#: The smallest control a finger can hit reliably (WCAG 2.2, target size minimum).
MIN_TARGET_PX = 24

DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}"""

# TeX a reader would see as source: a macro or a math delimiter ($$, \( or \[) in visible text
# outside code, after MathJax ran.
RAW_TEX = """() => {
  const found = [], walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const parent = node.parentElement;
    if (parent.closest('pre, code, script, style, mjx-assistive-mml, .highlight')) continue;
    const hit = node.nodeValue.match(/\\\\[A-Za-z]{2,}|\\$\\$|\\\\[(\\[]/);
    if (hit && parent.checkVisibility()) found.push(node.nodeValue.trim().slice(0, 60));
  }
  return found;
}"""

# A mobile browser widens its layout viewport to the widest content and zooms out, so
# innerWidth grows with the page: compare with the screen's own width instead.
PAGE_WIDTH = "() => document.documentElement.scrollWidth"

SMALL_CONTROLS = """(min) => [...document.querySelectorAll(
    '.adamlib-explorer input[type=range], .adamlib-choice label')]
  .map(e => [e.getBoundingClientRect(), e.textContent || e.getAttribute('aria-valuetext')])
  .filter(([r]) => r.width < min || r.height < min)
  .map(([r, text]) => `${text} (${Math.round(r.width)}×${Math.round(r.height)} px)`)"""

# Two values, or names (optimizers), offer no scale to slide along: they are buttons.
CHOICES_AS_SLIDERS = """() => [...document.querySelectorAll('.adamlib-explorer')].flatMap(explorer => {
  const data = JSON.parse(explorer.querySelector('script[type="application/json"]').textContent);
  return [...explorer.querySelectorAll('.adamlib-control, .adamlib-slider')]
    .map((control, k) => [control, data.labels[k], data.titles[k]])
    .filter(([control, labels]) => control.querySelector('input[type=range]')
            && (labels.length === 2 || labels.some(label => isNaN(parseFloat(label)))))
    .map(([, labels, title]) => `${title}: ${labels.join(' / ')}`);
})"""


def ids_are_unique(page, name, screen):
    if screen != "desktop":  # the same HTML at every width
        return []
    return [f"the id {id_!r} is used more than once" for id_ in page.evaluate(DUPLICATE_IDS)]


def no_raw_tex(page, name, screen):
    if screen != "desktop":
        return []
    return [f"raw TeX in the text: {text!r}" for text in page.evaluate(RAW_TEX)]


def no_wider_than_the_screen(page, name, screen):
    width, wide = SCREENS[screen]["viewport"]["width"], page.evaluate(PAGE_WIDTH)
    return [f"the page is {wide} px wide on a {width} px screen"] if wide > width + 1 else []


def explorer_controls_fit_a_finger(page, name, screen):
    problems = [f"an explorer control smaller than {MIN_TARGET_PX} px: {text}"
                for text in page.evaluate(SMALL_CONTROLS, MIN_TARGET_PX)]
    if screen == "desktop":
        problems += [f"a choice drawn as a slider, not buttons: {choice}"
                     for choice in page.evaluate(CHOICES_AS_SLIDERS)]
    return problems


CHECKS = [ids_are_unique, no_raw_tex, no_wider_than_the_screen, explorer_controls_fit_a_finger]
