"""adamlib.streams: noisy gradient streams and the running averages of chapter 4."""

import numpy as np
import pytest

from adamlib import rules, streams


def test_gaussian_has_the_shape_mean_and_std_asked_for():
    g = streams.gaussian(mean=[1.0, -2.0], std=[0.5, 2.0], steps=20_000, seed=0)
    assert g.shape == (20_000, 2)
    assert np.allclose(g.mean(axis=0), [1.0, -2.0], atol=0.05)
    assert np.allclose(g.std(axis=0), [0.5, 2.0], rtol=0.03)


def test_gaussian_is_seeded_and_broadcasts():
    a = streams.gaussian(0.0, np.ones(3), steps=5, seed=7)
    b = streams.gaussian(0.0, np.ones(3), steps=5, seed=7)
    assert a.shape == (5, 3) and np.array_equal(a, b)
    assert not np.array_equal(a, streams.gaussian(0.0, np.ones(3), steps=5, seed=8))
    assert np.array_equal(streams.gaussian(3.0, 0.0, steps=4, seed=0), np.full(4, 3.0))


@pytest.mark.parametrize("kwargs, says", [
    ({"mean": 0.0, "std": -1.0, "steps": 3}, "std must be >= 0"),
    ({"mean": np.nan, "std": 1.0, "steps": 3}, "finite"),
    ({"mean": 0.0, "std": 1.0, "steps": 0}, "steps must be an integer >= 1"),
    ({"mean": 0.0, "std": 1.0, "steps": 2.5}, "steps must be an integer >= 1"),
])
def test_gaussian_refuses_bad_input(kwargs, says):
    with pytest.raises(ValueError, match=says):
        streams.gaussian(**kwargs)


def test_ema_trace_is_rules_ema_step_by_step():
    xs = np.random.default_rng(0).standard_normal((30, 4))
    trace = streams.ema_trace(xs, 0.8)
    avg = np.zeros(4)
    for t, x in enumerate(xs):
        avg = rules.ema(avg, x, 0.8)
        assert np.array_equal(trace[t], avg)
    assert trace.shape == xs.shape


def test_ema_trace_of_a_constant_from_zero_is_one_minus_beta_to_the_t():
    trace = streams.ema_trace(np.full(10, 2.0), 0.9)
    assert np.allclose(trace, 2.0 * (1 - 0.9 ** np.arange(1, 11)), rtol=1e-12)


def test_ema_trace_initial_value_and_no_decay():
    assert np.allclose(streams.ema_trace(np.zeros(3), 0.5, initial=4.0), [2.0, 1.0, 0.5])
    xs = np.array([1.0, -3.0, 2.0])
    assert np.array_equal(streams.ema_trace(xs, 0.0), xs)


def test_ema_trace_does_not_change_its_input():
    xs = np.arange(5.0)
    streams.ema_trace(xs, 0.5)
    assert np.array_equal(xs, np.arange(5.0))


@pytest.mark.parametrize("xs, decay, says", [
    (np.ones(3), 1.0, r"^decay must be a number in \[0, 1\), got "),
    (np.ones(3), -0.1, r"^decay must be a number in \[0, 1\), got "),
    (np.float64(1.0), 0.5, "at least one step"),
    (np.ones(0), 0.5, "at least one step"),
])
def test_ema_trace_refuses_bad_input(xs, decay, says):
    with pytest.raises(ValueError, match=says):
        streams.ema_trace(xs, decay)
