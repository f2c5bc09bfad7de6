"""The answers to the exercise check of chapter 5 (bias_corrected): right, unfinished and wrong
answers, which tests/test_checks_contract.py runs through the contract every check keeps, and what
only this chapter's check shows (its numbers, its other cases)."""

import numpy as np

from adamlib.checks import check_bias_corrected


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
