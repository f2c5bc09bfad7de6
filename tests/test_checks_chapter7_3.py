"""The answers to the exercise check of chapter 7, section 3 (bce_with_logits): right, unfinished and
wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps, and
what only this chapter's check shows (its numbers, its other cases)."""

import numpy as np

from adamlib.checks import check_bce_with_logits
from adamlib.layers import sigmoid


def correct(logits, targets):
    loss = np.mean(np.logaddexp(0.0, logits) - targets * logits)
    return float(loss), (sigmoid(logits) - targets) / logits.size


def stub(logits, targets):
    raise NotImplementedError


def naive_log(logits, targets):
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-logits))
        loss = -np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p))
    return float(loss), (p - targets) / logits.size


def sum_not_mean(logits, targets):
    loss, grad = correct(logits, targets)
    return loss * logits.size, grad


def grad_without_1_over_n(logits, targets):
    loss, grad = correct(logits, targets)
    return loss, grad * logits.size


def grad_sign_flipped(logits, targets):
    loss, grad = correct(logits, targets)
    return loss, -grad


def loss_sign_flipped(logits, targets):
    loss, grad = correct(logits, targets)
    return -loss, grad


def swapped_targets(logits, targets):
    return correct(logits, 1 - targets)


def grad_missing_target(logits, targets):
    loss, _ = correct(logits, targets)
    return loss, sigmoid(logits) / logits.size


def stable_by_cases(z, t):
    """log(1 + e^z) written by cases, so that exp never overflows, and the gradient from tanh."""
    softplus = np.where(z > 0, z + np.log1p(np.exp(-np.abs(z))), np.log1p(np.exp(-np.abs(z))))
    probability = 0.5 * (1 + np.tanh(z / 2))
    return float(np.mean(softplus - t * z)), (probability - t) / len(z)


def returns_only_loss(logits, targets):
    return correct(logits, targets)[0]


def loss_as_list(logits, targets):
    loss, grad = correct(logits, targets)
    return [loss], grad


def wrong_shape(logits, targets):
    loss, grad = correct(logits, targets)
    return loss, grad[:1]


def crashes(logits, targets):
    return undefined_name  # noqa: F821


def mutates_logits(logits, targets):
    result = correct(logits, targets)
    logits *= 2
    return result

def array_loss(z, t):
    """The loss as a 0-d array, and a list for the pair."""
    loss, grad = correct(z, t)
    return [np.array(loss), grad]


def test_naive_formula_fails_on_large_logits_with_input_expected_got_and_hint():
    result = check_bce_with_logits(naive_log)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("loss is wrong. Called with logits=[ 1000., -1000.,")
    assert "Expected: 510.0" in message            # (1000 + 1000 + 0 + 40) / 4, up to e^-40
    assert "Got:      inf" in message or "Got:      nan" in message
    assert "np.logaddexp" in message
