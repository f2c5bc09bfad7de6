"""Claims of a chapter too slow to check inside its notebook's time budget, checked with the
notebook's own code: the notebook runs up to the cell that defines what the claim is about, and
the check runs in the same kernel, so it cannot drift from the text's setup."""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

import tools


def run_until(notebook: str, cell_id: str, check: str) -> list:
    """Execute the notebook's cells up to and including `cell_id`, then `check`; the JSON it prints."""
    path = tools.ROOT / "chapters" / notebook
    nb = nbformat.read(path, as_version=4)
    ids = [cell.get("id") for cell in nb.cells]
    nb.cells = nb.cells[:ids.index(cell_id) + 1] + [nbformat.v4.new_code_cell(check)]
    NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return json.loads(printed.strip().splitlines()[-1])


def test_autoencoder_learning_rates_are_the_best_of_their_grids():
    """Section 7.2: "Each learning rate is the best of a grid in steps of about three (SGD 0.3,
    **1**, 3; Momentum 0.1, **0.3**, 1; RMSprop 0.001, **0.003**, 0.01; Adam 0.003, 0.01,
    **0.03**, 0.1), judged by the mean final training loss over the three seeds"."""
    grid = {"SGD": [0.3, 1.0, 3.0], "Momentum": [0.1, 0.3, 1.0],
            "RMSprop": [1e-3, 3e-3, 1e-2], "Adam": [3e-3, 1e-2, 3e-2, 0.1]}
    check = f"""
import json
scores = {{}}
with np.errstate(all="ignore"):
    for name, lrs in {grid!r}.items():
        scores[name] = {{repr(lr): float(np.mean([train_loss(run(name, seed, lr=lr)) for seed in SEEDS]))
                        for lr in lrs}}
print(json.dumps({{"scores": scores, "chosen": LR}}))
"""
    found = run_until("07_2_autoencoders_and_noise.ipynb", "c11", check)
    for name, scores in found["scores"].items():
        best = min(scores, key=scores.get)
        assert float(best) == found["chosen"][name], \
            f"{name}: the notebook uses lr {found['chosen'][name]}, but {best} is best: {scores}"
