"""The answers to the exercise checks of chapter 4 (ema_estimate, snr_trace): right, unfinished and
wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps, and
what only this chapter's checks show (their numbers, their other cases)."""

import numpy as np
import pytest

from adamlib import streams
from adamlib.checks import check_ema_estimate, check_snr_trace
from adamlib.course.checks import chapter4
from test_checks_chapter3 import far_above_tolerance


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


def second_moment(gs, beta):
    return correct(np.asarray(gs) ** 2, beta)


def running_mean(gs, beta):
    t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (np.ndim(gs) - 1))
    return np.cumsum(gs, axis=0) / t


def same_array_stored(gs, beta):
    out, m = [], np.zeros_like(gs[0], dtype=float)
    for g in gs:
        m *= beta
        m += (1 - beta) * g
        out.append(m)
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


# snr_trace(gs, beta1, beta2): every m_t / sqrt(v_t).

def snr_correct(gs, beta1, beta2):
    out, m, v = [], 0.0, 0.0
    for g in gs:
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        out.append(m / np.sqrt(v))
    return np.array(out)


def snr_with_adamlib(stream, decay_m, decay_v):
    return streams.ema_trace(stream, decay_m) / np.sqrt(streams.ema_trace(stream**2, decay_v))


def snr_closed_form(gs, beta1, beta2):
    """The weights of eq. (ema-unrolled) as a lower-triangular matrix, for both averages."""
    age = np.subtract.outer(np.arange(len(gs)), np.arange(len(gs)))

    def average(xs, beta):
        return np.tensordot(np.tril((1 - beta) * beta ** np.clip(age, 0, None)), xs, axes=1)

    return average(gs, beta1) / average(gs**2, beta2) ** 0.5


def snr_stub(gs, beta1, beta2):
    raise NotImplementedError


def _snr_with(first=None, second=None, finish=None):
    """An snr_trace with one piece written wrong: first(gs, b1, b2) is m, second(...) is v,
    finish(m, v, gs) the ratio."""

    def snr_trace(gs, beta1, beta2):
        m = streams.ema_trace(gs, beta1) if first is None else first(gs, beta1, beta2)
        v = streams.ema_trace(gs**2, beta2) if second is None else second(gs, beta1, beta2)
        return m / np.sqrt(v) if finish is None else finish(m, v, gs)

    return snr_trace


def _steps(gs):
    return np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (np.ndim(gs) - 1))


snr_same_beta = _snr_with(second=lambda gs, b1, b2: streams.ema_trace(gs**2, b1))
snr_swapped = _snr_with(first=lambda gs, b1, b2: streams.ema_trace(gs, b2),
                        second=lambda gs, b1, b2: streams.ema_trace(gs**2, b1))
snr_abs = _snr_with(second=lambda gs, b1, b2: streams.ema_trace(np.abs(gs), b2) ** 2)
snr_no_sqrt = _snr_with(finish=lambda m, v, gs: m / v)
snr_centred = _snr_with(finish=lambda m, v, gs: m / np.sqrt(v - m**2))
snr_momentum_sum = _snr_with(first=lambda gs, b1, b2: streams.ema_trace(gs, b1) / (1 - b1))
snr_square_of_mean = _snr_with(second=lambda gs, b1, b2: streams.ema_trace(gs, b2) ** 2)
snr_rmsprop_step = _snr_with(finish=lambda m, v, gs: gs / np.sqrt(v))
snr_eps_outside = _snr_with(finish=lambda m, v, gs: m / (np.sqrt(v) + 1e-8))
snr_eps_inside = _snr_with(finish=lambda m, v, gs: m / np.sqrt(v + 1e-8))


def snr_bias_corrected(gs, beta1, beta2):
    t = _steps(gs)
    m, v = streams.ema_trace(gs, beta1), streams.ema_trace(gs**2, beta2)
    return (m / (1 - beta1**t)) / np.sqrt(v / (1 - beta2**t))


def snr_only_last(gs, beta1, beta2):
    return snr_correct(gs, beta1, beta2)[-1]


def snr_as_list(gs, beta1, beta2):
    return list(snr_correct(gs, beta1, beta2))


def snr_mutates_gs(gs, beta1, beta2):
    gs **= 1
    gs[:] = snr_correct(gs, beta1, beta2)
    return gs


def snr_crashes(gs, beta1, beta2):
    return streams.ema_trace(gs, beta1, beta2, 0)


def test_the_centred_ratio_is_named_with_the_numbers():
    with np.errstate(all="ignore"):         # the centred ratio divides by zero at t = 1
        message = check_snr_trace(snr_centred).message
    assert message.startswith("Called with gs=[ 1. , -0.5,  2. ,  0.3, -1. ,  0.8]")
    assert "uncentered second moment" in message


EMA_MISTAKES = [momentum_sum, swapped, bias_corrected, starts_at_first_gradient, one_step_late,
                second_moment, running_mean, same_array_stored]
SNR_MISTAKES = [snr_same_beta, snr_swapped, snr_abs, snr_no_sqrt, snr_centred, snr_bias_corrected,
                snr_momentum_sum, snr_square_of_mean, snr_rmsprop_step, snr_eps_outside,
                snr_eps_inside]


@pytest.mark.parametrize("mistake, right, cases", [
    *[pytest.param(m, correct, chapter4.EMA_ESTIMATE_CASES, id=m.__name__) for m in EMA_MISTAKES],
    *[pytest.param(m, snr_correct, chapter4.SNR_TRACE_CASES, id=m.__name__) for m in SNR_MISTAKES]])
def test_each_mistake_is_far_off_on_some_case(mistake, right, cases):
    assert far_above_tolerance(mistake, right, cases)
