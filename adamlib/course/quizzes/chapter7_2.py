"""Self-check of chapter 7, section 2, Autoencoders and noisy gradients: what a reader should
answer after the section."""

QUESTIONS = [
    {"ask": "Every gradient of one coordinate is multiplied by 100 (say, a layer's scale). What "
            "happens to Adam's steps in that coordinate?",
     "options": [
         {"text": "Nothing, up to $\\varepsilon$: $\\hat m$ and $\\sqrt{\\hat v}$ both grow "
                  "100-fold.", "correct": True,
          "why": "Adam's step does not depend on the scale of a coordinate's gradients."},
         {"text": "They grow 100-fold.", "correct": False,
          "why": "That is SGD's (and Momentum's) step."},
         {"text": "They grow 10-fold, with the square root.", "correct": False,
          "why": "$\\sqrt{\\hat v}$ grows 100-fold, the square root of the 10,000-fold $\\hat v$."},
     ]},
    {"ask": "$n = 100$ examples whose gradients have $\\sigma^2 = 2$. What is the expected squared "
            "error of the mean gradient of a batch of $B = 10$ drawn without replacement? "
            "(to 3 decimal places)",
     "answer": 0.182, "tolerance": 0.0005,
     "why": "$\\frac{1}{B}\\frac{n-B}{n-1}\\sigma^2 = \\frac{1}{10}\\cdot\\frac{90}{99}\\cdot 2 "
            "= 0.182$, a little below $\\sigma^2/B = 0.2$."},
    {"ask": "Why is the variance of a minibatch gradient drawn without replacement below "
            "$\\sigma^2/B$ when $B > 1$?",
     "options": [
         {"text": "A batch never repeats an example; at $B = n$ it is the full gradient, with no "
                  "noise at all.", "correct": True,
          "why": "The factor $(n-B)/(n-1)$ is 1 at $B = 1$ and 0 at $B = n$."},
         {"text": "Because $\\sigma^2$ is computed with $n - 1$.", "correct": False,
          "why": "The formula's $\\sigma^2$ is a mean over the $n$ examples; the $n - 1$ comes "
                 "from drawing without replacement."},
         {"text": "It is not: drawing without replacement adds noise.", "correct": False,
          "why": "Not repeating an example removes noise."},
     ]},
    {"ask": "With each optimizer's learning rate tuned, which trained the section's autoencoder "
            "best?",
     "options": [
         {"text": "Momentum and Adam, tied within the noise between seeds; both ahead of SGD "
                  "on every seed.",
          "correct": True,
          "why": "On the three seeds shown Adam ended 0% to 3% above Momentum; over 20 seeds "
                 "Momentum was lower on 12 but 8% to 13% higher on four, and Adam 1.5% lower on "
                 "average. The gradients' scales alone do not decide the winner."},
         {"text": "Adam, far ahead of every other optimizer.", "correct": False,
          "why": "Momentum matched it."},
         {"text": "RMSprop.", "correct": False,
          "why": "On average RMSprop lay between SGD and the other two."},
     ]},
]
