"""adamlib against torch.optim: the same updates, to rounding error, over hundreds of steps.

Both run from the same start on the same gradient function (computed in numpy from the current
params), so any difference comes from the optimizers alone.
"""

import math
import os

import numpy as np
import pytest

import adamlib

if os.environ.get("CI", "").lower() == "true":
    import torch  # CI installs torch: there a missing torch must fail, not skip
else:
    torch = pytest.importorskip("torch")

STEPS = 500
N = 30


def _make_problem(n=N, seed=0):
    """An ill-conditioned quadratic (κ = 100) plus a nonlinearity, in n coordinates:
    f(x) = ½(x − c)ᵀH(x − c) − (1/6)·Σ cos(3x), ∇f(x) = H(x − c) + ½ sin(3x)."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    H = Q @ np.diag(np.logspace(0, 2, n)) @ Q.T
    c = rng.standard_normal(n)
    x0 = 2.0 * rng.standard_normal(n)

    def grad(x):
        return H @ (x - c) + 0.5 * np.sin(3 * x)

    return grad, x0


GRAD, X0 = _make_problem()
SHAPES = {"W": (5, 4), "b": (10,)}  # two arrays, 30 numbers in all


def _split(flat):
    out, start = {}, 0
    for key, shape in SHAPES.items():
        size = math.prod(shape)
        out[key] = flat[start:start + size].reshape(shape)
        start += size
    return out


def _join(tree):
    return np.concatenate([tree[key].ravel() for key in SHAPES])


def _warmup_then_decay(e):
    """A LambdaLR factor of the epoch e = t − 1: linear warm-up from 0, then halving."""
    return min(1.0, e / 20) * 0.5 ** (e // 150)


def case(ours, theirs, state_keys=None, lr_lambda=None, steps=STEPS, dict_too=False):
    """ours: the adamlib optimizer; theirs: params -> the torch optimizer; state_keys: the
    adamlib state field -> torch state key of each buffer; lr_lambda: a LambdaLR factor."""
    return dict(ours=ours, theirs=theirs, state_keys=state_keys or {}, lr_lambda=lr_lambda,
                steps=steps, dict_too=dict_too)


ADAM_KEYS = {"m": "exp_avg", "v": "exp_avg_sq"}
AMSGRAD_KEYS = {**ADAM_KEYS, "v_max": "max_exp_avg_sq"}

CASES = {
    "SGD": case(adamlib.SGD(lr=0.005), lambda ps: torch.optim.SGD(ps, lr=0.005)),
    "SGD-momentum": case(adamlib.Momentum(lr=0.002, momentum=0.9),
                         lambda ps: torch.optim.SGD(ps, lr=0.002, momentum=0.9),
                         {"b": "momentum_buffer"}, dict_too=True),
    "SGD-nesterov": case(adamlib.Momentum(lr=0.002, momentum=0.9, nesterov=True),
                         lambda ps: torch.optim.SGD(ps, lr=0.002, momentum=0.9, nesterov=True),
                         {"b": "momentum_buffer"}),
    "Adagrad": case(adamlib.AdaGrad(lr=0.3), lambda ps: torch.optim.Adagrad(ps, lr=0.3),
                    {"s": "sum"}),
    "RMSprop": case(adamlib.RMSprop(lr=0.003), lambda ps: torch.optim.RMSprop(ps, lr=0.003),
                    {"v": "square_avg"}),
    # With α = 0.9 RMSprop's steps are nearly lr·sign(g): once it oscillates around the minimum
    # (after ~150 steps here) rounding errors grow ~4× per step in any implementation, so this
    # case, there only to pin the names alpha and eps, stops before.
    "RMSprop-alpha-eps": case(adamlib.RMSprop(lr=0.003, alpha=0.9, eps=1e-6),
                              lambda ps: torch.optim.RMSprop(ps, lr=0.003, alpha=0.9, eps=1e-6),
                              {"v": "square_avg"}, steps=100),
    "Adam": case(adamlib.Adam(lr=0.01), lambda ps: torch.optim.Adam(ps, lr=0.01), ADAM_KEYS),
    "Adam-betas-eps": case(adamlib.Adam(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6),
                           lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-6),
                           ADAM_KEYS),
    "Adam-amsgrad": case(adamlib.Adam(lr=0.01, amsgrad=True),
                         lambda ps: torch.optim.Adam(ps, lr=0.01, amsgrad=True),
                         AMSGRAD_KEYS, dict_too=True),
    "Adam-weight_decay": case(adamlib.Adam(lr=0.01, weight_decay=0.1),
                              lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1),
                              ADAM_KEYS),
    "AdamW": case(adamlib.AdamW(lr=0.01), lambda ps: torch.optim.AdamW(ps, lr=0.01), ADAM_KEYS),
    "AdamW-amsgrad": case(adamlib.AdamW(lr=0.01, weight_decay=0.1, amsgrad=True),
                          lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1,
                                                       amsgrad=True),
                          AMSGRAD_KEYS),
    "AdamW-LambdaLR": case(adamlib.AdamW(lr=lambda t: 0.02 * _warmup_then_decay(t - 1),
                                         weight_decay=0.1),
                           lambda ps: torch.optim.AdamW(ps, lr=0.02, weight_decay=0.1),
                           ADAM_KEYS, lr_lambda=_warmup_then_decay, dict_too=True),
}

PARAMS = [(name, "array") for name in CASES] + [
    (name, "dict") for name, c in CASES.items() if c["dict_too"]]


def _run_adamlib(opt, x0, grad, structure, steps=STEPS):
    params = _split(x0.copy()) if structure == "dict" else x0.copy()
    state = opt.init(params)
    path = [x0.copy()]
    for _ in range(steps):
        flat = _join(params) if structure == "dict" else params
        g = grad(flat.astype(np.float64)).astype(flat.dtype)
        params, state = opt.step(params, _split(g) if structure == "dict" else g, state)
        path.append(_join(params) if structure == "dict" else params)
    return np.array(path), params, state


def _run_torch(make_opt, x0, grad, structure, lr_lambda=None, steps=STEPS):
    dtype = torch.float64 if x0.dtype == np.float64 else torch.float32
    if structure == "dict":
        tensors = [torch.tensor(a.copy(), dtype=dtype, requires_grad=True)
                   for a in _split(x0).values()]
    else:
        tensors = [torch.tensor(x0.copy(), dtype=dtype, requires_grad=True)]
    opt = make_opt(tensors)
    scheduler = None if lr_lambda is None else torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda)

    def flat():
        return np.concatenate([t.detach().numpy().ravel() for t in tensors])

    path = [flat()]
    for _ in range(steps):
        g = grad(flat().astype(np.float64)).astype(x0.dtype)
        chunks = _split(g).values() if structure == "dict" else [g]
        for tensor, chunk in zip(tensors, chunks):
            tensor.grad = torch.from_numpy(np.ascontiguousarray(chunk).reshape(tensor.shape))
        opt.step()
        if scheduler is not None:
            scheduler.step()
        path.append(flat())
    return np.array(path), tensors, opt


def _max_relative_error(a, b):
    """The worst, over the steps, of max|a − b| / max|b| (the error relative to the iterate)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    return float(np.max(np.max(np.abs(a - b), axis=1) / np.max(np.abs(b), axis=1)))


@pytest.mark.parametrize("name, structure", PARAMS)
def test_agrees_with_torch_in_float64(name, structure):
    c = CASES[name]
    steps = c["steps"]
    ours, params, state = _run_adamlib(c["ours"], X0, GRAD, structure, steps)
    theirs, tensors, torch_opt = _run_torch(c["theirs"], X0, GRAD, structure, c["lr_lambda"], steps)
    assert ours.shape == theirs.shape == (steps + 1, N)
    assert np.max(np.abs(theirs[-1] - theirs[0])) > 0.2  # the run went somewhere
    assert _max_relative_error(ours, theirs) < 1e-10
    # the state's buffers are torch's buffers, under the book's names
    assert state.t == steps
    for field, key in c["state_keys"].items():
        buffer = getattr(state, field)
        mine = _join(buffer) if structure == "dict" else buffer
        torch_buffer = np.concatenate([torch_opt.state[t][key].numpy().ravel() for t in tensors])
        assert _max_relative_error(mine[None], torch_buffer[None]) < 1e-9, field


def test_adam_agrees_with_torch_in_float32():
    x0 = X0.astype(np.float32)
    ours, params, _ = _run_adamlib(CASES["Adam"]["ours"], x0, GRAD, "array")
    theirs, _, _ = _run_torch(CASES["Adam"]["theirs"], x0, GRAD, "array")
    assert ours.dtype == np.float32 and params.dtype == np.float32
    assert _max_relative_error(ours, theirs) < 1e-5


def test_warmup_starts_at_lr_zero():
    # The schedule of the LambdaLR case really does start at 0: step 1 only moves the moments.
    assert _warmup_then_decay(0) == 0.0
    opt = CASES["AdamW-LambdaLR"]["ours"]
    p1, state = opt.step(X0, GRAD(X0), opt.init(X0))
    np.testing.assert_array_equal(p1, X0)
    assert np.any(state.m != 0)


# Defaults and schedules ------------------------------------------------------------------------


@pytest.mark.parametrize("ours, theirs, names", [
    (adamlib.AdaGrad(), lambda ps: torch.optim.Adagrad(ps), {"lr": "lr", "eps": "eps"}),
    (adamlib.RMSprop(), lambda ps: torch.optim.RMSprop(ps),
     {"lr": "lr", "alpha": "alpha", "eps": "eps"}),
    (adamlib.Adam(), lambda ps: torch.optim.Adam(ps),
     {"lr": "lr", "eps": "eps", "weight_decay": "weight_decay", "amsgrad": "amsgrad"}),
    (adamlib.AdamW(), lambda ps: torch.optim.AdamW(ps),
     {"lr": "lr", "eps": "eps", "weight_decay": "weight_decay", "amsgrad": "amsgrad"}),
], ids=["Adagrad", "RMSprop", "Adam", "AdamW"])
def test_defaults_are_torchs(ours, theirs, names):
    defaults = theirs([torch.zeros(1, requires_grad=True)]).defaults
    for mine, key in names.items():
        assert getattr(ours, mine) == defaults[key], mine
    if "betas" in defaults:
        assert (ours.beta1, ours.beta2) == tuple(defaults["betas"])


def _torch_lrs(make_scheduler, lr, steps):
    """The lr torch uses at steps t = 1..steps, with scheduler.step() after each step."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    scheduler = make_scheduler(opt)
    lrs = []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    return np.array(lrs)


def test_step_decay_is_torchs_step_lr():
    ours = adamlib.StepDecay(lr=0.3, step_size=7, gamma=0.5)
    theirs = _torch_lrs(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5),
                        0.3, 40)
    np.testing.assert_allclose([ours(t) for t in range(1, 41)], theirs, rtol=1e-12)


def test_cosine_decay_is_torchs_cosine_annealing_until_total_steps():
    total = 50
    ours = adamlib.CosineDecay(lr=0.3, total_steps=total, lr_min=0.01)
    theirs = _torch_lrs(
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=total, eta_min=0.01),
        0.3, total + 1)
    np.testing.assert_allclose([ours(t) for t in range(1, total + 2)], theirs,
                               rtol=1e-12, atol=1e-15)
