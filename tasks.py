#!/usr/bin/env python3
"""The commands of "Adam, step by step": each sets itself up, so a fresh clone needs only Python.

    python3 tasks.py book     build the HTML book into _build/html
    python3 tasks.py test     unit tests, every notebook (nbval) and the built book in a browser
    python3 tasks.py student  write the student edition (no solutions) into student/
    python3 tasks.py book --no-solutions
                              build the same book without any solution into _build/no-solutions
    python3 tasks.py sync     write each notebook's Colab install cell from _config.yml and
                              the book's footer (its version) from adamlib/__init__.py
    python3 tasks.py bench    time the build, the notebooks and the explorers
    python3 tasks.py setup    only create .venv and install everything the tests need
    python3 tasks.py release-check
                              the README's two commands in a fresh clone of HEAD with a fresh
                              .venv: what a new contributor (and CI) gets
    .venv/bin/python tasks.py execute-notebooks CACHE NOTEBOOK...
                              a step of every build: run the notebooks into the execution
                              cache, one per core (needs .venv's packages)

Extra arguments after `test` go to pytest (`python3 tasks.py test -k explorer`), after `bench`
to the benchmark. Standard library only, but for `execute-notebooks`: this file runs before
anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# Any change to these re-runs pip; the stamp makes an unchanged set-up cost nothing.
STAMPED = ["requirements.txt", "requirements-test.txt", "pyproject.toml"]
# The book's gate: warnings are errors (-W), broken references too (-n), all reported at once.
STRICT = ["-W", "-n", "--keep-going"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_HINT = "Install it with `sudo apt-get install chromium` (Debian/Ubuntu)."
# What a build of the book reads besides chapters/ (copied for the build without solutions).
BOOK_FILES = {"_config.yml", "_toc.yml", "references.bib", "_static_vendor", "_static_book", "_ext"}


def find_chromium() -> str | None:
    """The browser the book's tests drive: Debian's chromium, else any `chromium` on PATH."""
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def run(*cmd, **kwargs) -> None:
    """Run a command, echoed; stop with its exit code if it fails."""
    print("$", shlex.join(map(str, cmd)), flush=True)
    code = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kwargs).returncode
    if code:
        sys.exit(code)


def venv_env() -> dict:
    """The environment of a command run inside .venv (kernels started from it find its Python)."""
    env = dict(os.environ, VIRTUAL_ENV=str(VENV))
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.pop("MPLBACKEND", None)  # Agg would silently drop every figure from the book's pages
    return env


def ensure_venv(requirements: str) -> None:
    """Create .venv if missing and install `requirements` unless its stamp is current."""
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print(f"Creating {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as error:  # Debian's python3 lacks ensurepip without python3-venv
            sys.exit(f"Could not create {VENV} ({error}). On Debian/Ubuntu: "
                     "`sudo apt-get install python3-venv`, then remove .venv and try again.")
    digest = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in STAMPED)).hexdigest()
    # The stamp: the digest, then each requirements file installed with it.
    stamp = VENV / ".installed"
    done = stamp.read_text().split() if stamp.exists() else []
    done = done[1:] if done[:1] == [digest] else []
    if requirements in done:
        return
    run(BIN / "python", "-m", "pip", "install", "-r", requirements, env=venv_env())
    # A file also installs the files it includes (`-r requirements.txt`).
    included = re.findall(r"^-r\s+(\S+)", (ROOT / requirements).read_text(), re.M)
    stamp.write_text(" ".join([digest, *done, requirements, *included]))


def config_value(config: str, section: str, key: str) -> str:
    """`section: key:` of _config.yml's text (read without a YAML library: none is installed
    when most commands start), quotes stripped."""
    match = re.search(rf"^{section}:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+{key}:[ \t]*(\S+)", config, re.M)
    if not match:
        sys.exit(f"_config.yml has no `{section}: {key}:`")
    return match.group(1).strip("'\"")


def execution_timeout() -> str:
    """`execute: timeout:` of _config.yml, the seconds a cell may run."""
    return config_value((ROOT / "_config.yml").read_text(), "execute", "timeout")


def build_book(source: Path, output: Path, python: Path, **kwargs) -> subprocess.CompletedProcess:
    """`jupyter-book build` of source into output with warnings as errors, notebooks run first.

    myst-nb executes the notebooks one after another while Sphinx reads the pages, which leaves
    all cores but one idle for most of a clean build. So the notebooks are executed beforehand,
    one per core, into the cache the build reads (`execute-notebooks`), and the build finds
    every one of them executed. A notebook that fails there runs again in the build, which
    reports it. ``kwargs`` go to subprocess.run (e.g. to capture the output).
    """
    def call(*command) -> subprocess.CompletedProcess:
        print("$", shlex.join(map(str, command)), flush=True)
        return subprocess.run([str(c) for c in command], cwd=ROOT, **kwargs)

    notebooks = sorted((source / "chapters").glob("*.ipynb"))
    call(python, ROOT / "tasks.py", "execute-notebooks", output / "_build" / ".jupyter_cache",
         *notebooks)  # its failures are the build's to report
    return call(Path(python).parent / "jupyter-book", "build", source, "--path-output", output,
                *STRICT)


def execute_notebooks(args) -> None:
    """Execute notebooks into a jupyter-cache, one process per core (run in .venv by build_book).

    The cache is the one myst-nb reads in `execute_notebooks: cache` mode: it matches a notebook
    by its code cells, and runs it in its own folder, as here.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache_path, *notebooks = args
    cache = get_cache(cache_path)
    for notebook in notebooks:
        cache.add_nb_to_project(notebook)
    result = load_executor("local-parallel", cache).run_and_cache(timeout=int(execution_timeout()))
    for failed in (*result.excepted, *result.errored):
        print(f"{failed} failed here; the build runs it again and reports why", flush=True)


def book(args) -> None:
    """Build the book with warnings as errors; print the page to open."""
    ensure_venv("requirements.txt")
    if args == ["--no-solutions"]:
        html = build_without_solutions(ROOT / "_build" / "no-solutions", BIN / "python")
        print(f"\nOpen the book without solutions: {html / 'index.html'}")
        return
    if args:
        sys.exit(f"book takes no arguments but --no-solutions, got {' '.join(args)}")
    if build_book(ROOT, ROOT, BIN / "python", env=venv_env()).returncode:
        sys.exit("the build failed: see the warnings and errors above")
    print(f"\nOpen the book: {ROOT / '_build' / 'html' / 'index.html'}")


def build_without_solutions(output: Path, python: Path) -> Path:
    """The book built from the student edition: every solution, and its text, left out.

    The book's sources are copied into output/source with the student edition in place of the
    chapter notebooks, then built as the book is (execution forced: the copy has no cache).
    Returns the folder of the HTML.
    """
    source = output / "source"
    if source.exists():
        shutil.rmtree(source)
    run(python, "-m", "adamlib.edition", "chapters", source / "chapters", env=venv_env())
    for path in ROOT.iterdir():
        if path.name in BOOK_FILES:
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, source / path.name)
    for page in (ROOT / "chapters").iterdir():
        if page.suffix != ".ipynb" and page.is_file():
            shutil.copy2(page, source / "chapters" / page.name)
    if build_book(source, output, python, env=venv_env()).returncode:
        sys.exit("the build without solutions failed: see the warnings and errors above")
    return output / "_build" / "html"


def student(args) -> None:
    """Write the student edition of every chapter into student/ (--force replaces it)."""
    ensure_venv("requirements.txt")
    run(BIN / "python", "-m", "adamlib.edition", "chapters", "student", *args, env=venv_env())


def test(args) -> None:
    """One pytest session: adamlib's unit tests, the book's checks and every notebook."""
    if find_chromium() is None:
        if in_ci():
            sys.exit(f"CI: chromium is not installed (looked for {CHROMIUM} and PATH); "
                     f"the browser tests must run in CI. {CHROMIUM_HINT}")
        print(f"chromium not found: the browser tests will be skipped. {CHROMIUM_HINT}")
    ensure_venv("requirements-test.txt")
    # Paths given on the command line replace the default ones.
    given = any((ROOT / a.split("::")[0]).exists() for a in args if not a.startswith("-"))
    paths = [] if given else [p for p in ("tests", "chapters") if (ROOT / p).is_dir()]
    with tempfile.TemporaryDirectory(prefix="student-edition-") as scratch:
        if not given:
            # The student edition is tested too: nbval runs it beside the sources.
            edition = Path(scratch) / "student"
            run(BIN / "python", "-m", "adamlib.edition", "chapters", edition, env=venv_env())
            # As `tasks.py student` lays it out, beside the bibliography the review page cites from.
            shutil.copy2(ROOT / "references.bib", Path(scratch) / "references.bib")
            paths.append(edition)
        # --nbval-current-env: run notebooks in .venv's Python, whatever kernels the user has.
        run(BIN / "python", "-m", "pytest", *paths, "--nbval-lax", "--nbval-current-env",
            "-p", "no:cacheprovider", *args, env=venv_env())


def setup(_args) -> None:
    """Create .venv with everything the tests need (what CI does before adding extras)."""
    ensure_venv("requirements-test.txt")


def bench(args) -> None:
    """Print the benchmark's figures against the course's targets."""
    ensure_venv("requirements.txt")
    run(BIN / "python", "bench/benchmark.py", *args, env=venv_env())


def repository_url(config: str) -> str:
    """`repository: url:` of _config.yml."""
    return config_value(config, "repository", "url")


def toc_pages() -> list[str]:
    """The pages of _toc.yml (`root:` and `file:` entries), without suffix: `chapters/index`."""
    toc = (ROOT / "_toc.yml").read_text()
    return [Path(f).with_suffix("").as_posix()
            for f in re.findall(r"^[ \t-]*(?:root|file):[ \t]*([^\s#]+)", toc, re.M)]


def colab_install_cell(url: str) -> str:
    """The source of every notebook's Colab cell, which installs adamlib from the repository."""
    return (
        "# Colab starts without the course's code: install adamlib there. Elsewhere it is installed.\n"
        "import subprocess\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        '    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q",\n'
        f'                           "adamlib @ git+{url}"])'
    )


def version() -> str:
    """The version of the book and of adamlib, written once: `__version__` in adamlib/__init__.py."""
    match = re.search(r'^__version__ = "([^"]+)"', (ROOT / "adamlib" / "__init__.py").read_text(), re.M)
    if not match:
        sys.exit("adamlib/__init__.py has no `__version__ = \"...\"` line")
    return match.group(1)


def footer(number: str) -> str:
    """The line every page of the book ends with: which version it shows."""
    return f"Adam, step by step — version {number} (see CHANGELOG.md)"


def release_date() -> str:
    """The date of CHANGELOG.md's newest entry (`## 0.2.0 — 2026-11-22`)."""
    match = re.search(r"^## \S+ — (\d{4}-\d{2}-\d{2})", (ROOT / "CHANGELOG.md").read_text(), re.M)
    if not match:
        sys.exit("CHANGELOG.md's newest entry has no date: `## MAJOR.MINOR.PATCH — YYYY-MM-DD`")
    return match.group(1)


def sync(_args) -> None:
    """Rewrite the cell tagged `colab-install` of every chapter notebook, the footer of
    _config.yml and the version and date of CITATION.cff; touch nothing else."""
    citation_path = ROOT / "CITATION.cff"
    citation = citation_path.read_text()
    synced = re.sub(r"^version: .*$", f"version: {version()}", citation, flags=re.M)
    synced = re.sub(r"^date-released: .*$", f'date-released: "{release_date()}"', synced, flags=re.M)
    if synced != citation:
        citation_path.write_text(synced)
        print("CITATION.cff: version and date updated to " + version())
    config_path = ROOT / "_config.yml"
    config = config_path.read_text()
    synced = re.sub(r"^(  extra_footer:).*$", lambda m: f'{m[1]} "{footer(version())}"', config,
                    flags=re.M)
    if "extra_footer:" not in config:
        sys.exit("_config.yml has no `html: extra_footer:` line for the version")
    if synced != config:
        config_path.write_text(synced)
        print("_config.yml: footer updated to version " + version())
    source = colab_install_cell(repository_url(config))
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        notebook = json.loads(text)
        cells = [c for c in notebook["cells"] if c["cell_type"] == "code"
                 and "colab-install" in c.get("metadata", {}).get("tags", [])]
        if not cells:
            print(f"{path.relative_to(ROOT)}: no cell tagged colab-install", file=sys.stderr)
            continue
        for cell in cells:
            cell["source"] = source.splitlines(keepends=True)
        # nbformat's own layout (indent 1, keys in file order, UTF-8), so only the cell differs.
        new = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: Colab cell updated")


def release_check(_args) -> None:
    """Clone HEAD into a temporary folder and run the README's two commands there, from nothing:
    a fresh .venv, no build, no cache. Uncommitted changes are not part of what is checked."""
    if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                      text=True).stdout.strip():
        print("note: the working tree has uncommitted changes; the check runs HEAD without them")
    with tempfile.TemporaryDirectory(prefix="release-check-") as scratch:
        clone = Path(scratch) / "clone"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
        for command in ("book", "test"):
            print(f"release check: python3 tasks.py {command} in {clone}", flush=True)
            code = subprocess.run([sys.executable, "tasks.py", command], cwd=clone, env=env).returncode
            if code:
                sys.exit(f"release check FAILED: `python3 tasks.py {command}` exited {code}")
    print("release check passed: a fresh clone builds the book and passes every test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = {"book": book, "test": test, "student": student, "sync": sync, "bench": bench,
                "setup": setup, "release-check": release_check,
                "execute-notebooks": execute_notebooks}
    parser.add_argument("command", choices=commands)
    # parse_known_args: pytest's own options (-k, -x, paths) pass through untouched.
    args, extra = parser.parse_known_args()
    if extra and args.command not in ("test", "bench", "book", "student", "execute-notebooks"):
        parser.error(f"unexpected arguments for {args.command}: {' '.join(extra)}")
    commands[args.command](extra)


if __name__ == "__main__":
    main()
