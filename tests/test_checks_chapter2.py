"""The exercise check of chapter 2 (momentum_step) on right, unfinished and wrong answers: it must
say what to fix and never raise."""

import pytest

from adamlib import checks
from adamlib.checks import check_momentum_step


def correct(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * b, b


def stub(p, b, g, lr, mu):
    raise NotImplementedError


def old_b(p, b, g, lr, mu):
    return p - lr * b, mu * b + g


def forgets_lr(p, b, g, lr, mu):
    b = mu * b + g
    return p - b, b


def ema_convention(p, b, g, lr, mu):
    b = mu * b + (1 - mu) * g
    return p - lr * b, b


def uphill(p, b, g, lr, mu):
    b = mu * b + g
    return p + lr * b, b


def swapped(p, b, g, lr, mu):
    b = mu * b + g
    return b, p - lr * b


def returns_only_p(p, b, g, lr, mu):
    return p - lr * (mu * b + g)


def returns_none(p, b, g, lr, mu):
    p - lr * (mu * b + g)


def wrong_shape(p, b, g, lr, mu):
    b = mu * b + g
    return (p - lr * b).ravel()[:1], b


def crashes(p, b, g, lr, mu):
    return p - lr * undefined_name  # noqa: F821


def mutates_b(p, b, g, lr, mu):
    b *= mu
    b += g
    return p - lr * b, b


def test_correct_function_passes():
    result = check_momentum_step(correct)
    assert result.passed and result.status == "passed"
    assert "b = mu*b + g" in result.message


def test_renamed_arguments_and_list_result_pass():
    def renamed(x, velocity, grad, step, beta):
        velocity = beta * velocity + grad
        return [x - step * velocity, velocity]

    assert check_momentum_step(renamed).passed


def test_stub_is_not_attempted_yet():
    result = check_momentum_step(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


def test_old_b_fails_with_input_expected_got_and_hint():
    result = check_momentum_step(old_b)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("new_p is wrong. Called with p=[ 1., -2.]")
    assert "b=[ 0.5, -1. ]" in message and "lr=0.1" in message and "mu=0.9" in message
    assert "Expected: [ 0.755, -2.01 ]" in message  # b = [2.45, 0.1]; p - 0.1 b
    assert "Got:      [ 0.95, -1.9 ]" in message
    assert "old b" in message


@pytest.mark.parametrize("fn, says", [
    (forgets_lr, "ignores lr"),
    (ema_convention, "(1 - mu)*g"),
    (uphill, "uphill"),
    (swapped, "order (new_p, new_b)"),
])
def test_typical_mistakes_get_their_hint(fn, says):
    result = check_momentum_step(fn)
    assert result.status == "failed"
    assert "Expected:" in result.message and "Got:" in result.message
    assert says in result.message


@pytest.mark.parametrize("fn, says", [
    (returns_only_p, "returned ndarray"),
    (returns_none, "returned NoneType None"),
    (wrong_shape, "returned shape (1,); expected shape (2,)"),
])
def test_wrong_type_or_shape_fails_cleanly(fn, says):
    result = check_momentum_step(fn)
    assert result.status == "failed"
    assert says in result.message
    assert "Called with p=" in result.message


def test_a_crash_fails_naming_the_error():
    result = check_momentum_step(crashes)
    assert result.status == "failed"
    assert "raised NameError" in result.message


def test_changing_b_in_place_fails_and_says_so():
    result = check_momentum_step(mutates_b)
    assert result.status == "failed"
    assert "changed its argument 'b' in place" in result.message


@pytest.mark.parametrize("fn", [correct, stub, old_b, forgets_lr, ema_convention, uphill, swapped,
                                returns_only_p, returns_none, wrong_shape, crashes, mutates_b,
                                lambda: None, lambda *a: (object(), object())])
def test_the_check_never_raises(fn):
    result = check_momentum_step(fn)
    assert isinstance(result, checks.CheckResult)
    assert repr(result).startswith(("✔", "✘", "…"))


def test_summary_of_chapter_2_reports_the_exercise():
    checks._core._LATEST.clear()
    assert checks.summary(chapter=2).results[0].status == "not attempted yet"
    check_momentum_step(correct)
    after = checks.summary(chapter=2)
    assert after.passed == 1 and "Exercise 2.1 (momentum_step): passed" in repr(after)
