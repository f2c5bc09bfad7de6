"""What runs an optimizer's rule: ``init`` and ``step`` for every optimizer, and the block driver.

An optimizer writes its update for one array, ``rule()(p, g, *buffers, t=t, lr=lr)`` returning
``(p, *buffers)``. :func:`step` checks the input, finds the learning rate of step t (a constant or
a schedule) and applies the rule to every array of the params: whole, or, for an optimizer whose
update is elementwise, block by block (:func:`blockwise`), which gives the same numbers faster.
"""

from __future__ import annotations

import numpy as np

from . import _tree, _validate

BLOCK = 32_768  #: entries per block in :func:`blockwise` (128 KB of float32)


def whole(rule, p, *arrays, **hyperparameters):
    """``rule(p, *arrays)`` on the whole arrays, each result an array of p's dtype."""
    # asarray: arithmetic on 0-d arrays returns numpy scalars; keep arrays and p's dtype.
    return [np.asarray(value, dtype=p.dtype) for value in rule(p, *arrays, **hyperparameters)]


def blockwise(rule, p, *arrays, **hyperparameters):
    """``rule(p, *arrays)`` computed block by block into new arrays of p's shape and dtype.

    For an elementwise rule, applying it to consecutive blocks of the flattened arrays gives
    exactly the whole-array result. What changes is where the work happens: each rule is a numpy
    pass that writes a new temporary, and on a million entries each of Adam's fourteen passes goes
    out to main memory; on a block of 32,768 entries the temporaries stay in the core's cache. At
    10⁶ float32 entries this more than halves Adam's step time (``bench/step_time.py``). An array
    of one block is updated whole.
    """
    if p.size <= BLOCK:
        return whole(rule, p, *arrays, **hyperparameters)
    flat = [a.reshape(-1) for a in (p, *arrays)]
    results = None
    for start in range(0, p.size, BLOCK):
        block = slice(start, start + BLOCK)
        values = rule(*(a[block] for a in flat), **hyperparameters)
        if results is None:
            results = [np.empty(p.size, dtype=p.dtype) for _ in values]
        for result, value in zip(results, values):
            result[block] = value  # the assignment rounds a float64 intermediate to p's dtype
    return [result.reshape(p.shape) for result in results]


def init(opt, params):
    """A fresh state for these params: t = 0 and every buffer of ``opt.slots`` zero."""
    arrays = _tree.check_params(params)
    return opt.State(t=0, **{name: _tree.zeros_like(arrays, params) for name in opt.slots})


def step(opt, params, grads, state):
    """One update of every params array by ``opt.rule()``; returns ``(new_params, new_state)``."""
    arrays = _tree.check_params(params)
    gradients = _tree.check_grads(arrays, grads, params)
    if not isinstance(state, opt.State):
        raise ValueError(
            f"state must be the {opt.State.__name__} that {type(opt).__name__}.init made, "
            f"got {type(state).__name__}"
        )
    slots = opt.slots
    _tree.check_state(state, slots, arrays, params)
    t = state.t + 1
    lr = _validate.lr_at(opt.lr, t)
    rule, apply = opt.rule(), blockwise if opt.elementwise else whole
    new_params, new_slots = {}, {name: {} for name in slots}
    for key, p in arrays.items():
        buffers = [_tree.get(getattr(state, name), key) for name in slots]
        p_new, *buffers_new = apply(rule, p, gradients[key], *buffers, t=t, lr=lr)
        new_params[key] = p_new
        for name, buffer in zip(slots, buffers_new):
            new_slots[name][key] = buffer
    new_state = opt.State(t, **{name: _tree.build(params, new_slots[name]) for name in slots})
    return _tree.build(params, new_params), new_state
