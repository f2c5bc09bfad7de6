"""The answers to the exercise check of chapter 7, section 2 (gradient_variance): right, unfinished
and wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps,
and what only this chapter's check shows (its numbers, its other cases)."""

import numpy as np

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

def factor_over_n(G, B):
    n = len(G)
    return np.sum((G - G.mean(axis=0)) ** 2) / n * (n - B) / (B * n)


def standard_deviation(G, B):
    return np.sqrt(correct(G, B))


def loop_over_examples(G, B):
    """Example by example, with np.var's default ddof=0 for sigma^2."""
    n, mean = len(G), G.mean(axis=0)
    total = 0.0
    for row in G:
        total += float((row - mean) @ (row - mean))
    return total / n * (1 - (B - 1) / (n - 1)) / B


def as_zero_dim_array(G, B):
    return np.array(correct(G, B))


def as_numpy_scalar(G, B):
    return np.float64(correct(G, B))


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


def test_batch_of_the_whole_data_has_no_noise():
    def forgets_correction_only_at_n(G, B):
        return 0.0 if B == len(G) else with_replacement(G, B)
    result = check_gradient_variance(forgets_correction_only_at_n)
    assert result.status == "failed" and "WITH replacement" in result.message
