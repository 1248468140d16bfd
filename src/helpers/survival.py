"""Survival figures: SEER's 5-year relative survival table and Kaplan-Meier estimates.

Two kinds of survival figure are taught here:

- **Relative survival** from the SEER Program (NCI, *Cancer Stat Facts: Female Breast Cancer
  Subtypes*): the share of people with the cancer alive five years after diagnosis, divided by
  the share expected to be alive among people of the same age and sex in the general
  population. It describes groups diagnosed years ago, not a person's chance. The figures live
  in ``data/seer_survival.csv``; each published release is a separate table.
- **Observed (Kaplan-Meier) survival** on real patients: the German Breast Cancer Study Group 2
  trial data shipped with lifelines (Schumacher M et al., J Clin Oncol 1994;12:2086-2093),
  estimated with :class:`lifelines.KaplanMeierFitter` and compared with a log-rank test.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from ._validate import check_choice, check_number, check_percent
from .datafiles import read_table

__all__ = [
    "SUBTYPES",
    "STAGES",
    "RELEASES",
    "DEFAULT_RELEASE",
    "load_survival_table",
    "survival_pct",
    "survival_sentence",
    "people_alive_of_100",
    "compare_releases",
    "load_gbsg2",
    "KaplanMeierSummary",
    "kaplan_meier",
    "survival_at",
    "LogRankSummary",
    "compare_hormone_therapy",
]

#: The four SEER subtypes (HR = hormone receptor), and the two SEER adds for completeness.
SUBTYPES = ("HR+/HER2-", "HR-/HER2-", "HR+/HER2+", "HR-/HER2+")
OTHER_GROUPS = ("unknown", "all subtypes")
#: SEER summary stages that the survival table is organised by.
STAGES = ("localized", "regional", "distant")

#: Each release of the table, and what it is.
RELEASES = MappingProxyType(
    {
        "seed": "SEER figures as quoted, rounded, by the Cleveland Clinic page the collection "
        "started from (reviewed 2025-02-26); the page does not name the data years",
        "2013-2019": "SEER 22 (excluding IL/MA), diagnoses 2013-2019, by SEER summary stage",
        "2014-2020": "SEER 22 (excluding IL/MA), diagnoses 2014-2020, all stages combined",
    }
)
DEFAULT_RELEASE = "seed"

_COLUMNS = ["subtype", "stage", "survival_pct"]


def load_survival_table(release: str = DEFAULT_RELEASE) -> pd.DataFrame:
    """Return one release of SEER's 5-year relative survival table, tidy.

    One row per subtype and stage, with columns ``subtype`` (``"HR+/HER2-"``, ``"HR-/HER2-"``,
    ...), ``stage`` (``"localized"``, ``"regional"``, ``"distant"``; ``"all stages"`` in release
    ``"2014-2020"``) and ``survival_pct`` (float, percent). The default, ``"seed"``, is the table
    the collection started from: HR+/HER2- 100/90/35 and HR-/HER2- 92/67/14. ``df.attrs`` holds
    the release and its description.

    Raises ``ValueError`` for an unknown ``release``.
    Source: SEER Cancer Stat Facts, Female Breast Cancer Subtypes (data/seer_survival.meta.json).
    """
    release = check_choice("release", release, RELEASES)
    table = read_table("seer_survival")
    rows = table.loc[table["release"] == release, _COLUMNS].reset_index(drop=True)
    rows["subtype"] = rows["subtype"].astype(str)
    rows["stage"] = rows["stage"].astype(str)
    rows["survival_pct"] = rows["survival_pct"].astype(float)
    rows.attrs = {"release": release, "description": RELEASES[release]}
    return rows


def survival_pct(subtype: str, stage: str, release: str = DEFAULT_RELEASE) -> float:
    """Return the 5-year relative survival (percent) for one subtype and stage of a release.

    Raises ``ValueError`` naming ``subtype`` or ``stage`` and the values that release has.
    """
    table = load_survival_table(release)
    subtype = check_choice("subtype", subtype, tuple(dict.fromkeys(table["subtype"])))
    stage = check_choice("stage", stage, tuple(dict.fromkeys(table["stage"])))
    row = table[(table["subtype"] == subtype) & (table["stage"] == stage)]
    return float(row["survival_pct"].iloc[0])


def people_alive_of_100(percent: float) -> int:
    """Round a relative survival percentage to a whole number of people out of 100.

    Raises ``ValueError`` when ``percent`` is not a number from 0 to 100.
    """
    value = check_percent("survival percent", percent)
    return int(round(value))


def survival_sentence(subtype: str, stage: str, release: str = DEFAULT_RELEASE) -> str:
    """A plain-words sentence that says what one figure of the table means, and what it does not."""
    pct = survival_pct(subtype, stage, release)
    people = people_alive_of_100(pct)
    kind = "triple-negative (HR-/HER2-)" if subtype == "HR-/HER2-" else subtype
    return (
        f"Five years after diagnosis, people with {kind} breast cancer found at the {stage} "
        f"stage were {pct:g} % as likely to be alive as people of the same age and sex in the "
        f"general population: for every 100 such people alive, about {people} with this cancer "
        f"were. The figure describes people diagnosed years ago, as a group; it is not anyone's "
        f"personal chance."
    )


def compare_releases(first: str = "seed", second: str = "2013-2019") -> pd.DataFrame:
    """Set two releases side by side for the rows they share, with the difference in points.

    Returns columns ``subtype``, ``stage``, the two releases' figures and ``difference``
    (second minus first, percentage points).
    """
    a = load_survival_table(first).rename(columns={"survival_pct": first})
    b = load_survival_table(second).rename(columns={"survival_pct": second})
    if first == second:
        raise ValueError(f"second release must differ from the first; got {second!r} twice")
    merged = a.merge(b, on=["subtype", "stage"], how="inner")
    merged["difference"] = (merged[second] - merged[first]).round(1)
    return merged


# --- Kaplan-Meier on real patients --------------------------------------------------------

DAYS_PER_YEAR = 365.25


def load_gbsg2() -> pd.DataFrame:
    """Return the German Breast Cancer Study Group 2 data set that lifelines ships (offline).

    686 women with node-positive breast cancer in a trial of the 1980s (Schumacher M et al.,
    J Clin Oncol 1994). Columns include ``horTh`` (hormone therapy, tamoxifen: "yes"/"no"),
    ``time`` (days to recurrence or death, or to last follow-up) and ``cens`` (1 = recurrence or
    death observed, 0 = censored), to which this function adds ``years``.
    """
    from lifelines.datasets import load_gbsg2 as _load

    data = _load()
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
    from lifelines import KaplanMeierFitter

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
    from lifelines.statistics import logrank_test

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
