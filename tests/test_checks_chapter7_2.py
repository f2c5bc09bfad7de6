"""The exercise check of chapter 7, section 2 (gradient_variance) on right, unfinished and wrong
answers: it must say what to fix and never raise."""

import numpy as np
import pytest

from adamlib import checks
from adamlib.checks import check_gradient_variance


def correct(G, B):
    n = len(G)
    return np.sum((G - G.mean(axis=0)) ** 2) / n * (n - B) / (B * (n - 1))


def stub(G, B):
    raise NotImplementedError


def with_replacement(G, B):
    return np.sum((G - G.mean(axis=0)) ** 2) / len(G) / B


def ddof_one(G, B):
    n = len(G)
    return np.sum(np.var(G, axis=0, ddof=1)) * (n - B) / (B * (n - 1))


def no_division_by_B(G, B):
    n = len(G)
    return np.sum((G - G.mean(axis=0)) ** 2) / n * (n - B) / (n - 1)


def not_centred(G, B):
    n = len(G)
    return np.sum(G ** 2) / n * (n - B) / (B * (n - 1))


def per_coordinate_mean(G, B):
    n = len(G)
    return np.mean((G - G.mean(axis=0)) ** 2) * (n - B) / (B * (n - 1))


def per_coordinate_array(G, B):
    n = len(G)
    return np.var(G, axis=0) * (n - B) / (B * (n - 1))


def returns_none(G, B):
    correct(G, B)


def crashes(G, B):
    return undefined_name  # noqa: F821


def mutates(G, B):
    G -= G.mean(axis=0)
    return np.sum(G ** 2) / len(G) * (len(G) - B) / (B * (len(G) - 1))


def test_correct_function_passes():
    result = check_gradient_variance(correct)
    assert result.passed and result.status == "passed"
    assert "(n - B) / (B (n - 1))" in result.message


def test_numpy_scalar_and_zero_dim_array_pass():
    assert check_gradient_variance(lambda G, B: np.array(correct(G, B))).passed
    assert check_gradient_variance(lambda G, B: np.float64(correct(G, B))).passed


def test_stub_is_not_attempted_yet():
    result = check_gradient_variance(stub)
    assert result.status == "not attempted yet"
    assert "NotImplementedError" in result.message


def test_with_replacement_fails_with_input_expected_got_and_hint():
    result = check_gradient_variance(with_replacement)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("Called with per_example_grads=[[ 1.,  0.],")
    assert "batch_size=2" in message
    # Deviations from the mean [0.5, 0] have squared norms 0.25, 4.25, 3.25, 11.25: sigma^2 = 4.75;
    # with replacement 4.75 / 2 = 2.375; without, times (4 - 2)/(4 - 1): 1.58333...
    assert "Expected: 1.583333333" in message and "Got:      2.375" in message
    assert "WITH replacement" in message and "(n - B)/(n - 1)" in message


@pytest.mark.parametrize("fn, says", [
    (ddof_one, "ddof=1"),
    (no_division_by_B, "divide by B"),
    (not_centred, "subtract the mean gradient"),
    (per_coordinate_mean, "averaged over the coordinates"),
])
def test_typical_mistakes_get_their_hint(fn, says):
    result = check_gradient_variance(fn)
    assert result.status == "failed"
    assert "Expected:" in result.message and "Got:" in result.message
    assert says in result.message


@pytest.mark.parametrize("fn, says", [
    (per_coordinate_array, "returned ndarray of shape (2,)"),
    (returns_none, "returned NoneType None"),
    (lambda G, B: "2.5", "returned str '2.5'"),
    (lambda G, B: True, "returned bool True"),
])
def test_wrong_type_or_shape_fails_cleanly(fn, says):
    result = check_gradient_variance(fn)
    assert result.status == "failed"
    assert says in result.message
    assert "expected one number, 1.58333" in result.message


def test_a_crash_fails_naming_the_error():
    result = check_gradient_variance(crashes)
    assert result.status == "failed"
    assert "raised NameError" in result.message


def test_changing_the_gradients_in_place_fails_and_says_so():
    result = check_gradient_variance(mutates)
    assert result.status == "failed"
    assert "changed its argument 'per_example_grads' in place" in result.message


def test_batch_of_the_whole_data_has_no_noise():
    def forgets_correction_only_at_n(G, B):
        return 0.0 if B == len(G) else with_replacement(G, B)
    result = check_gradient_variance(forgets_correction_only_at_n)
    assert result.status == "failed" and "WITH replacement" in result.message


@pytest.mark.parametrize("fn", [correct, stub, with_replacement, ddof_one, no_division_by_B,
                                not_centred, per_coordinate_mean, per_coordinate_array,
                                returns_none, crashes, mutates, lambda: None,
                                lambda G, B: float("nan"), lambda G, B: object()])
def test_the_check_never_raises(fn):
    result = check_gradient_variance(fn)
    assert isinstance(result, checks.CheckResult)
    assert repr(result).startswith(("✔", "✘", "…"))


def test_summary_of_section_7_2_reports_the_exercise():
    checks._core._LATEST.clear()
    before = checks.summary(chapter=7, section=2)
    assert [r.exercise for r in before.results] == ["Exercise 7.4 (gradient_variance)"]
    assert before.results[0].status == "not attempted yet"
    check_gradient_variance(correct)
    after = checks.summary(chapter=7, section=2)
    assert after.passed == 1 and "Exercise 7.4 (gradient_variance): passed" in repr(after)
    assert after.chapter == "7.2"
