"""Every number of chapter 1's self-check, computed: with adamlib where it runs the method, with
the formula the answer names otherwise."""

import numpy as np

import adamlib
from adamlib.problems import NoisyQuadratic, Quadratic, noisy_ravine
from quiz_numbers import accepts, question, stated


def factor_per_step(lr, curvatures, steps=60):
    """The error's factor per step of gradient descent (adamlib's SGD) on a diagonal quadratic."""
    problem = Quadratic(np.diag(curvatures))
    path = adamlib.minimize(problem.grad, np.ones(len(curvatures)), adamlib.SGD(lr=lr), steps)
    return (np.linalg.norm(path[-1]) / np.linalg.norm(path[0])) ** (1 / steps)


def test_the_stable_learning_rates_end_at_2_over_L():
    q, L = question("chapter1", 2), 40.0
    assert accepts(q, 2 / L) and stated(2 / L, 0.05, 2)
    assert factor_per_step(0.999 * 2 / L, [1.0, L], 400) < 1 < factor_per_step(1.001 * 2 / L, [1.0, L], 400)
    # The misconception the answer names is marked wrong, and it is 1/L = 0.025.
    assert not accepts(q, 1 / L) and stated(1 / L, 0.025, 3)


def test_the_best_constant_rate_on_kappa_9_multiplies_the_error_by_0_8():
    q, curvatures = question("chapter1", 3), [1.0, 9.0]
    best = 2 / (curvatures[0] + curvatures[1])
    assert stated(best, 0.2, 1)
    rate = factor_per_step(best, curvatures)
    assert accepts(q, rate) and stated(rate, 0.8, 10) and stated((9 - 1) / (9 + 1), 0.8, 10)
    assert min(factor_per_step(lr, curvatures) for lr in (0.19, 0.21)) > rate
    for lr in (0.2 * 0.99, 0.2 * 1.01):  # on each side of it a direction is slower
        assert max(abs(1 - lr * c) for c in curvatures) > 0.8


def test_four_times_the_batch_halves_the_noise_and_keeps_it_unbiased():
    problem = NoisyQuadratic(np.diag([1.0, 4.0]), n=500, seed=1)
    x, rng = np.array([1.0, -2.0]), np.random.default_rng(0)
    draws = {B: problem.minibatch_grad(np.tile(x, (20000, 1)), B, rng, draws=20000) for B in (16, 64)}
    for g in draws.values():  # the average over draws is the full gradient
        assert np.allclose(g.mean(axis=0), problem.grad(x), atol=0.03)
    ratio = np.sqrt(np.trace(problem.noise_cov(16)) / np.trace(problem.noise_cov(64)))
    assert stated(ratio, 2, 10) and stated(np.sqrt(4), 2, 10)
    measured = np.sqrt(draws[16].var(axis=0).sum() / draws[64].var(axis=0).sum())
    assert 1.95 < measured < 2.05  # the covariance formula is what the draws do


def test_sgd_with_a_constant_rate_hovers_lower_for_a_smaller_rate_or_a_larger_batch():
    problem, seeds = noisy_ravine(), 64

    def floor(lr, batch):
        rng = np.random.default_rng(0)
        x0 = np.tile(problem.start, (seeds, 1))
        path = adamlib.minimize(lambda x: problem.minibatch_grad(x, batch, rng, draws=seeds), x0,
                                adamlib.SGD(lr=lr), 1500)
        return float(np.mean(problem.f(path[-500:]))) - problem.f_star

    base = floor(0.04, 4)
    assert 0 < floor(0.02, 4) < base and 0 < floor(0.04, 16) < base
    assert 0.04 < 2 / problem.L  # the runs are below the bound the third option names
