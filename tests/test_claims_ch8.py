"""Chapter 8's claims that need more runs than its notebooks' time budget: each notebook runs up
to the cell that sets up the experiment, and the check runs in the same kernel with the
notebook's own functions (see test_chapter_claims.run_until)."""

from __future__ import annotations

import numpy as np

from test_chapter_claims import run_until

# A grid twice as fine as the notebook's (steps of about 1.7 instead of 3), wider on both sides.
FINE_LRS = [0.01, 0.017, 0.03, 0.055, 0.1, 0.17, 0.3]
FINE_DECAYS = {"Adam + L2": [0.0, 1e-4, 1.7e-4, 3e-4, 5.5e-4, 1e-3, 1.7e-3, 3e-3, 5.5e-3, 1e-2,
                             1.7e-2, 3e-2],
               "AdamW": [0.0, 0.03, 0.055, 0.1, 0.17, 0.3, 0.55, 1.0, 1.7, 3.0]}


def test_adamw_grid_on_a_finer_grid():
    """Section 8.1: "A grid twice as fine, learning rates from 0.01 to 0.3, gives the same
    picture: from 0.017 to 0.17 the best AdamW λ stays between 0.17 and 0.3 and the best L2
    coefficient between 1.7·10⁻³ and 3·10⁻³ (mean of the seeds)"; "The finer grid keeps the
    ranking on every seed" (Adam with L2 lowest, each optimizer at its best setting); and the
    best learning rate of both, 0.03, is inside the grid, not at its edge."""
    check = f"""
import json
fine = {{}}
for name, values in {FINE_DECAYS!r}.items():
    fine[name] = []
    for seed in seeds:
        split = digits(seed)
        start = model.init_params(np.random.default_rng(seed))
        fine[name].append([[float(model.loss(train(model, start, make[name](lr, wd),
                                                      (split.X_train, split.y_train), steps=45).params,
                                                split.X_test, split.y_test))
                            for wd in values] for lr in {FINE_LRS!r}])
print(json.dumps(fine))
"""
    fine = {name: np.array(value) for name, value in run_until("08_1_adamw.ipynb", "c12", check).items()}
    mean = {name: held.mean(axis=0) for name, held in fine.items()}
    middle = [FINE_LRS.index(lr) for lr in (0.017, 0.03, 0.055, 0.1, 0.17)]
    best_w = [FINE_DECAYS["AdamW"][j] for j in mean["AdamW"][middle].argmin(axis=1)]
    best_l2 = [FINE_DECAYS["Adam + L2"][j] for j in mean["Adam + L2"][middle].argmin(axis=1)]
    assert all(0.17 <= wd <= 0.3 for wd in best_w), best_w
    assert all(1.7e-3 <= wd <= 3e-3 for wd in best_l2), best_l2
    # The ranking, each at its best setting of the whole grid, on every seed.
    lowest = {name: held.min(axis=(1, 2)) for name, held in fine.items()}
    assert np.all(lowest["Adam + L2"] < lowest["AdamW"]), lowest
    # At the notebook's learning rates 0.03 and 0.1, on the finer decays: lower on average.
    for lr in (0.03, 0.1):
        i = FINE_LRS.index(lr)
        assert mean["Adam + L2"][i].min() < mean["AdamW"][i].min(), lr
    # The best learning rate of each (mean of the seeds, at its best decay) is 0.03 on the
    # finer grid too, with worse rates on both sides.
    for name in fine:
        assert FINE_LRS[int(mean[name].min(axis=1).argmin())] == 0.03, (name, mean[name].min(axis=1))


def test_constant_rate_beats_cosine_on_the_training_loss():
    """Section 8.2, Exercise 8.3's solution: the training loss of this MLP keeps falling under a
    constant rate ("lower after 600 steps than after 150, at every peak from 0.01 to 0.1"), so
    the cosine's lower rates only slow it: the constant rate ends lowest at every peak from 0.01
    to 0.1 (steps of about 1.7) and at 150 and 600 steps, on every seed."""
    check = """
import json
found = {}
for steps in [150, 600]:
    for peak in [0.01, 0.017, 0.03, 0.055, 0.1]:
        found[f"{steps} {peak}"] = {
            "constant": [float(final_loss(peak, seed, steps)) for seed in range(3)],
            "cosine": [float(final_loss(schedules.CosineDecay(peak, steps), seed, steps))
                       for seed in range(3)]}
print(json.dumps(found))
"""
    found = run_until("08_2_amsgrad_and_schedules.ipynb", "c31", check)
    for setting, losses in found.items():
        assert np.all(np.array(losses["constant"]) < np.array(losses["cosine"])), (setting, losses)
    for peak in [0.01, 0.017, 0.03, 0.055, 0.1]:
        later, earlier = (np.array(found[f"{steps} {peak}"]["constant"]) for steps in (600, 150))
        assert np.all(later < earlier), (peak, earlier, later)
