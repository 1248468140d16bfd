"""A dual-probe ISH counting simulator for teaching (ASCO/CAP HER2 2018, affirmed 2023).

In dual-probe in situ hybridisation a red probe marks copies of the HER2 gene and a green probe
marks CEP17, the centromere of chromosome 17, in each tumour nucleus. The guideline asks for
signals to be counted in at least 20 nuclei; the HER2/CEP17 ratio and the average HER2 copies
per nucleus then place the case in one of five groups (:func:`helpers.her2.ish_group`).

:func:`simulate_field` makes a seeded, reproducible field of nuclei from a chosen true ratio and
copy number (Poisson counts around the truth, so a fair count of 20 nuclei scatters around it);
:func:`count_result` turns the student's counts into the ratio, mean copies, group and final
result and says how far they fall from the truth. A simulation, not an image of real tissue.

Source: Wolff AC et al., J Clin Oncol 2018;36:2105-2122; J Clin Oncol 2023;41:3867-3872.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._validate import check_choice, check_int, check_number, shown
from .her2 import IHC_INPUTS, MAX_ISH_RATIO, Her2Result, classify_her2, ish_group

__all__ = ["MIN_NUCLEI", "MAX_NUCLEI_COUNTED", "Nucleus", "IshField", "IshCount",
           "simulate_field", "fair_count", "count_result"]

#: The guideline's minimum number of nuclei to count.
MIN_NUCLEI = 20
#: The most nuclei one count may list: a simulated field holds at most 60, and a recount by a
#: second observer adds 20 more; a longer list is refused before any of it is read.
MAX_NUCLEI_COUNTED = 100


@dataclass(frozen=True)
class Nucleus:
    """One simulated nucleus: centre (x, y) in a unit field, radius, and its signal positions."""

    x: float
    y: float
    radius: float
    her2: tuple[tuple[float, float], ...]  # red signals
    cep17: tuple[tuple[float, float], ...]  # green signals


@dataclass(frozen=True)
class IshField:
    """A simulated field: the truth it was drawn from and its nuclei."""

    true_ratio: float
    true_copies: float
    seed: int
    nuclei: tuple[Nucleus, ...]


@dataclass(frozen=True)
class IshCount:
    """What a count of nuclei gives, next to the truth the field was drawn from."""

    nuclei_counted: int
    her2_total: int
    cep17_total: int
    ratio: float
    mean_copies: float
    group: int
    her2: Her2Result
    true_group: int
    ratio_error: float  # counted minus true
    copies_error: float


def _spots(rng: np.random.Generator, n: int, x: float, y: float, r: float
           ) -> np.ndarray:
    """``n`` random points in the inner three quarters of a nucleus (an ``n`` x 2 array)."""
    angle = rng.uniform(0, 2 * np.pi, n)
    dist = r * 0.75 * np.sqrt(rng.uniform(0, 1, n))
    return np.column_stack([x + dist * np.cos(angle), y + dist * np.sin(angle)])


def _spread(points: np.ndarray, x: float, y: float, r: float, rounds: int = 30
            ) -> np.ndarray:
    """Push apart signals that sit on top of each other, so each can be counted by eye.

    Pairs closer than 0.4 of the radius move apart, a little at a time, and every point
    stays within 0.85 of the radius from the centre. Deterministic: the field's counts and its
    random draws are unchanged.
    """
    points = points.copy()
    if len(points) < 2:
        return points
    gap = 0.4 * r
    for _ in range(rounds):
        moved = False
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                delta = points[j] - points[i]
                dist = float(np.hypot(*delta))
                if dist < gap:
                    direction = delta / dist if dist > 1e-12 else np.array(
                        [np.cos(i + j), np.sin(i + j)])
                    shift = (gap - dist) / 2 * direction
                    points[i] -= shift
                    points[j] += shift
                    moved = True
        offset = points - (x, y)
        norm = np.hypot(offset[:, 0], offset[:, 1])
        far = norm > 0.85 * r
        points[far] = (x, y) + offset[far] / norm[far, None] * 0.85 * r
        if not moved:
            break
    return points


def _as_tuple(points: np.ndarray) -> tuple[tuple[float, float], ...]:
    return tuple((float(px), float(py)) for px, py in points)


def simulate_field(true_ratio: float, true_copies: float, n_nuclei: int = 30,
                   seed: int = 0) -> IshField:
    """Return a seeded field of ``n_nuclei`` nuclei with red HER2 and green CEP17 signals.

    The nuclei lie on a grid in reading order (nucleus 1 at the top left, then along the row,
    row after row down the field), so that "nuclei 1 to 20" are easy to find and count in turn.
    Each nucleus gets a Poisson number of HER2 signals with mean ``true_copies`` and of CEP17
    signals with mean ``true_copies / true_ratio`` (at least one CEP17 signal each, as a nucleus
    with none would not be scored). Raises ``ValueError`` for a ratio outside 0.5-10, copies
    outside 1-25, or ``n_nuclei`` outside 20-60.
    """
    ratio = check_number("true_ratio", true_ratio, low=0.5, high=10.0)
    copies = check_number("true_copies", true_copies, low=1.0, high=25.0)
    n = check_int("n_nuclei", n_nuclei, low=MIN_NUCLEI, high=60)
    seed = check_int("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    cols = int(np.ceil(np.sqrt(n * 1.5)))
    rows = int(np.ceil(n / cols))
    nuclei = []
    for i in range(n):
        # In reading order: left to right along a row, rows from the top down.
        cx = (i % cols + 0.5) / cols + rng.uniform(-0.12, 0.12) / cols
        cy = 1 - (i // cols + 0.5) / rows + rng.uniform(-0.12, 0.12) / rows
        radius = 0.36 / max(cols, rows) * rng.uniform(0.9, 1.1)
        n_her2 = int(rng.poisson(copies))
        n_cep = max(1, int(rng.poisson(copies / ratio)))
        her2 = _spots(rng, n_her2, cx, cy, radius)
        cep17 = _spots(rng, n_cep, cx, cy, radius)
        # Both kinds are spread together, so a red dot never hides a green triangle either.
        spread = _spread(np.vstack([her2, cep17]), cx, cy, radius)
        nuclei.append(Nucleus(float(cx), float(cy), float(radius), _as_tuple(spread[:n_her2]),
                              _as_tuple(spread[n_her2:])))
    return IshField(ratio, copies, seed, tuple(nuclei))


def fair_count(field: IshField, n: int = MIN_NUCLEI) -> tuple[tuple[int, int], ...]:
    """Return (HER2, CEP17) counts of the first ``n`` nuclei, counted without error."""
    n = check_int("n", n, low=MIN_NUCLEI, high=len(field.nuclei))
    return tuple((len(nu.her2), len(nu.cep17)) for nu in field.nuclei[:n])


def count_result(counts: Sequence[tuple[int, int]], ihc: str = "2+",
                 field: IshField | None = None) -> IshCount:
    """Turn per-nucleus (HER2, CEP17) counts into ratio, mean copies, group and HER2 result.

    ``counts`` needs 20 to 100 pairs of whole numbers (HER2 0-50, CEP17 0-50) with a CEP17
    total above 0, giving a ratio of at most 50. ``ihc`` is the concurrent IHC score (default
    "2+", the usual reason for reflex ISH). With ``field`` the errors are counted minus true;
    without it they are 0 and the true group is the counted one. Raises ``ValueError`` naming
    the field at fault.
    """
    ihc = check_choice("ihc", ihc, IHC_INPUTS)
    if (isinstance(counts, str) or not isinstance(counts, Sequence)
            or not MIN_NUCLEI <= len(counts) <= MAX_NUCLEI_COUNTED):
        given = f"{len(counts):,} nuclei" if isinstance(counts, Sequence) else shown(counts)
        raise ValueError(f"The counts must list {MIN_NUCLEI} to {MAX_NUCLEI_COUNTED} nuclei, a HER2 "
                         f"and a CEP17 count for each; got {given}")
    her2_total = cep_total = 0
    for i, pair in enumerate(counts, start=1):
        if not isinstance(pair, Sequence) or len(pair) != 2:
            raise ValueError(f"Nucleus {i} of the counts must be a pair: its HER2 count and its "
                             f"CEP17 count; got {shown(pair)}")
        her2_total += check_int(f"HER2 count of nucleus {i}", pair[0], low=0, high=50)
        cep_total += check_int(f"CEP17 count of nucleus {i}", pair[1], low=0, high=50)
    if cep_total == 0:
        raise ValueError("The CEP17 signals must add up to more than 0 (a ratio needs CEP17 "
                         "signals); got 0")
    n = len(counts)
    ratio = her2_total / cep_total
    if ratio > MAX_ISH_RATIO:
        raise ValueError(f"These counts give a HER2/CEP17 ratio of {ratio:.1f}, above "
                         f"{MAX_ISH_RATIO:g}, which no real count reaches: check the CEP17 "
                         f"counts (HER2 total {her2_total}, CEP17 total {cep_total})")
    copies = her2_total / n
    group = ish_group(ratio, copies)
    result = classify_her2(ihc, ratio, copies)
    if field is None:
        return IshCount(n, her2_total, cep_total, ratio, copies, group, result, group, 0.0, 0.0)
    return IshCount(n, her2_total, cep_total, ratio, copies, group, result,
                    ish_group(field.true_ratio, field.true_copies),
                    ratio - field.true_ratio, copies - field.true_copies)
