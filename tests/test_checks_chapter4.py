"""The exercise check of chapter 4 (ema_estimate) on right, unfinished and wrong answers: it must
say what to fix and never raise."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_ema_estimate


def correct(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        m = beta * m + (1 - beta) * g
        out.append(m)
    return np.array(out)


def stub(gs, beta):
    raise NotImplementedError


def momentum_sum(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        m = beta * m + g
        out.append(m)
    return np.array(out)


def swapped(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        m = (1 - beta) * m + beta * g
        out.append(m)
    return np.array(out)


def bias_corrected(gs, beta):
    m = correct(gs, beta)
    t = np.arange(1, len(gs) + 1).reshape((-1,) + (1,) * (np.ndim(gs) - 1))
    return m / (1 - beta**t)


def starts_at_first_gradient(gs, beta):
    out, m = [gs[0]], gs[0]
    for g in gs[1:]:
        m = beta * m + (1 - beta) * g
        out.append(m)
    return np.array(out)


def one_step_late(gs, beta):
    out, m = [], np.zeros_like(gs[0])
    for g in gs:
        out.append(m)
        m = beta * m + (1 - beta) * g
    return np.array(out)


def includes_m0(gs, beta):
    return np.concatenate([np.zeros_like(gs[:1]), correct(gs, beta)])


def only_last(gs, beta):
    return correct(gs, beta)[-1]


def returns_list(gs, beta):
    return list(correct(gs, beta))


def returns_none(gs, beta):
    correct(gs, beta)


def crashes(gs, beta):
    return gs * undefined_name  # noqa: F821


def mutates_gs(gs, beta):
    for t in range(len(gs)):
        gs[t] = beta * (gs[t - 1] if t else 0) + (1 - beta) * gs[t]
    return gs


def test_correct_function_passes():
    result = check_ema_estimate(correct)
    assert result.passed and result.status == "passed"
    assert "m_0 = 0" in result.message


def test_a_vectorised_answer_with_other_names_passes():
    def closed_form(stream, decay):
        stream = np.asarray(stream, dtype=float)
        t = len(stream)
        age = np.subtract.outer(np.arange(t), np.arange(t))
        weights = np.tril((1 - decay) * decay ** np.clip(age, 0, None))
        return np.tensordot(weights, stream, axes=1)

    assert check_ema_estimate(closed_form).passed


def test_stub_is_not_attempted_yet():
    result = check_ema_estimate(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


def test_momentum_sum_fails_with_input_expected_got_and_hint():
    result = check_ema_estimate(momentum_sum)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("Called with gs=[1., 2., 3., 4.]")
    assert "beta=0.5" in message
    assert "Expected: [0.5   , 1.25  , 2.125 , 3.0625]" in message
    assert "Got:      [1.   , 2.5  , 4.25 , 6.125]" in message
    assert "(1 - beta)*g" in message


@pytest.mark.parametrize("fn, says", [
    (swapped, "swapped"),
    (bias_corrected, "chapter 5"),
    (starts_at_first_gradient, "m_1 = g_1"),
    (one_step_late, "one step behind"),
])
def test_typical_mistakes_get_their_hint(fn, says):
    result = check_ema_estimate(fn)
    assert result.status == "failed"
    assert "Expected:" in result.message and "Got:" in result.message
    assert says in result.message


@pytest.mark.parametrize("fn, says", [
    (includes_m0, "included m_0 = 0"),
    (only_last, "only the last estimate"),
    (returns_list, "return a numpy array"),
    (returns_none, "returned NoneType None"),
])
def test_wrong_type_or_shape_fails_cleanly(fn, says):
    result = check_ema_estimate(fn)
    assert result.status == "failed"
    assert says in result.message
    assert "Called with gs=" in result.message


def test_a_crash_fails_naming_the_error():
    result = check_ema_estimate(crashes)
    assert result.status == "failed"
    assert "raised NameError" in result.message


def test_changing_gs_in_place_fails_and_says_so():
    result = check_ema_estimate(mutates_gs)
    assert result.status == "failed"
    assert "changed its argument 'gs' in place" in result.message


@pytest.mark.parametrize("fn", [correct, stub, momentum_sum, swapped, bias_corrected,
                                starts_at_first_gradient, one_step_late, includes_m0, only_last,
                                returns_list, returns_none, crashes, mutates_gs,
                                lambda: None, lambda *a: "text", lambda *a: [object()],
                                lambda gs, beta: np.array(["a"] * len(gs))])
def test_the_check_never_raises(fn):
    result = check_ema_estimate(fn)
    assert isinstance(result, checks.CheckResult)
    assert repr(result).startswith(("✔", "✘", "…"))


def test_summary_of_chapter_4_reports_the_exercise():
    checks._core._LATEST.clear()
    assert checks.summary(chapter=4).results[0].status == "not attempted yet"
    check_ema_estimate(correct)
    after = checks.summary(chapter=4)
    assert after.passed == 1 and "Exercise 4.1 (ema_estimate): passed" in repr(after)
