"""What a reader's browser downloads for a page of the built book, as a plain static server
serves it (`python3 -m http.server`: no compression, no cache headers).

A page's bytes are of two kinds:
- its own: the page's HTML (explorer frames and outputs are inside it) and the figures it
  shows from `_images/`;
- shared: everything else it loads (the theme's CSS, JS and fonts, MathJax, icons...), which
  a browser keeps for the next page.

Each load is measured in headless Chromium through the DevTools protocol: the bytes that came
over the network (`Network.loadingFinished.encodedDataLength`, headers included), and whether
an answer carried a body or was a `304 Not Modified` to a revalidation (the server sends
`Last-Modified`, so the browser may ask whether a file it holds changed: that costs a request
and its headers, not the file).

    .venv/bin/python bench/page_weight.py [PAGE ...]   # a table for _build/html
"""

from __future__ import annotations

import contextlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import tools.book  # noqa: E402  (the browser and the static server of the book's tests)

#: The targets of issue 14: shared bytes of a first visit, shared bytes a next page downloads again.
SHARED_FIRST_VISIT_TARGET = 2_000_000
SHARED_AGAIN_TARGET = 0


@dataclass
class Load:
    """One page load: the bytes of each kind, and the shared files downloaded with a body."""

    name: str
    html: int = 0
    figures: int = 0
    shared: int = 0
    revalidated: int = 0  # requests answered 304: headers only
    shared_files: dict = field(default_factory=dict)  # path -> bytes (a body came)
    missing: list = field(default_factory=list)  # paths the server answered with an error


def own_kind(path: str, page_path: str) -> str | None:
    """'html' or 'figures' for the page's own files, None for a shared one."""
    if path == page_path:
        return "html"
    return "figures" if path.startswith("/_images/") else None


def load(context, site: str, name: str) -> Load:
    """Open `name` in a new tab of `context` (a Playwright browser context) and count its bytes,
    MathJax's typesetting (which loads its fonts) included."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    responses: dict[str, dict] = {}

    def seen(request_id: str) -> dict:
        return responses.setdefault(request_id, {"bytes": 0, "status": None})

    pending: set[str] = set()
    cdp.on("Network.requestWillBeSent", lambda e: e["request"]["url"].startswith("http")
           and pending.add(e["requestId"]))
    cdp.on("Network.loadingFailed", lambda e: pending.discard(e["requestId"]))
    cdp.on("Network.responseReceived",
           lambda e: seen(e["requestId"]).update(url=e["response"]["url"]))
    # The status on the wire: a revalidated file shows its cached 200 in responseReceived.
    cdp.on("Network.responseReceivedExtraInfo",
           lambda e: seen(e["requestId"]).update(status=e["statusCode"]))
    cdp.on("Network.loadingFinished", lambda e: (
        seen(e["requestId"]).update(bytes=e["encodedDataLength"]), pending.discard(e["requestId"])))
    cdp.send("Network.enable")
    page.goto(f"{site}{name}.html", wait_until="networkidle")
    # MathJax fetches its parts one after another (a busy machine can pause "networkidle"
    # between two), and the fonts of the typeset math only when the page is next laid out:
    # wait for the typesetting, lay the page out, then wait for the fonts and every request.
    page.evaluate("""async () => {
        if (document.querySelector('script[src*="mathjax/"]')) {
            for (let waited = 0; !(window.MathJax && MathJax.startup && MathJax.startup.promise)
                 && waited < 30000; waited += 50) await new Promise(done => setTimeout(done, 50));
            await MathJax.startup.promise;
        }
        document.body.getBoundingClientRect();
        await document.fonts.ready;
    }""")
    quiet = 0
    while quiet < 2:  # two looks 250 ms apart with nothing loading
        page.wait_for_timeout(250)
        quiet = quiet + 1 if not pending else 0
    page_path = urlsplit(f"{site}{name}.html").path
    result = Load(name)
    for response in responses.values():
        url = urlsplit(response.get("url", ""))
        if url.scheme not in ("http", "https") or not response["bytes"]:
            continue  # data: URIs (inside the HTML) and files served from the browser's cache
        if response["status"] == 304:
            result.revalidated += 1
            continue
        if response["status"] and response["status"] >= 400:
            result.missing.append(url.path)
        kind = own_kind(url.path, page_path)
        if kind is None:
            result.shared += response["bytes"]
            result.shared_files[url.path] = result.shared_files.get(url.path, 0) + response["bytes"]
        else:
            setattr(result, kind, getattr(result, kind) + response["bytes"])
    page.close()
    return result


def first_visits(browser, site: str, names: list[str]) -> list[Load]:
    """Each page opened by a browser that has seen nothing of the book (a fresh context)."""
    loads = []
    for name in names:
        context = browser.new_context()
        loads.append(load(context, site, name))
        context.close()
    return loads


def reading_on(browser, site: str, names: list[str]) -> list[tuple[Load, int]]:
    """The pages opened one after the other in one browser: each load, with the shared bytes
    it downloaded again (files an earlier page of the walk had already downloaded)."""
    context = browser.new_context()
    downloaded: set[str] = set()
    walk = []
    for name in names:
        visit = load(context, site, name)
        walk.append((visit, sum(size for path, size in visit.shared_files.items() if path in downloaded)))
        downloaded |= set(visit.shared_files)
    context.close()
    return walk


@contextlib.contextmanager
def chromium():
    """Debian's chromium, headless, under Playwright (the browser of the book's tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=tools.book.find_chromium(),
                                             args=tools.book.CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def measure(html: Path, names: list[str]) -> tuple[list[Load], list[tuple[Load, int]]]:
    """First visits of every page in `names`, and the walk through them in that order."""
    with tools.book.serve(html) as site, chromium() as browser:
        return first_visits(browser, site, names), reading_on(browser, site, names)


def own_bytes(html: Path, name: str) -> tuple[int, int]:
    """The page's HTML and the local figures it shows, read from the built files (an explorer's
    frames are data: URIs inside the HTML): what a reader downloads for this page alone."""
    page = html / f"{name}.html"
    text = page.read_text(encoding="utf-8")
    figures = {src for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)
               if not src.startswith(("data:", "http:", "https:", "//"))}
    return len(text.encode()), sum((page.parent / src).stat().st_size for src in figures
                                   if (page.parent / src).is_file())


def rows(html: Path, names: list[str]) -> list[tuple[str, str, str, bool | None]]:
    """The benchmark's rows, page by page: (measure, value, target, met or None)."""
    firsts, walk = measure(html, names)
    mb = lambda n: f"{n / 1e6:.2f} MB"  # noqa: E731
    result = []
    for first, (after, again) in zip(firsts, walk):
        result.append((f"page {first.name}: shared files, first visit", mb(first.shared),
                       f"<= {SHARED_FIRST_VISIT_TARGET / 1e6:g} MB",
                       first.shared <= SHARED_FIRST_VISIT_TARGET))
        if after is not walk[0][0]:
            result.append((f"  downloaded again after the page before ({after.revalidated} "
                           "revalidated: 304, headers only)", f"{again:,} B",
                           f"{SHARED_AGAIN_TARGET} B", again <= SHARED_AGAIN_TARGET))
        own_html, figures = own_bytes(html, first.name)
        result.append(("  its own HTML / figures", f"{mb(own_html)} / {mb(figures)}", "", None))
    return result


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    import tasks

    table = rows(root / "_build" / "html", sys.argv[1:] or tasks.toc_pages())
    width = max(len(r[0]) for r in table)
    for what, value, target, ok in table:
        print(f"{what.ljust(width)}  {value:>17}  {target:>7}  {'' if ok is None else 'ok' if ok else 'MISSED'}")
