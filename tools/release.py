"""The release's bookkeeping: one version number, written once (``__version__`` in
adamlib/__init__.py), copied by :func:`sync` where the book, the citation and the notebooks'
Colab cells show it; and the release check of a fresh clone.

    python -m tools.release sync     (what `python3 tasks.py sync` runs)
    python -m tools.release check    (what `python3 tasks.py release-check` runs)

Structured files are read with their parser and edited in place, so that their comments, key
order and layout survive: YAML through the parser's position of the one value that changes,
notebooks through nbformat, written back in the layout they were read in.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from . import ROOT


def version() -> str:
    """The version of the book and of adamlib: `__version__` in adamlib/__init__.py."""
    module = ast.parse((ROOT / "adamlib" / "__init__.py").read_text(encoding="utf-8"))
    for node in module.body:
        if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["__version__"]
                and isinstance(node.value, ast.Constant)):
            return node.value.value
    sys.exit('adamlib/__init__.py has no `__version__ = "..."` line')


def footer(number: str) -> str:
    """The line every page of the book ends with: which version it shows."""
    return f"Adam, step by step — version {number} (see CHANGELOG.md)"


def release_date() -> str:
    """The date of CHANGELOG.md's newest entry (`## 0.2.0 — 2026-11-22`)."""
    match = re.search(r"^## \S+ — (\d{4}-\d{2}-\d{2})", (ROOT / "CHANGELOG.md").read_text(), re.M)
    if not match:
        sys.exit("CHANGELOG.md's newest entry has no date: `## MAJOR.MINOR.PATCH — YYYY-MM-DD`")
    return match.group(1)


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


def repository_url() -> str:
    """`repository: url:` of _config.yml."""
    from .book import config

    return config()["repository"]["url"]


def set_yaml_scalar(text: str, keys: tuple[str, ...], value: str) -> str:
    """YAML text with the scalar at ``keys`` (a path of mapping keys) set to ``value``, and every
    other character, comments and key order included, left as it was.

    The parser gives the scalar's position; the new value keeps the old one's quoting (plain
    only where YAML reads it back as the same string, else double-quoted).
    """
    import yaml

    node = yaml.compose(text)
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            raise KeyError(f"{'.'.join(keys)}: {key!r} is not under a mapping")
        node = next((v for k, v in node.value if k.value == key), None)
        if node is None:
            raise KeyError(f"no `{': '.join(keys)}:` in the file")
    if not isinstance(node, yaml.ScalarNode):
        raise KeyError(f"`{': '.join(keys)}:` is not a single value")
    plain = node.style is None and yaml.safe_load(value) == value and "#" not in value
    written = value if plain else json.dumps(value, ensure_ascii=False)  # JSON's is YAML's "..."
    return text[:node.start_mark.index] + written + text[node.end_mark.index:]


def _rewrite(path: Path, edit, what: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = edit(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {what}")


def set_colab_cell(text: str, source: str, name: str) -> str:
    """A notebook's text with its cell tagged `colab-install` set to ``source``; read with
    nbformat, written back in the layout nbformat's files have here (indent 1, keys in file
    order, UTF-8), so only that cell differs."""
    import nbformat
    from nbformat.v4.rwbase import split_lines

    notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    cells = [c for c in notebook.cells if c.cell_type == "code"
             and "colab-install" in c.metadata.get("tags", [])]
    if not cells:
        print(f"{name}: no cell tagged colab-install", file=sys.stderr)
        return text
    for cell in cells:
        cell.source = source
    # nbformat's reader joins each source into one string; its writer splits them back (and
    # sorts keys, which this does not).
    return json.dumps(split_lines(notebook), indent=1, ensure_ascii=False) + "\n"


def sync() -> None:
    """Write the version and date into CITATION.cff, the version into the footer of
    _config.yml, and the Colab install cell into every chapter notebook; touch nothing else."""
    number = version()
    _rewrite(ROOT / "CITATION.cff",
             lambda text: set_yaml_scalar(set_yaml_scalar(text, ("version",), number),
                                          ("date-released",), release_date()),
             f"version and date updated to {number}")
    _rewrite(ROOT / "_config.yml", lambda text: set_yaml_scalar(text, ("html", "extra_footer"),
                                                                 footer(number)),
             f"footer updated to version {number}")
    source = colab_install_cell(repository_url())
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        _rewrite(path, lambda text: set_colab_cell(text, source, path.name), "Colab cell updated")


def release_check() -> None:
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


if __name__ == "__main__":
    commands = {"sync": sync, "check": release_check}
    if sys.argv[1:] not in ([name] for name in commands):
        sys.exit(f"usage: python -m tools.release {{{','.join(commands)}}}")
    commands[sys.argv[1]]()
