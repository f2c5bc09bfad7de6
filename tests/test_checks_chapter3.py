"""The exercise check of chapter 3 (rmsprop_step) on right, unfinished and wrong answers: it must
say what to fix and never raise."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_rmsprop_step


def correct(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p - lr * g / (np.sqrt(v) + eps), v


def correct_with_other_names(params, sq_avg, grad, step_size, decay, delta):
    new_avg = decay * sq_avg + (1 - decay) * grad * grad
    return params - step_size * grad / (np.sqrt(new_avg) + delta), new_avg


def stub(p, v, g, lr, alpha, eps):
    raise NotImplementedError


def sqrt_forgotten(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p - lr * g / (v + eps), v


def eps_inside_sqrt(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p - lr * g / np.sqrt(v + eps), v


def weights_swapped(p, v, g, lr, alpha, eps):
    v = (1 - alpha) * v + alpha * g**2
    return p - lr * g / (np.sqrt(v) + eps), v


def uses_old_v(p, v, g, lr, alpha, eps):
    new_v = alpha * v + (1 - alpha) * g**2
    return p - lr * g / (np.sqrt(v) + eps), new_v


def g_not_squared(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g
    return p - lr * g / (np.sqrt(np.abs(v)) + eps), v


def returns_p_only(p, v, g, lr, alpha, eps):
    return correct(p, v, g, lr, alpha, eps)[0]


def returns_a_triple(p, v, g, lr, alpha, eps):
    return (*correct(p, v, g, lr, alpha, eps), 0)


def returns_wrong_shape(p, v, g, lr, alpha, eps):
    new_p, new_v = correct(p, v, g, lr, alpha, eps)
    return new_p.ravel()[:1], new_v


def crashes(p, v, g, lr, alpha, eps):
    return p - lr * g / (np.sqrt(v) + eps) @ np.ones(3)


def mutates_v(p, v, g, lr, alpha, eps):
    v *= alpha
    v += (1 - alpha) * g**2
    return p - lr * g / (np.sqrt(v) + eps), v


@pytest.mark.parametrize("fn", [correct, correct_with_other_names])
def test_correct_function_passes(fn):
    result = check_rmsprop_step(fn)
    assert result.passed, result
    assert "sqrt(new_v) + eps" in result.message


def test_stub_is_not_attempted_yet():
    result = check_rmsprop_step(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


@pytest.mark.parametrize("fn, which, hint", [
    (sqrt_forgotten, "new_p", "the square root is missing"),
    (eps_inside_sqrt, "new_p", "eps is inside the square root"),
    (weights_swapped, "new_v", "(1 - alpha) is on the wrong term"),
    (uses_old_v, "new_p", "you divided by the old v"),
    (g_not_squared, "new_v", "square the gradient"),
])
def test_typical_mistakes_fail_with_input_expected_got_and_hint(fn, which, hint):
    result = check_rmsprop_step(fn)
    assert result.status == "failed"
    message = result.message
    assert "Called with p=" in message and "alpha=" in message and "eps=" in message
    assert "Expected: " in message and "Got:      " in message
    assert f"Hint: ({which}," in message
    assert hint in message


def test_swapped_weights_show_the_numbers():
    message = check_rmsprop_step(weights_swapped).message
    # v = 0.9·[0.5, 0.01] + 0.1·[0.09, 16] against 0.1·[0.5, 0.01] + 0.9·[0.09, 16]
    assert "Expected: [0.459, 1.609]" in message
    assert "Got:      [ 0.131, 14.401]" in message


def test_eps_inside_sqrt_is_caught_on_the_case_where_eps_matters():
    message = check_rmsprop_step(eps_inside_sqrt).message
    assert "eps=0.1" in message


@pytest.mark.parametrize("fn, says", [
    (returns_p_only, "returned ndarray"),
    (returns_a_triple, "returned tuple of length 3"),
    (returns_wrong_shape, "returned shape (1,); expected shape (2,)"),
    (lambda *args: None, "returned NoneType None"),
])
def test_wrong_return_type_or_shape_fails_cleanly(fn, says):
    result = check_rmsprop_step(fn)
    assert result.status == "failed"
    assert says in result.message


def test_a_crash_fails_naming_the_error():
    result = check_rmsprop_step(crashes)
    assert result.status == "failed"
    assert "raised ValueError" in result.message
    assert "Called with p=" in result.message


def test_changing_v_in_place_fails_and_says_so():
    result = check_rmsprop_step(mutates_v)
    assert result.status == "failed"
    assert "changed its argument 'v' in place" in result.message


@pytest.mark.parametrize("fn", [correct, stub, sqrt_forgotten, eps_inside_sqrt, weights_swapped,
                                uses_old_v, g_not_squared, returns_p_only, returns_a_triple,
                                returns_wrong_shape, crashes, mutates_v, lambda: None,
                                lambda *a: ("a", "b"), lambda *a: (np.array(["x", "y"]), 1)])
def test_the_check_never_raises(fn):
    with np.errstate(all="ignore"):
        result = check_rmsprop_step(fn)
    assert isinstance(result, checks.CheckResult)
    assert result.status in {"passed", "failed", "not attempted yet"}


def test_result_names_exercise_3_1_and_counts_in_the_summary():
    checks._core._LATEST.clear()
    assert "(rmsprop_step): not attempted yet" in repr(checks.summary(chapter=3))
    assert repr(check_rmsprop_step(correct)).startswith("✔ Exercise 3.1 (rmsprop_step): passed\n")
    assert repr(checks.summary(chapter=3)).startswith("Chapter 3: 1 of 1 checked exercise(s) passed")
    checks._core._LATEST.clear()
