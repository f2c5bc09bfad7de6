"""adamlib: the optimizers of "Adam, step by step", built one idea at a time.

SGD → Momentum → AdaGrad → RMSprop → Adam (and AdamW, AMSGrad), each assembled from the small
update rules in :mod:`adamlib.rules`, with the test problems, models and runners the chapters
use. The course's scaffolding (exercise checks, explorer, figure style, source listings) lives in
:mod:`adamlib.course`; the tools that build and release the book are not part of the package
(``tools/`` in the repository).
"""

import sys

from . import data, experiments, gan, layers, online, rules, schedules
from ._validate import NotFloatError
from .optimizers import (
    SGD,
    AdaGrad,
    AdaGradState,
    Adam,
    AdamState,
    AdamW,
    Momentum,
    MomentumState,
    Optimizer,
    RMSprop,
    RMSpropState,
    SGDState,
)
from .models import MLP, Autoencoder, SoftmaxRegression, gaussian_blobs, softmax
from .problems import NoisyQuadratic, Quadratic, Rosenbrock, SparseRegression, noisy_ravine, ravine
from .train import TrainResult, minimize, train
from .schedules import CosineDecay, LinearWarmup, StepDecay
from .course import checks, explorer, plotting, source
from .course.source import show_source
from .course.explorer import Slider, explore

# Notebooks and released nbgrader hidden tests import the scaffolding by its paths of before
# 0.6.0 (adamlib.checks.chapter6, adamlib.plotting): each such path names the module of
# adamlib.course itself, so there is one copy of the code and one set of module state (the
# checks' summary of results).
for _name, _module in list(sys.modules.items()):
    if _name.startswith("adamlib.course."):
        sys.modules["adamlib." + _name.removeprefix("adamlib.course.")] = _module
del _name, _module

__version__ = "0.8.0"

__all__ = [
    "SGD", "Momentum", "AdaGrad", "RMSprop", "Adam", "AdamW", "Optimizer",
    "SGDState", "MomentumState", "AdaGradState", "RMSpropState", "AdamState",
    "StepDecay", "CosineDecay", "LinearWarmup",
    "Quadratic", "Rosenbrock", "NoisyQuadratic", "SparseRegression", "ravine", "noisy_ravine",
    "SoftmaxRegression", "MLP", "Autoencoder", "softmax", "gaussian_blobs",
    "train", "TrainResult", "data", "experiments", "layers", "gan", "online",
    "minimize", "rules", "schedules", "NotFloatError", "show_source", "explore", "Slider",
]
