"""The answers to the exercise checks of chapter 8 (adamw_step, cosine_lr): right, unfinished and
wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps, and
what only this chapter's check shows (its numbers, its other cases)."""

import math
import os

import numpy as np
import pytest


def correct(p, g, m, v, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    p = p * (1 - lr * weight_decay)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def stub(p, g, m, v, t, lr, weight_decay):
    raise NotImplementedError


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


def cosine(t, lr_max, lr_min, total_steps):
    progress = min(t - 1, total_steps) / total_steps
    return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * progress))
