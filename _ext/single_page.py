"""Sphinx extension of the book: the single-page build (`--builder singlehtml`) that the PDF
edition prints (tools/pdf.py) renders every node the HTML build renders.

Sphinx looks up a node's HTML writer under the builder's name first and falls back to its
format ("html") only when no extension registered any writer under that name. sphinx-exercise
registers its nodes for "singlehtml" too, so the fallback never happens there, and myst-nb's
folded code cells (registered for "html" only) stop the build. This copies the "html" writers
that are missing under "singlehtml".
"""

from __future__ import annotations


def share_html_writers(app) -> None:
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node, writer in handlers.get("html", {}).items():
        single.setdefault(node, writer)


def setup(app):
    app.connect("builder-inited", share_html_writers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
