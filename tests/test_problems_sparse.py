"""SparseRegression: analytic gradients against finite differences, its data, and its sparse
minibatch gradients."""

import numpy as np
import pytest

import adamlib
from adamlib.gradcheck import numerical_grad, relative_error

FREQUENCIES = [0.8, 0.5, 0.05, 0.01]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_matches_finite_differences(seed):
    problem = adamlib.SparseRegression(FREQUENCIES, weights=[1.0, -2.0, 0.5, 3.0], n=300,
                                       noise=0.2, seed=seed)
    for w in np.random.default_rng(seed).standard_normal((5, problem.dim)):
        # f is quadratic, so central differences are exact but for rounding: a wide step keeps
        # rounding small next to the tiny gradient of the rarest feature.
        assert relative_error(problem.grad(w), numerical_grad(problem.f, w, h=1e-3)) < 1e-7


def test_f_and_grad_accept_a_batch_of_points():
    problem = adamlib.SparseRegression(FREQUENCIES, n=200)
    W = np.random.default_rng(3).standard_normal((2, 3, problem.dim))
    assert problem.f(W).shape == (2, 3)
    assert problem.grad(W).shape == W.shape
    assert np.allclose(problem.grad(W)[1, 2], problem.grad(W[1, 2]))


def test_x_star_is_the_minimum():
    problem = adamlib.SparseRegression(FREQUENCIES, n=500, seed=4)
    assert np.linalg.norm(problem.grad(problem.x_star)) < 1e-10
    assert problem.f_star == pytest.approx(float(problem.f(problem.x_star)))
    other = problem.x_star + 0.1 * np.random.default_rng(0).standard_normal(problem.dim)
    assert problem.f(other) > problem.f_star


def test_features_appear_with_their_frequencies_and_every_feature_appears():
    problem = adamlib.SparseRegression([0.5, 0.1, 0.0001], n=4000, seed=0)
    counts = problem.A.sum(axis=0)
    assert set(np.unique(problem.A)) <= {0.0, 1.0}
    assert abs(counts[0] / 4000 - 0.5) < 0.03 and abs(counts[1] / 4000 - 0.1) < 0.02
    assert counts[2] >= 1  # a feature too rare to be drawn is switched on once


def test_minibatch_gradient_is_unbiased_and_sparse():
    problem = adamlib.SparseRegression([0.5, 0.02], n=1000, seed=1)
    w = np.array([0.3, -0.2])
    rng = np.random.default_rng(0)
    draws = np.array([problem.minibatch_grad(w, 4, rng) for _ in range(20_000)])
    standard_error = draws.std(axis=0) / np.sqrt(len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - problem.grad(w)) < 4 * standard_error)
    # the rare feature is absent from a batch of 4 with probability about 0.98^4 ≈ 0.92
    assert 0.88 < np.mean(draws[:, 1] == 0) < 0.95


def test_grad_fn_is_reproducible():
    problem = adamlib.SparseRegression(FREQUENCIES, n=100)
    w = np.zeros(problem.dim)
    a, b = problem.grad_fn(2, seed=5), problem.grad_fn(2, seed=5)
    assert all(np.array_equal(a(w), b(w)) for _ in range(5))


@pytest.mark.parametrize("kwargs, says", [
    ({"frequencies": [0.5, 0.0]}, "frequencies"),
    ({"frequencies": [1.5]}, "frequencies"),
    ({"frequencies": []}, "frequencies"),
    ({"frequencies": [0.5, 0.1], "weights": [1.0]}, "weights"),
    ({"frequencies": [0.5], "n": 1}, "n must be"),
    ({"frequencies": [0.5], "noise": -1.0}, "noise must be"),
])
def test_bad_input_is_refused_naming_the_parameter(kwargs, says):
    with pytest.raises(ValueError, match=says):
        adamlib.SparseRegression(**kwargs)
