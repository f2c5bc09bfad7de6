"""The machinery of the exercise checks: results, safe calls, comparisons, the chapter summary.

Every check returns a :class:`CheckResult` that displays as feedback a student can act on:
which input was used, what was expected, what came back, and a hint. A function that still
raises ``NotImplementedError`` (the stub of the student edition) is "not attempted yet", not a
failure; a function that raises anything else, or returns the wrong type or shape, gets a clear
message instead of a traceback. Numbers are compared with a stated tolerance.

A failure shows where the answer differs: "Expected:" and "Got:" are printed with the fewest
digits (at least 6, at most 17) that tell them apart, followed by the largest difference, where
it is and how it compares with the tolerance. A crash names the line of the student's own code
where it happened (the innermost frame outside numpy, adamlib and Python's own libraries) and
gives a hint for the common exceptions.

One rule for what a student may return, kept here so that every check applies it:

- where an array is expected, an array (of that shape and a numeric dtype); a list or a tuple
  fails with :data:`LIST_HINT`, whatever numbers it holds;
- where several results are expected, a tuple or a list of the right length;
- where one number is expected, a Python number, a numpy scalar or an array of size 1.
"""

from __future__ import annotations

import functools
import linecache
import math
import numbers
import os
import sys
import sysconfig
import textwrap
import traceback
from dataclasses import dataclass, field, replace

import numpy as np

from ...optimizers import Adam, without_bias_correction

PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not attempted yet"

#: Tolerances of every numeric comparison: |actual − expected| ≤ ATOL + RTOL·|expected|.
RTOL, ATOL = 1e-7, 1e-12

#: Feedback lines wrap at this width: the book's column holds about 78 monospace characters.
WIDTH = 76

#: The failure of a list or tuple returned where an array is expected (the one rule for lists).
LIST_HINT = "you returned a {kind}; return a numpy array (np.array(...))"


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
    #: How many times its tolerance the worst entry of a wrong value misses by (inf when the
    #: value is not even comparable: a wrong type, shape, a crash), so that a check trying
    #: several cases can report the one where the mistake is plainest (most_visible).
    excess: float = field(default=math.inf, compare=False, repr=False)

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __repr__(self) -> str:
        mark = {PASSED: "✔", FAILED: "✘", NOT_ATTEMPTED: "…"}[self.status]
        text = f"{mark} {self.exercise}: {self.status}\n{self.message}".rstrip()
        return "\n".join(_wrap(line) for line in text.splitlines())


def _show(value, precision: int = 6) -> str:
    if isinstance(value, np.ndarray):
        return (np.array2string(value, precision=precision, separator=", ")
                + f" (dtype {value.dtype})")
    return repr(value)


def show_pair(expected, actual) -> tuple[str, str]:
    """Both values printed with the fewest digits, at least 6 and at most 17, that tell them
    apart: two different answers never show as two identical lines."""
    for precision in range(6, 18):
        shown = _show(expected, precision), _show(actual, precision)
        if shown[0] != shown[1]:
            break
    return shown


def excess_of(expected: np.ndarray, actual: np.ndarray) -> float:
    """How many times its tolerance the worst entry of ``actual`` misses ``expected`` by."""
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    with np.errstate(all="ignore"):
        ratio = np.abs(actual - expected) / (ATOL + RTOL * np.abs(expected))
    return float(np.nanmax(np.where(np.isfinite(ratio), ratio, np.inf)))


def most_visible(failures: list) -> CheckResult | None:
    """Of the failures of several cases, the one that misses its tolerance by the most: a
    mistake that only rounding separates from the answer in one case (eps placement with large
    gradients) is shown where it is plain (gradients near eps). None if there is none."""
    return max(failures, key=lambda failure: failure.excess, default=None)


def largest_difference(expected: np.ndarray, actual: np.ndarray) -> str:
    """The line naming the entry that misses the tolerance by the most: where it is, the
    absolute and relative difference, and the tolerance there."""
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    allowed = ATOL + RTOL * np.abs(expected)
    with np.errstate(all="ignore"):
        diff = np.abs(actual - expected)
        ratio = np.where(np.isfinite(diff), diff / allowed, np.inf)
    i = np.unravel_index(int(np.argmax(ratio)), expected.shape)
    index = [int(k) for k in i]
    at = f" at index {index if len(index) > 1 else index[0]}" if expected.ndim else ""
    if not np.isfinite(diff[i]):
        return f"Largest difference{at}: got {actual[i]!r} where {expected[i]!r} was expected."
    relative = f"{diff[i] / abs(expected[i]):.1e}" if expected[i] else "inf"
    return (f"Largest difference{at}: {diff[i]:.1e} (relative {relative}); "
            f"the tolerance there is {allowed[i]:.1e}.")


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
                           f"{type(error).__name__}: {error}" + crash_details(error, fn))
    for name, value in inputs.items():
        if isinstance(value, np.ndarray) and not np.array_equal(copies[name], value):
            return CheckResult(exercise, FAILED,
                               f"Called with {_describe(inputs)}, your function changed its "
                               f"argument {name!r} in place.\nHint: build a new array "
                               f"(y = x - ...) instead of updating the old one (x -= ...).")
    return actual


def _library_folders() -> tuple:
    """Where code that is not the student's lives: Python's own libraries, the installed
    packages (numpy among them) and adamlib."""
    paths = sysconfig.get_paths()
    folders = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    folders |= {sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))}  # adamlib's own package folder
    folders = {os.path.realpath(f) for f in folders}
    # a Python installed at the root would otherwise claim every file, the student's too
    return tuple(os.path.join(f, "") for f in folders if os.path.dirname(f) != f)


def _students_frame(error: BaseException, fn):
    """The innermost frame of the traceback that runs the student's code: the student's
    function, or a function of theirs that it called (one defined in the notebook), never a
    frame of numpy, adamlib or Python's libraries. None if there is none."""
    own = getattr(getattr(fn, "__code__", None), "co_filename", None)
    libraries = _library_folders()
    found = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if filename == own or not os.path.realpath(filename).startswith(libraries):
            found = frame, lineno
    return found


def _exception_hint(error: BaseException, frame) -> str:
    """What the common exceptions usually mean in an exercise."""
    if isinstance(error, UnboundLocalError):
        return "a variable is used before the function gives it a value."
    if isinstance(error, NameError):
        return ("a name is misspelt, or the function uses a variable defined outside it: "
                "use only its arguments and the names it defines.")
    if isinstance(error, ZeroDivisionError):
        return "a Python number was divided by zero: check the denominator and its brackets."
    text = str(error)
    if isinstance(error, ValueError) and any(w in text for w in ("broadcast", "shape", "matmul",
                                                                 "align")):
        arrays = [f"{name} {value.shape}" for name, value in frame.f_locals.items()
                  if isinstance(value, np.ndarray)] if frame is not None else []
        shapes = f" The arrays there: {', '.join(arrays)}." if arrays else ""
        return ("numpy cannot combine arrays of these shapes: check which array goes with which "
                "in that line." + shapes)
    if isinstance(error, TypeError):
        return ("a value of the wrong type reached an operation (None, a list, a string, or "
                "a function not called): check the type of each operand.")
    if isinstance(error, IndexError):
        return "an index is out of range: check the array's shape and the index."
    if isinstance(error, AttributeError):
        return "that attribute or method does not exist on this value: check its spelling."
    return "read the line above: it is where your code stopped."


def crash_details(error: BaseException, fn) -> str:
    """The lines that follow a crash's message: the line of the student's code that raised
    ("line 4 of your function: `...`") and a hint for the exception."""
    found = _students_frame(error, fn)
    frame = None
    where = ""
    if found is not None:
        frame, lineno = found
        code = frame.f_code
        own = code is getattr(fn, "__code__", None)
        whose = "your function" if own else f"your function {code.co_name}"
        source = linecache.getline(code.co_filename, lineno, frame.f_globals).strip()
        where = f"\nline {lineno - code.co_firstlineno + 1} of {whose}" + (
            f": `{source}`" if source else "")
    return f"{where}\nHint: {_exception_hint(error, frame)}"


def as_number(value):
    """The value as a float if it is one number (a Python number, a numpy scalar or an array of
    size 1, never a bool), else None."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        return float(value.reshape(()))
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        return float(value)
    return None


def close(actual, expected) -> bool:
    """Whether ``actual`` equals ``expected`` within the tolerance: an array of its shape, or
    (where ``expected`` is one number) one number; a list, a string or a wrong shape is simply
    not close."""
    if np.ndim(expected) == 0:
        actual = as_number(actual)
        return actual is not None and bool(np.isclose(actual, expected, rtol=RTOL, atol=ATOL))
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
    return replace(failure, message=f"{name} is wrong. {failure.message}")


def _compare(exercise: str, inputs: dict, expected: np.ndarray, actual, hint: str):
    where = f"Called with {_describe(inputs)}"
    if isinstance(actual, (list, tuple)):
        kind = type(actual).__name__
        return CheckResult(exercise, FAILED,
                           f"{where}, your function returned a {kind} of length {len(actual)}; "
                           f"expected a numpy array like {_show(expected)}.\nHint: "
                           + LIST_HINT.format(kind=kind) + ".")
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
        if actual.dtype.kind == "f" and actual.dtype.itemsize < 8 and np.allclose(
                actual, expected, rtol=10 * np.finfo(actual.dtype).eps, atol=ATOL):
            hint = (f"your result is {actual.dtype}, which rounds to about "
                    f"{np.finfo(actual.dtype).precision} digits: compute in float64 (start "
                    f"arrays with dtype=float, the default).")
        return mismatch(exercise, where, *show_pair(expected, actual), hint,
                        largest_difference(expected, actual), excess_of(expected, actual))
    return None


def mismatch(exercise: str, where: str, expected: str, got: str, hint: str,
             difference: str = "", excess: float = math.inf) -> CheckResult:
    """The failure of a result of the right kind but the wrong value: both shown, the largest
    difference (if given), the tolerance they were compared with, and the hint."""
    difference = f"{difference}\n" if difference else ""
    return CheckResult(exercise, FAILED,
                       f"{where}:\nExpected: {expected}\nGot:      {got}\n{difference}"
                       f"(compared with rtol={RTOL:g}, atol={ATOL:g})\nHint: {hint}", excess)


def compare_number(exercise: str, where: str, expected: float, actual: float, hint: str):
    """None if one number equals the expected one within the tolerance; else the failure, both
    printed in full (repr) with their difference against the tolerance."""
    if np.isclose(actual, expected, rtol=RTOL, atol=ATOL):
        return None
    return mismatch(exercise, where, repr(float(expected)), repr(float(actual)), hint,
                    largest_difference(np.asarray(expected), np.asarray(actual)),
                    excess_of(expected, actual))


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
    attempted yet if its check has not run in this kernel. A chapter without sections is its
    own only section: ``summary(chapter=1, section=1)`` is ``summary(chapter=1)``."""
    known = sorted(k for k in _EXERCISES if isinstance(k, int))
    if chapter not in known:
        raise ValueError(f"chapter must be one of {known}, got {chapter!r}")
    sections = sorted(k[1] for k in _EXERCISES if isinstance(k, tuple) and k[0] == chapter)
    if section is not None and not sections:
        if section != 1:
            raise ValueError(f"section must be 1 or None for chapter {chapter}, got {section!r}: "
                             f"chapter {chapter} has no sections: call "
                             f"summary(chapter={chapter})")
        section = None
    if section is not None and section not in sections:
        raise ValueError(f"section must be one of {sections} for chapter {chapter}, "
                         f"got {section!r}")
    key = chapter if section is None else (chapter, section)
    not_run = "The check has not run yet: run the exercise's cells."
    return Summary(chapter if section is None else f"{chapter}.{section}",
                   tuple(_LATEST.get(title, CheckResult(title, NOT_ATTEMPTED, not_run))
                         for title in _EXERCISES[key]))
