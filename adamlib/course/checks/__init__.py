"""Checks for the exercises: they call a student's function and say what to fix.

Every check returns a :class:`CheckResult` that displays as feedback a student can act on:
which input was used, what was expected, what came back, and a hint. A function that still
raises ``NotImplementedError`` (the stub of the student edition) is "not attempted yet", not a
failure; a function that raises anything else, or returns the wrong type or shape, gets a clear
message instead of a traceback. Numbers are compared with a stated tolerance (RTOL, ATOL).
One rule for lists: where an array is expected, a list or a tuple fails ("return a numpy
array"); several results come back as a tuple or a list of the right length; one number may be
a Python number, a numpy scalar or an array of size 1.
:func:`summary` reports a chapter: k of n checked exercises passed.

One module per chapter holds that chapter's checks; all are importable from here.
"""

from ._core import ATOL, FAILED, NOT_ATTEMPTED, PASSED, RTOL, CheckResult, Summary, summary

# autodoc reads the comments of the module it documents (adamlib.course.checks), not those of
# its _core, where the values are set: the tolerances are documented here too.
#: The relative tolerance of every numeric comparison of the checks:
#: ``|actual − expected| ≤ ATOL + RTOL·|expected|``.
RTOL = RTOL
#: The absolute tolerance of every numeric comparison of the checks:
#: ``|actual − expected| ≤ ATOL + RTOL·|expected|``.
ATOL = ATOL
from .chapter1 import *  # noqa: F403
from .chapter2 import *  # noqa: F403
from .chapter3 import *  # noqa: F403
from .chapter4 import *  # noqa: F403
from .chapter5 import *  # noqa: F403
from .chapter6 import *  # noqa: F403
from .chapter7_1 import *  # noqa: F403
from .chapter7_2 import *  # noqa: F403
from .chapter7_3 import *  # noqa: F403
from .chapter8 import *  # noqa: F403
