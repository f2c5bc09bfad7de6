"""adamlib.models: the softmax regression's hand-written gradient against finite differences,
its numerics, its training with Adam, and its refusals of bad input."""

import numpy as np
import pytest

import adamlib
from adamlib.gradcheck import numerical_grad, relative_error
from adamlib.models import SoftmaxRegression, gaussian_blobs, log_softmax, one_hot, softmax


def random_problem(seed, n=7, d=4, k=3):
    rng = np.random.default_rng(seed)
    model = SoftmaxRegression(d, k)
    params = model.init_params(rng, scale=0.5)
    params["b"] = rng.standard_normal(k)
    return model, params, rng.standard_normal((n, d)), rng.integers(0, k, size=n)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_matches_finite_differences(seed):
    model, params, X, y = random_problem(seed)
    analytic = model.grad(params, X, y)
    numeric_W = numerical_grad(lambda W: model.loss({"W": W, "b": params["b"]}, X, y), params["W"])
    numeric_b = numerical_grad(lambda b: model.loss({"W": params["W"], "b": b}, X, y), params["b"])
    assert relative_error(analytic["W"], numeric_W) < 1e-6
    assert relative_error(analytic["b"], numeric_b) < 1e-6
    assert set(analytic) == {"W", "b"} and analytic["W"].shape == (4, 3)


def test_softmax_rows_sum_to_one_and_large_logits_do_not_overflow():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0], [-1000.0, 0.0, 1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # (underflow to 0 is fine)
        p = softmax(z)
        log_p = log_softmax(z)
    assert np.all(np.isfinite(p)) and np.allclose(p.sum(axis=1), 1.0)
    assert np.allclose(p[1], [0.5, 0.5, 0.0]) and np.allclose(p[2], [0, 0, 1])
    assert np.allclose(p[0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    assert np.allclose(np.exp(log_p), p) and np.isfinite(log_p[1, :2]).all()
    assert np.allclose(softmax(z + 7.5), p)  # shifting a row changes nothing


def test_loss_at_zero_params_is_log_k():
    X, y = gaussian_blobs(10, 6, 5, seed=0)
    model = SoftmaxRegression(6, 5)
    assert np.isclose(model.loss(model.init_params(), X, y), np.log(5), rtol=1e-12)


def test_one_hot_and_accuracy():
    assert np.array_equal(one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])
    model = SoftmaxRegression(2, 2)
    params = {"W": np.array([[1.0, -1.0], [0.0, 0.0]]), "b": np.zeros(2)}
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [2.0, 0.0]])
    assert model.accuracy(params, X, np.array([0, 1, 1])) == pytest.approx(2 / 3)
    assert np.allclose(model.predict_proba(params, X).sum(axis=1), 1)


def test_gaussian_blobs_is_seeded_and_shaped():
    X, y = gaussian_blobs(20, 8, 4, seed=3)
    X2, y2 = gaussian_blobs(20, 8, 4, seed=3)
    assert X.shape == (80, 8) and y.shape == (80,) and np.array_equal(np.bincount(y), [20] * 4)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, gaussian_blobs(20, 8, 4, seed=4)[0])


def test_adam_lowers_the_loss_on_separable_data():
    X, y = gaussian_blobs(50, 10, 3, separation=8.0, seed=1)
    model = SoftmaxRegression(10, 3)
    params = model.init_params()
    opt = adamlib.Adam(lr=0.05)
    state = opt.init(params)
    start = model.loss(params, X, y)
    for _ in range(100):
        params, state = opt.step(params, model.grad(params, X, y), state)
    assert model.loss(params, X, y) < start / 10
    assert model.accuracy(params, X, y) == 1.0
    assert state.m["W"].shape == (10, 3)


@pytest.mark.parametrize("change, name", [
    (lambda p, X, y: (p, X, np.array([0, 1, 3, 0])), "y"),
    (lambda p, X, y: (p, X, np.array([0, -1, 2, 0])), "y"),
    (lambda p, X, y: (p, X, y[:3]), "y"),
    (lambda p, X, y: (p, X, y.astype(float)), "y"),
    (lambda p, X, y: (p, X[:, :2], y), "X"),
    (lambda p, X, y: (p, X[0], y), "X"),
    (lambda p, X, y: (p, np.where(X > 0, np.nan, X), y), "X"),
    (lambda p, X, y: ({"W": p["W"][:, :2], "b": p["b"]}, X, y), "params['W']"),
    (lambda p, X, y: ({"W": p["W"], "b": p["b"][:2]}, X, y), "params['b']"),
    (lambda p, X, y: ({"W": p["W"]}, X, y), "params"),
])
def test_bad_input_raises_naming_the_parameter(change, name):
    model = SoftmaxRegression(3, 3)
    X, y = np.ones((4, 3)), np.array([0, 1, 2, 0])
    params, X, y = change(model.init_params(), X, y)
    for method in (model.loss, model.grad, model.accuracy):
        with pytest.raises(ValueError, match=name.replace("[", r"\[")):
            method(params, X, y)


def test_bad_construction_raises():
    with pytest.raises(ValueError, match="n_classes"):
        SoftmaxRegression(3, 1)
    with pytest.raises(ValueError, match="n_features"):
        SoftmaxRegression(0, 3)
    with pytest.raises(ValueError, match="scale"):
        SoftmaxRegression(3, 3).init_params(scale=-1.0)
    with pytest.raises(ValueError, match="rng"):
        SoftmaxRegression(3, 3).init_params(scale=0.1)
    with pytest.raises(ValueError, match="separation"):
        gaussian_blobs(5, 3, 3, separation=-1.0)
