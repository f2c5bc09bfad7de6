"""Self-check of chapter 6, Adam: what a reader should answer after the chapter."""

QUESTIONS = [
    {"ask": "In Adam as PyTorch and Algorithm 1 write it, eq. (6.1), where does $\\varepsilon$ "
            "sit?",
     "options": [
         {"text": "Outside the square root: $\\hat m_t / (\\sqrt{\\hat v_t} + \\varepsilon)$.",
          "correct": True,
          "why": "$\\varepsilon$ is added to the root of the corrected $\\hat v_t$."},
         {"text": "Inside the square root: $\\hat m_t / \\sqrt{\\hat v_t + \\varepsilon}$.",
          "correct": False,
          "why": "That is another optimizer: a $10^{-8}$ inside the root acts like $10^{-4}$ "
                 "outside it where $\\hat v_t$ is tiny."},
         {"text": "Outside the root of the raw $v_t$, with the corrections folded into the "
                  "step size and the same $\\varepsilon$.", "correct": False,
          "why": "That is the paper's efficient form with $\\hat\\varepsilon = \\varepsilon$: it "
                 "equals eq. (6.1) only with $\\hat\\varepsilon = \\varepsilon\\sqrt{1-\\beta_2^t}$."}]},
    {"ask": "The paper's efficient form with $\\hat\\varepsilon = \\varepsilon$ acts like eq. "
            "(6.1) with a larger $\\varepsilon$. At $t = 1$ with $\\beta_2 = 0.999$, how many "
            "times larger? Give it to one decimal.",
     "answer": 31.6, "tolerance": 0.05,
     "why": "The effective $\\varepsilon$ is $\\varepsilon/\\sqrt{1-\\beta_2^t}$; at $t = 1$, "
            "$1/\\sqrt{0.001} \\approx 31.6$."},
    {"ask": "You multiply the loss by 1000. What happens to Adam's iterates, with gradients far "
            "above $\\varepsilon$?",
     "options": [
         {"text": "Nothing: $\\hat m_t$ and $\\sqrt{\\hat v_t}$ both grow 1000 times, and the "
                  "step is their ratio.", "correct": True,
          "why": "Adam's steps do not depend on the scale of the loss, up to $\\varepsilon$."},
         {"text": "The steps grow 1000 times, as SGD's do.", "correct": False,
          "why": "SGD's steps are proportional to the gradient; Adam divides by its size."},
         {"text": "The steps grow $\\sqrt{1000}$ times.", "correct": False,
          "why": "The square root acts on $\\hat v_t$, which grows $1000^2$ times: its root grows "
                 "1000 times, as $\\hat m_t$ does."},
         {"text": "The steps shrink 1000 times.", "correct": False,
          "why": "Nothing in the step is divided by the gradient's size twice."}]},
    {"ask": "With the bias correction and $|g_1| \\gg \\varepsilon$, how far does Adam's first "
            "step move each coordinate, whatever $\\beta_1$, $\\beta_2$ and $g_1$?",
     "options": [
         {"text": "$\\alpha$, in the direction of $-g_1$.", "correct": True,
          "why": "$\\hat m_1 = g_1$ and $\\hat v_1 = g_1^2$ exactly, so the step is "
                 "$\\alpha\\, g_1/(|g_1| + \\varepsilon)$."},
         {"text": "$\\alpha\\,|g_1|$, as in gradient descent.", "correct": False,
          "why": "Adam divides by $\\sqrt{\\hat v_1} = |g_1|$."},
         {"text": "$3.16\\,\\alpha$ with the default betas.", "correct": False,
          "why": "That is the first step without the correction."},
         {"text": "$(1 - \\beta_1)\\,\\alpha$.", "correct": False,
          "why": "The correction divides $m_1 = (1-\\beta_1)g_1$ by $1 - \\beta_1$."}]},
    {"ask": "Are the paper's bounds on the step ($3.16\\,\\alpha$ with the default betas) true "
            "for every sequence of gradients?",
     "options": [
         {"text": "No: gradients that grow steadily get steps of up to $7.27\\,\\alpha$ with the "
                  "default betas.", "correct": True,
          "why": "$\\sqrt{\\hat v_t}$, with its long memory, lags behind the growth more than "
                 "$\\hat m_t$ does; eq. (6.3) gives the limit."},
         {"text": "Yes, for every sequence of gradients.", "correct": False,
          "why": "They hold for a constant gradient and a single spike, not for growing "
                 "gradients."},
         {"text": "Yes, once $\\varepsilon$ is taken into account.", "correct": False,
          "why": "$\\varepsilon$ only shortens steps; the growing gradients break the bound "
                 "without it."},
         {"text": "No: with the default betas the steps can grow without limit.",
          "correct": False,
          "why": "For $\\beta_1^2 < \\beta_2$ there is a limit, $7.27\\,\\alpha$ with the "
                 "defaults."}]},
]
