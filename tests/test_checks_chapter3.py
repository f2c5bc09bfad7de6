"""The answers to the exercise check of chapter 3 (rmsprop_step): right, unfinished and wrong answers,
which tests/test_checks_contract.py runs through the contract every check keeps, and what only this
chapter's check shows (its numbers, its other cases)."""

import numpy as np

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


def test_swapped_weights_show_the_numbers():
    message = check_rmsprop_step(weights_swapped).message
    # v = 0.9·[0.5, 0.01] + 0.1·[0.09, 16] against 0.1·[0.5, 0.01] + 0.9·[0.09, 16]
    assert "Expected: [0.459, 1.609]" in message
    assert "Got:      [ 0.131, 14.401]" in message


def test_eps_inside_sqrt_is_caught_on_the_case_where_eps_matters():
    message = check_rmsprop_step(eps_inside_sqrt).message
    assert "eps=0.1" in message
