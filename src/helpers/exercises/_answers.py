"""Turn the number-like things students pass into plain Python values before checking them.

A checker must return feedback whatever it is given. NumPy scalars and 0-d arrays (what
``df["col"].sum()`` or ``np.array(67)`` give), fractions and integers too large for a float all
reach the checkers in real notebooks; this module makes them plain numbers, or explains in a
``Feedback`` why they cannot be one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from numbers import Real
from typing import Any

import numpy as np

from . import Feedback

__all__ = ["plain_answer", "robust"]


def plain_answer(answer: Any) -> Any:
    """Return ``answer`` as a plain Python value, or a ``Feedback`` when it cannot be one.

    0-d arrays and NumPy scalars become their Python value; other real numbers (a
    ``Fraction``, for one) become a float; an integer or fraction too large for a float is
    "malformed" feedback rather than an ``OverflowError``. Anything else is returned unchanged.
    """
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    elif isinstance(answer, np.generic):
        answer = answer.item()
    if isinstance(answer, Real) and not isinstance(answer, bool | float):
        try:
            number = float(answer)
        except OverflowError:
            return Feedback("malformed", "that number is far too large to be the answer; "
                                         "the answer is an ordinary number.")
        return answer if isinstance(answer, int) and abs(answer) < 2**53 else number
    return answer


def robust(checker: Callable[[Any], Feedback]) -> Callable[[Any], Feedback]:
    """Wrap an exercise checker so that number-like answers reach it as plain values."""

    @functools.wraps(checker)
    def wrapped(answer: Any) -> Feedback:
        plain = plain_answer(answer)
        return plain if isinstance(plain, Feedback) else checker(plain)

    return wrapped
