"""The exercise checks of chapter 8 (adamw_step, cosine_lr) on right, unfinished and wrong
answers: they must say what to fix and never raise."""

import math
import os

import numpy as np
import pytest

from adamlib.checks import check_adamw_step, check_cosine_lr


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


def test_correct_adamw_step_passes():
    assert check_adamw_step(correct).passed


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


def test_stub_is_not_attempted_yet():
    result = check_adamw_step(stub)
    assert result.status == "not attempted yet"


def test_l2_inside_fails_with_input_expected_got_and_hint():
    result = check_adamw_step(l2_inside)
    assert result.status == "failed"
    assert result.message.startswith("new_p is wrong. Called with p=[ 1. , -2. ,  0.5]")
    assert "Expected:" in result.message and "Got:" in result.message
    assert "Adam with L2" in result.message


@pytest.mark.parametrize("fn, says", [
    (decay_without_lr, "ignores lr"),
    (no_bias_correction, "bias correction"),
    (decay_after, "decayed after"),
])
def test_typical_adamw_mistakes_get_their_hint(fn, says):
    result = check_adamw_step(fn)
    assert result.status == "failed" and says in result.message, result.message


@pytest.mark.parametrize("fn, says", [
    (only_p, "expected a triple (new_p, new_m, new_v)"),
    (crashes, "raised NameError"),
    (mutates_p, "changed its argument 'p' in place"),
])
def test_wrong_type_crash_and_mutation_fail_cleanly(fn, says):
    result = check_adamw_step(fn)
    assert result.status == "failed" and says in result.message, result.message


def cosine(t, lr_max, lr_min, total_steps):
    progress = min(t - 1, total_steps) / total_steps
    return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * progress))


def test_correct_cosine_passes_and_stub_is_not_attempted():
    assert check_cosine_lr(cosine).passed
    assert check_cosine_lr(lambda t, a, b, c: (_ for _ in ()).throw(NotImplementedError)).status \
        == "not attempted yet"


@pytest.mark.parametrize("fn, says", [
    (lambda t, a, b, T: b + 0.5 * (a - b) * (1 + math.cos(math.pi * min(t, T) / T)), "off by one"),
    (lambda t, a, b, T: b + (a - b) * (1 + math.cos(math.pi * min(t - 1, T) / T)), "1/2"),
    (lambda t, a, b, T: 0.5 * a * (1 + math.cos(math.pi * min(t - 1, T) / T)), "lr_min is ignored"),
    (lambda t, a, b, T: b + 0.5 * (a - b) * (1 + math.cos(math.pi * (t - 1) / T)), "stay at lr_min"),
])
def test_cosine_mistakes_get_input_expected_got_and_hint(fn, says):
    result = check_cosine_lr(fn)
    assert result.status == "failed"
    assert "Called with t=" in result.message and "Expected:" in result.message
    assert says in result.message, result.message


@pytest.mark.parametrize("fn, says", [
    (lambda t, a, b, T: None, "returned NoneType None"),
    (lambda t, a, b, T: [a], "returned list"),
    (lambda t, a, b, T: 1 / 0, "raised ZeroDivisionError"),
])
def test_cosine_wrong_type_and_crash_fail_cleanly(fn, says):
    result = check_cosine_lr(fn)
    assert result.status == "failed" and says in result.message, result.message
