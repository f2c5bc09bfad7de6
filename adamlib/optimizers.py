"""The optimizers of the course, each built from the rules in :mod:`adamlib.rules`.

Every optimizer is an immutable object holding its hyperparameters, with two methods::

    state = opt.init(params)
    params, state = opt.step(params, grads, state)

``step`` is pure: it returns new params and a new state and never changes its inputs. Params
are a float array or a dict of float arrays; the state is a NamedTuple whose fields carry the
book's names (``t``, ``b``, ``s``, ``v``, ``m``, ``v_max``) and mirror the params' structure.

Each class writes its update for a single array in ``update``; the shared ``step`` checks the
input, finds the learning rate of step t (a constant or a schedule) and applies ``update`` to
every array of the params, block by block (:func:`blockwise`): an update must be elementwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, NamedTuple, Union

import numpy as np

from . import _tree, _validate
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
    m: Any  #: the first-moment average m (not bias-corrected)
    v: Any  #: the second-moment average v (not bias-corrected)
    v_max: Any = None  #: AMSGrad's running maximum of v (``None`` unless ``amsgrad=True``)


BLOCK = 32_768  #: entries per block in :func:`blockwise` (128 KB of float32)


def blockwise(update, p, *arrays, **hyperparameters):
    """``update(p, *arrays)`` computed block by block into new arrays of p's shape and dtype.

    Every update in this module is elementwise, so applying it to consecutive blocks of the
    flattened arrays gives exactly the whole-array result. What changes is where the work
    happens: each rule is a numpy pass that writes a new temporary, and on a million entries
    each of Adam's fourteen passes goes out to main memory; on a block of 32,768 entries the
    temporaries stay in the core's cache. At 10⁶ float32 entries this more than halves Adam's
    step time (``bench/step_time.py``). An array of one block is updated whole.
    """
    if p.size <= BLOCK:
        # asarray: arithmetic on 0-d arrays returns numpy scalars; keep arrays and p's dtype.
        return [np.asarray(value, dtype=p.dtype) for value in update(p, *arrays, **hyperparameters)]
    flat = [a.reshape(-1) for a in (p, *arrays)]
    results = None
    for start in range(0, p.size, BLOCK):
        block = slice(start, start + BLOCK)
        values = update(*(a[block] for a in flat), **hyperparameters)
        if results is None:
            results = [np.empty(p.size, dtype=p.dtype) for _ in values]
        for result, value in zip(results, values):
            result[block] = value  # the assignment rounds a float64 intermediate to p's dtype
    return [result.reshape(p.shape) for result in results]


@dataclass(frozen=True)
class Optimizer:
    """What every optimizer shares: the state's bookkeeping and the checks of its input."""

    State = SGDState

    def _check(self, **values):
        """Store hyperparameters after their check (the dataclass is frozen, hence __setattr__)."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _slots(self) -> tuple:
        """The names of the state's per-parameter arrays, in the State's order."""
        return self.State._fields[1:]

    def init(self, params):
        """A fresh state for these params: t = 0 and every buffer zero."""
        arrays = _tree.check_params(params)
        zeros = {name: _tree.zeros_like(arrays, params) for name in self._slots()}
        return self.State(t=0, **zeros)

    def step(self, params, grads, state):
        """One update of every params array; returns ``(new_params, new_state)``."""
        arrays = _tree.check_params(params)
        gradients = _tree.check_grads(arrays, grads, params)
        if not isinstance(state, self.State):
            raise ValueError(
                f"state must be the {self.State.__name__} that {type(self).__name__}.init made, "
                f"got {type(state).__name__}"
            )
        slots = self._slots()
        _tree.check_state(state, slots, arrays, params)
        t = state.t + 1
        lr = _validate.lr_at(self.lr, t)
        new_params, new_slots = {}, {name: {} for name in slots}
        for key, p in arrays.items():
            buffers = [_tree.get(getattr(state, name), key) for name in slots]
            p_new, *buffers_new = blockwise(self.update, p, gradients[key], *buffers, t=t, lr=lr)
            new_params[key] = p_new
            for name, buffer in zip(slots, buffers_new):
                new_slots[name][key] = buffer
        new_state = self.State(t, **{name: _tree.build(params, new_slots[name]) for name in slots})
        return _tree.build(params, new_params), new_state

    def update(self, p, g, *buffers, t, lr):
        raise NotImplementedError(f"{type(self).__name__} must define update()")


@dataclass(frozen=True)
class SGD(Optimizer):
    """Gradient descent: p ← p − lr·g."""

    lr: LearningRate

    State = SGDState

    def __post_init__(self):
        self._check(lr=_validate.learning_rate("lr", self.lr))

    def update(self, p, g, *, t, lr):
        return (descend(p, g, lr),)


@dataclass(frozen=True)
class Momentum(Optimizer):
    """The heavy ball: b ← μ·b + g; p ← p − lr·b  (Nesterov: p ← p − lr·(g + μ·b)).

    This is PyTorch's ``SGD(momentum=μ, nesterov=...)`` with b₀ = 0, so that b₁ = g.
    """

    lr: LearningRate
    momentum: float = 0.9
    nesterov: bool = False

    State = MomentumState

    def __post_init__(self):
        self._check(
            lr=_validate.learning_rate("lr", self.lr),
            momentum=_validate.in_unit_interval("momentum", self.momentum),
            nesterov=_validate.flag("nesterov", self.nesterov),
        )
        if self.nesterov and self.momentum == 0:
            raise ValueError("nesterov=True needs momentum > 0, got momentum=0.0")

    def update(self, p, g, b, *, t, lr):
        b = heavy_ball(b, g, self.momentum)
        direction = nesterov_direction(b, g, self.momentum) if self.nesterov else b
        return descend(p, direction, lr), b


@dataclass(frozen=True)
class AdaGrad(Optimizer):
    """Per-parameter steps from the whole history: s ← s + g²; p ← p − lr·g / (√s + ε)."""

    lr: LearningRate = 1e-2
    eps: float = 1e-10

    State = AdaGradState

    def __post_init__(self):
        self._check(
            lr=_validate.learning_rate("lr", self.lr),
            eps=_validate.non_negative("eps", self.eps),
        )

    def update(self, p, g, s, *, t, lr):
        s = accumulate_squares(s, g)
        return descend(p, scale_by_rms(g, s, self.eps), lr), s


@dataclass(frozen=True)
class RMSprop(Optimizer):
    """AdaGrad that forgets: v ← α·v + (1 − α)·g²; p ← p − lr·g / (√v + ε)."""

    lr: LearningRate = 1e-2
    alpha: float = 0.99
    eps: float = 1e-8

    State = RMSpropState

    def __post_init__(self):
        self._check(
            lr=_validate.learning_rate("lr", self.lr),
            alpha=_validate.in_unit_interval("alpha", self.alpha),
            eps=_validate.non_negative("eps", self.eps),
        )

    def update(self, p, g, v, *, t, lr):
        v = ema(v, g * g, self.alpha)
        return descend(p, scale_by_rms(g, v, self.eps), lr), v


@dataclass(frozen=True)
class Adam(Optimizer):
    """Adaptive moment estimation (Kingma & Ba, 2015), as PyTorch's ``torch.optim.Adam``::

        g ← g + λ·p                      (only if weight_decay λ > 0: L2 in the gradient)
        m ← β₁·m + (1 − β₁)·g            Momentum's first moment, as an average
        v ← β₂·v + (1 − β₂)·g²           RMSprop's second moment
        m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)   bias correction
        p ← p − lr·m̂ / (√v̂ + ε)

    With ``amsgrad=True``, v̂ uses v_max ← max(v_max, v) instead of v (PyTorch's variant: the
    maximum is taken before the bias correction). With ``bias_correction=False``, m̂ = m, v̂ = v.
    """

    lr: LearningRate = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    amsgrad: bool = False
    bias_correction: bool = True

    State = AdamState

    def __post_init__(self):
        self._check(
            lr=_validate.learning_rate("lr", self.lr),
            beta1=_validate.in_unit_interval("beta1", self.beta1),
            beta2=_validate.in_unit_interval("beta2", self.beta2),
            eps=_validate.non_negative("eps", self.eps),
            weight_decay=_validate.non_negative("weight_decay", self.weight_decay),
            amsgrad=_validate.flag("amsgrad", self.amsgrad),
            bias_correction=_validate.flag("bias_correction", self.bias_correction),
        )

    def _slots(self):
        return ("m", "v", "v_max") if self.amsgrad else ("m", "v")

    def update(self, p, g, m, v, v_max=None, *, t, lr):
        if self.weight_decay:
            g = l2_gradient(g, p, self.weight_decay)
        return self.adam_step(p, g, m, v, v_max, t=t, lr=lr)

    def adam_step(self, p, g, m, v, v_max, *, t, lr):
        """The Adam update of one array, shared by ``Adam`` and ``AdamW``."""
        m = ema(m, g, self.beta1)
        v = ema(v, g * g, self.beta2)
        second = v
        if self.amsgrad:
            v_max = running_max(v_max, v)
            second = v_max
        if self.bias_correction:
            m_hat, v_hat = bias_correction(m, self.beta1, t), bias_correction(second, self.beta2, t)
        else:
            m_hat, v_hat = m, second
        p = descend(p, scale_by_rms(m_hat, v_hat, self.eps), lr)
        return (p, m, v, v_max) if self.amsgrad else (p, m, v)


@dataclass(frozen=True)
class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019), as ``torch.optim.AdamW``.

        p ← p·(1 − lr·λ)     then the Adam step with the raw gradient g.
    """

    weight_decay: float = 1e-2

    def update(self, p, g, m, v, v_max=None, *, t, lr):
        p = decay_weights(p, lr, self.weight_decay)
        return self.adam_step(p, g, m, v, v_max, t=t, lr=lr)

