"""Self-check of chapter 3, AdaGrad and RMSprop: what a reader should answer after the chapter."""

QUESTIONS = [
    {"ask": "AdaGrad and RMSprop both divide the gradient by the root of past squared gradients. "
            "What tells them apart?",
     "options": [
         {"text": "AdaGrad divides by the root of their *sum*, RMSprop by the root of their "
                  "moving *average*.", "correct": True,
          "why": "The sum grows with every step, so AdaGrad's steps keep shrinking; the average "
                 "forgets with the factor $\\alpha$, so RMSprop's settle."},
         {"text": "AdaGrad squares the gradients, RMSprop takes their absolute values.",
          "correct": False,
          "why": "Both keep the squares $g^2$; only how they combine them differs."},
         {"text": "RMSprop adds $\\varepsilon$ and AdaGrad does not.", "correct": False,
          "why": "Both add $\\varepsilon$ to the root, for the same reason: a coordinate whose "
                 "gradients have all been 0 so far."},
         {"text": "AdaGrad divides by the newest squared gradient only.", "correct": False,
          "why": "That would be a sign step at every step; AdaGrad keeps the whole history."}]},
    {"ask": "A coordinate's gradient has stayed at $|g| = 2$ for 400 steps. How long is "
            "AdaGrad's step there, with $\\eta = 1$ and $\\varepsilon$ negligible? Give it to "
            "three decimals.",
     "answer": 0.05, "tolerance": 0.0005,
     "why": "The sum is $s_{400} = 400 \\cdot 4$, its root 40, and the step "
            "$\\eta\\,|g|/\\sqrt{s} = 2/40 = 0.05$: $\\eta/\\sqrt t$, whatever $|g|$."},
    {"ask": "You multiply the loss by 100. By what factor do RMSprop's steps change "
            "($\\varepsilon$ negligible)? Give it to two decimals.",
     "answer": 1.0, "tolerance": 0.005,
     "why": "Every gradient is 100 times larger and the root of their average too: the ratio, "
            "and so the step, does not change. SGD's steps would be 100 times longer."},
    {"ask": "RMSprop with $\\varepsilon = 10^{-8}$ added *inside* the root, "
            "$\\sqrt{v + \\varepsilon}$, instead of outside: where do its steps change?",
     "options": [
         {"text": "Where $\\sqrt{v}$ is not far above $10^{-4}$: there the steps shrink, by "
                  "about ten times at $\\sqrt{v} = 10^{-5}$.", "correct": True,
          "why": "Inside the root, $\\varepsilon$ sets a floor of $\\sqrt{\\varepsilon} = "
                 "10^{-4}$ on the divisor; outside, the floor is $10^{-8}$."},
         {"text": "Nowhere: $\\varepsilon$ is far too small to matter.", "correct": False,
          "why": "Inside the root it counts as $\\sqrt{\\varepsilon} = 10^{-4}$, which is large "
                 "against small gradients."},
         {"text": "Everywhere, by the factor $\\sqrt{\\varepsilon}$.", "correct": False,
          "why": "Where $v \\gg \\varepsilon$ both forms divide by about $\\sqrt{v}$ and agree."},
         {"text": "Only at the first step, while $v_1$ is small.", "correct": False,
          "why": "The floor acts at every step where the gradients are small, not only at the "
                 "start."}]},
]
