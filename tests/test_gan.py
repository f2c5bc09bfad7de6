"""adamlib.gan: both players' hand-written gradients against finite differences, the binary
cross-entropy and the Wasserstein distance against known values, refusals of bad input, and a
short seeded training run that brings the generated samples close to the data."""

import numpy as np
import pytest

import adamlib
from adamlib.gan import GAN, GaussianMixture, bce_with_logits, train_gan, wasserstein_1d
from adamlib.gradcheck import numerical_grad, relative_error


def random_game(seed, n=6, n_noise=2, n_hidden=5, n_data=2):
    rng = np.random.default_rng(seed)
    gan = GAN(n_noise=n_noise, n_hidden=n_hidden, n_data=n_data)
    generator, discriminator = gan.init_params(rng)
    # Non-zero biases, so that their gradients are tested away from the symmetric start.
    generator = {k: v + 0.3 * rng.standard_normal(v.shape) for k, v in generator.items()}
    discriminator = {k: v + 0.3 * rng.standard_normal(v.shape) for k, v in discriminator.items()}
    x_real = rng.standard_normal((n, n_data)) + 1.0
    z = rng.standard_normal((n, n_noise))
    return gan, generator, discriminator, x_real, z


def with_entry(params, name, value):
    return {**params, name: value}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_discriminator_gradient_matches_finite_differences(seed):
    gan, generator, discriminator, x_real, z = random_game(seed)
    x_fake = gan.generate(generator, z)
    _, analytic = gan.discriminator_loss_and_grad(discriminator, x_real, x_fake)
    assert set(analytic) == {"V1", "c1", "V2", "c2"}
    for name, value in discriminator.items():
        numeric = numerical_grad(
            lambda v: gan.discriminator_loss_and_grad(with_entry(discriminator, name, v),
                                                      x_real, x_fake)[0], value)
        assert analytic[name].shape == value.shape
        assert relative_error(analytic[name], numeric) < 1e-6, name


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generator_gradient_flows_through_the_discriminator(seed):
    gan, generator, discriminator, _, z = random_game(seed)
    _, analytic = gan.generator_loss_and_grad(generator, discriminator, z)
    assert set(analytic) == {"W1", "b1", "W2", "b2"}
    for name, value in generator.items():
        numeric = numerical_grad(
            lambda v: gan.generator_loss_and_grad(with_entry(generator, name, v),
                                                  discriminator, z)[0], value)
        assert relative_error(analytic[name], numeric) < 1e-6, name


def test_generator_loss_is_the_non_saturating_loss():
    gan, generator, discriminator, _, z = random_game(3)
    logits = gan.logits(discriminator, gan.generate(generator, z))
    loss, _ = gan.generator_loss_and_grad(generator, discriminator, z)
    assert np.isclose(loss, -np.mean(np.log(adamlib.layers.sigmoid(logits))), rtol=1e-12)


def test_discriminator_loss_is_minus_the_value_of_the_game():
    gan, generator, discriminator, x_real, z = random_game(4)
    x_fake = gan.generate(generator, z)
    d_real = adamlib.layers.sigmoid(gan.logits(discriminator, x_real))
    d_fake = adamlib.layers.sigmoid(gan.logits(discriminator, x_fake))
    value = np.mean(np.log(d_real)) + np.mean(np.log(1 - d_fake))
    loss, _ = gan.discriminator_loss_and_grad(discriminator, x_real, x_fake)
    assert np.isclose(loss, -value, rtol=1e-12)
    # A discriminator that outputs 1/2 everywhere (all weights zero) has loss 2 ln 2.
    zero = {k: np.zeros_like(v) for k, v in discriminator.items()}
    assert np.isclose(gan.discriminator_loss_and_grad(zero, x_real, x_fake)[0], 2 * np.log(2))


def test_bce_with_logits_known_values_and_large_logits():
    loss, grad = bce_with_logits(np.array([0.0, 0.0]), np.array([1.0, 0.0]))
    assert np.isclose(loss, np.log(2)) and np.allclose(grad, [-0.25, 0.25])
    z = np.array([1.5, -0.7, 3.0])
    t = np.array([1.0, 0.0, 0.25])
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
    loss, grad = bce_with_logits(z, t)
    assert np.isclose(loss, expected, rtol=1e-12)
    assert np.allclose(grad, numerical_grad(lambda v: bce_with_logits(v, t)[0], z), rtol=1e-6)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss, grad = bce_with_logits(np.array([1000.0, -1000.0]), np.array([0.0, 1.0]))
    assert np.isclose(loss, 1000.0) and np.allclose(grad, [0.5, -0.5])
    assert bce_with_logits(np.array([2.0, -1.0]), 1.0)[0] == bce_with_logits(
        np.array([2.0, -1.0]), np.ones(2))[0]                    # a scalar target broadcasts


def test_wasserstein_1d_known_values():
    assert wasserstein_1d([0.0, 1.0, 2.0], [0.0, 1.0, 2.0]) == 0.0
    assert wasserstein_1d([2.0, 0.0, 1.0], [1.0, 2.0, 0.0]) == 0.0      # order does not matter
    assert np.isclose(wasserstein_1d([0.0, 1.0], [3.0, 4.0]), 3.0)     # a shift by 3
    assert np.isclose(wasserstein_1d([0.0, 0.0], [-1.0, 1.0]), 1.0)
    assert np.isclose(wasserstein_1d(np.zeros((4, 1)), np.arange(4.0)), 1.5)   # (0+1+2+3)/4
    # Two large samples of N(0,1) and N(0.5,1): about the shift, 0.5.
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(20000), rng.standard_normal(20000) + 0.5
    assert abs(wasserstein_1d(a, b) - 0.5) < 0.03


def test_gaussian_mixture_samples_and_density():
    mixture = GaussianMixture(means=(-2.0, 2.0), stds=(0.5, 0.5), weights=(1, 3))
    assert mixture.weights == (0.25, 0.75)
    x = mixture.sample(40000, np.random.default_rng(0))
    assert x.shape == (40000, 1)
    assert abs(np.mean(x > 0) - 0.75) < 0.01 and abs(x.mean() - 1.0) < 0.03
    grid = np.linspace(-6, 6, 4001)
    assert np.isclose(np.trapezoid(mixture.density(grid), grid), 1.0, atol=1e-6)
    assert np.array_equal(mixture.sample(5, np.random.default_rng(1)),
                          mixture.sample(5, np.random.default_rng(1)))


def test_training_brings_the_generator_close_to_the_data():
    gan = GAN(n_noise=1, n_hidden=16)
    mixture = GaussianMixture(means=(-2.0, 2.0), stds=(0.5, 0.5))
    real = mixture.sample(2000, np.random.default_rng(0))
    reference = mixture.sample(500, np.random.default_rng(1))
    opt = adamlib.Adam(lr=0.01, beta1=0.5)
    result = train_gan(gan, gan.init_params(np.random.default_rng(0)), real, opt, opt,
                       steps=100, seed=0, record_every=20)
    assert result.samples.shape == (6, 500, 1)
    assert result.d_losses.shape == result.g_losses.shape == (100,)
    before, after = (wasserstein_1d(s, reference) for s in result.samples[[0, -1]])
    assert before > 1.0 and after < before / 4            # the distance falls more than fourfold
    assert 0.4 < np.mean(result.samples[-1] > 0) < 0.6     # both modes covered
    again = train_gan(gan, gan.init_params(np.random.default_rng(0)), real, opt, opt,
                      steps=100, seed=0, record_every=20)
    assert np.array_equal(again.samples, result.samples)   # seeded: reproducible


@pytest.mark.parametrize("make, says", [
    (lambda: GAN(n_hidden=0), "n_hidden must be an integer >= 1, got 0"),
    (lambda: GAN(n_noise=1.5), "n_noise must be an integer >= 1, got 1.5"),
    (lambda: GaussianMixture(means=(0.0,), stds=(-1.0,)), "stds must be a non-empty list of finite numbers > 0"),
    (lambda: GaussianMixture(means=(0.0, 1.0), stds=(1.0,)), "same length, got 2, 1 and 2"),
    (lambda: GaussianMixture(means=(), stds=()), "means must be a non-empty list"),
    (lambda: GaussianMixture(means=(np.nan,), stds=(1.0,)), "means must be a non-empty list of finite numbers"),
    (lambda: wasserstein_1d([1.0, 2.0], [1.0]), "same number (>= 1) of values, got 2 and 1"),
    (lambda: wasserstein_1d([1.0, np.inf], [1.0, 2.0]), "finite numbers"),
    (lambda: bce_with_logits(np.zeros(3), np.zeros(4)), "targets a number or an array of the logits' shape (3,)"),
    (lambda: GaussianMixture((0.0,), (1.0,)).sample(0, np.random.default_rng(0)), "n must be an integer >= 1, got 0"),
    (lambda: GaussianMixture((0.0,), (1.0,)).sample(3, 0), "rng must be a numpy Generator"),
])
def test_bad_input_is_refused_with_a_clear_message(make, says):
    with pytest.raises(ValueError) as error:
        make()
    assert says in str(error.value)


def test_bad_params_and_data_are_refused():
    gan = GAN()
    generator, discriminator = gan.init_params(np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"params\['W1'\] must have shape \(1, 16\)"):
        gan.generate({**generator, "W1": np.zeros((2, 16))}, np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"X must have shape \(n, 1\)"):
        gan.generate(generator, np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"X must have shape \(n, 1\)"):
        gan.discriminator_loss_and_grad(discriminator, np.zeros((3, 2)), np.zeros((3, 1)))
    opt = adamlib.Adam()
    with pytest.raises(ValueError, match="params must be a pair"):
        train_gan(gan, generator, np.zeros((10, 1)), opt, opt, steps=1)
    with pytest.raises(ValueError, match="batch_size must be at most the number of examples"):
        train_gan(gan, (generator, discriminator), np.zeros((10, 1)), opt, opt, steps=1, batch_size=64)
    with pytest.raises(ValueError, match="steps must be an integer >= 1"):
        train_gan(gan, (generator, discriminator), np.zeros((10, 1)), opt, opt, steps=0)
    with pytest.raises(ValueError, match="record_every must be an integer >= 1"):
        train_gan(gan, (generator, discriminator), np.zeros((10, 1)), opt, opt, steps=1,
                  batch_size=5, record_every=0)
