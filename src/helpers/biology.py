"""A teaching cartoon of HER2 biology: gene copies per cell → receptors on the membrane → IHC score.

THIS IS A CARTOON, NOT A TEST. In the laboratory an IHC score is assigned by a pathologist from
how tumour cells *stain* (ASCO/CAP 2018, affirmed 2023: Wolff AC et al., J Clin Oncol
2018;36:2105-2122 and 2023;41:3867-3872); it is never computed from a gene count. Gene copy
number and protein level go together on average, but the link is imperfect: some tumours
overexpress the protein without extra gene copies, and ISH groups 2-4 exist because counts and
staining can disagree.

The model used here, for the widget of lesson 01:

* a normal cell carries 2 copies of ERBB2 (one per chromosome 17); relative receptor density is
  ``copies / 2`` (1.0 = a normal cell);
* the cartoon cell keeps a normal chromosome 17, so a dual-probe ISH count would see 2 CEP17
  signals: its HER2/CEP17 ratio is ``copies / 2`` and its ISH group comes from the guideline's
  table (:func:`helpers.her2.ish_group`). From 4.0 copies the ratio is at least 2.0: ISH group 1,
  HER2-positive (amplified). Below 4.0 the cartoon cell is not amplified;
* the "typical" IHC score is read from a small table held as data (:data:`TYPICAL_IHC`). Its
  steps are illustrative, not measured: below 4.0 copies the cartoon does not pretend to know
  the score, because tumours without amplification may stain 0, 1+ or 2+ and only the stain
  tells them apart.

"Not amplified" means a negative final ISH result, not "fewer than 4 copies". The 4-copy step
holds only for the cartoon cell, whose chromosome 17 count is normal. In real tumours ratio and
copy number can point different ways (ISH groups 2-4): a tumour with 4 to <6 copies and a ratio
below 2.0 (group 4) is HER2-negative unless IHC is 3+, and one with 6 or more copies and a ratio
below 2.0 (group 3) is negative with IHC 0 or 1+. With IHC 1+, or 2+ and a negative ISH, such a
tumour is HER2-low although it carries 4 or more copies.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ._validate import check_int, check_number
from .her2 import COPIES_LOW, RATIO_CUTOFF, ish_group

__all__ = ["NORMAL_COPIES", "CEP17_SIGNALS", "MAX_COPIES", "AMPLIFIED_FROM", "TYPICAL_IHC",
           "relative_receptor_density", "typical_ihc_score", "receptor_angles", "CellCartoon",
           "cell_cartoon"]

#: ERBB2 copies in a normal (diploid) cell.
NORMAL_COPIES = 2
#: Largest copy number the cartoon accepts.
MAX_COPIES = 30

#: CEP17 signals of the cartoon cell (a normal chromosome 17 pair).
CEP17_SIGNALS = 2
#: Lowest copy number at which the cartoon cell is amplified: with 2 CEP17 signals, 4.0 copies
#: give a ratio of 2.0, and ratio ≥2.0 with ≥4.0 copies is ISH group 1, HER2-positive.
AMPLIFIED_FROM = max(COPIES_LOW, RATIO_CUTOFF * CEP17_SIGNALS)

#: (lowest copies per cell, typical IHC score, plain words), checked from the top down.
#: Illustrative steps: only the step at 4.0 copies follows a guideline cut-off (ISH group 1).
TYPICAL_IHC: tuple[tuple[float, str, str], ...] = (
    (6.0, "3+", "many extra copies, well inside ISH group 1 (HER2-positive); the membrane is "
                "crowded with receptors"),
    (AMPLIFIED_FROM, "2+ or 3+", "amplified: against the 2 CEP17 signals the ratio is at least "
                                 "2.0 with at least 4.0 copies, ISH group 1, so HER2-positive "
                                 "whatever the IHC score"),
    (0.0, "0, 1+ or 2+", "not amplified: receptor numbers vary and only the stain tells 0, 1+ "
                         "and 2+ apart; null, ultralow and low all occur here (and HER2-low "
                         "tumours can also carry 4 or more copies when the ratio is below 2.0, "
                         "ISH groups 3 and 4)"),
)


def _copies(copies: float) -> float:
    return check_number("copies", copies, low=0, high=MAX_COPIES, unit=" copies per cell")


def relative_receptor_density(copies: float) -> float:
    """Relative HER2 receptor density on the membrane, 1.0 being a normal cell (2 copies).

    Input: ``copies``, average ERBB2 copies per cell, 0 to 30. Output: ``copies / 2``.
    Raises ``ValueError`` naming ``copies`` when out of range. Source: teaching cartoon (see
    module docstring); real protein levels follow copy number only roughly.
    """
    return _copies(copies) / NORMAL_COPIES


def typical_ihc_score(copies: float) -> tuple[str, str]:
    """The IHC score a cell with this many ERBB2 copies would *typically* produce, in the cartoon.

    Returns ``(score, plain words)`` from :data:`TYPICAL_IHC`: "0, 1+ or 2+" below 4.0 copies
    (not amplified), "2+ or 3+" from 4.0 (ISH group 1), "3+" from 6.0. Raises ``ValueError``
    naming ``copies`` when not from 0 to 30. Illustrative, not a rule: real scores come from
    staining (ASCO/CAP 2018, affirmed 2023).
    """
    value = _copies(copies)
    for lowest, score, words in TYPICAL_IHC:
        if value >= lowest:
            return score, words
    raise AssertionError("TYPICAL_IHC must end with a row starting at 0")  # pragma: no cover


def receptor_angles(copies: float, seed: int = 0, per_copy: int = 6) -> tuple[float, ...]:
    """Angles (radians, 0 to 2π) of receptors drawn around a round cell membrane.

    ``per_copy`` receptors are drawn for each gene copy (whole copies, rounded), at least one
    receptor is drawn when ``copies`` > 0. Positions are random but repeatable: the same ``seed``
    gives the same angles. Raises ``ValueError`` naming the field for bad ``copies``, ``seed`` or
    ``per_copy`` (1 to 20).
    """
    value = _copies(copies)
    seed = check_int("seed", seed, low=0)
    per_copy = check_int("per_copy", per_copy, low=1, high=20)
    n = 0 if value == 0 else max(1, round(value * per_copy))
    rng = random.Random(seed)
    return tuple(sorted(rng.uniform(0.0, 2 * math.pi) for _ in range(n)))


@dataclass(frozen=True)
class CellCartoon:
    """Everything the widget shows for one copy number."""

    copies: float
    density: float
    ihc: str
    words: str
    angles: tuple[float, ...]
    ratio: float  # HER2/CEP17 against the cell's 2 CEP17 signals
    ish_group: int  # from the guideline's table (helpers.her2.ish_group)


def cell_cartoon(copies: float, seed: int = 0) -> CellCartoon:
    """Bundle density, typical IHC score, receptor positions, HER2/CEP17 ratio and ISH group
    for ``copies`` (0 to 30)."""
    value = _copies(copies)
    score, words = typical_ihc_score(value)
    ratio = value / CEP17_SIGNALS
    return CellCartoon(value, relative_receptor_density(value), score, words,
                       receptor_angles(value, seed), ratio, ish_group(ratio, value))
