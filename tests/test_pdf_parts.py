"""The PDF edition's parts, read from _toc.yml (printing them is CI's separate step, checked by
tests/pdf/): every page of the book is in the whole book once, in the table of contents' order,
and in exactly one chapter's or the appendix's PDF."""

from __future__ import annotations

import tools.book
import tools.pdf


def test_every_page_is_printed_once_in_the_book_and_once_in_a_part():
    book, *parts = tools.pdf.parts()
    pages = tools.book.toc_pages()
    assert list(book.docs) == pages
    in_parts = [doc for part in parts for doc in part.docs]
    assert sorted(in_parts) == sorted(pages[1:]), "the front page is in the whole book only"
    chapters = [p for p in parts if p.slug.startswith("chapter-")]
    assert [p.slug for p in chapters] == [f"chapter-{n}" for n in range(1, 9)]
    # Chapters 7 and 8 are printed whole, with their sections.
    assert len(chapters[6].docs) == 4 and len(chapters[7].docs) == 3
    assert parts[-1].slug == "appendix" and "chapters/glossary" in parts[-1].docs


def test_the_online_book_is_the_repositorys_github_pages_site():
    url = tools.book.config()["repository"]["url"]
    owner, name = url.rstrip("/").split("/")[-2:]
    assert tools.pdf.online_book() == f"https://{owner}.github.io/{name}/"
