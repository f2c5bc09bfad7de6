"""Every page of the book at every width of conftest.SCREENS, loaded once and read by every check.

A check is a function `check(page, name, screen) -> list[str]` (the problems it saw, empty when
the page is right) in a module `tests/screen_checks_*.py`, listed there in `CHECKS`. One load
per page and width keeps the browser's time to a few minutes however many checks there are.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import tools.book
from conftest import SCREENS

PAGES = tools.book.toc_pages()
CHECKS = [check for module in sorted(Path(__file__).parent.glob("screen_checks_*.py"))
          for check in importlib.import_module(module.stem).CHECKS]


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("name", PAGES)
def test_page_on_screen(visit_on, name, screen):
    seen = visit_on(screen)(name)
    problems = [f"{check.__name__}: {problem}" for check in CHECKS
                for problem in check(seen.page, name, screen)]
    problems += [f"external request: {url}" for url in seen.external_requests()]
    problems += seen.real_errors()
    assert not problems, f"{name} on the {screen}:\n" + "\n".join(problems)
