"""Chapter 2's self-check: the two momentum conventions, how far the heavy ball steps and how
long it remembers, what it does to a zig-zag, and its best rate on a quadratic.
tests/test_quiz_chapter2.py asserts every number."""

QUESTIONS = [
    {"ask": "A heavy ball runs in the sum convention, $b \\leftarrow \\mu b + g$, "
            "$x \\leftarrow x - \\eta b$, with $\\eta = 0.01$ and $\\mu = 0.9$. Which run in "
            "the average convention, $m \\leftarrow \\beta m + (1-\\beta) g$, "
            "$x \\leftarrow x - \\alpha m$, follows the same path?",
     "options": [
         {"text": "$\\beta = 0.9$, $\\alpha = 0.01$",
          "correct": False,
          "why": "The average is $1 - \\beta = 0.1$ times the sum ($m = (1-\\beta) b$), so "
                 "with the same rate its steps are ten times shorter."},
         {"text": "$\\beta = 0.9$, $\\alpha = 0.1$",
          "correct": True,
          "why": "$m = (1-\\beta) b$ at every step, so $\\alpha m = \\eta b$ when "
                 "$\\alpha = \\eta/(1-\\beta) = 0.01/0.1 = 0.1$."},
         {"text": "$\\beta = 0.9$, $\\alpha = 0.001$",
          "correct": False,
          "why": "This multiplies by $1 - \\beta$ instead of dividing: the steps are a hundred "
                 "times shorter than the sum convention's."},
         {"text": "$\\beta = 0.1$, $\\alpha = 0.01$",
          "correct": False,
          "why": "$\\beta$ is the same number as $\\mu$ in both conventions: it is how fast old "
                 "gradients fade. With $\\beta = 0.1$ the memory is about one step."},
     ]},
    {"ask": "The gradient is $g = 1$ at every step (one parameter). The heavy ball with "
            "$\\eta = 0.1$ and $\\mu = 0.8$ starts with $b = 0$. After many steps, how long is "
            "each step? (Three decimals.)",
     "answer": 0.5, "tolerance": 0.0005,
     "why": "The buffer sums $1 + \\mu + \\mu^2 + \\dots = 1/(1-\\mu) = 5$ copies of $g$, so "
            "the step is $\\eta g/(1-\\mu) = 0.1 \\cdot 5 = 0.5$: five times gradient "
            "descent's."},
    {"ask": "With $\\mu = 0.9$, a gradient seen 10 steps ago is in the velocity $b_t$ with "
            "what weight, today's gradient having weight 1? (Two decimals.)",
     "answer": 0.35, "tolerance": 0.005,
     "why": "Each step multiplies the buffer by $\\mu$: $0.9^{10} \\approx 0.35$. The weights "
            "$\\mu^k$ sum to $1/(1-\\mu) = 10$, the memory of about ten steps."},
    {"ask": "Across a ravine a direction has $\\eta\\lambda = 1.5$: gradient descent flips the "
            "sign of its error and halves it at every step. What does the heavy ball with "
            "$\\mu = 0.9$, at the same $\\eta$, do to that error?",
     "options": [
         {"text": "It shrinks faster than with gradient descent: the alternating gradients "
                  "cancel in the velocity.",
          "correct": False,
          "why": "They would cancel, but the velocity also carries the iterate past the floor. "
                 "Momentum damps this direction faster only when "
                 "$\\mu < (1 - \\eta\\lambda)^2 = 0.25$."},
         {"text": "It swings across the valley, a swing every four or five steps, and shrinks by "
                  "only about 0.95 per step in the long run (the first swing can even exceed the "
                  "starting error).",
          "correct": True,
          "why": "With $\\mu$ above $(1 - \\sqrt{\\eta\\lambda})^2 \\approx 0.05$ the error "
                 "becomes a swing whose rate is $\\sqrt\\mu = \\sqrt{0.9} \\approx 0.95$ per "
                 "step: much slower than gradient descent's 0.5."},
         {"text": "It grows: $\\mu = 0.9$ is unstable at this learning rate.",
          "correct": False,
          "why": "The heavy ball is stable while $\\eta\\lambda < 2 + 2\\mu = 3.8$; here "
                 "$\\eta\\lambda = 1.5$. The error shrinks in the long run, slowly."},
     ]},
    {"ask": "On a quadratic with curvatures 1 and 25 ($\\kappa = 25$), the heavy ball with its "
            "best $\\eta$ and $\\mu$ multiplies the error by what factor per step? "
            "(Two decimals.)",
     "answer": 0.67, "tolerance": 0.005,
     "why": "$(\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1) = 4/6 \\approx 0.67$, at "
            "$\\eta^* = (2/(1 + 5))^2 = 1/9$ and $\\mu^* = (4/6)^2 = 4/9$; gradient descent's "
            "best is $(\\kappa - 1)/(\\kappa + 1) = 24/26 \\approx 0.92$."},
]
