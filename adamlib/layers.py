"""The pieces every model of the course is made of, each with its forward and backward map.

Backpropagation is the chain rule applied one piece at a time, from the loss back to the
inputs: each ``*_backward`` function takes ∂L/∂(its output) and returns ∂L/∂(its inputs).
Arrays hold one example per row, so a batch of n examples flows through at once. The pieces::

    dense              a = xW + b
    tanh               h = tanh(a)            (numpy's own np.tanh)
    sigmoid            σ(z) = 1 / (1 + e^(−z))
    softmax            p = softmax(z), row by row
    cross_entropy      L = −(1/n) Σᵢ log softmax(zᵢ)_yᵢ
    mean_squared_error L = (1/(n·d)) Σᵢⱼ (x̂ᵢⱼ − xᵢⱼ)²
"""

from __future__ import annotations

import numpy as np


def dense(x, W, b):
    """The affine map of a fully connected layer: a = xW + b (x is (n, d_in), W is (d_in, d_out))."""
    return x @ W + b


def tanh_mlp(x, W1, b1, W2, b2):
    """One hidden layer of tanh units: h = tanh(xW1 + b1), out = hW2 + b2; returns (h, out)."""
    h = np.tanh(dense(x, W1, b1))
    return h, dense(h, W2, b2)


def dense_backward(x, W, da):
    """From ∂L/∂a to ∂L/∂x = da·Wᵀ, ∂L/∂W = xᵀ·da and ∂L/∂b = Σᵢ daᵢ (b is added to every row)."""
    return da @ W.T, x.T @ da, da.sum(axis=0)


def tanh_backward(h, dh):
    """From ∂L/∂h to ∂L/∂a for h = tanh(a): tanh′(a) = 1 − tanh(a)² = 1 − h²."""
    return dh * (1.0 - h * h)


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), written as e^z / (1 + e^z) for z < 0 so that no exponent overflows."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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


def cross_entropy(z, y):
    """The mean cross-entropy of logits z (n, k) against labels y, and its gradient ∂L/∂z.

    L = −(1/n) Σᵢ log softmax(zᵢ)_yᵢ and ∂L/∂z = (softmax(z) − Y)/n, Y the one-hot labels:
    the softmax and the log cancel into "predicted minus true".
    """
    n, k = z.shape
    log_p = log_softmax(z)
    loss = -np.mean(log_p[np.arange(n), y])
    return float(loss), (np.exp(log_p) - one_hot(y, k)) / n


def mean_squared_error(x_hat, x):
    """The mean over all n·d entries of (x̂ − x)², and its gradient ∂L/∂x̂ = 2(x̂ − x)/(n·d)."""
    diff = x_hat - x
    return float(np.mean(diff * diff)), 2.0 * diff / diff.size
