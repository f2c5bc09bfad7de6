"""Self-check of chapter 8, section 1, Decoupled weight decay (AdamW): what a reader should
answer after the section."""

QUESTIONS = [
    {"ask": "With SGD, how do an L2 penalty $\\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$ and weight "
            "decay differ?",
     "options": [
         {"text": "They do not: both shrink every weight by $1 - \\eta\\lambda$ and then take the "
                  "usual step.", "correct": True,
          "why": "The penalty's gradient $\\lambda\\theta$ enters the step as "
                 "$-\\eta\\lambda\\theta$, a multiplication by $1 - \\eta\\lambda$."},
         {"text": "The penalty shrinks large weights more than weight decay does.",
          "correct": False,
          "why": "Both shrink each weight in proportion to itself, by the same factor."},
         {"text": "Weight decay also needs the gradient of the penalty.", "correct": False,
          "why": "Weight decay multiplies the weights directly; no penalty gradient is needed."},
     ]},
    {"ask": "Inside Adam, the L2 penalty's gradient $\\lambda\\theta$, added to the loss "
            "gradient, pushes a slowly changing weight $\\theta_i$ per step by about how much?",
     "options": [
         {"text": "$\\mathrm{lr}\\cdot\\lambda\\theta_i$, the same fraction for every weight.",
          "correct": False,
          "why": "That is decoupled decay (AdamW); inside Adam the penalty is divided like every "
                 "other gradient."},
         {"text": "$\\mathrm{lr}\\cdot\\lambda\\theta_i/(\\sqrt{\\hat v_i} + \\varepsilon)$: hard "
                  "where the gradients have been small, weakly where they have been large.",
          "correct": True,
          "why": "The penalty goes through $m$ and $v$ and is divided by $\\sqrt{\\hat v}$ with "
                 "the rest."},
         {"text": "Nothing: the normalisation by $\\sqrt{\\hat v}$ cancels it.", "correct": False,
          "why": "Only a weight whose sole gradient is the penalty sees $\\lambda$ cancel; its "
                 "push is then about lr, not nothing."},
         {"text": "$\\lambda\\theta_i$, whatever the learning rate.", "correct": False,
          "why": "Adam's step is always multiplied by the learning rate."},
     ]},
    {"ask": "In what order does PyTorch's `AdamW` update a weight?",
     "options": [
         {"text": "Shrink $\\theta$ by $1 - \\mathrm{lr}\\cdot\\lambda$, then Adam's step with the "
                  "raw gradient.", "correct": True,
          "why": "That is eq. (8.4): $m$ and $v$ never see the decay."},
         {"text": "Adam's step with the gradient $g + \\lambda\\theta$.", "correct": False,
          "why": "That is Adam with L2, whose decay is divided by $\\sqrt{\\hat v}$."},
         {"text": "Shrink $\\theta$ by $1 - \\lambda$, then Adam's step.", "correct": False,
          "why": "That is the paper's Algorithm 2, eq. (8.3), with $\\eta_t = 1$: the paper's "
                 "$\\lambda$ is $\\mathrm{lr}$ times PyTorch's. PyTorch's `AdamW` shrinks by "
                 "$1 - \\mathrm{lr}\\cdot\\lambda$."},
     ]},
    {"ask": "A paper gives AdamW's weight decay as $\\lambda = 10^{-5}$ in Algorithm 2's "
            "convention, with $\\alpha = 10^{-3}$. What `weight_decay` do you pass to "
            "`torch.optim.AdamW(lr=1e-3)`?",
     "answer": 0.01, "tolerance": 0.0005,
     "why": "PyTorch multiplies its decay by lr: $\\lambda_{\\text{PyTorch}} = "
            "\\lambda_{\\text{paper}}/\\alpha = 10^{-5}/10^{-3} = 0.01$."},
    {"ask": "`AdamW(lr=0.01, weight_decay=0.1)` on a weight whose loss gradient is always 0: "
            "what fraction of its starting value is left after 100 steps? (to 2 decimal places)",
     "answer": 0.9, "tolerance": 0.005,
     "why": "Each step multiplies it by $1 - 0.01\\cdot 0.1 = 0.999$, and Adam's step is 0: "
            "$0.999^{100} = 0.9048$, 0.90 to 2 decimal places."},
]
