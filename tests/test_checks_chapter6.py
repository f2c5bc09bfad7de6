"""The answers to the exercise check of chapter 6 (adam_step): right, unfinished and wrong answers,
which tests/test_checks_contract.py runs through the contract every check keeps, and what only this
chapter's check shows (its numbers, its other cases)."""

import numpy as np

import adamlib
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


def test_eps_inside_sqrt_is_caught_on_the_case_where_eps_matters():
    message = check_adam_step(eps_inside_sqrt).message
    assert "eps=0.1" in message
