"""Learning-rate schedules: callables of the step number t = 1, 2, ... returning lr(t).

Any optimizer takes one wherever it takes ``lr``, e.g. ``Adam(lr=CosineDecay(1e-3, 1000))``,
and uses lr(t) at step t — in AdamW's decay too — as PyTorch does when a scheduler sets the
learning rate before each step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._validate import Checked, fraction, hyperparameter, learning_rate, lr_at, non_negative, positive_int


@dataclass(frozen=True)
class StepDecay(Checked):
    """lr(t) = lr·γ^⌊(t − 1)/step_size⌋: multiply by γ every ``step_size`` steps."""

    lr: float = hyperparameter(learning_rate)
    step_size: int = hyperparameter(positive_int)
    gamma: float = hyperparameter(fraction, 0.1, low_open=True)

    def __call__(self, t: int) -> float:
        return self.lr * self.gamma ** ((t - 1) // self.step_size)


@dataclass(frozen=True)
class CosineDecay(Checked):
    """lr(t) = lr_min + ½(lr − lr_min)(1 + cos(π·(t − 1)/total_steps)), then lr_min.

    The annealing of SGDR (Loshchilov & Hutter, 2017) without restarts: it starts at ``lr``
    and reaches ``lr_min`` after ``total_steps`` steps.
    """

    lr: float = hyperparameter(learning_rate)
    total_steps: int = hyperparameter(positive_int)
    lr_min: float = hyperparameter(non_negative, 0.0)

    def __post_init__(self):
        super().__post_init__()
        if self.lr_min > self.lr:
            raise ValueError(f"lr_min must be <= lr={self.lr!r}, got {self.lr_min!r}")

    def __call__(self, t: int) -> float:
        progress = min(t - 1, self.total_steps) / self.total_steps
        return self.lr_min + 0.5 * (self.lr - self.lr_min) * (1 + math.cos(math.pi * progress))


@dataclass(frozen=True)
class LinearWarmup(Checked):
    """lr(t) = after(t)·t/warmup_steps for t ≤ warmup_steps, then after(t).

    ``after`` is a constant learning rate or another schedule (warm-up, then cosine decay).
    """

    after: object = hyperparameter(learning_rate)
    warmup_steps: int = hyperparameter(positive_int)

    def __call__(self, t: int) -> float:
        base = lr_at(self.after, t)
        return base * min(1.0, t / self.warmup_steps)
