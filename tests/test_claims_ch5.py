"""Chapter 5's comparison of Adam with and without bias correction, tuned alike, checked on a
learning-rate grid twice as fine as the chapter's tuning grid (25 rates from 0.002 to 1.5, in
steps of about 1.32, against the chapter's 11 from 0.003 to 1, in steps of 1.5 to 2), on the
chapter's three datasets and on ten: too slow for the notebook's time budget (CONTRIBUTING.md,
"Claims"). The notebook runs up to the claim cell of its grid (c23b), so the model, the data and
`losses_after` are the text's own; the checks then run in the same kernel.

The sentences checked (section "Reproducing Kingma and Ba's experiment at small scale"):

- "From learning rate 0.1 up, the ratio of the two losses grows with the learning rate and with
  beta_2, on every seed";
- "the best learning rate after 10 steps with the correction is [the same] for all three beta_2,
  on every seed. Without it, the best learning rate falls as beta_2 grows";
- "The book's tests repeat this on a grid twice as fine again (0.002 to 1.5): the gap after 10
  steps is 1% to 3% on these datasets and 1% to 5% on ten; tuned for the loss after 30 steps it
  is 0.5% to 1.1%, and after 100 steps below 0.01%."
- the closing paragraph: "The late advantage they report [...] does not appear on this small,
  dense, convex problem: tuned alike, the two runs are within 0.01% of each other after 100
  steps. Its gradients are dense (at every one of the first 100 steps at learning rate 0.1, with
  or without the correction, half the entries or more are at least 5% of the largest)".
"""

from __future__ import annotations

import numpy as np
import pytest

from test_chapter_claims import run_until

CHECK = r'''
import json

finer_lrs = np.geomspace(0.002, 1.5, 25)
data.update({seed: blobs(seed) for seed in range(10)})


def finer_grid(seeds_, checkpoints):
    """The loss after each checkpoint: [correct][beta2, lr, seed, checkpoint]."""
    return {correct: np.array([[[losses_after(adamlib.Adam(lr=lr, beta2=beta2_,
                                                           bias_correction=correct),
                                              seed, checkpoints)
                                 for seed in seeds_] for lr in finer_lrs] for beta2_ in beta2s])
            for correct in [True, False]}


shown = finer_grid([0, 1, 2], (10, 30, 100))
ten = finer_grid(list(range(10)), (10,))
out = {"lrs": finer_lrs.tolist()}
for name, runs in [("shown", shown), ("ten", ten)]:
    out[name] = {
        "loss": {str(c): runs[c].tolist() for c in runs},
        "best_lr_index": {str(c): np.argmin(runs[c], axis=1).tolist() for c in runs},
        "behind": (runs[False].min(axis=1) / runs[True].min(axis=1) - 1).tolist(),
    }
dense = []                       # per run: min over 100 steps of median |entry| / max |entry|
for seed in [0, 1, 2]:
    X_, y_ = data[seed]
    for correct in [True, False]:
        opt = adamlib.Adam(lr=0.1, beta2=0.999, bias_correction=correct)
        params = model.init_params()
        state = opt.init(params)
        ratios = []
        for _ in range(100):
            grad = model.grad(params, X_, y_)
            entries = np.abs(np.concatenate([grad[k].ravel() for k in grad]))
            ratios.append(float(np.median(entries) / entries.max()))
            params, state = opt.step(params, grad, state)
        dense.append(min(ratios))
out["dense"] = dense
lrs40 = np.geomspace(0.002, 1.5, 40)      # finer still: steps of about 1.19
out["lrs40"] = lrs40.tolist()
out["best40"] = {str(correct): [[int(np.argmin([losses_after(adamlib.Adam(lr=lr, beta2=beta2_,
                                                                          bias_correction=correct),
                                                             seed, (10,))[0] for lr in lrs40]))
                                 for seed in [0, 1, 2]] for beta2_ in beta2s]
                 for correct in [True, False]}
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def finer():
    return run_until("05_bias_correction.ipynb", "c23b", CHECK)


def test_the_damage_grows_with_the_learning_rate_and_beta2_from_0_1_up(finer):
    lrs = np.array(finer["lrs"])
    loss = {c: np.array(finer["shown"]["loss"][c])[..., 0] for c in ("True", "False")}
    ratio = (loss["False"] / loss["True"])[:, lrs >= 0.1]            # [beta2, lr, seed]
    assert np.all(np.diff(ratio, axis=1) > 0), "not growing with the learning rate"
    assert np.all(np.diff(ratio, axis=0) > 0), "not growing with beta2"


def test_tuned_best_learning_rates_after_10_steps(finer):
    """With the correction one best rate serves every beta2; without, it falls as beta2 grows;
    none at the grid's edge."""
    last = len(finer["lrs"]) - 1
    best = {c: np.array(finer["shown"]["best_lr_index"][c])[..., 0] for c in ("True", "False")}
    assert np.all(best["True"] == best["True"][0]), best["True"]
    assert np.all(np.diff(best["False"], axis=0) < 0), best["False"]
    for c in best:
        assert np.all((best[c] > 0) & (best[c] < last)), (c, best[c])


def test_on_40_rates_the_corrected_best_moves_one_step_at_most(finer):
    """"on a grid of 40 rates from 0.002 to 1.5 it moves by at most one step of that grid (about
    19%) [...] Without it, the best learning rate falls as beta_2 grows [...] 9 to 11 times lower
    at beta_2 = 0.9999 than at 0.99"."""
    lrs = np.array(finer["lrs40"])
    best = {c: np.array(finer["best40"][c]) for c in ("True", "False")}       # [beta2, seed]
    assert round(100 * (lrs[1] / lrs[0] - 1)) == 19
    assert np.all(best["True"].max(axis=0) - best["True"].min(axis=0) <= 1), best["True"]
    assert np.any(best["True"].max(axis=0) > best["True"].min(axis=0)), best["True"]
    assert np.all(np.diff(best["False"], axis=0) < 0), best["False"]
    fall = lrs[best["False"][0]] / lrs[best["False"][-1]]
    assert round(fall.min()) == 9 and round(fall.max()) == 11, fall
    for c in best:
        assert np.all((best[c] > 0) & (best[c] < len(lrs) - 1)), (c, best[c])


@pytest.mark.parametrize("checkpoint, column, low, high", [
    (10, 0, 1, 3),          # "1% to 3% on these datasets", in whole percent
    (30, 1, 0.5, 1.1),      # "0.5% to 1.1%", to a tenth of a percent
])
def test_tuned_alike_the_corrected_run_is_ahead(finer, checkpoint, column, low, high):
    behind = 100 * np.array(finer["shown"]["behind"])[..., column]   # [beta2, seed], percent
    digits = 0 if checkpoint == 10 else 1
    assert np.all(behind > 0), (checkpoint, behind)
    assert round(behind.min(), digits) == low and round(behind.max(), digits) == high, (checkpoint, behind)
    best = np.array(finer["shown"]["best_lr_index"]["False"])[..., column]
    assert np.all((best > 0) & (best < len(finer["lrs"]) - 1)), (checkpoint, best)


def test_after_100_steps_the_gap_is_gone(finer):
    behind = np.array(finer["shown"]["behind"])[..., 2]
    assert np.all(np.abs(behind) < 1e-4), behind
    for c in ("True", "False"):
        best = np.array(finer["shown"]["best_lr_index"][c])[..., 2]
        assert np.all((best > 0) & (best < len(finer["lrs"]) - 1)), (c, best)


def test_the_gradients_are_dense(finer):
    """Half the gradient entries or more are at least 5% of the largest, at every step."""
    assert min(finer["dense"]) >= 0.05, finer["dense"]


def test_on_ten_datasets_the_gap_after_10_steps_is_1_to_5_percent(finer):
    behind = 100 * np.array(finer["ten"]["behind"])[..., 0]
    assert np.all(behind > 0), behind
    assert round(behind.min()) == 1 and round(behind.max()) == 5, behind
    best = {c: np.array(finer["ten"]["best_lr_index"][c])[..., 0] for c in ("True", "False")}
    for c in best:
        assert np.all((best[c] > 0) & (best[c] < len(finer["lrs"]) - 1)), (c, best[c])
