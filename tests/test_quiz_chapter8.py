"""The self-check questions of chapter 8 (sections 1 and 2): every number in a question or an answer
is what adamlib or the formula gives (tests/test_quiz.py checks their form)."""

import math

import numpy as np

import adamlib
from adamlib.course.quizzes import chapter8_1, chapter8_2
from adamlib.schedules import CosineDecay
from test_quiz_chapter7 import numeric

def test_the_convention_conversion():
    question = numeric(chapter8_1.QUESTIONS, "Algorithm 2's convention")
    paper, alpha = 1e-5, 1e-3
    assert abs(paper / alpha - question["answer"]) <= question["tolerance"]
    # The same decay per step in both conventions: lr·λ_PyTorch = λ_paper (η = 1).
    p = np.array([1.0])
    torch_form = adamlib.AdamW(lr=alpha, weight_decay=question["answer"])
    stepped = adamlib.minimize(lambda x: np.zeros_like(x), p, torch_form, 1)
    assert np.isclose(stepped[-1, 0], 1 - paper)


def test_the_decay_of_a_weight_without_loss_gradient():
    question = numeric(chapter8_1.QUESTIONS, "after 100 steps")
    path = adamlib.minimize(lambda x: np.zeros_like(x), np.array([1.0]),
                            adamlib.AdamW(lr=0.01, weight_decay=0.1), 100)
    assert abs(path[-1, 0] - question["answer"]) <= question["tolerance"]
    assert "0.999^{100} = 0.9048$, 0.90 to 2 decimal places" in question["why"]
    assert round(0.999**100, 4) == 0.9048 and round(0.999**100, 2) == question["answer"] == 0.9
    # The answer to 2 decimals is accepted, the wrong rounding 0.91 is not (the quiz's rule).
    accepts = lambda x: abs(x - question["answer"]) <= question["tolerance"] * (1 + 1e-9)
    assert accepts(0.90) and accepts(0.9048) and not accepts(0.91)


def test_the_order_of_pytorchs_adamw_step():
    """Self-check 3's wrong option "shrink by 1 - λ, then Adam's step" is the paper's Algorithm 2
    with η = 1, whose λ is lr times PyTorch's: the two steps coincide when λ_paper = lr·λ."""
    question = next(q for q in chapter8_1.QUESTIONS if "In what order" in q["ask"])
    option = next(o for o in question["options"] if o["text"].startswith("Shrink $\\theta$ by $1 - \\lambda$"))
    assert not option["correct"] and "Algorithm 2" in option["why"] and "\\eta_t = 1" in option["why"]
    lr, wd, p, g = 0.01, 0.1, np.array([0.7, -1.3]), np.array([0.2, -0.05])
    torch_form = adamlib.AdamW(lr=lr, weight_decay=wd)
    stepped, _ = torch_form.step({"w": p}, {"w": g}, torch_form.init({"w": p}))
    adam = adamlib.Adam(lr=lr)
    paper, _ = adam.step({"w": p * (1 - lr * wd)}, {"w": g}, adam.init({"w": p}))
    assert np.allclose(stepped["w"], paper["w"])


def test_amsgrad_factor_at_the_first_step():
    question = numeric(chapter8_2.QUESTIONS, "c_1")
    c1 = math.sqrt(1 - 0.999) / (1 - 0.9)
    assert abs(c1 - question["answer"]) <= question["tolerance"] and round(c1, 3) == 0.316
    # PyTorch's first step over Algorithm 2's, from adamlib's two forms.
    p, g = {"w": np.array([0.0])}, {"w": np.array([0.5])}
    steps = []
    for options in [dict(), dict(bias_correction=False)]:
        opt = adamlib.Adam(lr=1.0, amsgrad=True, **options)
        steps.append(opt.step(p, g, opt.init(p))[0]["w"][0])
    assert np.isclose(steps[0] / steps[1], c1)


def test_cosine_midpoint():
    question = numeric(chapter8_2.QUESTIONS, "t = 51")
    assert abs(CosineDecay(0.1, 100)(51) - question["answer"]) <= question["tolerance"]


def test_adams_first_step_is_the_learning_rate():
    for g in [1e-3, 0.5, 40.0]:
        path = adamlib.minimize(lambda x, g=g: np.full_like(x, g), np.array([0.0]),
                                adamlib.Adam(lr=0.01), 1)
        assert np.isclose(path[1, 0], -0.01, rtol=1e-5)
