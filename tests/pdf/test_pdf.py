"""The PDF edition, read back with standard tools (poppler's pdftotext, pdfinfo and pdfimages,
and pypdf): what `python3 tasks.py pdf` wrote into _build/pdf/ against the single-page HTML it
printed. Not part of the test command (printing takes minutes): CI runs these after
`python3 tasks.py pdf`, as `python3 tasks.py test tests/pdf`.
"""

from __future__ import annotations

import collections
import html
import re
import shutil
import struct
import subprocess
from base64 import b64decode
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools import pdf as printing
from tools.release import version

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "_build" / "pdf"
PAGES = {False: ROOT / "_build" / "singlehtml", True: ROOT / "_build" / "no-solutions" / "_build" / "singlehtml"}
PARTS = printing.parts()
EDITIONS = [pytest.param(False, id="reader"), pytest.param(True, id="student")]
# What only the web page has (its buttons, menus and folds), in words the prose never uses.
CHROME = ["Show code cell", "Hide code cell", "Copy to clipboard", "Skip to main content",
          "Print to PDF", "Toggle navigation", "Back to top", "Search Ctrl", "Download source",
          "Toggle hidden content", "Click to show"]


def pdf_path(part, student: bool) -> Path:
    return OUT / ("student" if student else "") / (f"{part.slug}-student.pdf" if student else f"{part.slug}.pdf")


@pytest.fixture(scope="module", autouse=True)
def printed():
    for tool in ("pdftotext", "pdfinfo", "pdfimages"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install Debian's poppler-utils")
    missing = [p for p in (pdf_path(part, s) for part in PARTS for s in (False, True)) if not p.exists()]
    if missing:
        pytest.fail(f"no PDF edition in {OUT} ({len(missing)} files missing): run `python3 tasks.py pdf`")


def run(*command) -> str:
    return subprocess.run([str(c) for c in command], check=True, capture_output=True, text=True).stdout


@cache
def page_texts(path: Path) -> list[str]:
    """The text of each page, as pdftotext reads it (pages end with a form feed)."""
    return run("pdftotext", "-enc", "UTF-8", path, "-").split("\f")[:-1]


@cache
def page_boxes(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (left, top, right, bottom: points from the top left)."""
    xml = run("pdftotext", "-bbox", path, "-")
    return [[(*(float(m[i]) for i in range(1, 5)), html.unescape(m[5])) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)]
        for page in xml.split("<page ")[1:]]


def page_words(path: Path) -> list[list[tuple[float, float, float, str]]]:
    return [[(x0, y0, x1, w) for x0, y0, x1, _, w in page] for page in page_boxes(path)]


def words_under(path: Path, number: int, rect, height: float) -> str:
    """The words of a page whose centre lies in a PDF rectangle (points from the bottom left)."""
    x0, y0, x1, y1 = (float(v) for v in rect)
    return " ".join(w for left, top, right, bottom, w in page_boxes(path)[number - 1]
                    if x0 <= (left + right) / 2 <= x1 and y0 <= height - (top + bottom) / 2 <= y1)


def flat(text: str) -> str:
    return " ".join(text.split())


@cache
def outline(path: Path) -> list[tuple[str, int]]:
    return printing.outline_pages(path)


@cache
def single_page(student: bool) -> BeautifulSoup:
    return BeautifulSoup((PAGES[student] / "chapters" / "index.html").read_text(encoding="utf-8"), "html.parser")


def documents(student: bool, part) -> list:
    """The sections of the single page that hold the part's documents (nested ones excluded)."""
    soup = single_page(student)
    found = []
    for doc in part.docs:
        marker = soup.find("span", id=f"document-{doc}")
        section = marker.find_next_sibling("section") if marker else soup.find("section")
        if not any(section in s.descendants for s in found):
            found.append(section)
    return found


def document_of(element) -> str:
    """The name of the document an element of the single page belongs to."""
    for parent in element.parents:
        marker = parent.find_previous_sibling() if parent.name == "section" else None
        if marker is not None and marker.name == "span" and marker.get("id", "").startswith("document-"):
            return marker["id"].removeprefix("document-")
    return PARTS[0].docs[0]


def heading_patterns(student: bool, part) -> list[re.Pattern]:
    """Every chapter and section title of the part, in order, as the HTML shows them: a
    pattern of its text without white space, in which each formula may be anything but TeX."""
    titles = []
    for section in documents(student, part):
        for h in section.find_all(re.compile("^h[1-6]$")):
            if document_of(h) == PARTS[0].docs[0]:
                continue  # the front page's title and sections give way to the title page
            h = BeautifulSoup(str(h), "html.parser")
            for link in h.select("a.headerlink"):
                link.extract()
            for math in h.select("span.math"):
                math.replace_with("\x00")
            parts = [re.escape(norm(text)) for text in h.get_text().split("\x00")]
            titles.append(re.compile(r"[^\\]+?".join(parts)))
    return titles


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("student", EDITIONS)
@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_title_page_and_metadata(part, student):
    path = pdf_path(part, student)
    info = run("pdfinfo", path)
    paper, (width, height), _ = printing.PAPER
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - width / 25.4 * 72) < 1 and abs(float(size[2]) - height / 25.4 * 72) < 1, info
    assert f"Title:           {printing.TITLE}" in info
    assert f"version {version()}" in info, "the metadata does not name the version"
    title = flat(page_texts(path)[0])
    assert printing.TITLE in title and f"Version {version()}" in title, title
    assert "CC BY 4.0" in title and printing.online_book() in title, title
    assert ("Student edition" in title) == student, title
    assert printing.config()["repository"]["url"] in title, "the title page names the repository"


@pytest.mark.parametrize("student", EDITIONS)
@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_every_title_is_in_the_text_and_the_outline_in_order(part, student):
    path = pdf_path(part, student)
    titles = heading_patterns(student, part)
    assert titles, part
    entries = outline(path)
    # The outline: the contents page, then every title of the HTML in order, nothing else.
    assert entries[0][0] == "Contents" and len(entries) == len(titles) + 1, [t for t, _ in entries]
    for (title, _), pattern in zip(entries[1:], titles):
        assert pattern.fullmatch(norm(title)), (title, pattern.pattern)
    # The text, after the contents: each title on the page the outline gives, in order.
    texts = page_texts(path)
    for (title, page), pattern in zip(entries[1:], titles):
        assert pattern.search(norm(texts[page - 1])), (title, page)
    assert [p for _, p in entries] == sorted(p for _, p in entries)


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_the_contents_page_gives_each_title_its_page(part):
    path = pdf_path(part, False)
    entries = outline(path)
    contents = run("pdftotext", "-layout", "-f", 2, "-l", entries[1][1] - 1, path, "-")
    lines = [flat(line) for line in contents.splitlines() if line.strip()]
    listed = 0
    for title, page in entries[1:]:
        for line in lines:
            if line.endswith(f" {page}") and norm(line[: -len(str(page))]) == norm(title):
                listed += 1
                break
    # The contents list chapters and sections (not every sub-subsection of the whole book).
    assert listed >= min(len(entries) - 1, 10), (listed, contents[:500])


@pytest.mark.parametrize("student", EDITIONS)
def test_every_page_has_its_number_and_no_raw_tex(student):
    path = pdf_path(PARTS[0], student)
    _, (_, height_mm), margins = printing.PAPER
    footer_top = (height_mm - margins[2]) / 25.4 * 72
    for number, words in enumerate(page_words(path), 1):
        footer = [word for x0, y0, x1, word in words if y0 > footer_top]
        assert footer == [str(number)], f"page {number}'s foot reads {footer}"
    body = "\n".join(page_texts(path))
    for raw in ("\\frac", "$$", "\\begin", "\\(", "\\["):
        assert raw not in body, f"raw TeX {raw!r} in the PDF: an equation was not typeset"
    for words in CHROME:
        assert words not in body, f"the web page's {words!r} is printed"


def png_size(src: str, folder: Path) -> tuple[int, int]:
    data = b64decode(src.split(",", 1)[1]) if src.startswith("data:") else (folder / src.split("?")[0]).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", src[:60]
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("student", EDITIONS)
@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_every_image_of_the_html_is_in_the_pdf(part, student):
    html = collections.Counter(
        png_size(img["src"], PAGES[student])
        for section in documents(student, part)
        for img in section.select("img")
        if not img.find_parent(class_="aq-quiz") and not img["src"].endswith(".svg"))
    listing = run("pdfimages", "-list", pdf_path(part, student)).splitlines()[2:]
    in_pdf = collections.Counter((int(row.split()[3]), int(row.split()[4])) for row in listing
                                 if row.split()[2] == "image")
    missing = html - in_pdf
    assert not missing, f"{sum(missing.values())} of {sum(html.values())} images missing: {missing}"
    if part.slug == printing.FILE_STEM:
        assert sum(html.values()) >= 50  # the figures and the explorers' frames


@pytest.mark.parametrize("student", EDITIONS)
def test_each_explorer_prints_its_frame_and_points_to_the_online_book(student):
    soup = single_page(student)
    explorers = soup.select(".adamlib-explorer")
    text = flat("\n".join(page_texts(pdf_path(PARTS[0], student))))
    assert len(explorers) >= 10
    assert text.count("this figure is live") == len(explorers)


@pytest.mark.parametrize("student", EDITIONS)
def test_quizzes_and_flashcards_are_left_out(student):
    from adamlib.course.quiz import load_quiz, quiz_names

    text = flat("\n".join(page_texts(pdf_path(PARTS[0], student))))
    # Each question's wording and its answers' explanations, cut where a formula sits.
    pieces = [flat(piece) for name in quiz_names() for q in load_quiz(name)
              for said in [q["ask"], *(o.get("why", "") for o in q.get("options", []))]
              for piece in re.split(r"\$[^$]*\$", said) if len(flat(piece)) >= 40]
    # (A piece the book also says outside its quizzes may be printed there.)
    page = BeautifulSoup(str(single_page(student)), "html.parser")
    for quiz in page.select(".aq-quiz"):
        quiz.decompose()
    elsewhere = flat(page.get_text(" "))
    pieces = [piece for piece in pieces if piece not in elsewhere]
    assert len(pieces) >= 30
    printed = [piece for piece in pieces if piece in text]
    assert not printed, printed[:3]
    assert text.count("The self-check quiz is interactive") == len(quiz_names())
    assert "The flashcards are interactive" in text


def solution_sentences(soup: BeautifulSoup, selector: str) -> list[str]:
    """Sentences of prose (no math, no code) longer than 40 characters, from each block."""
    found = []
    for block in soup.select(selector):
        block = BeautifulSoup(str(block), "html.parser")
        for skip in block.select("div.cell, pre, code, span.math, div.math, .admonition-title, summary"):
            skip.replace_with("\x00")
        for sentence in re.split(r"(?<=[.:;])\s", block.get_text(" ")):
            sentence = flat(sentence)
            if len(sentence) > 40 and "\x00" not in sentence:
                found.append(sentence)
    return found


@pytest.mark.parametrize("selector", ["div.solution", "details.sd-dropdown"], ids=["solutions", "review answers"])
def test_the_student_pdf_has_none_of_the_answer_keys_text(selector):
    sentences = solution_sentences(single_page(False), selector)
    assert len(sentences) >= 40, selector
    reader = norm(" ".join(page_texts(pdf_path(PARTS[0], False))))
    student = norm(" ".join(page_texts(pdf_path(PARTS[0], True))))
    # The reader's PDF shows them in place (unfolded): the comparison can see them.
    shown = [s for s in sentences if norm(s) in reader]
    assert len(shown) >= 0.9 * len(sentences), (len(shown), len(sentences))
    leaked = [s for s in shown if norm(s) in student]
    assert not leaked, leaked[:3]
    # ...while the exercises themselves stay.
    assert "Exercise 1.1" in " ".join(page_texts(pdf_path(PARTS[0], True)))


@pytest.mark.parametrize("student", EDITIONS)
def test_links_inside_the_book_go_to_named_places_that_exist(student):
    from pypdf import PdfReader

    reader = PdfReader(pdf_path(PARTS[0], student))
    named = set(reader.named_destinations)
    internal, broken = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link" or "/Dest" not in annotation:
                continue
            internal += 1
            dest = annotation["/Dest"]
            if isinstance(dest, str) and dest not in named:
                broken.append(dest)
    assert internal > 500, internal  # every equation, figure and exercise reference
    assert not broken, broken[:5]


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.slug)
def test_a_link_leaves_the_pdf_only_for_a_page_it_leaves_out(part):
    """A chapter's links into another chapter go to the online book; into itself they stay in
    the PDF, but for the lines that lead to the live explorers and quizzes ("online book")."""
    from pypdf import PdfReader

    path = pdf_path(part, False)
    online = re.escape(printing.online_book())
    inside, wrong = 0, []
    for number, page in enumerate(PdfReader(path).pages, 1):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if "/Dest" in annotation:
                inside += 1
            elif action is not None and action.get("/S") == "/URI":
                target = re.match(online + r"(chapters/[^.#]+)\.html", str(action["/URI"]))
                if not target or target[1] not in part.docs:
                    continue
                words = re.findall(r"\w+", words_under(path, number, annotation["/Rect"], height))
                if not words or not set(words) <= {"online", "book"}:  # it may wrap
                    wrong.append((number, " ".join(words), str(action["/URI"])))
    assert inside > 0
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("part", [PARTS[0], PARTS[2]], ids=lambda p: p.slug)
def test_internal_links_land_where_they_say(part):
    """An equation's number leads to the page that shows it, a citation to the bibliography, a
    line of the contents to the page it gives (ids repeat across the single page's documents:
    "exercises" is in every chapter)."""
    from pypdf import PdfReader

    path = pdf_path(part, False)
    reader = PdfReader(path)
    destinations = reader.named_destinations
    entries = outline(path)
    bibliography = next((p for t, p in entries if t == "Bibliography"), None)
    landed, wrong = collections.Counter(), []
    for number, page in enumerate(reader.pages, 1):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if not isinstance(annotation.get("/Dest"), str):
                continue
            label = words_under(path, number, annotation["/Rect"], height)
            if annotation["/Dest"] not in destinations:
                wrong.append(("no such destination", number, label, annotation["/Dest"]))
                continue
            to = reader.get_destination_page_number(destinations[annotation["/Dest"]]) + 1
            if number < entries[1][1] and re.search(r" \d+$", label):
                kind, ok = "contents", to == int(label.split()[-1])
            elif re.fullmatch(r"\(\d+\.\d+\)", label):
                kind, ok = "equation", label in page_texts(path)[to - 1]
            elif bibliography and re.search(r"\b(19|20)\d\d\b", label):
                kind, ok = "citation", to >= bibliography
            else:
                continue
            landed[kind] += 1
            if not ok:
                wrong.append((kind, number, label, to))
    assert not wrong, wrong[:5]
    assert landed["contents"] >= 10 and landed["equation"] >= 5, landed
    assert bibliography is None or landed["citation"] >= 50, landed


def test_text_stays_inside_the_margins():
    """No line of code, equation or table runs off the paper: every word's box ends inside it."""
    path = pdf_path(PARTS[0], False)
    _, (width_mm, _), margins = printing.PAPER
    right_edge = (width_mm - margins[1] / 2) / 25.4 * 72  # halfway into the right margin
    over = [(number, word) for number, words in enumerate(page_words(path), 1)
            for x0, y0, x1, word in words if x1 > right_edge]
    assert not over, over[:10]
