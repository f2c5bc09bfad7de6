"""adamlib: the optimizers of "Adam, step by step", built one idea at a time.

SGD → Momentum → AdaGrad → RMSprop → Adam (and AdamW, AMSGrad), each assembled from the small
update rules in :mod:`adamlib.rules`, with the test problems, the runner, the explorer and the
exercise checks the chapters use.
"""

from . import data, gan, layers, online, rules, schedules
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
from .run import minimize
from .train import TrainResult, train
from .schedules import CosineDecay, LinearWarmup, StepDecay
from .source import show_source
from .explorer import Slider, explore

__version__ = "0.5.0"

__all__ = [
    "SGD", "Momentum", "AdaGrad", "RMSprop", "Adam", "AdamW", "Optimizer",
    "SGDState", "MomentumState", "AdaGradState", "RMSpropState", "AdamState",
    "StepDecay", "CosineDecay", "LinearWarmup",
    "Quadratic", "Rosenbrock", "NoisyQuadratic", "SparseRegression", "ravine", "noisy_ravine",
    "SoftmaxRegression", "MLP", "Autoencoder", "softmax", "gaussian_blobs",
    "train", "TrainResult", "data", "layers", "gan", "online",
    "minimize", "rules", "schedules", "NotFloatError", "show_source", "explore", "Slider",
]
