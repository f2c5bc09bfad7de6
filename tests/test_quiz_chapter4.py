"""The self-check of chapter 4: its form, and every number it states, computed with adamlib."""

import numpy as np

import adamlib
from adamlib import streams
from adamlib.course.quiz import load_quiz
from quiz_numbers import accepts, correct_option

QUESTIONS = load_quiz("chapter4")


def test_v_estimates_the_uncentered_second_moment():
    assert "uncentered" in correct_option(QUESTIONS[0])
    mu, sigma = 0.8, 0.6
    v = streams.ema_trace(streams.gaussian(mu, np.full(2000, sigma), 3000, seed=0) ** 2, 0.99)
    settled = v[1000:].mean()
    assert abs(settled - (mu**2 + sigma**2)) < 0.01 and abs(settled - sigma**2) > 0.5


def test_the_settled_spread_of_m():
    impulse = np.zeros(2000)
    impulse[0] = 1.0
    weights = streams.ema_trace(impulse, 0.9)             # the weight of the gradient at each age
    spread = np.sqrt(4.0 * np.sum(weights**2))            # sigma = 2
    assert np.isclose(spread, np.sqrt(4 * 0.1 / 1.9)) and accepts(QUESTIONS[1], spread)
    assert round(4 * 0.1 / 1.9, 3) == 0.211
    assert not accepts(QUESTIONS[1], np.sqrt(4 * 0.1))   # the window's 1/(1 - beta) samples


def test_half_the_gap_is_closed_after_14_steps():
    jump = np.r_[np.zeros(100), np.ones(40)]
    gap = 1 - streams.ema_trace(jump, 0.95)[99:]           # the gap k steps after the jump
    first = int(np.flatnonzero(gap <= 0.5)[0])
    assert accepts(QUESTIONS[2], first) and not accepts(QUESTIONS[2], first - 1)
    assert not accepts(QUESTIONS[2], first + 1)
    assert round(0.95**13, 2) == 0.51 and round(0.95**14, 2) == 0.49
    assert round(0.7 / (1 - 0.95)) == 14


def test_the_ema_is_momentums_buffer_times_one_minus_mu():
    assert correct_option(QUESTIONS[3]) == "$m_t = (1-\\mu)\\, b_t$ at every step."
    mu, gs = 0.9, streams.gaussian([0.5, -1.0], [1.0, 0.3], 30, seed=1)
    opt = adamlib.Momentum(lr=0.1, momentum=mu)
    x, state, buffers = np.zeros(2), opt.init(np.zeros(2)), []
    for g in gs:
        x, state = opt.step(x, g, state)
        buffers.append(state.b)
    assert np.allclose(streams.ema_trace(gs, mu), (1 - mu) * np.array(buffers), rtol=1e-12)
