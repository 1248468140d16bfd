"""Input checks shared by every helper.

Each check raises ``ValueError`` with a message that names the field, the valid range or values,
and what was given, so that a widget can show the message to a student as it stands.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real
from typing import Any

__all__ = ["check_choice", "check_number", "check_percent", "check_int"]


def _shown(value: Any) -> str:
    return repr(value)


def check_choice(field: str, value: Any, allowed: Iterable[str]) -> str:
    """Return ``value`` stripped, if it is one of ``allowed`` (case as given); else ``ValueError``."""
    allowed = tuple(allowed)
    listed = ", ".join(repr(a) for a in allowed)
    if not isinstance(value, str) or value.strip() not in allowed:
        raise ValueError(f"{field} must be one of {listed}; got {_shown(value)}")
    return value.strip()


def check_number(
    field: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> float:
    """Return ``value`` as a float if it is a finite real number within ``[low, high]``.

    Booleans, strings, ``None``, NaN and infinities are refused with ``ValueError``.
    """
    if low is not None and high is not None:
        span = f"between {low:g} and {high:g}{unit}"
    elif low is not None:
        span = f"at least {low:g}{unit}"
    elif high is not None:
        span = f"at most {high:g}{unit}"
    else:
        span = "a finite number"
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{field} must be a number {span}; got {_shown(value)}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{field} must be a number {span}; got {_shown(value)}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{field} must be a number {span}; got {_shown(value)}")
    return number


def check_percent(field: str, value: Any) -> float:
    """Return ``value`` as a float if it is a percentage from 0 to 100 inclusive."""
    return check_number(field, value, low=0.0, high=100.0, unit=" %")


def check_int(field: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` if it is a whole number (not a bool) within ``[low, high]``."""
    if low is not None and high is not None:
        span = f"a whole number from {low} to {high}"
    elif low is not None:
        span = f"a whole number of at least {low}"
    else:
        span = "a whole number"
    if isinstance(value, bool) or not isinstance(value, int):
        # Accept integral floats such as 3.0 only when they are exactly whole.
        if isinstance(value, Real) and not isinstance(value, bool) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{field} must be {span}; got {_shown(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{field} must be {span}; got {_shown(value)}")
    return int(value)
