"""The self-check of chapter 6: its form, and every number it states, computed with adamlib."""

import numpy as np

import adamlib
from adamlib.course.quiz import load_quiz
from quiz_numbers import accepts, correct_option

QUESTIONS = load_quiz("chapter6")


def test_eps_sits_outside_the_root():
    assert "\\sqrt{\\hat v_t} + \\varepsilon" in correct_option(QUESTIONS[0])
    g = np.array([1e-12])
    opt = adamlib.Adam(lr=1.0)
    x, _ = opt.step(np.zeros(1), g, opt.init(np.zeros(1)))
    assert np.isclose(-x[0], g[0] / (np.sqrt(g[0] ** 2) + opt.eps))
    assert np.isclose(np.sqrt(0.0 + 1e-8), 1e-4)   # a 1e-8 inside the root: 1e-4 outside


def test_the_efficient_form_enlarges_eps_31_6_times_at_the_first_step():
    assert accepts(QUESTIONS[1], 1 / np.sqrt(1 - 0.999**1))
    assert not accepts(QUESTIONS[1], 1 / np.sqrt(1 - 0.999**2))


def test_the_iterates_do_not_change_with_the_scale_of_the_loss():
    ravine = adamlib.ravine()
    opt = adamlib.Adam(lr=0.1)
    base = adamlib.minimize(ravine.grad, ravine.start, opt, 100)
    scaled = adamlib.minimize(lambda x: 1000 * ravine.grad(x), ravine.start, opt, 100)
    assert np.abs(scaled - base).max() < 1e-6
    assert correct_option(QUESTIONS[2]).startswith("Nothing")


def test_the_first_step_is_alpha_in_every_coordinate():
    assert correct_option(QUESTIONS[3]).startswith("$\\alpha$")
    g1 = np.array([3.0, -0.02, 1e4])
    for beta1, beta2 in [(0.9, 0.999), (0.5, 0.9), (0.0, 0.99)]:
        opt = adamlib.Adam(lr=0.1, beta1=beta1, beta2=beta2)
        x, _ = opt.step(np.zeros(3), g1, opt.init(np.zeros(3)))
        assert np.allclose(x, -0.1 * np.sign(g1), rtol=1e-6)
    raw = adamlib.Adam(lr=0.1, bias_correction=False)
    x, _ = raw.step(np.zeros(3), g1, raw.init(np.zeros(3)))
    assert np.allclose(np.abs(x) / 0.1, 3.16, atol=0.005)     # the wrong option's 3.16


def test_growing_gradients_get_steps_of_up_to_7_27_alpha():
    assert "7.27" in correct_option(QUESTIONS[4])
    beta1, beta2 = 0.9, 0.999
    limit = (1 - beta1) / np.sqrt((1 - beta2) * (1 - beta1**2 / beta2))   # eq. (6.3)
    assert round(limit, 2) == 7.27 and round((1 - beta1) / np.sqrt(1 - beta2), 2) == 3.16
    # gradients growing by beta2/beta1 per step reach it: Adam's own steps, 3000 of them
    steps = 3000
    r = np.sqrt(beta2) / beta1
    gs = r ** (np.arange(1, steps + 1) - steps)        # the last gradient is 1: no overflow
    opt = adamlib.Adam(lr=1.0, eps=0.0)
    x, state, largest = np.zeros(1), opt.init(np.zeros(1)), 0.0
    for g in gs:
        new_x, state = opt.step(x, np.array([g]), state)
        largest, x = max(largest, abs(new_x[0] - x[0])), new_x
    assert 7.0 <= largest <= 7.27 + 1e-9
