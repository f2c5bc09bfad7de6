"""The update rules of the course, one idea per function, on plain numpy arrays.

Every optimizer in :mod:`adamlib.optimizers` is assembled from these pieces, so that the code
shows what the book says: Adam is Momentum's buffer b (a decaying sum of the gradients) taken as
an average, m = (1 − β₁)·b when μ = β₁ (an exponential moving average of g), plus RMSprop's
second moment (an exponential moving average of g²) and a bias correction.
"""

from __future__ import annotations

import numpy as np


def descend(p, direction, lr):
    """A step against a direction: p ← p − lr·direction. With the raw gradient, this is SGD."""
    return p - lr * direction


def heavy_ball(b, g, momentum):
    """The momentum buffer (the 'velocity'): b ← μ·b + g, a decaying sum (not an average) of past
    gradients; Adam's m is its averaged form, (1 − μ)·b."""
    return momentum * b + g


def nesterov_direction(b, g, momentum):
    """Nesterov's look-ahead, in the form PyTorch implements: the direction g + μ·b."""
    return g + momentum * b


def accumulate_squares(s, g):
    """AdaGrad's memory: s ← s + g², the sum of every squared gradient so far."""
    return s + g * g


def ema(avg, x, decay):
    """Exponential moving average: avg ← β·avg + (1 − β)·x, over about the last 1/(1 − β) steps.

    Of x = g it estimates E[g] (Adam's m); of x = g², the uncentered E[g²] (RMSprop's, Adam's v).
    """
    return decay * avg + (1 - decay) * x


def bias_correction(avg, decay, t):
    """avg / (1 − βᵗ): an EMA from zero of a constant g is (1 − βᵗ)·g after t steps; this gives g."""
    return avg / (1 - decay**t)


def scale_by_rms(direction, v, eps):
    """direction / (√v + ε), elementwise; with ε = 0, 0 where √v = 0 (no gradient yet), not 0/0."""
    denominator = np.sqrt(v) + eps
    if eps > 0:
        return direction / denominator
    return np.divide(direction, denominator, out=np.zeros_like(direction), where=denominator != 0)


def running_max(v_max, v):
    """AMSGrad's memory: v_max ← max(v_max, v), which never decreases.

    Without bias correction (Reddi et al.'s Algorithm 2) the denominator √v_max therefore never
    shrinks. PyTorch's variant divides v_max by 1 − β₂ᵗ, and that factor's approach to 1 can
    still shrink its denominator, slowly.
    """
    return np.maximum(v_max, v)


def decay_weights(p, lr, weight_decay):
    """Decoupled weight decay (AdamW): p ← p·(1 − lr·λ), applied apart from the gradient step."""
    return p * (1 - lr * weight_decay)


def l2_gradient(g, p, weight_decay):
    """L2 regularisation folded into the gradient: g ← g + λ·p (what Adam's weight_decay does)."""
    return g + weight_decay * p
