"""The build's first step: notebooks executed ahead of Sphinx must be what the build then finds.

If the cache that `python -m tools.book execute-notebooks` fills stopped matching the notebooks as myst-nb
reads them, every build would still pass, only executing each notebook twice, serially: the
slowdown would go unnoticed. These tests make it visible.
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
from jupyter_cache import get_cache

import tools.book

FAST_NOTEBOOK = tools.ROOT / "chapters" / "review.ipynb"  # about a second


def execute_notebooks(cache, notebook) -> subprocess.CompletedProcess:
    """The build's first step, as tools.book.build_book runs it, on one notebook."""
    return subprocess.run([sys.executable, "-m", "tools.book", "execute-notebooks", cache,
                           notebook], capture_output=True, text=True, cwd=tools.ROOT)


def test_an_executed_notebook_is_found_in_the_cache_as_the_build_reads_it(tmp_path):
    cache = tmp_path / "cache"
    result = execute_notebooks(cache, FAST_NOTEBOOK)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "failed" not in result.stdout, result.stdout
    # What myst-nb does in `execute_notebooks: cache` mode: match the notebook as read from disk.
    record = get_cache(str(cache)).match_cache_notebook(nbformat.read(FAST_NOTEBOOK, as_version=4))
    assert record.uri == str(FAST_NOTEBOOK)
    executed = get_cache(str(cache)).get_cache_bundle(record.pk).nb
    assert any(cell.get("outputs") for cell in executed.cells if cell.cell_type == "code")


def test_a_failing_notebook_is_reported_and_not_cached(tmp_path):
    broken = tmp_path / "broken.ipynb"
    cells = [nbformat.v4.new_code_cell("1 + 1"), nbformat.v4.new_code_cell("raise RuntimeError")]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernel}), broken)
    cache = tmp_path / "cache"
    result = execute_notebooks(cache, broken)
    assert result.returncode == 0  # the build runs it again and reports the error itself
    assert f"{broken} failed here" in result.stdout
    assert get_cache(str(cache)).list_cache_records() == []


def test_the_build_finds_every_notebook_executed(book_build_log):
    """The tests' build goes through tools.book.build_book, as `python3 tasks.py book` does: myst-nb
    must take every notebook from the cache and execute none itself, but the review page, which
    reads the other chapters and so is executed at every build (_ext/review_page.py)."""
    notebooks = [page for page in tools.book.toc_pages() if (tools.ROOT / f"{page}.ipynb").exists()]
    cached = [line for line in book_build_log if "Using cached notebook" in line]
    executed = [line for line in book_build_log if "Executing notebook" in line]
    assert "chapters/review" in notebooks
    assert len(cached) == len(notebooks) - 1 and not any("review.ipynb" in line for line in cached)
    assert len(executed) == 1 and "chapters/review.ipynb" in executed[0], executed
