"""The optimizers of the course, each built from the rules in :mod:`adamlib.rules`.

Every optimizer is an immutable object holding its hyperparameters, with two methods::

    state = opt.init(params)
    params, state = opt.step(params, grads, state)

``step`` is pure: it returns new params and a new state and never changes its inputs. Params
are a float array or a dict of float arrays; the state is a NamedTuple whose fields carry the
book's names (``t``, ``b``, ``s``, ``v``, ``m``, ``v_max``) and mirror the params' structure.

A class lists its hyperparameters with their allowed ranges and writes its rule for one array in
``update``; ``adamlib._engine`` runs it (checks, learning rate of step t, every array).
Adam's variants are built from small pieces: :func:`without_bias_correction` (chapter 5),
:func:`l2_in_gradient` and :func:`decoupled_weight_decay` (chapter 8.1) around its step, and
``Adam.amsgrad_update`` (chapter 8.2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, NamedTuple, Union

from . import _engine
from ._validate import Checked, flag, hyperparameter, in_unit_interval, learning_rate, non_negative
from .rules import (
    accumulate_squares,
    bias_correction,
    decay_weights,
    descend,
    ema,
    heavy_ball,
    l2_gradient,
    nesterov_direction,
    running_max,
    scale_by_rms,
)

LearningRate = Union[float, Callable[[int], float]]


class SGDState(NamedTuple):
    """The state of :class:`SGD`."""

    t: int  #: the number of steps taken


class MomentumState(NamedTuple):
    """The state of :class:`Momentum`."""

    t: int  #: the number of steps taken
    b: Any  #: the buffer (velocity) b, a decaying sum of the gradients


class AdaGradState(NamedTuple):
    """The state of :class:`AdaGrad`."""

    t: int  #: the number of steps taken
    s: Any  #: the sum s of the squared gradients


class RMSpropState(NamedTuple):
    """The state of :class:`RMSprop`."""

    t: int  #: the number of steps taken
    v: Any  #: the moving average v of the squared gradients


class AdamState(NamedTuple):
    """The state of :class:`Adam` and :class:`AdamW`."""

    t: int  #: the number of steps taken
    m: Any  #: the first-moment average m = (1 − β₁)·b, Momentum's buffer averaged (not bias-corrected)
    v: Any  #: the second-moment average v (not bias-corrected)
    v_max: Any = None  #: AMSGrad's running maximum of v (``None`` unless ``amsgrad=True``)


@dataclass(frozen=True)
class Optimizer(Checked):
    """What every optimizer shares: ``init`` and ``step``, which run its rule for one array."""

    State = SGDState
    #: Each entry's update reads only that entry, so the engine may update an array block by block.
    elementwise = True

    @property
    def slots(self) -> tuple:
        """The names of the state's per-parameter arrays, in the State's order."""
        return self.State._fields[1:]

    def rule(self):
        """The update of one array that ``step`` applies: ``update``, unless a variant changes it."""
        return self.update

    def init(self, params):
        """A fresh state for these params: t = 0 and every buffer zero."""
        return _engine.init(self, params)

    def step(self, params, grads, state):
        """One update of every params array; returns ``(new_params, new_state)``."""
        return _engine.step(self, params, grads, state)

    def update(self, p, g, *buffers, t, lr):
        raise NotImplementedError(f"{type(self).__name__} must define update()")


@dataclass(frozen=True)
class SGD(Optimizer):
    """Gradient descent: p ← p − lr·g."""

    lr: LearningRate = hyperparameter(learning_rate)

    def update(self, p, g, *, t, lr):
        return (descend(p, g, lr),)


@dataclass(frozen=True)
class Momentum(Optimizer):
    """The heavy ball: b ← μ·b + g; p ← p − lr·b  (Nesterov: p ← p − lr·(g + μ·b)).

    This is PyTorch's ``SGD(momentum=μ, nesterov=...)`` with b₀ = 0, so that b₁ = g.
    """

    lr: LearningRate = hyperparameter(learning_rate)
    momentum: float = hyperparameter(in_unit_interval, 0.9)
    nesterov: bool = hyperparameter(flag, False, needs=("momentum", "> 0", lambda mu: mu > 0))
    State = MomentumState

    def update(self, p, g, b, *, t, lr):
        b = heavy_ball(b, g, self.momentum)
        direction = nesterov_direction(b, g, self.momentum) if self.nesterov else b
        return descend(p, direction, lr), b


@dataclass(frozen=True)
class AdaGrad(Optimizer):
    """Per-parameter steps from the whole history: s ← s + g²; p ← p − lr·g / (√s + ε)."""

    lr: LearningRate = hyperparameter(learning_rate, 1e-2)
    eps: float = hyperparameter(non_negative, 1e-10)
    State = AdaGradState

    def update(self, p, g, s, *, t, lr):
        s = accumulate_squares(s, g)
        return descend(p, scale_by_rms(g, s, self.eps), lr), s


@dataclass(frozen=True)
class RMSprop(Optimizer):
    """AdaGrad that forgets: v ← α·v + (1 − α)·g²; p ← p − lr·g / (√v + ε)."""

    lr: LearningRate = hyperparameter(learning_rate, 1e-2)
    alpha: float = hyperparameter(in_unit_interval, 0.99)
    eps: float = hyperparameter(non_negative, 1e-8)
    State = RMSpropState

    def update(self, p, g, v, *, t, lr):
        v = ema(v, g * g, self.alpha)
        return descend(p, scale_by_rms(g, v, self.eps), lr), v


@dataclass(frozen=True)
class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015), as PyTorch's ``torch.optim.Adam``; its step is ``update``::

        m ← β₁·m + (1 − β₁)·g     Momentum's buffer b as an average: m = (1 − β₁)·b when μ = β₁
        v ← β₂·v + (1 − β₂)·g²    RMSprop's second moment
        m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),  p ← p − lr·m̂ / (√v̂ + ε)

    The options build other steps from the same pieces (``adam_rule``, ``rule``):
    ``bias_correction=False`` (chapter 5), ``weight_decay`` λ > 0, L2 in the gradient (chapter
    8.1), and ``amsgrad`` (chapter 8.2, PyTorch's form: the maximum of the raw v, then the bias
    correction).
    """

    lr: LearningRate = hyperparameter(learning_rate, 1e-3)
    beta1: float = hyperparameter(in_unit_interval, 0.9)
    beta2: float = hyperparameter(in_unit_interval, 0.999)
    eps: float = hyperparameter(non_negative, 1e-8)
    weight_decay: float = hyperparameter(non_negative, 0.0)
    amsgrad: bool = hyperparameter(flag, False)
    bias_correction: bool = hyperparameter(flag, True)
    State = AdamState

    def update(self, p, g, m, v, *, t, lr):
        """Algorithm 1 of Kingma & Ba (2015), for one array."""
        m = ema(m, g, self.beta1)  # m = (1 − β₁)·b: Momentum's buffer, averaged
        v = ema(v, g * g, self.beta2)
        m_hat = bias_correction(m, self.beta1, t)
        v_hat = bias_correction(v, self.beta2, t)
        return descend(p, scale_by_rms(m_hat, v_hat, self.eps), lr), m, v

    def amsgrad_update(self, p, g, m, v, v_max, *, t, lr):
        """AMSGrad as PyTorch computes it: Adam's step over v_max, the largest v so far."""
        m = ema(m, g, self.beta1)
        v = ema(v, g * g, self.beta2)
        v_max = running_max(v_max, v)
        m_hat = bias_correction(m, self.beta1, t)
        v_hat = bias_correction(v_max, self.beta2, t)
        return descend(p, scale_by_rms(m_hat, v_hat, self.eps), lr), m, v, v_max

    @property
    def slots(self) -> tuple:
        return ("m", "v", "v_max") if self.amsgrad else ("m", "v")

    def adam_rule(self):
        """Adam's step as the options choose it, before any weight decay."""
        rule = self.amsgrad_update if self.amsgrad else self.update
        return rule if self.bias_correction else without_bias_correction(rule)

    def rule(self):
        rule = self.adam_rule()
        return l2_in_gradient(rule, self.weight_decay) if self.weight_decay else rule


@dataclass(frozen=True)
class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019), as ``torch.optim.AdamW``:
    p ← p·(1 − lr·λ), then Adam's step with the raw gradient g."""

    weight_decay: float = hyperparameter(non_negative, 1e-2)

    def rule(self):
        return decoupled_weight_decay(self.adam_rule(), self.weight_decay)


# The pieces that make Adam's variants from its step ---------------------------------------------


def without_bias_correction(step):
    """``step`` with m̂ = m and v̂ = v: run at t = ∞, where 1 − βᵗ = 1 (Adam's step reads t only
    in ``bias_correction``)."""
    def uncorrected(p, g, *buffers, t, lr):
        return step(p, g, *buffers, t=math.inf, lr=lr)
    return uncorrected


def l2_in_gradient(step, weight_decay):
    """``step`` on the gradient g + λ·p: L2 regularisation, what Adam's ``weight_decay`` does."""
    def regularised(p, g, *buffers, t, lr):
        return step(p, l2_gradient(g, p, weight_decay), *buffers, t=t, lr=lr)
    return regularised


def decoupled_weight_decay(step, weight_decay):
    """``step`` from the decayed params p·(1 − lr·λ), with the raw gradient: AdamW."""
    def decayed(p, g, *buffers, t, lr):
        return step(decay_weights(p, lr, weight_decay), g, *buffers, t=t, lr=lr)
    return decayed
