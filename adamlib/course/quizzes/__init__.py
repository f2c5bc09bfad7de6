"""The self-check quizzes, one module per chapter notebook, named as its checks are.

Each module holds a list ``QUESTIONS`` in the format that :mod:`adamlib.course.quiz` describes
and validates; ``show_quiz("chapter5")`` displays chapter 5's. Every number a question or an
answer states is asserted by ``tests/test_quiz_<module>.py``.
"""
