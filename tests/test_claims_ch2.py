"""Chapter 2's rankings of SGD, Momentum and Nesterov, checked on learning-rate grids too large for
the notebook's time budget (CONTRIBUTING.md, "Claims"). The notebook runs up to the Rosenbrock
figure's check (cell c37), so the problems and the runs are the text's own; the grids then run in the
same kernel.

The sentences checked (section "Side by side", and the paragraph after the Rosenbrock figure):

- ravine, 100 steps, momentum 0.9, a shared learning rate: "every value from 0.006 to 0.04 gives the
  order of the figure, Nesterov below Momentum below SGD (grids in steps of 2^(1/16) and 2^(1/32));
  from about 0.06 up to 0.095, SGD ends below Momentum, and above 0.068 Nesterov diverges";
- ravine, each method tuned on its own (lowest final loss, grids in factors of sqrt 2 and 2^(1/4)
  from 0.001 to 0.5): "SGD ends below Momentum with mu = 0.9"; "tuned Nesterov ends below tuned SGD
  at step 100 but above it by the worst loss of its last ten steps";
- Rosenbrock, 300 steps: "at every shared learning rate from 1e-4 to 0.0015 (grids in steps of
  2^(1/16) and 2^(1/32)), and with each method tuned on its own (grids in factors of sqrt 2 and
  2^(1/4) from 6e-5 to 0.016), Momentum ends lowest, then Nesterov, then SGD";
- the closed forms: "no learning rate on a fine grid gets gradient descent below 139 steps".
"""

from __future__ import annotations

import math

import pytest

from test_chapter_claims import run_until

CHECK = r'''
import json

MAKE = {"SGD": lambda lr: adamlib.SGD(lr), "Momentum": lambda lr: adamlib.Momentum(lr, 0.9),
        "Nesterov": lambda lr: adamlib.Momentum(lr, 0.9, nesterov=True)}


def last_losses(problem, name, lr, steps):
    """The loss of the last ten steps of a run (inf once it overflows)."""
    try:
        with np.errstate(all="ignore"):
            f = problem.f(adamlib.minimize(problem.grad, problem.start, MAKE[name](lr), steps))
    except ValueError:                  # adamlib refuses to step once the gradient is not finite
        return [float("inf")] * 10
    return [float(v) if np.isfinite(v) else float("inf") for v in f[-10:]]


def grid(lo, hi, per_octave):
    k = np.arange(np.ceil(np.log2(lo) * per_octave - 1e-9), np.floor(np.log2(hi) * per_octave + 1e-9) + 1)
    return [float(v) for v in 2.0 ** (k / per_octave)]


out = {"start_loss": {"ravine": float(ravine.f(ravine.start)),
                      "rosenbrock": float(rosenbrock.f(rosenbrock.start))},
       "figure": {"ravine": {name: float(ravine.f(path[-1])) for name, path in paths.items()},
                  "rosenbrock": {name: float(rosenbrock.f(path[-1])) for name, path in rosen_paths.items()}},
       "check_at_figure": {"ravine": {name: last_losses(ravine, name, 0.02, 100)[-1] for name in MAKE},
                           "rosenbrock": {name: last_losses(rosenbrock, name, 0.002, 300)[-1] for name in MAKE}}}
for key, problem, steps, ranges in [
        ("ravine", ravine, 100, {"shared": (0.006, 0.1), "tuned": (2 ** -10, 2 ** -1)}),
        ("rosenbrock", rosenbrock, 300, {"shared": (1e-4, 0.0015), "tuned": (2 ** -14, 2 ** -6)})]:
    for kind, per_octaves in [("shared", (16, 32)), ("tuned", (2, 4))]:
        for per in per_octaves:
            lrs = grid(*ranges[kind], per)
            out[f"{key}/{kind}/{per}"] = {
                "lrs": lrs, "last": {name: [last_losses(problem, name, lr, steps) for lr in lrs] for name in MAKE}}


def steps_to_million(path):
    ratio = np.linalg.norm(path - ravine.x_star, axis=-1) / np.linalg.norm(path[0] - ravine.x_star)
    return int(np.argmax(ratio < 1e-6)) if np.any(ratio < 1e-6) else None


out["gd_steps"] = {str(n): [steps_to_million(adamlib.minimize(ravine.grad, ravine.start, adamlib.SGD(lr), 300))
                            for lr in np.linspace(0.01, 0.1, n)] for n in (181, 361)}
print(json.dumps(out))
'''

NAMES = ("SGD", "Momentum", "Nesterov")


@pytest.fixture(scope="module")
def found():
    return run_until("02_momentum.ipynb", "c37", CHECK)


def final(block, name):
    return [last[-1] for last in block["last"][name]]


def worst_of_last_ten(block, name):
    return [max(last) for last in block["last"][name]]


def test_the_check_runs_the_figures_own_setup(found):
    for problem in ("ravine", "rosenbrock"):
        for name in NAMES:
            assert math.isclose(found["check_at_figure"][problem][name], found["figure"][problem][name],
                                rel_tol=1e-12), (problem, name)


@pytest.mark.parametrize("per_octave", [16, 32])
def test_ravine_order_at_shared_learning_rates(found, per_octave):
    block = found[f"ravine/shared/{per_octave}"]
    s, m, n = (final(block, name) for name in NAMES)
    start = found["start_loss"]["ravine"]
    edge = (2 + 2 * 0.9) / (1 + 2 * 0.9) / 20          # Nesterov's stability edge, 0.0679
    for i, lr in enumerate(block["lrs"]):
        if lr <= 0.04:
            assert n[i] < m[i] < s[i], (lr, s[i], m[i], n[i])
        if 0.06 <= lr <= 0.095:
            assert s[i] < m[i], (lr, s[i], m[i])
        assert (n[i] > start) == (lr > edge), (lr, n[i])
    assert round(edge, 3) == 0.068
    assert any(lr > 0.068 for lr in block["lrs"]) and min(block["lrs"]) < 0.0061


@pytest.mark.parametrize("per_octave", [2, 4])
def test_ravine_tuned_each_on_its_own(found, per_octave):
    block = found[f"ravine/tuned/{per_octave}"]
    lrs = block["lrs"]
    best = {name: min(final(block, name)) for name in NAMES}
    for name in NAMES:                                  # a tuned value is not at its grid's edge
        i = final(block, name).index(best[name])
        assert 0 < i < len(lrs) - 1, (name, lrs[i])
    assert best["SGD"] < best["Momentum"], best
    assert best["Nesterov"] < best["SGD"], best
    worst = {name: min(worst_of_last_ten(block, name)) for name in NAMES}
    assert worst["SGD"] < worst["Nesterov"], worst
    assert 2 ** -10 <= lrs[0] < 0.0011 and lrs[-1] == 0.5


@pytest.mark.parametrize("per_octave", [16, 32])
def test_rosenbrock_order_at_shared_learning_rates(found, per_octave):
    block = found[f"rosenbrock/shared/{per_octave}"]
    s, m, n = (final(block, name) for name in NAMES)
    for i, lr in enumerate(block["lrs"]):
        assert m[i] < n[i] < s[i], (lr, s[i], m[i], n[i])
    assert block["lrs"][0] < 1.1e-4 and block["lrs"][-1] > 0.0014


@pytest.mark.parametrize("per_octave", [2, 4])
def test_rosenbrock_tuned_each_on_its_own(found, per_octave):
    block = found[f"rosenbrock/tuned/{per_octave}"]
    lrs = block["lrs"]
    best = {name: min(final(block, name)) for name in NAMES}
    for name in NAMES:
        i = final(block, name).index(best[name])
        assert 0 < i < len(lrs) - 1, (name, lrs[i])
    assert best["Momentum"] < best["Nesterov"] < best["SGD"], best
    assert round(lrs[0], 5) == 6e-5 and round(lrs[-1], 3) == 0.016


@pytest.mark.parametrize("n", ["181", "361"])
def test_gradient_descent_needs_139_steps_at_best(found, n):
    steps = [s for s in found["gd_steps"][n] if s is not None]
    assert steps and min(steps) == 139, min(steps)
