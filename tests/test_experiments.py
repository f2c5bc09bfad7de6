"""adamlib.experiments: the learning-rate sweep is every run side by side, and the settling time
counts what its docstring says."""

from __future__ import annotations

import numpy as np
import pytest

import adamlib
from adamlib.experiments import settled, sweep

LRS = [1e-3, 0.01, 0.05, 0.09, 0.11, 30.0]


@pytest.mark.parametrize("make", [adamlib.SGD, lambda lr: adamlib.Momentum(lr, 0.9),
                                  lambda lr: adamlib.Adam(lr), lambda lr: adamlib.AdaGrad(lr)])
def test_sweep_rows_are_the_separate_runs(make):
    ravine = adamlib.ravine()
    paths = sweep(ravine.grad, ravine.start, make, LRS, 60)
    assert paths.shape == (61, len(LRS), 2)
    for i, lr in enumerate(LRS):
        alone = adamlib.minimize(ravine.grad, ravine.start, make(lr), 60)
        finite = np.isfinite(paths[:, i]).all(axis=1)
        assert finite[0] and np.allclose(paths[finite, i], alone[finite], rtol=1e-12, atol=1e-12), lr


def test_sweep_stops_a_run_that_blows_up():
    ravine = adamlib.ravine()
    paths = sweep(ravine.grad, ravine.start, adamlib.SGD, [0.05, 30.0], 40)
    assert np.isfinite(paths[:, 0]).all()
    blown = ~np.isfinite(paths[:, 1]).all(axis=1)
    assert blown.any() and np.all(blown[np.argmax(blown):])        # NaN from then on
    sizes = np.abs(paths[~blown, 1]).max(axis=1)
    assert np.all(sizes[:-1] < 1e6) and sizes[-1] >= 1e6    # it stops after the first step past 1e6


@pytest.mark.parametrize("values, expected", [
    ([5, 4, 0.5, 0.2, 0.1], 2),          # below from index 2 on
    ([0.1, 0.2, 0.3], 0),                # always below
    ([5, 0.5, 2, 0.5], 3),               # a dip that does not last
    ([0.5, 0.5, 2], np.inf),             # ends above
    ([5, np.nan, 0.5], 2),               # NaN counts as above
])
def test_settled(values, expected):
    assert settled(np.array(values, dtype=float), 1.0) == expected


def test_rosenbrock_hessian_is_the_derivative_of_its_gradient():
    rosen, h = adamlib.Rosenbrock(), 1e-6
    for x in [rosen.start, rosen.x_star, np.array([0.3, -0.7])]:
        numeric = np.array([(rosen.grad(x + h * e) - rosen.grad(x - h * e)) / (2 * h) for e in np.eye(2)]).T
        assert np.allclose(rosen.hessian(x), numeric, rtol=1e-6, atol=1e-4)
    assert np.array_equal(rosen.hessian(rosen.x_star), [[802.0, -400.0], [-400.0, 200.0]])
