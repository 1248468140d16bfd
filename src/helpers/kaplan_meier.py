"""Observed survival: Kaplan-Meier estimates and the log-rank test, on real trial data.

The data are the German Breast Cancer Study Group 2 trial's, shipped with lifelines (Schumacher M
et al., J Clin Oncol 1994;12:2086-2093): 686 women with node-positive breast cancer, with and
without tamoxifen. The curves come from :class:`lifelines.KaplanMeierFitter` and the comparison
from :func:`lifelines.statistics.logrank_test`; this module turns their results into plain,
frozen values that the plots and exercises read.

Importing this module imports lifelines (about half a second), which is why it is separate from
:mod:`helpers.survival`, whose SEER tables the other lessons and widgets use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.datasets import load_gbsg2 as _lifelines_gbsg2
from lifelines.statistics import logrank_test

from ._validate import check_number

__all__ = [
    "DAYS_PER_YEAR",
    "load_gbsg2",
    "KaplanMeierSummary",
    "kaplan_meier",
    "survival_at",
    "LogRankSummary",
    "compare_hormone_therapy",
]

DAYS_PER_YEAR = 365.25


def load_gbsg2() -> pd.DataFrame:
    """Return the German Breast Cancer Study Group 2 data set that lifelines ships (offline).

    686 women with node-positive breast cancer in a trial of the 1980s (Schumacher M et al.,
    J Clin Oncol 1994). Columns include ``horTh`` (hormone therapy, tamoxifen: "yes"/"no"),
    ``time`` (days to recurrence or death, or to last follow-up) and ``cens`` (1 = recurrence or
    death observed, 0 = censored), to which this function adds ``years``.
    """
    data = _lifelines_gbsg2()
    data["years"] = data["time"] / DAYS_PER_YEAR
    return data


@dataclass(frozen=True)
class KaplanMeierSummary:
    """A fitted Kaplan-Meier curve: ``timeline`` in years, ``survival`` as a fraction 0-1."""

    label: str
    n: int
    events: int
    timeline: tuple[float, ...]
    survival: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]


#: What a Kaplan-Meier table needs, said the same way in every message.
_NEEDS = ("a pandas DataFrame with a 'years' column (time to the event or to the last "
          "follow-up, at least 0) and a 'cens' column (1 = event observed, 0 = censored)")


def _describe(value: Any) -> str:
    """A short description of a wrong argument, without echoing a long input."""
    kind = type(value).__name__
    try:
        size = len(value)
    except TypeError:
        return f"a {kind}"
    return f"a {kind} of {size} value{'s' if size != 1 else ''}"


def _check_table(data: Any) -> None:
    """Refuse anything but a table of non-negative times and 0/1 event codes, row by row."""
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be {_NEEDS}; got {_describe(data)}, so the times "
                         f"('years') and the event codes ('cens') are missing")
    missing = [c for c in ("years", "cens") if c not in data.columns]
    if missing:
        names = " and ".join(repr(c) for c in missing)
        raise ValueError(f"data must be {_NEEDS}; the column {names} "
                         f"{'is' if len(missing) == 1 else 'are'} missing")
    if len(data) == 0:
        raise ValueError("data must contain at least one patient; got an empty table")
    for row, value in zip(data.index, data["years"]):
        problem = _time_problem(value)
        if problem:
            raise ValueError(f"years must be a finite number of at least 0 years in every row; "
                             f"row {row} has {problem}")
    for row, value in zip(data.index, data["cens"]):
        is_code = isinstance(value, bool | np.bool_) or (isinstance(value, Real)
                                                         and value in (0, 1))
        if not is_code:
            raise ValueError(f"cens must be 0 (censored) or 1 (event observed) in every row; "
                             f"row {row} has {_shown(value)}")


def _shown(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _time_problem(value: Any) -> str | None:
    """Why ``value`` is not a usable follow-up time, or None when it is one."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return _shown(value)
    try:
        number = float(value)
    except OverflowError:  # an integer beyond about 1.8e308
        return "a number too large to use"
    if not math.isfinite(number) or number < 0:
        return _shown(value)
    return None


def kaplan_meier(data: pd.DataFrame, label: str = "all patients") -> KaplanMeierSummary:
    """Fit a Kaplan-Meier estimate of recurrence-free survival to GBSG2-style data.

    ``data`` is a DataFrame with a ``years`` column (time to the event or to the last
    follow-up, a finite number ≥ 0) and a ``cens`` column (1 = event observed, 0 = censored).
    Raises ``ValueError`` naming the field when ``data`` is not such a table, has no rows, lacks a
    column, or has a negative, missing or non-numeric time or an event code other than 0 or 1;
    and when ``label`` is not text.
    """
    _check_table(data)
    if not isinstance(label, str):
        raise ValueError(f"label must be text, e.g. 'all patients'; got {_describe(label)}")
    fitter = KaplanMeierFitter(label=label)
    fitter.fit(data["years"].astype(float), event_observed=data["cens"].astype(int))
    ci = fitter.confidence_interval_survival_function_
    return KaplanMeierSummary(
        label=label,
        n=int(len(data)),
        events=int(data["cens"].astype(int).sum()),
        timeline=tuple(float(t) for t in fitter.survival_function_.index),
        survival=tuple(float(s) for s in fitter.survival_function_.iloc[:, 0]),
        lower=tuple(float(s) for s in ci.iloc[:, 0]),
        upper=tuple(float(s) for s in ci.iloc[:, 1]),
    )


def survival_at(curve: KaplanMeierSummary, years: float) -> float:
    """Read the curve at ``years``: the estimated share (0-1) still free of the event.

    A Kaplan-Meier curve is a step function: the value at ``years`` is that of the last step at
    or before it. Raises ``ValueError`` naming ``curve`` when it is not a fitted curve (from
    :func:`kaplan_meier`), and naming ``years`` for anything but a number from 0 to the last
    follow-up (integers too large for a float included).
    """
    if not isinstance(curve, KaplanMeierSummary):
        raise ValueError(f"curve must be a fitted curve from kaplan_meier(...); got "
                         f"{_describe(curve)}")
    last = curve.timeline[-1]
    try:
        t = check_number("years", years, low=0.0, high=last, unit=" years")
    except OverflowError:
        raise ValueError(f"years must be a number between 0 and {last:g} years; got a number "
                         f"too large to use") from None
    value = 1.0
    for time, surv in zip(curve.timeline, curve.survival):
        if time <= t:
            value = surv
        else:
            break
    return value


@dataclass(frozen=True)
class LogRankSummary:
    """Result of a log-rank test between two groups."""

    test_statistic: float
    p_value: float
    groups: tuple[str, str]


def compare_hormone_therapy(data: pd.DataFrame | None = None) -> tuple[
    KaplanMeierSummary, KaplanMeierSummary, LogRankSummary
]:
    """Kaplan-Meier curves with and without hormone therapy (tamoxifen) in GBSG2, and a log-rank test.

    Returns ``(with_tamoxifen, without_tamoxifen, log_rank)``. Raises ``ValueError`` when
    ``data`` is not a table like :func:`load_gbsg2`'s (it needs ``horTh``, ``years``, ``cens``).
    """
    data = load_gbsg2() if data is None else data
    _check_table(data)
    if "horTh" not in data.columns:
        raise ValueError("data must have a 'horTh' column ('yes' or 'no': hormone therapy); "
                         "it is missing")
    yes = data[data["horTh"] == "yes"]
    no = data[data["horTh"] == "no"]
    result = logrank_test(yes["years"], no["years"], event_observed_A=yes["cens"],
                          event_observed_B=no["cens"])
    return (
        kaplan_meier(yes, "tamoxifen"),
        kaplan_meier(no, "no hormone therapy"),
        LogRankSummary(float(result.test_statistic), float(result.p_value),
                       ("tamoxifen", "no hormone therapy")),
    )
