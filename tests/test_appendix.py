"""The appendix: math refreshers, notation, glossary, review and flashcards, adamlib reference.

Most of these read the sources (fast, no build): the notation table holds every symbol the
chapters write, the glossary every term the course teaches with a link to where it is taught,
the review page reads the chapters instead of copying them, the reference documents every
public name of adamlib. The last tests open the built book: the reference page and a flashcard
that turns over in the browser, without a kernel.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import re
from pathlib import Path

import pytest

import adamlib
import adamlib.checks

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
CHAPTER_NOTEBOOKS = sorted(CHAPTERS.glob("[0-9][0-9]_*.ipynb"))
NOTATION = CHAPTERS / "notation.md"
GLOSSARY = CHAPTERS / "glossary.md"
REVIEW = CHAPTERS / "review.ipynb"
REFRESHERS = CHAPTERS / "math_refreshers.ipynb"
REFERENCE = CHAPTERS / "adamlib_reference.md"
APPENDIX_ORDER = ["chapters/math_refreshers", "chapters/notation", "chapters/glossary",
                  "chapters/review", "chapters/adamlib_reference", "chapters/instructor-guide",
                  "chapters/bibliography"]

# Labels that chapters 7 and 8 define; the glossary may link to them before they exist.
LATER_LABELS = {"sec-digits-data", "sec-backprop-mlp", "sec-digits-kingma", "sec-generalisation",
                "sec-lr-sensitivity", "sec-autoencoder", "sec-latent-space", "sec-batch-size",
                "sec-sparse-words", "sec-gan", "sec-gan-beta1", "sec-adamw", "sec-amsgrad",
                "sec-warmup", "sec-frameworks", "sec-further-reading"}

REQUIRED_TERMS = [
    "Adam", "Momentum", "Learning rate", "Bias correction", "First moment", "Second moment",
    "SGD", "Backpropagation", "Batch size", "Autoencoder",
    "Gradient descent", "Minibatch", "Epoch", "Condition number", "Exponential moving average",
    "Effective window", "Nesterov momentum", "AdaGrad", "RMSprop", "Epsilon (ε)", "AMSGrad",
    "AdamW", "Weight decay", "L2 regularisation", "Warm-up", "Learning-rate schedule", "GAN",
    "Sparse gradient", "Generalisation gap",
]

# TeX commands that are layout, relations or standard functions rather than symbols of the book.
LAYOUT = {
    "begin", "end", "frac", "tfrac", "dfrac", "sqrt", "left", "right", "big", "Big", "bigl", "bigr",
    "Bigl", "Bigr", "biggl", "biggr", "cdot", "cdots", "dots", "ldots", "qquad", "quad", "text",
    "textstyle",
    "displaystyle", "le", "ge", "leq", "geq", "ll", "gg", "in", "infty", "to", "leftarrow",
    "rightarrow", "sum", "prod", "ln", "log", "exp", "max", "min", "pm", "neq", "times", "sim",
    "hat", "bar", "tilde", "mathbb", "operatorname", "mathcal", "mathrm", "label", "tag", "colon",
    "ne", "gtrsim", "mapsto", "big", "Big", "bigg", "middle", "lvert", "rvert", "vert", "mid",
    "equiv", "cdotp", "ge", "geqslant", "leqslant", "quad", "substack", "limits", "nolimits",
    "lfloor", "rfloor", "lceil", "rceil", "langle", "rangle", "overline", "underbrace", "boxed",
    "bmod", "pmod", "cos", "sin", "pi", "sup", "inf", "lim", "forall", "exists", "subset",
}
MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)


def cells(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def markdown(path: Path) -> str:
    if path.suffix == ".ipynb":
        return "\n\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def math_of(text: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in MATH.finditer(text)]


def symbols(tex: str) -> set[str]:
    """The symbols of a piece of TeX: commands (with the argument of \\mathbb, \\operatorname,
    \\mathcal), accented letters (\\hat m) and the letters that carry a subscript."""
    tex = re.sub(r"\\(?:text|mathrm)\s*\{[^}]*\}", " ", tex)
    found = set()
    for kind, braced, bare in re.findall(r"\\(mathbb|operatorname|mathcal)\s*(?:\{([^}]*)\}|([A-Za-z]))", tex):
        found.add(f"\\{kind}{{{braced or bare}}}")
    tex = re.sub(r"\\(mathbb|operatorname|mathcal)\s*(?:\{[^}]*\}|[A-Za-z])", " ", tex)
    for accent, letter in re.findall(r"\\(hat|bar|tilde)\s*\{?\s*(\\?[A-Za-z]+)", tex):
        found.add(f"\\{accent} {letter}")
    found |= {f"\\{c}" for c in re.findall(r"\\([A-Za-z]+)", tex) if c not in LAYOUT}
    found |= set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?=_)", tex))
    return found


def glossary_entries() -> dict[str, str]:
    body = GLOSSARY.read_text(encoding="utf-8").split("```{glossary}", 1)[1].split("```", 1)[0]
    entries, term = {}, None
    for line in body.splitlines():
        if line and not line.startswith((" ", ":")):
            term = line.strip()
            entries[term] = ""
        elif term:
            entries[term] += line.strip() + " "
    return entries


def defined_labels() -> set[str]:
    labels = set()
    for path in sorted(CHAPTERS.glob("*.ipynb")) + sorted(CHAPTERS.glob("*.md")):
        labels |= set(re.findall(r"^\((sec-[\w-]+)\)=", markdown(path), re.M))
    return labels


# --- notation ---------------------------------------------------------------------------------

def test_notation_has_every_symbol_the_chapters_use():
    table = set()
    for tex in math_of(NOTATION.read_text(encoding="utf-8")):
        # In the table a letter counts whether or not it is written with a subscript.
        table |= symbols(tex) | set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])", tex))
    missing = {}
    for path in CHAPTER_NOTEBOOKS + [REFRESHERS]:
        for tex in math_of(markdown(path)):
            for symbol in symbols(tex) - table:
                missing.setdefault(symbol, path.name)
    assert not missing, ("symbols used in the chapters but missing from notation.md "
                         f"(symbol: first notebook): {missing}")


def test_notation_names_adamlib_attributes_that_exist():
    """Every `adamlib` name in the notation table's last column is real."""
    text = NOTATION.read_text(encoding="utf-8")
    for name in ["Quadratic.H", "Quadratic.L", "Quadratic.mu", "Quadratic.kappa",
                 "Quadratic.eigenvalues", "MomentumState.b", "AdaGradState.s", "RMSpropState.v",
                 "AdamState.m", "AdamState.v", "rules.bias_correction", "rules.ema",
                 "rules.accumulate_squares", "NoisyQuadratic.noise_cov"]:
        assert f"`{name}`" in text or f"`{name}(" in text, name
        owner, attribute = name.split(".")
        cls = getattr(adamlib, owner)
        if isinstance(cls, type) and hasattr(cls, "_fields"):
            assert attribute in cls._fields, name
        elif owner in ("Quadratic", "NoisyQuadratic") and attribute in ("H", "eigenvalues"):
            assert hasattr(adamlib.ravine(), attribute), name
        else:
            assert hasattr(cls, attribute), name
    for option, cls in [("beta1", adamlib.Adam), ("beta2", adamlib.Adam), ("eps", adamlib.Adam),
                        ("lr", adamlib.SGD), ("momentum", adamlib.Momentum),
                        ("alpha", adamlib.RMSprop), ("weight_decay", adamlib.AdamW)]:
        assert f"`{option}`" in text or f"{option}=" in text, option
        assert option in inspect.signature(cls).parameters, (cls.__name__, option)


# --- glossary ---------------------------------------------------------------------------------

def test_glossary_has_the_required_terms():
    entries = glossary_entries()
    missing = [term for term in REQUIRED_TERMS if term not in entries]
    assert not missing, f"terms missing from the glossary: {missing}"
    assert len(entries) >= 40


def test_every_glossary_term_links_to_where_it_is_taught():
    labels = defined_labels()
    for term, definition in glossary_entries().items():
        refs = re.findall(r"\{(?:ref|numref)\}`(?:[^`<]*<)?(sec-[\w-]+)>?`", definition)
        assert refs or "{doc}" in definition, f"{term!r} links to no section"
        unknown = [r for r in refs if r not in labels and r not in LATER_LABELS]
        assert not unknown, f"{term!r} links to labels that no page defines: {unknown}"


def test_glossary_numbers():
    """The numbers the glossary states, recomputed (the chapters assert them on their data)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "3.16" in text and round(0.1 / 0.001 ** 0.5, 2) == 3.16          # uncorrected first step
    assert "10 steps" in text and round(1 / (1 - 0.9)) == 10                # effective windows
    assert "1000 for" in text and round(1 / (1 - 0.999)) == 1000
    # Adam's worst step with the default betas, eq. (eq-worst) of chapter 6: about 7 alpha.
    worst = 0.1 / ((1 - 0.999) * (1 - 0.9**2 / 0.999)) ** 0.5
    assert "about $7\\alpha$" in text and 7 < worst < 7.5


# --- refreshers -------------------------------------------------------------------------------

def test_refreshers_are_linked_from_where_they_are_needed():
    text = markdown(REFRESHERS)
    wanted = {"sec-refresher-gradients": "01_", "sec-refresher-eigen": "01_",
              "sec-refresher-expectation": "04_", "sec-refresher-backprop": "05_"}
    for label, chapter in wanted.items():
        assert f"({label})=" in text, f"math_refreshers defines no {label}"
        path = next(p for p in CHAPTER_NOTEBOOKS if p.name.startswith(chapter))
        assert f"<{label}>`" in markdown(path) or f"{{ref}}`{label}`" in markdown(path), \
            f"{path.name} does not link to the refresher {label}"


def test_refreshers_assert_their_numbers():
    code = "\n".join(source(c) for c in cells(REFRESHERS) if c["cell_type"] == "code")
    assert code.count("assert") >= 8
    checks = [c for c in cells(REFRESHERS) if c["cell_type"] == "code" and "assert" in source(c)]
    assert all({"remove-cell", "hide-input"} & set(c["metadata"].get("tags", [])) for c in checks)


# --- review and flashcards --------------------------------------------------------------------

def review_sections():
    """{notebook: number of answered review questions} from the chapters themselves."""
    counts = {}
    for path in CHAPTER_NOTEBOOKS:
        text = markdown(path)
        part = text.split("## Review questions", 1)[1].split("\n## ", 1)[0] if "## Review questions" in text else ""
        counts[path.name] = len(re.findall(r"^\s*:::\{dropdown\} Answer", part, re.M))
    return counts


def test_review_page_copies_no_question():
    """One source: the review page reads the chapters; it holds no question of its own."""
    page = "\n".join(source(c) for c in cells(REVIEW))
    for path in CHAPTER_NOTEBOOKS:
        part = markdown(path).split("## Review questions", 1)[-1]
        for question in re.findall(r"^\d+\. (.{30,})$", part, re.M)[:3]:
            assert question not in page, f"review.ipynb copies a question of {path.name}"


def test_review_page_gathers_every_chapter():
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    notebook = nbformat.read(REVIEW, as_version=4)
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3",
                            resources={"metadata": {"path": str(CHAPTERS)}}).execute()
    outputs = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            outputs.append(output.get("text", "") + json.dumps(output.get("data", {})))
    text = "\n".join(outputs)
    counts = review_sections()
    total = sum(counts.values())
    assert f"{len(CHAPTER_NOTEBOOKS)} chapters, {total} review questions" in text
    assert all(counts.values()), f"chapters without answered review questions: {counts}"
    cards = text.count('class=\\"fc-card\\"')
    aids = sum("Memory aid:" in markdown(path) for path in CHAPTER_NOTEBOOKS)
    assert cards == total + len(glossary_entries()) + aids, cards
    for path in CHAPTER_NOTEBOOKS:
        assert f"<{path.stem}>" in text, f"the review page does not show {path.name}"


# --- adamlib reference ------------------------------------------------------------------------

def documented() -> tuple[set[str], dict[str, str], set[str]]:
    """The modules the reference page runs automodule on (with their options), and the objects
    it names one by one."""
    text = REFERENCE.read_text(encoding="utf-8")
    modules = {}
    for match in re.finditer(r"\.\. automodule:: (\S+)((?:\n   :.*)*)", text):
        modules[match.group(1)] = match.group(2)
    single = set(re.findall(r"\.\. auto(?:class|function|exception|data):: (\S+)", text))
    return set(modules), modules, single


def covered(obj, name: str, qualified: str) -> bool:
    _, modules, single = documented()
    if qualified in single:
        return True
    module = getattr(obj, "__module__", None)
    options = modules.get(module)
    if options is None or ":members:" not in options:
        return False
    excluded = re.search(r":exclude-members:(.*)", options)
    if excluded and name in [n.strip() for n in excluded.group(1).split(",")]:
        return False
    declared = getattr(importlib.import_module(module), "__all__", None)
    return declared is None or name in declared


def test_reference_documents_every_public_name():
    names, _, single = documented()
    missing = []
    for name in adamlib.__all__:
        obj = getattr(adamlib, name)
        if inspect.ismodule(obj):
            if obj.__name__ not in names:
                missing.append(name)
        elif not covered(obj, name, f"adamlib.{name}"):
            missing.append(name)
        elif not inspect.getdoc(obj):
            missing.append(f"{name} (no docstring)")
    for name in dir(adamlib.checks):
        obj = getattr(adamlib.checks, name)
        if name.startswith("_") or inspect.ismodule(obj) or not (callable(obj) or name in ("RTOL", "ATOL")):
            continue
        if name in ("PASSED", "FAILED", "NOT_ATTEMPTED"):
            continue
        if not (covered(obj, name, f"adamlib.course.checks.{name}")
                or f"adamlib.course.checks.{name}" in single):
            missing.append(f"checks.{name}")
    for module in sorted(CHAPTERS.parent.glob("adamlib/course/checks/chapter*.py")):
        if f"adamlib.course.checks.{module.stem}" not in names:
            missing.append(f"checks.{module.stem} (module)")
    assert not missing, f"public names the adamlib reference does not document: {missing}"


def test_reference_example_runs():
    code = re.search(r"```python\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), re.S).group(1)
    scope = {}
    exec(code, scope)
    assert scope["path"].shape == (101, 2) and scope["state"].t == 1


# --- bibliography and table of contents -------------------------------------------------------

def test_bibliography_lists_every_cited_work():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", bib, re.M))
    cited = {}
    for path in sorted(CHAPTERS.glob("*.ipynb")) + sorted(CHAPTERS.glob("*.md")):
        for group in re.findall(r"\{cite(?::[tp])?\}`([^`]+)`", markdown(path)):
            for key in group.split(","):
                cited.setdefault(key.strip(), path.name)
    unknown = {k: v for k, v in cited.items() if k not in keys}
    assert not unknown, f"cited but not in references.bib: {unknown}"
    assert ":all:" in (CHAPTERS / "bibliography.md").read_text(encoding="utf-8")


def test_appendix_pages_are_in_the_toc_in_order():
    import tools.book

    pages = tools.book.toc_pages()
    present = [p for p in APPENDIX_ORDER if p in pages]
    assert present == APPENDIX_ORDER, f"_toc.yml lists {present} of the appendix {APPENDIX_ORDER}"
    assert [p for p in pages if p in APPENDIX_ORDER] == APPENDIX_ORDER


# --- the built book ---------------------------------------------------------------------------

def test_reference_page_documents_every_name_in_html(book_html):
    page = (book_html / "chapters" / "adamlib_reference.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="(adamlib\.[\w.]+)"', page))
    for name in adamlib.__all__:
        obj = getattr(adamlib, name)
        if inspect.ismodule(obj):
            assert f"module-{obj.__name__}" in page, name
        else:
            assert {f"{obj.__module__}.{name}", f"adamlib.{name}"} & ids, name


def test_flashcards_turn_over_without_a_kernel(visit):
    page = visit("chapters/review").page
    deck = page.locator(".fc-deck")
    assert deck.count() == 1
    card = deck.locator(".fc-card:not([hidden])")
    assert card.count() == 1, "exactly one card is shown"
    front, back = card.locator(".fc-front"), card.locator(".fc-back")
    assert front.is_visible() and back.is_hidden()
    card.click()
    assert back.is_visible() and front.is_hidden(), "a click did not turn the card over"
    assert card.get_attribute("aria-pressed") == "true"
    card.focus()
    page.keyboard.press("Enter")
    assert front.is_visible() and back.is_hidden(), "Enter did not turn the card back"
    count = deck.locator(".fc-count").text_content()
    deck.locator(".fc-next").click()
    assert deck.locator(".fc-count").text_content() != count, "Next did not move on"
    shown = deck.locator(".fc-card:not([hidden])")
    shown.focus()
    page.keyboard.press(" ")
    assert shown.locator(".fc-back").is_visible(), "Space did not turn the card over"
    deck.locator(".fc-choose").select_option("Glossary")
    assert "Glossary" in deck.locator(".fc-card:not([hidden]) .fc-label").text_content()


def words_of(text: str) -> list[str]:
    """The words of at least four letters of a text, outside its math, in order."""
    text = re.sub(r"\$[^$]*\$|\\\(.*?\\\)|<[^>]+>", " ", text)
    return re.findall(r"[A-Za-z]{4,}", text)


def test_review_page_is_rebuilt_at_every_build():
    """The page reads the chapters and the glossary when it runs, and its own code rarely
    changes: Sphinx must re-read it (_ext/review_page.py) and myst-nb execute it
    (execution_mode force) at every build, or a corrected chapter leaves stale cards."""
    metadata = json.loads(REVIEW.read_text(encoding="utf-8"))["metadata"]
    assert metadata.get("mystnb", {}).get("execution_mode") == "force"
    config = (CHAPTERS.parent / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r"^    review_page: _ext$", config, re.M)
    path = CHAPTERS.parent / "_ext" / "review_page.py"
    spec = importlib.util.spec_from_file_location("review_page", path)
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)

    class Env:
        found_docs = {"chapters/review", "chapters/02_momentum"}

    assert extension.review_is_always_outdated(None, Env(), set(), set(), set()) == ["chapters/review"]
    Env.found_docs = {"index"}
    assert extension.review_is_always_outdated(None, Env(), set(), set(), set()) == []


def test_review_page_shows_each_chapters_memory_aid_as_written(book_html):
    """What the built page shows is the chapters' current text (two expert reads found a stale
    memory aid there): the words of every chapter's memory aid, in order."""
    page = " ".join(words_of((book_html / "chapters" / "review.html").read_text(encoding="utf-8")))
    for path in CHAPTER_NOTEBOOKS:
        aid = re.search(r"\*Memory aid:\*(.*?)(?:\n\n|\n- |\Z)", markdown(path), re.S)
        if aid:
            words = " ".join(words_of(aid.group(1)))
            assert words and words in page, f"review.html does not show {path.name}'s memory aid"


def test_review_page_offers_binder_but_not_colab(book_html):
    """Colab opens the review notebook without the chapters it reads; Binder clones them."""
    review = (book_html / "chapters" / "review.html").read_text(encoding="utf-8")
    chapter = (book_html / "chapters" / "02_momentum.html").read_text(encoding="utf-8")
    assert "colab.research.google.com" in chapter and "mybinder.org" in chapter
    assert "colab.research.google.com" not in review and "mybinder.org" in review



def exercise_labels(path: Path) -> list:
    """The labels of a notebook's exercises, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.findall(r"^:::\{exercise\}.*\n:label: (\S+)", markdown, re.M)


def test_the_instructor_guide_lists_every_exercise_and_every_self_check():
    """The guide's table of exercises names every exercise of each chapter by its number (a
    chapter's exercises are numbered through its sections), each checked one with its function
    and points, and each notebook's number of self-check questions."""
    from adamlib.course.quiz import load_quiz

    guide = (CHAPTERS / "instructor-guide.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line
            for line in guide.splitlines() if re.match(r"^\| \d \|", line)}
    numbered = {}
    for path in CHAPTER_NOTEBOOKS:
        chapter = str(int(path.name[:2]))
        counted = numbered.setdefault(chapter, [])
        counted += exercise_labels(path)
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        marks = [c for c in cells if c["metadata"].get("nbgrader")]
        points = {c["metadata"]["nbgrader"]["grade_id"].removesuffix("-tests"):
                  c["metadata"]["nbgrader"]["points"] for c in marks
                  if c["metadata"]["nbgrader"].get("grade")}
        functions = {c["metadata"]["nbgrader"]["grade_id"]: re.search(
            r"def (\w+)\(", "".join(c["source"]))[1] for c in marks
            if c["metadata"]["nbgrader"].get("solution")}
        row = rows[chapter]
        for label in exercise_labels(path):
            number = f"{chapter}.{counted.index(label) + 1}"
            assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", row), (number, row)
            if label in functions:
                assert f"{number} `{functions[label]}`" in row, (label, row)
                assert re.search(rf"{re.escape(number)} `{functions[label]}`[^;|]*\({points[label]}\)",
                                 row), (label, points[label], row)
        section = int(path.name[3]) if path.name[3].isdigit() else None
        module = "chapter" + chapter + (f"_{section}" if section else "")
        counts = re.findall(r"\d+", row.split("|")[-2].split("(")[0])
        assert counts[(section or 1) - 1] == str(len(load_quiz(module))), (module, row)
