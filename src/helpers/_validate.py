"""Input checks shared by every helper.

Each check raises ``ValueError`` with a message that names the field, the valid range or values,
and what was given, so that a widget can show the message to a student as it stands. What was
given is echoed through :func:`shown`, which cuts it to :data:`MAX_SHOWN` characters: a 2 MB paste
comes back as one short line, not as 2 MB of HTML.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real
from typing import Any

__all__ = ["check_choice", "check_number", "check_percent", "check_int", "shown", "shorten",
           "MAX_SHOWN"]

#: At most this many characters of a value are echoed back in a message.
MAX_SHOWN = 60


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """Return ``text`` cut to ``limit`` characters, ending in an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def shown(value: Any, limit: int = MAX_SHOWN) -> str:
    """How a message echoes a value: its ``repr``, cut to ``limit`` characters.

    Never raises: an integer too long to print in full is described by its number of digits
    (Python refuses to write out integers of more than 4,300 digits), and an object whose
    ``repr`` fails is named by its type.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        digits = int(value.bit_length() * 0.30103) + 1
        sign = "-" if value < 0 else ""
        return f"{sign}an integer of about {digits:,} digits"
    if isinstance(value, str) and len(value) > 4 * limit:
        value = value[: 4 * limit]  # repr of a huge string is not built only to be cut
        return shorten(repr(value)[:-1], limit)
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - an echo must not fail
        text = f"<{type(value).__name__}>"
    return shorten(text, limit)


_shown = shown


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
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        # An integer (or fraction) beyond the float range, about 1.8e308: never a meaningful
        # input, and refused like any other number out of range.
        raise ValueError(f"{field} must be a number {span}; got {_shown(value)}") from None
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
        if isinstance(value, Real) and not isinstance(value, bool) and _is_whole(value):
            value = int(value)
        else:
            raise ValueError(f"{field} must be {span}; got {_shown(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{field} must be {span}; got {_shown(value)}")
    return int(value)


def _is_whole(value: Real) -> bool:
    """True when ``value`` is a whole number; False for NaN, infinities and non-numbers."""
    try:
        return math.isfinite(value) and int(value) == value  # type: ignore[call-overload]
    except (OverflowError, ValueError, TypeError):
        return False
