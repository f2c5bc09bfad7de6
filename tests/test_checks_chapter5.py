"""The answers to the exercise check of chapter 5 (bias_corrected): right, unfinished and wrong
answers, which tests/test_checks_contract.py runs through the contract every check keeps, and what
only this chapter's check shows (its numbers, its other cases)."""

import numpy as np

from adamlib import rules, streams
from adamlib.checks import check_bias_corrected, check_corrected_estimates


def correct(avg, beta, t):
    return avg / (1 - beta**t)


def stub(avg, beta, t):
    raise NotImplementedError


def multiplies(avg, beta, t):
    return avg * (1 - beta**t)


def off_by_one(avg, beta, t):
    return avg / (1 - beta**(t + 1))


def no_power(avg, beta, t):
    return avg / (1 - beta)


def power_outside(avg, beta, t):
    return avg / (1 - beta)**t


def square_root(avg, beta, t):
    return avg / np.sqrt(1 - beta**t)


def returns_float(avg, beta, t):
    return float(np.sum(avg / (1 - beta**t)))


def returns_none(avg, beta, t):
    avg / (1 - beta**t)


def wrong_shape(avg, beta, t):
    return (avg / (1 - beta**t)).ravel()[:1]


def crashes(avg, beta, t):
    return avg / (1 - beta**undefined_name)  # noqa: F821


def in_place(avg, beta, t):
    avg /= 1 - beta**t
    return avg

def renamed(m, decay, step):
    return m / (1.0 - decay**step)


def test_off_by_one_fails_with_input_expected_got_and_hint():
    result = check_bias_corrected(off_by_one)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("Called with avg=[ 0.1, -0.2]")
    assert "beta=0.9" in message and "t=1" in message
    assert "Expected: [ 1., -2.]" in message
    assert "Got:      [ 0.526316, -1.052632]" in message  # 0.1 / (1 - 0.81)
    assert "1 - beta**(t+1)" in message and "from i = 1 to t" in message


def loop_of_weights(avg, beta, t):
    total = 0.0
    for age in range(t):
        total += (1 - beta) * beta**age
    return avg / total


def unchanged(avg, beta, t):
    return avg.copy()


def t_minus_one(avg, beta, t):
    return avg / (1 - beta**(t - 1))


def by_beta_t(avg, beta, t):
    return avg / beta**t


def arguments_swapped(avg, t, beta):
    return avg / (1 - beta**t)


def returns_list(avg, beta, t):
    return list(avg / (1 - beta**t))


# Exercise 5.4, corrected_estimates(gs, beta): the answers.

def estimates_loop(gs, beta):
    m, out = np.zeros_like(gs[0]), []
    for t, g in enumerate(gs, start=1):
        m = beta * m + (1 - beta) * g
        out.append(m / (1 - beta**t))
    return np.array(out)


def estimates_by_weights(grads, decay):
    """Vectorised: row t holds the weights (1 - beta) beta**(t - i) / (1 - beta**t), i <= t."""
    T = len(grads)
    t, i = np.arange(1, T + 1)[:, None], np.arange(1, T + 1)[None, :]
    weights = np.where(i <= t, (1 - decay) * decay ** np.maximum(t - i, 0), 0.0)
    weights /= 1 - decay**t
    return np.tensordot(weights, grads, axes=1)


def estimates_running(gs, beta):
    """The corrected estimate updated directly: m_hat_t = m_hat_(t-1) + k_t (g_t - m_hat_(t-1))."""
    m_hat, out = np.zeros_like(gs[0]), np.empty_like(gs)
    for t in range(1, len(gs) + 1):
        m_hat = m_hat + (1 - beta) / (1 - beta**t) * (gs[t - 1] - m_hat)
        out[t - 1] = m_hat
    return out


def estimates_with_adamlib(gs, beta):
    t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (gs.ndim - 1))
    return rules.bias_correction(streams.ema_trace(gs, beta), beta, t)


def estimates_stub(gs, beta):
    raise NotImplementedError


def _loop(gs, beta, keeps=None, gain=None, power=lambda t: t, feed_back=False, first=None):
    keeps = beta if keeps is None else keeps
    gain = 1 - beta if gain is None else gain
    m, out = np.zeros_like(gs[0]), np.empty_like(gs)
    for t, g in enumerate(gs, start=1):
        m = g if (first and t == 1) else keeps * m + gain * g
        out[t - 1] = m / (1 - beta**power(t))
        if feed_back:
            m = out[t - 1]
    return out


def estimates_raw(gs, beta):
    return _loop(gs, beta, power=lambda t: np.inf)


def estimates_t_from_zero(gs, beta):
    return _loop(gs, beta, power=lambda t: t - 1)


def estimates_t_plus_one(gs, beta):
    return _loop(gs, beta, power=lambda t: t + 1)


def estimates_fed_back(gs, beta):
    return _loop(gs, beta, feed_back=True)


def estimates_momentum_sum(gs, beta):
    return _loop(gs, beta, gain=1.0)


def estimates_swapped(gs, beta):
    return _loop(gs, beta, keeps=1 - beta, gain=beta)


def estimates_start_at_g1(gs, beta):
    return _loop(gs, beta, first=True)


def estimates_running_mean(gs, beta):
    return np.cumsum(gs, axis=0) / np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (gs.ndim - 1))


def estimates_last_t(gs, beta):
    return _loop(gs, beta, power=lambda t: len(gs))


def estimates_power_outside(gs, beta):
    return _loop(gs, beta, power=lambda t: np.inf) / (1 - beta) ** np.arange(
        1, len(gs) + 1).reshape((-1,) + (1,) * (gs.ndim - 1))


def estimates_one_behind(gs, beta):
    right = estimates_loop(gs, beta)
    return np.concatenate([np.zeros_like(gs[:1]), right[:-1]])


def estimates_with_m0(gs, beta):
    return np.concatenate([np.zeros_like(gs[:1]), estimates_loop(gs, beta)])


def estimates_list(gs, beta):
    return [row for row in estimates_loop(gs, beta)]


def estimates_only_last(gs, beta):
    return estimates_loop(gs, beta)[-1]


def estimates_in_place(gs, beta):
    m = np.zeros_like(gs[0])
    for t in range(1, len(gs) + 1):
        m = beta * m + (1 - beta) * gs[t - 1]
        gs[t - 1] = m / (1 - beta**t)
    return gs


def estimates_crash(gs, beta):
    return np.zeros_like(gs) + undefined_estimates  # noqa: F821


def test_the_first_row_names_t_from_zero():
    with np.errstate(all="ignore"):
        message = check_corrected_estimates(estimates_t_from_zero).message
    assert "t counts from 1" in message and "Expected: [ 1." in message


def test_every_mistake_differs_far_above_the_tolerance_on_some_case():
    """A mistake is caught by the numbers, not by rounding: on some case of the check its result
    is off by more than a thousand times the tolerance somewhere."""
    from test_checks_chapter6 import cases_of, largest_gap
    for check, right, mistakes in [
            (check_bias_corrected, correct,
             [multiplies, off_by_one, no_power, power_outside, square_root, unchanged, by_beta_t]),
            (check_corrected_estimates, estimates_loop,
             [estimates_raw, estimates_t_plus_one, estimates_fed_back, estimates_momentum_sum,
              estimates_swapped, estimates_start_at_g1, estimates_running_mean,
              estimates_last_t, estimates_power_outside, estimates_one_behind])]:
        cases = cases_of(check, right)
        for wrong in mistakes:
            assert largest_gap(wrong, right, cases) > 1000, wrong.__name__
