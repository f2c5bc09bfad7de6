"""Building the book: the notebooks executed one per core, then `jupyter-book build` with
warnings as errors; the pages of _toc.yml; the browser its tests drive.

    python -m tools.book [--no-solutions]             (what `python3 tasks.py book` runs)
    python -m tools.book execute-notebooks CACHE NOTEBOOK...
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

from . import ROOT

# The book's gate: warnings are errors (-W), broken references too (-n), all reported at once.
STRICT = ["-W", "-n", "--keep-going"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_HINT = "Install it with `sudo apt-get install chromium` (Debian/Ubuntu)."
# Its flags under Playwright: headless, and nothing that reaches the network on its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# What a build of the book reads besides chapters/ (copied for the build without solutions).
BOOK_FILES = {"_config.yml", "_toc.yml", "references.bib", "_static_vendor", "_static_book", "_ext"}


def find_chromium() -> str | None:
    """The browser the book's tests drive: Debian's chromium, else any `chromium` on PATH."""
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


@contextlib.contextmanager
def serve(folder: Path):
    """A folder over http on 127.0.0.1 (a free port) by the standard library's static server, as
    a reader's browser gets the book; yields its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def config() -> dict:
    """_config.yml, parsed."""
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def toc_pages() -> list[str]:
    """The pages of _toc.yml (its `root:` and every `file:` entry, in order), without suffix:
    `chapters/index`."""
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("root", "file"):
                    yield Path(value).with_suffix("").as_posix()
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return list(walk(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))))


def build_book(source: Path, output: Path, python: Path, builder: str = "html",
               **kwargs) -> subprocess.CompletedProcess:
    """`jupyter-book build` of source into output with warnings as errors, notebooks run first.

    myst-nb executes the notebooks one after another while Sphinx reads the pages, which leaves
    all cores but one idle for most of a clean build. So the notebooks are executed beforehand,
    one per core, into the cache the build reads (`execute-notebooks`), and the build finds
    every one of them executed. A notebook that fails there runs again in the build, which
    reports it. ``builder`` is Sphinx's (``singlehtml`` for the page the PDF prints, into
    output/_build/singlehtml). ``kwargs`` go to subprocess.run (e.g. to capture the output).
    """
    def call(*command) -> subprocess.CompletedProcess:
        print("$", shlex.join(map(str, command)), flush=True)
        return subprocess.run([str(c) for c in command], cwd=ROOT, **kwargs)

    notebooks = sorted((source / "chapters").glob("*.ipynb"))
    call(python, "-m", "tools.book", "execute-notebooks", output / "_build" / ".jupyter_cache",
         *notebooks)  # its failures are the build's to report
    return call(Path(python).parent / "jupyter-book", "build", source, "--path-output", output,
                "--builder", builder, *STRICT)


def execute_notebooks(cache_path, *notebooks) -> None:
    """Execute notebooks into a jupyter-cache, one process per core (run by build_book).

    The cache is the one myst-nb reads in `execute_notebooks: cache` mode: it matches a notebook
    by its code cells, and runs it in its own folder, as here.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache = get_cache(cache_path)
    for notebook in notebooks:
        cache.add_nb_to_project(notebook)
    timeout = int(config()["execute"]["timeout"])  # the seconds a cell may run
    result = load_executor("local-parallel", cache).run_and_cache(timeout=timeout)
    for failed in (*result.excepted, *result.errored):
        print(f"{failed} failed here; the build runs it again and reports why", flush=True)


def build_without_solutions(output: Path, python: Path, builder: str = "html") -> Path:
    """The book built from the student edition: every solution, and its text, left out.

    The book's sources are copied into output/source with the student edition in place of the
    chapter notebooks, then built as the book is (execution forced: the copy has no cache).
    Returns the folder of the HTML (of ``builder``'s output).
    """
    from .edition import make_edition

    source = output / "source"
    if source.exists():
        shutil.rmtree(source)
    make_edition(ROOT / "chapters", source / "chapters")
    for path in ROOT.iterdir():
        if path.name in BOOK_FILES:
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, source / path.name)
    for page in (ROOT / "chapters").iterdir():
        if page.suffix != ".ipynb" and page.is_file():
            shutil.copy2(page, source / "chapters" / page.name)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # Agg drops every figure
    if build_book(source, output, python, builder, env=env).returncode:
        sys.exit("the build without solutions failed: see the warnings and errors above")
    return output / "_build" / builder


def main(args: list[str]) -> None:
    if args[:1] == ["execute-notebooks"] and len(args) > 1:
        execute_notebooks(*args[1:])
    elif args == ["--no-solutions"]:
        html = build_without_solutions(ROOT / "_build" / "no-solutions", Path(sys.executable))
        print(f"\nOpen the book without solutions: {html / 'index.html'}")
    elif not args:
        if build_book(ROOT, ROOT, Path(sys.executable)).returncode:
            sys.exit("the build failed: see the warnings and errors above")
        print(f"\nOpen the book: {ROOT / '_build' / 'html' / 'index.html'}")
    else:
        sys.exit(f"book takes no arguments but --no-solutions, got {' '.join(args)}")


if __name__ == "__main__":
    main(sys.argv[1:])
