"""Estrogen (ER) and progesterone (PR) receptor testing: ASCO/CAP 2020, and other scales.

Source of the rule: Allison KH et al., J Clin Oncol 2020;38:1346-1366. A tumour is ER- or
PR-positive when at least 1 % of tumour nuclei stain, at any intensity, and negative below 1 %.
ER staining in 1-10 % of nuclei is reported as "ER Low Positive", with the comment the
guideline recommends: data on the benefit of endocrine therapy for such tumours are limited but
suggest possible benefit, so patients are considered eligible for endocrine treatment; and the
tumours are heterogeneous, often with gene expression profiles closer to ER-negative ones. The
guideline defines this band for ER only. (Treating ER-low disease like triple-negative disease
is a practice some teams follow, not a recommendation of this guideline.)

Other scales that laboratories report (taught as other scales, not as the guideline's rule):
the Allred score (Harvey JM et al., J Clin Oncol 1999;17:1474-1481; Allred DC et al., Mod Pathol
1998;11:155) and the H-score (McCarty KS et al., Arch Pathol Lab Med 1985;109:716).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ._validate import check_choice, check_percent

__all__ = [
    "RECEPTORS",
    "RECEPTOR_CLASSES",
    "ER_BANDS",
    "PR_BANDS",
    "Band",
    "classify_receptor",
    "ALLRED_PROPORTION",
    "AllredBand",
    "ALLRED_INTENSITY",
    "AllredScore",
    "allred_score",
    "allred_positive",
    "h_score",
]

RECEPTORS = ("ER", "PR")
RECEPTOR_CLASSES = ("negative", "low positive", "positive")


@dataclass(frozen=True)
class Band:
    """A reporting band of the guideline, as written (e.g. "1-10 %"), and its label."""

    written: str
    label: str


#: ASCO/CAP 2020 reporting for ER: <1 % negative; 1-10 % low positive; >10 % positive.
ER_BANDS: tuple[Band, ...] = (
    Band("<1 %", "negative"), Band("1-10 %", "low positive"), Band(">10 %", "positive"),
)
#: ASCO/CAP 2020 reporting for PR: <1 % negative; ≥1 % positive.
PR_BANDS: tuple[Band, ...] = (Band("<1 %", "negative"), Band("≥1 %", "positive"))

POSITIVE_CUTOFF = 1.0  # % of nuclei: at or above is positive (ER and PR)
ER_LOW_UPPER = 10.0  # ER from 1 % up to and including 10 % is "low positive"


def classify_receptor(percent: float, receptor: str = "ER") -> str:
    """Classify ER or PR staining by ASCO/CAP 2020.

    ``percent`` is the share of tumour nuclei staining (0-100). ER: "negative" below 1 %,
    "low positive" from 1 % to 10 % inclusive, "positive" above 10 %. PR: "negative" below 1 %,
    "positive" from 1 %. Raises ``ValueError`` for a percent outside 0-100 or an unknown
    receptor.
    """
    receptor = check_choice("receptor", receptor, RECEPTORS)
    value = check_percent(f"{receptor.lower()}_percent", percent)
    if value < POSITIVE_CUTOFF:
        return "negative"
    if receptor == "ER" and value <= ER_LOW_UPPER:
        return "low positive"
    return "positive"


@dataclass(frozen=True)
class AllredBand:
    """Allred proportion score ``score`` for ``low < percent <= high`` (score 0: exactly 0 %)."""

    score: int
    low: float
    high: float
    label: str


#: Allred proportion scores as published: 0 none; 1 <1 %; 2 1-10 %; 3 11-33 %; 4 34-66 %;
#: 5 67-100 %. The published bands are whole percentages; a value between them (10.5 %,
#: 33.5 %) belongs to the higher band, because each band starts just above the previous
#: band's top (11-33 % means "more than 10 % up to 33 %"). Exactly 1 % scores 2.
ALLRED_PROPORTION: tuple[AllredBand, ...] = (
    AllredBand(1, 0.0, 1.0, "<1 %"),   # 0 < p < 1
    AllredBand(2, 1.0, 10.0, "1-10 %"),  # 1 <= p <= 10
    AllredBand(3, 10.0, 33.0, "11-33 %"),
    AllredBand(4, 33.0, 66.0, "34-66 %"),
    AllredBand(5, 66.0, 100.0, "67-100 %"),
)

#: Allred intensity scores.
ALLRED_INTENSITY = MappingProxyType({"none": 0, "weak": 1, "moderate": 2, "strong": 3})


@dataclass(frozen=True)
class AllredScore:
    """An Allred score: ``proportion`` (0-5) + ``intensity`` (0-3) = ``total`` (0 or 2-8)."""

    proportion: int
    intensity: int
    total: int


def _allred_proportion(percent: float) -> int:
    if percent == 0.0:
        return 0
    if percent < 1.0:
        return 1
    for band in ALLRED_PROPORTION[1:]:
        if band.low <= percent <= band.high and (band.score == 2 or percent > band.low):
            return band.score
    raise AssertionError("the Allred bands cover 0-100 %")  # pragma: no cover


def allred_score(percent: float, intensity: str) -> AllredScore:
    """Return the Allred score for the share of stained nuclei and their average intensity.

    ``percent`` 0-100; ``intensity`` "none", "weak", "moderate" or "strong". No stained cells
    (0 %) must come with intensity "none" (total 0), and any stained cells with an intensity
    other than "none"; otherwise ``ValueError`` explains the mismatch. Totals run 0 or 2-8.
    """
    value = check_percent("percent", percent)
    level = check_choice("intensity", intensity, ALLRED_INTENSITY)
    if value == 0.0 and level != "none":
        raise ValueError(f"intensity must be 'none' when percent is 0 (no cells stain); "
                         f"got {intensity!r}")
    if value > 0.0 and level == "none":
        raise ValueError("intensity must be one of 'weak', 'moderate', 'strong' when percent is "
                         f"above 0; got {intensity!r}")
    proportion = _allred_proportion(value)
    points = ALLRED_INTENSITY[level]
    return AllredScore(proportion, points, proportion + points)


def allred_positive(total: int) -> bool:
    """True when an Allred total is 3 or more, the original positive cut-off (Harvey 1999).

    Raises ``ValueError`` unless ``total`` is 0 or a whole number from 2 to 8.
    """
    from ._validate import check_int

    value = check_int("total", total, low=0, high=8)
    if value == 1:
        raise ValueError("total must be 0 or a whole number from 2 to 8; got 1")
    return value >= 3


def h_score(pct_weak: float, pct_moderate: float, pct_strong: float) -> float:
    """Return the H-score, 1 × % weak + 2 × % moderate + 3 × % strong (0-300; McCarty 1985).

    Each percentage is 0-100 and together they cannot exceed 100 (a cell has one intensity);
    otherwise ``ValueError`` names the fields.
    """
    weak = check_percent("pct_weak", pct_weak)
    moderate = check_percent("pct_moderate", pct_moderate)
    strong = check_percent("pct_strong", pct_strong)
    if weak + moderate + strong > 100.0 + 1e-9:
        raise ValueError(
            "pct_weak + pct_moderate + pct_strong must add up to at most 100 %; got "
            f"{weak:g} + {moderate:g} + {strong:g} = {weak + moderate + strong:g}"
        )
    return weak + 2 * moderate + 3 * strong
