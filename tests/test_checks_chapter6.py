"""The answers to the exercise checks of chapter 6 (adam_step, adam_path): right, unfinished and
wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps,
and what only this chapter's checks show (their numbers, their other cases)."""

import numpy as np

import adamlib
from adamlib.checks import check_adam_path, check_adam_step


def correct(p, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def with_adamlib(params, grad, first, second, step, step_size, b1, b2, delta):
    opt = adamlib.Adam(lr=step_size, beta1=b1, beta2=b2, eps=delta)
    state = adamlib.AdamState(t=step - 1, m=first, v=second)
    new_p, new_state = opt.step(params, grad, state)
    return new_p, new_state.m, new_state.v


def efficient_form(p, g, m, v, t, lr, beta1, beta2, eps):
    """The paper's efficient form, eq. (6.2), with the eps_hat that makes it eq. (6.1)."""
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    lr_t = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return p - lr_t * m / (np.sqrt(v) + eps * np.sqrt(1 - beta2**t)), m, v


def coordinate_loop(p, g, m, v, t, lr, beta1, beta2, eps):
    new_p, new_m, new_v = np.empty_like(p), np.empty_like(m), np.empty_like(v)
    for i in np.ndindex(p.shape):
        new_m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        new_v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
        m_hat = new_m[i] / (1 - beta1**t)
        v_hat = new_v[i] / (1 - beta2**t)
        new_p[i] = p[i] - lr * m_hat / (v_hat**0.5 + eps)
    return new_p, new_m, new_v


def stub(p, g, m, v, t, lr, beta1, beta2, eps):
    raise NotImplementedError


def _variant(correct_m=True, correct_v=True, correction=lambda beta, t: 1 - beta**t,
             eps_at="outside", old=False, return_hat=False, eps_hat=False, sign=-1, lr_used=True,
             root=True):
    def step(p, g, m, v, t, lr, beta1, beta2, eps):
        new_m = beta1 * m + (1 - beta1) * g
        new_v = beta2 * v + (1 - beta2) * g**2
        use_m, use_v = (m, v) if old else (new_m, new_v)
        c1, c2 = correction(beta1, t), correction(beta2, t)
        m_hat = use_m / c1 if correct_m else use_m
        v_hat = use_v / c2 if correct_v else use_v
        with np.errstate(all="ignore"):
            if eps_hat:
                direction = np.sqrt(1 - beta2**t) / (1 - beta1**t) * new_m / (np.sqrt(new_v) + eps)
            elif eps_at == "inside":
                direction = m_hat / np.sqrt(v_hat + eps)
            elif eps_at == "none":
                direction = m_hat / np.sqrt(v_hat)
            else:
                direction = m_hat / ((np.sqrt(v_hat) if root else v_hat) + eps)
            new_p = p + sign * (lr if lr_used else 1) * direction
        if return_hat:
            return new_p, new_m / (1 - beta1**t), new_v / (1 - beta2**t)
        return new_p, new_m, new_v
    return step


no_bias_correction = _variant(correct_m=False, correct_v=False)
only_m_corrected = _variant(correct_v=False)
only_v_corrected = _variant(correct_m=False)
eps_inside_sqrt = _variant(eps_at="inside")
no_eps = _variant(eps_at="none")
efficient_same_eps = _variant(eps_hat=True)
t_from_zero = _variant(correction=lambda beta, t: 1 - beta**(t - 1))
t_plus_one = _variant(correction=lambda beta, t: 1 - beta**(t + 1))
old_moments = _variant(old=True)
beta_to_the_t = _variant(correction=lambda beta, t: beta**t)
returns_corrected = _variant(return_hat=True)
uphill = _variant(sign=1)
ignores_lr = _variant(lr_used=False)
no_square_root = _variant(root=False)


def old_argument_order(p, m, v, g, t, lr, beta1, beta2, eps):
    """A correct step written for the old signature adam_step(p, m, v, g, ...)."""
    return correct(p, g, m, v, t, lr, beta1, beta2, eps)


def swapped_betas(p, g, m, v, t, lr, beta1, beta2, eps):
    return correct(p, g, m, v, t, lr, beta2, beta1, eps)


def momentum_sum(p, g, m, v, t, lr, beta1, beta2, eps):
    new_m = beta1 * m + g
    new_v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = new_m / (1 - beta1**t), new_v / (1 - beta2**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), new_m, new_v


def weights_swapped_m(p, g, m, v, t, lr, beta1, beta2, eps):
    new_p, _, new_v = correct(p, g, m, v, t, lr, beta1, beta2, eps)
    return new_p, (1 - beta1) * m + beta1 * g, new_v


def g_not_squared(p, g, m, v, t, lr, beta1, beta2, eps):
    new_p, new_m, _ = correct(p, g, m, v, t, lr, beta1, beta2, eps)
    return new_p, new_m, beta2 * v + (1 - beta2) * g


def returns_old_moments(p, g, m, v, t, lr, beta1, beta2, eps):
    return correct(p, g, m, v, t, lr, beta1, beta2, eps)[0], m, v


def returns_pair(p, g, m, v, t, lr, beta1, beta2, eps):
    return correct(p, g, m, v, t, lr, beta1, beta2, eps)[:2]


def returns_lists(p, g, m, v, t, lr, beta1, beta2, eps):
    return tuple(list(x) for x in correct(p, g, m, v, t, lr, beta1, beta2, eps))


def returns_wrong_shape(p, g, m, v, t, lr, beta1, beta2, eps):
    new_p, new_m, new_v = correct(p, g, m, v, t, lr, beta1, beta2, eps)
    return new_p.ravel()[:1], new_m, new_v


def crashes(p, g, m, v, t, lr, beta1, beta2, eps):
    return p @ np.ones(7), m, v


def mutates_m(p, g, m, v, t, lr, beta1, beta2, eps):
    m *= beta1
    m += (1 - beta1) * g
    new_v = beta2 * v + (1 - beta2) * g**2
    return p - lr * (m / (1 - beta1**t)) / (np.sqrt(new_v / (1 - beta2**t)) + eps), m, new_v


def test_eps_inside_sqrt_is_caught_on_the_case_where_eps_matters():
    message = check_adam_step(eps_inside_sqrt).message
    assert "eps=0.1" in message


def test_the_efficient_form_with_eps_hat_eps_is_caught_where_gradients_are_near_eps():
    message = check_adam_step(efficient_same_eps).message
    assert "eps=0.1" in message and "eps_hat = eps" in message


def test_no_hint_prints_the_formula_of_the_step():
    """A wrong answer that matches no known mistake gets a pointer to the equation, not the
    code of the answer."""
    def two_mistakes(p, g, m, v, t, lr, beta1, beta2, eps):
        new_p, new_m, new_v = correct(p, g, m, v, t, lr, beta1, beta2, eps)
        return 2 * new_p - p + 0.5, new_m, new_v
    message = check_adam_step(two_mistakes).message
    assert "eq. (6.1)" in message and "np.sqrt(v_hat) + eps" not in message


# Exercise 6.4, adam_path(grad, x0, steps, lr, beta1, beta2, eps): the answers.

def path_with_adamlib(grad, x0, steps, lr, beta1, beta2, eps):
    return adamlib.minimize(grad, x0, adamlib.Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps), steps)


def path_loop(grad_fn, start, n, step_size, b1, b2, delta):
    x, m, v, rows = start.copy(), np.zeros_like(start), np.zeros_like(start), [start.copy()]
    for t in range(1, n + 1):
        x, m, v = correct(x, grad_fn(x), m, v, t, step_size, b1, b2, delta)
        rows.append(x)
    return np.array(rows)


def path_efficient(grad, x0, steps, lr, beta1, beta2, eps):
    x, m, v, rows = x0, 0 * x0, 0 * x0, [x0]
    for t in range(1, steps + 1):
        x, m, v = efficient_form(x, grad(x), m, v, t, lr, beta1, beta2, eps)
        rows.append(x)
    return np.stack(rows)


def path_stub(grad, x0, steps, lr, beta1, beta2, eps):
    raise NotImplementedError


def _path_variant(step=correct, t_of=lambda k: k, reset=False, feed_back=False, at_x0=False):
    def path(grad, x0, steps, lr, beta1, beta2, eps):
        x, m, v, rows = x0, np.zeros_like(x0), np.zeros_like(x0), [x0]
        with np.errstate(all="ignore"):
            for k in range(1, steps + 1):
                if reset:
                    m, v = np.zeros_like(x0), np.zeros_like(x0)
                t = t_of(k)
                x, m, v = step(x, grad(x0 if at_x0 else x), m, v, t, lr, beta1, beta2, eps)
                if feed_back:
                    m, v = m / (1 - beta1**t), v / (1 - beta2**t)
                rows.append(x)
        return np.array(rows)
    return path


path_t_stays_one = _path_variant(t_of=lambda k: 1)
path_t_from_zero = _path_variant(t_of=lambda k: k - 1)
path_t_plus_one = _path_variant(t_of=lambda k: k + 1)
path_reset = _path_variant(reset=True)
path_fed_back = _path_variant(feed_back=True)
path_efficient_same_eps = _path_variant(step=efficient_same_eps)
path_no_correction = _path_variant(step=no_bias_correction)
path_gradient_at_x0 = _path_variant(at_x0=True)
path_eps_inside = _path_variant(step=eps_inside_sqrt)
path_uphill = _path_variant(step=uphill)
path_swapped_betas = _path_variant(step=swapped_betas)
path_ignores_lr = _path_variant(step=ignores_lr)


def path_without_x0(grad, x0, steps, lr, beta1, beta2, eps):
    return path_loop(grad, x0, steps, lr, beta1, beta2, eps)[1:]


def path_last_point(grad, x0, steps, lr, beta1, beta2, eps):
    return path_loop(grad, x0, steps, lr, beta1, beta2, eps)[-1]


def path_list(grad, x0, steps, lr, beta1, beta2, eps):
    return list(path_loop(grad, x0, steps, lr, beta1, beta2, eps))


def path_in_place(grad, x0, steps, lr, beta1, beta2, eps):
    x, m, v, rows = x0, np.zeros_like(x0), np.zeros_like(x0), [x0.copy()]
    for t in range(1, steps + 1):
        new_x, m, v = correct(x, grad(x), m, v, t, lr, beta1, beta2, eps)
        x -= x - new_x
        rows.append(x.copy())
    return np.array(rows)


def path_crash(grad, x0, steps, lr, beta1, beta2, eps):
    return grad(x0, steps)


def cases_of(check, answer) -> list:
    """The arguments a check calls a correct answer with: its cases."""
    seen = []

    def spy(*args):
        seen.append(args)
        return answer(*args)
    assert check(spy).passed
    return seen


def largest_gap(wrong, right, cases) -> float:
    """The largest difference of a wrong answer from the right one over the cases, in units of
    the checks' tolerance (1 = at the tolerance)."""
    gaps = []
    with np.errstate(all="ignore"):
        for args in cases:
            for w, r in zip(_values(wrong(*args)), _values(right(*args))):
                if np.shape(w) == np.shape(r):
                    gaps.append(np.nanmax(np.abs(np.asarray(w) - r) / (1e-12 + 1e-7 * np.abs(r)),
                                          initial=0.0))
    return max(gaps)


def _values(result):
    return result if isinstance(result, tuple) else (result,)


def test_every_step_mistake_differs_far_above_the_tolerance():
    """Each wrong step is off by more than a thousand times the tolerance on some case."""
    cases = cases_of(check_adam_step, correct)
    for wrong in [no_bias_correction, only_m_corrected, only_v_corrected, eps_inside_sqrt, no_eps,
                  efficient_same_eps, t_plus_one, old_moments, beta_to_the_t, returns_corrected,
                  uphill, ignores_lr, no_square_root, swapped_betas, momentum_sum,
                  weights_swapped_m, g_not_squared, returns_old_moments, old_argument_order,
                  t_from_zero]:
        assert largest_gap(wrong, correct, cases) > 1000, wrong.__name__


def test_every_path_mistake_differs_far_above_the_tolerance():
    """Each wrong path is off by more than a thousand times the tolerance on some case."""
    cases = cases_of(check_adam_path, path_with_adamlib)
    for wrong in [path_t_stays_one, path_t_plus_one, path_reset, path_fed_back,
                  path_efficient_same_eps, path_no_correction, path_gradient_at_x0,
                  path_eps_inside, path_uphill, path_swapped_betas, path_ignores_lr]:
        assert largest_gap(wrong, path_with_adamlib, cases) > 1000, wrong.__name__


def test_the_path_message_shows_the_gradient_by_its_formula():
    message = check_adam_path(path_t_stays_one).message
    assert message.startswith("Called with grad=grad_of(x -> 1 * [1, 20] * x), x0=")
