"""Release hygiene: one version number, written once, shown by the book and logged in the
changelog; the book's external links listed in one place."""

from __future__ import annotations

import re

import adamlib
import tasks


def test_the_version_is_written_once_and_agrees_everywhere():
    number = tasks.version()
    assert number == adamlib.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", number), f"not MAJOR.MINOR.PATCH: {number}"
    pyproject = (tasks.ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and 'attr = "adamlib.__version__"' in pyproject
    changelog = (tasks.ROOT / "CHANGELOG.md").read_text()
    newest = re.search(r"^## (\S+)", changelog, re.M)
    assert newest and newest[1] == number, f"CHANGELOG.md's newest entry is {newest and newest[1]}, adamlib says {number}"
    config = (tasks.ROOT / "_config.yml").read_text()
    assert f'extra_footer: "{tasks.footer(number)}"' in config, "run `python3 tasks.py sync`"
    citation = (tasks.ROOT / "CITATION.cff").read_text()
    assert f"\nversion: {number}\n" in citation, "CITATION.cff: run `python3 tasks.py sync`"
    assert f'\ndate-released: "{tasks.release_date()}"\n' in citation, "CITATION.cff: run `python3 tasks.py sync`"


def test_every_page_states_the_version(book_html):
    pages = sorted(book_html.glob("chapters/*.html"))
    assert pages
    missing = [p.name for p in pages if tasks.footer(tasks.version()) not in p.read_text(encoding="utf-8")]
    assert not missing, f"pages without the version in their footer: {missing}"


def test_external_links_live_in_the_bibliography(book_html):
    """The book's links to other sites are the bibliography's (references.bib, one place): a
    chapter cites a work instead of linking to it, so the links can be listed and checked by
    hand (`jupyter-book build . --builder linkcheck`, which CI cannot run: it has no network)."""
    stray = []
    for page in sorted(book_html.glob("chapters/*.html")):
        if page.stem == "bibliography":
            continue
        text = page.read_text(encoding="utf-8")
        article = text[text.find("<article"):text.rfind("</article>")]
        stray += [f"{page.name}: {href}" for href in re.findall(r'href="(https?://[^"]+)"', article)]
    assert not stray, "external links outside the bibliography (cite the work instead):\n" + "\n".join(stray)
    bibliography = (book_html / "chapters" / "bibliography.html").read_text(encoding="utf-8")
    for url in re.findall(r"url\s*=\s*\{([^}]+)\}", (tasks.ROOT / "references.bib").read_text()):
        assert url.replace("&", "&amp;") in bibliography, f"{url} of references.bib is not in the bibliography"
