"""Survival figures: SEER's 5-year relative survival table.

Two kinds of survival figure are taught in the collection; this module holds the first and
:mod:`helpers.kaplan_meier` the second:

- **Relative survival** from the SEER Program (NCI, *Cancer Stat Facts: Female Breast Cancer
  Subtypes*): the share of women with the cancer alive five years after diagnosis, divided by
  the share expected to be alive among people of the same age, sex and race in the general
  population in the same calendar years (SEER's expected-survival life tables). It describes
  groups of women diagnosed over several past years, not a person's chance. The figures live in
  ``data/seer_survival.csv``; each published table is kept separately (a "release" here).
- **Observed (Kaplan-Meier) survival** on real patients (:mod:`helpers.kaplan_meier`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

import pandas as pd

from ._validate import check_choice, check_number
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
    "highest_by_stage",
    "stages_where_highest",
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
        "started from (reviewed 2025-02-26); the page does not name the SEER release or the "
        "years of diagnosis",
        "2013-2019": "SEER 22 (excluding IL/MA), diagnoses 2013-2019, by SEER Combined Summary "
        "Stage",
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


def _percent(field: str, value: object) -> float:
    """``check_number`` for a percentage, refusing integers too large for a float as well.

    ``float()`` of an integer beyond about 1.8e308 raises ``OverflowError``; such a number is
    outside 0-100 anyway, so it gets the same ``ValueError`` as any other out-of-range value.
    """
    try:
        return check_number(field, value, low=0.0, high=100.0, unit=" %")
    except OverflowError:
        raise ValueError(f"{field} must be a number between 0 and 100 %; got a number too "
                         f"large to use") from None


def people_alive_of_100(percent: float) -> int:
    """Round a relative survival percentage to a whole number of people out of 100.

    Halves round up, as people round by hand (66.5 → 67, 67.5 → 68), not to the nearest even
    number as Python's ``round`` does. The icon array and the sentences use this function, so
    the number of filled icons and the number in the text always agree.

    Raises ``ValueError`` when ``percent`` is not a number from 0 to 100.
    """
    value = _percent("survival percent", percent)
    # Decimal(repr(...)) rounds the number as written (66.5), not its binary approximation.
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def survival_sentence(subtype: str, stage: str, release: str = DEFAULT_RELEASE) -> str:
    """A plain-words sentence that says what one figure of the table means, and what it does not."""
    pct = survival_pct(subtype, stage, release)
    people = people_alive_of_100(pct)
    kind = "triple-negative (HR-/HER2-)" if subtype == "HR-/HER2-" else subtype
    return (
        f"Five years after diagnosis, women with {kind} breast cancer found at the {stage} "
        f"stage were {pct:g} % as likely to be alive as women of the same age and race in the "
        f"general population over the same years: for every 100 such women alive, about "
        f"{people} with this cancer were. The figure describes women diagnosed over several "
        f"past years, as a group; it is not anyone's personal chance."
    )


def compare_releases(first: str = "seed", second: str = "2013-2019") -> pd.DataFrame:
    """Set two releases side by side for the rows they share, with the difference in points.

    Returns columns ``subtype``, ``stage``, the two releases' figures and ``difference``
    (second minus first, percentage points).
    """
    first = check_choice("first", first, RELEASES)
    second = check_choice("second", second, RELEASES)
    a = load_survival_table(first).rename(columns={"survival_pct": first})
    b = load_survival_table(second).rename(columns={"survival_pct": second})
    if first == second:
        raise ValueError(f"second release must differ from the first; got {second!r} twice")
    merged = a.merge(b, on=["subtype", "stage"], how="inner")
    merged["difference"] = (merged[second] - merged[first]).round(1)
    return merged


# --- Kaplan-Meier on real patients --------------------------------------------------------


def highest_by_stage(release: str = "2013-2019") -> pd.DataFrame:
    """For each stage of a release, the subtype (of the four) with the highest figure.

    Returns one row per stage with columns ``stage``, ``subtype`` and ``survival_pct`` (ties
    give one row per tied subtype). Only the four subtypes in :data:`SUBTYPES` compete: the
    "unknown" and "all subtypes" rows are not subtypes. The lessons' claims about which subtype
    has the best figures are checked against this function, so the wording follows the table.

    Raises ``ValueError`` for an unknown ``release``.
    """
    table = load_survival_table(release)
    table = table[table["subtype"].isin(SUBTYPES)]
    best = table.groupby("stage", sort=False)["survival_pct"].transform("max")
    rows = table[table["survival_pct"] == best].reset_index(drop=True)
    rows.attrs = dict(table.attrs)
    return rows


def stages_where_highest(subtype: str, release: str = "2013-2019") -> tuple[str, ...]:
    """The stages at which ``subtype`` has the highest figure of the subtypes in ``release``.

    In SEER's 2013-2019 table HR+/HER2- is highest at the localized and regional stages only:
    at the distant stage both HER2-positive subtypes are higher (45.6 % and 39.5 % against
    34.0 %). Stages are returned in the table's order.

    Raises ``ValueError`` naming ``subtype`` (or ``release``) for a value the release lacks.
    """
    best = highest_by_stage(release)
    known = tuple(s for s in SUBTYPES if s in set(load_survival_table(release)["subtype"]))
    subtype = check_choice("subtype", subtype, known)
    return tuple(best.loc[best["subtype"] == subtype, "stage"])
