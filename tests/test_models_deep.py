"""adamlib.layers, MLP and Autoencoder: every hand-written gradient against finite differences,
the numerics of the pieces, and the refusals of bad input."""

import numpy as np
import pytest

import adamlib
from adamlib import layers
from adamlib.gradcheck import numerical_grad, relative_error
from adamlib.models import MLP, Autoencoder


def check_all_gradients(model, params, *data):
    analytic = model.grad(params, *data)
    assert set(analytic) == set(params)
    for name, value in params.items():
        def loss_of(v, name=name):
            return model.loss({**params, name: v}, *data)
        numeric = numerical_grad(loss_of, value)
        assert analytic[name].shape == value.shape
        assert relative_error(analytic[name], numeric) < 1e-6, name
        assert np.abs(numeric).max() > 1e-6, f"{name}: a zero gradient checks nothing"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mlp_gradient_matches_finite_differences(seed):
    rng = np.random.default_rng(seed)
    model = MLP(n_features=5, n_hidden=4, n_classes=3)
    params = model.init_params(rng)
    params = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in params.items()}
    check_all_gradients(model, params, rng.standard_normal((9, 5)), rng.integers(0, 3, 9))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_autoencoder_gradient_matches_finite_differences(seed):
    rng = np.random.default_rng(seed)
    model = Autoencoder(n_features=6, n_hidden=5, n_code=2)
    params = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in model.init_params(rng).items()}
    check_all_gradients(model, params, rng.random((8, 6)))


def test_pieces_backward_maps_match_finite_differences():
    rng = np.random.default_rng(3)
    x, W, b = rng.standard_normal((4, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
    upstream = rng.standard_normal((4, 2))  # L = Σ upstream ⊙ a, so ∂L/∂a = upstream
    dx, dW, db = layers.dense_backward(x, W, upstream)
    assert relative_error(dx, numerical_grad(lambda v: np.sum(upstream * layers.dense(v, W, b)), x)) < 1e-7
    assert relative_error(dW, numerical_grad(lambda v: np.sum(upstream * layers.dense(x, v, b)), W)) < 1e-7
    assert relative_error(db, numerical_grad(lambda v: np.sum(upstream * layers.dense(x, W, v)), b)) < 1e-7
    a = rng.standard_normal((4, 2))
    assert relative_error(layers.tanh_backward(np.tanh(a), upstream),
                          numerical_grad(lambda v: np.sum(upstream * np.tanh(v)), a)) < 1e-7
    z, y = rng.standard_normal((5, 3)), rng.integers(0, 3, 5)
    assert relative_error(layers.cross_entropy(z, y)[1],
                          numerical_grad(lambda v: layers.cross_entropy(v, y)[0], z)) < 1e-7
    target = rng.standard_normal((5, 3))
    assert relative_error(layers.mean_squared_error(z, target)[1],
                          numerical_grad(lambda v: layers.mean_squared_error(v, target)[0], z)) < 1e-7


def test_sigmoid_is_stable_and_correct():
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0])
    with np.errstate(over="raise", invalid="raise"):
        s = layers.sigmoid(z)
    assert np.all(np.isfinite(s)) and s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert np.allclose(s[1:-1], 1 / (1 + np.exp(-z[1:-1])), rtol=1e-14)
    assert np.allclose(s + layers.sigmoid(-z), 1.0)


def test_mlp_learns_the_blobs_and_keeps_hidden_units_distinct():
    X, y = adamlib.gaussian_blobs(40, 6, 3, seed=0)
    model = MLP(6, 8, 3)
    params = model.init_params(np.random.default_rng(0))
    assert len({tuple(col) for col in params["W1"].T}) == 8  # random, not symmetric
    result = adamlib.train(model, params, adamlib.Adam(lr=0.05), (X, y), steps=200, batch_size=30)
    assert result.losses[-20:].mean() < 0.2 * result.losses[0]
    assert model.accuracy(result.params, X, y) > 0.95


def test_autoencoder_shapes_and_learning():
    X = np.random.default_rng(0).random((60, 6))
    model = Autoencoder(6, 8, 2)
    params = model.init_params(np.random.default_rng(1))
    assert model.encode(params, X).shape == (60, 2) and model.reconstruct(params, X).shape == (60, 6)
    result = adamlib.train(model, params, adamlib.Adam(lr=0.01), (X,), steps=300)
    assert model.loss(result.params, X) < 0.5 * model.loss(params, X)


@pytest.mark.parametrize("call, message", [
    (lambda: MLP(0, 3, 2), "n_features must be an integer >= 1, got 0"),
    (lambda: MLP(3, 3, 1), "n_classes must be an integer >= 2, got 1"),
    (lambda: Autoencoder(4, 3, 0), "n_code must be an integer >= 1, got 0"),
    (lambda: MLP(3, 3, 2).init_params(0), "rng must be a numpy Generator"),
    (lambda: MLP(3, 3, 2).loss({"W1": np.zeros((3, 3))}, np.zeros((2, 3)), np.zeros(2, int)),
     "params must be a dict with keys ['W1', 'W2', 'b1', 'b2']"),
    (lambda: MLP(3, 3, 2).loss(MLP(3, 3, 2).init_params(np.random.default_rng(0)),
                               np.zeros((2, 4)), np.zeros(2, int)), "X must have shape (n, 3)"),
    (lambda: MLP(3, 3, 2).loss(MLP(3, 3, 2).init_params(np.random.default_rng(0)),
                               np.zeros((2, 3)), np.array([0, 2])), "y must hold labels in 0..1"),
    (lambda: Autoencoder(3, 3, 1).loss(Autoencoder(3, 3, 1).init_params(np.random.default_rng(0)),
                                       np.full((2, 3), np.nan)), "X must hold finite real numbers"),
])
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert message in str(error.value)
