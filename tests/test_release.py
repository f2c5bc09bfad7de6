"""Release hygiene: one version number, written once, shown by the book and logged in the
changelog; the book's external links listed in one place."""

from __future__ import annotations

import json
import re

import nbformat
import yaml

import adamlib
import tools
import tools.book
import tools.release

CONFIG = """\
# The book's settings.
title: "Adam"   # shown in the header
html:
  # The version, written by sync.
  extra_footer: "Adam, step by step — version 0.1.0 (see CHANGELOG.md)"  # kept
  use_repository_button: true
zeta: 1
alpha: 2
"""


def test_the_version_is_written_once_and_agrees_everywhere():
    number = tools.release.version()
    assert number == adamlib.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", number), f"not MAJOR.MINOR.PATCH: {number}"
    pyproject = (tools.ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and 'attr = "adamlib.__version__"' in pyproject
    changelog = (tools.ROOT / "CHANGELOG.md").read_text()
    newest = re.search(r"^## (\S+)", changelog, re.M)
    assert newest and newest[1] == number, f"CHANGELOG.md's newest entry is {newest and newest[1]}, adamlib says {number}"
    config = (tools.ROOT / "_config.yml").read_text()
    assert f'extra_footer: "{tools.release.footer(number)}"' in config, "run `python3 tasks.py sync`"
    citation = (tools.ROOT / "CITATION.cff").read_text()
    assert f"\nversion: {number}\n" in citation, "CITATION.cff: run `python3 tasks.py sync`"
    assert f'\ndate-released: "{tools.release.release_date()}"\n' in citation, "CITATION.cff: run `python3 tasks.py sync`"


def test_every_page_states_the_version(book_html):
    pages = sorted(book_html.glob("chapters/*.html"))
    assert pages
    missing = [p.name for p in pages if tools.release.footer(tools.release.version()) not in p.read_text(encoding="utf-8")]
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
    for url in re.findall(r"url\s*=\s*\{([^}]+)\}", (tools.ROOT / "references.bib").read_text()):
        assert url.replace("&", "&amp;") in bibliography, f"{url} of references.bib is not in the bibliography"


def test_a_yaml_value_is_set_and_every_comment_and_key_order_survive():
    footer = tools.release.footer("9.8.7")
    edited = tools.release.set_yaml_scalar(CONFIG, ("html", "extra_footer"), footer)
    assert yaml.safe_load(edited)["html"]["extra_footer"] == footer
    before, after = CONFIG.splitlines(), edited.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and changed == [4]
    assert after[4] == f'  extra_footer: "{footer}"  # kept'


def test_a_plain_yaml_value_stays_plain_and_a_missing_key_is_named():
    citation = "cff-version: 1.2.0\nversion: 0.5.0  # the release\ntitle: x\n"
    assert tools.release.set_yaml_scalar(citation, ("version",), "0.6.0") == citation.replace("0.5.0", "0.6.0")
    try:
        tools.release.set_yaml_scalar(CONFIG, ("html", "nothing"), "x")
    except KeyError as error:
        assert "html: nothing" in str(error)
    else:
        raise AssertionError("a missing key must be refused")


def test_the_colab_cell_is_written_and_nothing_else_of_the_notebook_changes():
    path = tools.ROOT / "chapters" / "01_gradient_descent.ipynb"
    text = path.read_text(encoding="utf-8")
    edited = tools.release.set_colab_cell(text, "print('new')", path.name)
    old, new = json.loads(text), json.loads(edited)
    tagged = [i for i, c in enumerate(old["cells"]) if "colab-install" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and new["cells"][tagged[0]]["source"] == ["print('new')"]
    new["cells"][tagged[0]]["source"] = old["cells"][tagged[0]]["source"]
    assert json.dumps(new, indent=1, ensure_ascii=False) + "\n" == text  # order and layout kept
    nbformat.validate(nbformat.reads(edited, as_version=4))


def test_sync_would_change_nothing_in_a_synced_tree():
    """What sync writes is what the repository holds (its edits are the identity here)."""
    number = tools.release.version()
    config = (tools.ROOT / "_config.yml").read_text(encoding="utf-8")
    assert tools.release.set_yaml_scalar(config, ("html", "extra_footer"),
                                         tools.release.footer(number)) == config
    citation = (tools.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert tools.release.set_yaml_scalar(citation, ("version",), number) == citation


def test_the_pages_of_the_toc_are_its_root_and_files_in_order():
    toc = yaml.safe_load((tools.ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = tools.book.toc_pages()
    assert pages[0] == toc["root"] and len(pages) == len(set(pages))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert [p for p in pages if p in files] == files and "chapters/06_adam" in pages
