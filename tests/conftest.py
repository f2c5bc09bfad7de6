"""Fixtures of the book's checks: the book built once, served locally and opened in Chromium.

The unit tests of adamlib use none of these, so they run (and stay fast) without a build.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import tools.book  # noqa: E402  (the one home of the build and of the browser rule)


# Known and harmless: ipykernel logs this on every kernel start (it is about local sockets).
# A page has no such list: any console error fails it.
HARMLESS_BUILD_LINES = ["[IPKernelApp] WARNING | Kernel is running over TCP without encryption"]


@pytest.fixture(scope="session")
def book_html(book_build) -> Path:
    """The book built once into a fresh folder, so no execution cache: every notebook runs."""
    return book_build[0]


@pytest.fixture(scope="session")
def book_build_log(book_build) -> list[str]:
    """The lines jupyter-book printed while building :func:`book_html`."""
    if os.environ.get("BOOK_HTML"):
        pytest.skip("BOOK_HTML reuses a build whose log this session did not see")
    return book_build[1]


@pytest.fixture(scope="session")
def book_build(tmp_path_factory) -> tuple[Path, list[str]]:
    """The book built once into a fresh folder: its HTML folder and the build's log lines.

    BOOK_HTML=<folder> reuses a book already built there (to iterate on the browser checks
    without running every notebook again); the build's own checks then see no log.
    """
    if os.environ.get("BOOK_HTML"):
        return Path(os.environ["BOOK_HTML"]), []
    out = tmp_path_factory.mktemp("book")
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # Agg here silently drops every figure from the pages
    result = tools.book.build_book(ROOT, out, Path(sys.executable), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=env)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()  # Sphinx colours even a pipe
    problems = [line for line in lines if ("WARNING" in line or "ERROR" in line)
                and not any(harmless in line for harmless in HARMLESS_BUILD_LINES)]
    if result.returncode != 0 or problems:
        # Every test of the book repeats this message: keep it to what locates the problem.
        shown = problems[:25] + [f"... and {len(problems) - 25} more"] * (len(problems) > 25)
        pytest.fail(f"jupyter-book build exited {result.returncode}; warnings and errors:\n"
                    + "\n".join(shown) + "\n--- last lines of the log ---\n"
                    + "\n".join(lines[-25:]), pytrace=False)
    return out / "_build" / "html", lines


@pytest.fixture(scope="session")
def site(book_html):
    """The built HTML over http on 127.0.0.1 (a free port), as a browser reader gets it."""
    with tools.book.serve(book_html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium under Playwright; skipped without it, except in CI where it must run."""
    executable = tools.book.find_chromium()
    if executable is None:
        message = f"chromium is not installed. {tools.book.CHROMIUM_HINT}"
        if tools.book.in_ci():
            pytest.fail(f"CI must run the browser tests: {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # launch() starts every run from a fresh temporary profile (its own --user-data-dir).
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=tools.book.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page of the book opened in the browser, with what it asked the network and what failed."""

    page: object
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and urlsplit(url).hostname != "127.0.0.1"]

    def real_errors(self) -> list[str]:
        return list(self.errors)


#: The widths every page is read at: a laptop, a tablet and a phone (touch, a mobile viewport).
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "tablet": {"viewport": {"width": 800, "height": 1000}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}


@pytest.fixture
def visit_on(browser, site):
    """`visit_on("phone")("chapters/index")`: a page opened at one of :data:`SCREENS`, MathJax done."""
    contexts = {}

    def on(screen: str, **options):
        key = (screen, tuple(sorted(options.items())))
        if key not in contexts:
            contexts[key] = browser.new_context(**SCREENS[screen], **options)
        context = contexts[key]

        def open_page(name: str) -> Visit:
            page = context.new_page()
            seen = Visit(page)
            page.on("request", lambda request: seen.requests.append(request.url))
            page.on("console", lambda message: message.type == "error" and seen.errors.append(
                f"console: {message.text} ({message.location.get('url', '')})"))
            page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
            # Not "networkidle" (half a second of quiet on every load): the page is read once its
            # scripts ran, MathJax typeset and the fonts it asked for arrived.
            response = page.goto(f"{site}{name}.html", wait_until="load")
            assert response is not None and response.ok, f"{name}.html: HTTP {response and response.status}"
            page.evaluate("async () => { if (window.MathJax && MathJax.startup) await MathJax.startup.promise;"
                          " await document.fonts.ready; }")
            return seen

        return open_page

    yield on
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def book_html_without_solutions(tmp_path_factory) -> Path:
    """The book built by `python3 tasks.py book --no-solutions`, into a fresh folder."""
    try:
        return tools.book.build_without_solutions(tmp_path_factory.mktemp("no-solutions"),
                                                  Path(sys.executable))
    except SystemExit as failed:  # tools.book exits with a message, or the failing command's code
        pytest.fail(f"the build without solutions failed ({failed.code}); see its output above",
                    pytrace=False)


@pytest.fixture
def visit(visit_on):
    """A function that opens a page of the book at a desktop's width (`visit("chapters/index")`)."""
    return visit_on("desktop")
