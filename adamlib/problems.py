"""The test problems of the course: losses with analytic gradients.

- :class:`Quadratic` — f(x) = ½(x − x*)ᵀH(x − x*); :func:`ravine` makes an ill-conditioned one.
- :class:`Rosenbrock` — the banana-shaped valley, f(x, y) = (a − x)² + b(y − x²)².
- :class:`NoisyQuadratic` — a quadratic that is an average over data points, whose minibatch
  gradients carry the noise of sampling, like a model trained on minibatches.
- :class:`SparseRegression` — linear regression on binary features of very different
  frequencies, whose minibatch gradients are sparse.

Losses accept a batch of points (last axis = coordinates), which is what contour plots need.
"""

from __future__ import annotations

import numpy as np

from . import _validate


def _as_points(x) -> np.ndarray:
    return np.asarray(x, dtype=float)


class Minibatches:
    """For a problem whose ``minibatch_grad(x, batch_size, rng)`` samples its data."""

    def grad_fn(self, batch_size: int, seed: int = 0):
        """A minibatch-gradient function for :func:`adamlib.train.minimize`, seeded for reproducibility."""
        _validate.positive_int("batch_size", batch_size)
        rng = np.random.default_rng(seed)
        return lambda x: self.minibatch_grad(x, batch_size, rng)


class Quadratic:
    """f(x) = ½ (x − x*)ᵀ H (x − x*), with H symmetric positive definite; ∇f(x) = H(x − x*).

    The curvature along each eigenvector of H is its eigenvalue λ; the largest is L (the
    gradient's Lipschitz constant), the smallest μ, and κ = L/μ is the condition number.
    """

    def __init__(self, H, x_star=None, start=None, bounds=None):
        H = np.array(H, dtype=float)
        if H.ndim != 2 or H.shape[0] != H.shape[1] or not np.allclose(H, H.T):
            raise ValueError(f"H must be a symmetric square matrix, got shape {H.shape}")
        self.eigenvalues = np.linalg.eigvalsh(H)
        if self.eigenvalues[0] <= 0:
            raise ValueError(f"H must be positive definite; its eigenvalues are {self.eigenvalues}")
        self.H = H
        self.dim = H.shape[0]
        self.x_star = np.zeros(self.dim) if x_star is None else _as_points(x_star)
        self.start = None if start is None else _as_points(start)
        self.bounds = bounds

    @property
    def L(self) -> float:
        """The largest curvature: gradient descent is stable for 0 < lr < 2/L."""
        return float(self.eigenvalues[-1])

    @property
    def mu(self) -> float:
        """The smallest curvature."""
        return float(self.eigenvalues[0])

    @property
    def kappa(self) -> float:
        """The condition number L/μ: how much steeper the steepest direction is than the flattest."""
        return self.L / self.mu

    def f(self, x):
        d = _as_points(x) - self.x_star
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.H, d)

    def grad(self, x):
        return (_as_points(x) - self.x_star) @ self.H


def ravine(kappa: float = 20.0, angle: float = 0.0) -> Quadratic:
    """A two-dimensional quadratic valley, κ times steeper across than along.

    The curvatures are 1 (along the valley floor) and κ (across it); ``angle`` (radians)
    rotates the valley away from the axes.
    """
    _validate.at_least("kappa", kappa, 1)
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    H = R @ np.diag([1.0, kappa]) @ R.T
    return Quadratic(H, start=R @ np.array([-9.0, 1.5]), bounds=((-10, 10), (-3, 3)))


class Rosenbrock:
    """f(x, y) = (a − x)² + b(y − x²)²: a curved, flat-bottomed valley; minimum at (a, a²)."""

    def __init__(self, a: float = 1.0, b: float = 100.0):
        self.a, self.b = float(a), float(b)
        self.x_star = np.array([self.a, self.a**2])
        self.start = np.array([-1.2, 1.0])
        self.bounds = ((-2.0, 2.0), (-1.0, 3.0))

    def f(self, x):
        x, y = np.moveaxis(_as_points(x), -1, 0)
        return (self.a - x) ** 2 + self.b * (y - x**2) ** 2

    def grad(self, x):
        x, y = np.moveaxis(_as_points(x), -1, 0)
        dx = -2 * (self.a - x) - 4 * self.b * x * (y - x**2)
        dy = 2 * self.b * (y - x**2)
        return np.stack([dx, dy], axis=-1)

    def hessian(self, x):
        """∇²f(x) = [[2 − 4b(y − x²) + 8bx², −4bx], [−4bx, 2b]]; [[802, −400], [−400, 200]] at (1, 1)."""
        x, y = _as_points(x)
        return np.array([[2 - 4 * self.b * (y - x**2) + 8 * self.b * x**2, -4 * self.b * x],
                         [-4 * self.b * x, 2 * self.b]])


class NoisyQuadratic(Minibatches, Quadratic):
    """A quadratic loss that is an average over n data points c₁, …, cₙ:

        f(x) = (1/n) Σᵢ ½ (x − cᵢ)ᵀ H (x − cᵢ),   ∇f(x) = H (x − c̄),

    minimised at the data's mean c̄ = x*. A minibatch S of B points drawn with replacement gives
    the gradient H(x − mean of cᵢ over S): unbiased, with noise covariance H·Σ·H / B, where Σ is
    the data's covariance. That is the noise of minibatch SGD, in a problem small enough to see.
    """

    def __init__(self, H, n: int = 1000, spread: float = 1.0, x_star=None, seed: int = 0,
                 start=None, bounds=None):
        super().__init__(H, x_star=x_star, start=start, bounds=bounds)
        self.n = _validate.positive_int("n", n, minimum=2)
        spread = _validate.non_negative("spread", spread)
        z = np.random.default_rng(seed).standard_normal((self.n, self.dim))
        z -= z.mean(axis=0)
        self.data = self.x_star + spread * z
        self.data_cov = np.cov(self.data, rowvar=False, bias=True).reshape(self.dim, self.dim)

    @property
    def f_star(self) -> float:
        """The smallest loss, reached at x*: the average spread of the data, ½ tr(HΣ)."""
        return 0.5 * float(np.trace(self.H @ self.data_cov))

    def f(self, x):
        return super().f(x) + self.f_star

    def minibatch_grad(self, x, batch_size: int, rng: np.random.Generator, draws=None):
        """The gradient over B data points drawn with replacement.

        With ``draws=k``, k independent minibatch gradients at once, as a (k, dim) array: at
        the one point x, or, when x is a (k, dim) array, one at each of its rows (k runs of
        SGD side by side).
        """
        _validate.positive_int("batch_size", batch_size)
        shape = (batch_size,) if draws is None else (_validate.positive_int("draws", draws), batch_size)
        batch = self.data[rng.integers(0, self.n, size=shape)]
        return (_as_points(x) - batch.mean(axis=-2)) @ self.H

    def noise_cov(self, batch_size: int) -> np.ndarray:
        """The covariance of a minibatch gradient around the full gradient: H·Σ·H / B."""
        _validate.positive_int("batch_size", batch_size)
        return self.H @ self.data_cov @ self.H / batch_size


def noisy_ravine(kappa: float = 20.0, spread: float = 0.5, n: int = 1000, seed: int = 0):
    """The ravine of :func:`ravine` as an average over n noisy data points."""
    valley = ravine(kappa)
    return NoisyQuadratic(valley.H, n=n, spread=spread, seed=seed, start=valley.start,
                          bounds=valley.bounds)


class SparseRegression(Minibatches):
    """Linear regression on binary features that appear with very different frequencies.

    Example k has features aₖ ∈ {0, 1}ᵈ, feature j switched on with probability pⱼ, and the target
    yₖ = aₖᵀw_true + noise. The loss is half the mean squared error over the n examples,

        f(w) = (1/2n) Σₖ (aₖᵀw − yₖ)²,   ∇f(w) = (1/n) Aᵀ(Aw − y),

    minimised at the least-squares weights w*. A minibatch gradient averages over B examples drawn
    with replacement; a rare feature's component is exactly zero in every minibatch that lacks
    it — the sparse gradients of models of words or categories.
    """

    def __init__(self, frequencies, weights=None, n: int = 1000, noise: float = 0.1,
                 seed: int = 0):
        p = np.array(frequencies, dtype=float)
        if p.ndim != 1 or p.size == 0 or not np.all((p > 0) & (p <= 1)):
            raise ValueError(f"frequencies must be a non-empty 1-D list of numbers in (0, 1], "
                             f"got {frequencies!r}")
        self.frequencies = p
        self.dim = p.size
        self.n = _validate.positive_int("n", n, minimum=2)
        noise = _validate.non_negative("noise", noise)
        w = np.ones(self.dim) if weights is None else np.array(weights, dtype=float)
        if w.shape != (self.dim,):
            raise ValueError(f"weights must have one entry per feature ({self.dim}), "
                             f"got shape {w.shape}")
        self.w_true = w
        rng = np.random.default_rng(seed)
        A = (rng.random((self.n, self.dim)) < p).astype(float)
        for j in np.flatnonzero(A.sum(axis=0) == 0):  # every feature appears at least once
            A[rng.integers(self.n), j] = 1.0
        self.A = A
        self.y = A @ w + noise * rng.standard_normal(self.n)
        self.x_star = np.linalg.lstsq(A, self.y, rcond=None)[0]
        self.start = np.zeros(self.dim)

    def f(self, w):
        residual = _as_points(w) @ self.A.T - self.y
        return 0.5 * np.mean(residual**2, axis=-1)

    @property
    def f_star(self) -> float:
        """The smallest loss, reached at the least-squares weights w*."""
        return float(self.f(self.x_star))

    def grad(self, w):
        return (_as_points(w) @ self.A.T - self.y) @ self.A / self.n

    def minibatch_grad(self, w, batch_size: int, rng: np.random.Generator):
        """The gradient over B examples drawn with replacement."""
        _validate.positive_int("batch_size", batch_size)
        rows = rng.integers(0, self.n, size=batch_size)
        A, y = self.A[rows], self.y[rows]
        return (_as_points(w) @ A.T - y) @ A / batch_size
