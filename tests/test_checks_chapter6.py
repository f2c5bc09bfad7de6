"""The exercise check of chapter 6 (adam_step) on right, unfinished and wrong answers: it must
say what to fix and never raise."""

import numpy as np
import pytest

import adamlib
from adamlib import checks
from adamlib.checks import check_adam_step


def correct(p, m, v, g, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def with_adamlib(params, first, second, grad, step, step_size, b1, b2, delta):
    opt = adamlib.Adam(lr=step_size, beta1=b1, beta2=b2, eps=delta)
    state = adamlib.AdamState(t=step - 1, m=first, v=second)
    new_p, new_state = opt.step(params, grad, state)
    return new_p, new_state.m, new_state.v


def stub(p, m, v, g, t, lr, beta1, beta2, eps):
    raise NotImplementedError


def _variant(correct_m=True, correct_v=True, power=lambda t: t, beta_t=False, eps_inside=False,
             old=False, return_hat=False):
    def step(p, m, v, g, t, lr, beta1, beta2, eps):
        new_m = beta1 * m + (1 - beta1) * g
        new_v = beta2 * v + (1 - beta2) * g**2
        use_m, use_v = (m, v) if old else (new_m, new_v)
        k = power(t)
        c1 = beta1**k if beta_t else 1 - beta1**k
        c2 = beta2**k if beta_t else 1 - beta2**k
        m_hat = use_m / c1 if correct_m else use_m
        v_hat = use_v / c2 if correct_v else use_v
        with np.errstate(all="ignore"):
            denominator = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
            new_p = p - lr * m_hat / denominator
        if return_hat:
            return new_p, new_m / (1 - beta1**t), new_v / (1 - beta2**t)
        return new_p, new_m, new_v
    return step


no_bias_correction = _variant(correct_m=False, correct_v=False)
only_m_corrected = _variant(correct_v=False)
eps_inside_sqrt = _variant(eps_inside=True)
t_from_zero = _variant(power=lambda t: t - 1)
t_plus_one = _variant(power=lambda t: t + 1)
old_moments = _variant(old=True)
beta_to_the_t = _variant(beta_t=True)
returns_corrected = _variant(return_hat=True)


def weights_swapped_m(p, m, v, g, t, lr, beta1, beta2, eps):
    new_p, _, new_v = correct(p, m, v, g, t, lr, beta1, beta2, eps)
    return new_p, (1 - beta1) * m + beta1 * g, new_v


def g_not_squared(p, m, v, g, t, lr, beta1, beta2, eps):
    new_p, new_m, _ = correct(p, m, v, g, t, lr, beta1, beta2, eps)
    return new_p, new_m, beta2 * v + (1 - beta2) * g


def returns_pair(p, m, v, g, t, lr, beta1, beta2, eps):
    return correct(p, m, v, g, t, lr, beta1, beta2, eps)[:2]


def returns_wrong_shape(p, m, v, g, t, lr, beta1, beta2, eps):
    new_p, new_m, new_v = correct(p, m, v, g, t, lr, beta1, beta2, eps)
    return new_p.ravel()[:1], new_m, new_v


def crashes(p, m, v, g, t, lr, beta1, beta2, eps):
    return p @ np.ones(7), m, v


def mutates_m(p, m, v, g, t, lr, beta1, beta2, eps):
    m *= beta1
    m += (1 - beta1) * g
    new_v = beta2 * v + (1 - beta2) * g**2
    return p - lr * (m / (1 - beta1**t)) / (np.sqrt(new_v / (1 - beta2**t)) + eps), m, new_v


@pytest.mark.parametrize("fn", [correct, with_adamlib])
def test_correct_function_passes(fn):
    result = check_adam_step(fn)
    assert result.passed, result
    assert "sqrt(v_hat) + eps" in result.message


def test_stub_is_not_attempted_yet():
    result = check_adam_step(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


@pytest.mark.parametrize("fn, which, hint", [
    (no_bias_correction, "new_p", "no bias correction"),
    (only_m_corrected, "new_p", "only m is corrected"),
    (eps_inside_sqrt, "new_p", "eps is inside the square root"),
    (t_from_zero, "new_p", "not beta**(t - 1)"),
    (t_plus_one, "new_p", "not beta**(t + 1)"),
    (old_moments, "new_p", "you used the old m and v"),
    (beta_to_the_t, "new_p", "you corrected with beta**t"),
    (returns_corrected, "new_m", "you returned the bias-corrected m"),
    (weights_swapped_m, "new_m", "(1 - beta) is on the wrong term"),
    (g_not_squared, "new_v", "square the gradient"),
])
def test_typical_mistakes_fail_with_input_expected_got_and_hint(fn, which, hint):
    with np.errstate(all="ignore"):
        result = check_adam_step(fn)
    assert result.status == "failed"
    message = result.message
    assert "Called with p=" in message and "beta2=" in message and "t=" in message
    assert "Expected: " in message and "Got:      " in message
    assert f"Hint: ({which}," in message
    assert hint in message


def test_eps_inside_sqrt_is_caught_on_the_case_where_eps_matters():
    message = check_adam_step(eps_inside_sqrt).message
    assert "eps=0.1" in message


@pytest.mark.parametrize("fn, says", [
    (returns_pair, "returned tuple of length 2"),
    (returns_wrong_shape, "returned shape (1,); expected shape (2,)"),
    (lambda *args: None, "returned NoneType None"),
    (lambda *args: (np.array(["a", "b"]),) * 3, "dtype <U1"),
])
def test_wrong_return_type_or_shape_fails_cleanly(fn, says):
    result = check_adam_step(fn)
    assert result.status == "failed"
    assert says in result.message


def test_a_crash_fails_naming_the_error():
    result = check_adam_step(crashes)
    assert result.status == "failed"
    assert "raised ValueError" in result.message
    assert "Called with p=" in result.message


def test_changing_m_in_place_fails_and_says_so():
    result = check_adam_step(mutates_m)
    assert result.status == "failed"
    assert "changed its argument 'm' in place" in result.message


@pytest.mark.parametrize("fn", [correct, stub, no_bias_correction, only_m_corrected,
                                eps_inside_sqrt, t_from_zero, t_plus_one, old_moments,
                                beta_to_the_t, returns_corrected, weights_swapped_m,
                                g_not_squared, returns_pair, returns_wrong_shape, crashes,
                                mutates_m, lambda: None, lambda *a: ("a", "b", "c"),
                                lambda *a: (np.array(["x", "y"]), 1, 2)])
def test_the_check_never_raises(fn):
    with np.errstate(all="ignore"):
        result = check_adam_step(fn)
    assert isinstance(result, checks.CheckResult)
    assert result.status in {"passed", "failed", "not attempted yet"}


def test_result_names_exercise_6_1_and_counts_in_the_summary():
    checks._core._LATEST.clear()
    assert "(adam_step): not attempted yet" in repr(checks.summary(chapter=6))
    assert repr(check_adam_step(correct)).startswith("✔ Exercise 6.1 (adam_step): passed\n")
    assert repr(checks.summary(chapter=6)).startswith("Chapter 6: 1 of 1 checked exercise(s) passed")
    checks._core._LATEST.clear()
