"""The optimizers' updates, checked against steps worked out by hand from the contract's formulas.

Every expected value below is written as the formula of the contract applied to small numbers,
so a reader can check it on paper; none is copied from running adamlib.
"""

import copy
import inspect
import math
from dataclasses import dataclass

import numpy as np
import pytest

import adamlib

RTOL = 1e-12


def close(actual, expected, rtol=RTOL, atol=0.0):
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


def run(opt, p, grads):
    """Apply opt to p with each gradient in turn; return the params and state after each step."""
    state = opt.init(p)
    history = []
    for g in grads:
        p, state = opt.step(p, np.asarray(g, dtype=float), state)
        history.append((p, state))
    return history


# One instance of every optimizer and variant, for the properties they all share.
ALL_OPTIMIZERS = {
    "SGD": lambda: adamlib.SGD(lr=0.1),
    "Momentum": lambda: adamlib.Momentum(lr=0.1, momentum=0.9),
    "Nesterov": lambda: adamlib.Momentum(lr=0.1, momentum=0.9, nesterov=True),
    "AdaGrad": lambda: adamlib.AdaGrad(lr=0.1),
    "RMSprop": lambda: adamlib.RMSprop(lr=0.01),
    "Adam": lambda: adamlib.Adam(lr=0.01),
    "Adam-L2": lambda: adamlib.Adam(lr=0.01, weight_decay=0.1),
    "Adam-no-bias-correction": lambda: adamlib.Adam(lr=0.01, bias_correction=False),
    "AMSGrad": lambda: adamlib.Adam(lr=0.01, amsgrad=True),
    "AdamW": lambda: adamlib.AdamW(lr=0.01),
    "AdamW-AMSGrad": lambda: adamlib.AdamW(lr=0.01, amsgrad=True),
}

EXPECTED_FIELDS = {
    "SGD": ("t",),
    "Momentum": ("t", "b"),
    "Nesterov": ("t", "b"),
    "AdaGrad": ("t", "s"),
    "RMSprop": ("t", "v"),
    "Adam": ("t", "m", "v"),
    "Adam-L2": ("t", "m", "v"),
    "Adam-no-bias-correction": ("t", "m", "v"),
    "AMSGrad": ("t", "m", "v", "v_max"),
    "AdamW": ("t", "m", "v"),
    "AdamW-AMSGrad": ("t", "m", "v", "v_max"),
}


def buffers(state):
    """The per-parameter arrays of a state (every field but t that holds something)."""
    return {name: getattr(state, name) for name in state._fields
            if name != "t" and getattr(state, name) is not None}


# SGD ----------------------------------------------------------------------------------------


def test_sgd_steps_against_the_gradient_scaled_by_lr():
    (p1, s1), (p2, s2) = run(adamlib.SGD(lr=0.1), np.array([1.0, -2.0]), [[0.5, 4.0], [1.0, 1.0]])
    close(p1, [1.0 - 0.1 * 0.5, -2.0 - 0.1 * 4.0])
    close(p2, [1.0 - 0.1 * 0.5 - 0.1 * 1.0, -2.0 - 0.1 * 4.0 - 0.1 * 1.0])
    assert (s1.t, s2.t) == (1, 2)


# Momentum -----------------------------------------------------------------------------------


def test_momentum_first_buffer_is_the_gradient_then_decays():
    (p1, s1), (p2, s2) = run(adamlib.Momentum(lr=0.1, momentum=0.9), np.array([1.0]),
                             [[2.0], [1.0]])
    b1 = 2.0                       # b1 = 0.9·0 + g1 = g1
    b2 = 0.9 * b1 + 1.0            # b2 = μ·b1 + g2 = 2.8
    close(s1.b, [b1])
    close(s2.b, [b2])
    close(p1, [1.0 - 0.1 * b1])
    close(p2, [1.0 - 0.1 * b1 - 0.1 * b2])


def test_nesterov_steps_along_g_plus_mu_b():
    (p1, s1), (p2, s2) = run(adamlib.Momentum(lr=0.1, momentum=0.9, nesterov=True),
                             np.array([1.0]), [[2.0], [1.0]])
    b1, b2 = 2.0, 0.9 * 2.0 + 1.0
    d1 = 2.0 + 0.9 * b1            # g1 + μ·b1 = 3.8
    d2 = 1.0 + 0.9 * b2            # g2 + μ·b2 = 3.52
    close(s1.b, [b1])
    close(s2.b, [b2])
    close(p1, [1.0 - 0.1 * d1])
    close(p2, [1.0 - 0.1 * d1 - 0.1 * d2])


def test_momentum_defaults():
    opt = adamlib.Momentum(lr=0.1)
    assert opt.momentum == 0.9 and opt.nesterov is False


# AdaGrad ------------------------------------------------------------------------------------


def test_adagrad_divides_by_root_of_summed_squares():
    eps = 1e-10
    (p1, s1), (p2, s2) = run(adamlib.AdaGrad(lr=0.1, eps=eps), np.array([0.0, 0.0]),
                             [[3.0, -4.0], [4.0, 0.0]])
    close(s1.s, [9.0, 16.0])
    close(s2.s, [25.0, 16.0])
    p1_expected = np.array([-0.1 * 3.0 / (3.0 + eps), 0.1 * 4.0 / (4.0 + eps)])
    close(p1, p1_expected)
    close(p2, p1_expected - 0.1 * np.array([4.0 / (5.0 + eps), 0.0]))


def test_adagrad_defaults():
    opt = adamlib.AdaGrad()
    assert (opt.lr, opt.eps) == (1e-2, 1e-10)


# RMSprop ------------------------------------------------------------------------------------


def test_rmsprop_divides_by_root_of_moving_average_of_squares():
    lr, alpha, eps = 0.01, 0.9, 1e-8
    (p1, s1), (p2, s2) = run(adamlib.RMSprop(lr=lr, alpha=alpha, eps=eps), np.array([1.0]),
                             [[2.0], [-1.0]])
    v1 = (1 - alpha) * 2.0**2                       # 0.4
    v2 = alpha * v1 + (1 - alpha) * (-1.0) ** 2     # 0.46
    close(s1.v, [v1])
    close(s2.v, [v2])
    p1_expected = 1.0 - lr * 2.0 / (math.sqrt(v1) + eps)
    close(p1, [p1_expected])
    close(p2, [p1_expected - lr * -1.0 / (math.sqrt(v2) + eps)])


def test_rmsprop_defaults():
    opt = adamlib.RMSprop()
    assert (opt.lr, opt.alpha, opt.eps) == (1e-2, 0.99, 1e-8)


# Adam ---------------------------------------------------------------------------------------


def test_adam_defaults():
    opt = adamlib.Adam()
    assert (opt.lr, opt.beta1, opt.beta2, opt.eps) == (1e-3, 0.9, 0.999, 1e-8)
    assert opt.weight_decay == 0.0 and opt.amsgrad is False and opt.bias_correction is True


def test_adam_first_step_is_lr_times_sign_of_g():
    g = np.array([3.0, -0.5, 1e-3, -200.0])
    p0 = np.array([1.0, 2.0, 3.0, 4.0])
    lr, eps = 0.1, 1e-8
    [(p1, s1)] = run(adamlib.Adam(lr=lr, eps=eps), p0, [g])
    # m̂1 = (1 − β1)g / (1 − β1) = g and v̂1 = g², so the step is lr·g/(|g| + eps).
    close(p1, p0 - lr * g / (np.abs(g) + eps))
    close(p1, p0 - lr * np.sign(g), atol=lr * eps / 1e-3)
    close(s1.m, (1 - 0.9) * g)
    close(s1.v, (1 - 0.999) * g**2)


def test_adam_second_step_by_hand():
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    (p1, _), (p2, s2) = run(adamlib.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps), np.array([0.5]),
                            [[2.0], [-1.0]])
    m1, v1 = (1 - b1) * 2.0, (1 - b2) * 4.0
    m2, v2 = b1 * m1 + (1 - b1) * -1.0, b2 * v1 + (1 - b2) * 1.0
    m_hat, v_hat = m2 / (1 - b1**2), v2 / (1 - b2**2)
    close(s2.m, [m2])
    close(s2.v, [v2])
    assert s2.t == 2
    close(p1, [0.5 - lr * 2.0 / (2.0 + eps)])
    close(p2, p1 - lr * m_hat / (math.sqrt(v_hat) + eps))


def test_adam_with_a_constant_gradient_steps_lr_every_time():
    # With g constant, m_t = (1 − β1ᵗ)g and v_t = (1 − β2ᵗ)g², so bias correction recovers g
    # and g² exactly: every step is lr·g/(|g| + eps).
    lr, eps = 0.05, 1e-8
    history = run(adamlib.Adam(lr=lr, eps=eps), np.array([0.0]), [[0.25]] * 5)
    for t, (p, _) in enumerate(history, start=1):
        close(p, [-t * lr * 0.25 / (0.25 + eps)], rtol=1e-10)


def test_adam_without_bias_correction_first_step():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    g = np.array([2.0, -0.5])
    [(p1, _)] = run(adamlib.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=False),
                    np.zeros(2), [g])
    close(p1, -lr * (1 - b1) * g / (math.sqrt(1 - b2) * np.abs(g) + eps))
    # (1 − β1)/√(1 − β2) ≈ 3.16 times the bias-corrected step lr: the reason for the correction
    assert np.all(np.abs(p1) > 3 * lr)


def test_adam_without_bias_correction_second_step_uses_raw_moments():
    lr, b1, b2, eps = 0.1, 0.8, 0.9, 1e-8
    (p1, _), (p2, _) = run(adamlib.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps,
                                        bias_correction=False),
                           np.array([0.0]), [[1.0], [3.0]])
    m2 = b1 * (1 - b1) * 1.0 + (1 - b1) * 3.0
    v2 = b2 * (1 - b2) * 1.0 + (1 - b2) * 9.0
    close(p2, p1 - lr * m2 / (math.sqrt(v2) + eps))


# AMSGrad ------------------------------------------------------------------------------------


def test_amsgrad_keeps_v_max_when_v_shrinks():
    lr, b1, b2, eps = 0.1, 0.9, 0.5, 1e-8
    (p1, s1), (p2, s2) = run(adamlib.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps, amsgrad=True),
                             np.array([0.0]), [[10.0], [0.0]])
    v1 = (1 - b2) * 100.0           # 50
    v2 = b2 * v1                    # 25: v shrinks
    close(s1.v_max, [v1])
    close(s2.v, [v2])
    close(s2.v_max, [v1])           # v_max does not
    m2 = b1 * (1 - b1) * 10.0
    m_hat = m2 / (1 - b1**2)
    close(p2, p1 - lr * m_hat / (math.sqrt(v1 / (1 - b2**2)) + eps))
    # plain Adam divides by the smaller v and so steps further
    (_, _), (q2, _) = run(adamlib.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps),
                          np.array([0.0]), [[10.0], [0.0]])
    close(q2, p1 - lr * m_hat / (math.sqrt(v2 / (1 - b2**2)) + eps))
    assert abs(q2[0] - p1[0]) > abs(p2[0] - p1[0])


def test_amsgrad_v_max_is_the_running_max_of_v():
    rng = np.random.default_rng(0)
    grads = rng.standard_normal((30, 4)) * np.linspace(3, 0.1, 30)[:, None]  # shrinking
    history = run(adamlib.Adam(lr=0.01, beta2=0.9, amsgrad=True), np.zeros(4), grads)
    vs = np.array([s.v for _, s in history])
    v_maxes = np.array([s.v_max for _, s in history])
    np.testing.assert_array_equal(v_maxes, np.maximum.accumulate(vs, axis=0))
    assert np.any(v_maxes[-1] > vs[-1])  # the case where it matters happened


def test_plain_adam_has_no_v_max_buffer():
    state = adamlib.Adam().init(np.zeros(2))
    assert state.v_max is None
    _, state = adamlib.Adam().step(np.zeros(2), np.ones(2), state)
    assert state.v_max is None


# Weight decay -------------------------------------------------------------------------------


def test_adam_weight_decay_is_l2_in_the_gradient():
    lr, wd, eps = 0.1, 0.1, 1e-8
    p0, g = np.array([10.0]), np.array([-0.5])
    [(p1, s1)] = run(adamlib.Adam(lr=lr, eps=eps, weight_decay=wd), p0, [g])
    g_eff = g + wd * p0             # 0.5: the decay term flips the gradient's sign
    close(s1.m, (1 - 0.9) * g_eff)
    close(s1.v, (1 - 0.999) * g_eff**2)
    close(p1, p0 - lr * g_eff / (np.abs(g_eff) + eps))


def test_adamw_decays_the_weights_apart_from_the_gradient():
    lr, wd, eps = 0.1, 0.1, 1e-8
    p0, g = np.array([10.0, -4.0]), np.array([-0.5, 2.0])
    [(p1, s1)] = run(adamlib.AdamW(lr=lr, eps=eps, weight_decay=wd), p0, [g])
    close(s1.m, (1 - 0.9) * g)       # the moments see the raw gradient
    close(s1.v, (1 - 0.999) * g**2)
    close(p1, p0 * (1 - lr * wd) - lr * g / (np.abs(g) + eps))


def test_adamw_second_step_decays_the_updated_params():
    lr, wd, eps = 0.1, 0.5, 1e-8
    g = np.array([0.25])
    (p1, _), (p2, _) = run(adamlib.AdamW(lr=lr, eps=eps, weight_decay=wd), np.array([2.0]), [g, g])
    step = lr * g / (np.abs(g) + eps)  # constant gradient: every Adam step is lr·g/(|g|+eps)
    close(p2, p1 * (1 - lr * wd) - step)


def test_adamw_default_weight_decay_is_1e_2_and_adams_is_0():
    assert adamlib.AdamW().weight_decay == 1e-2
    assert adamlib.Adam().weight_decay == 0.0
    opt = adamlib.AdamW()
    assert (opt.lr, opt.beta1, opt.beta2, opt.eps, opt.amsgrad) == (1e-3, 0.9, 0.999, 1e-8, False)


def test_adamw_without_decay_is_adam():
    grads = np.random.default_rng(1).standard_normal((5, 3))
    a = run(adamlib.Adam(lr=0.01), np.ones(3), grads)
    w = run(adamlib.AdamW(lr=0.01, weight_decay=0.0), np.ones(3), grads)
    for (pa, _), (pw, _) in zip(a, w):
        np.testing.assert_array_equal(pa, pw)


def test_adamw_amsgrad_steps_with_v_max():
    lr, b1, b2, wd, eps = 0.1, 0.9, 0.5, 0.1, 1e-8
    (p1, _), (p2, s2) = run(adamlib.AdamW(lr=lr, beta1=b1, beta2=b2, eps=eps, weight_decay=wd,
                                          amsgrad=True),
                            np.array([1.0]), [[10.0], [0.0]])
    v1 = (1 - b2) * 100.0
    close(s2.v_max, [v1])
    m_hat = b1 * (1 - b1) * 10.0 / (1 - b1**2)
    close(p2, p1 * (1 - lr * wd) - lr * m_hat / (math.sqrt(v1 / (1 - b2**2)) + eps))


# Purity, dtype, structure --------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
def test_step_never_mutates_params_grads_or_state(name):
    opt = ALL_OPTIMIZERS[name]()
    rng = np.random.default_rng(2)
    params = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    state = opt.init(params)
    for _ in range(2):  # a state with non-zero buffers, too
        grads = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
        params_copy, grads_copy, state_copy = (copy.deepcopy(x) for x in (params, grads, state))
        new_params, new_state = opt.step(params, grads, state)
        for original, kept in [(params, params_copy), (grads, grads_copy)]:
            for key in original:
                np.testing.assert_array_equal(original[key], kept[key])
        assert state.t == state_copy.t
        for field, tree in buffers(state).items():
            for key in tree:
                np.testing.assert_array_equal(tree[key], getattr(state_copy, field)[key])
        assert new_state.t == state.t + 1
        assert not np.array_equal(new_params["W"], params["W"])  # it did take a step
        params, state = new_params, new_state


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_an_array_longer_than_a_block_steps_exactly_as_its_pieces_alone(name, dtype):
    # Arrays longer than BLOCK are updated block by block; every update being elementwise, the
    # result must equal, bit for bit, updating pieces cut elsewhere (here 1000 entries each).
    from adamlib._engine import BLOCK

    opt = ALL_OPTIMIZERS[name]()
    rng = np.random.default_rng(3)
    n = 2 * BLOCK + 1000 * 7 + 5
    whole = rng.standard_normal((2, n)).astype(dtype)[:, ::2]  # 2-D and not contiguous
    cuts = range(0, whole.size, 1000)
    pieces = [whole.reshape(-1)[c:c + 1000] for c in cuts]
    state, piece_states = opt.init(whole), [opt.init(p) for p in pieces]
    for _ in range(3):
        g = rng.standard_normal(whole.shape).astype(dtype)
        g_pieces = [g.reshape(-1)[c:c + 1000] for c in cuts]
        whole, state = opt.step(whole, g, state)
        stepped = [opt.step(p, gp, s) for p, gp, s in zip(pieces, g_pieces, piece_states)]
        pieces, piece_states = [p for p, _ in stepped], [s for _, s in stepped]
        assert whole.dtype == dtype and whole.shape == g.shape
        np.testing.assert_array_equal(whole.reshape(-1), np.concatenate(pieces))
        for field, value in buffers(state).items():
            joined = np.concatenate([getattr(s, field) for s in piece_states])
            np.testing.assert_array_equal(value.reshape(-1), joined)


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_block_driver_gives_the_whole_array_rule_bit_for_bit(name, dtype):
    from adamlib._engine import BLOCK, blockwise

    opt = ALL_OPTIMIZERS[name]()
    rng = np.random.default_rng(6)
    n = 3 * BLOCK + 17
    p, g = rng.standard_normal((2, n)).astype(dtype)
    buffers = [np.abs(rng.standard_normal(n)).astype(dtype) for _ in opt.slots]  # v, s >= 0
    rule = opt.rule()
    by_blocks = blockwise(rule, p, g, *buffers, t=7, lr=0.01)
    at_once = rule(p, g, *buffers, t=7, lr=0.01)
    assert len(by_blocks) == len(at_once) == 1 + len(opt.slots)
    for blocked, whole in zip(by_blocks, at_once):
        assert blocked.dtype == dtype
        np.testing.assert_array_equal(blocked, whole)


@dataclass(frozen=True)
class NormalizedSGD(adamlib.Optimizer):
    """p ← p − lr·g/‖g‖: a step of length lr whatever the gradient's size. Not elementwise: every
    entry's step depends on the whole array's norm."""

    lr: float
    elementwise = False

    def update(self, p, g, *, t, lr):
        return (adamlib.rules.descend(p, g / np.linalg.norm(g), lr),)


def test_an_optimizer_whose_update_is_not_elementwise_gets_whole_arrays():
    from adamlib._engine import BLOCK

    rng = np.random.default_rng(5)
    p, g = rng.standard_normal((2, 2 * BLOCK + 5))
    opt = NormalizedSGD(lr=0.5)
    new_p, state = opt.step(p, g, opt.init(p))
    close(new_p, p - 0.5 * g / math.sqrt(np.sum(g * g)))
    close(np.linalg.norm(new_p - p), 0.5)
    assert state.t == 1


# What chapter 6 shows is the algorithm ----------------------------------------------------------


def calls(source, name):
    return source.count(f"{name}(")


def test_adams_step_reads_as_algorithm_1_and_nothing_else():
    step = inspect.getsource(adamlib.Adam.update)
    assert calls(step, "ema") == 2 and calls(step, "bias_correction") == 2
    assert calls(step, "descend") == calls(step, "scale_by_rms") == 1
    assert "descend(p, scale_by_rms(m_hat, v_hat" in step
    for later in ("amsgrad", "v_max", "running_max", "weight_decay", "_check", "State"):
        assert later not in step, later
    rules = adamlib.rules
    shown = adamlib.show_source(adamlib.Adam.update, rules.ema, rules.bias_correction,
                                rules.scale_by_rms, rules.descend)
    assert shown.code.count("\n") + 2 <= 35


def test_amsgrad_takes_the_maximum_of_the_raw_v_between_ema_and_bias_correction():
    step = inspect.getsource(adamlib.Adam.amsgrad_update)
    assert step.rindex("ema(") < step.index("running_max(v_max, v)") < step.index("bias_correction(")
    assert "bias_correction(v_max," in step and "bias_correction(v," not in step


@pytest.mark.parametrize("cls", [adamlib.SGD, adamlib.Momentum, adamlib.AdaGrad, adamlib.RMSprop])
def test_each_optimizer_class_is_its_rule_without_plumbing(cls):
    source = inspect.getsource(cls)
    assert source.count("\n") <= 20, cls.__name__
    for plumbing in ("__post_init__", "_check", "_validate", "blockwise", "_slots", "object.__setattr__"):
        assert plumbing not in source, (cls.__name__, plumbing)


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
def test_step_does_not_return_its_inputs_for_later_mutation(name):
    # The new params must be new arrays: changing them must not change the old ones.
    opt = ALL_OPTIMIZERS[name]()
    p = np.array([1.0, 2.0])
    g = np.array([0.5, -0.5])
    new_p, _ = opt.step(p, g, opt.init(p))
    new_p += 100.0
    np.testing.assert_array_equal(p, [1.0, 2.0])
    np.testing.assert_array_equal(g, [0.5, -0.5])


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_of_params_and_state_is_kept(name, dtype):
    opt = ALL_OPTIMIZERS[name]()
    p = np.array([1.0, -2.0, 3.0], dtype=dtype)
    state = opt.init(p)
    for g in ([0.5, 1.0, -1.0], [0.25, -3.0, 2.0]):
        p, state = opt.step(p, np.array(g, dtype=dtype), state)
        assert p.dtype == dtype
        for field, buffer in buffers(state).items():
            assert buffer.dtype == dtype, field


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
def test_float32_params_with_float64_grads_stay_float32(name):
    opt = ALL_OPTIMIZERS[name]()
    p = np.array([1.0, -2.0], dtype=np.float32)
    state = opt.init(p)
    for _ in range(2):
        p, state = opt.step(p, np.array([0.1, 0.2], dtype=np.float64), state)
    assert p.dtype == np.float32
    for field, buffer in buffers(state).items():
        assert buffer.dtype == np.float32, field


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
def test_state_fields_are_named_as_in_the_book(name):
    opt = ALL_OPTIMIZERS[name]()
    p = np.zeros(3)
    state = opt.init(p)
    assert state.t == 0
    present = tuple(f for f in state._fields if getattr(state, f) is not None)
    assert present == EXPECTED_FIELDS[name]
    for field in present[1:]:
        np.testing.assert_array_equal(getattr(state, field), np.zeros(3))  # buffers start at 0
    _, state = opt.step(p, np.ones(3), state)
    assert tuple(f for f in state._fields if getattr(state, f) is not None) == EXPECTED_FIELDS[name]


@pytest.mark.parametrize("name", ALL_OPTIMIZERS)
def test_dict_params_update_each_key_as_a_single_array(name):
    opt = ALL_OPTIMIZERS[name]()
    rng = np.random.default_rng(3)
    params = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    gradients = [{"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)} for _ in range(3)]
    state = opt.init(params)
    singles = {k: (params[k], opt.init(params[k])) for k in params}
    for grads in gradients:
        params, state = opt.step(params, grads, state)
        assert set(params) == {"W", "b"}
        for k in singles:
            p_k, s_k = singles[k]
            singles[k] = opt.step(p_k, grads[k], s_k)
            np.testing.assert_array_equal(params[k], singles[k][0])
            for field in EXPECTED_FIELDS[name][1:]:
                tree = getattr(state, field)
                assert isinstance(tree, dict) and set(tree) == {"W", "b"}
                np.testing.assert_array_equal(tree[k], getattr(singles[k][1], field))
    assert state.t == 3


def test_adam_state_fields_hold_dicts_for_dict_params():
    params = {"W": np.ones((2, 2)), "b": np.zeros(2)}
    grads = {"W": np.full((2, 2), 2.0), "b": np.array([1.0, -1.0])}
    _, state = adamlib.Adam(lr=0.1).step(params, grads, adamlib.Adam(lr=0.1).init(params))
    close(state.m["W"], (1 - 0.9) * np.full((2, 2), 2.0))
    close(state.v["b"], (1 - 0.999) * np.array([1.0, 1.0]))


# eps = 0 --------------------------------------------------------------------------------------


EPS0 = {
    "AdaGrad": lambda: adamlib.AdaGrad(lr=0.1, eps=0.0),
    "RMSprop": lambda: adamlib.RMSprop(lr=0.1, eps=0.0),
    "Adam": lambda: adamlib.Adam(lr=0.1, eps=0.0),
    "Adam-no-bias-correction": lambda: adamlib.Adam(lr=0.1, eps=0.0, bias_correction=False),
    "AMSGrad": lambda: adamlib.Adam(lr=0.1, eps=0.0, amsgrad=True),
    "AdamW": lambda: adamlib.AdamW(lr=0.1, eps=0.0, weight_decay=0.5),
}


@pytest.mark.parametrize("name", EPS0)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_eps_zero_coordinate_without_gradient_takes_no_step(name, dtype):
    opt = EPS0[name]()
    p0 = np.array([1.0, 2.0], dtype=dtype)
    p, state = p0, opt.init(p0)
    decay = (1 - 0.1 * 0.5) if name == "AdamW" else 1.0  # only AdamW's decay moves it
    with np.errstate(divide="raise", invalid="raise"):  # no 0/0, not even as a warning
        for t in range(1, 4):
            p, state = opt.step(p, np.array([0.0, 3.0], dtype=dtype), state)
            assert np.all(np.isfinite(p))
            close(p[0], p0[0] * decay**t, rtol=1e-6)
            assert p[1] < p0[1]
        # a first gradient on that coordinate then moves it, finitely
        p_next, state = opt.step(p, np.array([1.0, 3.0], dtype=dtype), state)
    assert np.all(np.isfinite(p_next)) and p_next[0] < p[0] * decay
    for buffer in buffers(state).values():
        assert np.all(np.isfinite(buffer))


def test_eps_zero_adam_first_step_is_exactly_lr_sign_g():
    [(p1, _)] = run(adamlib.Adam(lr=0.1, eps=0.0), np.zeros(3), [[2.0, -0.001, 0.0]])
    np.testing.assert_allclose(p1, [-0.1, 0.1, 0.0], rtol=1e-15)


# Schedules ----------------------------------------------------------------------------------


def test_schedule_is_called_with_t_starting_at_1():
    calls = []

    def lr(t):
        calls.append(t)
        return 0.1 * t

    history = run(adamlib.SGD(lr=lr), np.array([0.0]), [[1.0]] * 3)
    assert calls == [1, 2, 3]
    close(history[-1][0], [-(0.1 + 0.2 + 0.3)])


@pytest.mark.parametrize("make", [
    lambda lr: adamlib.Momentum(lr=lr, momentum=0.5),
    lambda lr: adamlib.AdaGrad(lr=lr),
    lambda lr: adamlib.RMSprop(lr=lr),
    lambda lr: adamlib.Adam(lr=lr),
], ids=["Momentum", "AdaGrad", "RMSprop", "Adam"])
def test_every_optimizer_uses_the_schedules_value_at_step_t(make):
    # Running with lr(t) must equal running each step t with the constant lr(t).
    def schedule(t):
        return 0.01 * t

    grads = np.random.default_rng(4).standard_normal((4, 3))
    scheduled = run(make(schedule), np.ones(3), grads)
    p, state = np.ones(3), make(0.01).init(np.ones(3))
    for t, g in enumerate(grads, start=1):
        p, state = make(0.01 * t).step(p, g, state)
        close(scheduled[t - 1][0], p, rtol=1e-14)


def test_adamw_decay_uses_the_scheduled_lr():
    wd, eps = 0.5, 1e-8
    g = np.array([0.25])
    history = run(adamlib.AdamW(lr=lambda t: 0.1 * t, eps=eps, weight_decay=wd),
                  np.array([2.0]), [g] * 3)
    p = np.array([2.0])
    for t, (p_t, _) in enumerate(history, start=1):
        lr = 0.1 * t
        p = p * (1 - lr * wd) - lr * g / (np.abs(g) + eps)
        close(p_t, p)


def test_warmup_schedule_may_return_zero():
    opt = adamlib.Adam(lr=lambda t: 0.0 if t == 1 else 0.1)
    (p1, s1), (p2, _) = run(opt, np.array([1.0]), [[2.0], [2.0]])
    close(p1, [1.0])                 # lr(1) = 0: no move ...
    close(s1.m, [(1 - 0.9) * 2.0])   # ... but the moments did update
    assert s1.t == 1
    close(p2, [1.0 - 0.1 * 2.0 / (2.0 + 1e-8)])


def test_step_decay_values():
    schedule = adamlib.StepDecay(lr=1.0, step_size=3, gamma=0.5)
    assert [schedule(t) for t in range(1, 8)] == [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25]


def test_cosine_decay_values():
    lr, lr_min, total = 1.0, 0.1, 10
    schedule = adamlib.CosineDecay(lr=lr, total_steps=total, lr_min=lr_min)
    # SGDR: lr_min + ½(lr − lr_min)(1 + cos(π·(t − 1)/total_steps))
    assert schedule(1) == pytest.approx(lr)
    assert schedule(6) == pytest.approx(lr_min + 0.5 * (lr - lr_min) * (1 + math.cos(math.pi / 2)))
    assert schedule(6) == pytest.approx(0.55)
    assert schedule(3) == pytest.approx(lr_min + 0.5 * (lr - lr_min) * (1 + math.cos(math.pi * 0.2)))
    # lr_min after total_steps steps of decay (t − 1 = total_steps), and it stays there
    assert schedule(total + 1) == pytest.approx(lr_min, abs=1e-15)
    assert schedule(total) > lr_min
    assert schedule(total + 50) == pytest.approx(lr_min, abs=1e-15)
    values = [schedule(t) for t in range(1, total + 5)]
    assert all(a >= b for a, b in zip(values, values[1:]))


def test_cosine_decay_default_lr_min_is_zero():
    assert adamlib.CosineDecay(lr=0.5, total_steps=4)(5) == pytest.approx(0.0, abs=1e-15)


def test_linear_warmup_values():
    schedule = adamlib.LinearWarmup(after=0.2, warmup_steps=4)
    assert [schedule(t) for t in (1, 2, 3, 4, 5, 100)] == pytest.approx(
        [0.05, 0.1, 0.15, 0.2, 0.2, 0.2])


def test_linear_warmup_then_cosine():
    cosine = adamlib.CosineDecay(lr=1.0, total_steps=20)
    schedule = adamlib.LinearWarmup(after=cosine, warmup_steps=5)
    assert schedule(2) == pytest.approx(cosine(2) * 2 / 5)
    assert schedule(5) == pytest.approx(cosine(5))
    assert schedule(12) == pytest.approx(cosine(12))


def test_schedule_objects_work_as_lr():
    history = run(adamlib.SGD(lr=adamlib.StepDecay(lr=1.0, step_size=1, gamma=0.5)),
                  np.array([0.0]), [[1.0]] * 3)
    close(history[-1][0], [-(1.0 + 0.5 + 0.25)])


# minimize -------------------------------------------------------------------------------------


def test_minimize_trajectory_shape_and_first_row():
    x0 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    path = adamlib.minimize(lambda x: 2 * x, x0, adamlib.SGD(lr=0.1), steps=7)
    assert path.shape == (8, 2, 3)
    np.testing.assert_array_equal(path[0], x0)
    close(path[1], x0 * (1 - 0.1 * 2))   # SGD on f = |x|²: x ← (1 − 2·lr)x
    close(path[7], x0 * 0.8**7)


def test_minimize_with_zero_steps_returns_x0_only():
    x0 = np.array([1.0, -1.0])
    path = adamlib.minimize(lambda x: x, x0, adamlib.Adam(), steps=0)
    assert path.shape == (1, 2)
    np.testing.assert_array_equal(path[0], x0)


def test_minimize_equals_a_manual_loop_and_keeps_x0():
    problem = adamlib.Rosenbrock()
    x0 = problem.start.copy()
    opt = adamlib.Adam(lr=0.05)
    path = adamlib.minimize(problem.grad, x0, opt, steps=25)
    np.testing.assert_array_equal(x0, problem.start)
    x, state = x0, opt.init(x0)
    for t in range(1, 26):
        x, state = opt.step(x, problem.grad(x), state)
        np.testing.assert_array_equal(path[t], x)


def test_minimize_keeps_float32():
    path = adamlib.minimize(lambda x: x, np.ones(2, dtype=np.float32), adamlib.Adam(), steps=3)
    assert path.dtype == np.float32
