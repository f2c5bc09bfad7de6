"""What every page shows at every width: its title, and on a chapter its figures and its math
typeset by the book's own MathJax (a TeX error shows in place of the formula)."""

from __future__ import annotations

from test_book import CHAPTERS


def has_a_visible_title(page, name, screen):
    return [] if page.locator("article h1").first.is_visible() else ["no visible title"]


def figures_load(page, name, screen):
    sizes = page.eval_on_selector_all("article img", "imgs => imgs.map(i => [i.src.slice(-60), i.naturalWidth])")
    problems = [f"an image did not load: {src}" for src, width in sizes if width == 0]
    if name in CHAPTERS and len(sizes) < 3:
        problems.append(f"a chapter with {len(sizes)} figures (at least 3 expected)")
    return problems


def math_is_typeset(page, name, screen):
    if name in CHAPTERS and not page.evaluate("() => !!(window.MathJax && MathJax.startup)"):
        return ["MathJax did not load: is `mathjax_path` served from the book's own files?"]
    problems = [f"TeX error: {error}" for error in page.eval_on_selector_all(
        "mjx-merror", "es => es.map(e => e.getAttribute('data-mjx-error'))")]
    if name in CHAPTERS and page.locator("article mjx-container").count() == 0:
        problems.append("no math typeset by MathJax")
    return problems


CHECKS = [has_a_visible_title, figures_load, math_is_typeset]
