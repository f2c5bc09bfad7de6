"""Claims of chapter 1 too slow to check inside its notebook: more seeds for the noise floor and
for the batch-size exercise (Exercise 1.3), run with the notebook's own code."""

from __future__ import annotations

from test_chapter_claims import run_until

NOTEBOOK = "01_gradient_descent.ipynb"
SEEDS = list(range(10))


def test_measured_noise_floors_on_ten_seeds():
    """Section "The noise floor": averaged over 10 runs the measured floors are within 5% of
    eq. (1.3); single runs settle up to about a quarter above it and a fifth below it ("on ten
    seeds, the farthest is 16% to 27% off, the largest excess 27% and the largest shortfall 21%"); five times the learning rate gives about nine times the floor,
    and 16 times the batch a floor about 16 times lower — on each of ten seeds, not only the one
    the page shows."""
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
    farthest = {seed: 0.0 for seed in SEEDS}
    deviations = [level / v["floor"] - 1 for v in found.values() for level in v["levels"]]
    assert round(100 * max(deviations)) == 27 and round(-100 * min(deviations)) == 21, deviations
    for key, v in found.items():
        assert abs(mean[key] / v["floor"] - 1) < 0.05, (key, mean[key], v["floor"])
        seed = int(key.split()[0])
        farthest[seed] = max(farthest[seed], *(abs(level / v["floor"] - 1) for level in v["levels"]))
    assert round(100 * min(farthest.values())) == 16 and round(100 * max(farthest.values())) == 27, farthest
    assert round(100 * farthest[0]) == 21, farthest[0]
    for seed in SEEDS:
        ratio = mean[f"{seed} 0.05 1"] / mean[f"{seed} 0.01 1"]
        assert 8.5 <= ratio <= 9.5, (seed, ratio)
        for lr in [0.05, 0.01]:
            ratio = mean[f"{seed} {lr} 1"] / mean[f"{seed} {lr} 16"]
            assert 14.4 <= ratio <= 17.6, (seed, lr, ratio)


def test_batch_budget_measured_on_ten_seeds():
    """Exercise 1.3, measured with 100 runs on each of ten seeds: of B = 1, 4, 16, 64, B = 16
    ends lowest on every seed; with B = 1 the mean is within 40% of the floor and the standard
    deviation over runs larger than the mean; among the powers of two up to 128, the best batch
    size is 8 at learning rate 0.02 and 64 at 0.09 on every seed. On the grid twice as fine,
    B = 32 is slightly lower than B = 16 in expectation, "but 100 runs cannot tell the two apart:
    the gap is about a quarter of the standard error of the difference of the two measured means,
    and over 200 seeds B = 32 measures lower on 58% of them"."""
    sizes = [1, 2, 4, 8, 16, 32, 64, 128]
    check = f"""
import json
found = {{}}
for seed in {SEEDS!r}:
    for rate in [0.02, 0.05, 0.09]:
        for b in {sizes!r}:
            final = excess_loss(sgd_runs(rate, b, 100, 2000 // b, seed=seed))[-1]
            found[f"{{seed}} {{rate}} {{b}}"] = [float(final.mean()), float(final.std())]
found["floor"] = floor(noisy, 0.05, 1)
# B = 32 against B = 16 at 0.05 on 200 seeds: the means of 100 runs and their standard errors.
duel = []
for seed in range(200):
    means, errors = [], []
    for b in [16, 32]:
        final = excess_loss(sgd_runs(0.05, b, 100, 2000 // b, seed=seed))[-1]
        means.append(float(final.mean()))
        errors.append(float(final.std() / 10))
    duel.append(means + errors)
found["duel"] = duel
found["expected"] = [expected[0.05][16], expected[0.05][32]]
print(json.dumps(found))
"""
    found = run_until(NOTEBOOK, "c38a", check)

    def final(seed, lr, b):
        return found[f"{seed} {lr} {b}"][0]

    def best(seed, lr, batch_sizes):
        return min(batch_sizes, key=lambda b: final(seed, lr, b))

    floor_b1 = found["floor"]
    worst_b1 = 0.0
    for seed in SEEDS:
        assert best(seed, 0.05, [1, 4, 16, 64]) == 16, seed
        mean_b1, sd_b1 = found[f"{seed} 0.05 1"]
        assert abs(mean_b1 / floor_b1 - 1) < 0.4 and sd_b1 > mean_b1, (seed, mean_b1, sd_b1)
        worst_b1 = max(worst_b1, abs(mean_b1 / floor_b1 - 1))
        assert best(seed, 0.02, sizes) == 8, seed
        assert best(seed, 0.09, sizes) == 64, seed
    assert worst_b1 > 0.3, worst_b1  # "within 40%" is not a loose bound

    # B = 32 against B = 16: the gap in expectation is about a quarter of the standard error of
    # the difference of two 100-run means (root mean square over the 200 seeds), and B = 32
    # measures lower on 58% of the 200 seeds.
    duel = found["duel"]
    assert [row[:2] for row in duel[:10]] == [[final(s, 0.05, 16), final(s, 0.05, 32)] for s in SEEDS]
    expected_16, expected_32 = found["expected"]
    error = (sum(e16 ** 2 + e32 ** 2 for _, _, e16, e32 in duel) / len(duel)) ** 0.5
    ratio = (expected_16 - expected_32) / error
    assert 0.2 <= ratio <= 0.3, (ratio, error)
    lower = sum(m32 < m16 for m16, m32, _, _ in duel)
    assert len(duel) == 200 and round(100 * lower / len(duel)) == 58, lower
