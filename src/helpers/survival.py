"""Survival figures: SEER's 5-year relative survival table.

Two kinds of survival figure are taught in the collection; this module holds the first and
:mod:`helpers.kaplan_meier` the second:

- **Relative survival** from the SEER Program (NCI, *Cancer Stat Facts: Female Breast Cancer
  Subtypes*): the share of people with the cancer alive five years after diagnosis, divided by
  the share expected to be alive among people of the same age and sex in the general
  population. It describes groups diagnosed years ago, not a person's chance. The figures live
  in ``data/seer_survival.csv``; each published release is a separate table.
- **Observed (Kaplan-Meier) survival** on real patients (:mod:`helpers.kaplan_meier`).
"""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd

from ._validate import check_choice, check_percent
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
