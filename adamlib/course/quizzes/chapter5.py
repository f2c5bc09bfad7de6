"""Self-check of chapter 5, Bias correction: what a reader should answer after the chapter."""

QUESTIONS = [
    {"ask": "An exponential moving average with $\\beta = 0.9$ starts at $m_0 = 0$ and sees the "
            "constant gradient $g = 1$. What is the raw average $m_2$ after two steps? Give it "
            "to two decimals.",
     "answer": 0.19, "tolerance": 0.005,
     "why": "$m_1 = 0.1$ and $m_2 = 0.9 \\cdot 0.1 + 0.1 = 0.19 = 1 - 0.9^2$: the two real terms "
            "carry a weight of $1 - \\beta^2$, and the zero start holds the rest."},
    {"ask": "Why does the correction divide $m_t$ by $1 - \\beta^t$ and not by "
            "$1 - \\beta^{t+1}$?",
     "options": [
         {"text": "After $t$ steps the average holds $t$ gradients, whose weights sum to "
                  "$1 - \\beta^t$.", "correct": True,
          "why": "The weights $(1-\\beta)\\beta^{t-i}$, $i = 1, \\dots, t$, sum to "
                 "$1 - \\beta^t$; the rest, $\\beta^t$, is the zero start's."},
         {"text": "Because the step counter starts at $t = 0$.", "correct": False,
          "why": "The first gradient has $t = 1$: at $t = 0$ the average holds no gradient."},
         {"text": "Either is fine: they agree after a few steps.", "correct": False,
          "why": "They differ most at the start, where the correction matters: at $t = 1$, "
                 "$1 - \\beta^2$ would not give back $g_1$."},
         {"text": "The extra power accounts for Adam's square root.", "correct": False,
          "why": "The square root acts on $\\hat v_t$ after the correction; each average is "
                 "divided by $1 - \\beta^t$ with its own $\\beta$ ($\\beta_1$ for $m$, $\\beta_2$ for "
                 "$v$), with no extra power."}]},
    {"ask": "Without the bias correction, with $\\beta_1 = 0.9$ and $\\beta_2 = 0.999$, Adam's "
            "first step is how many times the learning rate, in every coordinate where "
            "$|g| \\gg \\varepsilon/\\sqrt{1-\\beta_2}$ (about $3 \\cdot 10^{-7}$)? Give it to two "
            "decimals.",
     "answer": 3.16, "tolerance": 0.005,
     "why": "$m_1 = 0.1\\,g$ and $\\sqrt{v_1} = \\sqrt{0.001}\\,|g|$, so the step is "
            "$\\eta \\cdot 0.1/\\sqrt{0.001} \\approx 3.16\\,\\eta$ once $\\varepsilon$ is small "
            "beside $\\sqrt{v_1}$, that is $|g| \\gg \\varepsilon/\\sqrt{0.001}$; with the correction "
            "it is $\\eta$ wherever $|g| \\gg \\varepsilon$."},
    {"ask": "With Adam's defaults, which average needs its correction for longer?",
     "options": [
         {"text": "$v$, the average of $g^2$ with $\\beta_2 = 0.999$.", "correct": True,
          "why": "The correction fades once $\\beta^t$ is small, after a few times "
                 "$1/(1-\\beta)$ steps: thousands for $\\beta_2 = 0.999$, tens for "
                 "$\\beta_1 = 0.9$."},
         {"text": "$m$, the average of $g$ with $\\beta_1 = 0.9$.", "correct": False,
          "why": "$m$'s correction fades within tens of steps; $v$'s takes thousands."},
         {"text": "Both, for the same number of steps.", "correct": False,
          "why": "Each fades with its own $\\beta^t$, and $0.999^t$ falls far more slowly than "
                 "$0.9^t$."},
         {"text": "Neither: after the first step the averages are unbiased.", "correct": False,
          "why": "A raw average stays biased by $1 - \\beta^t$ at every step; it only fades."}]},
    {"ask": "For independent gradients, what is the corrected first estimate $\\hat m_1$?",
     "options": [
         {"text": "Unbiased, but as noisy as one gradient: it is $g_1$.", "correct": True,
          "why": "$\\hat m_1 = (1-\\beta)g_1/(1-\\beta) = g_1$: the correction removes the bias, "
                 "not the noise of a single gradient."},
         {"text": "Exact: the correction removes both bias and noise.", "correct": False,
          "why": "The correction rescales; it cannot average gradients not yet seen."},
         {"text": "Still biased toward zero, by the factor $1 - \\beta$.", "correct": False,
          "why": "That is the raw $m_1$; the corrected one has the mean of $g$."},
         {"text": "As steady as the long-run average.", "correct": False,
          "why": "Its spread is that of one gradient, several times the settled average's "
                 "(Exercise 5.5)."}]},
]
