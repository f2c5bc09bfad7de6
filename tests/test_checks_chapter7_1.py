"""The answers to the exercise check of chapter 7, section 1 (dense_backward): right, unfinished and
wrong answers, which tests/test_checks_contract.py runs through the contract every check keeps, and
what only this chapter's check shows (its numbers, its other cases)."""

import numpy as np

from adamlib.checks import check_dense_backward


def correct(x, W, da):
    return da @ W.T, x.T @ da, da.sum(axis=0)


def stub(x, W, da):
    raise NotImplementedError


def no_transpose_dx(x, W, da):
    return da @ W, x.T @ da, da.sum(axis=0)


def transposed_dW(x, W, da):
    return da @ W.T, da.T @ x, da.sum(axis=0)


def db_wrong_axis(x, W, da):
    return da @ W.T, x.T @ da, da.sum(axis=1)


def db_mean(x, W, da):
    return da @ W.T, x.T @ da, da.mean(axis=0)


def divides_by_n(x, W, da):
    return da @ W.T, x.T @ da / len(x), da.sum(axis=0)


def wrong_order(x, W, da):
    return x.T @ da, da @ W.T, da.sum(axis=0)


def returns_two(x, W, da):
    return da @ W.T, x.T @ da


def returns_none(x, W, da):
    da @ W.T


def crashes(x, W, da):
    return undefined_name  # noqa: F821


def mutates_da(x, W, da):
    da *= 1.0
    da[0] = 0.0
    return da @ W.T, x.T @ da, da.sum(axis=0)

def renamed(inputs, weights, upstream):
    """Other names, and a list for the triple."""
    return [upstream @ weights.T, inputs.T @ upstream, upstream.sum(axis=0)]


def loop_over_examples(x, W, da):
    """Example by example, each a rank-one update, with einsum for dx."""
    dW, db = np.zeros_like(W), np.zeros(W.shape[1])
    for xi, dai in zip(x, da):
        dW += np.outer(xi, dai)
        db += dai
    return np.einsum("nj,ij->ni", da, W), dW, db


def dx_transposed(x, W, da):
    return W @ da.T, x.T @ da, da.sum(axis=0)


def dx_divided_by_n(x, W, da):
    return da @ W.T / len(x), x.T @ da, da.sum(axis=0)


def signs_flipped(x, W, da):
    return -(da @ W.T), -(x.T @ da), -da.sum(axis=0)


def db_not_summed(x, W, da):
    return da @ W.T, x.T @ da, da


def db_sum_of_all(x, W, da):
    return da @ W.T, x.T @ da, da.sum()


def db_as_list(x, W, da):
    return da @ W.T, x.T @ da, da.sum(axis=0).tolist()


def db_too_short(x, W, da):
    return da @ W.T, x.T @ da, da.sum(axis=0)[:1]


def test_transposed_dW_fails_with_input_expected_got_and_hint():
    result = check_dense_backward(transposed_dW)
    assert result.status == "failed"
    message = result.message
    assert message.startswith("dW is wrong. Called with x=[[")
    assert "W=[[" in message and "da=[[" in message
    assert "expected shape (3, 2)" in message
    assert "Expected: [[" in message and "Got:      [[" in message
    assert "dW transposed" in message
