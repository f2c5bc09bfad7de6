"""The exercise check of chapter 5 (bias_corrected) on right, unfinished and wrong answers: it must
say what to fix and never raise."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_bias_corrected


def correct(avg, beta, t):
    return avg / (1 - beta**t)


def stub(avg, beta, t):
    raise NotImplementedError


def multiplies(avg, beta, t):
    return avg * (1 - beta**t)


def off_by_one(avg, beta, t):
    return avg / (1 - beta**(t + 1))


def no_power(avg, beta, t):
    return avg / (1 - beta)


def power_outside(avg, beta, t):
    return avg / (1 - beta)**t


def square_root(avg, beta, t):
    return avg / np.sqrt(1 - beta**t)


def returns_float(avg, beta, t):
    return float(np.sum(avg / (1 - beta**t)))


def returns_none(avg, beta, t):
    avg / (1 - beta**t)


def wrong_shape(avg, beta, t):
    return (avg / (1 - beta**t)).ravel()[:1]


def crashes(avg, beta, t):
    return avg / (1 - beta**undefined_name)  # noqa: F821


def in_place(avg, beta, t):
    avg /= 1 - beta**t
    return avg


def test_correct_function_passes():
    result = check_bias_corrected(correct)
    assert result.passed and result.status == "passed"
    assert "avg / (1 - beta**t)" in result.message


def test_renamed_arguments_pass():
    def renamed(m, decay, step):
        return m / (1.0 - decay**step)

    assert check_bias_corrected(renamed).passed


def test_stub_is_not_attempted_yet():
    result = check_bias_corrected(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


def test_off_by_one_fails_with_input_expected_got_and_hint():
    result = check_bias_corrected(off_by_one)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("Called with avg=[ 0.1, -0.2]")
    assert "beta=0.9" in message and "t=1" in message
    assert "Expected: [ 1., -2.]" in message
    assert "Got:      [ 0.526316, -1.052632]" in message  # 0.1 / (1 - 0.81)
    assert "1 - beta**(t+1)" in message and "from i = 1 to t" in message


@pytest.mark.parametrize("fn, says", [
    (multiplies, "you multiplied"),
    (no_power, "depends on t"),
    (power_outside, "(1 - beta)**t"),
    (square_root, "no square root"),
])
def test_typical_mistakes_get_their_hint(fn, says):
    result = check_bias_corrected(fn)
    assert result.status == "failed"
    assert "Expected:" in result.message and "Got:" in result.message
    assert says in result.message


@pytest.mark.parametrize("fn, says", [
    (returns_float, "returned float"),
    (returns_none, "returned NoneType None"),
    (wrong_shape, "returned shape (1,); expected shape (2,)"),
])
def test_wrong_type_or_shape_fails_cleanly(fn, says):
    result = check_bias_corrected(fn)
    assert result.status == "failed"
    assert says in result.message
    assert "Called with avg=" in result.message


def test_a_crash_fails_naming_the_error():
    result = check_bias_corrected(crashes)
    assert result.status == "failed"
    assert "raised NameError" in result.message


def test_changing_avg_in_place_fails_and_says_so():
    result = check_bias_corrected(in_place)
    assert result.status == "failed"
    assert "changed its argument 'avg' in place" in result.message


@pytest.mark.parametrize("fn", [correct, stub, multiplies, off_by_one, no_power, power_outside,
                                square_root, returns_float, returns_none, wrong_shape, crashes,
                                in_place, lambda: None, lambda *a: object()])
def test_the_check_never_raises(fn):
    result = check_bias_corrected(fn)
    assert isinstance(result, checks.CheckResult)
    assert repr(result).startswith(("✔", "✘", "…"))


def test_summary_of_chapter_5_reports_the_exercise():
    checks._core._LATEST.clear()
    assert checks.summary(chapter=5).results[0].status == "not attempted yet"
    check_bias_corrected(correct)
    after = checks.summary(chapter=5)
    assert after.passed == 1 and "Exercise 5.1 (bias_corrected): passed" in repr(after)
