"""Sphinx extension of the book: the review page is rebuilt from the chapters at every build.

`chapters/review.ipynb` reads the chapters' review questions and takeaways, and the glossary,
when it runs. Its own code rarely changes, so neither Sphinx (which re-reads a page only when
its file changed) nor myst-nb's cache (keyed on a notebook's code) would notice a corrected
chapter, and the page and its flashcards would go on showing the old text. So Sphinx re-reads
it at every build, and its metadata asks myst-nb to execute it every time (`execution_mode:
force`, a few seconds).

For the same reason the page offers no Colab button: Colab opens one notebook without the
chapters beside it, so the page would have nothing to read. Binder clones the repository and
keeps its button.
"""

from __future__ import annotations

REVIEW = "chapters/review"


def review_is_always_outdated(app, env, added, changed, removed) -> list[str]:
    return [REVIEW] if REVIEW in env.found_docs else []


def drop_colab_button(app, pagename, templatename, context, doctree) -> None:
    if pagename != REVIEW:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            group["buttons"] = [b for b in group["buttons"] if b.get("text") != "Colab"]


def setup(app):
    app.connect("env-get-outdated", review_is_always_outdated)
    # After sphinx-book-theme's add_launch_buttons (priority 501), which fills header_buttons.
    app.connect("html-page-context", drop_colab_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
