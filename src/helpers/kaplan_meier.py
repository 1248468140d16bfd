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

from dataclasses import dataclass

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


def kaplan_meier(data: pd.DataFrame, label: str = "all patients") -> KaplanMeierSummary:
    """Fit a Kaplan-Meier estimate of recurrence-free survival to GBSG2-style data.

    ``data`` needs ``years`` and ``cens`` columns. Raises ``ValueError`` when it has no rows.
    """
    if len(data) == 0:
        raise ValueError("data must contain at least one patient; got an empty table")
    for column in ("years", "cens"):
        if column not in data.columns:
            raise ValueError(f"data must have columns 'years' and 'cens'; '{column}' is missing")
    fitter = KaplanMeierFitter(label=label)
    fitter.fit(data["years"], event_observed=data["cens"])
    ci = fitter.confidence_interval_survival_function_
    return KaplanMeierSummary(
        label=label,
        n=int(len(data)),
        events=int(data["cens"].sum()),
        timeline=tuple(float(t) for t in fitter.survival_function_.index),
        survival=tuple(float(s) for s in fitter.survival_function_.iloc[:, 0]),
        lower=tuple(float(s) for s in ci.iloc[:, 0]),
        upper=tuple(float(s) for s in ci.iloc[:, 1]),
    )


def survival_at(curve: KaplanMeierSummary, years: float) -> float:
    """Read the curve at ``years``: the estimated share (0-1) still free of the event.

    A Kaplan-Meier curve is a step function: the value at ``years`` is that of the last step at
    or before it. Raises ``ValueError`` for a negative time or one beyond the last follow-up.
    """
    t = check_number("years", years, low=0.0, high=curve.timeline[-1], unit=" years")
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

    Returns ``(with_tamoxifen, without_tamoxifen, log_rank)``.
    """
    data = load_gbsg2() if data is None else data
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
