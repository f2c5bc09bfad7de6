"""Chapter 1's self-check: the direction of the step, the stable learning rates, the ravine's
slowness, and what a minibatch does to the gradient and to SGD's end. tests/test_quiz_chapter1.py
asserts every number."""

QUESTIONS = [
    {"ask": "Gradient descent steps along $-\\nabla f(x)$. Why the minus sign?",
     "options": [
         {"text": "The gradient points where $f$ increases fastest, to first order, so its "
                  "opposite is the direction of steepest descent.",
          "correct": True,
          "why": "For a small step $\\delta$ of fixed length, "
                 "$f(x + \\delta) \\approx f(x) + \\nabla f(x)^\\top \\delta$ is smallest when "
                 "$\\delta$ points opposite to the gradient."},
         {"text": "The gradient points from the minimum to $x$, so its opposite aims straight "
                  "at the minimum.",
          "correct": False,
          "why": "Everywhere only on a round bowl; on the ravine, only on its two axes. "
                 "Away from the valley's floor the gradient points mostly across the valley, not "
                 "towards the minimum: that is why gradient descent zig-zags there."},
         {"text": "It keeps the learning rate $\\eta$ positive.",
          "correct": False,
          "why": "The sign sets the direction, not the size: with $+\\nabla f$ the same "
                 "positive $\\eta$ would climb the loss."},
     ]},
    {"ask": "Gradient descent runs on a quadratic whose largest curvature is $L = 40$. Below "
            "which learning rate does it converge from every start? (Three decimals.)",
     "answer": 0.05, "tolerance": 0.0005,
     "why": "Along a direction of curvature $\\lambda$ a step multiplies the error by "
            "$1 - \\eta\\lambda$, which shrinks it when $|1 - \\eta\\lambda| < 1$. The steepest "
            "direction decides: $\\eta < 2/L = 2/40 = 0.05$. (Not $1/L = 0.025$: between "
            "$1/L$ and $2/L$ the steep direction zig-zags, but still converges.)"},
    {"ask": "On a quadratic with curvatures 1 and 9 ($\\kappa = 9$), gradient descent at its "
            "best constant learning rate, $\\eta = 2/(1 + 9) = 0.2$, multiplies the *length* of "
            "the error by what factor per step? (Two decimals.)",
     "answer": 0.8, "tolerance": 0.005,
     "why": "The flat direction's factor is $1 - 0.2 \\cdot 1 = 0.8$, the steep one's "
            "$1 - 0.2 \\cdot 9 = -0.8$ (it flips sign at every step); both have the size "
            "$(\\kappa - 1)/(\\kappa + 1) = 8/10$, so the error's length shrinks by 0.8. Any "
            "other rate makes one of them slower."},
    {"ask": "The batch grows from 16 to 64 examples, drawn with replacement. What happens to "
            "the minibatch gradient?",
     "options": [
         {"text": "It stays unbiased, and the standard deviation of its noise is halved.",
          "correct": True,
          "why": "Its covariance is divided by the batch size, so four times the batch divides "
                 "the variance by 4 and the standard deviation by $\\sqrt{4} = 2$."},
         {"text": "It stays unbiased, and the standard deviation of its noise is divided by 4.",
          "correct": False,
          "why": "That is the variance. The standard deviation shrinks like $1/\\sqrt{B}$: "
                 "halved for four times the batch."},
         {"text": "It becomes less biased: a small batch points away from the gradient on "
                  "average.",
          "correct": False,
          "why": "A minibatch gradient of any size is unbiased: averaged over the random "
                 "draw of the batch it is the full gradient. Only its noise depends on $B$."},
     ]},
    {"ask": "SGD with a constant learning rate below $2/L$ runs for many steps on a loss "
            "averaged over noisy data. What does its loss do?",
     "options": [
         {"text": "It keeps falling, more and more slowly, to the minimum.",
          "correct": False,
          "why": "Near the minimum the gradient noise keeps pushing the iterate around, and "
                 "with a constant $\\eta$ the pushes do not shrink."},
         {"text": "It hovers at a noise floor above the minimum, lower for a smaller $\\eta$ or "
                  "a larger batch.",
          "correct": True,
          "why": "The floor is proportional to $1/B$ and grows with $\\eta$ (in proportion "
                 "only while $\\eta L \\ll 1$). A decaying learning rate or a growing batch "
                 "gets closer."},
         {"text": "It eventually diverges, since the noise adds up over the steps.",
          "correct": False,
          "why": "Below $\\eta = 2/L$ the pull towards the minimum balances the noise: the "
                 "iterates stay in a cloud around the minimum."},
     ]},
]
