"""A tiny generative adversarial network (GAN) with hand-written backpropagation.

Two small networks play a game (Goodfellow et al., 2014). The generator G turns random noise
z ~ N(0, I) into samples x = G(z); the discriminator D looks at a sample and outputs a logit
ℓ(x), and D(x) = σ(ℓ(x)) is its belief that x came from the data rather than from G:

    generator:      h = tanh(z W1 + b1),   x = h W2 + b2
    discriminator:  u = tanh(x V1 + c1),   ℓ = u V2 + c2,   D(x) = σ(ℓ)

D minimises the binary cross-entropy of telling real samples (label 1) from generated ones
(label 0), which is minus the value of Goodfellow et al.'s minimax game,

    L_D = −mean log D(x_real) − mean log(1 − D(G(z))) ,

and G minimises the non-saturating loss of the same paper, L_G = −mean log D(G(z)), whose
gradient stays large while D still rejects G's samples. G's gradient flows back through D
(whose weights it leaves alone) into G. Both players are pieces of :mod:`adamlib.layers`, and
each gradient is those pieces' backward maps in reverse order.

:func:`train_gan` alternates one step of D and one step of G, each with its own optimizer;
:class:`GaussianMixture` makes seeded 1-D data; :func:`wasserstein_1d` measures how far the
generated samples are from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ._validate import (Checked, examples, hyperparameter, model_params, numbers_list, positive_int,
                        random_generator)
from .layers import dense_backward, sigmoid, tanh_backward, tanh_mlp
from .models import _glorot
from .train import minibatches

__all__ = ["GAN", "GANResult", "GaussianMixture", "bce_with_logits", "train_gan",
           "wasserstein_1d"]


def bce_with_logits(logits, targets):
    """The mean binary cross-entropy of logits ℓ against targets t ∈ [0, 1], and ∂L/∂ℓ.

    With p = σ(ℓ), L = −(1/n) Σᵢ [tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ)]. Since log σ(ℓ) = −softplus(−ℓ)
    and log(1 − σ(ℓ)) = −softplus(ℓ), each term is softplus(ℓ) − t·ℓ, computed as
    log(1 + e^ℓ) = logaddexp(0, ℓ) so that no exponent overflows; and ∂L/∂ℓ = (σ(ℓ) − t)/n:
    as for the softmax, "predicted minus true".
    """
    logits = np.asarray(logits, dtype=float)
    targets = np.asarray(targets, dtype=float)
    try:
        fits = np.broadcast_shapes(logits.shape, targets.shape) == logits.shape
    except ValueError:
        fits = False
    if logits.size == 0 or not fits:
        raise ValueError(f"logits must be non-empty and targets a number or an array of the "
                         f"logits' shape {logits.shape}, got shape {targets.shape}")
    loss = (np.logaddexp(0.0, logits) - targets * logits).sum() / logits.size
    return float(loss), (sigmoid(logits) - targets) / logits.size


def wasserstein_1d(a, b) -> float:
    """The Wasserstein-1 (earth mover's) distance between two samples of n numbers each.

    In one dimension the cheapest way to move one sample onto the other pairs them in sorted
    order, so ``W₁ = (1/n) Σᵢ |a₍ᵢ₎ − b₍ᵢ₎|``, with a₍ᵢ₎ the i-th smallest value: exact, and cheap.
    """
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    if a.size != b.size or a.size == 0:
        raise ValueError(f"a and b must hold the same number (>= 1) of values, got {a.size} and {b.size}")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise ValueError("a and b must hold finite numbers")
    return float(np.mean(np.abs(np.sort(a) - np.sort(b))))


@dataclass(frozen=True)
class GaussianMixture(Checked):
    """A 1-D mixture of Gaussians: with probability wₖ, a sample is N(μₖ, σₖ²).

    ``weights`` default to equal; they are normalised to sum to 1.
    """

    means: tuple = hyperparameter(numbers_list)
    stds: tuple = hyperparameter(numbers_list, above_zero=True)
    weights: tuple | None = None

    def __post_init__(self):
        super().__post_init__()
        weights = numbers_list("weights", self.weights or [1.0] * len(self.means), above_zero=True)
        if not len(self.means) == len(self.stds) == len(weights):
            raise ValueError(f"means, stds and weights must have the same length, got "
                             f"{len(self.means)}, {len(self.stds)} and {len(weights)}")
        object.__setattr__(self, "weights", tuple(w / sum(weights) for w in weights))

    def sample(self, n: int, rng) -> np.ndarray:
        """n samples as an (n, 1) array, one example per row (the layout of every model)."""
        n = positive_int("n", n)
        rng = random_generator("rng", rng)
        k = rng.choice(len(self.means), size=n, p=self.weights)
        return (np.array(self.means)[k] + np.array(self.stds)[k] * rng.standard_normal(n))[:, None]

    def density(self, x) -> np.ndarray:
        """p(x) = Σₖ wₖ · N(x; μₖ, σₖ²), at each point of x."""
        x = np.asarray(x, dtype=float)[..., None]
        mu, sd, w = (np.array(v) for v in (self.means, self.stds, self.weights))
        return np.sum(w * np.exp(-0.5 * ((x - mu) / sd) ** 2) / (sd * np.sqrt(2 * np.pi)), axis=-1)


@dataclass(frozen=True)
class GAN(Checked):
    """A generator and a discriminator, each with one hidden layer of tanh units (see the module).

    The generator's params are {"W1": (n_noise, n_hidden), "b1": (n_hidden,),
    "W2": (n_hidden, n_data), "b2": (n_data,)}; the discriminator's are {"V1": (n_data, n_hidden),
    "c1": (n_hidden,), "V2": (n_hidden, 1), "c2": (1,)}.
    """

    n_noise: int = hyperparameter(positive_int, 1)
    n_hidden: int = hyperparameter(positive_int, 16)
    n_data: int = hyperparameter(positive_int, 1)

    def _g_shapes(self):
        z, m, d = self.n_noise, self.n_hidden, self.n_data
        return {"W1": (z, m), "b1": (m,), "W2": (m, d), "b2": (d,)}

    def _d_shapes(self):
        d, m = self.n_data, self.n_hidden
        return {"V1": (d, m), "c1": (m,), "V2": (m, 1), "c2": (1,)}

    def init_params(self, rng) -> tuple:
        """(generator params, discriminator params): weights N(0, 1/fan_in), biases 0."""
        rng = random_generator("rng", rng)
        return tuple({name: (_glorot(rng, *shape) if len(shape) == 2 else np.zeros(shape))
                      for name, shape in shapes.items()}
                     for shapes in (self._g_shapes(), self._d_shapes()))

    def noise(self, n: int, rng) -> np.ndarray:
        """n noise vectors z ~ N(0, I), an (n, n_noise) array."""
        return random_generator("rng", rng).standard_normal((positive_int("n", n), self.n_noise))

    # The two networks ---------------------------------------------------------------------

    def _generate(self, generator, z):
        g = model_params(generator, self._g_shapes())
        z = examples(z, self.n_noise)
        return (g, z, *tanh_mlp(z, g["W1"], g["b1"], g["W2"], g["b2"]))

    def _discriminate(self, discriminator, x):
        d = model_params(discriminator, self._d_shapes())
        u, logits = tanh_mlp(x, d["V1"], d["c1"], d["V2"], d["c2"])
        return d, u, logits[:, 0]

    def generate(self, generator, z) -> np.ndarray:
        """x = G(z) = tanh(z W1 + b1) W2 + b2, one sample per row of z."""
        return self._generate(generator, z)[3]

    def logits(self, discriminator, x) -> np.ndarray:
        """ℓ(x) = tanh(x V1 + c1) V2 + c2, one logit per row of x; D(x) = σ(ℓ(x))."""
        return self._discriminate(discriminator, examples(x, self.n_data))[2]

    # The two losses and their gradients ---------------------------------------------------

    def discriminator_loss_and_grad(self, discriminator, x_real, x_fake):
        """L_D = −mean log D(x_real) − mean log(1 − D(x_fake)) and its gradient in D's params.

        Real samples have target 1 and generated ones target 0; one pass through D carries
        both, each half's cross-entropy averaged over its own rows.
        """
        x_real, x_fake = examples(x_real, self.n_data), examples(x_fake, self.n_data)
        x = np.concatenate([x_real, x_fake])
        d, u, logits = self._discriminate(discriminator, x)
        n = len(x_real)
        loss_real, dl_real = bce_with_logits(logits[:n], 1.0)
        loss_fake, dl_fake = bce_with_logits(logits[n:], 0.0)
        dl = np.concatenate([dl_real, dl_fake])[:, None]
        du, dV2, dc2 = dense_backward(u, d["V2"], dl)
        _, dV1, dc1 = dense_backward(x, d["V1"], tanh_backward(u, du))
        return loss_real + loss_fake, {"V1": dV1, "c1": dc1, "V2": dV2, "c2": dc2}

    def generator_loss_and_grad(self, generator, discriminator, z):
        """L_G = −mean log D(G(z)), the non-saturating loss, and its gradient in G's params.

        The chain rule runs from the loss back through D (to ∂L/∂x, D's weights untouched)
        and on through G: dℓ = (σ(ℓ) − 1)/n, then D's layers in reverse, then G's.
        """
        g, z, h, x = self._generate(generator, z)
        d, u, logits = self._discriminate(discriminator, x)
        loss, dl = bce_with_logits(logits, 1.0)
        du, _, _ = dense_backward(u, d["V2"], dl[:, None])
        dx, _, _ = dense_backward(x, d["V1"], tanh_backward(u, du))
        dh, dW2, db2 = dense_backward(h, g["W2"], dx)
        _, dW1, db1 = dense_backward(z, g["W1"], tanh_backward(h, dh))
        return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


class GANResult(NamedTuple):
    generator: dict        # G's params after the last step
    discriminator: dict    # D's params after the last step
    d_losses: np.ndarray   # d_losses[t - 1] = L_D on the minibatch of step t, before D's update
    g_losses: np.ndarray   # g_losses[t - 1] = L_G at step t, after D's update, before G's
    samples: np.ndarray    # samples[k] = G(probe) after step k·record_every: (records, probe_size, n_data)


def train_gan(gan: GAN, params: tuple, data, g_opt, d_opt, steps: int, batch_size: int = 64,
              seed: int = 0, probe_size: int = 500, record_every: int = 10) -> GANResult:
    """Alternate one step of the discriminator and one of the generator, ``steps`` times.

    ``params`` is (generator params, discriminator params), as :meth:`GAN.init_params` returns;
    ``data`` the real samples, one per row. Each step draws a minibatch of real samples (each
    pass over the data in a fresh order, :func:`adamlib.train.minibatches`) and fresh noise for
    each player, all from ``np.random.default_rng(seed)``, so a run is reproducible.

    To watch the generator learn, its samples on one fixed probe of ``probe_size`` noise
    vectors are recorded before the first step and after every ``record_every`` steps.
    """
    steps = positive_int("steps", steps)
    positive_int("probe_size", probe_size)
    positive_int("record_every", record_every)
    data = examples(data, gan.n_data)
    if not (isinstance(params, (tuple, list)) and len(params) == 2):
        raise ValueError("params must be a pair (generator params, discriminator params) as "
                         f"GAN.init_params returns, got {type(params).__name__}")
    rng = np.random.default_rng(seed)
    batches = minibatches(len(data), batch_size, rng)
    generator, discriminator = params
    g_state, d_state = g_opt.init(generator), d_opt.init(discriminator)
    probe = gan.noise(probe_size, rng)
    samples = [gan.generate(generator, probe)]
    d_losses, g_losses = np.empty(steps), np.empty(steps)
    for t in range(steps):
        x_fake = gan.generate(generator, gan.noise(batch_size, rng))
        d_losses[t], d_grads = gan.discriminator_loss_and_grad(discriminator, data[next(batches)], x_fake)
        discriminator, d_state = d_opt.step(discriminator, d_grads, d_state)
        z = gan.noise(batch_size, rng)
        g_losses[t], g_grads = gan.generator_loss_and_grad(generator, discriminator, z)
        generator, g_state = g_opt.step(generator, g_grads, g_state)
        if (t + 1) % record_every == 0:
            samples.append(gan.generate(generator, probe))
    return GANResult(generator, discriminator, d_losses, g_losses, np.array(samples))
