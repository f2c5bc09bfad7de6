"""Self-check of chapter 8, section 2, AMSGrad, schedules and Adam at scale: what a reader
should answer after the section."""

QUESTIONS = [
    {"ask": "On Reddi et al.'s problem (loss $Cx$ one round in three, $-x$ in the other two, "
            "best point $-1$), why does Adam with a small $\\beta_2$ climb to $+1$?",
     "options": [
         {"text": "$v$ forgets the rare large gradient within a step or two, so each small "
                  "gradient moves $x$ about as far as the large one, and two rounds in three "
                  "push up.", "correct": True,
          "why": "Dividing by a short average of $g^2$ makes every step about one step size, "
                 "whatever the gradient's size."},
         {"text": "Its learning rate is too large to settle.", "correct": False,
          "why": "The step sizes shrink as $\\alpha/\\sqrt t$ and AMSGrad, with the same ones, "
                 "reaches $-1$."},
         {"text": "The bias correction inflates the first steps.", "correct": False,
          "why": "Adam without bias correction ends at the same place."},
         {"text": "$\\varepsilon$ is too small.", "correct": False,
          "why": "$\\varepsilon = 10^{-8}$ plays no part at gradients of size 1 and $C$."},
     ]},
    {"ask": "Which maximum does PyTorch's `Adam(amsgrad=True)` keep, and how does it use it?",
     "options": [
         {"text": "The maximum of the raw $v$, which it then divides by $1 - \\beta_2^t$.",
          "correct": True,
          "why": "It keeps Adam's corrections and applies the one of $v$ to the maximum."},
         {"text": "The maximum of the bias-corrected $\\hat v$.", "correct": False,
          "why": "That is another form: it keeps the one-gradient estimate $\\hat v_1 = g_1^2$ "
                 "as long as later $\\hat v$ stay below it."},
         {"text": "The maximum of $g^2$.", "correct": False,
          "why": "The maximum is of the moving average $v$, not of single squared gradients."},
         {"text": "The maximum of the raw $v$, used as it is in the step, with no bias "
                  "correction at all.", "correct": False,
          "why": "That is the paper's Algorithm 2 (`Adam(amsgrad=True, bias_correction=False)` in "
                 "adamlib). PyTorch keeps the same maximum of the raw $v$ but divides it by "
                 "$1-\\beta_2^t$ when it uses it."},
     ]},
    {"ask": "PyTorch's AMSGrad step is the paper's times "
            "$c_t = \\sqrt{1-\\beta_2^t}/(1-\\beta_1^t)$. What is $c_1$ for the default betas "
            "$\\beta_1 = 0.9$, $\\beta_2 = 0.999$? (to 2 decimal places)",
     "answer": 0.32, "tolerance": 0.005,
     "why": "$c_1 = \\sqrt{0.001}/0.1 = 0.316$: PyTorch's first step is about a third of the "
            "paper's."},
    {"ask": "A cosine schedule runs from $\\eta_{\\max} = 0.1$ to $\\eta_{\\min} = 0$ over "
            "$T = 100$ steps (eq. (8.8)). What is the learning rate of step $t = 51$? "
            "(to 3 decimal places)",
     "answer": 0.05, "tolerance": 0.0005,
     "why": "$(t-1)/T = 1/2$, so $\\eta_{51} = \\tfrac12\\cdot 0.1\\,(1 + \\cos(\\pi/2)) = 0.05$, "
            "half-way."},
    {"ask": "At its first step ($t = 1$), how far does Adam move a weight with a nonzero "
            "gradient $g_1$?",
     "options": [
         {"text": "By the learning rate, up to $\\varepsilon$, whatever the size of $g_1$.",
          "correct": True,
          "why": "$\\hat m_1/\\sqrt{\\hat v_1} = g_1/|g_1|$."},
         {"text": "By $\\mathrm{lr}\\cdot g_1$, as SGD would.", "correct": False,
          "why": "Adam divides by $\\sqrt{\\hat v_1} = |g_1|$."},
         {"text": "By a tenth of the learning rate, since $m_1 = (1-\\beta_1)g_1$.",
          "correct": False,
          "why": "The bias correction divides $m_1$ by $1 - \\beta_1$, which undoes that "
                 "factor: $\\hat m_1 = g_1$."},
     ]},
]
