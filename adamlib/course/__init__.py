"""The course's scaffolding around the library: what the chapter notebooks import besides the math.

- :mod:`adamlib.course.checks`: the exercise checks, one module per chapter;
- :mod:`adamlib.course.explorer`: sliders over hyperparameters
  (:func:`~adamlib.course.explorer.explore`);
- :mod:`adamlib.course.plotting`: the book's figure style;
- :mod:`adamlib.course.quiz`: the chapters' self-check quizzes
  (:func:`~adamlib.course.quiz.show_quiz`), whose questions are in :mod:`adamlib.course.quizzes`;
- :mod:`adamlib.course.source`: :func:`~adamlib.course.source.show_source`, the library's code
  shown in the book.

The chapters and the released nbgrader hidden tests import these by their older, shorter paths
(``adamlib.checks.chapter6``, ``adamlib.plotting``, ``adamlib.show_source``): :mod:`adamlib`
makes those paths names of these same modules.
"""
