"""adamlib.online: the linear online problems of Reddi et al. (2018), the projected runner, regret."""

import numpy as np
import pytest

import adamlib
from adamlib import online


def test_section3_losses_and_best_point():
    problem = online.reddi_section3(3.0)
    assert list(problem.coefficients(7)) == [3.0, -1, -1, 3.0, -1, -1, 3.0]
    assert problem.grad(4) == 3.0 and problem.grad(5) == -1.0
    assert problem.loss(1, 0.5) == 1.5
    assert problem.period_sum == 1.0 and problem.x_star == -1.0


def test_section5_losses():
    problem = online.reddi_section5()
    c = problem.coefficients(203)
    assert c[0] == 1010 and c[101] == 1010 and c[202] == 1010
    assert np.all(c[1:101] == -10) and problem.period_sum == 10.0 and problem.x_star == -1.0


def test_regret_by_hand():
    problem = online.reddi_section3(3.0)
    # pays 0, then -1, then -1; the slopes add up to 3, 2, 1, so the best fixed x = -1 pays -3, -2, -1
    xs = np.array([0.0, 1.0, 1.0])
    assert np.allclose(problem.regret(xs), [0.0 + 3.0, -1.0 + 2.0, -2.0 + 1.0])
    # Playing x* = -1 always has regret 0 at the end of every period.
    assert problem.regret(-np.ones(300))[2::3] == pytest.approx(0.0)


def test_project_clips():
    problem = online.reddi_section3()
    assert np.array_equal(problem.project(np.array([-3.0, 0.2, 7.0])), [-1.0, 0.2, 1.0])


def test_inverse_sqrt_schedule():
    schedule = online.InverseSqrt(0.5)
    assert schedule(1) == 0.5 and schedule(4) == 0.25
    with pytest.raises(ValueError, match="alpha"):
        online.InverseSqrt(0.0)


def test_play_stays_in_the_interval_and_matches_one_step_by_hand():
    problem = online.reddi_section3()
    opt = adamlib.SGD(online.InverseSqrt(0.5))
    xs = online.play(problem, opt, 10)
    assert xs.shape == (11,) and xs[0] == 0.0
    assert xs[1] == -1.0 and xs[2] == pytest.approx(-1.0 + 0.5 / np.sqrt(2))  # 0 - 0.5*3 clipped
    assert np.all(np.abs(xs) <= 1)


def test_adam_goes_to_the_worst_point_amsgrad_to_the_best():
    problem = online.reddi_section3(3.0)
    kw = dict(lr=online.InverseSqrt(0.5), beta1=0.0, beta2=1 / (1 + 3.0 ** 2))
    adam = online.play(problem, adamlib.Adam(**kw), 600)
    amsgrad = online.play(problem, adamlib.Adam(amsgrad=True, **kw), 600)
    assert adam[-1] > 0.99 and amsgrad[-1] < -0.95
    assert problem.regret(adam[:-1])[-1] / 600 > 0.5 > problem.regret(amsgrad[:-1])[-1] / 600


@pytest.mark.parametrize("make, match", [
    (lambda: online.reddi_section3(2.0), "C must be > 2"),
    (lambda: online.reddi_section3(float("nan")), "C must be a finite number"),
    (lambda: online.OnlineLinear(1.0, 1.0, 1), "period must be an integer >= 2"),
    (lambda: online.OnlineLinear(-1.0, 1.0, 3), "big must be"),
    (lambda: online.OnlineLinear(1.0, 1.0, 3, lower=1.0, upper=-1.0), "lower < upper"),
])
def test_bad_problems_are_refused(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_play_and_regret_input_is_refused():
    problem = online.reddi_section3()
    with pytest.raises(ValueError, match="x0"):
        online.play(problem, adamlib.SGD(0.1), 5, x0=2.0)
    with pytest.raises(ValueError, match="T must be"):
        online.play(problem, adamlib.SGD(0.1), 0)
    with pytest.raises(ValueError, match="xs"):
        problem.regret([0.0, np.nan])
    with pytest.raises(ValueError, match="t must be"):
        problem.grad(0)
