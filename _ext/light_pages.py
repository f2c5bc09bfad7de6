"""Sphinx extension of the book: each page loads only what it uses, once (issue 14).

Jupyter Book 1.0.4 adds some scripts to every page twice (sphinx-thebe's inline script twice
declares the same `const`: a console error on every page). Besides that duplicate, a page
drops what nothing in the book reads:
- sphinx-thebe's script and stylesheet, when no launch button starts thebe;
- the ipywidgets state myst-nb embeds from each executed notebook (about 25 KB a chapter),
  when no widget manager is loaded to read it (`nb_ipywidgets_js: {}`): the page shows each
  explorer's static HTML view instead.
Font Awesome's script is left out too (a stub in _static_vendor/scripts replaces it); the
stylesheet in static/ keeps one icon where that script's SVG had it.
"""

from __future__ import annotations

from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def prune_assets(app, pagename, templatename, context, doctree) -> None:
    thebe = bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))
    widgets = bool(app.config.nb_ipywidgets_js)
    kept, seen = [], set()
    for script in context.get("script_files", []):
        # Sphinx's own check misses the copies: one is filed under filename None, one under "".
        key = (str(script.filename or ""), tuple(sorted(script.attributes.items())))
        body = script.attributes.get("body", "")
        if (key in seen
                or (not thebe and ("sphinx-thebe" in str(script.filename) or "THEBE_JS_URL" in body))
                or (not widgets and script.attributes.get("type") == WIDGET_STATE)):
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept
    if not thebe:
        context["css_files"] = [css for css in context.get("css_files", [])
                                if "sphinx-thebe" not in str(css.filename)]


def add_static_path(app) -> None:
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app):
    # After myst-nb's own handler, which adds each page's widget state.
    app.connect("html-page-context", prune_assets, priority=900)
    app.connect("builder-inited", add_static_path)
    app.add_css_file("light_pages.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
