"""Claims of chapter 1 too slow to check inside its notebook: finer grids and more seeds for the
noise floor and for the batch-size exercise (Exercise 1.3), run with the notebook's own code."""

from __future__ import annotations

from test_chapter_claims import run_until

NOTEBOOK = "01_gradient_descent.ipynb"
SEEDS = [0, 1, 2]


def test_measured_noise_floors_on_three_seeds():
    """Section "The noise floor": averaged over 10 runs the measured floors are within 5% of
    (eq-floor), single runs within about 20% (all within 25%), and five times the learning rate
    gives about nine times the floor — on each of three seeds, not only the one the page shows."""
    check = f"""
import json
found = {{}}
for seed in {SEEDS!r}:
    for lr, b in [(0.05, 1), (0.01, 1), (0.05, 16), (0.01, 16)]:
        levels = excess_loss(sgd_runs(lr, b, runs, steps, seed=seed))[burn_in:].mean(axis=0)
        found[f"{{seed}} {{lr}} {{b}}"] = {{"levels": levels.tolist(), "floor": floor(noisy, lr, b)}}
print(json.dumps(found))
"""
    found = run_until(NOTEBOOK, "c24", check)
    mean = {key: sum(v["levels"]) / len(v["levels"]) for key, v in found.items()}
    for key, v in found.items():
        assert abs(mean[key] / v["floor"] - 1) < 0.05, (key, mean[key], v["floor"])
        assert all(abs(level / v["floor"] - 1) < 0.25 for level in v["levels"]), key
    for seed in SEEDS:
        ratio = mean[f"{seed} 0.05 1"] / mean[f"{seed} 0.01 1"]
        assert 8.5 <= ratio <= 9.5, (seed, ratio)


def test_batch_budget_ranking_on_a_finer_grid_and_three_seeds():
    """Exercise 1.3: of B = 1, 4, 16, 64, B = 16 ends lowest on every seed; on the grid twice as
    fine (2, 8, 32 added) B = 32 is about as good as 16 (within a factor 1.5) and which of the
    two wins depends on the seed; the best batch size is 8 at learning rate 0.02 and 64 at 0.09,
    on every seed."""
    check = f"""
import json
found = {{}}
for seed in {SEEDS!r}:
    for lr in [0.02, 0.05, 0.09]:
        for b in [1, 2, 4, 8, 16, 32, 64]:
            found[f"{{seed}} {{lr}} {{b}}"] = float(
                excess_loss(sgd_runs(lr, b, 100, 2000 // b, seed=seed))[-1].mean())
print(json.dumps(found))
"""
    found = run_until(NOTEBOOK, "c24", check)

    def final(seed, lr, b):
        return found[f"{seed} {lr} {b}"]

    def best(seed, lr, sizes):
        return min(sizes, key=lambda b: final(seed, lr, b))

    winners = set()
    for seed in SEEDS:
        assert best(seed, 0.05, [1, 4, 16, 64]) == 16, seed
        ratio = final(seed, 0.05, 32) / final(seed, 0.05, 16)
        assert 1 / 1.5 <= ratio <= 1.5, (seed, ratio)
        winners.add(best(seed, 0.05, [16, 32]))
        assert best(seed, 0.05, [1, 2, 4, 8, 16, 32, 64]) in (16, 32), seed
        assert best(seed, 0.02, [1, 2, 4, 8, 16, 32, 64]) == 8, seed
        assert best(seed, 0.09, [1, 2, 4, 8, 16, 32, 64]) == 64, seed
    assert winners == {16, 32}, winners
