"""What every self-check quiz keeps, whatever its chapter: 3 to 5 questions, each either a choice
among 3 or 4 options with exactly one correct and a reason for each, or a numeric answer with a
tolerance and its worked answer. The quiz files are plain data, read without importing adamlib."""

from __future__ import annotations

import importlib.util
from pathlib import Path

QUIZZES = Path(__file__).resolve().parents[1] / "adamlib" / "course" / "quizzes"


def load(module: str) -> list:
    """The QUESTIONS of adamlib/course/quizzes/<module>.py."""
    spec = importlib.util.spec_from_file_location(f"quiz_{module}", QUIZZES / f"{module}.py")
    namespace = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(namespace)
    return namespace.QUESTIONS


def check_form(questions: list) -> None:
    assert 3 <= len(questions) <= 5
    for q in questions:
        assert q["ask"].strip()
        if "options" in q:
            assert 3 <= len(q["options"]) <= 4, q["ask"]
            assert sum(o["correct"] is True for o in q["options"]) == 1, q["ask"]
            assert all(o["correct"] in (True, False) and o["text"] and o["why"]
                       for o in q["options"]), q["ask"]
        else:
            assert q["tolerance"] > 0 and q["why"], q["ask"]
            assert set(q) == {"ask", "answer", "tolerance", "why"}, q["ask"]


def correct_option(question: dict) -> str:
    return next(o["text"] for o in question["options"] if o["correct"])


def accepts(question: dict, value: float) -> bool:
    """Whether the quiz accepts ``value`` as the answer: |value - answer| <= tolerance."""
    return abs(value - question["answer"]) <= question["tolerance"]
