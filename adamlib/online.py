"""Online convex optimization: the counterexamples of Reddi, Kale & Kumar (2018) to Adam.

In the online setting a learner plays a point x_t of a convex set, then sees a convex loss
f_t and pays f_t(x_t). Its *regret* after T rounds compares what it paid with the best fixed
point in hindsight:

    R_T = Σ_{t≤T} f_t(x_t) − min_{x} Σ_{t≤T} f_t(x).

A method "converges" in this sense when the average regret R_T / T goes to zero. Reddi et al.
build linear losses on the interval [−1, 1] on which Adam's average regret does not, with the
decay rates they choose for each problem (β₁ = 0 and β₂ = 1/(1 + C²) in their section 3): a
rare, large gradient pushes towards the optimum x = −1, frequent small ones push the other way,
and Adam's exponential moving average of squared gradients forgets the large one too fast.
AMSGrad's running maximum remembers it.

- :class:`OnlineLinear` — the family f_t(x) = g_t·x, with g_t = ``big`` when t mod ``period``
  = 1 and −``small`` otherwise, on [−1, 1] (g_t is also the gradient of f_t, at every x).
- :func:`reddi_section3` — their section 3 construction, Cx every third round, −x otherwise.
- :func:`reddi_section5` — their section 5 experiment, 1010x every 101st round, −10x otherwise.
- :class:`InverseSqrt` — the step sizes α_t = α/√t of their analysis, as a schedule.
- :func:`play` — run any optimizer of :mod:`adamlib.optimizers` on such a problem, projecting
  onto the interval (clipping) after every step.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from ._validate import Checked, finite, hyperparameter, positive, positive_int

__all__ = ["OnlineLinear", "reddi_section3", "reddi_section5", "InverseSqrt", "play"]


@dataclass(frozen=True)
class OnlineLinear(Checked):
    """Linear losses f_t(x) = g_t·x on the interval [−1, 1], with

        g_t = big     if t mod period == 1   (t = 1, 2, ...)
        g_t = −small  otherwise.

    g_t is the slope of round t's loss and its gradient, the same at every x. Over one period
    the slopes add up to big − (period − 1)·small. When that sum is positive the best fixed
    point is x* = −1, yet most rounds (all but one per period) push x up, towards +1.
    """

    big: float = hyperparameter(positive)
    small: float = hyperparameter(positive)
    period: int = hyperparameter(positive_int, minimum=2)
    lower: float = hyperparameter(finite, -1.0)
    upper: float = hyperparameter(finite, 1.0)

    def __post_init__(self):
        super().__post_init__()
        if not self.lower < self.upper:
            raise ValueError(f"the interval needs lower < upper, got [{self.lower!r}, {self.upper!r}]")

    def coefficients(self, T: int) -> np.ndarray:
        """g_1, ..., g_T: the slope (and gradient) of each round's loss."""
        t = np.arange(1, positive_int("T", T) + 1)
        return np.where(t % self.period == 1 % self.period, self.big, -self.small)

    def grad(self, t: int, x=None) -> float:
        """∇f_t(x) = g_t, the same at every x (the loss is linear)."""
        positive_int("t", t)
        return self.big if t % self.period == 1 else -self.small

    def loss(self, t: int, x) -> float:
        """f_t(x) = g_t·x."""
        return self.grad(t) * x

    @property
    def period_sum(self) -> float:
        """g_1 + ... + g_period: the slope of the summed loss over one period."""
        return self.big - (self.period - 1) * self.small

    @property
    def x_star(self) -> float:
        """The best fixed point over whole periods: the end of the interval the average slope
        points away from."""
        return self.lower if self.period_sum > 0 else self.upper

    def project(self, x):
        """The closest point of the interval (in one dimension, every projection is a clip)."""
        return np.clip(x, self.lower, self.upper)

    def regret(self, xs) -> np.ndarray:
        """R_1, ..., R_T for the points played xs = (x_1, ..., x_T):
        R_T = Σ_{t≤T} g_t x_t − min over x in the interval of Σ_{t≤T} g_t x."""
        xs = np.asarray(xs, dtype=float).reshape(-1)
        if len(xs) == 0 or not np.all(np.isfinite(xs)):
            raise ValueError("xs must be a non-empty sequence of finite points played")
        c = self.coefficients(len(xs))
        paid = np.cumsum(c * xs)
        slope = np.cumsum(c)
        best = np.minimum(slope * self.lower, slope * self.upper)
        return paid - best


def reddi_section3(C: float = 3.0) -> OnlineLinear:
    """f_t(x) = C·x when t mod 3 = 1, −x otherwise, on [−1, 1] (Reddi et al., 2018, section 3).

    With C > 2 the best fixed point is x* = −1. Their Theorem 1 runs Adam with β₁ = 0,
    β₂ = 1/(1 + C²) and α_t = α/√t on it, and shows that Adam drifts to x = +1.
    """
    if positive("C", C) <= 2:
        raise ValueError(f"C must be > 2 (so that x = -1 is the best point), got {C!r}")
    return OnlineLinear(big=C, small=1.0, period=3)


def reddi_section5() -> OnlineLinear:
    """f_t(x) = 1010·x when t mod 101 = 1, −10·x otherwise, on [−1, 1] (Reddi et al., 2018,
    section 5, the synthetic experiment run with β₁ = 0.9, β₂ = 0.99). x* = −1."""
    return OnlineLinear(big=1010.0, small=10.0, period=101)


@dataclass(frozen=True)
class InverseSqrt(Checked):
    """The step sizes α_t = α/√t of the online analyses (Adam's Theorem 4.1, Reddi et al.)."""

    alpha: float = hyperparameter(positive)

    def __call__(self, t: int) -> float:
        return self.alpha / math.sqrt(t)


def play(problem: OnlineLinear, opt, T: int, x0: float = 0.0) -> np.ndarray:
    """Play T rounds: at round t the learner holds x_t, gets the gradient g_t of f_t, takes one
    step of ``opt`` and projects the result onto the interval (x_1 = x0).

    Returns the points x_1, ..., x_{T+1}: the first T are the points played (pass them to
    :meth:`OnlineLinear.regret`), the last is where the learner ends.
    """
    T = positive_int("T", T)
    if not isinstance(x0, numbers.Real) or not problem.lower <= x0 <= problem.upper:
        raise ValueError(f"x0 must be a point of [{problem.lower}, {problem.upper}], got {x0!r}")
    c = problem.coefficients(T)
    x = np.array([float(x0)])
    state = opt.init(x)
    xs = np.empty(T + 1)
    xs[0] = x0
    for t in range(T):
        x, state = opt.step(x, np.array([c[t]]), state)
        x = problem.project(x)
        xs[t + 1] = x[0]
    return xs
