"""The answers to the exercise check of chapter 1: right, unfinished and wrong answers, which
tests/test_checks_contract.py runs through the contract every check keeps, and what only this
chapter's check shows (its numbers, its other cases); and the machinery every check shares (the
summary, the display)."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_sgd_step


def correct(x, g, lr):
    return x - lr * g


def stub(x, g, lr):
    raise NotImplementedError


def uphill(x, g, lr):
    return x + lr * g


def ignores_lr(x, g, lr):
    return x - g


def returns_the_step(x, g, lr):
    return -lr * g


def returns_a_list(x, g, lr):
    return list(x - lr * g)


def returns_none(x, g, lr):
    x - lr * g  # forgot the return


def returns_wrong_shape(x, g, lr):
    return (x - lr * g).ravel()[:1]


def numpy_divides_by_zero(x, g, lr):
    return x - lr * g / 0  # numpy warns and returns ±inf


def divides_by_zero(x, g, lr):
    return x - lr * g * (1 / 0)


def mutates_x(x, g, lr):
    x -= lr * g
    return x


def returns_strings(x, g, lr):
    return np.array([str(v) for v in (x - lr * g).ravel()]).reshape(x.shape)

def renamed(point, gradient, step_size):
    """A student may name the arguments freely."""
    return point - step_size * gradient


def test_stepping_uphill_fails_with_input_expected_got_and_hint():
    result = check_sgd_step(uphill)
    assert result.status == "failed"
    assert not result.passed
    message = result.message
    assert "x=[ 1., -2.]" in message and "g=[0.5, 4. ]" in message and "lr=0.1" in message
    assert "Expected: [ 0.95, -2.4 ]" in message  # 1 − 0.1·0.5, −2 − 0.1·4
    assert "Got:      [ 1.05, -1.6 ]" in message  # 1 + 0.1·0.5, −2 + 0.1·4
    assert "uphill" in message


def test_ignoring_lr_fails_with_a_hint_about_lr():
    result = check_sgd_step(ignores_lr)
    assert result.status == "failed"
    assert "Got:      [ 0.5, -6. ]" in result.message  # x − g
    assert "ignores lr" in result.message


def test_numpy_division_by_zero_is_a_wrong_answer_not_a_crash():
    with np.errstate(divide="ignore", invalid="ignore"):
        result = check_sgd_step(numpy_divides_by_zero)
    assert result.status == "failed"
    assert "Got:      [-inf," in result.message


def test_summary_counts_the_latest_result_of_each_checked_exercise():
    checks._core._LATEST.clear()
    before = checks.summary(chapter=1)
    assert before.passed == 0 and len(before.results) == 1
    assert before.results[0].status == "not attempted yet"
    assert "0 of 1 checked exercise(s) passed" in repr(before)
    check_sgd_step(uphill)
    assert checks.summary(chapter=1).results[0].status == "failed"
    check_sgd_step(correct)
    after = checks.summary(chapter=1)
    assert after.passed == 1 and "1 of 1 checked exercise(s) passed" in repr(after)
    assert "Exercise 1.1 (sgd_step): passed" in repr(after)


def test_summary_of_an_unknown_chapter_names_the_known_ones():
    with pytest.raises(ValueError, match=r"chapter must be one of \[1, [0-9, ]*\], got 99"):
        checks.summary(chapter=99)


def test_summary_of_a_section_reports_only_its_exercises(monkeypatch):
    from adamlib.checks import _core

    monkeypatch.setattr(_core, "_EXERCISES", {})
    monkeypatch.setattr(_core, "_LATEST", {})

    def declare(number, section):
        @_core.exercise(chapter=7, number=number, name=f"f{number}", section=section)
        def check(student_function, title):
            return _core.CheckResult(title, _core.PASSED if student_function() else _core.FAILED, "")
        return check

    first, second = declare(1, section=1), declare(2, section=2)
    first(lambda: True)
    assert [r.status for r in checks.summary(chapter=7).results] == ["passed", "not attempted yet"]
    section_two = checks.summary(chapter=7, section=2)
    assert [r.exercise for r in section_two.results] == ["Exercise 7.2 (f2)"]
    assert repr(section_two).startswith("Chapter 7.2: 0 of 1 checked exercise(s) passed")
    with pytest.raises(ValueError, match=r"section must be one of \[1, 2\] for chapter 7, got 3"):
        checks.summary(chapter=7, section=3)


def test_feedback_lines_fit_the_books_column():
    """A long message wraps at checks WIDTH, each continuation under its line's own indent."""
    from adamlib.checks._core import WIDTH, CheckResult

    words = "  new_p = p - lr*m_hat/(sqrt(v_hat) + eps),  m_hat = new_m/(1-beta1**t), v_hat = x"
    shown = repr(CheckResult("Exercise 6.1 (adam_step)", "passed", "short line\n" + words))
    lines = shown.splitlines()
    assert len(words) > WIDTH and all(len(line) <= WIDTH for line in lines), lines
    assert lines[1] == "short line" and lines[2].startswith("  new_p") and lines[3].startswith("    ")
    assert " ".join(" ".join(lines[2:]).split()) == " ".join(words.split())
