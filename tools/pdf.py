"""The PDF edition: the book as one PDF and each chapter (and the appendix) as its own, for
readers, and the same without solutions for students.

    python -m tools.pdf [--out FOLDER] [--reuse]      (what `python3 tasks.py pdf` runs)

The single-page HTML build of the book (`--builder singlehtml`, warnings as errors) is printed
by Debian's Chromium through Playwright, after MathJax has typeset: the PDF shows the math,
the figures and the explorers' default frames as the online book does. Before printing,
tools/pdf.js turns the page into a printed one (solutions unfolded, explorers and quizzes
replaced by a line that points to the online book, links made internal) and tools/pdf.css
sets the page. Chromium writes the outline (bookmarks) from the headings; Chromium's CSS has
no `target-counter()`, so each PDF is printed at least twice: the first print's outline gives
each heading's page, which the next print's contents page shows. pypdf then sets the
metadata and asks viewers to open the outline.

Why not Jupyter Book's LaTeX builder (measured on Debian 12 for 0.8.0): its TeX Live needs
about 630 MB of packages (1.8 GB installed, 509 MB of them texlive-fonts-extra for one style
file), Sphinx 7.4's LaTeX writer crashes on a reference title with a hyphen, a heading's
\varepsilon stops xelatex, the default fonts drop subscript letters (ₖ, ᵗ), and the explorers
and quizzes have no LaTeX form: they print as a line such as `<IPython.core.display.HTML
object>`.

`--reuse` prints the single-page builds already in _build/ instead of building them again.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import ROOT
from .book import (CHROMIUM_ARGS, CHROMIUM_HINT, build_book, build_without_solutions, config,
                   find_chromium, serve, toc_pages)
from .release import release_date, version

# The one place the paper is set: its size and margins in millimetres (top, right, bottom,
# left). The page is laid out at the width between the margins before printing, so that what
# the page's scripts measure (wide equations, tables) is what the paper shows.
PAPER = ("A4", (210, 297), (18, 17, 20, 17))
LICENCE = ("Text and figures: Creative Commons Attribution 4.0 International (CC BY 4.0). "
           "Code: MIT License.")
TITLE = "Adam, step by step"
FILE_STEM = "adam-step-by-step"
FOOTER = ('<div style="width:100%;font-size:8pt;color:#555;text-align:center;'
          'font-family:sans-serif"><span class="pageNumber"></span></div>')


@dataclass(frozen=True)
class Part:
    """One PDF: a name for its file, the line of its title page, and its documents."""
    slug: str
    heading: str
    docs: tuple[str, ...]
    contents_depth: int


def online_book() -> str:
    """The published book's address: GitHub Pages of the repository in _config.yml."""
    owner, name = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$",
                           config()["repository"]["url"]).groups()
    return f"https://{owner}.github.io/{name}/"


def parts() -> list[Part]:
    """The whole book, each numbered chapter with its sections, and the appendix, from _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    stem = lambda entry: Path(entry["file"]).with_suffix("").as_posix()  # noqa: E731
    every = [Path(toc["root"]).with_suffix("").as_posix()]
    chapters, appendix = [], []
    for block in toc["parts"]:
        for number, chapter in enumerate(block["chapters"], 1):
            docs = [stem(chapter)] + [stem(s) for s in chapter.get("sections", [])]
            every += docs
            if block.get("numbered"):
                chapters.append(Part(f"chapter-{number}", f"Chapter {number}", tuple(docs), 3))
            else:
                appendix += docs
    return [Part(FILE_STEM, "", tuple(every), 2), *chapters,
            Part("appendix", "Appendix", tuple(appendix), 2)]


def title_page(part: Part, chapter_title: str, student: bool) -> str:
    e = html.escape
    lines = [f'<p class="pdf-name">{e(TITLE)}</p>']
    lines.append(f'<p class="pdf-part">{e(chapter_title) if part.heading else "The whole book"}</p>')
    if student:
        lines.append('<p class="pdf-edition">Student edition: the exercises without their '
                     "solutions, the review questions without their answers</p>")
    url, repository = online_book(), config()["repository"]["url"]
    lines += [f"<p>Version {e(version())} ({e(release_date())})</p>",
              f'<p>The online book, with live figures: <a href="{e(url)}">{e(url)}</a></p>',
              f"<p>{e(LICENCE)}</p>",
              '<p class="pdf-about">Printed from the online book. There, the figures this PDF '
              "marks as live have sliders, the solutions and answers are folded until asked "
              "for, and each chapter opens as a Jupyter notebook to run (on Binder, Colab or "
              "your own machine), with checks for the exercises. The notebooks, the book's "
              f'source and its issues: <a href="{e(repository)}">{e(repository)}</a></p>']
    return "\n".join(lines)


def outline_pages(path: Path) -> list[tuple[str, int]]:
    """Each outline entry of a PDF, in order: its title and its 1-based page."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((re.sub(r"\s+", " ", item.title).strip(),
                              reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def finish(path: Path, title: str, subject: str, headings: list[str]) -> None:
    """Set the metadata, give the outline the headings' own text and open it in viewers.

    Chromium writes an outline entry's title from the heading's lines as laid out: a heading
    that wraps loses the space at the break, and some come out twice. The entries follow the
    headings in order, so each takes its heading's text.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=path)
    entries = []

    def walk(item):
        while item is not None:
            item = item.get_object()
            entries.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    walk(writer.root_object["/Outlines"].get_object().get("/First"))
    assert len(entries) == len(headings), (len(entries), len(headings))
    for entry, text in zip(entries, headings):
        entry[NameObject("/Title")] = TextStringObject(text)
    writer.add_metadata({"/Title": title, "/Author": "The Adam, step by step authors",
                         "/Subject": subject, "/Keywords": f"Adam; optimization; version {version()}"})
    writer.page_mode = "/UseOutlines"
    with open(path, "wb") as out:
        writer.write(out)


logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's trailer counts too few objects


def print_edition(page_folder: Path, out: Path, student: bool) -> list[Path]:
    """Print every part of one edition from its single-page build into out."""
    from playwright.sync_api import sync_playwright

    script = (ROOT / "tools" / "pdf.js").read_text(encoding="utf-8")
    style = (ROOT / "tools" / "pdf.css").read_text(encoding="utf-8")
    # Sphinx writes the single page as the root document's (chapters/index.html), but with
    # every address relative to the build's root, where the page is served from.
    root = toc_pages()[0]
    shutil.copy2(page_folder / f"{root}.html", page_folder / "print.html")
    written = []
    with serve(page_folder) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            paper, (width, _), margins = PAPER
            column = round((width - margins[1] - margins[3]) / 25.4 * 96)  # CSS px
            page = browser.new_page(color_scheme="light", viewport={"width": column, "height": 900})
            # The page's own scripts (but MathJax) are for a screen: the theme's, the toggles',
            # the copy buttons', and the book's, which re-measure boxes whenever the layout
            # changes, as printing does, so that no two prints would lay out alike.
            page.route("**/*.js*", lambda route: route.continue_()
                       if "/_static/mathjax/" in route.request.url else route.abort())
            page.goto(url + "print.html", wait_until="load")
            page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
            page.evaluate("async () => { await MathJax.startup.promise; await document.fonts.ready; }")
            page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
            page.add_script_tag(content=script)
            page.add_style_tag(content=f"@page {{ size: {paper}; margin: "
                               f"{' '.join(f'{m}mm' for m in margins)}; }}\n{style}")
            page.emulate_media(media="print")
            page.evaluate("(s) => pdfPrepare(s)",
                          {"online": online_book(), "root": root, "student": student})
            for part in parts():
                name = f"{part.slug}-student.pdf" if student else f"{part.slug}.pdf"
                path = out / name
                chapter_title = part.slug.startswith("chapter-") and page.evaluate(
                    "(d) => { const s = document.querySelector(`[data-pdf-doc=\"${d}\"]`);"
                    " return s.querySelector('h1,h2,h3').textContent.trim(); }", part.docs[0])
                chapter_title = chapter_title or part.heading
                front = title_page(part, chapter_title, student)
                # Chromium lays a page out one of two ways on alternate prints (a heading at
                # the foot of a page, or on the next), whatever the page holds; so the numbers
                # of the first print are kept until a print agrees with them.
                pages = None
                for attempt in range(6):
                    page.evaluate("([d, t, n, p]) => pdfSelect(d, t, n, p)",
                                  [list(part.docs), front, part.contents_depth, pages])
                    page.evaluate("document.fonts.ready.then(() => 0)")  # MathJax's, if new
                    page.pdf(path=str(path), print_background=True, outline=True,
                             tagged=True, display_header_footer=True,
                             header_template="<span></span>", footer_template=FOOTER,
                             prefer_css_page_size=True)
                    headings = page.evaluate("pdfHeadings()")
                    outline = outline_pages(path)
                    if len(outline) != len(headings):
                        sys.exit(f"{name}: the outline has {len(outline)} entries for "
                                 f"{len(headings)} headings")
                    found = [at for (_, at), h in zip(outline, headings) if h["listed"]]
                    if found == pages:
                        break
                    if pages is None or attempt >= 3:
                        pages = found
                else:
                    sys.exit(f"{name}: the contents' page numbers did not settle")
                label = chapter_title or "the whole book"
                finish(path, f"{TITLE} — {label}" + (" (student edition)" if student else ""),
                       f"Version {version()}", [h["text"] for h in headings])
                written.append(path)
                print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}",
                      flush=True)
            browser.close()
    return written


def main(args: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="tasks.py pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf",
                        help="the folder of the PDFs (its old PDFs are removed)")
    parser.add_argument("--reuse", action="store_true",
                        help="print the single-page builds already in _build/")
    options = parser.parse_args(args)
    if find_chromium() is None:
        sys.exit(f"chromium is not installed: the PDF is printed by it. {CHROMIUM_HINT}")
    started = time.monotonic()
    python = Path(sys.executable)
    reader_html = ROOT / "_build" / "singlehtml"
    student_root = ROOT / "_build" / "no-solutions"
    student_html = student_root / "_build" / "singlehtml"
    if not options.reuse:
        if build_book(ROOT, ROOT, python, builder="singlehtml").returncode:
            sys.exit("the single-page build failed: see the warnings and errors above")
        build_without_solutions(student_root, python, builder="singlehtml")
    built = time.monotonic()
    out = options.out.resolve()
    for old in out.glob("**/*.pdf"):
        old.unlink()  # only PDFs: --out may name a folder that holds more
    (out / "student").mkdir(parents=True, exist_ok=True)
    print("Printing the PDFs:", flush=True)
    written = print_edition(reader_html, out, student=False)
    written += print_edition(student_html, out / "student", student=True)
    html_book = ROOT / "_build" / "html"
    if html_book.is_dir():
        shutil.copytree(out, html_book / "pdf", dirs_exist_ok=True)
    size = sum(p.stat().st_size for p in written) / 1e6
    print(f"\n{len(written)} PDFs ({size:.1f} MB) in {out}: built in {built - started:.0f} s, "
          f"printed in {time.monotonic() - built:.0f} s")
    if html_book.is_dir():
        print(f"Copied beside the HTML book: {html_book / 'pdf'}")


if __name__ == "__main__":
    main(sys.argv[1:])
