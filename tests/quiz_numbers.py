"""What the tests of the quizzes' numbers share: a quiz's questions, its right option, and a
number as the page accepts it or as a sentence states it."""

from adamlib.course.quiz import load_quiz


def question(module: str, n: int) -> dict:
    """Question n (from 1) of a quiz, validated."""
    return load_quiz(module)[n - 1]


def correct_option(q: dict) -> str:
    """The text of the one right option of a multiple-choice question."""
    return next(o["text"] for o in q["options"] if o["correct"])


def accepts(q: dict, value: float) -> bool:
    """Whether the numeric question q marks ``value`` right, as the page's script does."""
    return abs(value - q["answer"]) <= q["tolerance"] * (1 + 1e-9)


def stated(value: float, written: float, decimals: int) -> bool:
    """Whether ``written`` is ``value`` rounded to ``decimals`` places, as a sentence states it."""
    return abs(value - written) <= 0.5 * 10 ** -decimals + 1e-12
