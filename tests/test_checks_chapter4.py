"""The answers to the exercise check of chapter 4 (ema_estimate): right, unfinished and wrong answers,
which tests/test_checks_contract.py runs through the contract every check keeps, and what only this
chapter's check shows (its numbers, its other cases)."""

import numpy as np

from adamlib.checks import check_ema_estimate


def correct(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        m = beta * m + (1 - beta) * g
        out.append(m)
    return np.array(out)


def stub(gs, beta):
    raise NotImplementedError


def momentum_sum(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        m = beta * m + g
        out.append(m)
    return np.array(out)


def swapped(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        m = (1 - beta) * m + beta * g
        out.append(m)
    return np.array(out)


def bias_corrected(gs, beta):
    m = correct(gs, beta)
    t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (np.ndim(gs) - 1))
    return m / (1 - beta**t)


def starts_at_first_gradient(gs, beta):
    out, m = [gs[0]], gs[0]
    for g in gs[1:]:
        m = beta * m + (1 - beta) * g
        out.append(m)
    return np.array(out)


def one_step_late(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        out.append(m)
        m = beta * m + (1 - beta) * g
    return np.array(out)


def includes_m0(gs, beta):
    return np.concatenate([np.zeros_like(gs[:1]), correct(gs, beta)])


def only_last(gs, beta):
    return correct(gs, beta)[-1]


def returns_list(gs, beta):
    return list(correct(gs, beta))


def returns_none(gs, beta):
    correct(gs, beta)


def crashes(gs, beta):
    return gs * undefined_name  # noqa: F821


def mutates_gs(gs, beta):
    for t in range(len(gs)):
        gs[t] = beta * (gs[t - 1] if t else 0) + (1 - beta) * gs[t]
    return gs

def closed_form(stream, decay):
    """A vectorised answer with other names."""
    stream = np.asarray(stream, dtype=float)
    t = len(stream)
    age = np.subtract.outer(np.arange(t), np.arange(t))
    weights = np.tril((1 - decay) * decay ** np.clip(age, 0, None))
    return np.tensordot(weights, stream, axes=1)


def test_momentum_sum_fails_with_input_expected_got_and_hint():
    result = check_ema_estimate(momentum_sum)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("Called with gs=[1., 2., 3., 4.]")
    assert "beta=0.5" in message
    assert "Expected: [0.5   , 1.25  , 2.125 , 3.0625]" in message
    assert "Got:      [1.   , 2.5  , 4.25 , 6.125]" in message
    assert "(1 - beta)*g" in message
