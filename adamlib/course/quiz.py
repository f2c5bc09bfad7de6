"""Self-check quizzes: a few questions at the end of a chapter that answer the reader at once.

A chapter's questions live in ``adamlib/course/quizzes/<module>.py`` (the module is named as the
chapter's checks are: ``chapter1`` ... ``chapter8_2``), as a list ``QUESTIONS`` of two kinds::

    QUESTIONS = [
        {"ask": "Markdown text; math as $...$ (inline only).",
         "options": [{"text": "...", "correct": False, "why": "..."}, ...]},  # one correct
        {"ask": "...", "answer": 3.16, "tolerance": 0.01, "why": "the worked answer"},
    ]

:func:`show_quiz` displays them as one ``text/html`` output that needs no kernel and asks
nothing of the network: its style and script are inline, and its math is left for the page's
own typesetter (the book's MathJax 3, JupyterLab's and Notebook 7's), as the flashcards' is. Every
verdict and explanation is in the HTML from the start, hidden, so it is typeset with the page
and the script only shows it. Without JavaScript (GitHub's notebook viewer, an untrusted
notebook) the questions still show, each with its answer folded in a ``<details>``.

The text fields take a little Markdown: ``$...$`` math, ``**bold**``, ``*italics*`` and code
between backquotes. Display math and MyST roles are refused: a quiz is not parsed by MyST.
"""

from __future__ import annotations

import html
import importlib
import math
import numbers
import pkgutil
import re

from . import quizzes

#: Module names a quiz may have: the chapter's number, and its section's for chapters 7 and 8.
NAME = re.compile(r"chapter[1-8](?:_[1-3])?")

_CHOICE_KEYS = {"ask", "options"}
_NUMERIC_KEYS = {"ask", "answer", "tolerance", "why"}
_OPTION_KEYS = {"text", "correct", "why"}
_MATH = re.compile(r"\$([^$]+)\$")
_ROLE = re.compile(r"\{[\w:-]+\}`")


def quiz_names() -> list[str]:
    """The quiz modules that exist in :mod:`adamlib.course.quizzes`, in the book's order."""
    found = [m.name for m in pkgutil.iter_modules(quizzes.__path__) if NAME.fullmatch(m.name)]
    return sorted(found, key=lambda name: [int(n) for n in re.findall(r"\d+", name)])


def _file(name: str) -> str:
    return f"adamlib/course/quizzes/{name}.py"


def load_quiz(name: str) -> list[dict]:
    """The validated QUESTIONS of the quiz module ``name`` (``"chapter5"``).

    Raises ValueError naming the file, the question and the field when anything is amiss.
    """
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"a quiz is named after its chapter's module, such as 'chapter5' or "
                         f"'chapter7_2'; got {name!r}")
    if name not in quiz_names():
        raise ValueError(f"{_file(name)} does not exist; the quizzes are {quiz_names()}")
    module = importlib.import_module(f"{quizzes.__name__}.{name}")
    questions = getattr(module, "QUESTIONS", None)
    validate_questions(questions, _file(name))
    return questions


def validate_questions(questions, where: str) -> None:
    """Raises ValueError unless ``questions`` follows the format of the module docstring.

    A question asks a non-empty text and is either multiple choice (``options``: two or more,
    exactly one ``correct``, each with its ``why``) or numeric (a finite ``answer``, a positive
    finite ``tolerance`` and the worked answer as ``why``). Texts are inline Markdown whose
    ``$`` signs pair up; no display math, no MyST role.
    """
    for at, question in _dicts(questions, f"{where}: QUESTIONS", 1, f"{where}: question"):
        _text(question, "ask", at)
        if "options" in question:
            _keys(question, _CHOICE_KEYS, at, "a multiple-choice question")
            _options(question["options"], at)
        elif "answer" in question:
            _keys(question, _NUMERIC_KEYS, at, "a numeric question")
            _number(question, "answer", at, positive=False)
            _number(question, "tolerance", at, positive=True)
            _text(question, "why", at)
        else:
            raise ValueError(f"{at} has neither 'options' (multiple choice) nor 'answer' "
                             f"(numeric); one of them is required")


def _dicts(items, what: str, minimum: int, each: str):
    """(where, item) for each item of a list that must hold ``minimum`` or more dicts."""
    if not isinstance(items, list) or len(items) < minimum:
        raise ValueError(f"{what}: must be a list of {minimum} or more dicts; got {items!r}")
    for k, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ValueError(f"{each} {k}: must be a dict; got {type(item).__name__}")
        yield f"{each} {k}", item


def _keys(item: dict, allowed: set, at: str, kind: str) -> None:
    missing, extra = allowed - item.keys(), item.keys() - allowed
    if missing or extra:
        raise ValueError(f"{at}: {kind} has exactly the fields {sorted(allowed)}; "
                         + (f"missing {sorted(missing)}" if missing else f"unknown {sorted(extra)}"))


def _text(item: dict, field: str, at: str) -> None:
    value = item.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{at}, field '{field}': must be a non-empty string; got {value!r}")
    if "$$" in value:
        raise ValueError(f"{at}, field '{field}': display math ($$...$$) is not allowed; "
                         f"write inline math, $...$")
    if _MATH.sub("", value).count("$"):
        raise ValueError(f"{at}, field '{field}': a '$' has no partner; math is written "
                         f"$...$ (a literal dollar sign is not allowed)")
    if _ROLE.search(value):
        raise ValueError(f"{at}, field '{field}': MyST roles ({{eq}}`...`) are not rendered in a "
                         f"quiz; write the text plainly")


def _number(item: dict, field: str, at: str, positive: bool) -> None:
    value = item.get(field)
    ok = (isinstance(value, numbers.Real) and not isinstance(value, bool)
          and math.isfinite(value) and (value > 0 or not positive))
    if not ok:
        allowed = "a positive finite number" if positive else "a finite number"
        raise ValueError(f"{at}, field '{field}': must be {allowed}; got {value!r}")


def _options(options, at: str) -> None:
    for where, option in _dicts(options, f"{at}, field 'options'", 2, f"{at}, option"):
        _keys(option, _OPTION_KEYS, where, "an option")
        _text(option, "text", where)
        _text(option, "why", where)
        if not isinstance(option["correct"], bool):
            raise ValueError(f"{where}, field 'correct': must be True or False; "
                             f"got {option['correct']!r}")
    right = sum(option["correct"] for option in options)
    if right != 1:
        raise ValueError(f"{at}, field 'options': exactly one option must be correct; "
                         f"{right} are")
    texts = [option["text"].strip() for option in options]
    if len(set(texts)) != len(texts):
        raise ValueError(f"{at}, field 'options': two options have the same text")


def inline_html(text: str) -> str:
    """Inline Markdown as HTML: math for the page's typesetter, the rest escaped.

    ``$x$`` becomes ``<span class="math notranslate nohighlight">\\(x\\)</span>``, the form the
    book's MathJax typesets (it processes the class ``math``) and JupyterLab's too.
    """
    out = []
    for k, part in enumerate(_MATH.split(text)):
        if k % 2:
            out.append(r'<span class="math notranslate nohighlight">\('
                       + html.escape(part) + r"\)</span>")
            continue
        for j, piece in enumerate(re.split(r"`([^`]+)`", part)):
            s = html.escape(piece)
            if j % 2:
                out.append(f"<code>{s}</code>")
                continue
            s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
            s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", s)
            out.append(s)
    return "".join(out)


def _number_text(value: float) -> str:
    """A number as the reader would write it: 3.16, 0.001, 1e-08."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _choice_html(question: dict) -> str:
    options, whys, folded = [], [], []
    for k, option in enumerate(question["options"]):
        verdict = "Right." if option["correct"] else "Not quite."
        text, why = inline_html(option["text"]), inline_html(option["why"])
        options.append(f'<li><button type="button" class="aq-option" data-k="{k}" '
                       f'data-correct="{str(option["correct"]).lower()}">'
                       f'<span class="aq-mark" aria-hidden="true"></span>'
                       f'<span class="aq-text">{text}</span><span class="aq-said"></span></button></li>')
        whys.append(f'<p class="aq-why" data-k="{k}" hidden><strong>{verdict}</strong> {why}</p>')
        folded.append(f'<li>{"✓" if option["correct"] else "✗"} {text}: {why}</li>')
    return (f'<ul class="aq-options" aria-label="Choices">{"".join(options)}</ul>'
            f'<div class="aq-feedback" aria-live="polite">{"".join(whys)}</div>'
            f'<details class="aq-answer"><summary>Answer</summary><ul>{"".join(folded)}</ul>'
            f'</details>')


def _numeric_html(question: dict) -> str:
    answer, tolerance = question["answer"], question["tolerance"]
    shown = f"{_number_text(answer)} (within {_number_text(tolerance)})"
    why = inline_html(question["why"])
    return (f'<div class="aq-numeric" data-answer="{float(answer)!r}" '
            f'data-tolerance="{float(tolerance)!r}">'
            f'<label>Your answer <input type="text" inputmode="decimal" autocomplete="off" '
            f'spellcheck="false" size="12"></label> '
            f'<button type="button" class="aq-check">Check</button></div>'
            f'<div class="aq-feedback" aria-live="polite"><p class="aq-verdict" hidden></p>'
            f'<p class="aq-why" hidden>Answer: {shown}. {why}</p></div>'
            f'<details class="aq-answer"><summary>Answer</summary><p>{shown}. {why}</p>'
            f'</details>')


STYLE = """<style>
.aq-quiz { border: 1px solid #bbb; border-radius: 8px; padding: 0.6em 0.9em; margin: 0.5em 0 1.5em;
  max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; line-height: 1.5; }
.aq-quiz ol.aq-list { margin: 0; padding-left: 1.4em; }
.aq-quiz .aq-q { margin: 0.6em 0 1em; }
.aq-quiz .aq-ask { margin: 0 0 0.5em; }
.aq-quiz ul.aq-options { list-style: none; margin: 0; padding: 0; }
.aq-quiz ul.aq-options li { margin: 0.35em 0; }
.aq-quiz .aq-option, .aq-quiz .aq-check, .aq-quiz input { font: inherit; color: #222;
  border-radius: 6px; box-sizing: border-box; max-width: 100%; }
.aq-quiz .aq-option { position: relative; display: flex; gap: 0.5em; width: 100%; text-align: left; cursor: pointer;
  padding: 0.4em 0.8em; border: 2px solid #1f77b4; background: #f7fbff; }
.aq-quiz .aq-mark { flex: 0 0 1em; }
.aq-quiz .aq-option.aq-right { border-color: #2ca02c; background: #eef8ec; }
.aq-quiz .aq-option.aq-wrong { border-color: #d62728; background: #fcefef; }
.aq-quiz .aq-right .aq-mark::before { content: "\\2713"; color: #1e7b1e; font-weight: bold; }
.aq-quiz .aq-wrong .aq-mark::before { content: "\\2717"; color: #b21f20; font-weight: bold; }
.aq-quiz .aq-check { padding: 0.2em 0.9em; border: 1px solid #888; background: #f4f4f4; cursor: pointer; }
.aq-quiz input { padding: 0.2em 0.4em; border: 1px solid #888; background: #fff; width: 7em; }
.aq-quiz .aq-option:focus-visible, .aq-quiz .aq-check:focus-visible, .aq-quiz input:focus-visible {
  outline: 3px solid #ff7f0e; outline-offset: 2px; }
.aq-quiz .aq-feedback p { margin: 0.4em 0 0; }
.aq-quiz [hidden] { display: none !important; }
.aq-quiz .aq-said { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.aq-quiz:not(.aq-live) .aq-numeric { display: none; }
.aq-quiz.aq-live .aq-answer { display: none; }
.aq-quiz .aq-answer { margin-top: 0.4em; }
html[data-theme="dark"] .aq-quiz, body[data-jp-theme-light="false"] .aq-quiz { border-color: #555; }
html[data-theme="dark"] .aq-quiz .aq-option, body[data-jp-theme-light="false"] .aq-quiz .aq-option {
  border-color: #5aa7e0; background: #16212d; color: #e8e8e8; }
html[data-theme="dark"] .aq-quiz .aq-option.aq-right,
body[data-jp-theme-light="false"] .aq-quiz .aq-option.aq-right { border-color: #62c462; background: #172417; }
html[data-theme="dark"] .aq-quiz .aq-option.aq-wrong,
body[data-jp-theme-light="false"] .aq-quiz .aq-option.aq-wrong { border-color: #f07070; background: #2d1717; }
html[data-theme="dark"] .aq-quiz .aq-right .aq-mark::before,
body[data-jp-theme-light="false"] .aq-quiz .aq-right .aq-mark::before { color: #62c462; }
html[data-theme="dark"] .aq-quiz .aq-wrong .aq-mark::before,
body[data-jp-theme-light="false"] .aq-quiz .aq-wrong .aq-mark::before { color: #f07070; }
html[data-theme="dark"] .aq-quiz .aq-check, html[data-theme="dark"] .aq-quiz input,
body[data-jp-theme-light="false"] .aq-quiz .aq-check, body[data-jp-theme-light="false"] .aq-quiz input {
  border-color: #777; background: #2b3038; color: #e8e8e8; }
</style>"""

# The verdicts and explanations are in the HTML already (typeset with the page); the script only
# shows them, so it needs no typesetter. It finds its quiz as its own parent, so two quizzes on
# one page (or one output shown twice in JupyterLab) do not mix.
SCRIPT = """<script>
(function (quiz) {
  if (!quiz || quiz.classList.contains("aq-live")) { return; }
  quiz.classList.add("aq-live");
  function show(feedback, chosen) {
    Array.prototype.forEach.call(feedback.children, function (p) { p.hidden = p !== chosen; });
  }
  Array.prototype.forEach.call(quiz.querySelectorAll(".aq-q"), function (q) {
    var feedback = q.querySelector(".aq-feedback");
    Array.prototype.forEach.call(q.querySelectorAll(".aq-option"), function (button) {
      button.addEventListener("click", function () {
        var right = button.getAttribute("data-correct") === "true";
        button.classList.add(right ? "aq-right" : "aq-wrong");
        button.querySelector(".aq-said").textContent = right ? " (right)" : " (not quite)";
        show(feedback, feedback.querySelector('.aq-why[data-k="' + button.getAttribute("data-k") + '"]'));
      });
    });
    var box = q.querySelector(".aq-numeric");
    if (!box) { return; }
    var input = box.querySelector("input"), verdict = feedback.querySelector(".aq-verdict");
    var why = feedback.querySelector(".aq-why");
    var answer = parseFloat(box.getAttribute("data-answer"));
    var tolerance = parseFloat(box.getAttribute("data-tolerance"));
    function read(text) {
      var s = text.trim().replace(/\\u2212/g, "-").replace(/\\s+/g, "");
      if (s.indexOf(",") >= 0 && s.indexOf(".") < 0) { s = s.replace(",", "."); }
      var number = /^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$/;
      var parts = s.split("/");
      if (parts.length === 2 && number.test(parts[0]) && number.test(parts[1])) {
        return parseFloat(parts[0]) / parseFloat(parts[1]);
      }
      return number.test(s) ? parseFloat(s) : NaN;
    }
    function check() {
      var x = read(input.value);
      if (!isFinite(x)) {
        verdict.textContent = "Write a number, such as 0.25, 1/3 or 1e-3.";
        show(feedback, verdict);
        return;
      }
      var right = Math.abs(x - answer) <= tolerance * (1 + 1e-9);
      verdict.innerHTML = right ? "<strong>Right.</strong>" : "<strong>Not quite.</strong>";
      input.setAttribute("aria-invalid", right ? "false" : "true");
      show(feedback, verdict);
      why.hidden = false;
    }
    box.querySelector(".aq-check").addEventListener("click", check);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); check(); }
    });
  });
})(document.currentScript && document.currentScript.parentNode);
</script>"""


def quiz_html(name: str) -> str:
    """The quiz ``name`` as one self-contained HTML fragment (style, questions, script)."""
    questions = load_quiz(name)
    items = []
    for n, question in enumerate(questions, 1):
        uid = f"aq-{name}-{n}"
        body = (_choice_html if "options" in question else _numeric_html)(question)
        items.append(f'<li class="aq-q" role="group" aria-labelledby="{uid}">'
                     f'<p class="aq-ask" id="{uid}">{inline_html(question["ask"])}</p>{body}</li>')
    return (f'{STYLE}<div class="aq-quiz" role="region" aria-label="Self-check quiz">'
            f'<ol class="aq-list">{"".join(items)}</ol>{SCRIPT}</div>')


def show_quiz(name: str) -> None:
    """Displays the quiz ``name`` (``"chapter5"``) as the output of the cell."""
    from IPython.display import HTML, display

    display(HTML(quiz_html(name)))


__all__ = ["show_quiz", "quiz_html", "load_quiz", "validate_questions", "inline_html",
           "quiz_names"]
