"""Self-check of chapter 7, section 3, Sparse gradients and a tiny GAN: what a reader should
answer after the section."""

QUESTIONS = [
    {"ask": "A word appears in 1 % of the documents. In what fraction of minibatches of 32 "
            "documents does its weight get a nonzero gradient? (to 2 decimal places)",
     "answer": 0.28, "tolerance": 0.005,
     "why": "A batch misses the word with probability $(1 - 0.01)^{32}$, so "
            "$1 - 0.99^{32} = 0.275$ of the batches contain it."},
    {"ask": "Why does SGD learn a rare but informative word slowly?",
     "options": [
         {"text": "One learning rate is set by the busy weights, and the rare weight's gradient "
                  "is rare and small, so its steps are tiny.", "correct": True,
          "why": "AdaGrad and Adam divide each weight's step by its own gradient history, so "
                 "the rare weight moves far when its gradient appears."},
         {"text": "Its gradient is biased towards zero.", "correct": False,
          "why": "Its minibatch gradient is unbiased; it is zero in most batches."},
         {"text": "The rare word's weight is never updated.", "correct": False,
          "why": "It is updated whenever a batch contains the word."},
     ]},
    {"ask": "What is the binary cross-entropy of a logit $\\ell = 0$ against the target 1? "
            "(to 3 decimal places)",
     "answer": 0.693, "tolerance": 0.0005,
     "why": "$\\log(1 + e^0) - 1\\cdot 0 = \\log 2 = 0.693$: the prediction 0.5 is half-way."},
    {"ask": "Why does the generator minimise $-\\log D(G(z))$ instead of "
            "$\\log(1 - D(G(z)))$?",
     "options": [
         {"text": "Early on the discriminator rejects the fakes, and there "
                  "$\\log(1 - D)$ is flat while $-\\log D$ is steep.", "correct": True,
          "why": "The non-saturating loss gives the generator a strong gradient when it most "
                 "needs one."},
         {"text": "The two have the same gradient; $-\\log D$ is only cheaper.", "correct": False,
          "why": "Their gradients differ most where $D(G(z))$ is near 0."},
         {"text": "So that the discriminator's loss stays a binary cross-entropy.",
          "correct": False,
          "why": "The discriminator's loss is the same either way."},
     ]},
    {"ask": "Why can a smaller $\\beta_1$ help when Adam trains a GAN?",
     "options": [
         {"text": "A game can circle; momentum carries a player past the turn, and a shorter "
                  "memory turns sooner.", "correct": True,
          "why": "On the section's GAN, $\\beta_1 = 0.9$ swung widest and ended farthest from the "
                 "data on every seed."},
         {"text": "A smaller $\\beta_1$ lowers the effective learning rate.", "correct": False,
          "why": "For a steady gradient Adam's step is about $\\alpha$ whatever $\\beta_1$ is "
                 "(the bias correction sees to that), and under noisy gradients a smaller "
                 "$\\beta_1$ averages less and gives larger steps, not smaller."},
         {"text": "$\\beta_1$ must be below $\\beta_2$ by at least 0.4.", "correct": False,
          "why": "No such rule: the point is the game's dynamics, not a gap between betas."},
     ]},
]
