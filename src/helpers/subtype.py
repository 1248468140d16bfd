"""Breast cancer subtypes by hormone-receptor and HER2 status, as SEER groups them.

HR+ means ER-positive or PR-positive (at least 1 % of tumour nuclei staining; ASCO/CAP 2020,
Allison KH et al., J Clin Oncol 2020;38:1346-1366); HR- means both are negative. Together with
the HER2 result (ASCO/CAP 2018, affirmed 2023) this gives SEER's four subtypes (NCI SEER,
Cancer Stat Facts: Female Breast Cancer Subtypes). HR-/HER2- is triple-negative breast cancer.

Teaching point: ER-low-positive tumours (ER 1-10 %) count as HR+. The comment ASCO/CAP 2020
recommends says endocrine benefit data are limited but suggest possible benefit (so patients are
considered eligible for endocrine treatment), and that the tumours are heterogeneous and often
behave more like ER-negative ones.
"""

from __future__ import annotations

from types import MappingProxyType

from ._validate import check_choice, check_percent
from .receptors import classify_receptor

__all__ = ["SUBTYPES", "HER2_STATUSES", "SUBTYPE_NAMES", "hormone_receptor_status",
           "molecular_subtype", "is_triple_negative", "is_er_low"]

#: SEER's four subtypes, most common first.
SUBTYPES = ("HR+/HER2-", "HR-/HER2-", "HR+/HER2+", "HR-/HER2+")
HER2_STATUSES = ("positive", "negative")

#: Plain names used in the lessons.
SUBTYPE_NAMES = MappingProxyType({
    "HR+/HER2-": "hormone-receptor-positive, HER2-negative",
    "HR-/HER2-": "triple-negative",
    "HR+/HER2+": "hormone-receptor-positive, HER2-positive",
    "HR-/HER2+": "hormone-receptor-negative, HER2-positive",
})


def hormone_receptor_status(er_percent: float, pr_percent: float) -> str:
    """Return "HR+" when ER or PR stains in at least 1 % of tumour nuclei, else "HR-".

    Raises ``ValueError`` for a percent outside 0-100.
    """
    er = classify_receptor(er_percent, "ER")
    pr = classify_receptor(pr_percent, "PR")
    return "HR+" if er != "negative" or pr == "positive" else "HR-"


def _her2(her2_status: str) -> str:
    if her2_status == "equivocal":
        raise ValueError(
            "her2_status must be one of 'positive', 'negative'; got 'equivocal': an IHC 2+ "
            "result needs reflex ISH before the subtype can be given"
        )
    return check_choice("her2_status", her2_status, HER2_STATUSES)


def molecular_subtype(er_percent: float, pr_percent: float, her2_status: str) -> str:
    """Return the SEER subtype: "HR+/HER2-", "HR-/HER2-", "HR+/HER2+" or "HR-/HER2+".

    ``er_percent`` and ``pr_percent`` are the shares of tumour nuclei staining (0-100);
    ``her2_status`` is "positive" or "negative" (as given by ``classify_her2``; an equivocal
    result must be resolved by ISH first). Raises ``ValueError`` naming the field otherwise.
    """
    her2 = _her2(her2_status)
    hr = hormone_receptor_status(er_percent, pr_percent)
    return f"{hr}/HER2{'+' if her2 == 'positive' else '-'}"


def is_triple_negative(er_percent: float, pr_percent: float, her2_status: str) -> bool:
    """True when ER and PR are both below 1 % and HER2 is negative (HR-/HER2-)."""
    return molecular_subtype(er_percent, pr_percent, her2_status) == "HR-/HER2-"


def is_er_low(er_percent: float) -> bool:
    """True for ER-low-positive tumours (ER 1-10 %): HR+ by label, often triple-negative-like."""
    return classify_receptor(check_percent("er_percent", er_percent), "ER") == "low positive"
