"""The self-check quizzes' renderer (adamlib.course.quiz): what it refuses, with a message that
names the file, the question and the field, and the HTML it writes."""

import json
import re
from pathlib import Path

import pytest

from adamlib.course import quiz
from adamlib.course.quiz import inline_html, quiz_html, quiz_names, validate_questions

ROOT = Path(__file__).resolve().parents[1]
WHERE = "adamlib/course/quizzes/chapter9.py"


def choice(**changes):
    question = {"ask": "Which?", "options": [
        {"text": "this", "correct": True, "why": "because"},
        {"text": "that", "correct": False, "why": "because not"}]}
    question.update(changes)
    return question


def numeric(**changes):
    question = {"ask": "How much?", "answer": 3.16, "tolerance": 0.01, "why": "worked"}
    question.update(changes)
    return question


def option(text="other", correct=False, why="no", **extra):
    return {"text": text, "correct": correct, "why": why, **extra}


BAD = {
    "not a list": (choice(), r"QUESTIONS: must be a list of 1 or more dicts"),
    "empty": ([], r"QUESTIONS: must be a list of 1 or more dicts"),
    "no kind": ([{"ask": "Which?"}], r"question 1 has neither 'options'.*nor 'answer'"),
    "empty ask": ([numeric(), choice(ask=" ")], r"question 2, field 'ask': must be a non-empty string"),
    "two correct": ([choice(options=[option("a", True), option("b", True)])],
                    r"question 1, field 'options': exactly one option must be correct; 2 are"),
    "none correct": ([choice(options=[option("a"), option("b")])],
                     r"exactly one option must be correct; 0 are"),
    "one option": ([choice(options=[option("a", True)])], r"field 'options': must be a list of 2 or more dicts"),
    "correct as text": ([choice(options=[option("a", "yes"), option("b", True)])],
                        r"question 1, option 1, field 'correct': must be True or False; got 'yes'"),
    "option without why": ([choice(options=[{"text": "a", "correct": True}, option()])],
                           r"question 1, option 1: an option has exactly the fields .*missing \['why'\]"),
    "unknown field": ([numeric(hint="x")], r"question 1: a numeric question has exactly .*unknown \['hint'\]"),
    "both kinds": ([choice(answer=1.0)], r"a multiple-choice question has exactly .*unknown \['answer'\]"),
    "answer a string": ([numeric(answer="3.16")], r"field 'answer': must be a finite number; got '3.16'"),
    "answer nan": ([numeric(answer=float("nan"))], r"field 'answer': must be a finite number"),
    "answer a bool": ([numeric(answer=True)], r"field 'answer': must be a finite number"),
    "zero tolerance": ([numeric(tolerance=0)], r"field 'tolerance': must be a positive finite number; got 0"),
    "no why": ([numeric(why="")], r"field 'why': must be a non-empty string"),
    "display math": ([numeric(why="$$x$$")], r"field 'why': display math \(\$\$...\$\$\) is not allowed"),
    "lone dollar": ([choice(ask="Costs $5 and $x$?")], r"field 'ask': a '\$' has no partner"),
    "MyST role": ([numeric(why="see {eq}`eq-gd`")], r"field 'why': MyST roles"),
    "same options": ([choice(options=[option("a", True), option("a ")])], r"two options have the same text"),
}


@pytest.mark.parametrize("questions, message", BAD.values(), ids=BAD.keys())
def test_a_malformed_quiz_is_refused_naming_file_question_and_field(questions, message):
    with pytest.raises(ValueError, match=re.escape(WHERE) + ".*" + message):
        validate_questions(questions, WHERE)


def test_well_formed_questions_pass():
    validate_questions([choice(), numeric(), numeric(answer=-2, tolerance=1)], WHERE)


def test_a_quiz_is_named_after_an_existing_chapter_module():
    with pytest.raises(ValueError, match="such as 'chapter5'"):
        quiz.load_quiz("../chapter1")
    with pytest.raises(ValueError, match=r"adamlib/course/quizzes/chapter8_3.py does not exist"):
        quiz.load_quiz("chapter8_3")


@pytest.mark.parametrize("name", quiz_names())
def test_every_quiz_module_loads_validates_and_renders(name):
    """Runs over whatever quiz modules exist, the other chapters' included."""
    questions = quiz.load_quiz(name)
    page = quiz_html(name)
    assert page.count('class="aq-q"') == len(questions)
    assert page.count('data-correct="true"') == sum("options" in q for q in questions)
    assert page.count('class="aq-numeric"') == sum("answer" in q for q in questions)
    assert page.count("<details") == len(questions)  # every answer folded for a page without JS
    assert "$" not in re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # all math converted
    assert not re.search(r"""(?:src|href)=|https?://|@import|url\(""", page)  # nothing fetched


@pytest.mark.parametrize("name", quiz_names())
def test_a_quiz_is_a_few_questions_of_a_few_options(name):
    """3 to 5 questions per notebook, and 3 or 4 options to a multiple-choice question: enough to
    test the chapter's main ideas, few enough to answer before the exercises."""
    questions = quiz.load_quiz(name)
    assert 3 <= len(questions) <= 5
    assert all(3 <= len(q["options"]) <= 4 for q in questions if "options" in q)


def test_the_chapters_quizzes_exist():
    assert {"chapter1", "chapter2"} <= set(quiz_names())


def test_math_goes_to_the_pages_typesetter_and_markdown_to_html():
    assert inline_html(r"step $x_{t+1} = x_t - \eta g$ and **bold**, *it*, `code*`") == (
        r'step <span class="math notranslate nohighlight">\(x_{t+1} = x_t - \eta g\)</span> and '
        r"<strong>bold</strong>, <em>it</em>, <code>code*</code>")


def test_text_is_escaped_and_math_too():
    out = inline_html("<script>alert(1)</script> & $a < b$")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert r"\(a &lt; b\)" in out


def test_each_option_carries_its_verdict_and_its_why(monkeypatch):
    monkeypatch.setattr(quiz, "load_quiz", lambda name: [
        choice(options=[option("<b>", True, "right <i>"), option("b", False, "wrong")]),
        numeric(answer=1e-8, tolerance=1e-9)])
    page = quiz_html("chapter1")
    assert page.count('data-correct="true"') == 1 and page.count('data-correct="false"') == 1
    assert "<strong>Right.</strong> right &lt;i&gt;" in page
    assert "<strong>Not quite.</strong> wrong" in page
    assert 'data-answer="1e-08" data-tolerance="1e-09"' in page
    assert "Answer: 1e-08 (within 1e-09). worked" in page
    assert "&lt;b&gt;" in page and "<b>" not in page


def test_the_html_has_what_a_screen_reader_and_a_keyboard_need():
    page = quiz_html(quiz_names()[0])
    assert page.count('aria-live="polite"') == page.count('class="aq-q"')
    assert 'role="region" aria-label="Self-check quiz"' in page
    assert '<button type="button" class="aq-option"' in page
    for uid in re.findall(r'aria-labelledby="([^"]+)"', page):
        assert page.count(f'id="{uid}"') == 1


def test_show_quiz_displays_one_html_output(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objects: shown.extend(objects))
    quiz.show_quiz("chapter1")
    assert len(shown) == 1 and shown[0]._repr_html_() == quiz_html("chapter1")


def notebook_of(name: str) -> Path:
    """The chapter notebook a quiz module belongs to: chapter7_2 -> chapters/07_2_*.ipynb."""
    number = re.fullmatch(r"chapter(\d)(?:_(\d))?", name)
    pattern = f"0{number[1]}_{number[2]}_*.ipynb" if number[2] else f"0{number[1]}_[a-z]*.ipynb"
    found = sorted((ROOT / "chapters").glob(pattern))
    assert len(found) == 1, f"{name}: notebooks {found}"
    return found[0]


@pytest.mark.parametrize("name", quiz_names())
def test_every_quiz_is_shown_before_its_chapters_exercises(name):
    cells = json.loads(notebook_of(name).read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    calls = [k for k, (cell, source) in enumerate(zip(cells, sources))
             if cell["cell_type"] == "code" and f'show_quiz("{name}")' in source]
    exercises = [k for k, source in enumerate(sources) if source.startswith("## Exercises")]
    assert len(calls) == 1 and calls[0] < exercises[0], \
        f"{notebook_of(name).name} does not show its quiz once before its exercises"
    assert "remove-input" in cells[calls[0]]["metadata"].get("tags", [])
