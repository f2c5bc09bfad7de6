"""The self-check of chapter 5: its form, and every number it states, computed with adamlib."""

import numpy as np

import adamlib
from adamlib.course.quiz import load_quiz
from quiz_numbers import accepts, correct_option

QUESTIONS = load_quiz("chapter5")


def test_m2_of_a_constant_gradient():
    m = np.zeros(1)
    for _ in range(2):
        m = adamlib.rules.ema(m, np.ones(1), 0.9)
    assert accepts(QUESTIONS[0], m[0]) and np.isclose(m[0], 1 - 0.9**2)
    assert not accepts(QUESTIONS[0], 1 - 0.9**3) and not accepts(QUESTIONS[0], 0.1)


def test_the_weights_of_t_gradients_sum_to_one_minus_beta_to_the_t():
    assert "1 - \\beta^t" in correct_option(QUESTIONS[1])
    for beta in [0.5, 0.9, 0.999]:
        for t in [1, 2, 10]:
            weights = [(1 - beta) * beta ** (t - i) for i in range(1, t + 1)]
            assert np.isclose(sum(weights), 1 - beta**t)
    # the wrong correction at t = 1 does not give back g_1
    m1 = adamlib.rules.ema(np.zeros(1), np.array([2.0]), 0.9)
    assert not np.isclose(m1[0] / (1 - 0.9**2), 2.0)


def test_the_uncorrected_first_step_is_3_16_learning_rates():
    opt = adamlib.Adam(lr=1.0, bias_correction=False)
    x, _ = opt.step(np.zeros(2), np.array([3.0, -0.5]), opt.init(np.zeros(2)))
    assert all(accepts(QUESTIONS[2], size) for size in np.abs(x))
    # The condition the question states: |g| >> eps / sqrt(1 - beta2), "about 3e-7"; at |g| of
    # 1e-5 (well above eps, not above that) the step is not yet 3.16 lr.
    assert round(1e-8 / np.sqrt(1 - 0.999) * 1e7) == 3
    small = opt.step(np.zeros(1), np.array([1e-5]), opt.init(np.zeros(1)))[0]
    assert not accepts(QUESTIONS[2], abs(small[0]))
    corrected = adamlib.Adam(lr=1.0)
    x, _ = corrected.step(np.zeros(2), np.array([3.0, -0.5]), corrected.init(np.zeros(2)))
    assert np.allclose(np.abs(x), 1.0)


def test_v_needs_its_correction_for_longer():
    assert "beta_2 = 0.999" in correct_option(QUESTIONS[3])
    t = np.arange(1, 100_000)
    fade = {beta: int(t[beta**t < 0.01][0]) for beta in [0.9, 0.999]}
    assert 10 <= fade[0.9] <= 99 and 1000 <= fade[0.999] <= 9999   # "tens", "thousands"


def test_the_corrected_first_estimate_is_one_gradient():
    assert "$g_1$" in correct_option(QUESTIONS[4])
    g1 = np.array([0.7, -3.0])
    m1 = adamlib.rules.ema(np.zeros(2), g1, 0.9)
    assert np.allclose(adamlib.rules.bias_correction(m1, 0.9, 1), g1)
    # "several times the settled average's" spread: sd(g) against sd of the settled average
    assert 1 / np.sqrt((1 - 0.9) / (1 + 0.9)) > 4
