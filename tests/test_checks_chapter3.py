"""The answers to the exercise checks of chapter 3 (rmsprop_step, adagrad_path): right, unfinished
and wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps,
and what only this chapter's checks show (their numbers, their other cases)."""

import numpy as np
import pytest

import adamlib
from adamlib import checks
from adamlib.course.checks import chapter3
from adamlib.checks import check_adagrad_path, check_rmsprop_step


def correct(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p - lr * g / (np.sqrt(v) + eps), v


def correct_with_other_names(params, sq_avg, grad, step_size, decay, delta):
    new_avg = decay * sq_avg + (1 - decay) * grad * grad
    return params - step_size * grad / (np.sqrt(new_avg) + delta), new_avg


def stub(p, v, g, lr, alpha, eps):
    raise NotImplementedError


def with_adamlib(p, v, g, lr, alpha, eps):
    """Another algebraic form: adamlib's own update, which writes g*g and adds eps to the root."""
    return adamlib.RMSprop(lr=lr, alpha=alpha, eps=eps).update(p, g, v, t=1, lr=lr)


def coordinate_loop(p, v, g, lr, alpha, eps):
    """An explicit loop over the coordinates, on copies."""
    new_p, new_v = np.array(p, dtype=float), np.array(v, dtype=float)
    for i in np.ndindex(p.shape):
        new_v[i] = alpha * v[i] + (1 - alpha) * g[i] ** 2
        new_p[i] = p[i] - lr * g[i] / (new_v[i] ** 0.5 + eps)
    return new_p, new_v


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


def no_eps(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p - lr * g / np.sqrt(v), v


def uphill(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p + lr * g / (np.sqrt(v) + eps), v


def ignores_lr(p, v, g, lr, alpha, eps):
    v = alpha * v + (1 - alpha) * g**2
    return p - g / (np.sqrt(v) + eps), v


def returns_old_v(p, v, g, lr, alpha, eps):
    return correct(p, v, g, lr, alpha, eps)[0], v


def no_one_minus_alpha(p, v, g, lr, alpha, eps):
    v = alpha * v + g**2
    return p - lr * g / (np.sqrt(v) + eps), v


def sums_like_adagrad(p, v, g, lr, alpha, eps):
    v = v + g**2
    return p - lr * g / (np.sqrt(v) + eps), v


def v_and_g_swapped(p, g, v, lr, alpha, eps):
    return correct(p, v, g, lr, alpha, eps)


def returns_v_first(p, v, g, lr, alpha, eps):
    new_p, new_v = correct(p, v, g, lr, alpha, eps)
    return new_v, new_p


def returns_lists(p, v, g, lr, alpha, eps):
    new_p, new_v = correct(p, v, g, lr, alpha, eps)
    return new_p.tolist(), new_v.tolist()


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


def test_swapped_weights_show_the_numbers():
    message = check_rmsprop_step(weights_swapped).message
    assert message.startswith("new_v is wrong. Called with p=")
    # v = 0.9·[0.5, 0.01] + 0.1·[0.09, 16] against 0.1·[0.5, 0.01] + 0.9·[0.09, 16]
    assert "Expected: [0.459, 1.609]" in message
    assert "Got:      [ 0.131, 14.401]" in message


def test_eps_inside_sqrt_is_caught_on_the_case_where_eps_matters():
    message = check_rmsprop_step(eps_inside_sqrt).message
    assert "g=[ 1.e-08, -3.e-08]" in message and "eps=1e-08" in message


def test_no_eps_is_caught_on_gradients_near_eps():
    message = check_rmsprop_step(no_eps).message
    assert message.startswith("new_p is wrong.") and "eps=1e-08" in message
    assert "g=[ 1.e-08, -3.e-08]" in message


# adagrad_path(grad, x0, lr, eps, steps): the path of AdaGrad from x0, one row per step.

def adagrad_correct(grad, x0, lr, eps, steps):
    x, s, path = x0, np.zeros_like(x0), [x0]
    for _ in range(steps):
        g = grad(x)
        s = s + g**2
        x = x - lr * g / (np.sqrt(s) + eps)
        path.append(x)
    return np.array(path)


def adagrad_with_adamlib(f_grad, start, step_size, delta, n):
    return adamlib.minimize(f_grad, start, adamlib.AdaGrad(lr=step_size, eps=delta), n)


def adagrad_preallocated(grad, x0, lr, eps, steps):
    """The path filled in place, row by row, with the sum kept in place too (on copies)."""
    path = np.empty((steps + 1, *np.shape(x0)))
    path[0] = x0
    s = np.zeros(np.shape(x0))
    for t in range(1, steps + 1):
        g = grad(path[t - 1])
        s += g * g
        path[t] = path[t - 1] - lr * g / (s**0.5 + eps)
    return path


def adagrad_stub(grad, x0, lr, eps, steps):
    raise NotImplementedError


def _adagrad_with(step, add=lambda s, g: s + g * g, at_start=False):
    """An AdaGrad path with one piece written wrong: step(g, s, old_s, t) and add(s, g)."""

    def adagrad_path(grad, x0, lr, eps, steps):
        x, s, path = x0, np.zeros_like(x0), [x0]
        for t in range(1, steps + 1):
            g = grad(x0 if at_start else x)
            old_s, s = s, add(s, g)
            x = x - step(g, s, old_s, t, lr, eps)
            path.append(x)
        return np.array(path)

    return adagrad_path


adagrad_mean = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (np.sqrt(s / t) + eps))
adagrad_no_sqrt = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (s + eps))
adagrad_eps_inside = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / np.sqrt(s + eps))
adagrad_no_eps = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / np.sqrt(s))
adagrad_old_s = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (np.sqrt(old) + eps))
adagrad_reset = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (np.sqrt(s) + eps),
                              add=lambda s, g: g * g)
adagrad_abs = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (np.sqrt(s) + eps),
                            add=lambda s, g: s + np.abs(g))
adagrad_uphill = _adagrad_with(lambda g, s, old, t, lr, eps: -lr * g / (np.sqrt(s) + eps))
adagrad_ignores_lr = _adagrad_with(lambda g, s, old, t, lr, eps: g / (np.sqrt(s) + eps))
adagrad_grad_at_x0 = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (np.sqrt(s) + eps),
                                   at_start=True)
adagrad_one_late = _adagrad_with(lambda g, s, old, t, lr, eps: lr * g / (np.sqrt(s) + eps)
                                 if t < 3 else 2 * lr * g / (np.sqrt(s) + eps))


def adagrad_without_start(grad, x0, lr, eps, steps):
    return adagrad_correct(grad, x0, lr, eps, steps)[1:]


def adagrad_as_list(grad, x0, lr, eps, steps):
    return list(adagrad_correct(grad, x0, lr, eps, steps))


def adagrad_mutates_x0(grad, x0, lr, eps, steps):
    s, path = np.zeros_like(x0), [x0.copy()]
    for _ in range(steps):
        g = grad(x0)
        s += g**2
        x0 -= lr * g / (np.sqrt(s) + eps)
        path.append(x0.copy())
    return np.array(path)


def adagrad_crashes(grad, x0, lr, eps, steps):
    return grad(x0, steps)


def test_an_unnamed_mistake_is_told_the_first_row_that_differs():
    message = check_adagrad_path(adagrad_one_late).message
    assert "row 3 (the parameters after step 3) is the first that differs" in message


@pytest.mark.parametrize("mistake", [adagrad_no_eps, adagrad_eps_inside])
def test_eps_mistakes_are_caught_on_gradients_near_eps(mistake):
    message = check_adagrad_path(mistake).message
    assert "x0=[ 2.e-08, -1.e-08]" in message and "eps=1e-08" in message


def far_above_tolerance(wrong, right, cases, factor=1e3) -> bool:
    """Whether, on some case, a wrong answer's result differs from the right one's by more than
    ``factor`` times the checks' tolerance somewhere (or is not finite where the right one is),
    so that the check catches it whatever the rounding."""
    for inputs in cases:
        copies = [{k: v.copy() if isinstance(v, np.ndarray) else v for k, v in inputs.items()}
                  for _ in range(2)]
        with np.errstate(all="ignore"):
            got, expected = wrong(*copies[0].values()), right(*copies[1].values())
        pairs = zip(got, expected) if isinstance(expected, tuple) else [(got, expected)]
        for a, e in pairs:
            a, e = np.asarray(a, dtype=float), np.asarray(e, dtype=float)
            if a.shape != e.shape:
                return True
            with np.errstate(all="ignore"):
                scaled = np.abs(a - e) / (checks.ATOL + checks.RTOL * np.abs(e))
            if np.any(~np.isfinite(a)) or np.nanmax(scaled) > factor:
                return True
    return False


RMSPROP_MISTAKES = [sqrt_forgotten, eps_inside_sqrt, no_eps, weights_swapped, uses_old_v,
                    g_not_squared, uphill, ignores_lr, returns_old_v, no_one_minus_alpha,
                    sums_like_adagrad, v_and_g_swapped, returns_v_first]
ADAGRAD_MISTAKES = [adagrad_mean, adagrad_no_sqrt, adagrad_eps_inside, adagrad_no_eps,
                    adagrad_old_s, adagrad_reset, adagrad_abs, adagrad_uphill, adagrad_ignores_lr,
                    adagrad_grad_at_x0, adagrad_one_late]


@pytest.mark.parametrize("mistake, right, cases", [
    *[pytest.param(m, correct, chapter3.RMSPROP_STEP_CASES, id=m.__name__) for m in RMSPROP_MISTAKES],
    *[pytest.param(m, adagrad_correct, chapter3.ADAGRAD_PATH_CASES, id=m.__name__)
      for m in ADAGRAD_MISTAKES]])
def test_each_mistake_is_far_off_on_some_case(mistake, right, cases):
    assert far_above_tolerance(mistake, right, cases)


@pytest.mark.parametrize("mistake", [no_eps, eps_inside_sqrt], ids=lambda f: f.__name__)
def test_the_eps_mistakes_are_far_off_on_both_cases_where_eps_matters(mistake):
    eps_cases = [case for case in chapter3.RMSPROP_STEP_CASES
                 if case["eps"] >= 0.1 or np.abs(case["g"]).max() < 1e-6]
    assert len(eps_cases) == 2
    assert all(far_above_tolerance(mistake, correct, [case]) for case in eps_cases)


@pytest.mark.parametrize("answer", [correct_with_other_names, with_adamlib, coordinate_loop],
                         ids=lambda f: f.__name__)
def test_a_correct_alternative_is_not_far_off(answer):
    assert not far_above_tolerance(answer, correct, chapter3.RMSPROP_STEP_CASES, factor=1)
