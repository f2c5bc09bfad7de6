"""The answers to the exercise check of chapter 2 (momentum_step): right, unfinished and wrong
answers, which tests/test_checks_contract.py runs through the contract every check keeps, and what
only this chapter's check shows (its numbers, its other cases)."""

import numpy as np

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

def renamed(x, velocity, grad, step, beta):
    """Other names, and a list for the pair."""
    velocity = beta * velocity + grad
    return [x - step * velocity, velocity]


def unrolled(p, b, g, lr, mu):
    """The step written without naming the new buffer."""
    return p - lr * mu * b - lr * g, mu * b + g


def no_decay(p, b, g, lr, mu):
    b = b + g
    return p - lr * b, b


def mu_on_the_sum(p, b, g, lr, mu):
    b = mu * (b + g)
    return p - lr * b, b


def plain_step(p, b, g, lr, mu):
    return p - lr * g, mu * b + g


def nesterov_instead(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * (g + mu * b), b


# Exercise 2.4, nesterov_step(p, b, g, lr, mu): PyTorch's form of Nesterov's momentum.

def nesterov(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * (g + mu * b), b


def nesterov_expanded(theta, velocity, grad, eta, momentum):
    """Expanded: g + mu*(mu*b + g) = (1 + mu)*g + mu**2*b, and a list for the pair."""
    return [theta - eta * ((1 + momentum) * grad + momentum**2 * velocity),
            momentum * velocity + grad]


def nesterov_stub(p, b, g, lr, mu):
    raise NotImplementedError


def nesterov_heavy_ball(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * b, b


def nesterov_without_g(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * mu * b, b


def nesterov_mu_on_g(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * (b + mu * g), b


def nesterov_uphill(p, b, g, lr, mu):
    b = mu * b + g
    return p + lr * (g + mu * b), b


def nesterov_ignores_lr(p, b, g, lr, mu):
    b = mu * b + g
    return p - (g + mu * b), b


def nesterov_average(p, b, g, lr, mu):
    b = mu * b + (1 - mu) * g
    return p - lr * (g + mu * b), b


def nesterov_swapped(p, b, g, lr, mu):
    b = mu * b + g
    return b, p - lr * (g + mu * b)


def nesterov_in_place(p, b, g, lr, mu):
    b *= mu
    b += g
    return p - lr * (g + mu * b), b


def nesterov_list(p, b, g, lr, mu):
    b = mu * b + g
    return list(p - lr * (g + mu * b)), b


def nesterov_crashes(p, b, g, lr, mu):
    b = mu * b + g
    return p - lr * (g + mu * b[:1].reshape(1, 1) @ np.ones((3, 3))), b


def test_old_b_fails_with_input_expected_got_and_hint():
    result = check_momentum_step(old_b)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("new_p is wrong. Called with p=[ 1., -2.]")
    assert "b=[ 0.5, -1. ]" in message and "lr=0.1" in message and "mu=0.9" in message
    assert "Expected: [ 0.755, -2.01 ]" in message  # b = [2.45, 0.1]; p - 0.1 b
    assert "Got:      [ 0.95, -1.9 ]" in message
    assert "old b" in message
