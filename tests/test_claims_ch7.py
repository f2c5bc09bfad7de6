"""Chapter 7's claims that are too slow to check inside its notebooks' time budget: finer
learning-rate grids, more seeds, other learning rates. Each runs the section's notebook up to the
cell that defines what the claim is about and checks it in the same kernel (`run_until`), so the
check cannot drift from the text's setup."""

from __future__ import annotations

import numpy as np

from test_chapter_claims import run_until

DIGITS = "07_1_classifying_digits.ipynb"
AUTOENCODER = "07_2_autoencoders_and_noise.ipynb"
SPARSE = "07_3_sparse_and_gans.ipynb"


def ends_after_300(seeds) -> str:
    """Check code for Exercise 7.9: out["300 <beta1>"], for beta1 = 0.5 and 0.9, holds each seed's
    mean distance over steps 255-300 of a run of 300 steps."""
    return f"""for beta1 in [0.5, 0.9]:
    ends = []
    for seed in {list(seeds)!r}:
        opt = adamlib.Adam(LR, beta1=beta1)
        r = train_gan(gan, gan.init_params(np.random.default_rng(seed)), real, g_opt=opt, d_opt=opt,
                      steps=300, batch_size=64, seed=seed, record_every=5)
        ends.append(float(distances(r)[-10:].mean()))
    out[f"300 {{beta1}}"] = ends
"""


def test_kingma_grid_is_centred_and_its_claims_survive_a_grid_twice_as_fine():
    """Section 7.1, "Kingma and Ba's Figure 1": each grid is centred on the best value of a wider
    half-decade grid (a tenth to ten times), and with alpha tuned on a grid twice as fine (the
    midpoints added) the text's statements still hold on every seed. Three of the four tuned
    values move on that grid: AdaGrad's to 1.34 and RMSprop's to 0.134, 2% and 4% lower in
    final loss than at 1 and 0.1, and SGD-Nesterov's to 4.2, a tie with 5.6 (within 0.1%);
    Adam's stays at 1. (Exercise 7.2(a) quotes AdaGrad's.)"""
    check = """
import json
out = {"wide": {}, "fine": {}, "means": {}}
with np.errstate(all="ignore"):
    for name, (make, alphas) in fig1_optimizers.items():
        centre = alphas[1]
        def losses(alpha):
            return [adamlib.train(softmax, softmax.init_params(), make(alpha), (X_train, y_train),
                                  steps=100, batch_size=128, seed=s) for s in seeds]
        wide = {alpha: np.mean([final_loss(softmax, r) for r in losses(alpha)])
                for alpha in centre * np.array([0.1, 10 ** -0.5, 10 ** 0.5, 10])}
        wide[centre] = final1[name, centre].mean()
        out["wide"][name] = min(wide, key=wide.get) == centre
        runs_at = {alpha: fig1[name, alpha] for alpha in alphas}
        for a, b in zip(alphas[:-1], alphas[1:]):
            runs_at[float(np.sqrt(a * b))] = losses(float(np.sqrt(a * b)))
        means = {alpha: float(np.mean([final_loss(softmax, r) for r in runs_at[alpha]])) for alpha in runs_at}
        best = min(means, key=means.get)
        out["means"][name] = {repr(alpha): v for alpha, v in means.items()}
        out["fine"][name] = {"alpha": best,
                             "losses": [list(r.losses) for r in runs_at[best]],
                             "final": [final_loss(softmax, r) for r in runs_at[best]]}
print(json.dumps(out))
"""
    found = run_until(DIGITS, "c17", check)
    assert all(found["wide"].values()), found["wide"]
    fine, means = found["fine"], found["means"]
    # Three of the four tuned values move (the text and Exercise 7.2(a)); Adam's stays at 1.
    moved = {name: round(v["alpha"], 3) for name, v in fine.items()}
    assert moved == {"SGD-Nesterov": 4.233, "AdaGrad": 1.342, "RMSprop": 0.134, "Adam": 1}, moved
    gain = {name: 1 - means[name][repr(fine[name]["alpha"])] / means[name][repr(centre)]
            for name, centre in [("AdaGrad", 1), ("RMSprop", 0.1)]}
    assert [round(100 * gain[name]) for name in ["AdaGrad", "RMSprop"]] == [2, 4], gain
    tie = means["SGD-Nesterov"][repr(fine["SGD-Nesterov"]["alpha"])] / means["SGD-Nesterov"][repr(5.6)]
    assert 0.999 < tie <= 1, tie                 # "a tie with 5.6 (within 0.1%)"
    losses = {name: np.array(v["losses"]) for name, v in fine.items()}
    final = {name: np.array(v["final"]) for name, v in fine.items()}
    smooth = {name: np.array([np.convolve(row, np.ones(5) / 5, mode="valid") for row in l])
              for name, l in losses.items()}

    def passes(faster, slower):
        above = smooth[faster] >= smooth[slower]
        return np.array([np.flatnonzero(row)[-1] + 6 if row.any() else 5 for row in above])

    for name in losses:                          # within five steps every loss overshoots the start
        assert np.all(losses[name][:, 1:6].max(axis=1) > losses[name][:, 0]), name
    for slow in ["AdaGrad", "RMSprop"]:
        assert np.all((30 <= passes("Adam", slow)) & (passes("Adam", slow) <= 40)), (slow, fine)
        assert np.all(passes("SGD-Nesterov", slow) < 50), slow
        assert np.all(losses[slow][:, 10:30].mean(1) < losses["Adam"][:, 10:30].mean(1)), slow
    # Adam ends lowest on every seed, SGD-Nesterov second, by 40% or more below the other two.
    assert np.all(final["Adam"] < final["SGD-Nesterov"])
    for slow in ["AdaGrad", "RMSprop"]:
        assert np.all(1 - final["SGD-Nesterov"] / final[slow] >= 0.395), slow


def test_kingma_ranking_holds_on_eight_seeds_but_its_margins_depend_on_the_seed():
    """Section 7.1, "Kingma and Ba's Figure 1": "On eight seeds (0 to 7, the book's tests), with
    the same alpha values, the order of the final losses is the same on every seed: Adam,
    SGD-Nesterov, RMSprop, AdaGrad (and so it is with the alpha values of the finer grid). The
    margins are not: Adam's lead over SGD-Nesterov runs from 8% to 60%, and on seed 4
    SGD-Nesterov ends only 3% below RMSprop and 9% below AdaGrad, against 41% or more below both
    on the seven other seeds." (The margins 8% to 30% and 40% or more of the text's bullet are
    those of seeds 0 to 2, checked in the notebook's claim cell.)"""
    check = """
import json
finer = {"SGD-Nesterov": float(np.sqrt(3.2 * 5.6)), "AdaGrad": float(np.sqrt(1.8)),
         "RMSprop": float(np.sqrt(0.1 * 0.18)), "Adam": 1.0}
out = {}
with np.errstate(all="ignore"):
    for grid_name, alphas in [("tuned", tuned1), ("finer", finer)]:
        out[grid_name] = {name: [final_loss(softmax, adamlib.train(
                              softmax, softmax.init_params(), fig1_optimizers[name][0](alphas[name]),
                              (X_train, y_train), steps=100, batch_size=128, seed=s))
                              for s in range(8)]
                          for name in fig1_optimizers}
print(json.dumps(out))
"""
    found = run_until(DIGITS, "c17", check)
    for grid_name in ["tuned", "finer"]:
        final = {name: np.array(v) for name, v in found[grid_name].items()}
        # The order Adam < SGD-Nesterov < RMSprop < AdaGrad, on every one of the eight seeds.
        assert np.all(final["Adam"] < final["SGD-Nesterov"]), grid_name
        assert np.all(final["SGD-Nesterov"] < final["RMSprop"]), grid_name
        assert np.all(final["RMSprop"] < final["AdaGrad"]), grid_name
    final = {name: np.array(v) for name, v in found["tuned"].items()}
    lead = 1 - final["Adam"] / final["SGD-Nesterov"]
    assert 0.075 <= lead.min() < 0.085 and 0.595 <= lead.max() < 0.605, lead   # "8% to 60%"
    below_rms = 1 - final["SGD-Nesterov"] / final["RMSprop"]
    below_ada = 1 - final["SGD-Nesterov"] / final["AdaGrad"]
    assert 0.025 <= below_rms[4] < 0.035 and 0.085 <= below_ada[4] < 0.095, (below_rms, below_ada)
    others = [s for s in range(8) if s != 4]
    assert min(below_rms[others].min(), below_ada[others].min()) >= 0.405, (below_rms, below_ada)
    assert round(min(below_rms[others].min(), below_ada[others].min()), 2) == 0.41   # "41% or more"


def test_small_batches_retuned_adams_lead_does_not_come_back():
    """Section 7.1, Exercise 7.3's solution, quoted: Re-tuned (the book's tests do it), Adam's
    lead does not come back: on the same three-point grids SGD-Nesterov's best alpha moves to 3.2, where its
    mean final loss, 0.116, is 4% below Adam's, 0.121 (still at alpha = 1), and lower on two of
    the three seeds; on grids twice as fine the two tie within 1% (Adam's best moves to 0.75)."""
    check = """
import json
out = {}
with np.errstate(all="ignore"):
    for name, (make, alphas) in fig1_optimizers.items():
        if name not in ("SGD-Nesterov", "Adam"):
            continue
        fine = sorted(alphas + [float(np.sqrt(a * b)) for a, b in zip(alphas[:-1], alphas[1:])])
        out[name] = {repr(alpha): [final_loss(softmax, adamlib.train(
                         softmax, softmax.init_params(), make(alpha), (X_train, y_train),
                         steps=100, batch_size=32, seed=s)) for s in seeds]
                     for alpha in fine}
print(json.dumps(out))
"""
    found = run_until(DIGITS, "c17", check)
    grids = {"SGD-Nesterov": [3.2, 5.6, 10], "Adam": [0.56, 1, 1.8]}
    runs = {name: {float(a): np.array(v) for a, v in found[name].items()} for name in found}
    best = {name: min(grids[name], key=lambda a: runs[name][a].mean()) for name in grids}
    assert best == {"SGD-Nesterov": 3.2, "Adam": 1}, best
    nesterov, adam = runs["SGD-Nesterov"][3.2], runs["Adam"][1]
    assert round(nesterov.mean(), 3) == 0.116 and round(adam.mean(), 3) == 0.121
    assert round(100 * (1 - nesterov.mean() / adam.mean())) == 4
    assert (nesterov < adam).sum() == 2
    fine = {name: min(runs[name], key=lambda a: runs[name][a].mean()) for name in runs}
    assert round(fine["Adam"], 2) == 0.75 and fine["SGD-Nesterov"] == 3.2, fine
    ratio = runs["Adam"][fine["Adam"]].mean() / runs["SGD-Nesterov"][fine["SGD-Nesterov"]].mean()
    assert 0.99 <= ratio <= 1.01, ratio                    # "tie within 1%"


def test_digit_learning_rate_windows_on_eight_seeds_and_a_grid_twice_as_fine():
    """Section 7.1, "How much tuning does the learning rate need?" and "Does Adam generalise
    worse?", on eight seeds (0-7) and on two grids: the notebook's half-decade grid and the grid
    with the midpoints added (quarter decades). Widths are counted in grid steps. What holds on
    every seed and both grids: every training-loss window is at most three quarters of a decade;
    Adam's window is at least as wide as SGD's by either criterion (by the validation accuracy
    strictly wider on the finer grid); the lowest training loss is at a smaller
    rate for Adam than for Momentum and for Momentum than for SGD, 10 to 33 times smaller for Adam
    than for SGD. What depends on the seed: on the finer grid Adam's window is the widest (or tied)
    on 6 of the 8 seeds by the training loss and on 7 of 8 by the validation accuracy. Averaged
    over the seeds, Adam's validation window is the widest on both grids. At the rates tuned on
    seed 0's validation accuracy (half-decade grid) Adam's training loss is the lowest on every
    seed, under half the others' on 6 of the 8 (every one of seeds 0-2); with the rates re-tuned on
    the finer grid Adam still fits seeds 0-2 much better, without a lower mean test accuracy."""
    check = """
import json
fine = sorted(lrs + [float(np.sqrt(a * b)) for a, b in zip(lrs[:-1], lrs[1:])])
loss, val, test = {}, {}, {}
with np.errstate(all="ignore"):
    for name, make in makers.items():
        for lr in fine:
            for seed in range(8):
                r = grid[name, lr, seed] if (name, lr, seed) in grid else run_mlp(make(lr), seed)
                key = f"{name} {lr!r} {seed}"
                loss[key] = float(mlp.loss(r.params, X_train, y_train))
                val[key] = float(mlp.accuracy(r.params, X_val, y_val))
                test[key] = float(mlp.accuracy(r.params, X_test, y_test))
print(json.dumps({"lrs": fine, "coarse": lrs, "loss": loss, "val": val, "test": test}))
"""
    found = run_until(DIGITS, "c21", check)
    fine, coarse, names, seeds = found["lrs"], found["coarse"], ["SGD", "Momentum", "Adam"], range(8)

    def series(kind, name, seed, lrs):
        return np.array([found[kind][f"{name} {lr!r} {seed}"] for lr in lrs])

    def window(scores, best, good):
        lo = hi = best
        while lo > 0 and good(scores[lo - 1]):
            lo -= 1
        while hi < len(scores) - 1 and good(scores[hi + 1]):
            hi += 1
        return lo, hi

    def windows(loss, val):
        """(lo, hi) grid indices of the two windows: loss within 2x of its best, accuracy within 2 points."""
        return (window(loss, int(np.argmin(loss)), lambda v: v <= 2 * loss.min()),
                window(val, int(np.argmax(val)), lambda v: v >= val.max() - 0.02))

    widest = {}
    for grid_name, lrs in [("coarse", coarse), ("fine", fine)]:
        for seed in seeds:
            steps, decades = {}, {}
            for name in names:
                loss, val = series("loss", name, seed, lrs), series("val", name, seed, lrs)
                w = windows(loss, val)
                steps[name] = [hi - lo for lo, hi in w]
                decades[name] = [np.log10(lrs[hi] / lrs[lo]) for lo, hi in w]
            # Every training-loss window is at most three quarters of a decade (one half-decade step
            # on the notebook's grid), on every seed.
            assert max(decades[name][0] for name in names) <= 0.77, (grid_name, seed, decades)
            if grid_name == "coarse":
                assert max(steps[name][0] for name in names) <= 1, (seed, steps)
            # Adam's window is at least as wide as SGD's, in grid steps, by either criterion on
            # every seed; by the validation accuracy strictly wider on the finer grid.
            assert all(steps["Adam"][c] >= steps["SGD"][c] for c in (0, 1)), (grid_name, seed, steps)
            if grid_name == "fine":
                assert steps["Adam"][1] > steps["SGD"][1], (seed, steps)
            for c in (0, 1):
                top = max(steps[name][c] for name in names)
                widest[grid_name, seed, c] = {name for name in names if steps[name][c] == top}
            # Where the valleys lie: Adam's lowest loss at a smaller rate than Momentum's, and
            # Momentum's smaller than SGD's; Adam's 10 to 33 times smaller than SGD's.
            best = {name: lrs[int(np.argmin(series("loss", name, seed, lrs)))] for name in names}
            assert best["Adam"] < best["Momentum"] < best["SGD"], (grid_name, seed, best)
            assert 9.9 <= best["SGD"] / best["Adam"] <= 33.4, (grid_name, seed, best)
    # On the finer grid Adam's window is the widest or tied on 6 of 8 seeds by the loss, 7 of 8
    # by the validation accuracy; on the others Momentum's is wider.
    by_loss = [s for s in seeds if "Adam" in widest["fine", s, 0]]
    by_val = [s for s in seeds if "Adam" in widest["fine", s, 1]]
    assert len(by_loss) == 6 and len(by_val) == 7, (by_loss, by_val)
    for s in seeds:
        for c in (0, 1):
            assert "Adam" in widest["fine", s, c] or widest["fine", s, c] == {"Momentum"}, (s, c, widest)
    # The notebook's three seeds, on its grid: Adam's windows at least as wide as the others'.
    for s in range(3):
        assert all("Adam" in widest["coarse", s, c] for c in (0, 1)), (s, widest)
    # The windows of the mean curves over the eight seeds: Adam's validation window is the widest.
    for lrs in (coarse, fine):
        mean_steps = {}
        for name in names:
            loss = np.mean([series("loss", name, s, lrs) for s in seeds], axis=0)
            val = np.mean([series("val", name, s, lrs) for s in seeds], axis=0)
            mean_steps[name] = [hi - lo for lo, hi in windows(loss, val)]
        assert mean_steps["Adam"][1] > max(mean_steps[name][1] for name in ["SGD", "Momentum"]), mean_steps

    # Generalisation at the notebook's tuned rates (half-decade grid, seed 0's validation accuracy).
    tuned = {name: coarse[int(np.argmax(series("val", name, 0, coarse)))] for name in names}
    assert tuned == {"SGD": 1, "Momentum": 0.1, "Adam": 0.1}, tuned
    train = {name: np.array([found["loss"][f"{name} {tuned[name]!r} {s}"] for s in seeds]) for name in names}
    others = np.minimum(train["SGD"], train["Momentum"])
    assert np.all(train["Adam"] < others)                                   # lowest on every seed
    half = train["Adam"] < 0.5 * others
    assert half.sum() == 6 and half[:3].all(), train                        # under half: 6 of 8
    test = {name: np.array([found["test"][f"{name} {tuned[name]!r} {s}"] for s in seeds]) for name in names}
    means = {name: test[name].mean() for name in names}
    assert means["Adam"] >= max(means["SGD"], means["Momentum"]), means
    assert max(means.values()) - min(means.values()) < min(np.ptp(t) for t in test.values()), (means, test)
    # With each rate re-tuned on the finer grid (seed 0's validation accuracy), on seeds 0-2.
    retuned = {name: fine[int(np.argmax(series("val", name, 0, fine)))] for name in names}
    train = {name: np.array([found["loss"][f"{name} {retuned[name]!r} {s}"] for s in range(3)]) for name in names}
    test = {name: np.array([found["test"][f"{name} {retuned[name]!r} {s}"] for s in range(3)]) for name in names}
    assert np.all(train["Adam"] < 0.5 * min(train["SGD"].min(), train["Momentum"].min())), (retuned, train)
    means = {name: test[name].mean() for name in names}
    assert means["Adam"] >= max(means["SGD"], means["Momentum"]) - 0.005, (retuned, means)
    assert max(means.values()) - min(means.values()) < max(np.ptp(t) for t in test.values()), (retuned, test)


def test_autoencoder_rates_stay_best_on_a_grid_twice_as_fine_and_when_retuned_for_small_batches():
    """Section 7.2: each learning rate stays the best (mean final training loss over the seeds)
    when the quarter-decade neighbours are added, so the ranking of the four optimizers is that
    of a grid twice as fine; and re-tuned for B = 4 on a grid in quarter decades (the best inside
    it), every optimizer still ends higher than at B = 64, Adam and Momentum stay below SGD on
    every seed, and B = 4 still costs Adam a larger fraction of its loss than Momentum, and
    Momentum than SGD, on average."""
    check = """
import json
quarter = 10 ** 0.25
out = {"fine": {}, "small": {}}
with np.errstate(all="ignore"):
    for name in MAKERS:
        out["fine"][name] = {repr(LR[name] * f): [float(train_loss(run(name, s, lr=LR[name] * f))) for s in SEEDS]
                             for f in (1 / quarter, quarter)}
        out["fine"][name][repr(LR[name])] = [float(v) for v in final[name]]
    # RMSprop on a finer grid still, near its optimum.
    out["rms_finer"] = {repr(lr): [float(train_loss(run("RMSprop", s, lr=lr))) for s in SEEDS]
                        for lr in (0.0045, 0.005, 0.0056, 0.006)}
    for name in ["SGD", "Momentum", "Adam"]:
        out["small"][name] = {repr(LR[name] * quarter ** k): [float(train_loss(run(name, s, batch_size=4, lr=LR[name] * quarter ** k)))
                                                             for s in SEEDS] for k in (-2, -1, 0, 1)}
print(json.dumps({"out": out, "LR": LR}))
"""
    found = run_until(AUTOENCODER, "c11", check)
    fine, small, chosen = found["out"]["fine"], found["out"]["small"], found["LR"]
    # RMSprop's best rate is a tie within the seeds' noise: 0.005 and 0.0056 end 2% to 3% lower than
    # 0.003, and the ranking of the four optimizers does not change.
    finer = {float(lr): np.mean(v) for lr, v in found["out"].pop("rms_finer").items()}
    at_003 = np.mean(fine["RMSprop"][repr(chosen["RMSprop"])])
    for lr in (0.005, 0.0056):
        assert 0.015 <= 1 - finer[lr] / at_003 <= 0.03, (lr, finer[lr], at_003)
    assert 1 - min(finer.values()) / at_003 <= 0.03
    # ... while 0.0045 and 0.006, between and beyond them, end higher than 0.003: a tie set by the seeds.
    assert finer[0.0045] > at_003 and finer[0.006] > at_003, (finer, at_003)
    assert np.mean(fine["Adam"][repr(chosen["Adam"])]) < min(finer.values())
    assert min(finer.values()) < np.mean(fine["SGD"][repr(chosen["SGD"])])
    best64 = {}
    for name, scores in fine.items():
        best = min(scores, key=lambda lr: np.mean(scores[lr]))
        assert float(best) == chosen[name], (name, scores)
        best64[name] = np.array(scores[best])
    for name in ["Adam", "Momentum"]:
        assert np.all(best64[name] < 0.92 * best64["SGD"]), name
    assert best64["Adam"].mean() < np.mean(fine["RMSprop"][repr(chosen["RMSprop"])]) < best64["SGD"].mean()
    best4 = {}
    for name, scores in small.items():
        rates = list(scores)
        best = min(rates, key=lambda lr: np.mean(scores[lr]))
        assert 0 < rates.index(best) < len(rates) - 1, (name, scores)      # not at an edge
        best4[name] = np.array(scores[best])
        assert best4[name].mean() > best64[name].mean(), name
    for name in ["Adam", "Momentum"]:
        assert np.all(best4[name] < best4["SGD"]), name
    ratio = {name: best4[name].mean() / best64[name].mean() for name in best4}
    assert ratio["Adam"] > ratio["Momentum"] > ratio["SGD"], ratio


def test_autoencoder_sgd_with_per_layer_learning_rates():
    """Section 7.2, "The problem: four layers, four gradient scales", on seeds 0-19: plain SGD at
    lr 1 with some arrays' rates multiplied. Two or three times the encoder's rate (its W2 and b2 get
    the largest gradients) blows nothing up but leaves the final training loss higher on 18 of 20
    seeds; twice the decoder's rate (W3, b3, W4, b4; its weights get the smallest gradients)
    lowers it on all 20,
    by 6% on average (0.0633 to 0.0595), about 40% of the way to Adam's 0.0536. Beyond that the
    curvature sets the limit: 2.5 times the decoder's rate diverges on 1 seed of 20, three times
    on 4, five times W4's alone on 18."""
    check = """
import json
SEEDS_ALL = list(range(20))
inits.update({s: autoencoder.init_params(np.random.default_rng(s)) for s in SEEDS_ALL if s not in inits})
def sgd_per_layer(scale, seed, lr=1.0):
    p = inits[seed]
    for _, batch in zip(range(STEPS), minibatches(len(digits.X_train), BATCH, np.random.default_rng(seed))):
        g = autoencoder.grad(p, digits.X_train[batch])
        p = {k: p[k] - lr * scale.get(k, 1.0) * g[k] for k in p}
    return float(autoencoder.loss(p, digits.X_train))
encoder, decoder = ["W1", "b1", "W2", "b2"], ["W3", "b3", "W4", "b4"]
scales = {"encoder x2": {k: 2 for k in encoder}, "encoder x3": {k: 3 for k in encoder},
          "decoder x2": {k: 2 for k in decoder}, "decoder x2.5": {k: 2.5 for k in decoder},
          "decoder x3": {k: 3 for k in decoder}, "W4 x5": {"W4": 5}, "none": {}}
with np.errstate(all="ignore"):
    out = {label: [sgd_per_layer(scale, s) for s in SEEDS_ALL] for label, scale in scales.items()}
    out["Adam"] = [float(train_loss(run("Adam", s))) for s in SEEDS_ALL]
out["plain"] = [float(v) for v in final["SGD"]]
print(json.dumps(out))
"""
    found = run_until(AUTOENCODER, "c11", check)
    found = {k: np.array(v, dtype=float) for k, v in found.items()}
    plain = found["none"]
    assert np.allclose(plain[:3], found["plain"])          # the loop is the notebook's SGD

    def diverged(losses):
        return ~np.isfinite(losses) | (losses > 1e3)

    for label in ["encoder x2", "encoder x3"]:
        assert not diverged(found[label]).any(), (label, found[label])
        assert (found[label] > plain).sum() == 18, (label, found[label], plain)
    doubled = found["decoder x2"]
    assert np.all(doubled < plain), (doubled, plain)
    assert round(plain.mean(), 4) == 0.0633 and round(doubled.mean(), 4) == 0.0595
    assert round(100 * (1 - doubled.mean() / plain.mean())) == 6
    closed = (plain.mean() - doubled.mean()) / (plain.mean() - found["Adam"].mean())
    assert 0.35 <= closed <= 0.45 and round(found["Adam"].mean(), 4) == 0.0536, closed
    assert [diverged(found[label]).sum() for label in ["decoder x2.5", "decoder x3", "W4 x5"]] == [1, 4, 18]


def test_sparse_words_claims_hold_on_a_grid_twice_as_fine_and_every_seed():
    """Section 7.3, "SGD against AdaGrad and Adam", on the grid with the quarter-decade midpoints
    added: SGD puts every held-out document in one class at every rate up to 10, on every seed,
    its loss stays within 0.01 of ln 2 up to a rate of 1, and its informative words' mean evidence
    stays below 0.4 up to 3; AdaGrad's and Adam's lowest training loss (seed 0) is inside the grid, their
    held-out accuracy there is about 80% on every seed (77.5% to 82.5%) and within two points of
    each other on average, and on seed 0 it stays between 76% and 83% from 0.1 up (AdaGrad) and
    from 0.01 up (Adam)."""
    check = """
import json
fine = sorted(LRS + [float(np.sqrt(a * b)) for a, b in zip(LRS[:-1], LRS[1:])])
out = {"lrs": fine, "sgd": [], "seed0": {}, "tuned": {}}
for seed in SEEDS:
    for lr in [lr for lr in fine if lr <= 10]:
        r = tuning.get(("SGD", lr)) if seed == 0 else None
        r = r if r is not None else fit("SGD", lr, seed)
        classes = len(set(model.logits(r.params, data[seed].X_test).argmax(axis=1)))
        out["sgd"].append([seed, lr, float(r.losses[-50:].mean()), classes,
                           float(evidence(r.params["W"]).mean())])
for name in ["AdaGrad", "Adam"]:
    rs = {lr: tuning[name, lr] if (name, lr) in tuning else fit(name, lr, 0) for lr in fine}
    out["seed0"][name] = {repr(lr): [float(r.losses[-50:].mean()), held_out(r, 0)] for lr, r in rs.items()}
    best_lr = min(fine, key=lambda lr: rs[lr].losses[-50:].mean())
    out["tuned"][name] = [best_lr] + [held_out(rs[best_lr] if s == 0 else fit(name, best_lr, s), s) for s in SEEDS]
print(json.dumps(out))
"""
    found = run_until(SPARSE, "c08", check)
    lrs, ln2 = found["lrs"], np.log(2)
    for seed, lr, loss, classes, moved in found["sgd"]:
        assert classes == 1, (seed, lr)
        if lr <= 1:
            assert abs(loss - ln2) < 0.01, (seed, lr, loss)
        if lr <= 3:
            assert moved < 0.4, (seed, lr, moved)
    for name, low in [("AdaGrad", 0.1), ("Adam", 0.01)]:
        best_lr, *accs = found["tuned"][name]
        assert lrs[0] < best_lr < lrs[-1], (name, best_lr)
        assert all(0.775 <= a <= 0.825 for a in accs), (name, accs)
        grid = found["seed0"][name]
        outside = {lr: grid[repr(lr)][1] for lr in lrs if lr >= low and not 0.76 <= grid[repr(lr)][1] <= 0.83}
        assert not outside, (name, outside)
    means = {name: np.mean(found["tuned"][name][1:]) for name in ["AdaGrad", "Adam"]}
    assert abs(means["AdaGrad"] - means["Adam"]) < 0.02, means


def test_gan_beta1_comparison_on_fifteen_seeds_and_at_half_and_twice_the_learning_rate():
    """Section 7.3, "What beta1 does to the game", on fifteen seeds (the notebook's five, 0-4, and
    5-14), at the notebook's learning rate 0.01 and at 0.005 and 0.02 (the rate is not tuned per
    beta1), with beta1 in {0, 0.25, 0.5, 0.7, 0.9}. What holds: at every rate the mean of the
    largest distance from step 25 on (the overshoot, at 0.01) grows with beta1, and beta1 = 0.9 ends farthest from the data by the mean and by the median;
    at 0.01 it overshoots further than 0.5 and ends farther than both 0 and 0.5 on every one of
    the 15 seeds; at 0.005 and 0.02 its largest distance is greater than 0.5's on at least 13 of the
    15 and it ends farther than 0.5 on at least 12. What does not: beta1 = 0 against 0.5. At 0.01, 0 ends
    closer on 12 of the 15 seeds and is slightly closer on average (0.43 against 0.47), but on
    seed 8 both end far out (2.06 and 1.71); at 0.02, 0 is closer on only 8 of 15 and one run
    (seed 8, 3.47) puts its mean above 0.5's, while by the median the two are within 0.02. At 0.01
    a sign test puts the chance of 12 or more of 15 at about 2%, but the median paired difference
    is only 0.03, small next to the distances (0.43 and 0.47). Exercise 7.9 on ten seeds (0-9,
    which include the five shown): with 300 steps each,
    beta1 = 0.9 ends (mean over steps 255-300) farther than 0.5 on 8 of 10, 0.35 against 0.27. The
    spread of the discriminator's loss over the last 25 steps is larger with 0.9 than with 0.5 on
    average in each group of five seeds at 0.01, by 1.2 to 2.9 times. At 0.005 no beta1 is within
    0.8 of the data on average after 100 steps, and the largest distance from step 25 on is not always an
    overshoot there: for every beta1 it is at step 25 itself in 4 of the 15 runs, and with 0.9 at
    step 100 in 6."""
    check = """
import json
betas = [0.0, 0.25, 0.5, 0.7, 0.9]
out = {}
for lr in [0.005, 0.01, 0.02]:
    for beta1 in betas:
        runs = [run_gan(beta1, seed, lr=lr) for seed in range(15)]
        ws = [distances(r) for r in runs]
        out[f"{lr} {beta1}"] = {"final": [float(w[-1]) for w in ws], "peak": [float(w[5:].max()) for w in ws],
                                "peak_step": [5 * (5 + int(np.argmax(w[5:]))) for w in ws],
                                "d_spread": [float(r.d_losses[-25:].std()) for r in runs]}
        for seed in range(15):
            del gan_runs[beta1, lr, seed]          # keep the kernel's memory small
# Exercise 7.9 on ten seeds: beta1 = 0.9 and 0.5, 300 steps each, distance over steps 255-300.
""" + ends_after_300(range(10)) + """print(json.dumps(out))
"""
    found = run_until(SPARSE, "c16", check)
    end300 = {b: np.array(found.pop(f"300 {b}")) for b in (0.5, 0.9)}
    # Exercise 7.9: with 300 steps each, 0.9 is farther on 8 of 10 seeds, 0.35 against 0.27.
    assert np.sum(end300[0.9] > end300[0.5]) == 8, end300
    assert [round(end300[b].mean(), 2) for b in (0.9, 0.5)] == [0.35, 0.27], end300
    betas = [0.0, 0.25, 0.5, 0.7, 0.9]
    runs = {lr: {b: {k: np.array(v) for k, v in found[f"{lr} {b}"].items()} for b in betas}
            for lr in [0.005, 0.01, 0.02]}
    for lr, r in runs.items():
        peak = [r[b]["peak"].mean() for b in betas]
        assert all(a < b for a, b in zip(peak[:-1], peak[1:])), (lr, np.round(peak, 3))
        for stat in (np.mean, np.median):
            final = [stat(r[b]["final"]) for b in betas]
            assert max(final) == final[-1], (lr, stat, np.round(final, 3))
        assert np.sum(r[0.9]["peak"] > r[0.5]["peak"]) >= 13, lr
        assert np.sum(r[0.9]["final"] > r[0.5]["final"]) >= 12, lr
    at = runs[0.01]
    assert np.all(at[0.9]["peak"] > at[0.5]["peak"])
    assert np.all(at[0.9]["final"] > at[0.5]["final"]) and np.all(at[0.9]["final"] > at[0.0]["final"])
    # beta1 = 0 against 0.5, at 0.01: closer on 12 of 15, 0.43 against 0.47 on average; seed 8 far out.
    assert np.sum(at[0.0]["final"] < at[0.5]["final"]) == 12
    assert [round(at[b]["final"].mean(), 2) for b in (0.0, 0.5)] == [0.43, 0.47]
    assert [round(at[b]["final"][8], 2) for b in (0.0, 0.5)] == [2.06, 1.71]
    # ... a sign test puts the chance of 12 or more of 15 at about 2%; the median difference is 0.03.
    from math import comb
    assert round(sum(comb(15, k) for k in range(12, 16)) / 2 ** 15, 2) == 0.02
    assert round(np.median(at[0.5]["final"] - at[0.0]["final"]), 2) == 0.03
    # ... at 0.02: closer on 8 of 15; seed 8's 3.47 puts its mean above 0.5's; medians within 0.02.
    at2 = runs[0.02]
    assert np.sum(at2[0.0]["final"] < at2[0.5]["final"]) == 8
    assert at2[0.0]["final"].mean() > at2[0.5]["final"].mean() and round(at2[0.0]["final"][8], 2) == 3.47
    assert abs(np.median(at2[0.0]["final"]) - np.median(at2[0.5]["final"])) < 0.02
    others = np.arange(15) != 8                  # "only because": without seed 8, 0 is ahead
    assert at2[0.0]["final"][others].mean() < at2[0.5]["final"][others].mean()
    # The discriminator's spread, 0.9 against 0.5, per group of five seeds at 0.01: 1.2 to 2.9 times.
    ratios = [at[0.9]["d_spread"][g].mean() / at[0.5]["d_spread"][g].mean()
              for g in (slice(0, 5), slice(5, 10), slice(10, 15))]
    assert 1.15 <= min(ratios) and max(ratios) <= 2.95 and round(min(ratios), 1) == 1.2 \
        and round(max(ratios), 1) == 2.9, ratios
    # At 0.005, after 100 steps, no beta1 is within 0.8 of the data on average.
    assert min(runs[0.005][b]["final"].mean() for b in betas) > 0.8
    # ... where the largest distance from step 25 on is at step 25 in 4 of the 15 runs for every
    # beta1, and with 0.9 at step 100 (a swing not finished) in 6.
    at_25 = {b: int(np.sum(runs[0.005][b]["peak_step"] == 25)) for b in betas}
    assert set(at_25.values()) == {4}, at_25
    assert np.sum(runs[0.005][0.9]["peak_step"] == 100) == 6, runs[0.005][0.9]["peak_step"]


def test_gan_beta1_small_differences_replicate_on_fresh_seeds():
    """Section 7.3 and Exercise 7.9: the two small paired differences are judged by whether their
    direction replicates on seeds not used before. At 0.01 and 100 steps, beta1 = 0 ends closer
    than 0.5 on 22 of the 30 fresh seeds 15-44 (median difference 0.01 to 0.03 in each group of
    fifteen); with 300 steps, beta1 = 0.9 ends (mean over steps 255-300) farther than 0.5 on 9 of
    the 10 seeds 5-14, 0.36 against 0.26."""
    check = """
import json
out = {}
for beta1 in [0.0, 0.5]:
    out[f"100 {beta1}"] = [float(distances(run_gan(beta1, seed))[-1]) for seed in range(15, 45)]
""" + ends_after_300(range(5, 15)) + """print(json.dumps(out))
"""
    found = run_until(SPARSE, "c16", check)
    at = {b: np.array(found[f"100 {b}"]) for b in (0.0, 0.5)}
    closer = at[0.0] < at[0.5]
    assert closer.sum() == 22, closer
    for group in (slice(0, 15), slice(15, 30)):
        median = np.median(at[0.5][group] - at[0.0][group])
        assert 0.005 <= median <= 0.035, median
    end300 = {b: np.array(found[f"300 {b}"]) for b in (0.5, 0.9)}
    assert np.sum(end300[0.9] > end300[0.5]) == 9, end300
    assert [round(end300[b].mean(), 2) for b in (0.9, 0.5)] == [0.36, 0.26], end300


AUTOENCODER_SEEDS = list(range(20))


def autoencoder_on_twenty_seeds() -> dict:
    """Section 7.2's runs on seeds 0-19 (the notebook shows 0-2), each seed's initialisation and
    minibatches as in the notebook: final training loss of the four optimizers at B = 64 and of
    SGD, Momentum and Adam at B = 4, and each code's nearest-centroid accuracy."""
    check = f"""
import json
SEEDS_ALL = {AUTOENCODER_SEEDS!r}
inits.update({{s: autoencoder.init_params(np.random.default_rng(s)) for s in SEEDS_ALL if s not in inits}})
def centroid_accuracy(encode):
    train_codes, test_codes = encode(digits.X_train), encode(digits.X_test)
    means = np.array([train_codes[digits.y_train == k].mean(axis=0) for k in range(10)])
    distances = ((test_codes[:, None, :] - means[None]) ** 2).sum(axis=-1)
    return float((np.argmin(distances, axis=1) == digits.y_test).mean())
out = {{"f64": {{}}, "f4": {{}}, "acc": {{}}, "shown": {{n: [float(v) for v in final[n]] for n in MAKERS}}}}
for name in MAKERS:
    results = [run(name, s) for s in SEEDS_ALL]
    out["f64"][name] = [float(train_loss(r)) for r in results]
    out["acc"][name] = [centroid_accuracy(lambda X_, r=r: autoencoder.encode(r.params, X_)) for r in results]
for name in ["SGD", "Momentum", "Adam"]:
    out["f4"][name] = [float(train_loss(run(name, s, batch_size=4))) for s in SEEDS_ALL]
print(json.dumps(out))
"""
    found = run_until(AUTOENCODER, "c11", check)
    return {key: {name: np.array(v) for name, v in part.items()} for key, part in found.items()}


def test_autoencoder_claims_on_twenty_seeds():
    """Section 7.2, what holds on seeds 0-19 (Quick overview, "Four optimizers", the latent space,
    "How each optimizer copes", Solution 7.5, Review question 5, Key takeaways, Self-check Q4)."""
    found = autoencoder_on_twenty_seeds()
    f64, f4, acc = found["f64"], found["f4"], found["acc"]
    for name, shown in found["shown"].items():          # seeds 0-2 are the notebook's own runs
        assert np.allclose(f64[name][:3], shown), name
    n = len(AUTOENCODER_SEEDS)
    # Adam below SGD on every seed, by 11% to 24%; Momentum too, by 4% to 27%.
    gain = {name: 1 - f64[name] / f64["SGD"] for name in ["Adam", "Momentum"]}
    assert [round(100 * gain["Adam"].min()), round(100 * gain["Adam"].max())] == [11, 24], gain
    assert [round(100 * gain["Momentum"].min()), round(100 * gain["Momentum"].max())] == [4, 27], gain
    # Momentum against Adam: tied within the seed-to-seed noise. Momentum lower on 12 of 20 seeds,
    # but 8% to 13% higher on four; Adam's mean 1.5% lower (0.0536 against 0.0544); Adam's runs
    # span 0.0528-0.0558, Momentum's 0.0524-0.0601.
    above = f64["Momentum"] / f64["Adam"] - 1
    assert (above < 0).sum() == 12, above
    assert (above > 0.07).sum() == 4 and [round(100 * above[above > 0.07].min()), round(100 * above.max())] == [8, 13], above
    assert np.all(above[above <= 0.07] < 0.04), above           # elsewhere within 4%
    assert round(f64["Adam"].mean(), 4) == 0.0536 and round(f64["Momentum"].mean(), 4) == 0.0544
    assert round(100 * (f64["Momentum"].mean() / f64["Adam"].mean() - 1), 1) == 1.5
    assert [round(f64["Adam"].min(), 4), round(f64["Adam"].max(), 4)] == [0.0528, 0.0558]
    assert [round(f64["Momentum"].min(), 4), round(f64["Momentum"].max(), 4)] == [0.0524, 0.0601]
    # RMSprop: between them and SGD on average; over 20 seeds it varies more than Adam but about as
    # much as Momentum (ranges within 10% of each other).
    means = {name: f64[name].mean() for name in f64}
    assert max(means["Adam"], means["Momentum"]) < means["RMSprop"] < means["SGD"], means
    assert np.ptp(f64["RMSprop"]) > 2 * np.ptp(f64["Adam"])
    assert 0.9 < np.ptp(f64["RMSprop"]) / np.ptp(f64["Momentum"]) < 1.1
    # B = 4 against B = 64, at a fixed number of steps: SGD and Adam end higher on all 20 seeds,
    # Momentum on 17 (on three it ends lower, by up to 8%). Adam and Momentum stay below SGD at both
    # batch sizes on every seed. The mean cost of B = 4: Adam 9.5%, SGD 6%, Momentum 3.6%; Adam
    # loses a larger fraction than SGD on 16 of 20 seeds.
    ratio = {name: f4[name] / f64[name] for name in f4}
    assert np.all(ratio["SGD"] > 1) and np.all(ratio["Adam"] > 1)
    assert (ratio["Momentum"] > 1).sum() == 17 and round(100 * (1 - ratio["Momentum"].min())) == 8
    for f in (f4, f64):
        assert np.all(f["Adam"] < f["SGD"]) and np.all(f["Momentum"] < f["SGD"])
    cost = {name: 100 * (f4[name].mean() / f64[name].mean() - 1) for name in f4}
    assert [round(cost["Adam"], 1), round(cost["SGD"]), round(cost["Momentum"], 1)] == [9.5, 6, 3.6], cost
    assert (ratio["Adam"] > ratio["SGD"]).sum() == 16
    # The codes (nearest-centroid accuracy on the held-out digits): Adam's beats SGD's on every
    # seed, by more than five points on 17 of 20; Momentum's beats SGD's on 17 of 20. Over 30% on
    # every seed except one of SGD's (28%); Adam's over 50% on 19 seeds, Momentum's on 16. The mean
    # accuracies are in the reverse order of the mean losses.
    lead = acc["Adam"] - acc["SGD"]
    assert np.all(lead > 0) and (lead > 0.05).sum() == 17, lead
    assert (acc["Momentum"] > acc["SGD"]).sum() == 17
    assert all(np.all(acc[name] > 0.3) for name in ["Adam", "Momentum", "RMSprop"])
    assert (acc["SGD"] > 0.3).sum() == n - 1 and round(100 * acc["SGD"].min()) == 28
    assert (acc["Adam"] > 0.5).sum() == 19 and (acc["Momentum"] > 0.5).sum() == 16
    order = sorted(means, key=means.get)
    mean_acc = [acc[name].mean() for name in order]
    assert mean_acc == sorted(mean_acc, reverse=True), (order, mean_acc)
    # The self-check (question 4) quotes these counts.
    from adamlib.course.quizzes import chapter7_2
    why = next(o["why"] for q in chapter7_2.QUESTIONS for o in q.get("options", []) if o["correct"]
               and "Momentum" in o["text"])
    for quoted in ["0% to 3%", "lower on 12", "8% to 13% higher on four", "1.5% lower"]:
        assert quoted in why, quoted
