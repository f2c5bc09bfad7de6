"""The test problems: analytic gradients against finite differences, batched evaluation, and the
statistics of NoisyQuadratic's minibatch gradients."""

import numpy as np
import pytest

import adamlib
from adamlib.gradcheck import numerical_grad

SEEDS = [0, 1, 2]


def norm_relative_error(analytic, numeric):
    """‖a − n‖ / max(‖a‖, ‖n‖): robust where one coordinate of the gradient is near zero."""
    analytic, numeric = np.asarray(analytic), np.asarray(numeric)
    scale = max(np.linalg.norm(analytic), np.linalg.norm(numeric), 1e-12)
    return np.linalg.norm(analytic - numeric) / scale


def random_spd(dim, rng, kappa=30.0):
    Q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
    H = Q @ np.diag(np.geomspace(1.0, kappa, dim)) @ Q.T
    return (H + H.T) / 2


PROBLEMS = {
    "Quadratic-4d": lambda: adamlib.Quadratic(random_spd(4, np.random.default_rng(7)),
                                              x_star=[1.0, -2.0, 0.5, 3.0]),
    "ravine": lambda: adamlib.ravine(kappa=20.0),
    "ravine-rotated": lambda: adamlib.ravine(kappa=50.0, angle=0.7),
    "Rosenbrock": lambda: adamlib.Rosenbrock(),
    "Rosenbrock-a2-b10": lambda: adamlib.Rosenbrock(a=2.0, b=10.0),
    "NoisyQuadratic": lambda: adamlib.NoisyQuadratic(random_spd(3, np.random.default_rng(8)),
                                                     n=200, spread=0.7, x_star=[1.0, 0.0, -1.0]),
    "noisy_ravine": lambda: adamlib.noisy_ravine(kappa=10.0, n=100),
}


def test_numerical_grad_is_a_sound_reference():
    x = np.array([0.3, -1.2, 2.0])
    approx = numerical_grad(lambda z: np.sum(np.sin(z) * z), x)
    np.testing.assert_allclose(approx, np.sin(x) + x * np.cos(x), rtol=1e-8)


@pytest.mark.parametrize("name", PROBLEMS)
@pytest.mark.parametrize("seed", SEEDS)
def test_analytic_gradient_matches_finite_differences(name, seed):
    problem = PROBLEMS[name]()
    dim = np.size(problem.x_star)
    x = np.asarray(problem.x_star) + np.random.default_rng(seed).uniform(-2, 2, size=dim)
    numeric = numerical_grad(problem.f, x)
    analytic = problem.grad(x)
    assert analytic.shape == x.shape
    assert norm_relative_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize("name", PROBLEMS)
def test_gradient_vanishes_at_the_minimum(name):
    problem = PROBLEMS[name]()
    np.testing.assert_allclose(problem.grad(problem.x_star), 0.0, atol=1e-10)


def test_quadratic_gradient_by_hand():
    q = adamlib.Quadratic([[2.0, 1.0], [1.0, 3.0]], x_star=[1.0, -1.0])
    x = np.array([2.0, 1.0])  # d = x − x* = (1, 2)
    np.testing.assert_allclose(q.grad(x), [2 * 1 + 1 * 2, 1 * 1 + 3 * 2])
    assert q.f(x) == pytest.approx(0.5 * (1 * 2 * 1 + 2 * 1 * 1 * 2 + 2 * 3 * 2))


def test_ravine_curvatures_and_rotation():
    flat = adamlib.ravine(kappa=25.0)
    np.testing.assert_allclose(flat.H, np.diag([1.0, 25.0]), atol=1e-12)
    assert flat.kappa == pytest.approx(25.0)
    turned = adamlib.ravine(kappa=25.0, angle=np.pi / 4)
    np.testing.assert_allclose(np.linalg.eigvalsh(turned.H), [1.0, 25.0])
    # rotated by 45°: the valley floor runs along (1, 1)/√2, with curvature 1
    floor = np.array([1.0, 1.0]) / np.sqrt(2)
    assert floor @ turned.H @ floor == pytest.approx(1.0)


def test_rosenbrock_gradient_by_hand():
    r = adamlib.Rosenbrock()
    x, y = 0.5, 1.0
    # ∂f/∂x = −2(1 − x) − 400x(y − x²), ∂f/∂y = 200(y − x²)
    np.testing.assert_allclose(r.grad([x, y]), [-2 * 0.5 - 400 * 0.5 * 0.75, 200 * 0.75])
    assert r.f([1.0, 1.0]) == 0.0


@pytest.mark.parametrize("name", ["ravine", "ravine-rotated", "Rosenbrock", "noisy_ravine"])
def test_batched_evaluation_equals_pointwise(name):
    problem = PROBLEMS[name]()
    X = np.random.default_rng(3).uniform(-2, 2, size=(4, 5, 2))
    F, G = problem.f(X), problem.grad(X)
    assert F.shape == (4, 5) and G.shape == (4, 5, 2)
    for i in np.ndindex(4, 5):
        assert F[i] == pytest.approx(problem.f(X[i]), rel=1e-12)
        np.testing.assert_allclose(G[i], problem.grad(X[i]), rtol=1e-12, atol=1e-12)


def test_batched_evaluation_on_a_meshgrid():
    problem = adamlib.Rosenbrock()
    X, Y = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 6))
    Z = problem.f(np.stack([X, Y], axis=-1))
    assert Z.shape == (6, 7)
    assert Z[2, 3] == pytest.approx((1 - X[2, 3]) ** 2 + 100 * (Y[2, 3] - X[2, 3] ** 2) ** 2)


# NoisyQuadratic -------------------------------------------------------------------------------


def noisy(seed=0, n=500, spread=0.8):
    H = np.array([[3.0, 1.0], [1.0, 2.0]])
    return adamlib.NoisyQuadratic(H, n=n, spread=spread, x_star=[1.0, -1.0], seed=seed)


def test_noisy_quadratic_is_the_average_of_per_point_losses():
    problem = noisy()
    x = np.array([0.3, 0.4])
    d = x - problem.data                                     # (n, 2)
    per_point = 0.5 * np.einsum("ni,ij,nj->n", d, problem.H, d)
    assert problem.f(x) == pytest.approx(per_point.mean(), rel=1e-12)
    np.testing.assert_allclose(problem.grad(x), (d @ problem.H).mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(problem.data.mean(axis=0), [1.0, -1.0], atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("batch_size", [1, 8])
def test_minibatch_gradients_are_unbiased(seed, batch_size):
    problem, draws = noisy(seed), 2000
    x = np.array([0.0, 0.5])
    grad_fn = problem.grad_fn(batch_size, seed=seed)
    samples = np.array([grad_fn(x) for _ in range(draws)])
    # the mean of `draws` samples has standard error √(diag noise_cov / draws); allow 5 of them
    stderr = np.sqrt(np.diag(problem.noise_cov(batch_size)) / draws)
    assert np.all(np.abs(samples.mean(axis=0) - problem.grad(x)) < 5 * stderr)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("batch_size", [1, 4])
def test_minibatch_gradient_covariance_is_noise_cov(seed, batch_size):
    problem, draws = noisy(seed), 3000
    x = np.array([2.0, 0.0])
    grad_fn = problem.grad_fn(batch_size, seed=seed + 100)
    samples = np.array([grad_fn(x) for _ in range(draws)])
    C = problem.noise_cov(batch_size)
    np.testing.assert_allclose(C, problem.H @ problem.data_cov @ problem.H / batch_size)
    # standard error of a sample covariance entry ≈ √((C_ii·C_jj + C_ij²)/draws)
    tolerance = 5 * np.sqrt((np.outer(np.diag(C), np.diag(C)) + C**2) / draws)
    assert np.all(np.abs(np.cov(samples, rowvar=False) - C) < tolerance)


def test_minibatch_noise_shrinks_as_one_over_batch_size():
    problem, draws, x = noisy(0), 4000, np.zeros(2)
    spread = {}
    for batch_size in (1, 16):
        grad_fn = problem.grad_fn(batch_size, seed=batch_size)
        samples = np.array([grad_fn(x) for _ in range(draws)])
        spread[batch_size] = np.trace(np.cov(samples, rowvar=False))
    assert spread[1] / spread[16] == pytest.approx(16, rel=0.15)  # ~5 standard errors
    np.testing.assert_allclose(problem.noise_cov(16), problem.noise_cov(1) / 16)


def test_grad_fn_is_reproducible_for_a_seed():
    problem = noisy()
    x = np.array([0.5, 0.5])
    first, again, other = (problem.grad_fn(4, seed=s) for s in (3, 3, 4))
    a = [first(x) for _ in range(5)]
    b = [again(x) for _ in range(5)]
    c = [other(x) for _ in range(5)]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert not np.array_equal(a[0], a[1])  # successive calls draw new batches


def test_noisy_quadratic_data_depends_on_its_seed_only():
    np.testing.assert_array_equal(noisy(seed=5).data, noisy(seed=5).data)
    assert not np.array_equal(noisy(seed=5).data, noisy(seed=6).data)


def test_f_star_is_the_loss_at_the_minimum():
    problem = noisy()
    assert problem.f(problem.x_star) == pytest.approx(problem.f_star)
    assert problem.f_star == pytest.approx(0.5 * np.trace(problem.H @ problem.data_cov))


# Bad arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [adamlib.Quadratic, adamlib.NoisyQuadratic],
                         ids=lambda c: c.__name__)
def test_non_symmetric_or_non_square_h_is_refused(cls):
    with pytest.raises(ValueError, match=r"^H must be a symmetric square matrix"):
        cls([[2.0, 1.0], [0.0, 2.0]])
    with pytest.raises(ValueError, match=r"^H must be a symmetric square matrix, got shape \(2, 3\)"):
        cls(np.ones((2, 3)))


@pytest.mark.parametrize("cls", [adamlib.Quadratic, adamlib.NoisyQuadratic],
                         ids=lambda c: c.__name__)
def test_h_not_positive_definite_is_refused(cls):
    with pytest.raises(ValueError, match=r"^H must be positive definite; its eigenvalues are .*-1"):
        cls([[1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match=r"^H must be positive definite"):
        cls([[1.0, 1.0], [1.0, 1.0]])  # singular: eigenvalue 0


@pytest.mark.parametrize("kappa", [0.5, 0.0, -3.0, float("nan"), float("inf")])
def test_ravine_kappa_below_one_is_refused(kappa):
    with pytest.raises(ValueError, match=rf"^kappa must be a finite number >= 1, got {kappa!r}$"):
        adamlib.ravine(kappa=kappa)
    with pytest.raises(ValueError, match=r"^kappa must be"):
        adamlib.noisy_ravine(kappa=kappa)


@pytest.mark.parametrize("bad", [0, -1, 2.5])
def test_batch_size_must_be_a_positive_integer(bad):
    problem = noisy()
    message = rf"^batch_size must be an integer >= 1, got {bad!r}$"
    with pytest.raises(ValueError, match=message):
        problem.grad_fn(bad)
    with pytest.raises(ValueError, match=message):
        problem.minibatch_grad(np.zeros(2), bad, np.random.default_rng(0))
    with pytest.raises(ValueError, match=message):
        problem.noise_cov(bad)


def test_noisy_quadratic_refuses_bad_n_and_spread():
    with pytest.raises(ValueError, match=r"^n must be an integer >= 2, got 1$"):
        noisy(n=1)
    with pytest.raises(ValueError, match=r"^spread must be a finite number >= 0, got -1\.0$"):
        noisy(spread=-1.0)


def test_many_minibatch_draws_at_once_match_one_at_a_time():
    problem = adamlib.noisy_ravine()
    x = np.array([-3.0, 0.5])
    together = problem.minibatch_grad(x, 4, np.random.default_rng(7), draws=5)
    rng = np.random.default_rng(7)
    indices = rng.integers(0, problem.n, size=(5, 4))
    expected = (x - problem.data[indices].mean(axis=1)) @ problem.H
    assert together.shape == (5, 2)
    np.testing.assert_allclose(together, expected, rtol=1e-12)
    with pytest.raises(ValueError, match="draws"):
        problem.minibatch_grad(x, 4, rng, draws=0)
