"""The self-check questions of chapter 7 (sections 1 to 3): every number in a question or an answer
is what adamlib or the formula gives (tests/test_quiz.py checks their form)."""

import math

import numpy as np

import adamlib
from adamlib.course.checks.chapter7_2 import _variance
from adamlib.course.quizzes import chapter7_1, chapter7_2, chapter7_3


def numeric(questions, words):
    """The one numeric question whose text holds `words`."""
    [question] = [q for q in questions if "answer" in q and words in q["ask"]]
    return question


def test_the_mlps_parameter_count():
    question = numeric(chapter7_1.QUESTIONS, "MLP(64, 32, 10)")
    params = adamlib.MLP(64, 32, 10).init_params(np.random.default_rng(0))
    count = sum(p.size for p in params.values())
    assert abs(count - question["answer"]) <= question["tolerance"]
    assert 64 * 32 + 32 == 2080 and 32 * 10 + 10 == 330


def test_the_softmax_gradient_by_finite_differences():
    question = numeric(chapter7_1.QUESTIONS, "probability 0.7")
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((4, 2))
    logits[0] = np.log([0.7, 0.3])
    labels = np.array([0, 1, 0, 1])

    def mean_cross_entropy(z):
        return np.mean(np.logaddexp(z[:, 0], z[:, 1]) - z[np.arange(4), labels])

    h = 1e-6
    up, down = logits.copy(), logits.copy()
    up[0, 0] += h
    down[0, 0] -= h
    gradient = (mean_cross_entropy(up) - mean_cross_entropy(down)) / (2 * h)
    assert abs(gradient - question["answer"]) <= question["tolerance"]
    assert math.isclose((0.7 - 1) / 4, -0.075)


def test_the_rare_pixels_ratio_is_the_sections():
    """Question 1's premise is the section's measured ratio, "about 80 times smaller" (the
    notebook's claim cell c09a holds the median ratio between 75 and 85), not the 1st-to-99th
    percentile ratio of all parameters (over a thousand)."""
    question = chapter7_1.QUESTIONS[0]
    right = next(o["text"] for o in question["options"] if o["correct"])
    assert "about 80 times smaller" in question["ask"] and "about 80 times smaller" in right
    assert not any("thousand" in text for text in [question["ask"], right])


def test_adams_step_ignores_a_coordinates_scale():
    """The path of Adam on a quadratic is the same when every gradient is 100 times larger."""
    paths = [adamlib.minimize(lambda x, s=s: s * (x - 1.0), np.array([0.0, 3.0]),
                              adamlib.Adam(lr=0.1), 50) for s in (1.0, 100.0)]
    assert np.allclose(paths[0], paths[1], rtol=1e-6, atol=1e-9)


def test_the_minibatch_variance():
    question = numeric(chapter7_2.QUESTIONS, "B = 10")
    rng = np.random.default_rng(0)
    G = rng.standard_normal((100, 3))
    G *= np.sqrt(2 / (np.sum((G - G.mean(axis=0)) ** 2) / 100))   # sigma^2 = 2 exactly
    assert abs(_variance(G, 10) - question["answer"]) <= question["tolerance"]
    assert _variance(G, 100) == 0 and math.isclose(_variance(G, 1), 2 * 99 / 99)


def test_the_rare_words_batch_fraction():
    question = numeric(chapter7_3.QUESTIONS, "1 %")
    assert abs(1 - 0.99**32 - question["answer"]) <= question["tolerance"]
    assert round(1 - 0.99**32, 3) == 0.275
    # The same by simulation: documents containing the word independently with probability 0.01.
    contains = np.random.default_rng(0).random((200_000, 32)) < 0.01
    assert abs(contains.any(axis=1).mean() - (1 - 0.99**32)) < 0.005


def test_the_cross_entropy_of_a_zero_logit():
    question = numeric(chapter7_3.QUESTIONS, "\\ell = 0")
    loss = float(np.logaddexp(0.0, 0.0) - 1.0 * 0.0)
    assert abs(loss - question["answer"]) <= question["tolerance"] and math.isclose(loss, math.log(2))
