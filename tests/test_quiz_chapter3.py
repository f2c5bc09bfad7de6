"""The self-check of chapter 3: every number it states, computed with adamlib."""

import numpy as np

import adamlib
from adamlib.course.quiz import load_quiz
from quiz_numbers import accepts, correct_option

QUESTIONS = load_quiz("chapter3")


def _steps(opt, g, steps):
    """The step sizes of opt fed the constant gradient g, one row per step."""
    path = adamlib.minimize(lambda x: g, np.zeros_like(g), opt, steps)
    return np.abs(np.diff(path, axis=0))


def test_adagrad_sums_and_shrinks_rmsprop_averages_and_settles():
    assert "*sum*" in correct_option(QUESTIONS[0]) and "*average*" in correct_option(QUESTIONS[0])
    g = np.array([2.0, -0.3])
    ada, rms = _steps(adamlib.AdaGrad(lr=1.0), g, 500), _steps(adamlib.RMSprop(lr=1.0), g, 500)
    assert np.all(np.diff(ada, axis=0) < 0)
    assert np.allclose(rms[-1], 1.0, rtol=1e-2)


def test_adagrads_step_after_400_steps_of_the_same_gradient():
    sizes = _steps(adamlib.AdaGrad(lr=1.0), np.array([2.0, -2.0]), 400)
    assert all(accepts(QUESTIONS[1], s) for s in sizes[-1])
    assert np.isclose(np.sqrt(400 * 2.0**2), 40)
    assert np.allclose(_steps(adamlib.AdaGrad(lr=1.0), np.array([0.5]), 400)[-1], 1 / np.sqrt(400))


def test_rmsprop_steps_do_not_change_when_the_loss_is_scaled():
    ravine = adamlib.ravine(kappa=20)
    paths = {c: adamlib.minimize(lambda x, c=c: c * ravine.grad(x), ravine.start,
                                 adamlib.RMSprop(lr=0.3), 30) for c in [1.0, 100.0]}
    moves = {c: np.abs(np.diff(p, axis=0)) for c, p in paths.items()}
    ratio = moves[100.0] / moves[1.0]
    assert all(accepts(QUESTIONS[2], r) for r in ratio.ravel())
    sgd = adamlib.SGD(lr=1e-4)                         # "SGD's steps would be 100 times longer"
    first = {c: sgd.step(ravine.start, c * ravine.grad(ravine.start), sgd.init(ravine.start))[0]
             for c in [1.0, 100.0]}
    assert np.allclose(first[100.0] - ravine.start, 100 * (first[1.0] - ravine.start))


def test_eps_inside_the_root_sets_a_floor_of_its_root():
    assert "10^{-4}" in correct_option(QUESTIONS[3]) and "ten times" in correct_option(QUESTIONS[3])
    eps, g = 1e-8, np.array([1.0])
    assert np.isclose(np.sqrt(eps), 1e-4)

    def shrink(rms):
        outside = adamlib.rules.scale_by_rms(g, np.array([rms**2]), eps)
        inside = g / np.sqrt(rms**2 + eps)
        return (outside / inside)[0]

    assert 9 <= shrink(1e-5) <= 11                    # "about ten times at sqrt(v) = 1e-5"
    assert abs(shrink(1.0) - 1) < 1e-7                # "where v >> eps both agree"
