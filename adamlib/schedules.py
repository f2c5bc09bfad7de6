"""Learning-rate schedules: callables of the step number t = 1, 2, ... returning lr(t).

Any optimizer takes one wherever it takes ``lr``, e.g. ``Adam(lr=CosineDecay(1e-3, 1000))``,
and uses lr(t) at step t — in AdamW's decay too — as PyTorch does when a scheduler sets the
learning rate before each step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import _validate


@dataclass(frozen=True)
class StepDecay:
    """lr(t) = lr·γ^⌊(t − 1)/step_size⌋: multiply by γ every ``step_size`` steps."""

    lr: float
    step_size: int
    gamma: float = 0.1

    def __post_init__(self):
        _validate.learning_rate("lr", self.lr)
        _validate.positive_int("step_size", self.step_size)
        if not 0 < self.gamma <= 1:
            raise ValueError(f"gamma must be a number in (0, 1], got {self.gamma!r}")

    def __call__(self, t: int) -> float:
        return self.lr * self.gamma ** ((t - 1) // self.step_size)


@dataclass(frozen=True)
class CosineDecay:
    """lr(t) = lr_min + ½(lr − lr_min)(1 + cos(π·(t − 1)/total_steps)), then lr_min.

    The annealing of SGDR (Loshchilov & Hutter, 2017) without restarts: it starts at ``lr``
    and reaches ``lr_min`` after ``total_steps`` steps.
    """

    lr: float
    total_steps: int
    lr_min: float = 0.0

    def __post_init__(self):
        _validate.learning_rate("lr", self.lr)
        _validate.positive_int("total_steps", self.total_steps)
        _validate.non_negative("lr_min", self.lr_min)
        if self.lr_min > self.lr:
            raise ValueError(f"lr_min must be <= lr={self.lr!r}, got {self.lr_min!r}")

    def __call__(self, t: int) -> float:
        progress = min(t - 1, self.total_steps) / self.total_steps
        return self.lr_min + 0.5 * (self.lr - self.lr_min) * (1 + math.cos(math.pi * progress))


@dataclass(frozen=True)
class LinearWarmup:
    """lr(t) = after(t)·t/warmup_steps for t ≤ warmup_steps, then after(t).

    ``after`` is a constant learning rate or another schedule (warm-up, then cosine decay).
    """

    after: object
    warmup_steps: int

    def __post_init__(self):
        _validate.learning_rate("after", self.after)
        _validate.positive_int("warmup_steps", self.warmup_steps)

    def __call__(self, t: int) -> float:
        base = _validate.lr_at(self.after, t)
        return base * min(1.0, t / self.warmup_steps)
