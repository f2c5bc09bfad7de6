"""The exercise check of chapter 7, section 3 (bce_with_logits) on right, unfinished and wrong
answers: it must say what to fix and never raise."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_bce_with_logits
from adamlib.layers import sigmoid


def correct(logits, targets):
    loss = np.mean(np.logaddexp(0.0, logits) - targets * logits)
    return float(loss), (sigmoid(logits) - targets) / logits.size


def stub(logits, targets):
    raise NotImplementedError


def naive_log(logits, targets):
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-logits))
        loss = -np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p))
    return float(loss), (p - targets) / logits.size


def sum_not_mean(logits, targets):
    loss, grad = correct(logits, targets)
    return loss * logits.size, grad


def grad_without_1_over_n(logits, targets):
    loss, grad = correct(logits, targets)
    return loss, grad * logits.size


def grad_sign_flipped(logits, targets):
    loss, grad = correct(logits, targets)
    return loss, -grad


def loss_sign_flipped(logits, targets):
    loss, grad = correct(logits, targets)
    return -loss, grad


def swapped_targets(logits, targets):
    return correct(logits, 1 - targets)


def returns_only_loss(logits, targets):
    return correct(logits, targets)[0]


def loss_as_list(logits, targets):
    loss, grad = correct(logits, targets)
    return [loss], grad


def wrong_shape(logits, targets):
    loss, grad = correct(logits, targets)
    return loss, grad[:1]


def crashes(logits, targets):
    return undefined_name  # noqa: F821


def mutates_logits(logits, targets):
    result = correct(logits, targets)
    logits *= 2
    return result


def test_correct_function_passes():
    result = check_bce_with_logits(correct)
    assert result.passed and "±1000" in result.message


def test_zero_d_array_loss_and_list_result_pass():
    def array_loss(z, t):
        loss, grad = correct(z, t)
        return [np.array(loss), grad]

    assert check_bce_with_logits(array_loss).passed


def test_stub_is_not_attempted_yet():
    result = check_bce_with_logits(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


def test_naive_formula_fails_on_large_logits_with_input_expected_got_and_hint():
    result = check_bce_with_logits(naive_log)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("loss is wrong. Called with logits=[ 1000., -1000.,")
    assert "Expected: 510.0" in message            # (1000 + 1000 + 0 + 40) / 4, up to e^-40
    assert "Got:      inf" in message or "Got:      nan" in message
    assert "np.logaddexp" in message


@pytest.mark.parametrize("fn, part, says", [
    (sum_not_mean, "loss", "the sum over the examples"),
    (loss_sign_flipped, "loss", "the sign is flipped"),
    (swapped_targets, "loss", "swapped t and 1 - t"),
    (grad_without_1_over_n, "grad", "factor 1/n"),
    (grad_sign_flipped, "grad", "predicted minus true"),
])
def test_typical_mistakes_get_their_hint(fn, part, says):
    result = check_bce_with_logits(fn)
    assert result.status == "failed"
    assert result.message.startswith(f"{part} is wrong. Called with logits=[ 0.,  2., -1.]")
    assert "Expected:" in result.message and "Got:" in result.message
    assert says in result.message


@pytest.mark.parametrize("fn, says", [
    (returns_only_loss, "returned float"),
    (loss_as_list, "returned the loss list [1.37"),
    (wrong_shape, "returned shape (1,); expected shape (3,)"),
])
def test_wrong_type_or_shape_fails_cleanly(fn, says):
    result = check_bce_with_logits(fn)
    assert result.status == "failed"
    assert says in result.message
    assert "Called with logits=" in result.message


def test_a_crash_fails_naming_the_error():
    result = check_bce_with_logits(crashes)
    assert result.status == "failed" and "raised NameError" in result.message


def test_changing_the_logits_in_place_fails_and_says_so():
    result = check_bce_with_logits(mutates_logits)
    assert result.status == "failed"
    assert "changed its argument 'logits' in place" in result.message


@pytest.mark.parametrize("fn", [correct, stub, naive_log, sum_not_mean, grad_without_1_over_n,
                                grad_sign_flipped, loss_sign_flipped, swapped_targets,
                                returns_only_loss, loss_as_list, wrong_shape, crashes,
                                mutates_logits, lambda: None, lambda *a: (object(), object()),
                                lambda *a: ("x", np.zeros(3))])
def test_the_check_never_raises(fn):
    result = check_bce_with_logits(fn)
    assert isinstance(result, checks.CheckResult)
    assert repr(result).startswith(("✔", "✘", "…"))


def test_summary_of_section_7_3_reports_the_exercise():
    checks._core._LATEST.clear()
    before = checks.summary(chapter=7, section=3)
    assert [r.exercise for r in before.results] == ["Exercise 7.7 (bce_with_logits)"]
    assert before.results[0].status == "not attempted yet"
    check_bce_with_logits(correct)
    after = checks.summary(chapter=7, section=3)
    assert after.passed == 1 and "Exercise 7.7 (bce_with_logits): passed" in repr(after)
