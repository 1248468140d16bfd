"""HER2 testing of breast cancer by the ASCO/CAP guideline (2018 focused update, affirmed 2023).

Sources: Wolff AC et al., J Clin Oncol 2018;36:2105-2122 (Arch Pathol Lab Med 2018;142:1364);
Wolff AC et al., J Clin Oncol 2023;41:3867-3872 (the 2023 update affirmed the 2018 rules and
added a reporting comment on the relevance of IHC 0 versus 1+, with practice points for telling
them apart). HER2-low and HER2-ultralow are trial and drug-label categories (DESTINY-Breast04,
Modi S et al., N Engl J Med 2022;387:9-20; DESTINY-Breast06, Bardia A et al., N Engl J Med
2024;391:2110-2122), not ASCO/CAP result categories: the 2023 update declined to create them.
HER2-low is non-amplified by definition (IHC 1+, or 2+ with a negative ISH). A report of plain
IHC 0 does not say whether it is null or ultralow: :func:`classify_her2` says so rather than
guessing.

The guideline's three tables are held here as data -- :data:`IHC_SCORES`, :data:`ISH_GROUPS`
and :data:`FINAL_RESULTS` -- and :func:`classify_her2` is a thin reader over them, so that the
lesson's flowchart can be drawn from the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ._validate import check_choice, check_number

__all__ = [
    "IHC_SCORES",
    "IhcScore",
    "ISH_GROUPS",
    "IshGroup",
    "FINAL_RESULTS",
    "FinalResult",
    "IHC_INPUTS",
    "STATUSES",
    "EXPRESSIONS",
    "NOT_SUBCLASSIFIED",
    "Her2Result",
    "ish_group",
    "classify_her2",
    "MAX_ISH_RATIO",
    "MAX_HER2_COPIES",
]

#: Accepted values of ``ihc``. Plain "0" is an IHC 0 whose report does not say whether any
#: membrane staining was seen: HER2-negative, but neither null nor ultralow until that is known.
IHC_INPUTS = ("0", "0 (null)", "0 (ultralow)", "1+", "2+", "3+")
STATUSES = ("positive", "negative", "equivocal")
#: Expression of an IHC 0 reported without saying null or ultralow.
NOT_SUBCLASSIFIED = "0 (not subclassified)"
EXPRESSIONS = ("positive", "low", "ultralow", "null", NOT_SUBCLASSIFIED, "pending")

RATIO_CUTOFF = 2.0  # HER2/CEP17 ratio: >= 2.0 is "high"
COPIES_LOW = 4.0  # average HER2 signals per cell
COPIES_HIGH = 6.0

#: The largest HER2/CEP17 ratio and average HER2 copies per nucleus accepted. Signals are
#: counted by eye in 20 or more nuclei; in heavily amplified nuclei they merge into clusters
#: whose copies are estimated (often reported just as "more than 20"), so no count reaches a
#: ratio of 50 or 100 copies per nucleus. These limits are chosen well above any real report,
#: to refuse typing slips and nonsense (a ratio of 1e308), not to judge a real count; the data
#: files and the classifier widget use the same limits. The cut-offs that decide the result
#: (ratio 2.0, copies 4.0 and 6.0) lie far below them.
MAX_ISH_RATIO = 50.0
MAX_HER2_COPIES = 100.0


@dataclass(frozen=True)
class IhcScore:
    """One row of the guideline's IHC table."""

    score: str
    staining: str
    result: str


#: IHC scoring, read on the invasive tumour only (ASCO/CAP 2018, affirmed 2023).
IHC_SCORES: tuple[IhcScore, ...] = (
    IhcScore("3+", "complete, intense, circumferential membrane staining in >10 % of invasive "
                   "tumour cells", "positive"),
    IhcScore("2+", "weak to moderate complete membrane staining in >10 % of invasive tumour "
                   "cells", "equivocal: reflex ISH on the same specimen, or a new test (IHC or "
                   "ISH) on a new specimen"),
    IhcScore("1+", "incomplete membrane staining that is faint or barely perceptible, in >10 % "
                   "of invasive tumour cells", "negative"),
    IhcScore("0", "no staining, or incomplete faint/barely perceptible membrane staining in "
                  "≤10 % of invasive tumour cells", "negative"),
)


@dataclass(frozen=True)
class IshGroup:
    """One row of the guideline's dual-probe ISH table.

    A case is in the group when ``ratio_low <= ratio < ratio_high`` and
    ``copies_low <= copies < copies_high`` (``None`` = unbounded).
    """

    group: int
    ratio_low: float | None
    ratio_high: float | None
    copies_low: float | None
    copies_high: float | None
    description: str


#: Dual-probe ISH groups (HER2/CEP17 ratio; average HER2 signals per cell; ≥20 cells counted).
ISH_GROUPS: tuple[IshGroup, ...] = (
    IshGroup(1, RATIO_CUTOFF, None, COPIES_LOW, None, "ratio ≥2.0 and ≥4.0 HER2 signals/cell"),
    IshGroup(2, RATIO_CUTOFF, None, None, COPIES_LOW, "ratio ≥2.0 and <4.0 HER2 signals/cell"),
    IshGroup(3, None, RATIO_CUTOFF, COPIES_HIGH, None, "ratio <2.0 and ≥6.0 HER2 signals/cell"),
    IshGroup(4, None, RATIO_CUTOFF, COPIES_LOW, COPIES_HIGH,
             "ratio <2.0 and ≥4.0 but <6.0 HER2 signals/cell"),
    IshGroup(5, None, RATIO_CUTOFF, None, COPIES_LOW, "ratio <2.0 and <4.0 HER2 signals/cell"),
)


@dataclass(frozen=True)
class FinalResult:
    """One cell of the guideline's ISH-group × concurrent-IHC table."""

    group: int
    ihc: str  # "0/1+", "2+" or "3+"
    status: str
    rule: str


def _rows() -> tuple[FinalResult, ...]:
    rows = []
    for ihc in ("0/1+", "2+", "3+"):
        rows.append(FinalResult(1, ihc, "positive",
                                "ISH group 1 (ratio ≥2.0, ≥4.0 copies) is positive"))
    rows += [
        FinalResult(2, "0/1+", "negative", "ISH group 2 with IHC 0 or 1+ is negative (with a "
                                           "comment)"),
        FinalResult(2, "2+", "negative", "ISH group 2 with IHC 2+: a second observer recounts; "
                                         "if still group 2 the result is negative (with a "
                                         "comment)"),
        FinalResult(2, "3+", "positive", "ISH group 2 with concurrent IHC 3+ is positive"),
        FinalResult(3, "0/1+", "negative", "ISH group 3 with IHC 0 or 1+ is negative (with a "
                                           "comment)"),
        FinalResult(3, "2+", "positive", "ISH group 3 with IHC 2+: a second observer recounts; "
                                         "if still group 3 the result is positive"),
        FinalResult(3, "3+", "positive", "ISH group 3 with concurrent IHC 3+ is positive"),
        FinalResult(4, "0/1+", "negative", "ISH group 4 with IHC 0 or 1+ is negative (with a "
                                           "comment)"),
        FinalResult(4, "2+", "negative", "ISH group 4 with IHC 2+: a second observer recounts; "
                                         "if still group 4 the result is negative (with a "
                                         "comment)"),
        FinalResult(4, "3+", "positive", "ISH group 4 with concurrent IHC 3+ is positive"),
        FinalResult(5, "0/1+", "negative", "ISH group 5 (ratio <2.0, <4.0 copies) is negative"),
        FinalResult(5, "2+", "negative", "ISH group 5 (ratio <2.0, <4.0 copies) is negative"),
        FinalResult(5, "3+", "positive", "IHC 3+ is positive on its own; a group 5 ISH beside it "
                                         "is discordant and the laboratory should review both "
                                         "tests"),
    ]
    return tuple(rows)


#: Final result for every combination of ISH group and concurrent IHC score.
FINAL_RESULTS: tuple[FinalResult, ...] = _rows()
_FINAL = MappingProxyType({(r.group, r.ihc): r for r in FINAL_RESULTS})


@dataclass(frozen=True)
class Her2Result:
    """A HER2 result.

    ``status``: "positive", "negative", or "equivocal" (IHC 2+ with no ISH yet).
    ``expression``: "positive", "low", "ultralow", "null", "0 (not subclassified)" (an IHC 0
    whose report does not say null or ultralow), or "pending" (trial/label categories for
    HER2-negative results). ``ish_group``: 1-5, or ``None`` without ISH. ``explanation``:
    the rule that decided it, in plain words.
    """

    status: str
    expression: str
    ish_group: int | None
    explanation: str


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value < high)


def ish_group(ish_ratio: float, her2_copies: float) -> int:
    """Return the dual-probe ISH group (1-5) for a HER2/CEP17 ratio and average HER2 copies.

    Boundaries are inclusive as the guideline writes them: a ratio of exactly 2.0 counts as
    "≥2.0"; 4.0 and 6.0 copies count as "≥4.0" and "≥6.0". Raises ``ValueError`` when either
    value is not a number from 0 to its limit (:data:`MAX_ISH_RATIO`,
    :data:`MAX_HER2_COPIES`).
    """
    ratio = check_number("ish_ratio", ish_ratio, low=0.0, high=MAX_ISH_RATIO)
    copies = check_number("her2_copies", her2_copies, low=0.0, high=MAX_HER2_COPIES,
                          unit=" HER2 signals per nucleus")
    for row in ISH_GROUPS:
        if _within(ratio, row.ratio_low, row.ratio_high) and _within(
            copies, row.copies_low, row.copies_high
        ):
            return row.group
    raise AssertionError("the ISH groups cover every ratio and copy number")  # pragma: no cover


def _ihc_class(ihc: str) -> str:
    return "0/1+" if ihc in ("0", "0 (null)", "0 (ultralow)", "1+") else ihc


def _negative_expression(ihc: str) -> str:
    if ihc in ("1+", "2+"):
        return "low"
    if ihc == "0 (ultralow)":
        return "ultralow"
    if ihc == "0 (null)":
        return "null"
    return NOT_SUBCLASSIFIED


def classify_her2(
    ihc: str, ish_ratio: float | None = None, her2_copies: float | None = None
) -> Her2Result:
    """Classify HER2 by ASCO/CAP 2018 (affirmed 2023) from the IHC score and, if done, ISH.

    ``ihc`` is one of "0", "0 (null)", "0 (ultralow)", "1+", "2+", "3+". Plain "0" is
    HER2-negative but not subclassified: the report must say whether it is null (no membrane
    staining) or ultralow (faint, incomplete membrane staining in >0 to ≤10 % of cells).
    Without ISH: 3+ is positive, 0 and 1+ negative, 2+ equivocal (reflex ISH needed; expression
    "pending"). With ISH (both ``ish_ratio`` and ``her2_copies``): the group from
    :func:`ish_group`, then the final result from the guideline's group × IHC table
    (:data:`FINAL_RESULTS`); "after a recount" is taken to mean that the counts given are the
    final, confirmed ones.

    Expression: "positive" for any positive result; "low" for IHC 1+, or 2+ with negative ISH;
    "ultralow" for "0 (ultralow)"; "null" for "0 (null)"; "0 (not subclassified)" for plain "0",
    with an explanation that asks which of the two it is.

    Raises ``ValueError`` for an unknown ``ihc``, for only one of the two ISH values, or for an
    ISH value that is not a number from 0 to its limit (a ratio up to 50, copies up to 100 per
    nucleus: :data:`MAX_ISH_RATIO`, :data:`MAX_HER2_COPIES`).
    """
    ihc = check_choice("ihc", ihc, IHC_INPUTS)
    if (ish_ratio is None) != (her2_copies is None):
        given = "ish_ratio" if her2_copies is None else "her2_copies"
        raise ValueError(
            f"ish_ratio and her2_copies must be given together (a dual-probe ISH reports both); "
            f"got only {given}"
        )
    if ish_ratio is None:
        return _without_ish(ihc)
    group = ish_group(ish_ratio, her2_copies)  # type: ignore[arg-type]
    row = _FINAL[(group, _ihc_class(ihc))]
    expression = "positive" if row.status == "positive" else _negative_expression(ihc)
    explanation = (f"IHC {ihc}, ISH ratio {float(ish_ratio):g} with {float(her2_copies):g} "  # type: ignore[arg-type]
                   f"copies. {row.rule} (ASCO/CAP 2018, affirmed 2023).")
    if row.status == "negative":
        explanation += _expression_note(expression)
    return Her2Result(row.status, expression, group, explanation)


def _without_ish(ihc: str) -> Her2Result:
    if ihc == "3+":
        return Her2Result("positive", "positive", None,
                          "IHC 3+ (complete, intense membrane staining in >10 % of cells) is "
                          "HER2-positive (ASCO/CAP 2018, affirmed 2023).")
    if ihc == "2+":
        return Her2Result("equivocal", "pending", None,
                          "IHC 2+ is equivocal: the guideline requires reflex ISH before a "
                          "result can be given (ASCO/CAP 2018, affirmed 2023).")
    expression = _negative_expression(ihc)
    what = {"1+": "IHC 1+ (faint, incomplete staining in >10 % of cells)",
            "0 (ultralow)": "IHC 0 with faint, incomplete membrane staining in >0 to ≤10 % "
                            "of cells",
            "0 (null)": "IHC 0 with no membrane staining",
            }.get(ihc, "IHC 0")
    return Her2Result("negative", expression, None,
                      f"{what} is HER2-negative (ASCO/CAP 2018, affirmed 2023)."
                      + _expression_note(expression))


def _expression_note(expression: str) -> str:
    notes = {
        "low": " Expression: HER2-low, a trial and drug-label category (DESTINY-Breast04), "
               "not an ASCO/CAP result category.",
        "ultralow": " Expression: HER2-ultralow, a trial and drug-label category "
                    "(DESTINY-Breast06), not an ASCO/CAP result category.",
        "null": " Expression: HER2-null (no staining).",
        NOT_SUBCLASSIFIED: " Expression: not subclassified. The report does not say whether this "
                           "IHC 0 is HER2-null (no membrane staining) or HER2-ultralow (faint, "
                           "incomplete membrane staining in >0 to ≤10 % of cells): ask which, "
                           "because the ultralow group can open trastuzumab deruxtecan for HR+ "
                           "metastatic disease (DESTINY-Breast06).",
    }
    return notes.get(expression, "")
