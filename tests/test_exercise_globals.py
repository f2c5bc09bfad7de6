"""No notebook global masks a name inside an exercise's function.

A loop variable `wd` once made a misspelt name inside Exercise 8.1's `adamw_step` run on the
notebook's value, and a global `n` let a `gradient_variance` that forgot to define n pass: the
student's mistake was hidden by the chapter's own variables. So, in every chapter, no name that
the cells above an exercise leave bound (not cleared by a `del`) is a name its function uses
for itself: an argument or a local variable of the solution, or a name a student could plausibly
write there (the table below).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
NOTEBOOKS = sorted(CHAPTERS.glob("0[1-8]_*.ipynb"))

# Names a student could write in the exercise's function without defining them, beyond those of
# the solution itself (other spellings of the same quantities).
PLAUSIBLE = {
    # the chapter writes the learning rate eta and the momentum's buffer in other letters
    "momentum_step": {"eta", "theta", "phi", "m", "v", "alpha", "beta"},
    "nesterov_step": {"eta", "theta", "phi", "m", "v", "alpha", "beta"},
    "dense_backward": {"n", "dx", "dW", "db", "dz", "d_in", "d_out"},
    "gradient_variance": {"n", "d", "B", "G", "sigma2", "deviations", "g_bar", "batch",
                          "mean_gradient"},
    "bce_with_logits": {"n", "loss", "grad", "p", "probs", "softplus", "z", "t"},
    "adamw_step": {"wd", "lam", "lambda_", "decay", "weight_decay", "l2", "m_hat", "v_hat",
                   "new_p", "new_m", "new_v", "mhat", "vhat"},
    "amsgrad_step": {"vmax", "v_max", "max_v", "v_hat", "m_hat", "vhat", "mhat", "new_v_max",
                     "v_max_hat", "new_p", "new_m", "new_v"},
}


def bound_names(tree: ast.Module) -> set:
    """The names a cell binds at the notebook's top level (not inside a function, a lambda or a
    comprehension, whose names are their own)."""
    names, todo = set(), list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp)):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        todo.extend(ast.iter_child_nodes(node))
    return names


def deleted_names(tree: ast.Module) -> set:
    """The names a cell clears: by `del name`, or by popping each of a literal list of names
    from globals() in a loop (the clean-slate cells, which the student edition runs without the
    worked solutions, where some of the names are never bound)."""
    names = {target.id for node in tree.body if isinstance(node, ast.Delete)
             for target in node.targets if isinstance(target, ast.Name)}
    for node in tree.body:
        if (isinstance(node, ast.For) and isinstance(node.iter, ast.List)
                and "globals().pop(" in ast.unparse(node.body[0])):
            names |= set(ast.literal_eval(node.iter))
    return names


def masked(notebook: Path) -> dict:
    """For each exercise function of the notebook (a solution cell marked for nbgrader), the
    names it uses for itself that are notebook globals when its cell runs."""
    bound, found = set(), {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            function = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
            own = {a.arg for a in function.args.args} | {
                n.id for n in ast.walk(function)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            found[function.name] = ((own - {"_"}) | PLAUSIBLE.get(function.name, set())) & bound
        bound = (bound | bound_names(tree)) - deleted_names(tree)
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_no_notebook_global_masks_a_name_of_an_exercise_function(notebook):
    found = masked(notebook)
    assert found, f"{notebook.name} has no coded exercise"
    assert not any(found.values()), found


def test_every_plausible_name_belongs_to_an_exercise():
    functions = set().union(*(masked(n) for n in NOTEBOOKS))
    assert set(PLAUSIBLE) <= functions
