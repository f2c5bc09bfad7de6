"""The machinery of the exercise checks: results, safe calls, comparisons, the chapter summary.

Every check returns a :class:`CheckResult` that displays as feedback a student can act on:
which input was used, what was expected, what came back, and a hint. A function that still
raises ``NotImplementedError`` (the stub of the student edition) is "not attempted yet", not a
failure; a function that raises anything else, or returns the wrong type or shape, gets a clear
message instead of a traceback. Numbers are compared with a stated tolerance.
"""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass

import numpy as np

from ...optimizers import Adam, without_bias_correction

PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not attempted yet"

#: Tolerances of every numeric comparison: |actual − expected| ≤ ATOL + RTOL·|expected|.
RTOL, ATOL = 1e-7, 1e-12

#: Feedback lines wrap at this width: the book's column holds about 78 monospace characters.
WIDTH = 76


def _wrap(line: str) -> str:
    """A long line in lines of at most WIDTH characters, continued under its own indent."""
    indent = " " * (len(line) - len(line.lstrip()) + 2)
    return textwrap.fill(line, WIDTH, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


@dataclass(frozen=True)
class CheckResult:
    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __repr__(self) -> str:
        mark = {PASSED: "✔", FAILED: "✘", NOT_ATTEMPTED: "…"}[self.status]
        text = f"{mark} {self.exercise}: {self.status}\n{self.message}".rstrip()
        return "\n".join(_wrap(line) for line in text.splitlines())


def _show(value) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, separator=", ") + f" (dtype {value.dtype})"
    return repr(value)


def _describe(inputs: dict) -> str:
    return ", ".join(f"{name}={_show(value)}" for name, value in inputs.items())


def _call(exercise: str, fn, inputs: dict):
    """Call the student's function on copies of the inputs; a result or a CheckResult."""
    copies = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in inputs.items()}
    try:
        actual = fn(*copies.values())  # positionally: the student may name the arguments freely
    except NotImplementedError:
        return CheckResult(exercise, NOT_ATTEMPTED,
                           "Your function still raises NotImplementedError: replace the stub "
                           "with your code, run its cell, then run this check again.")
    except Exception as error:  # the student's code may fail in any way; report, never crash
        return CheckResult(exercise, FAILED,
                           f"Called with {_describe(inputs)}, your function raised "
                           f"{type(error).__name__}: {error}")
    for name, value in inputs.items():
        if isinstance(value, np.ndarray) and not np.array_equal(copies[name], value):
            return CheckResult(exercise, FAILED,
                               f"Called with {_describe(inputs)}, your function changed its "
                               f"argument {name!r} in place.\nHint: build a new array "
                               f"(y = x - ...) instead of updating the old one (x -= ...).")
    return actual


def close(actual, expected) -> bool:
    """Whether ``actual`` is a number or an array of numbers of ``expected``'s shape that equals it
    within the tolerance; anything else (a wrong type or shape, a string) is simply not close."""
    if isinstance(actual, (np.generic, float, int)):
        actual = np.asarray(actual)
    return (isinstance(actual, np.ndarray) and actual.shape == np.shape(expected)
            and actual.dtype.kind in "biufc" and np.allclose(actual, expected, rtol=RTOL, atol=ATOL))


def first_hint(actual, mistakes, otherwise: str) -> str:
    """The hint of the first typical mistake, a pair (what it returns, the hint), that ``actual``
    matches; ``otherwise`` if it matches none."""
    return next((why for wrong, why in mistakes if close(actual, wrong)), otherwise)


def reference_adam(p, g, m, v, t, lr, beta1, beta2, eps, correct=True):
    """One Adam step of the checks of chapters 6 and 8: returns (new_p, new_m, new_v).

    It is adamlib's own step, ``Adam.update`` (``correct=False``: without the bias correction),
    rather than the formula written out again: adamlib's Adam is tested against torch.optim.Adam
    to 1e-10, so a check built on it needs no second, independent formula.
    """
    step = Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps).update
    if not correct:
        step = without_bias_correction(step)
    return step(p, g, m, v, t=t, lr=lr)


def expect_tuple(exercise: str, inputs: dict, actual, names: tuple):
    """None if the student returned a tuple (or list) of len(names) values; else the failure."""
    if isinstance(actual, (tuple, list)) and len(actual) == len(names):
        return None
    got = (f"{type(actual).__name__} of length {len(actual)}" if isinstance(actual, (tuple, list))
           else f"{type(actual).__name__} {actual!r}")
    kind = {2: "a pair", 3: "a triple"}.get(len(names), f"a tuple of {len(names)}")
    listed = ", ".join(names)
    return CheckResult(exercise, FAILED,
                       f"Called with {_describe(inputs)}, your function returned {got}; "
                       f"expected {kind} ({listed}).\nHint: end with `return {listed}`.")


def compare_arrays(exercise: str, inputs: dict, expected: np.ndarray, actual, hint: str,
                   name: str | None = None):
    """A CheckResult comparing an array result with the expected one, with the tolerance stated;
    ``name`` says which of several returned values it is ("new_b is wrong. ...")."""
    failure = _compare(exercise, inputs, expected, actual, hint)
    if failure is None or name is None:
        return failure
    return CheckResult(exercise, FAILED, f"{name} is wrong. {failure.message}")


def _compare(exercise: str, inputs: dict, expected: np.ndarray, actual, hint: str):
    where = f"Called with {_describe(inputs)}"
    if not isinstance(actual, np.ndarray):
        return CheckResult(exercise, FAILED,
                           f"{where}, your function returned {type(actual).__name__} "
                           f"{actual!r}; expected a numpy array like {_show(expected)}.")
    if actual.dtype.kind not in "biufc":
        return CheckResult(exercise, FAILED,
                           f"{where}, your function returned an array of dtype {actual.dtype}; "
                           f"expected an array of numbers like {_show(expected)}.")
    if actual.shape != expected.shape:
        return CheckResult(exercise, FAILED,
                           f"{where}, your function returned shape {actual.shape}; expected "
                           f"shape {expected.shape}.\nExpected: {_show(expected)}\n"
                           f"Got:      {_show(actual)}")
    if not np.allclose(actual, expected, rtol=RTOL, atol=ATOL):
        return mismatch(exercise, where, _show(expected), _show(actual), hint)
    return None


def mismatch(exercise: str, where: str, expected: str, got: str, hint: str) -> CheckResult:
    """The failure of a result of the right kind but the wrong value: both shown, the tolerance
    they were compared with, and the hint."""
    return CheckResult(exercise, FAILED,
                       f"{where}:\nExpected: {expected}\nGot:      {got}\n"
                       f"(compared with rtol={RTOL:g}, atol={ATOL:g})\nHint: {hint}")


def compare_named(exercise: str, inputs: dict, results) -> CheckResult | None:
    """The first failure among the values one call returned, given as (name, expected, got,
    hint), in order; None if every one matches."""
    for name, expected, got, hint in results:
        failure = compare_arrays(exercise, inputs, expected, got, hint, name=name)
        if failure is not None:
            return failure
    return None


@dataclass(frozen=True)
class Summary:
    """The latest result of every checked exercise of a chapter: k of n passed."""

    chapter: int | str  # "7.2" for a section of a chapter
    results: tuple

    @property
    def passed(self) -> int:
        return sum(result.passed for result in self.results)

    def __repr__(self) -> str:
        lines = [f"  {result.exercise}: {result.status}" for result in self.results]
        return (f"Chapter {self.chapter}: {self.passed} of {len(self.results)} checked "
                f"exercise(s) passed\n" + "\n".join(lines))


#: The checked exercises of each chapter, in order, and the latest result of each in this kernel.
_EXERCISES: dict = {}
_LATEST: dict = {}


def exercise(chapter: int, number: int, name: str, section: int | None = None):
    """Declare a check function as the check of Exercise {chapter}.{number}, the function `name`.

    The check receives the student's function and the exercise's title; every result is kept
    so that :func:`summary` can report the chapter. A chapter split into several notebooks
    (chapter 7) numbers its exercises through the chapter and tags each with its ``section``,
    so that each notebook's summary reports its own exercises.
    """
    title = f"Exercise {chapter}.{number} ({name})"

    def declare(check):
        _EXERCISES.setdefault(chapter, []).append(title)
        if section is not None:
            _EXERCISES.setdefault((chapter, section), []).append(title)

        @functools.wraps(check)
        def run(student_function) -> CheckResult:
            result = check(student_function, title)
            _LATEST[title] = result
            return result

        return run

    return declare


def summary(chapter: int, section: int | None = None) -> Summary:
    """Every checked exercise of the chapter (or of one section of it): passed, failed, or not
    attempted yet if its check has not run in this kernel."""
    key = chapter if section is None else (chapter, section)
    if key not in _EXERCISES:
        known = sorted(k for k in _EXERCISES if isinstance(k, int))
        sections = sorted(k[1] for k in _EXERCISES if isinstance(k, tuple) and k[0] == chapter)
        if section is not None and chapter in known:
            raise ValueError(f"section must be one of {sections} for chapter {chapter}, got {section!r}")
        raise ValueError(f"chapter must be one of {known}, got {chapter!r}")
    not_run = "The check has not run yet: run the exercise's cells."
    return Summary(chapter if section is None else f"{chapter}.{section}",
                   tuple(_LATEST.get(title, CheckResult(title, NOT_ATTEMPTED, not_run))
                         for title in _EXERCISES[key]))
