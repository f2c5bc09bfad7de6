"""Every number of chapter 2's self-check, computed with adamlib's heavy ball (its step, and the
matrix that one step applies to a direction's error and buffer)."""

import re

import numpy as np

import adamlib
from quiz_numbers import accepts, question, stated


def step_matrix(opt, curvature):
    """The 2x2 matrix one step of ``opt`` applies to (error, buffer) along one direction, read
    off adamlib's Momentum by stepping from each unit state."""
    columns = []
    for e, b in ((1.0, 0.0), (0.0, 1.0)):
        x, state = np.array([e]), adamlib.optimizers.MomentumState(t=1, b=np.array([b]))
        x, state = opt.step(x, curvature * x, state)
        columns.append([x[0], state.b[0]])
    return np.array(columns).T


def rate(opt, curvature):
    """The factor per step of the slowest mode: the spectral radius of :func:`step_matrix`."""
    return max(abs(np.linalg.eigvals(step_matrix(opt, curvature))))


def test_the_average_convention_follows_the_sum_at_lr_over_one_minus_beta():
    q = question("chapter2", 1)
    problem = adamlib.problems.ravine(kappa=20.0)
    reference = adamlib.minimize(problem.grad, problem.start, adamlib.Momentum(lr=0.01, momentum=0.9), 50)
    for option in q["options"]:
        beta, alpha = map(float, re.fullmatch(r"\$\\beta = ([\d.]+)\$, \$\\alpha = ([\d.]+)\$",
                                             option["text"]).groups())
        x, m = problem.start.copy(), np.zeros(2)
        path = [x]
        for _ in range(50):
            m = beta * m + (1 - beta) * problem.grad(x)
            x = x - alpha * m
            path.append(x)
        assert np.allclose(path, reference) == option["correct"], option["text"]
    assert stated(0.01 / (1 - 0.9), 0.1, 10)


def test_a_steady_gradient_gives_steps_of_lr_over_one_minus_mu():
    q = question("chapter2", 2)
    path = adamlib.minimize(lambda x: np.ones_like(x), np.zeros(1), adamlib.Momentum(lr=0.1, momentum=0.8), 200)
    last = abs(path[-1, 0] - path[-2, 0])
    assert accepts(q, last) and stated(last, 0.5, 10) and stated(1 / (1 - 0.8), 5, 10)
    assert not accepts(q, 0.1)  # gradient descent's step is marked wrong


def test_a_gradient_ten_steps_old_weighs_0_9_to_the_10():
    q, opt = question("chapter2", 3), adamlib.Momentum(lr=0.1, momentum=0.9)
    state = opt.init(np.zeros(1))
    x, state = opt.step(np.zeros(1), np.ones(1), state)
    for _ in range(10):
        x, state = opt.step(x, np.zeros(1), state)
    weight = state.b[0]
    assert accepts(q, weight) and stated(weight, 0.35, 2) and stated(weight, 0.9 ** 10, 12)
    assert stated(sum(0.9 ** k for k in range(5000)), 10, 6)


def test_momentum_0_9_swings_across_the_valley_at_sqrt_mu():
    lr, mu = 1.5, 0.9   # a curvature of 1 with eta = 1.5: eta * lambda = 1.5
    heavy = rate(adamlib.Momentum(lr=lr, momentum=mu), 1.0)
    descent = 1 - lr * 1.0
    assert stated(descent, -0.5, 10) and stated(heavy, 0.95, 2) and stated(heavy, np.sqrt(mu), 10)
    eigenvalues = np.linalg.eigvals(step_matrix(adamlib.Momentum(lr=lr, momentum=mu), 1.0))
    assert np.iscomplexobj(eigenvalues)
    period = 2 * np.pi / abs(np.angle(eigenvalues[0]))   # "a swing every four or five steps"
    assert 4 <= period <= 5, period
    # "the first swing can even exceed the starting error": from error 1 and an empty buffer.
    error, buffer, errors = 1.0, 0.0, []
    for _ in range(5):
        buffer = mu * buffer + lr * 1.0 * error
        error -= buffer
        errors.append(error)
    assert max(abs(e) for e in errors) > 1, errors
    assert stated((1 - 1.5) ** 2, 0.25, 10) and stated((1 - np.sqrt(1.5)) ** 2, 0.05, 2)
    assert mu > (1 - np.sqrt(1.5)) ** 2 and mu > (1 - 1.5) ** 2
    # Momentum is faster than gradient descent here exactly for mu below 0.25.
    mus = np.linspace(0.005, 0.995, 100)
    faster = np.array([rate(adamlib.Momentum(lr=lr, momentum=m), 1.0) < abs(descent) for m in mus])
    assert mus[faster].max() < 0.25 < mus[~faster].min()
    # Stable while eta * lambda < 2 + 2 mu = 3.8, and 1.5 is well inside.
    assert stated(2 + 2 * mu, 3.8, 10)
    edge = (2 + 2 * mu) / 1.0
    assert rate(adamlib.Momentum(lr=0.999 * edge, momentum=mu), 1.0) < 1
    assert rate(adamlib.Momentum(lr=1.001 * edge, momentum=mu), 1.0) > 1


def test_the_tuned_heavy_ball_on_kappa_25_multiplies_the_error_by_two_thirds():
    q, curvatures = question("chapter2", 5), (1.0, 25.0)
    lr, mu = (2 / (1 + 5)) ** 2, (4 / 6) ** 2
    assert stated(lr, 1 / 9, 12) and stated(mu, 4 / 9, 12)

    def slowest(lr, mu):
        return max(rate(adamlib.Momentum(lr=lr, momentum=mu), c) for c in curvatures)

    best = slowest(lr, mu)
    assert accepts(q, best) and stated(best, 0.67, 2) and stated(best, 4 / 6, 6)
    for dl, dm in ((1.03, 1), (0.97, 1), (1, 1.03), (1, 0.97)):  # tuned: any nudge is slower
        assert slowest(lr * dl, mu * dm) > best
    gd = max(abs(1 - 2 / 26 * c) for c in curvatures)
    assert stated(gd, 24 / 26, 12) and stated(gd, 0.92, 2) and not accepts(q, gd)
