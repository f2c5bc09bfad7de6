"""Every refusal of the contract: a ValueError whose message names the parameter and the bad value."""

import re

import numpy as np
import pytest

import adamlib

OPTIMIZERS_WITH_LR = [adamlib.SGD, adamlib.Momentum, adamlib.AdaGrad, adamlib.RMSprop,
                      adamlib.Adam, adamlib.AdamW]


# Hyperparameters, at construction -------------------------------------------------------------


@pytest.mark.parametrize("cls", OPTIMIZERS_WITH_LR, ids=lambda c: c.__name__)
@pytest.mark.parametrize("bad, shown", [
    (0, "0"), (0.0, "0.0"), (-0.1, "-0.1"), (float("nan"), "nan"), (float("inf"), "inf"),
    (-float("inf"), "-inf"), ("fast", "'fast'"), (True, "True"), (None, "None"),
])
def test_bad_lr_is_refused(cls, bad, shown):
    with pytest.raises(ValueError, match=rf"\blr\b.*> 0.*got {re.escape(shown)}$"):
        cls(lr=bad)


DECAY_RATES = [
    ("momentum", lambda v: adamlib.Momentum(lr=0.1, momentum=v)),
    ("alpha", lambda v: adamlib.RMSprop(alpha=v)),
    ("beta1", lambda v: adamlib.Adam(beta1=v)),
    ("beta2", lambda v: adamlib.Adam(beta2=v)),
    ("beta1", lambda v: adamlib.AdamW(beta1=v)),
    ("beta2", lambda v: adamlib.AdamW(beta2=v)),
]


@pytest.mark.parametrize("param, make", DECAY_RATES,
                         ids=["momentum", "alpha", "Adam.beta1", "Adam.beta2", "AdamW.beta1",
                              "AdamW.beta2"])
@pytest.mark.parametrize("bad", [1.0, -0.1, 1.5, float("nan"), float("inf"), "0.9", True])
def test_decay_rates_outside_0_1_are_refused(param, make, bad):
    with pytest.raises(ValueError,
                       match=rf"^{param} must be a number in \[0, 1\), got {re.escape(repr(bad))}$"):
        make(bad)


@pytest.mark.parametrize("param, make", [
    ("momentum", lambda v: adamlib.Momentum(lr=0.1, momentum=v)),
    ("alpha", lambda v: adamlib.RMSprop(alpha=v)),
    ("beta1", lambda v: adamlib.Adam(beta1=v)),
    ("beta2", lambda v: adamlib.Adam(beta2=v)),
])
def test_decay_rate_zero_is_allowed(param, make):
    assert getattr(make(0.0), param) == 0.0


@pytest.mark.parametrize("make", [
    lambda v: adamlib.AdaGrad(eps=v),
    lambda v: adamlib.RMSprop(eps=v),
    lambda v: adamlib.Adam(eps=v),
    lambda v: adamlib.AdamW(eps=v),
], ids=["AdaGrad", "RMSprop", "Adam", "AdamW"])
@pytest.mark.parametrize("bad, shown", [(-1e-8, "-1e-08"), (float("nan"), "nan"),
                                        (float("inf"), "inf"), ("1e-8", "'1e-8'")])
def test_bad_eps_is_refused(make, bad, shown):
    with pytest.raises(ValueError, match=rf"^eps must be .*>= 0, got {re.escape(shown)}$"):
        make(bad)


@pytest.mark.parametrize("cls", [adamlib.Adam, adamlib.AdamW], ids=lambda c: c.__name__)
@pytest.mark.parametrize("bad, shown", [(-0.01, "-0.01"), (float("nan"), "nan"),
                                        (float("inf"), "inf")])
def test_negative_weight_decay_is_refused(cls, bad, shown):
    with pytest.raises(ValueError, match=rf"^weight_decay must be .*>= 0, got {re.escape(shown)}$"):
        cls(weight_decay=bad)


def test_nesterov_needs_momentum():
    with pytest.raises(ValueError, match=r"nesterov=True needs momentum > 0, got momentum=0"):
        adamlib.Momentum(lr=0.1, momentum=0.0, nesterov=True)
    adamlib.Momentum(lr=0.1, momentum=0.0)  # plain SGD written as Momentum: allowed


@pytest.mark.parametrize("make, param", [
    (lambda v: adamlib.Momentum(lr=0.1, nesterov=v), "nesterov"),
    (lambda v: adamlib.Adam(amsgrad=v), "amsgrad"),
    (lambda v: adamlib.Adam(bias_correction=v), "bias_correction"),
])
def test_flags_must_be_booleans(make, param):
    with pytest.raises(ValueError, match=rf"^{param} must be True or False, got 'yes'$"):
        make("yes")


def test_eps_zero_and_weight_decay_zero_are_allowed():
    assert adamlib.Adam(eps=0.0).eps == 0.0
    assert adamlib.AdamW(weight_decay=0.0).weight_decay == 0.0


# Schedules, at the step that gets the bad value -------------------------------------------------


@pytest.mark.parametrize("bad, shown", [(-0.5, "-0.5"), (float("nan"), "nan"),
                                        (float("inf"), "inf"), (None, "None")])
@pytest.mark.parametrize("cls", [adamlib.SGD, adamlib.Adam, adamlib.AdamW], ids=lambda c: c.__name__)
def test_schedule_returning_a_bad_lr_is_refused_naming_t_and_value(cls, bad, shown):
    opt = cls(lr=lambda t: bad if t == 3 else 0.1)
    p, state = np.ones(2), opt.init(np.ones(2))
    for _ in range(2):
        p, state = opt.step(p, np.ones(2), state)
    with pytest.raises(ValueError, match=rf"returned {re.escape(shown)} at step t=3"):
        opt.step(p, np.ones(2), state)


def test_schedule_classes_refuse_bad_arguments():
    with pytest.raises(ValueError, match=r"^lr must .* got -1"):
        adamlib.StepDecay(lr=-1, step_size=2)
    with pytest.raises(ValueError, match=r"^step_size must be an integer >= 1, got 0$"):
        adamlib.StepDecay(lr=0.1, step_size=0)
    with pytest.raises(ValueError, match=r"^gamma must be .*\(0, 1\], got 1\.5$"):
        adamlib.StepDecay(lr=0.1, step_size=2, gamma=1.5)
    with pytest.raises(ValueError, match=r"^total_steps must be an integer >= 1, got 0$"):
        adamlib.CosineDecay(lr=0.1, total_steps=0)
    with pytest.raises(ValueError, match=r"^lr_min must be <= lr=0\.1, got 0\.2$"):
        adamlib.CosineDecay(lr=0.1, total_steps=10, lr_min=0.2)
    with pytest.raises(ValueError, match=r"^warmup_steps must be an integer >= 1, got 0$"):
        adamlib.LinearWarmup(after=0.1, warmup_steps=0)


# Gradients that do not fit the params ---------------------------------------------------------


def adam_step(params, grads):
    opt = adamlib.Adam()
    return opt.step(params, grads, opt.init(params))


def test_grads_with_wrong_shape_are_refused():
    with pytest.raises(ValueError, match=r"grads for params have shape \(3,\), but params have shape \(2,\)"):
        adam_step(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match=r"grads for params have shape \(2, 1\)"):
        adam_step(np.zeros(2), np.zeros((2, 1)))  # would broadcast: must not


def test_dict_grads_with_wrong_shape_name_the_key():
    params = {"W": np.zeros((2, 3)), "b": np.zeros(3)}
    grads = {"W": np.zeros((3, 2)), "b": np.zeros(3)}
    with pytest.raises(ValueError, match=r"grads for params\['W'\] have shape \(3, 2\), but params have shape \(2, 3\)"):
        adam_step(params, grads)


def test_dict_grads_with_missing_or_extra_keys_are_refused():
    params = {"W": np.zeros(2), "b": np.zeros(1)}
    with pytest.raises(ValueError, match=r"missing keys \['b'\]"):
        adam_step(params, {"W": np.zeros(2)})
    with pytest.raises(ValueError, match=r"unexpected keys \['c'\]"):
        adam_step(params, {"W": np.zeros(2), "b": np.zeros(1), "c": np.zeros(1)})


def test_array_and_dict_structures_must_match():
    with pytest.raises(ValueError, match=r"grads must have the structure of params \(a dict\), got ndarray"):
        adam_step({"W": np.zeros(2)}, np.zeros(2))
    with pytest.raises(ValueError, match=r"grads must have the structure of params \(an array\), got dict"):
        adam_step(np.zeros(2), {"W": np.zeros(2)})


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("cls", [adamlib.SGD, adamlib.Momentum, adamlib.AdaGrad, adamlib.RMSprop,
                                 adamlib.Adam, adamlib.AdamW], ids=lambda c: c.__name__)
def test_non_finite_grads_are_refused_naming_the_parameter(cls, bad):
    opt = cls(lr=0.1)
    params = {"W": np.zeros((2, 2)), "b": np.zeros(2)}
    grads = {"W": np.array([[0.0, bad], [0.0, 0.0]]), "b": np.zeros(2)}
    with pytest.raises(ValueError, match=r"grads for params\['W'\] hold 1 NaN or infinite value.*\(0, 1\)"):
        opt.step(params, grads, opt.init(params))
    with pytest.raises(ValueError, match=r"^grads for params hold 1 NaN or infinite"):
        opt.step(np.zeros(3), np.array([0.0, 0.0, bad]), opt.init(np.zeros(3)))


def test_float32_overflow_of_float64_grads_is_refused():
    # 1e300 is finite in float64 but inf once cast to the params' float32
    with np.errstate(over="ignore"), pytest.raises(ValueError, match=r"grads for params hold 1 NaN or infinite"):
        adam_step(np.zeros(2, dtype=np.float32), np.array([1e300, 0.0]))


# Integer params -------------------------------------------------------------------------------


def test_not_float_error_is_both_type_error_and_value_error():
    assert issubclass(adamlib.NotFloatError, TypeError)
    assert issubclass(adamlib.NotFloatError, ValueError)


@pytest.mark.parametrize("cls", [adamlib.SGD, adamlib.Momentum, adamlib.AdaGrad, adamlib.RMSprop,
                                 adamlib.Adam, adamlib.AdamW], ids=lambda c: c.__name__)
def test_integer_params_are_refused_at_init(cls):
    with pytest.raises(adamlib.NotFloatError, match=r"^params has dtype int\d+; .*floating-point"):
        cls(lr=0.1).init(np.array([1, 2, 3]))
    with pytest.raises(adamlib.NotFloatError, match=r"^params\['W'\] has dtype int\d+"):
        cls(lr=0.1).init({"W": np.array([1, 2]), "b": np.zeros(2)})


@pytest.mark.parametrize("cls", [adamlib.SGD, adamlib.Adam], ids=lambda c: c.__name__)
def test_integer_params_are_refused_at_step(cls):
    opt = cls(lr=0.1)
    state = opt.init(np.zeros(3))
    with pytest.raises(adamlib.NotFloatError, match=r"^params has dtype int\d+"):
        opt.step(np.array([1, 2, 3]), np.zeros(3), state)
    with pytest.raises(ValueError, match=r"params has dtype int"):  # caught as a ValueError too
        opt.step(np.array([1, 2, 3]), np.zeros(3), state)
    with pytest.raises(TypeError, match=r"params has dtype int"):   # and as a TypeError
        opt.step(np.array([1, 2, 3]), np.zeros(3), state)


def test_minimize_refuses_integer_x0_and_negative_steps():
    with pytest.raises(adamlib.NotFloatError, match=r"^x0 has dtype int"):
        adamlib.minimize(lambda x: x, np.array([1, 2]), adamlib.SGD(lr=0.1), steps=3)
    with pytest.raises(ValueError, match=r"^steps must be an integer >= 0, got -1$"):
        adamlib.minimize(lambda x: x, np.zeros(2), adamlib.SGD(lr=0.1), steps=-1)


# The state ------------------------------------------------------------------------------------


def test_state_of_another_optimizer_is_refused():
    p = np.zeros(2)
    with pytest.raises(ValueError, match=r"state must be the AdamState that Adam.init made, got SGDState"):
        adamlib.Adam().step(p, np.ones(2), adamlib.SGD(lr=0.1).init(p))
    with pytest.raises(ValueError, match=r"state must be the MomentumState .* got NoneType"):
        adamlib.Momentum(lr=0.1).step(p, np.ones(2), None)
    with pytest.raises(ValueError, match=r"state must be the RMSpropState .* got tuple"):
        adamlib.RMSprop().step(p, np.ones(2), (0, np.zeros(2)))


def test_state_without_v_max_is_refused_by_amsgrad():
    p = np.zeros(2)
    with pytest.raises(ValueError, match=r"state\.v_max is None"):
        adamlib.Adam(amsgrad=True).step(p, np.ones(2), adamlib.Adam().init(p))


def test_state_made_for_other_params_is_refused():
    opt = adamlib.Adam()
    with pytest.raises(ValueError, match=r"state\.m does not match params"):
        opt.step(np.zeros((3, 2)), np.ones((3, 2)), opt.init(np.zeros(2)))  # would broadcast
    with pytest.raises(ValueError, match=r"state\.b does not match params"):
        adamlib.Momentum(lr=0.1).step({"W": np.zeros(2)}, {"W": np.ones(2)},
                                      adamlib.Momentum(lr=0.1).init(np.zeros(2)))


# One mechanism: each hyperparameter declares its check next to its field ------------------------


DECLARED = [adamlib.SGD, adamlib.Momentum, adamlib.AdaGrad, adamlib.RMSprop, adamlib.Adam,
            adamlib.AdamW, adamlib.StepDecay, adamlib.CosineDecay, adamlib.LinearWarmup,
            adamlib.SoftmaxRegression, adamlib.MLP, adamlib.Autoencoder, adamlib.gan.GAN,
            adamlib.online.OnlineLinear, adamlib.online.InverseSqrt]


@pytest.mark.parametrize("cls", DECLARED, ids=lambda c: c.__name__)
def test_every_hyperparameter_declares_its_check_next_to_its_field(cls):
    import dataclasses

    for field in dataclasses.fields(cls):
        assert callable(field.metadata.get("check")), f"{cls.__name__}.{field.name}"


@pytest.mark.parametrize("cls", DECLARED, ids=lambda c: c.__name__)
def test_no_class_repeats_the_checks_in_its_own_post_init(cls):
    # A class's own __post_init__ may only tie fields together; the per-field checks run once,
    # in the shared base, so a class without such a rule defines none.
    own = cls.__dict__.get("__post_init__")
    allowed = {adamlib.CosineDecay, adamlib.online.OnlineLinear}
    assert own is None or cls in allowed, cls.__name__
