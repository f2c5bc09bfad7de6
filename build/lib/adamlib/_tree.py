"""Params are one array or a dict of named arrays (a model's weights); the state mirrors them.

These two helpers let an optimizer write its update for one array and apply it to either.
"""

from __future__ import annotations

import numpy as np

from . import _validate


def names(params) -> list:
    """The keys of a dict of params, or ``[None]`` for a single array."""
    return list(params) if isinstance(params, dict) else [None]


def get(tree, name):
    return tree if name is None else tree[name]


def build(params, values: dict):
    """A tree with the structure of ``params`` holding ``values[name]`` for each name."""
    return values[None] if not isinstance(params, dict) else {k: values[k] for k in params}


def label(name) -> str:
    return "params" if name is None else f"params[{name!r}]"


def check_params(params) -> dict:
    """Each named params array, checked to be floating point."""
    if isinstance(params, dict):
        if not params:
            raise ValueError("params is an empty dict; there is nothing to optimize")
        return {k: _validate.float_array(label(k), v) for k, v in params.items()}
    return {None: _validate.float_array("params", params)}


def check_grads(params: dict, grads, params_tree) -> dict:
    """Each gradient, checked to match its params in structure and shape and to be finite."""
    if isinstance(params_tree, dict) != isinstance(grads, dict):
        kind = "a dict" if isinstance(params_tree, dict) else "an array"
        raise ValueError(f"grads must have the structure of params ({kind}), got {type(grads).__name__}")
    if isinstance(grads, dict) and set(grads) != set(params_tree):
        missing = sorted(map(str, set(params_tree) - set(grads)))
        extra = sorted(map(str, set(grads) - set(params_tree)))
        raise ValueError(f"grads do not match params: missing keys {missing}, unexpected keys {extra}")
    return {k: _validate.gradient(label(k), get(grads, k), p) for k, p in params.items()}


def check_state(state, slots, params: dict, params_tree) -> None:
    """Each buffer of the state, checked to mirror the params: a state made for other params, or
    by an optimizer with other options (e.g. without amsgrad), is refused, not broadcast."""
    for slot in slots:
        buffer = getattr(state, slot)
        same = buffer is not None and isinstance(buffer, dict) == isinstance(params_tree, dict)
        if same and isinstance(buffer, dict):
            same = set(buffer) == set(params_tree)
        if same:
            same = all(np.shape(get(buffer, k)) == p.shape for k, p in params.items())
        if not same:
            problem = "is None" if buffer is None else "does not match params in structure or shape"
            raise ValueError(
                f"state.{slot} {problem}: this state was not made by this optimizer's "
                f"init(params) for these params"
            )


def zeros_like(params: dict, template) -> object:
    return build(template, {k: np.zeros_like(p) for k, p in params.items()})
