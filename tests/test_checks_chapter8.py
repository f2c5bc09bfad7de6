"""The answers to the exercise checks of chapter 8 (adamw_step, cosine_lr, amsgrad_step): right, unfinished and
wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps, and
what only this chapter's check shows (its numbers, its other cases)."""

import math
import os

import numpy as np
import pytest

import adamlib
from adamlib.checks import ATOL, RTOL, check_adamw_step, check_amsgrad_step
from adamlib.course.checks.chapter8 import _adamw_cases, _amsgrad_cases

def correct(p, g, m, v, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    p = p * (1 - lr * weight_decay)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def stub(p, g, m, v, t, lr, weight_decay):
    raise NotImplementedError


def loop(params, grads, m1, m2, step, rate, decay):
    """Coordinate by coordinate, with other names and the moments in a list."""
    new = [np.empty_like(params), np.empty_like(m1), np.empty_like(m2)]
    for i in np.ndindex(params.shape):
        mi = 0.9 * m1[i] + 0.1 * grads[i]
        vi = 0.999 * m2[i] + 0.001 * grads[i] ** 2
        step_i = (mi / (1 - 0.9**step)) / (math.sqrt(vi / (1 - 0.999**step)) + 1e-8)
        new[0][i], new[1][i], new[2][i] = params[i] * (1 - rate * decay) - rate * step_i, mi, vi
    return new


def efficient_form(p, g, m, v, t, lr, weight_decay):
    """Kingma and Ba's efficient form, with eps * sqrt(1 - beta2**t) in place of eps: the same
    step as PyTorch's, written another way."""
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g * g
    lr_t = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
    eps_hat = 1e-8 * np.sqrt(1 - 0.999**t)
    return p * (1 - lr * weight_decay) - lr_t * m / (np.sqrt(v) + eps_hat), m, v


def _adamw(p, g, m, v, t, lr, weight_decay, *, eps_inside=False, eps=1e-8, beta1=0.9,
           beta2=0.999, t_hat=None, lr_in_step=True):
    """AdamW's step with one thing changed, for the mistakes below."""
    t_hat = t if t_hat is None else t_hat
    p = p * (1 - lr * weight_decay)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - 0.9 ** t_hat), v / (1 - 0.999 ** t_hat)
    with np.errstate(all="ignore"):
        scale = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
        return p - (lr if lr_in_step else 1.0) * m_hat / scale, m, v


def eps_inside_sqrt(p, g, m, v, t, lr, weight_decay):
    return _adamw(p, g, m, v, t, lr, weight_decay, eps_inside=True)


def no_eps(p, g, m, v, t, lr, weight_decay):
    return _adamw(p, g, m, v, t, lr, weight_decay, eps=0.0)


def efficient_form_same_eps(p, g, m, v, t, lr, weight_decay):
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g * g
    lr_t = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
    return p * (1 - lr * weight_decay) - lr_t * m / (np.sqrt(v) + 1e-8), m, v


def t_plus_one(p, g, m, v, t, lr, weight_decay):
    return _adamw(p, g, m, v, t, lr, weight_decay, t_hat=t + 1)


def t_minus_one(p, g, m, v, t, lr, weight_decay):
    return _adamw(p, g, m, v, t, lr, weight_decay, t_hat=t - 1)


def lr_not_in_step(p, g, m, v, t, lr, weight_decay):
    return _adamw(p, g, m, v, t, lr, weight_decay, lr_in_step=False)


def betas_swapped(p, g, m, v, t, lr, weight_decay):
    return _adamw(p, g, m, v, t, lr, weight_decay, beta1=0.999, beta2=0.9)


def missing_one_minus_beta(p, g, m, v, t, lr, weight_decay):
    new_p, _, new_v = correct(p, g, m, v, t, lr, weight_decay)
    return new_p, 0.9 * m + g, new_v


def g_not_squared(p, g, m, v, t, lr, weight_decay):
    new_p, new_m, _ = correct(p, g, m, v, t, lr, weight_decay)
    return new_p, new_m, 0.999 * v + 0.001 * g


def moments_of_l2_gradient(p, g, m, v, t, lr, weight_decay):
    """Decoupled in p, but m and v averaged from g + wd*p."""
    new_p = correct(p, g, m, v, t, lr, weight_decay)[0]
    g = g + weight_decay * p
    return new_p, 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g


def no_decay(p, g, m, v, t, lr, weight_decay):
    return correct(p, g, m, v, t, lr, 0.0)


def old_moments(p, g, m, v, t, lr, weight_decay):
    new_p = p * (1 - lr * weight_decay) - lr * (m / (1 - 0.9**t)) / (
        np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return new_p, 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g


def uphill(p, g, m, v, t, lr, weight_decay):
    decayed = p * (1 - lr * weight_decay)
    new_p, new_m, new_v = correct(p, g, m, v, t, lr, weight_decay)
    return 2 * decayed - new_p, new_m, new_v


def chapter6_order(p, m, v, g, t, lr, weight_decay):
    """Chapter 6's old argument order (p, m, v, g): right inside, wrong at the door."""
    return correct(p, g, m, v, t, lr, weight_decay)


def returns_a_list(p, g, m, v, t, lr, weight_decay):
    new_p, new_m, new_v = correct(p, g, m, v, t, lr, weight_decay)
    return new_p.tolist(), new_m, new_v


def l2_inside(p, g, m, v, t, lr, weight_decay):
    g = g + weight_decay * p
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g * g
    p = p - lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return p, m, v


def decay_without_lr(p, g, m, v, t, lr, weight_decay):
    return correct(p * (1 - weight_decay) / (1 - lr * weight_decay), g, m, v, t, lr, weight_decay)


def no_bias_correction(p, g, m, v, t, lr, weight_decay):
    p = p * (1 - lr * weight_decay)
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g * g
    return p - lr * m / (np.sqrt(v) + 1e-8), m, v


def decay_after(p, g, m, v, t, lr, weight_decay):
    new_p, m, v = correct(p, g, m, v, t, lr, 0.0)
    return new_p * (1 - lr * weight_decay), m, v


def only_p(p, g, m, v, t, lr, weight_decay):
    return correct(p, g, m, v, t, lr, weight_decay)[0]


def crashes(p, g, m, v, t, lr, weight_decay):
    return p - lr * undefined_name  # noqa: F821


def mutates_p(p, g, m, v, t, lr, weight_decay):
    new_p, m, v = correct(p, g, m, v, t, lr, weight_decay)
    p[...] = new_p
    return p, m, v


def test_the_reference_adamw_step_agrees_with_torch():
    if os.environ.get("CI", "").lower() == "true":
        import torch  # CI installs torch: there a missing torch must fail, not skip
    else:
        torch = pytest.importorskip("torch")
    p0, g = np.array([1.0, -2.0, 0.5]), np.array([0.2, 0.1, -0.4])
    w = torch.tensor(p0, requires_grad=True)
    opt = torch.optim.AdamW([w], lr=0.1, weight_decay=0.5)
    w.grad = torch.tensor(g)
    opt.step()
    ours = correct(p0, g, np.zeros(3), np.zeros(3), 1, 0.1, 0.5)[0]
    assert np.allclose(w.detach().numpy(), ours, rtol=1e-12)


def amsgrad(p, g, m, v, v_max, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    v_max = np.maximum(v_max, v)
    m_hat, v_hat = m / (1 - beta1**t), v_max / (1 - beta2**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v, v_max


def amsgrad_stub(p, g, m, v, v_max, t, lr):
    raise NotImplementedError


def amsgrad_with_adamlib(params, grads, m, v, v_max, step, lr):
    """adamlib's optimizer itself, other names, and a list for the four values."""
    return list(adamlib.Adam(lr=lr, amsgrad=True).amsgrad_update(params, grads, m, v, v_max,
                                                                  t=step, lr=lr))


def amsgrad_loop(p, g, m, v, v_max, t, lr):
    """Coordinate by coordinate, with Python's max and the efficient form's eps_hat."""
    out = [np.empty_like(p) for _ in range(4)]
    for i in np.ndindex(p.shape):
        mi = 0.9 * m[i] + 0.1 * g[i]
        vi = 0.999 * v[i] + 0.001 * g[i] * g[i]
        top = max(v_max[i], vi)
        lr_t = lr * math.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        out[0][i] = p[i] - lr_t * mi / (math.sqrt(top) + 1e-8 * math.sqrt(1 - 0.999**t))
        out[1][i], out[2][i], out[3][i] = mi, vi, top
    return tuple(out)


def max_of_v_hat(p, g, m, v, v_max, t, lr):
    """The other form: the running maximum of the bias-corrected v_hat."""
    m = 0.9 * m + 0.1 * g
    v = 0.999 * v + 0.001 * g * g
    v_max = np.maximum(v_max, v / (1 - 0.999**t))
    return p - lr * (m / (1 - 0.9**t)) / (np.sqrt(v_max) + 1e-8), m, v, v_max


def algorithm_2(p, g, m, v, v_max, t, lr):
    return amsgrad(p, g, m, v, v_max, math.inf, lr)


def plain_adam(p, g, m, v, v_max, t, lr):
    new_p, m, v, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    new_p = p - lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return new_p, m, v, v_max


def max_with_old_v(p, g, m, v, v_max, t, lr):
    m_new = 0.9 * m + 0.1 * g
    top = np.maximum(v_max, v)
    v_new = 0.999 * v + 0.001 * g * g
    return p - lr * (m_new / (1 - 0.9**t)) / (np.sqrt(top / (1 - 0.999**t)) + 1e-8), m_new, v_new, top


def max_of_g_squared(p, g, m, v, v_max, t, lr):
    m_new = 0.9 * m + 0.1 * g
    v_new = 0.999 * v + 0.001 * g * g
    top = np.maximum(v_max, g * g)
    return p - lr * (m_new / (1 - 0.9**t)) / (np.sqrt(top / (1 - 0.999**t)) + 1e-8), m_new, v_new, top


def v_max_not_corrected(p, g, m, v, v_max, t, lr):
    _, m, v, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    return p - lr * (m / (1 - 0.9**t)) / (np.sqrt(v_max) + 1e-8), m, v, v_max


def amsgrad_eps_inside(p, g, m, v, v_max, t, lr):
    _, m, v, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    return p - lr * (m / (1 - 0.9**t)) / np.sqrt(v_max / (1 - 0.999**t) + 1e-8), m, v, v_max


def amsgrad_t_plus_one(p, g, m, v, v_max, t, lr):
    _, m, v, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    return (p - lr * (m / (1 - 0.9**(t + 1))) / (np.sqrt(v_max / (1 - 0.999**(t + 1))) + 1e-8),
            m, v, v_max)


def amsgrad_uphill(p, g, m, v, v_max, t, lr):
    new_p, m, v, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    return 2 * p - new_p, m, v, v_max


def returns_v_max_as_v(p, g, m, v, v_max, t, lr):
    new_p, m, _, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    return new_p, m, v_max, v_max


def amsgrad_betas_swapped(p, g, m, v, v_max, t, lr):
    return amsgrad(p, g, m, v, v_max, t, lr, beta1=0.999, beta2=0.9)


def amsgrad_three_values(p, g, m, v, v_max, t, lr):
    return amsgrad(p, g, m, v, v_max, t, lr)[:3]


def amsgrad_list_for_v_max(p, g, m, v, v_max, t, lr):
    new_p, m, v, v_max = amsgrad(p, g, m, v, v_max, t, lr)
    return new_p, m, v, v_max.tolist()


def amsgrad_crashes(p, g, m, v, v_max, t, lr):
    return np.maximum(v_max, v_new)  # noqa: F821


def amsgrad_mutates_v_max(p, g, m, v, v_max, t, lr):
    new_p, m, v, top = amsgrad(p, g, m, v, v_max, t, lr)
    np.maximum(v_max, v, out=v_max)
    return new_p, m, v, v_max


def cosine(t, lr_max, lr_min, total_steps):
    progress = min(t - 1, total_steps) / total_steps
    return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * progress))


def cosine_with_numpy(step, high, low, steps):
    """Other names, numpy's cosine, and the result as a 0-d array."""
    return np.asarray(low + (high - low) * (1 + np.cos(np.pi * min(step - 1, steps) / steps)) / 2)


def _largest_gap(expected, got):
    """The largest |got - expected| over the tolerance ATOL + RTOL·|expected|, over all values."""
    return max(np.max(np.abs(np.asarray(g, dtype=float) - e) / (ATOL + RTOL * np.abs(e)))
               for e, g in zip(expected, got))


@pytest.mark.parametrize("check, cases, reference, answers", [
    (check_adamw_step, _adamw_cases, correct,
     [l2_inside, decay_without_lr, no_bias_correction, decay_after, no_decay, eps_inside_sqrt,
      no_eps, efficient_form_same_eps, t_plus_one, old_moments, lr_not_in_step, uphill,
      betas_swapped, missing_one_minus_beta, g_not_squared, moments_of_l2_gradient]),
    (check_amsgrad_step, _amsgrad_cases, amsgrad,
     [max_of_v_hat, algorithm_2, plain_adam, max_with_old_v, max_of_g_squared,
      v_max_not_corrected, amsgrad_eps_inside, amsgrad_t_plus_one, amsgrad_uphill,
      returns_v_max_as_v, amsgrad_betas_swapped])], ids=["adamw_step", "amsgrad_step"])
def test_each_mistake_misses_by_far_more_than_the_tolerance(check, cases, reference, answers):
    """Every typical mistake is wrong by at least 1,000 times the tolerance on some case of the
    check, so no rounding decides it (ε inside the square root once passed Exercise 8.1)."""
    for answer in answers:
        with np.errstate(all="ignore"):
            gaps = [_largest_gap(reference(*c.values()), answer(*c.values())) for c in cases()]
        assert np.nanmax(gaps) > 1e3, (answer.__name__, gaps)
        assert not check(answer).passed, answer.__name__


def test_the_reference_amsgrad_step_agrees_with_torch():
    if os.environ.get("CI", "").lower() == "true":
        import torch
    else:
        torch = pytest.importorskip("torch")
    w = torch.tensor(np.array([1.0, -0.5]), requires_grad=True)
    opt = torch.optim.Adam([w], lr=0.1, amsgrad=True)
    p, m, v, v_max = np.array([1.0, -0.5]), np.zeros(2), np.zeros(2), np.zeros(2)
    for t, g in enumerate([np.array([0.3, -2.0]), np.array([1e-8, 0.1]), np.array([-0.5, 0.0])], 1):
        w.grad = torch.tensor(g)
        opt.step()
        p, m, v, v_max = amsgrad(p, g, m, v, v_max, t, 0.1)
    assert np.allclose(w.detach().numpy(), p, rtol=1e-12, atol=1e-15)
