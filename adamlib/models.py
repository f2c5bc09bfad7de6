"""Models with hand-written, gradient-checked backpropagation, on plain numpy arrays.

Chapter 5 builds the first one, softmax regression (multinomial logistic regression), to have a
real if small training problem on which to compare optimizers; chapter 7 adds more. A model's
params are a dict of float arrays, the structure every optimizer of :mod:`adamlib.optimizers`
takes, so one training step is::

    params, state = opt.step(params, model.grad(params, X, y), state)

:func:`gaussian_blobs` makes a seeded synthetic classification problem to train on.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._validate import positive_int


def softmax(z):
    """Row-wise softmax: softmax(z)ᵢⱼ = exp(zᵢⱼ) / Σₖ exp(zᵢₖ).

    Subtracting each row's maximum first changes nothing mathematically (the factor exp(−max)
    cancels) but keeps every exponent ≤ 0, so large logits cannot overflow.
    """
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(z):
    """Row-wise log softmax, log softmax(z)ᵢⱼ = zᵢⱼ − log Σₖ exp(zᵢₖ), computed stably."""
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def one_hot(y, n_classes: int):
    """The labels y ∈ {0, …, k−1}ⁿ as an (n, k) array of zeros with a 1 at (i, yᵢ)."""
    out = np.zeros((len(y), n_classes))
    out[np.arange(len(y)), y] = 1.0
    return out


@dataclass(frozen=True)
class SoftmaxRegression:
    """A linear classifier with k classes: logits z = XW + b, probabilities p = softmax(z).

    The loss is the mean cross-entropy over the n examples,

        L(W, b) = −(1/n) Σᵢ log pᵢ,yᵢ ,

    and its gradient, by backpropagation through z (the chain rule, one layer):

        ∂L/∂z = (p − Y)/n   (Y the one-hot labels),   ∂L/∂W = Xᵀ ∂L/∂z,   ∂L/∂b = Σᵢ ∂L/∂zᵢ.

    Params are a dict {"W": (d, k) array, "b": (k,) array}.
    """

    n_features: int
    n_classes: int

    def __post_init__(self):
        positive_int("n_features", self.n_features)
        positive_int("n_classes", self.n_classes, minimum=2)

    # Input checks ---------------------------------------------------------------------------

    def _check(self, params, X, y=None):
        d, k = self.n_features, self.n_classes
        if not isinstance(params, dict) or set(params) != {"W", "b"}:
            got = sorted(params) if isinstance(params, dict) else type(params).__name__
            raise ValueError(f"params must be a dict with keys 'W' and 'b', got {got}")
        W, b = np.asarray(params["W"]), np.asarray(params["b"])
        if W.shape != (d, k):
            raise ValueError(f"params['W'] must have shape {(d, k)}, got {W.shape}")
        if b.shape != (k,):
            raise ValueError(f"params['b'] must have shape {(k,)}, got {b.shape}")
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != d or X.shape[0] == 0:
            raise ValueError(f"X must have shape (n, {d}) with n >= 1, got {X.shape}")
        if X.dtype.kind not in "biuf" or not np.all(np.isfinite(X)):
            raise ValueError("X must hold finite real numbers")
        if y is None:
            return W, b, X.astype(float), None
        y = np.asarray(y)
        if y.shape != (X.shape[0],):
            raise ValueError(f"y must have shape ({X.shape[0]},), one label per row of X, got {y.shape}")
        if y.dtype.kind not in "iu":
            raise ValueError(f"y must hold integer class labels, got dtype {y.dtype}")
        if y.min() < 0 or y.max() >= k:
            raise ValueError(f"y must hold labels in 0..{k - 1}, got values from {y.min()} to {y.max()}")
        return W, b, X.astype(float), y

    # The model --------------------------------------------------------------------------------

    def init_params(self, rng=None, scale: float = 0.0) -> dict:
        """W with entries N(0, scale²) (zeros when scale = 0, the default) and b = 0."""
        if not isinstance(scale, numbers.Real) or not np.isfinite(scale) or scale < 0:
            raise ValueError(f"scale must be a finite number >= 0, got {scale!r}")
        W = np.zeros((self.n_features, self.n_classes))
        if scale > 0:
            if rng is None:
                raise ValueError("rng must be a numpy Generator when scale > 0, got None")
            W = scale * rng.standard_normal(W.shape)
        return {"W": W, "b": np.zeros(self.n_classes)}

    def logits(self, params, X):
        """z = XW + b, one row of k scores per example."""
        W, b, X, _ = self._check(params, X)
        return X @ W + b

    def predict_proba(self, params, X):
        """p = softmax(XW + b): each row is a probability distribution over the k classes."""
        return softmax(self.logits(params, X))

    def loss(self, params, X, y) -> float:
        """The mean cross-entropy −(1/n) Σᵢ log softmax(zᵢ)_yᵢ."""
        W, b, X, y = self._check(params, X, y)
        log_p = log_softmax(X @ W + b)
        return float(-np.mean(log_p[np.arange(len(y)), y]))

    def grad(self, params, X, y) -> dict:
        """The gradient of :meth:`loss`, by hand: dz = (p − Y)/n; dW = Xᵀdz; db = Σᵢ dzᵢ."""
        W, b, X, y = self._check(params, X, y)
        dz = (softmax(X @ W + b) - one_hot(y, self.n_classes)) / len(y)
        return {"W": X.T @ dz, "b": dz.sum(axis=0)}

    def accuracy(self, params, X, y) -> float:
        """The fraction of examples whose largest logit is their label's."""
        W, b, X, y = self._check(params, X, y)
        return float(np.mean(np.argmax(X @ W + b, axis=1) == y))


def gaussian_blobs(n_per_class: int, n_features: int, n_classes: int, separation: float = 3.0,
                   seed: int = 0):
    """A seeded synthetic classification problem: one Gaussian cloud per class.

    The class centres are drawn N(0, (separation²/n_features)·I), so that two centres lie about
    separation·√2 apart whatever the dimension; each example is its centre plus N(0, I) noise.
    Returns (X, y) with X of shape (n_classes·n_per_class, n_features) and y the labels, shuffled.
    """
    positive_int("n_per_class", n_per_class)
    positive_int("n_features", n_features)
    positive_int("n_classes", n_classes, minimum=2)
    if not isinstance(separation, numbers.Real) or not np.isfinite(separation) or separation < 0:
        raise ValueError(f"separation must be a finite number >= 0, got {separation!r}")
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=separation / np.sqrt(n_features), size=(n_classes, n_features))
    y = np.repeat(np.arange(n_classes), n_per_class)
    X = centres[y] + rng.standard_normal((len(y), n_features))
    order = rng.permutation(len(y))
    return X[order], y[order]
