"""Numerics: every optimizer's step stays finite and correct across the gradient scales its dtype
can square, and ε = 0 never makes a NaN.

The reference is the update written again in Python's decimal arithmetic with 60 significant
digits, so it has no overflow, underflow or rounding to speak of; adamlib's float32 and float64
results must agree with it to their dtype's precision. Hypothesis draws the scale (a power of
ten across the whole range where g² is a normal number: about 1e-18 to 1e18 in float32, 1e-150
to 1e150 in float64), the signs and mantissas of the gradients, the starting params and the
learning rate.
"""

from __future__ import annotations

from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import adamlib

getcontext().prec = 60

OPTIMIZERS = {
    "SGD": lambda lr: adamlib.SGD(lr=lr),
    "Momentum": lambda lr: adamlib.Momentum(lr=lr),
    "Nesterov": lambda lr: adamlib.Momentum(lr=lr, nesterov=True),
    "AdaGrad": lambda lr: adamlib.AdaGrad(lr=lr),
    "RMSprop": lambda lr: adamlib.RMSprop(lr=lr),
    "Adam": lambda lr: adamlib.Adam(lr=lr),
    "AMSGrad": lambda lr: adamlib.Adam(lr=lr, amsgrad=True),
    "AdamW": lambda lr: adamlib.AdamW(lr=lr),
}
ADAPTIVE = ["AdaGrad", "RMSprop", "Adam", "AMSGrad", "AdamW"]
# The largest power of ten whose square (times the smallest average weight, 1 − β₂ = 1e-3) is a
# normal number of the dtype: float32 normals span 1.2e-38 to 3.4e38, float64 2.2e-308 to 1.8e308.
SCALES = {np.float32: 18, np.float64: 150}
TOLERANCE = {np.float32: 2e-6, np.float64: 1e-13}
STEPS = 3


def D(x) -> Decimal:
    return Decimal(repr(float(x)))


def reference(name: str, opt, p0, grads):
    """The params after each gradient, by the contract's formulas in 60-digit decimals."""
    p = [D(x) for x in p0]
    lr = D(opt.lr)
    n = len(p)
    b, s, m, v, v_max = [Decimal(0)] * n, [Decimal(0)] * n, [Decimal(0)] * n, [Decimal(0)] * n, [Decimal(0)] * n
    for t, g_t in enumerate(grads, start=1):
        g = [D(x) for x in g_t]
        for i in range(n):
            if name == "SGD":
                p[i] -= lr * g[i]
            elif name in ("Momentum", "Nesterov"):
                mu = D(opt.momentum)
                b[i] = mu * b[i] + g[i]
                p[i] -= lr * (g[i] + mu * b[i] if name == "Nesterov" else b[i])
            elif name == "AdaGrad":
                s[i] += g[i] * g[i]
                p[i] -= lr * g[i] / (s[i].sqrt() + D(opt.eps))
            elif name == "RMSprop":
                alpha = D(opt.alpha)
                v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i]
                p[i] -= lr * g[i] / (v[i].sqrt() + D(opt.eps))
            else:
                beta1, beta2 = D(opt.beta1), D(opt.beta2)
                if name == "AdamW":
                    p[i] *= 1 - lr * D(opt.weight_decay)
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                v_max[i] = max(v_max[i], v[i])
                second = v_max[i] if name == "AMSGrad" else v[i]
                m_hat, v_hat = m[i] / (1 - beta1**t), second / (1 - beta2**t)
                p[i] -= lr * m_hat / (v_hat.sqrt() + D(opt.eps))
    return p


def gradients(dtype):
    """STEPS gradients of 3 entries at one drawn scale 10^e (mantissas in [1, 10), any sign)."""
    top = SCALES[dtype]
    mantissas = st.floats(1.0, 9.99, allow_nan=False)
    entries = st.tuples(st.sampled_from([-1.0, 1.0]), mantissas)
    return st.integers(-top, top).flatmap(lambda e: st.lists(
        st.lists(entries.map(lambda sm: sm[0] * sm[1] * 10.0**e), min_size=3, max_size=3),
        min_size=STEPS, max_size=STEPS))


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_steps_are_finite_and_correct_across_gradient_scales(name, dtype):
    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(grads=gradients(dtype),
           p0=st.lists(st.floats(-2.0, 2.0, allow_nan=False), min_size=3, max_size=3),
           lr=st.sampled_from([1e-4, 1e-3, 1e-2, 0.1]))
    def check(grads, p0, lr):
        opt = OPTIMIZERS[name](lr)
        # Params the dtype can hold exactly, so the reference starts where adamlib starts.
        p = np.array(p0, dtype=dtype)
        g = [np.array(x, dtype=dtype) for x in grads]
        state = opt.init(p)
        for g_t in g:
            p, state = opt.step(p, g_t, state)
        assert p.dtype == dtype and np.all(np.isfinite(p))
        for buffer in state[1:]:
            if buffer is not None:
                assert np.all(np.isfinite(buffer))
        expected = reference(name, opt, p0=[float(x) for x in np.array(p0, dtype=dtype)],
                             grads=[[float(x) for x in g_t] for g_t in g])
        # How far the same steps would carry a coordinate if they all pointed the same way: the
        # rounding of a sum of steps is relative to it, even where the steps cancel to 0.
        reach = reference(name, opt, p0=[0.0] * len(p0),
                          grads=[[abs(float(x)) for x in g_t] for g_t in g])
        for actual, want, far in zip(p, expected, reach):
            # Relative to the larger of the answer, the param and the distance the steps span: a
            # tiny step on a param near 1 is below the dtype's resolution and is judged against
            # the param, and steps that cancel are judged against their size.
            moved = max(abs(want), max(abs(D(x)) for x in p0), abs(far), Decimal("1e-300"))
            error = abs(D(actual) - want) / moved
            assert error < TOLERANCE[dtype], f"{name}: got {actual!r}, want {want:.17g} (error {error:.2e})"

    check()


@pytest.mark.parametrize("name", ADAPTIVE)
def test_eps_zero_never_makes_nan(name):
    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(grads=st.lists(st.lists(st.sampled_from([0.0, 0.0, 1e-3, -2.0, 5e6]), min_size=4, max_size=4),
                          min_size=1, max_size=4),
           dtype=st.sampled_from([np.float32, np.float64]))
    def check(grads, dtype):
        opt = type(OPTIMIZERS[name](1e-2))(**{**_hyper(OPTIMIZERS[name](1e-2)), "eps": 0.0})
        p = np.ones(4, dtype=dtype)
        state = opt.init(p)
        seen = np.zeros(4, bool)
        for g_t in grads:
            g = np.array(g_t, dtype=dtype)
            p_before = p
            p, state = opt.step(p, g, state)
            seen |= g != 0
            assert np.all(np.isfinite(p)), f"{name} with eps=0 made {p} from {g}"
            # A coordinate that has never had a gradient takes no step (0/0 would be NaN);
            # AdamW still decays its weights, which is not a gradient step.
            unseen = ~seen
            decay = 1 - 1e-2 * opt.weight_decay if name == "AdamW" else 1.0
            assert np.array_equal(p[unseen], (p_before[unseen] * dtype(decay)).astype(dtype))

    check()


def _hyper(opt) -> dict:
    return {field: getattr(opt, field) for field in opt.__dataclass_fields__}


def test_the_reference_is_not_adamlib():
    """The decimal reference must be able to disagree: a wrong bias correction is caught."""
    opt = adamlib.Adam(lr=0.1)
    p, state = opt.step(np.array([0.5]), np.array([2.0]), opt.init(np.array([0.5])))
    assert float(reference("Adam", opt, [0.5], [[2.0]])[0]) == pytest.approx(p[0], rel=1e-15)
    wrong = adamlib.Adam(lr=0.1, bias_correction=False)
    p_wrong, _ = wrong.step(np.array([0.5]), np.array([2.0]), wrong.init(np.array([0.5])))
    assert abs(float(reference("Adam", opt, [0.5], [[2.0]])[0]) - p_wrong[0]) > 0.05
