"""Models with hand-written, gradient-checked backpropagation, on plain numpy arrays.

Chapter 5 builds the first one, softmax regression (multinomial logistic regression), to have a
real if small training problem on which to compare optimizers; chapter 7 adds a classifier with
a hidden layer (:class:`MLP`) and an :class:`Autoencoder`. Each is a few pieces of
:mod:`adamlib.layers` in a row, and its gradient is those pieces' backward maps in reverse order.
A model's params are a dict of float arrays, the structure every optimizer takes, so one
training step is::

    params, state = opt.step(params, model.grad(params, X, y), state)

:func:`gaussian_blobs` makes a seeded synthetic classification problem to train on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import (Checked, examples, hyperparameter, labels, model_params, non_negative,
                        positive_int, random_generator)
from .layers import (cross_entropy, dense, dense_backward, log_softmax, mean_squared_error,
                     one_hot, softmax, tanh_backward, tanh_mlp)

__all__ = ["SoftmaxRegression", "MLP", "Autoencoder", "gaussian_blobs", "softmax", "log_softmax",
           "one_hot"]


def _glorot(rng, fan_in: int, fan_out: int) -> np.ndarray:
    # Entries N(0, 1/fan_in) keep the variance of a layer's output near that of its input,
    # so tanh units start in their responsive range rather than saturated. (This is LeCun's
    # scale; Glorot and Bengio's averages fan_in and fan_out. The name stays for its callers.)
    return rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)


class _Model(Checked):
    """Everything a model derives from its ``loss_and_grad``: the loss alone, the gradient alone."""

    def loss(self, params, *data) -> float:
        """The model's loss on the examples (see the class's docstring)."""
        return self.loss_and_grad(params, *data)[0]

    def grad(self, params, *data) -> dict:
        """The gradient of :meth:`loss` with respect to each array of params, by backpropagation."""
        return self.loss_and_grad(params, *data)[1]


class _Classifier(_Model):
    """A model whose :meth:`logits` score k classes per example."""

    def predict_proba(self, params, X):
        """p = softmax(logits): each row is a probability distribution over the k classes."""
        return softmax(self.logits(params, X))

    def accuracy(self, params, X, y) -> float:
        """The fraction of examples whose largest logit is their label's."""
        z = self.logits(params, X)
        return float(np.mean(np.argmax(z, axis=1) == labels(y, len(z), self.n_classes)))


# The models ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SoftmaxRegression(_Classifier):
    """A linear classifier with k classes: logits z = XW + b, probabilities p = softmax(z).

    The loss is the mean cross-entropy over the n examples::

        L(W, b) = −(1/n) Σᵢ log pᵢ,yᵢ ,

    and its gradient, by backpropagation through z (the chain rule, one layer)::

        ∂L/∂z = (p − Y)/n   (Y the one-hot labels),   ∂L/∂W = Xᵀ ∂L/∂z,   ∂L/∂b = Σᵢ ∂L/∂zᵢ.

    Params are a dict {"W": (d, k) array, "b": (k,) array}.
    """

    n_features: int = hyperparameter(positive_int)
    n_classes: int = hyperparameter(positive_int, minimum=2)

    def _shapes(self):
        return {"W": (self.n_features, self.n_classes), "b": (self.n_classes,)}

    def init_params(self, rng=None, scale: float = 0.0) -> dict:
        """W with entries N(0, scale²) (zeros when scale = 0, the default) and b = 0."""
        non_negative("scale", scale)
        W = np.zeros((self.n_features, self.n_classes))
        if scale > 0:
            W = scale * random_generator("rng", rng).standard_normal(W.shape)
        return {"W": W, "b": np.zeros(self.n_classes)}

    def logits(self, params, X):
        """z = XW + b, one row of k scores per example."""
        p = model_params(params, self._shapes())
        return dense(examples(X, self.n_features), p["W"], p["b"])

    def loss_and_grad(self, params, X, y):
        """L and its gradient by hand: dz = (softmax(z) − Y)/n; dW = Xᵀdz; db = Σᵢ dzᵢ."""
        p = model_params(params, self._shapes())
        X = examples(X, self.n_features)
        loss, dz = cross_entropy(dense(X, p["W"], p["b"]), labels(y, len(X), self.n_classes))
        _, dW, db = dense_backward(X, p["W"], dz)
        return loss, {"W": dW, "b": db}


@dataclass(frozen=True)
class MLP(_Classifier):
    """A classifier with one hidden layer of tanh units (a multilayer perceptron)::

        h = tanh(X W1 + b1),   z = h W2 + b2,   L = −(1/n) Σᵢ log softmax(zᵢ)_yᵢ .

    Backpropagation runs the same pieces in reverse: dz = (softmax(z) − Y)/n; then
    dW2 = hᵀdz, db2 = Σᵢ dzᵢ, dh = dz W2ᵀ; then da = dh ⊙ (1 − h²); then dW1 = Xᵀda,
    db1 = Σᵢ daᵢ. Params are a dict {"W1": (d, m), "b1": (m,), "W2": (m, k), "b2": (k,)}.
    """

    n_features: int = hyperparameter(positive_int)
    n_hidden: int = hyperparameter(positive_int)
    n_classes: int = hyperparameter(positive_int, minimum=2)

    def _shapes(self):
        d, m, k = self.n_features, self.n_hidden, self.n_classes
        return {"W1": (d, m), "b1": (m,), "W2": (m, k), "b2": (k,)}

    def init_params(self, rng) -> dict:
        """Weights N(0, 1/fan_in), biases 0. Random, not zero: zero weights would give every
        hidden unit the same gradient, and they would stay identical forever."""
        rng = random_generator("rng", rng)
        d, m, k = self.n_features, self.n_hidden, self.n_classes
        return {"W1": _glorot(rng, d, m), "b1": np.zeros(m),
                "W2": _glorot(rng, m, k), "b2": np.zeros(k)}

    def _forward(self, params, X):
        p = model_params(params, self._shapes())
        X = examples(X, self.n_features)
        return (p, X, *tanh_mlp(X, p["W1"], p["b1"], p["W2"], p["b2"]))

    def logits(self, params, X):
        """z = tanh(X W1 + b1) W2 + b2."""
        return self._forward(params, X)[3]

    def loss_and_grad(self, params, X, y):
        """The mean cross-entropy and its gradient, by backpropagation (see the class)."""
        p, X, h, z = self._forward(params, X)
        loss, dz = cross_entropy(z, labels(y, len(X), self.n_classes))
        dh, dW2, db2 = dense_backward(h, p["W2"], dz)
        _, dW1, db1 = dense_backward(X, p["W1"], tanh_backward(h, dh))
        return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


@dataclass(frozen=True)
class Autoencoder(_Model):
    """An encoder squeezes each input x (d numbers) into a code c (a few numbers); a decoder
    rebuilds x̂ from c alone; training makes x̂ close to x, so the code must keep what matters::

        encoder:  h = tanh(x W1 + b1),   c = h W2 + b2
        decoder:  g = tanh(c W3 + b3),   x̂ = g W4 + b4
        loss:     L = (1/(n·d)) Σᵢⱼ (x̂ᵢⱼ − xᵢⱼ)²

    Params are a dict {"W1": (d, m), "b1": (m,), "W2": (m, k), "b2": (k,), "W3": (k, m),
    "b3": (m,), "W4": (m, d), "b4": (d,)}, with m = n_hidden hidden units and a code of
    k = n_code numbers.
    """

    n_features: int = hyperparameter(positive_int)
    n_hidden: int = hyperparameter(positive_int)
    n_code: int = hyperparameter(positive_int)

    def _shapes(self):
        d, m, c = self.n_features, self.n_hidden, self.n_code
        return {"W1": (d, m), "b1": (m,), "W2": (m, c), "b2": (c,),
                "W3": (c, m), "b3": (m,), "W4": (m, d), "b4": (d,)}

    def init_params(self, rng) -> dict:
        """Weights N(0, 1/fan_in), biases 0."""
        rng = random_generator("rng", rng)
        return {name: (_glorot(rng, *shape) if len(shape) == 2 else np.zeros(shape))
                for name, shape in self._shapes().items()}

    def _forward(self, params, X):
        p = model_params(params, self._shapes())
        X = examples(X, self.n_features)
        h, c = tanh_mlp(X, p["W1"], p["b1"], p["W2"], p["b2"])      # the encoder
        g, x_hat = tanh_mlp(c, p["W3"], p["b3"], p["W4"], p["b4"])  # the decoder
        return p, X, h, c, g, x_hat

    def encode(self, params, X):
        """The code c of each row of X: an (n, n_code) array."""
        return self._forward(params, X)[3]

    def reconstruct(self, params, X):
        """x̂ = decoder(encoder(x)) for each row of X."""
        return self._forward(params, X)[5]

    def loss_and_grad(self, params, X):
        """The mean squared reconstruction error and its gradient, by backpropagation: the
        four layers' backward maps in reverse order."""
        p, X, h, c, g, x_hat = self._forward(params, X)
        loss, dx_hat = mean_squared_error(x_hat, X)
        dg, dW4, db4 = dense_backward(g, p["W4"], dx_hat)
        dc, dW3, db3 = dense_backward(c, p["W3"], tanh_backward(g, dg))
        dh, dW2, db2 = dense_backward(h, p["W2"], dc)
        _, dW1, db1 = dense_backward(X, p["W1"], tanh_backward(h, dh))
        return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2,
                      "W3": dW3, "b3": db3, "W4": dW4, "b4": db4}

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
    non_negative("separation", separation)
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=separation / np.sqrt(n_features), size=(n_classes, n_features))
    y = np.repeat(np.arange(n_classes), n_per_class)
    X = centres[y] + rng.standard_normal((len(y), n_features))
    order = rng.permutation(len(y))
    return X[order], y[order]
