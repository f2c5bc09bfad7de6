"""Self-check of chapter 7, section 1, Classifying digits: what a reader should answer after the
section."""

QUESTIONS = [
    {"ask": "The weights of a rarely lit pixel get gradients about 80 times smaller than those "
            "of a busy pixel (as on the digits). How do their steps compare under SGD, and under "
            "Adam?",
     "options": [
         {"text": "SGD's are about 80 times smaller; Adam's are of about the same size.",
          "correct": True,
          "why": "SGD moves each parameter in proportion to its gradient; Adam divides by each "
                 "parameter's own gradient scale."},
         {"text": "Both are about 80 times smaller.", "correct": False,
          "why": "Adam's step does not depend on the scale of a coordinate's gradients."},
         {"text": "Both are of about the same size.", "correct": False,
          "why": "SGD has no per-parameter scaling: its step is lr times the gradient."},
     ]},
    {"ask": "A dense layer computes $a = xW + b$ for $n$ examples at once. What is the gradient "
            "$db$, and what shape does it have?",
     "options": [
         {"text": "$\\sum_i da_i$, summed over the examples: shape $(d_\\text{out},)$.",
          "correct": True,
          "why": "$b$ is added to every example's row, so each row's gradient reaches it."},
         {"text": "$da$ itself: shape $(n, d_\\text{out})$.", "correct": False,
          "why": "A gradient has the shape of its variable; $b$ has one entry per output."},
         {"text": "The mean of $da$ over the examples.", "correct": False,
          "why": "The loss's $1/n$ is already inside $da$; dividing again counts it twice."},
         {"text": "$\\sum_j da_{ij}$, summed over the outputs: shape $(n,)$.", "correct": False,
          "why": "That sums the wrong axis: one number per example, not per output."},
     ]},
    {"ask": "How many parameters (weights and biases) does `MLP(64, 32, 10)` have?",
     "answer": 2410, "tolerance": 0.5,
     "why": "$64\\cdot 32 + 32 = 2{,}080$ in the hidden layer and $32\\cdot 10 + 10 = 330$ in "
            "the output layer."},
    {"ask": "For $n = 4$ examples, one example's softmax gives its true class the probability "
            "0.7. What is the gradient of the mean cross-entropy in that example's logit for its "
            "true class, $z_{i,y_i}$? "
            "(to 3 decimal places)",
     "answer": -0.075, "tolerance": 0.0005,
     "why": "The gradient is $(P - Y)/n$, in that entry $(0.7 - 1)/4 = -0.075$."},
    {"ask": "You compare optimizers by how well they generalise, and choose each one's learning "
            "rate. Which data do you choose it on, and which do you report?",
     "options": [
         {"text": "Choose on a validation set, report on the test set once.", "correct": True,
          "why": "A test set used for choosing is no longer an honest estimate."},
         {"text": "Choose and report on the test set.", "correct": False,
          "why": "The chosen rate then fits the test set, and the report flatters it."},
         {"text": "Choose on the training loss, report the training loss.", "correct": False,
          "why": "The training loss measures how fast and how closely an optimizer fits the "
                 "training set (the question of the Kingma and Ba comparison), not how well it "
                 "generalises: it cannot tell you the test accuracy."},
     ]},
]
