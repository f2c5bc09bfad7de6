"""The exercise check of chapter 7, section 1 (dense_backward) on right, unfinished and wrong
answers: it must say what to fix and never raise."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_dense_backward


def correct(x, W, da):
    return da @ W.T, x.T @ da, da.sum(axis=0)


def stub(x, W, da):
    raise NotImplementedError


def no_transpose_dx(x, W, da):
    return da @ W, x.T @ da, da.sum(axis=0)


def transposed_dW(x, W, da):
    return da @ W.T, da.T @ x, da.sum(axis=0)


def db_wrong_axis(x, W, da):
    return da @ W.T, x.T @ da, da.sum(axis=1)


def db_mean(x, W, da):
    return da @ W.T, x.T @ da, da.mean(axis=0)


def divides_by_n(x, W, da):
    return da @ W.T, x.T @ da / len(x), da.sum(axis=0)


def wrong_order(x, W, da):
    return x.T @ da, da @ W.T, da.sum(axis=0)


def returns_two(x, W, da):
    return da @ W.T, x.T @ da


def returns_none(x, W, da):
    da @ W.T


def crashes(x, W, da):
    return undefined_name  # noqa: F821


def mutates_da(x, W, da):
    da *= 1.0
    da[0] = 0.0
    return da @ W.T, x.T @ da, da.sum(axis=0)


def test_correct_function_passes():
    result = check_dense_backward(correct)
    assert result.passed and result.status == "passed"
    assert "dW = x.T @ da" in result.message


def test_renamed_arguments_and_list_result_pass():
    def renamed(inputs, weights, upstream):
        return [upstream @ weights.T, inputs.T @ upstream, upstream.sum(axis=0)]

    assert check_dense_backward(renamed).passed


def test_stub_is_not_attempted_yet():
    result = check_dense_backward(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


def test_transposed_dW_fails_with_input_expected_got_and_hint():
    result = check_dense_backward(transposed_dW)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("dW is wrong. Called with x=[[")
    assert "W=[[" in message and "da=[[" in message
    assert "expected shape (3, 2)" in message
    assert "Expected: [[" in message and "Got:      [[" in message
    assert "dW transposed" in message


@pytest.mark.parametrize("fn, says", [
    (db_wrong_axis, "wrong axis"),
    (db_mean, "do not average"),
    (divides_by_n, "do not divide by n"),
])
def test_typical_mistakes_get_their_hint(fn, says):
    result = check_dense_backward(fn)
    assert result.status == "failed"
    assert "Expected:" in result.message and "Got:" in result.message
    assert says in result.message


def test_missing_transpose_that_crashes_gets_the_transpose_hint():
    result = check_dense_backward(no_transpose_dx)
    assert result.status == "failed"
    assert "raised ValueError" in result.message
    assert "missing transpose" in result.message


def test_wrong_order_is_named():
    result = check_dense_backward(wrong_order)
    assert result.status == "failed"
    assert "right arrays in the order (dW, dx, db)" in result.message
    assert "(dx, dW, db)" in result.message


@pytest.mark.parametrize("fn, says", [
    (returns_two, "tuple of length 2; expected a triple (dx, dW, db)"),
    (returns_none, "returned NoneType None"),
])
def test_wrong_type_fails_cleanly(fn, says):
    result = check_dense_backward(fn)
    assert result.status == "failed"
    assert says in result.message


def test_wrong_shape_fails_cleanly():
    result = check_dense_backward(lambda x, W, da: (da @ W.T, x.T @ da, da.sum(axis=0)[:1]))
    assert result.status == "failed"
    assert result.message.startswith("db is wrong.")
    assert "returned shape (1,); expected shape (2,)" in result.message


def test_a_crash_fails_naming_the_error():
    result = check_dense_backward(crashes)
    assert result.status == "failed"
    assert "raised NameError" in result.message


def test_changing_da_in_place_fails_and_says_so():
    result = check_dense_backward(mutates_da)
    assert result.status == "failed"
    assert "changed its argument 'da' in place" in result.message


def test_the_reference_is_adamlibs_dense_backward():
    from adamlib.layers import dense_backward
    assert check_dense_backward(dense_backward).passed


@pytest.mark.parametrize("fn", [correct, stub, no_transpose_dx, transposed_dW, db_wrong_axis,
                                db_mean, divides_by_n, wrong_order, returns_two, returns_none,
                                crashes, mutates_da, lambda: None,
                                lambda *a: (object(), object(), object()),
                                lambda *a: ("a", "b", "c"), lambda *a: (1.0, 2.0, 3.0)])
def test_the_check_never_raises(fn):
    result = check_dense_backward(fn)
    assert isinstance(result, checks.CheckResult)
    assert repr(result).startswith(("✔", "✘", "…"))


def test_summary_of_section_1_reports_the_exercise():
    checks._core._LATEST.clear()
    summary = checks.summary(chapter=7, section=1)
    assert [r.exercise for r in summary.results] == ["Exercise 7.1 (dense_backward)"]
    assert summary.results[0].status == "not attempted yet"
    check_dense_backward(correct)
    after = checks.summary(chapter=7, section=1)
    assert after.passed == 1 and "Exercise 7.1 (dense_backward): passed" in repr(after)
    assert repr(after).startswith("Chapter 7.1:")
