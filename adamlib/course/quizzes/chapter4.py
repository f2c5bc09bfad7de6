"""Self-check of chapter 4, Moments: what a reader should answer after the chapter."""

QUESTIONS = [
    {"ask": "What does Adam's second average, $v_t$ of $g_t^2$, estimate?",
     "options": [
         {"text": "The uncentered second moment $\\mathbb{E}[g^2] = \\mu_g^2 + \\sigma^2$.",
          "correct": True,
          "why": "It averages the squares themselves; nothing is subtracted, so signal and noise "
                 "both count."},
         {"text": "The variance $\\sigma^2$ of the gradient.", "correct": False,
          "why": "The variance is $\\mathbb{E}[g^2] - \\mathbb{E}[g]^2$; $v_t$ never subtracts "
                 "the square of the mean."},
         {"text": "The square of the mean gradient, $\\mu_g^2$.", "correct": False,
          "why": "That is the square of what $m_t$ estimates, $\\mathbb{E}[g]^2$; $v_t$ averages "
                 "$g^2$, which also holds the noise."},
         {"text": "The mean size $\\mathbb{E}|g|$.", "correct": False,
          "why": "It averages $g^2$, not $|g|$; its root is the RMS of the gradient, which is "
                 "at least $\\mathbb{E}|g|$."}]},
    {"ask": "Gradients are i.i.d. with standard deviation $\\sigma = 2$. Once settled, what is "
            "the standard deviation of $m_t$ with $\\beta = 0.9$? Give it to two decimals.",
     "answer": 0.46, "tolerance": 0.005,
     "why": "The settled variance is $\\sigma^2 (1-\\beta)/(1+\\beta) = 4 \\cdot 0.1/1.9 "
            "\\approx 0.211$, and its root about 0.46."},
    {"ask": "The mean of the gradients jumps to a new value. With $\\beta = 0.95$, after how "
            "many whole steps has the expected $m_t$ first closed at least half of the gap?",
     "answer": 14, "tolerance": 0.4,
     "why": "The gap left after $k$ steps is $0.95^k$ of it; $0.95^{13} \\approx 0.51$ and "
            "$0.95^{14} \\approx 0.49$: 14 steps, about $0.7/(1-\\beta)$."},
    {"ask": "Momentum's buffer $b_t = \\mu\\, b_{t-1} + g_t$ and the EMA "
            "$m_t = \\beta\\, m_{t-1} + (1-\\beta)\\, g_t$ with $\\beta = \\mu$ run on the same "
            "gradients from 0. How are they related?",
     "options": [
         {"text": "$m_t = (1-\\mu)\\, b_t$ at every step.", "correct": True,
          "why": "The two rules are the same up to the factor $1-\\mu$ on every gradient: a "
                 "weighted sum against a weighted average."},
         {"text": "$m_t = b_t$: they are the same rule.", "correct": False,
          "why": "The buffer adds the whole gradient; the average only $1-\\beta$ of it."},
         {"text": "$m_t = b_t/(1-\\mu^t)$.", "correct": False,
          "why": "$1-\\beta^t$ is the bias correction of chapter 5; it does not relate the sum "
                 "to the average."},
         {"text": "They differ by a factor that grows with $t$.", "correct": False,
          "why": "The factor is the constant $1-\\mu$, from the first step on."}]},
]
