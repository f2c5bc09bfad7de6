"""The contract every exercise check keeps, run over one table of all the checks (as optax's
alias_test runs one body over every optimizer): a correct answer passes, whatever its
arguments are called; the stub of the student edition is "not attempted yet"; each typical
mistake fails with the expected and the returned values and the hint that names it; a wrong
type or shape, a crash or an argument changed in place fails with a clear message; nothing a
student writes makes a check raise; and the chapter's summary counts the check.

The answers live beside each chapter's own tests (tests/test_checks_chapter*.py), which pin
what only that check does (its exact numbers, its other cases).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pytest

import test_checks_chapter1 as ch1
import test_checks_chapter2 as ch2
import test_checks_chapter3 as ch3
import test_checks_chapter4 as ch4
import test_checks_chapter5 as ch5
import test_checks_chapter6 as ch6
import test_checks_chapter7_1 as ch7_1
import test_checks_chapter7_2 as ch7_2
import test_checks_chapter7_3 as ch7_3
import test_checks_chapter8 as ch8
from adamlib import checks
from adamlib.layers import dense_backward


def wrong(fn, *says: str, starts: str = "") -> tuple:
    """An answer that must fail: the texts its message must hold, and how it must start."""
    return fn, says, starts


@dataclass
class Exercise:
    check: Callable
    title: str                 # "Exercise 6.1 (adam_step)"
    chapter: int
    section: int | None
    correct: list              # answers that pass
    passes_with: str           # what the message of a pass states
    stub: Callable
    mistakes: list             # wrong(...): typical mistakes, each named by its hint
    broken: list               # wrong(...): a wrong type or shape, a crash, a change in place
    odd: list = field(default_factory=list)  # anything else a student might return


def _cosine_stub(t, lr_max, lr_min, total_steps):
    raise NotImplementedError


TABLE = [
    Exercise(
        checks.check_sgd_step, "Exercise 1.1 (sgd_step)", 1, None,
        [ch1.correct, ch1.renamed, ch1.loop], "x - lr * g", ch1.stub,
        [wrong(ch1.uphill, "uphill"), wrong(ch1.ignores_lr, "ignores lr"),
         wrong(ch1.returns_the_step, "returned the step itself"),
         wrong(ch1.divides_by_lr, "divided the gradient by lr"),
         wrong(ch1.steps_along_x, "along x, not along the gradient"),
         wrong(ch1.unchanged, "returned x unchanged")],
        [wrong(ch1.returns_a_list, "returned a list", "Called with x="),
         wrong(ch1.returns_none, "returned NoneType None", "Called with x="),
         wrong(ch1.returns_wrong_shape, "returned shape (1,); expected shape (2,)", "Called with x="),
         wrong(ch1.returns_strings, "returned an array of dtype <U", "Called with x="),
         wrong(ch1.divides_by_zero, "raised ZeroDivisionError: division by zero", "Called with x="),
         # returns the right numbers: only the in-place change is wrong, and the hint names it
         wrong(ch1.mutates_x, "changed its argument 'x' in place", "x -= ")],
        [lambda: None, lambda *a, **k: object()]),
    Exercise(
        checks.check_gd_trajectory, "Exercise 1.4 (gd_trajectory)", 1, None,
        [ch1.trajectory, ch1.trajectory_preallocated, ch1.trajectory_with_adamlib],
        "x0 first", ch1.trajectory_stub,
        [wrong(ch1.trajectory_without_x0, "row 0 must be the start x0", "Called with grad="),
         wrong(ch1.trajectory_one_step_short, "one step too few"),
         wrong(ch1.trajectory_only_last, "only the last point"),
         wrong(ch1.trajectory_same_array, "every row is the last point", "Called with grad="),
         wrong(ch1.trajectory_gradient_at_x0, "the gradient at x0 at every step"),
         wrong(ch1.trajectory_uphill, "uphill"), wrong(ch1.trajectory_ignores_lr, "ignore lr")],
        [wrong(ch1.trajectory_as_list, "you returned a list; return a numpy array"),
         wrong(ch1.trajectory_changes_x0, "changed its argument 'x0' in place"),
         wrong(ch1.trajectory_crashes, "raised NameError: name 'gard'", "Called with grad=")],
        [lambda: None, lambda *a: [[1.0, 2.0]], lambda *a: "x"]),
    Exercise(
        checks.check_momentum_step, "Exercise 2.1 (momentum_step)", 2, None,
        [ch2.correct, ch2.renamed, ch2.unrolled], "b = mu*b + g", ch2.stub,
        [wrong(ch2.old_b, "old b"), wrong(ch2.forgets_lr, "ignores lr"),
         wrong(ch2.ema_convention, "(1 - mu)*g"), wrong(ch2.uphill, "uphill"),
         wrong(ch2.swapped, "order (new_p, new_b)"), wrong(ch2.no_decay, "not decayed"),
         wrong(ch2.mu_on_the_sum, "mu multiplies the new gradient too"),
         wrong(ch2.plain_step, "plain gradient step"),
         wrong(ch2.nesterov_instead, "Nesterov's step")],
        [wrong(ch2.returns_only_p, "returned ndarray", "Called with p="),
         wrong(ch2.returns_none, "returned NoneType None", "Called with p="),
         wrong(ch2.wrong_shape, "returned shape (1,); expected shape (2,)", "Called with p="),
         wrong(ch2.crashes, "raised NameError"),
         wrong(ch2.mutates_b, "changed its argument 'b' in place")],
        [lambda: None, lambda *a: (object(), object())]),
    Exercise(
        checks.check_nesterov_step, "Exercise 2.4 (nesterov_step)", 2, None,
        [ch2.nesterov, ch2.nesterov_expanded], "p - lr*(g + mu*b)", ch2.nesterov_stub,
        [wrong(ch2.nesterov_heavy_ball, "the heavy ball's step", "new_p is wrong. Called with p="),
         wrong(ch2.nesterov_without_g, "lacks the gradient g"),
         wrong(ch2.nesterov_mu_on_g, "mu multiplies the buffer in the step"),
         wrong(ch2.nesterov_uphill, "uphill"), wrong(ch2.nesterov_ignores_lr, "ignores lr"),
         wrong(ch2.nesterov_average, "average convention", "new_p is wrong."),
         wrong(ch2.nesterov_swapped, "order (new_p, new_b)")],
        [wrong(ch2.nesterov_in_place, "changed its argument 'b' in place"),
         wrong(ch2.nesterov_list, "new_p is wrong.", "you returned a list; return a numpy array"),
         wrong(ch2.nesterov_crashes, "raised ValueError", "The arrays there: p (2,), b (2,)"),
         wrong(lambda *a: None, "expected a pair (new_p, new_b)")],
        [lambda: None, lambda *a: ("a", "b")]),
    Exercise(
        checks.check_rmsprop_step, "Exercise 3.1 (rmsprop_step)", 3, None,
        [ch3.correct, ch3.correct_with_other_names, ch3.with_adamlib, ch3.coordinate_loop],
        "sqrt(new_v) + eps", ch3.stub,
        [wrong(fn, "Called with p=", "alpha=", "eps=", hint,
               starts=f"{which} is wrong. Called with p=")
         for fn, which, hint in [
             (ch3.sqrt_forgotten, "new_p", "the square root is missing"),
             (ch3.eps_inside_sqrt, "new_p", "eps is inside the square root"),
             (ch3.no_eps, "new_p", "eps is missing"),
             (ch3.weights_swapped, "new_v", "(1 - alpha) is on the wrong term"),
             (ch3.uses_old_v, "new_p", "you divided by the old v"),
             (ch3.g_not_squared, "new_v", "square the gradient"),
             (ch3.uphill, "new_p", "uphill"),
             (ch3.ignores_lr, "new_p", "ignores lr"),
             (ch3.returns_old_v, "new_v", "you returned the old v"),
             (ch3.no_one_minus_alpha, "new_v", "weighted by (1 - alpha)"),
             (ch3.sums_like_adagrad, "new_v", "AdaGrad's sum"),
             (ch3.v_and_g_swapped, "new_v", "the arguments come in the order (p, v, g,")]],
        [wrong(ch3.returns_p_only, "returned ndarray"),
         wrong(ch3.returns_a_triple, "returned tuple of length 3"),
         wrong(ch3.returns_v_first, "order (new_v, new_p)", "(new_p, new_v)"),
         wrong(ch3.returns_lists, "list", "numpy array"),
         wrong(ch3.returns_wrong_shape, "returned shape (1,); expected shape (2,)"),
         wrong(lambda *args: None, "returned NoneType None"),
         wrong(ch3.crashes, "raised ValueError", "Called with p="),
         wrong(ch3.mutates_v, "changed its argument 'v' in place")],
        [lambda: None, lambda *a: ("a", "b"), lambda *a: (np.array(["x", "y"]), 1)]),
    Exercise(
        checks.check_adagrad_path, "Exercise 3.4 (adagrad_path)", 3, None,
        [ch3.adagrad_correct, ch3.adagrad_with_adamlib, ch3.adagrad_preallocated],
        "match adamlib.AdaGrad", ch3.adagrad_stub,
        [wrong(fn, "Called with grad=", "steps=", hint) for fn, hint in [
            (ch3.adagrad_mean, "you averaged the squares"),
            (ch3.adagrad_no_sqrt, "the square root is missing"),
            (ch3.adagrad_eps_inside, "eps is inside the square root"),
            (ch3.adagrad_no_eps, "eps is missing"),
            (ch3.adagrad_old_s, "before adding the new g**2"),
            (ch3.adagrad_reset, "the sum starts again at every step"),
            (ch3.adagrad_abs, "not |g|"),
            (ch3.adagrad_uphill, "uphill"),
            (ch3.adagrad_ignores_lr, "ignores lr"),
            (ch3.adagrad_grad_at_x0, "gradient at x0 at every step"),
            (ch3.adagrad_one_late, "row 3 (the parameters after step 3) is the first")]],
        [wrong(ch3.adagrad_without_start, "row 0 of the path is x0", "Called with grad="),
         wrong(ch3.adagrad_as_list, "list", "numpy array"),
         wrong(lambda *args: None, "returned NoneType None"),
         wrong(ch3.adagrad_crashes, "raised TypeError", "Called with grad="),
         wrong(ch3.adagrad_mutates_x0, "changed its argument 'x0' in place")],
        [lambda: None, lambda *a: "path", lambda *a: np.array(["a"]),
         lambda grad, x0, lr, eps, steps: np.full((steps + 1, *x0.shape), np.nan)]),
    Exercise(
        checks.check_ema_estimate, "Exercise 4.1 (ema_estimate)", 4, None,
        [ch4.correct, ch4.closed_form], "m_0 = 0", ch4.stub,
        [wrong(ch4.momentum_sum, "(1 - beta)*g"), wrong(ch4.swapped, "swapped"),
         wrong(ch4.bias_corrected, "chapter 5"),
         wrong(ch4.starts_at_first_gradient, "m_1 = g_1"),
         wrong(ch4.one_step_late, "one step behind"),
         wrong(ch4.second_moment, "the second moment v"),
         wrong(ch4.running_mean, "plain running mean"),
         wrong(ch4.same_array_stored, "every row holds the last estimate")],
        [wrong(ch4.includes_m0, "included m_0 = 0", "Called with gs="),
         wrong(ch4.only_last, "only the last estimate", "Called with gs="),
         wrong(ch4.returns_list, "return a numpy array", "Called with gs="),
         wrong(ch4.returns_none, "returned NoneType None", "Called with gs="),
         wrong(ch4.crashes, "raised NameError"),
         wrong(ch4.mutates_gs, "changed its argument 'gs' in place")],
        [lambda: None, lambda *a: "text", lambda *a: [object()],
         lambda gs, beta: np.array(["a"] * len(gs))]),
    Exercise(
        checks.check_snr_trace, "Exercise 4.4 (snr_trace)", 4, None,
        [ch4.snr_correct, ch4.snr_with_adamlib, ch4.snr_closed_form], "m_t / sqrt(v_t)",
        ch4.snr_stub,
        [wrong(fn, "Called with gs=", "beta2=", hint) for fn, hint in [
            (ch4.snr_same_beta, "its own decay rate"),
            (ch4.snr_swapped, "beta1 and beta2 are swapped"),
            (ch4.snr_abs, "not |g|"),
            (ch4.snr_no_sqrt, "the square root is missing"),
            (ch4.snr_centred, "uncentered second moment"),
            (ch4.snr_bias_corrected, "chapter 5"),
            (ch4.snr_momentum_sum, "Momentum's sum"),
            (ch4.snr_square_of_mean, "you squared the average of g"),
            (ch4.snr_rmsprop_step, "RMSprop's scaled gradient"),
            (ch4.snr_eps_outside, "leave eps out"), (ch4.snr_eps_inside, "leave eps out")]],
        [wrong(ch4.snr_only_last, "only the last ratio", "Called with gs="),
         wrong(ch4.snr_as_list, "list", "numpy array"),
         wrong(lambda *args: None, "returned NoneType None"),
         wrong(ch4.snr_crashes, "raised TypeError", "Called with gs="),
         wrong(ch4.snr_mutates_gs, "changed its argument 'gs' in place")],
        [lambda: None, lambda *a: "text", lambda gs, b1, b2: np.array(["a"] * len(gs)),
         lambda gs, b1, b2: np.zeros((len(gs) + 1,) + gs.shape[1:])]),
    Exercise(
        checks.check_bias_corrected, "Exercise 5.1 (bias_corrected)", 5, None,
        [ch5.correct, ch5.renamed, ch5.loop_of_weights], "avg / (1 - beta**t)", ch5.stub,
        [wrong(ch5.off_by_one, "1 - beta**(t+1)"), wrong(ch5.multiplies, "you multiplied"),
         wrong(ch5.no_power, "depends on t"), wrong(ch5.power_outside, "(1 - beta)**t"),
         wrong(ch5.square_root, "no square root"), wrong(ch5.unchanged, "avg unchanged"),
         wrong(ch5.t_minus_one, "beta**(t - 1)"), wrong(ch5.by_beta_t, "not by beta**t")],
        [wrong(ch5.returns_float, "returned float", "Called with avg="),
         wrong(ch5.returns_none, "returned NoneType None", "Called with avg="),
         wrong(ch5.wrong_shape, "returned shape (1,); expected shape (2,)", "Called with avg="),
         wrong(ch5.crashes, "raised NameError"),
         wrong(ch5.in_place, "changed its argument 'avg' in place"),
         wrong(ch5.returns_list, "returned a list", "Called with avg="),
         wrong(ch5.arguments_swapped, "another order", "Called with avg=")],
        [lambda: None, lambda *a: object()]),
    Exercise(
        checks.check_corrected_estimates, "Exercise 5.4 (corrected_estimates)", 5, None,
        [ch5.estimates_loop, ch5.estimates_by_weights, ch5.estimates_running,
         ch5.estimates_with_adamlib], "m_hat_t = m_t / (1 - beta**t)", ch5.estimates_stub,
        [wrong(fn, "Called with gs=", says) for fn, says in [
            (ch5.estimates_raw, "raw averages"),
            (ch5.estimates_t_from_zero, "t counts from 1"),
            (ch5.estimates_t_plus_one, "not 1 - beta**(t+1)"),
            (ch5.estimates_fed_back, "kept the corrected estimate"),
            (ch5.estimates_momentum_sum, "Momentum's sum"),
            (ch5.estimates_swapped, "swapped"),
            (ch5.estimates_start_at_g1, "m_1 = g_1"),
            (ch5.estimates_running_mean, "running mean"),
            (ch5.estimates_power_outside, "(1 - beta)**t"),
            (ch5.estimates_last_t, "its own t"),
            (ch5.estimates_one_behind, "one step behind")]],
        [wrong(ch5.estimates_with_m0, "without the zero start m_0", "Called with gs="),
         wrong(ch5.estimates_only_last, "expected a numpy array", "Called with gs="),
         wrong(ch5.estimates_list, "returned a list", "Called with gs="),
         wrong(ch5.estimates_crash, "raised NameError"),
         wrong(ch5.estimates_in_place, "changed its argument 'gs' in place")],
        [lambda: None, lambda *a: "text", lambda gs, beta: np.array(["a"] * len(gs))]),
    Exercise(
        checks.check_adam_step, "Exercise 6.1 (adam_step)", 6, None,
        [ch6.correct, ch6.with_adamlib, ch6.efficient_form, ch6.coordinate_loop],
        "sqrt(v_hat) + eps", ch6.stub,
        [wrong(fn, "Called with p=", "beta2=", "t=", f"Hint: ({which},", hint)
         for fn, which, hint in [
             (ch6.no_bias_correction, "new_p", "no bias correction"),
             (ch6.only_m_corrected, "new_p", "only m is corrected"),
             (ch6.only_v_corrected, "new_p", "only v is corrected"),
             (ch6.eps_inside_sqrt, "new_p", "eps is inside the square root"),
             (ch6.no_eps, "new_p", "eps is missing"),
             (ch6.efficient_same_eps, "new_p", "efficient form"),
             (ch6.t_from_zero, "new_p", "not beta**(t - 1)"),
             (ch6.t_plus_one, "new_p", "not beta**(t + 1)"),
             (ch6.old_moments, "new_p", "you used the old m and v"),
             (ch6.beta_to_the_t, "new_p", "you corrected with beta**t"),
             (ch6.uphill, "new_p", "uphill"),
             (ch6.ignores_lr, "new_p", "ignores lr"),
             (ch6.no_square_root, "new_p", "square root is missing"),
             (ch6.returns_corrected, "new_m", "you returned the bias-corrected m"),
             (ch6.returns_old_moments, "new_m", "you returned the old m and v"),
             (ch6.weights_swapped_m, "new_m", "is on the wrong term"),
             (ch6.momentum_sum, "new_m", "Momentum's sum"),
             (ch6.swapped_betas, "new_m", "beta1 and beta2 are swapped"),
             (ch6.old_argument_order, "new_m", "order (p, m, v, g, ...)"),
             (ch6.g_not_squared, "new_v", "square the gradient")]],
        [wrong(ch6.returns_pair, "returned tuple of length 2"),
         wrong(ch6.returns_wrong_shape, "returned shape (1,); expected shape (2,)"),
         wrong(ch6.returns_lists, "returned a list"),
         wrong(lambda *args: None, "returned NoneType None"),
         wrong(lambda *args: (np.array(["a", "b"]),) * 3, "dtype <U1"),
         wrong(ch6.crashes, "raised ValueError", "Called with p="),
         wrong(ch6.mutates_m, "changed its argument 'm' in place")],
        [lambda: None, lambda *a: ("a", "b", "c"), lambda *a: (np.array(["x", "y"]), 1, 2)]),
    Exercise(
        checks.check_adam_path, "Exercise 6.4 (adam_path)", 6, None,
        [ch6.path_with_adamlib, ch6.path_loop, ch6.path_efficient], "t counts from 1",
        ch6.path_stub,
        [wrong(fn, "Called with grad=grad_of(", "steps=", hint) for fn, hint in [
            (ch6.path_t_stays_one, "t stays 1"),
            (ch6.path_t_from_zero, "with t = 0 it divides by zero"),
            (ch6.path_t_plus_one, "t is one ahead"),
            (ch6.path_reset, "you reset them at every step"),
            (ch6.path_fed_back, "carried the corrected averages"),
            (ch6.path_efficient_same_eps, "eps_hat = eps"),
            (ch6.path_no_correction, "no bias correction"),
            (ch6.path_gradient_at_x0, "every gradient at x0"),
            (ch6.path_eps_inside, "eps is inside the square root"),
            (ch6.path_uphill, "uphill"),
            (ch6.path_ignores_lr, "ignore lr"),
            (ch6.path_swapped_betas, "beta1 and beta2 are swapped")]],
        [wrong(ch6.path_without_x0, "without x0", "Called with grad="),
         wrong(ch6.path_last_point, "the last point only", "Called with grad="),
         wrong(ch6.path_list, "returned a list", "Called with grad="),
         wrong(ch6.path_crash, "raised TypeError", "Called with grad="),
         wrong(ch6.path_in_place, "changed its argument 'x0' in place")],
        [lambda: None, lambda *a: "path", lambda *a: np.array(["a", "b"])]),
    Exercise(
        checks.check_dense_backward, "Exercise 7.1 (dense_backward)", 7, 1,
        [ch7_1.correct, ch7_1.renamed, dense_backward, ch7_1.loop_over_examples], "dW = x.T @ da",
        ch7_1.stub,
        [wrong(ch7_1.transposed_dW, "dW transposed", starts="dW is wrong. Called with x=[["),
         wrong(ch7_1.db_wrong_axis, "wrong axis"), wrong(ch7_1.db_mean, "do not average"),
         wrong(ch7_1.divides_by_n, "do not divide by n", starts="dW is wrong."),
         wrong(ch7_1.dx_divided_by_n, "do not divide by n", starts="dx is wrong."),
         wrong(ch7_1.signs_flipped, "the sign is flipped", starts="dx is wrong."),
         wrong(ch7_1.db_not_summed, "one entry per output unit", starts="db is wrong.")],
        [wrong(ch7_1.returns_two, "tuple of length 2; expected a triple (dx, dW, db)"),
         wrong(ch7_1.returns_none, "returned NoneType None"),
         wrong(ch7_1.db_too_short, "returned shape (1,); expected shape (2,)",
               starts="db is wrong."),
         wrong(ch7_1.no_transpose_dx, "raised ValueError", "missing transpose"),
         wrong(ch7_1.dx_transposed, "dx transposed", starts="dx is wrong."),
         wrong(ch7_1.db_as_list, "returned a list", starts="db is wrong."),
         wrong(ch7_1.db_sum_of_all, "wrong axis", starts="db is wrong."),
         wrong(ch7_1.wrong_order, "right arrays in the order (dW, dx, db)", "(dx, dW, db)"),
         wrong(ch7_1.crashes, "raised NameError"),
         wrong(ch7_1.mutates_da, "changed its argument 'da' in place")],
        [lambda: None, lambda *a: (object(), object(), object()), lambda *a: ("a", "b", "c"),
         lambda *a: (1.0, 2.0, 3.0)]),
    Exercise(
        checks.check_gradient_variance, "Exercise 7.4 (gradient_variance)", 7, 2,
        [ch7_2.correct, ch7_2.as_zero_dim_array, ch7_2.as_numpy_scalar, ch7_2.loop_over_examples],
        "(n - B) / (B (n - 1))", ch7_2.stub,
        [wrong(ch7_2.with_replacement, "WITH replacement"), wrong(ch7_2.ddof_one, "ddof=1"),
         wrong(ch7_2.no_division_by_B, "divide by B"),
         wrong(ch7_2.not_centred, "subtract the mean gradient"),
         wrong(ch7_2.per_coordinate_mean, "averaged over the coordinates"),
         wrong(ch7_2.factor_over_n, "divides by n - 1, not n"),
         wrong(ch7_2.standard_deviation, "standard deviation")],
        [wrong(fn, says, "expected one number, 1.58333") for fn, says in [
            (ch7_2.per_coordinate_array, "returned ndarray of shape (2,)"),
            (ch7_2.returns_none, "returned NoneType None"),
            (lambda G, B: "2.5", "returned str '2.5'"),
            (lambda G, B: True, "returned bool True")]]
        + [wrong(ch7_2.crashes, "raised NameError"),
           wrong(ch7_2.mutates, "changed its argument 'per_example_grads' in place")],
        [lambda: None, lambda G, B: float("nan"), lambda G, B: object()]),
    Exercise(
        checks.check_bce_with_logits, "Exercise 7.7 (bce_with_logits)", 7, 3,
        [ch7_3.correct, ch7_3.array_loss, ch7_3.stable_by_cases], "±1000", ch7_3.stub,
        [wrong(ch7_3.naive_log, "np.logaddexp", starts="loss is wrong. Called with logits=[ 1000., -1000.,")]
        + [wrong(fn, says, starts=f"{part} is wrong. Called with logits=[ 0.,  2., -1.]")
           for fn, part, says in [
               (ch7_3.sum_not_mean, "loss", "the sum over the examples"),
               (ch7_3.loss_sign_flipped, "loss", "the sign is flipped"),
               (ch7_3.swapped_targets, "loss", "swapped t and 1 - t"),
               (ch7_3.grad_without_1_over_n, "grad", "factor 1/n"),
               (ch7_3.grad_sign_flipped, "grad", "predicted minus true"),
               (ch7_3.grad_missing_target, "grad", "the target is missing")]],
        [wrong(ch7_3.returns_only_loss, "returned float", "Called with logits="),
         wrong(ch7_3.loss_as_list, "returned the loss list [1.37", "Called with logits="),
         wrong(ch7_3.wrong_shape, "returned shape (1,); expected shape (3,)", "Called with logits="),
         wrong(ch7_3.crashes, "raised NameError"),
         wrong(ch7_3.mutates_logits, "changed its argument 'logits' in place")],
        [lambda: None, lambda *a: (object(), object()), lambda *a: ("x", np.zeros(3))]),
    Exercise(
        checks.check_adamw_step, "Exercise 8.1 (adamw_step)", 8, 1,
        [ch8.correct, ch8.loop, ch8.efficient_form], "torch.optim.AdamW's step", ch8.stub,
        [wrong(ch8.l2_inside, "Adam with L2", starts="new_p is wrong. Called with p=[ 1. , -2. ,  0.5]"),
         wrong(ch8.decay_without_lr, "ignores lr"), wrong(ch8.no_bias_correction, "bias correction"),
         wrong(ch8.decay_after, "decayed after"), wrong(ch8.no_decay, "no weight decay"),
         wrong(ch8.eps_inside_sqrt, "eps is inside the square root", starts="new_p is wrong."),
         wrong(ch8.no_eps, "no eps", starts="new_p is wrong."),
         wrong(ch8.efficient_form_same_eps, "efficient form", "eps * sqrt(1 - beta2**t)"),
         wrong(ch8.t_plus_one, "not beta**(t + 1)"), wrong(ch8.t_minus_one, "not beta**(t - 1)"),
         wrong(ch8.old_moments, "old m and v"), wrong(ch8.lr_not_in_step, "ignores lr"),
         wrong(ch8.uphill, "uphill"),
         wrong(ch8.betas_swapped, "beta1 and beta2 are swapped", starts="new_m is wrong."),
         wrong(ch8.missing_one_minus_beta, "(1 - beta1) on the new term is missing",
               starts="new_m is wrong."),
         wrong(ch8.g_not_squared, "square the gradient", starts="new_v is wrong."),
         wrong(ch8.moments_of_l2_gradient, "not g + wd*p", starts="new_m is wrong.")],
        [wrong(ch8.only_p, "expected a triple (new_p, new_m, new_v)"),
         wrong(ch8.returns_a_list, "returned a list", starts="new_p is wrong. Called with p="),
         wrong(ch8.chapter6_order, "(p, g, m, v, t, lr, weight_decay)", starts="new_p is wrong."),
         wrong(ch8.crashes, "raised NameError"),
         wrong(ch8.mutates_p, "changed its argument 'p' in place")],
        [lambda: None]),
    Exercise(
        checks.check_cosine_lr, "Exercise 8.3 (cosine_lr)", 8, 2,
        [ch8.cosine, ch8.cosine_with_numpy], "match CosineDecay", _cosine_stub,
        [wrong(fn, "Called with t=", says) for fn, says in [
            (lambda t, a, b, T: b + 0.5 * (a - b) * (1 + math.cos(math.pi * min(t, T) / T)), "off by one"),
            (lambda t, a, b, T: b + (a - b) * (1 + math.cos(math.pi * min(t - 1, T) / T)), "1/2"),
            (lambda t, a, b, T: 0.5 * a * (1 + math.cos(math.pi * min(t - 1, T) / T)), "lr_min is ignored"),
            (lambda t, a, b, T: b + 0.5 * (a - b) * (1 + math.cos(math.pi * (t - 1) / T)), "stay at lr_min"),
            (lambda t, a, b, T: b + 0.5 * (a - b) * (1 + math.cos(min(t - 1, T) / T)), "from 0 to pi"),
            (lambda t, a, b, T: a + 0.5 * (b - a) * (1 + math.cos(math.pi * min(t - 1, T) / T)), "swapped"),
            (lambda t, a, b, T: b + 0.5 * (a - b) * (1 + math.cos(math.pi * min(t - 1, T - 1) / (T - 1))),
             "t = total_steps + 1")]],
        [wrong(lambda t, a, b, T: None, "returned NoneType None"),
         wrong(lambda t, a, b, T: [a], "returned list [0.1]; expected a number"),
         wrong(lambda t, a, b, T: 1 / 0, "raised ZeroDivisionError")],
        [lambda: None, lambda *a: "0.1"]),
    Exercise(
        checks.check_amsgrad_step, "Exercise 8.4 (amsgrad_step)", 8, 2,
        [ch8.amsgrad, ch8.amsgrad_with_adamlib, ch8.amsgrad_loop], "maximum of the raw v",
        ch8.amsgrad_stub,
        [wrong(ch8.max_of_v_hat, "bias-corrected v_hat", starts="new_v_max is wrong."),
         wrong(ch8.algorithm_2, "Algorithm 2", starts="new_p is wrong."),
         wrong(ch8.plain_adam, "Adam's step", starts="new_p is wrong."),
         wrong(ch8.max_with_old_v, "maximum with the old v"),
         wrong(ch8.max_of_g_squared, "not the largest g**2"),
         wrong(ch8.v_max_not_corrected, "only m is corrected"),
         wrong(ch8.amsgrad_eps_inside, "eps is inside the square root"),
         wrong(ch8.amsgrad_t_plus_one, "not beta**(t + 1)"),
         wrong(ch8.amsgrad_uphill, "uphill"),
         wrong(ch8.returns_v_max_as_v, "you returned v_max as new_v", starts="new_v is wrong."),
         wrong(ch8.amsgrad_betas_swapped, "beta1 and beta2 are swapped", starts="new_m is wrong.")],
        [wrong(ch8.amsgrad_three_values, "expected a tuple of 4 (new_p, new_m, new_v, new_v_max)"),
         wrong(ch8.amsgrad_list_for_v_max, "returned a list", starts="new_v_max is wrong."),
         wrong(ch8.amsgrad_crashes, "raised NameError", "Called with p="),
         wrong(ch8.amsgrad_mutates_v_max, "changed its argument 'v_max' in place")],
        [lambda: None, lambda *a: (object(),) * 4]),
]

IDS = [e.title.split("(")[1].rstrip(")") for e in TABLE]


def cases(kind: str):
    """(exercise, answer) pairs of one kind, named `check-answer` in pytest's output."""
    return [pytest.param(e, a, id=f"{name}-{getattr(a[0] if isinstance(a, tuple) else a, '__name__', '?')}")
            for e, name in zip(TABLE, IDS) for a in getattr(e, kind)]


def test_the_table_holds_every_check():
    """A check added to adamlib.checks without a row here would escape the contract."""
    exported = {getattr(checks, n) for n in dir(checks) if n.startswith("check_")}
    assert {e.check for e in TABLE} == exported


@pytest.mark.parametrize("exercise, answer", cases("correct"))
def test_a_correct_answer_passes_whatever_its_arguments_are_called(exercise, answer):
    result = exercise.check(answer)
    assert result.passed and result.status == "passed", result
    assert exercise.passes_with in result.message
    assert repr(result).startswith(f"✔ {exercise.title}: passed\n")


@pytest.mark.parametrize("exercise", TABLE, ids=IDS)
def test_the_stub_is_not_attempted_yet(exercise):
    result = exercise.check(exercise.stub)
    assert result.status == "not attempted yet" and not result.passed
    assert "NotImplementedError" in result.message
    assert repr(result).startswith(f"… {exercise.title}: not attempted yet\n")


@pytest.mark.parametrize("exercise, mistake", cases("mistakes"))
def test_a_typical_mistake_fails_with_expected_got_and_its_hint(exercise, mistake):
    fn, says, starts = mistake
    with np.errstate(all="ignore"):
        result = exercise.check(fn)
    assert not result.passed and result.status == "failed", f"the mistake {fn.__name__} passed"
    assert "Expected: " in result.message and "Got:      " in result.message
    assert all(text in result.message for text in says), (says, result.message)
    assert result.message.startswith(starts), result.message
    assert repr(result).startswith(f"✘ {exercise.title}: failed\n")


def _shown(message: str, label: str) -> str:
    """What a failure prints after a label, continuation lines included, up to the next label."""
    lines = message.split(label, 1)[1].splitlines()
    return "\n".join([lines[0]] + [line for line in lines[1:] if line.startswith((" ", "["))])


@pytest.mark.parametrize("exercise, mistake", cases("mistakes"))
def test_a_mistake_shows_expected_and_got_as_different_values(exercise, mistake):
    """Printed to 6 digits, a mistake off by 1e-7 (the efficient form of Adam's eps, eps = 1e-6
    for 1e-8) showed two identical lines: they are printed with the digits that tell them apart."""
    with np.errstate(all="ignore"):
        message = exercise.check(mistake[0]).message
    assert _shown(message, "Expected: ") != _shown(message, "Got:      "), message


@pytest.mark.parametrize("exercise, mistake", cases("mistakes"))
def test_a_mistake_differs_far_above_the_tolerance_not_by_rounding(exercise, mistake):
    """A case that shows a mistake only at the tolerance's edge would pass it on another
    machine's rounding: where the failure states its largest difference, it is at least 100
    times the tolerance there."""
    with np.errstate(all="ignore"):
        message = " ".join(exercise.check(mistake[0]).message.split())
    found = re.search(r"Largest difference[^:]*: (\S+) \(relative [^)]*\); the tolerance there "
                      r"is (\d\.\de[-+]\d+)", message)
    if found is None:
        pytest.skip("this failure states no largest difference")
    assert float(found[1]) >= 100 * float(found[2]), message


#: Rows with fewer than six typical mistakes, each with the reason that no six plausible ones
#: exist. Every other row has at least six.
FEWER_MISTAKES: dict = {}


@pytest.mark.parametrize("exercise", TABLE, ids=IDS)
def test_every_row_tries_six_mistakes_and_two_correct_answers(exercise):
    assert len(exercise.correct) >= 2, f"{exercise.title}: {len(exercise.correct)} correct"
    if exercise.title not in FEWER_MISTAKES:
        assert len(exercise.mistakes) >= 6, f"{exercise.title}: {len(exercise.mistakes)} mistakes"


def _as_lists(answer):
    """The answer with every array it returns turned into a list; the flag says whether there
    was one (a check of one number expects no array)."""
    turned = []

    def listed(value):
        if isinstance(value, np.ndarray) and value.ndim:
            turned.append(True)
            return value.tolist()
        return value

    def student(*args):
        result = answer(*args)
        return type(result)(map(listed, result)) if isinstance(result, (tuple, list)) else listed(result)

    return student, turned


@pytest.mark.parametrize("exercise", TABLE, ids=IDS)
def test_a_list_where_an_array_is_expected_fails_with_the_one_rule(exercise):
    student, turned = _as_lists(exercise.correct[0])
    result = exercise.check(student)
    if not turned:
        pytest.skip(f"{exercise.title} returns numbers, no array")
    assert result.status == "failed", result
    assert checks._core.LIST_HINT.format(kind="list") in result.message, result.message


@pytest.mark.parametrize("exercise, answer", [c for c in cases("broken") if any(
    "raised" in text for text in c.values[1][1])])
def test_a_crash_names_the_line_of_the_students_function_and_gives_a_hint(exercise, answer):
    fn, says, starts = answer
    result = exercise.check(fn)
    assert result.status == "failed" and "raised" in result.message
    assert " of your function" in result.message and "\nHint: " in result.message, result.message


@pytest.mark.parametrize("exercise, answer", cases("broken"))
def test_a_wrong_type_shape_crash_or_change_in_place_fails_with_a_clear_message(exercise, answer):
    fn, says, starts = answer
    result = exercise.check(fn)
    assert result.status == "failed"
    assert all(text in result.message for text in says), (says, result.message)
    assert result.message.startswith(starts), result.message


def every_answer() -> list:
    """Every answer of the table, each with its exercise."""
    return [pytest.param(exercise, fn, id=f"{name}-{i}")
            for exercise, name in zip(TABLE, IDS)
            for i, fn in enumerate([*exercise.correct, exercise.stub,
                                    *(m[0] for m in exercise.mistakes),
                                    *(b[0] for b in exercise.broken), *exercise.odd])]


@pytest.mark.parametrize("exercise, answer", every_answer())
def test_the_check_never_raises(exercise, answer):
    with np.errstate(all="ignore"):
        result = exercise.check(answer)
    assert isinstance(result, checks.CheckResult)
    assert result.status in {"passed", "failed", "not attempted yet"}
    assert repr(result).startswith(("✔", "✘", "…"))


@pytest.mark.parametrize("exercise", TABLE, ids=IDS)
def test_the_summary_of_its_chapter_counts_the_check(exercise):
    label = exercise.chapter if exercise.section is None else f"{exercise.chapter}.{exercise.section}"
    checks._core._LATEST.clear()
    before = checks.summary(exercise.chapter, exercise.section)
    titles = [r.exercise for r in before.results]
    assert titles == [e.title for e in TABLE
                      if (e.chapter, e.section) == (exercise.chapter, exercise.section)]
    assert all(r.status == "not attempted yet" for r in before.results)
    assert f"({exercise.title.split('(')[1]}: not attempted yet" in repr(before)
    exercise.check(exercise.correct[0])
    after = checks.summary(exercise.chapter, exercise.section)
    assert after.passed == 1 and f"{exercise.title}: passed" in repr(after)
    assert after.chapter == label
    assert repr(after).startswith(f"Chapter {label}: 1 of {len(titles)} checked exercise(s) passed")
    checks._core._LATEST.clear()
