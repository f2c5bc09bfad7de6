"""The two HTML books: the answer key (solutions folded) and the book without solutions."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def pages(html: Path) -> dict:
    return {p.relative_to(html).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in html.glob("chapters/*.html")}


def test_the_answer_key_folds_every_solution(book_html):
    solutions = [div for soup in pages(book_html).values() for div in soup.select("div.solution")]
    assert solutions, "the published book has lost its solutions"
    assert all("dropdown" in div["class"] for div in solutions)


def test_the_book_without_solutions_has_no_solution_text(book_html, book_html_without_solutions):
    with_solutions, without = pages(book_html), pages(book_html_without_solutions)
    assert with_solutions.keys() == without.keys()
    for name, soup in without.items():
        assert not soup.select("div.solution"), name
        text = soup.get_text(" ")
        # Every sentence of the prose of every solution of the answer key is absent here. (Code
        # is left out of the comparison: the stub keeps the function's signature and docstring.)
        for solution in with_solutions[name].select("div.solution"):
            for code in solution.select("div.cell, pre"):
                code.decompose()
            for sentence in solution.get_text(" ").split(". "):
                sentence = " ".join(sentence.split())
                if len(sentence) > 40:
                    assert sentence not in " ".join(text.split()), (name, sentence)
        # ...while the exercises themselves stay.
        assert len(soup.select("div.exercise")) == len(with_solutions[name].select("div.exercise"))


def test_hidden_tests_are_in_neither_book(book_html, book_html_without_solutions):
    for html in (book_html, book_html_without_solutions):
        for page in html.glob("chapters/*.html"):
            assert "HIDDEN TESTS" not in page.read_text(encoding="utf-8"), (html, page.name)


def test_no_solution_mark_is_left_in_the_book_without_solutions(book_html_without_solutions):
    for page in book_html_without_solutions.glob("chapters/*.html"):
        text = page.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, page.name
