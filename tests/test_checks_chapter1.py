"""The answers to the exercise check of chapter 1: right, unfinished and wrong answers, which
tests/test_checks_contract.py runs through the contract every check keeps, and what only this
chapter's check shows (its numbers, its other cases); and the machinery every check shares (the
summary, the display)."""

import numpy as np
import pytest

import adamlib
from adamlib import checks
from adamlib.checks import check_sgd_step


def correct(x, g, lr):
    return x - lr * g


def stub(x, g, lr):
    raise NotImplementedError


def uphill(x, g, lr):
    return x + lr * g


def ignores_lr(x, g, lr):
    return x - g


def returns_the_step(x, g, lr):
    return -lr * g


def returns_a_list(x, g, lr):
    return list(x - lr * g)


def returns_none(x, g, lr):
    x - lr * g  # forgot the return


def returns_wrong_shape(x, g, lr):
    return (x - lr * g).ravel()[:1]


def numpy_divides_by_zero(x, g, lr):
    return x - lr * g / 0  # numpy warns and returns ±inf


def divides_by_zero(x, g, lr):
    return x - lr * g * (1 / 0)


def mutates_x(x, g, lr):
    x -= lr * g
    return x


def returns_strings(x, g, lr):
    return np.array([str(v) for v in (x - lr * g).ravel()]).reshape(x.shape)

def renamed(point, gradient, step_size):
    """A student may name the arguments freely."""
    return point - step_size * gradient


def loop(x, g, lr):
    """Entry by entry: slower, and right."""
    new_x = np.empty_like(x)
    for i in np.ndindex(x.shape):
        new_x[i] = x[i] - lr * g[i]
    return new_x


def divides_by_lr(x, g, lr):
    return x - g / lr


def steps_along_x(x, g, lr):
    return x - lr * x


def unchanged(x, g, lr):
    return x.copy()


# Exercise 1.4, gd_trajectory(grad, x0, lr, steps): the points x_0, ..., x_steps, one a row.

def trajectory(grad, x0, lr, steps):
    points = [x0]
    for _ in range(steps):
        points.append(points[-1] - lr * grad(points[-1]))
    return np.array(points)


def trajectory_preallocated(gradient, start, step_size, n):
    path = np.empty((n + 1,) + start.shape)
    path[0] = start
    for t in range(1, n + 1):
        path[t] = path[t - 1] - step_size * gradient(path[t - 1])
    return path


def trajectory_with_adamlib(grad, x0, lr, steps):
    return adamlib.minimize(grad, x0, adamlib.SGD(lr), steps)


def trajectory_stub(grad, x0, lr, steps):
    raise NotImplementedError


def trajectory_without_x0(grad, x0, lr, steps):
    return trajectory(grad, x0, lr, steps)[1:]


def trajectory_one_step_short(grad, x0, lr, steps):
    return trajectory(grad, x0, lr, steps - 1)


def trajectory_only_last(grad, x0, lr, steps):
    return trajectory(grad, x0, lr, steps)[-1]


def trajectory_same_array(grad, x0, lr, steps):
    x = x0.copy()
    points = [x]
    for _ in range(steps):
        x -= lr * grad(x)
        points.append(x)
    return np.array(points)


def trajectory_gradient_at_x0(grad, x0, lr, steps):
    g = grad(x0)
    points = [x0]
    for _ in range(steps):
        points.append(points[-1] - lr * g)
    return np.array(points)


def trajectory_uphill(grad, x0, lr, steps):
    points = [x0]
    for _ in range(steps):
        points.append(points[-1] + lr * grad(points[-1]))
    return np.array(points)


def trajectory_ignores_lr(grad, x0, lr, steps):
    points = [x0]
    for _ in range(steps):
        points.append(points[-1] - grad(points[-1]))
    return np.array(points)


def trajectory_as_list(grad, x0, lr, steps):
    return list(trajectory(grad, x0, lr, steps))


def trajectory_changes_x0(grad, x0, lr, steps):
    points = [x0.copy()]
    for _ in range(steps):
        x0 -= lr * grad(x0)
        points.append(x0.copy())
    return np.array(points)


def trajectory_crashes(grad, x0, lr, steps):
    points = [x0]
    for _ in range(steps):
        points.append(points[-1] - lr * gard(points[-1]))  # noqa: F821
    return np.array(points)


def test_stepping_uphill_fails_with_input_expected_got_and_hint():
    result = check_sgd_step(uphill)
    assert result.status == "failed"
    assert not result.passed
    message = result.message
    assert "x=[ 1., -2.]" in message and "g=[0.5, 4. ]" in message and "lr=0.1" in message
    assert "Expected: [ 0.95, -2.4 ]" in message  # 1 − 0.1·0.5, −2 − 0.1·4
    assert "Got:      [ 1.05, -1.6 ]" in message  # 1 + 0.1·0.5, −2 + 0.1·4
    assert "uphill" in message


def test_ignoring_lr_fails_with_a_hint_about_lr():
    result = check_sgd_step(ignores_lr)
    assert result.status == "failed"
    assert "Got:      [ 0.5, -6. ]" in result.message  # x − g
    assert "ignores lr" in result.message


def test_numpy_division_by_zero_is_a_wrong_answer_not_a_crash():
    with np.errstate(divide="ignore", invalid="ignore"):
        result = check_sgd_step(numpy_divides_by_zero)
    assert result.status == "failed"
    assert "Got:      [-inf," in result.message


def test_summary_counts_the_latest_result_of_each_checked_exercise():
    checks._core._LATEST.clear()
    before = checks.summary(chapter=1)
    assert before.passed == 0 and len(before.results) == 2
    assert before.results[0].status == "not attempted yet"
    assert "0 of 2 checked exercise(s) passed" in repr(before)
    check_sgd_step(uphill)
    assert checks.summary(chapter=1).results[0].status == "failed"
    check_sgd_step(correct)
    after = checks.summary(chapter=1)
    assert after.passed == 1 and "1 of 2 checked exercise(s) passed" in repr(after)
    assert "Exercise 1.1 (sgd_step): passed" in repr(after)


def test_summary_of_an_unknown_chapter_names_the_known_ones():
    with pytest.raises(ValueError, match=r"chapter must be one of \[1, [0-9, ]*\], got 99"):
        checks.summary(chapter=99)


def test_summary_of_a_section_reports_only_its_exercises(monkeypatch):
    from adamlib.checks import _core

    monkeypatch.setattr(_core, "_EXERCISES", {})
    monkeypatch.setattr(_core, "_LATEST", {})

    def declare(number, section):
        @_core.exercise(chapter=7, number=number, name=f"f{number}", section=section)
        def check(student_function, title):
            return _core.CheckResult(title, _core.PASSED if student_function() else _core.FAILED, "")
        return check

    first, second = declare(1, section=1), declare(2, section=2)
    first(lambda: True)
    assert [r.status for r in checks.summary(chapter=7).results] == ["passed", "not attempted yet"]
    section_two = checks.summary(chapter=7, section=2)
    assert [r.exercise for r in section_two.results] == ["Exercise 7.2 (f2)"]
    assert repr(section_two).startswith("Chapter 7.2: 0 of 1 checked exercise(s) passed")
    with pytest.raises(ValueError, match=r"section must be one of \[1, 2\] for chapter 7, got 3"):
        checks.summary(chapter=7, section=3)


def test_feedback_lines_fit_the_books_column():
    """A long message wraps at checks WIDTH, each continuation under its line's own indent."""
    from adamlib.checks._core import WIDTH, CheckResult

    words = "  new_p = p - lr*m_hat/(sqrt(v_hat) + eps),  m_hat = new_m/(1-beta1**t), v_hat = x"
    shown = repr(CheckResult("Exercise 6.1 (adam_step)", "passed", "short line\n" + words))
    lines = shown.splitlines()
    assert len(words) > WIDTH and all(len(line) <= WIDTH for line in lines), lines
    assert lines[1] == "short line" and lines[2].startswith("  new_p") and lines[3].startswith("    ")
    assert " ".join(" ".join(lines[2:]).split()) == " ".join(words.split())


def _adam_p(eps, scale, efficient=False):
    """new_p of one Adam step at t = 3 from nonzero moments, gradients of the given scale, with
    eps outside the root, or in the paper's efficient form (lr folded with both corrections,
    eps added to sqrt(v)): the two differ by a few 1e-7, above the tolerance, below 6 digits."""
    from adamlib.checks._core import reference_adam

    p, m = np.array([1.0, -2.0]), np.array([2.0, 1.0]) * scale
    g, v = np.array([1.0, -2.0]) * scale, np.array([1.0, 3.0]) * scale**2
    t, lr, beta1, beta2 = 3, 1e-3, 0.9, 0.999
    if not efficient:
        return p, reference_adam(p, g, m, v, t, lr, beta1, beta2, eps)[0]
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g**2
    lr_t = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return p, p - lr_t * m / (np.sqrt(v) + eps)


@pytest.mark.parametrize("scale, answer", [(1.5e-5, _adam_p(1e-8, 1.5e-5, efficient=True)[1]),
                                           (1e-4, _adam_p(1e-6, 1e-4)[1])],
                         ids=["efficient-form", "eps-1e-6"])
def test_a_failure_shows_the_digits_that_differ_and_the_largest_difference(scale, answer):
    """The issue's two cases: at 6 digits both printed the same line as the right answer."""
    from adamlib.checks._core import RTOL, _show, compare_arrays

    p, expected = _adam_p(1e-8, scale)
    assert _show(answer) == _show(expected)  # the old display could not tell them apart
    message = compare_arrays("Exercise 6.1 (adam_step)", {"p": p}, expected, answer, "h").message
    shown = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in message.splitlines()
             if line.startswith(("Expected:", "Got:"))}
    assert shown["Expected"] != shown["Got"], message
    worst = int(np.argmax(np.abs(answer - expected) / (1e-12 + RTOL * np.abs(expected))))
    difference = abs(answer[worst] - expected[worst])
    assert (f"Largest difference at index {worst}: {difference:.1e} (relative "
            f"{difference / abs(expected[worst]):.1e}); the tolerance there is "
            f"{1e-12 + RTOL * abs(expected[worst]):.1e}.") in message, message


def misspelt(x, g, lr):
    step = lr * g
    return x - stpe  # noqa: F821


def helper_divides(value):
    scale = 1 / 0
    return value * scale


def calls_a_helper(x, g, lr):
    return x - lr * helper_divides(g)


def mismatched_shapes(x, g, lr):
    ones = np.ones(3)
    return x - lr * g * ones


def test_a_crash_names_the_line_of_the_students_function_and_a_hint():
    message = check_sgd_step(misspelt).message
    assert "raised NameError: name 'stpe' is not defined" in message
    assert "\nline 3 of your function: `return x - stpe  # noqa: F821`\n" in message
    assert "Hint: a name is misspelt, or the function uses a variable defined outside it" in message


def test_a_crash_in_the_students_helper_names_the_helper_and_its_line():
    message = check_sgd_step(calls_a_helper).message
    assert "raised ZeroDivisionError" in message
    assert "\nline 2 of your function helper_divides: `scale = 1 / 0`\n" in message
    assert "Hint: a Python number was divided by zero" in message


def test_a_shape_error_lists_the_shapes_of_the_arrays_in_the_failing_line():
    message = check_sgd_step(mismatched_shapes).message
    assert "\nline 3 of your function: `return x - lr * g * ones`\n" in message
    assert "The arrays there: x (2,), g (2,), ones (3,)." in message


def test_a_crash_in_a_notebook_cell_quotes_the_cell_line():
    """ipykernel compiles each cell under a file name of its own and registers its text in
    linecache: the line is read from there."""
    import linecache

    source = "import numpy as np\n\ndef sgd_step(x, g, lr):\n    new_x = x - lr * g\n    return new_x + undefined\n"
    cell = "/tmp/ipykernel_4242/1234567890.py"
    linecache.cache[cell] = (len(source), None, source.splitlines(keepends=True), cell)
    try:
        namespace = {}
        exec(compile(source, cell, "exec"), namespace)
        message = check_sgd_step(namespace["sgd_step"]).message
    finally:
        del linecache.cache[cell]
    assert "\nline 3 of your function: `return new_x + undefined`\n" in message, message


def test_a_number_may_be_a_python_number_a_numpy_scalar_or_a_size_one_array():
    from adamlib.checks._core import as_number, close

    for number in [2.5, np.float64(2.5), np.array(2.5), np.array([2.5]), np.array([[2.5]])]:
        assert close(number, 2.5) and as_number(number) == 2.5
    for not_a_number in [[2.5], (2.5,), "2.5", True, np.array([2.5, 2.5]), None]:
        assert not close(not_a_number, 2.5) and as_number(not_a_number) is None


def test_a_chapter_without_sections_is_its_own_only_section():
    checks._core._LATEST.clear()
    check_sgd_step(correct)
    assert checks.summary(chapter=1, section=1) == checks.summary(chapter=1)
    with pytest.raises(ValueError, match=r"section must be 1 or None for chapter 1, got 2: "
                                         r"chapter 1 has no sections: call summary\(chapter=1\)"):
        checks.summary(chapter=1, section=2)
    checks._core._LATEST.clear()


def test_one_number_is_compared_and_shown_in_full_with_its_difference():
    from adamlib.checks._core import compare_number

    assert compare_number("Exercise 7.4 (f)", "Called with B=2", 1.5, 1.5 * (1 + 1e-9), "h") is None
    message = compare_number("Exercise 7.4 (f)", "Called with B=2", 1.5, 1.5000004, "h").message
    assert "Expected: 1.5\nGot:      1.5000004\n" in message
    assert "Largest difference: 4.0e-07 (relative 2.7e-07); the tolerance there is 1.5e-07." in message


def test_a_float32_answer_is_told_to_compute_in_float64():
    """A right algorithm in float32 misses the tolerance by rounding alone: the hint says so,
    not that the mathematics is wrong."""
    def ema_estimate_float32(gs, beta):
        m, estimates = np.zeros(gs.shape[1:], dtype=np.float32), []
        for g in gs.astype(np.float32):
            m = np.float32(beta) * m + np.float32(1 - beta) * g
            estimates.append(m)
        return np.array(estimates)

    result = checks.check_ema_estimate(ema_estimate_float32)
    assert result.status == "failed" and "float32" in result.message
    assert "compute in float64" in result.message
