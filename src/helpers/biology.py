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
* the "typical" IHC score is read from a small table held as data (:data:`TYPICAL_IHC`) whose
  steps sit at the ASCO/CAP ISH average-copy cut-offs of 4.0 and 6.0 HER2 signals per cell, so
  that the cartoon agrees with the direction of the real rules without pretending to reproduce
  them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ._validate import check_int, check_number

__all__ = ["NORMAL_COPIES", "MAX_COPIES", "TYPICAL_IHC", "relative_receptor_density",
           "typical_ihc_score", "receptor_angles", "CellCartoon", "cell_cartoon"]

#: ERBB2 copies in a normal (diploid) cell.
NORMAL_COPIES = 2
#: Largest copy number the cartoon accepts.
MAX_COPIES = 30

#: (lowest copies per cell, typical IHC score, plain words), checked from the top down.
#: Cartoon steps placed at the ASCO/CAP ISH cut-offs of 4.0 and 6.0 average HER2 signals per cell.
TYPICAL_IHC: tuple[tuple[float, str, str], ...] = (
    (6.0, "3+", "many extra copies: membrane crowded with receptors (HER2-positive range)"),
    (4.0, "2+", "some extra copies: more receptors than normal (equivocal range; ISH decides)"),
    (3.0, "1+", "slight excess: faint, incomplete staining (HER2-low range)"),
    (0.0, "0", "normal copy number: few receptors, little or no staining"),
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

    Returns ``(score, plain words)`` from :data:`TYPICAL_IHC`. Raises ``ValueError`` naming
    ``copies`` when not from 0 to 30. Not a rule: real scores come from staining (ASCO/CAP 2018/2023).
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


def cell_cartoon(copies: float, seed: int = 0) -> CellCartoon:
    """Bundle density, typical IHC score and receptor positions for ``copies`` (0 to 30)."""
    value = _copies(copies)
    score, words = typical_ihc_score(value)
    return CellCartoon(value, relative_receptor_density(value), score, words,
                       receptor_angles(value, seed))
