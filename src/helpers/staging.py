"""Breast cancer staging: AJCC 8th edition anatomic stage groups and SEER summary stage.

Sources: Amin MB et al., eds. *AJCC Cancer Staging Manual*, 8th edition (Springer, 2017; breast
chapter updated 2018): T, N and M categories, the size-rounding rule and the anatomic
stage-group table; National Cancer Institute, *SEER Summary Stage 2018* coding manual (breast
notes): in situ, localized, regional, distant.

Which table is used where: since 2018, US cancer registries and the Commission on Cancer record
the AJCC 8 *clinical and pathological prognostic* stage groups, which add grade, ER, PR and HER2
(and a 21-gene recurrence score for some HR+ tumours) to T, N and M. The *anatomic* table
encoded here is meant for places where those biomarkers cannot be tested, and it is the
scaffold the prognostic tables start from. SEER's survival tables are organised by summary
stage (SEER Combined Summary Stage), not by AJCC stage groups. The prognostic tables are data
files read by :mod:`helpers.prognostic`; :func:`prognostic_stage` is re-exported here so that
every stage is at hand from one module.

The stage-group table is held as data (:data:`STAGE_TABLE`, rows as the manual prints them) and
read by :func:`anatomic_stage`; T and N subcategories (T1a, N2b, ...) collapse to their main
category before the look-up. Categories are read by :mod:`helpers.tnm`, the one reader every
stage helper shares: any case and spacing, the prefixes c, p, yc and yp (``"pT1c"``,
``"ypN1a"``), and the modifiers (m), (sn), (f), (i-)/(i+) and (mol-)/(mol+) (``"pT1c(m)"``,
``"pN0(i+)(sn)"``). Isolated tumour cells and molecular-only findings in nodes (N0(i+),
N0(mol+)) are node-negative, N0; tumour cells found in blood, marrow or other tissue without
signs of metastasis (``"M0(i+)"``) are M0. ``"pM0"`` is refused: M0 is a clinical category
unless metastasis is proven (pM1). TX and NX (not assessed) give no stage group unless M1.

Combinations the table has no row for: M1 is stage IV whatever T and N (Tis M1 included). T0 N0
M0 (no tumour found) and Tis with nodal spread and M0 raise ``ValueError``: the AJCC table has
no group for them. After neoadjuvant therapy (yc/yp categories) the same table is read, except
that a pathological complete response (ypT0 or ypTis, ypN0, cM0) gets no stage group and a
patient with M1 before treatment stays stage IV (``m1_before_treatment=True``): the notes to the
AJCC 8 stage table.

SEER summary stage differs from AJCC in two places encoded here (SEER Summary Stage 2018,
breast): ipsilateral supraclavicular nodes (AJCC N3c, stage IIIC) are distant, and in situ
disease with regional nodes is regional.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._validate import check_choice, check_int, check_number
from .tnm import M_CATEGORIES, N_CATEGORIES, T_CATEGORIES, Category, read_tnm

__all__ = [
    "T_CATEGORIES", "N_CATEGORIES", "M_CATEGORIES", "STAGE_GROUPS", "SUMMARY_STAGES",
    "StageRow", "STAGE_TABLE", "T_SIZE_CUTOFFS", "MAX_SIZE_MM", "stage_rank", "anatomic_stage",
    "summary_stage", "recorded_size_mm", "t_category", "n_category", "prognostic_stage",
]

#: T, N and M categories as the tables list them (from :mod:`helpers.tnm`, which reads them).
#: N0(i+): isolated tumour cells only (clusters ≤0.2 mm, or ≤200 cells in one cross-section);
#: N0(mol+): positive molecular findings (RT-PCR) only. Both are node-negative: staged as N0.
#: N1mi: micrometastases (>0.2 mm and/or >200 cells, none >2.0 mm).
#: M0(i+): tumour cells (deposits ≤0.2 mm) in blood, marrow or other non-regional tissue, with
#: no symptoms or signs of metastasis: staged as M0.
STAGE_GROUPS = ("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV")
SUMMARY_STAGES = ("in situ", "localized", "regional", "distant")

#: Largest tumour size the helpers accept, in mm. T3 is everything above 50 mm, so the bound
#: changes no category; at 250 mm (25 cm) it leaves room for the largest tumours measured in
#: practice and catches typing slips (an extra zero, micrometres for millimetres).
MAX_SIZE_MM = 250.0

@dataclass(frozen=True)
class StageRow:
    """One row of the AJCC 8 anatomic stage-group table: main T and N categories, M0."""

    stage: str
    t: str  # "Tis", "T0", "T1", "T2", "T3", "T4" or "any"
    n: str  # "N0", "N1mi", "N1", "N2", "N3"


#: AJCC 8th edition anatomic stage groups for M0 (any T, any N with M1 is stage IV).
#: T1 includes T1mi. T2-T4 with N1mi are staged as N1 (see :func:`anatomic_stage`).
STAGE_TABLE: tuple[StageRow, ...] = (
    StageRow("0", "Tis", "N0"),
    StageRow("IA", "T1", "N0"),
    StageRow("IB", "T0", "N1mi"),
    StageRow("IB", "T1", "N1mi"),
    StageRow("IIA", "T0", "N1"),
    StageRow("IIA", "T1", "N1"),
    StageRow("IIA", "T2", "N0"),
    StageRow("IIB", "T2", "N1"),
    StageRow("IIB", "T3", "N0"),
    StageRow("IIIA", "T0", "N2"),
    StageRow("IIIA", "T1", "N2"),
    StageRow("IIIA", "T2", "N2"),
    StageRow("IIIA", "T3", "N1"),
    StageRow("IIIA", "T3", "N2"),
    StageRow("IIIB", "T4", "N0"),
    StageRow("IIIB", "T4", "N1"),
    StageRow("IIIB", "T4", "N2"),
    StageRow("IIIC", "any", "N3"),
)

#: T by size in greatest dimension (mm): upper limits, inclusive.
T_SIZE_CUTOFFS: tuple[tuple[float, str], ...] = (
    (1.0, "T1mi"), (5.0, "T1a"), (10.0, "T1b"), (20.0, "T1c"), (50.0, "T2"),
)


def stage_rank(stage: str) -> int:
    """Position of a stage group in order 0 < IA < IB < ... < IV (for comparisons)."""
    return STAGE_GROUPS.index(check_choice("stage", stage, STAGE_GROUPS))


def _cut(value: object, limit: int = 40) -> str:
    """``repr(value)``, cut to ``limit`` characters so that a long paste is not echoed back."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _check_flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False; got {_cut(value)}")


def _refuse_unknown(*categories: Category) -> None:
    """TX, NX: the extent could not be assessed, so no stage group can be given."""
    for c in categories:
        if c.unknown:
            raise ValueError(f"{c.field} is {str(c)!r}: the {_NAMES[c.field]} could not be "
                             f"assessed, so no stage group can be given (only M1 gives one, "
                             f"stage IV, whatever T and N); give {c.field} when it is known")


_NAMES = {"t": "primary tumour", "n": "regional lymph nodes", "m": "distant spread"}


def _refuse_impossible(tc: Category, nc: Category, mc: Category) -> None:
    """The M0 combinations the AJCC table has no group for: T0 N0, and Tis with nodal spread."""
    if tc.main == "T0" and nc.main == "N0":
        raise ValueError(f"t, n and m describe no tumour ({tc} {nc} {mc}): there is nothing to "
                         f"stage; t must be one of the tumour categories, or n must show "
                         f"nodal spread")
    if tc.main == "Tis" and nc.main != "N0":
        raise ValueError(f"t is 'Tis' (in situ) but n is {str(nc)!r}: the AJCC table has no "
                         f"stage group for in situ disease with cancer in lymph nodes, which "
                         f"means an invasive tumour somewhere; t must be an invasive category "
                         f"(T0-T4) once it is found")


def anatomic_stage(t: str, n: str, m: str, *, m1_before_treatment: bool = False) -> str:
    """Return the AJCC 8th edition anatomic stage group for T, N and M.

    ``t``, ``n``, ``m``: categories as reports write them, read by
    :func:`helpers.tnm.read_category`: any case and spacing, a prefix ``c``, ``p``, ``yc`` or
    ``yp`` (``"cT2"``, ``"pN1a"``, ``"ypT1c"``), and modifiers such as ``(m)``, ``(sn)``,
    ``(f)``, ``(i+)``, ``(mol+)`` (``"pT1c(m)"``, ``"pN0(i+)(sn)"``). ``"Tis (DCIS)"`` and
    ``"Tis (Paget)"`` are read as Tis. M1 is stage IV whatever T and N. Isolated tumour cells or
    molecular-only findings in nodes (N0(i+), N0(mol+)) are staged as N0, and M0(i+) as M0.
    Nodal micrometastases (N1mi: >0.2 mm and/or >200 cells, none >2.0 mm) with T0 or T1 are
    stage IB; with T2, T3 or T4 they are staged as N1.

    After neoadjuvant therapy (yc or yp categories) the same table gives the post-therapy stage
    group, with two rules of the AJCC 8 notes: a pathological complete response (ypT0 or ypTis
    with ypN0 and cM0: no invasive cancer left in breast or nodes) gets no stage group, and a
    patient who had distant metastasis (M1) before treatment stays stage IV whatever the
    response. The M category after treatment does not record that, so say it with
    ``m1_before_treatment=True``.

    Raises ``ValueError`` naming the field for an unknown category; for TX or NX (not assessed:
    no stage group, unless M1); for ``"pM0"`` (M0 is clinical unless metastasis is proven:
    write M0 or cM0); for ``"Tis (LCIS)"`` (not staged in the 8th edition); for T0 N0 M0 (no
    tumour found: nothing to stage); for Tis with nodal spread and no M1 (the table has no such
    row); for a pathological complete response; and for ``m1_before_treatment=True`` with
    categories from before treatment and M0 (then m itself is M1).
    """
    tc, nc, mc = read_tnm(t, n, m)
    _check_flag("m1_before_treatment", m1_before_treatment)
    post_therapy = any(c.post_therapy for c in (tc, nc, mc))
    if m1_before_treatment and not post_therapy and mc.main != "M1":
        raise ValueError(f"m1_before_treatment is True, but t, n and m ({tc} {nc} {mc}) have no "
                         f"yc or yp prefix, so they describe the disease before treatment, when "
                         f"m must then be 'M1'; write the post-therapy categories with a yc or "
                         f"yp prefix (as in 'ypT1c'), or m as 'M1'")
    if mc.main == "M1" or m1_before_treatment:
        return "IV"
    _refuse_unknown(tc, nc)
    if post_therapy and tc.main in ("T0", "Tis") and nc.category == "N0":
        raise ValueError(f"t, n and m ({tc} {nc} {mc}) describe a pathological complete "
                         f"response: no invasive cancer is left in the breast or the lymph "
                         f"nodes after neoadjuvant therapy, and AJCC 8 assigns no stage group "
                         f"to it (the stage before treatment, from the clinical categories, "
                         f"still describes the disease)")
    if post_therapy and tc.main == "T0" and nc.main == "N0":
        raise ValueError(f"t, n and m ({tc} {nc} {mc}) leave only isolated tumour cells or "
                         f"molecular findings in the nodes after neoadjuvant therapy: that is "
                         f"not counted as a complete response, but the AJCC table has no stage "
                         f"group for T0 N0, so no stage group can be given")
    _refuse_impossible(tc, nc, mc)
    main_t, main_n = tc.main, nc.main
    if main_n == "N1mi" and main_t in ("T2", "T3", "T4"):
        main_n = "N1"
    for row in STAGE_TABLE:
        if row.n == main_n and row.t in (main_t, "any"):
            return row.stage
    raise AssertionError(f"no stage row for {tc} {nc} {mc}")  # pragma: no cover


def summary_stage(t: str, n: str, m: str, *, regional_extension: bool = False) -> str:
    """Return the SEER summary stage: "in situ", "localized", "regional" or "distant".

    The categories follow the SEER Summary Stage 2018 manual's breast chapter (the same four
    categories as the SEER Combined Summary Stage of SEER's survival tables). Distant: M1, and
    also ipsilateral supraclavicular nodes (N3c), which AJCC stages as regional (N3c, stage
    IIIC) but SEER Summary Stage counts as distant lymph nodes. In situ: Tis N0 M0. Regional:
    nodal spread to axillary, infraclavicular or internal mammary nodes (micrometastases
    included; isolated tumour cells or molecular findings alone, N0(i+) and N0(mol+), are
    node-negative), in situ disease with such nodes included; or direct extension beyond the
    breast: every T4 (inflammatory carcinoma included), or ``regional_extension``. Localized:
    invasive cancer confined to the breast.

    Summary stage is not a pure function of T and N: ``regional_extension=True`` records
    extension that SEER codes as regional although AJCC does not call it T4: adherence or
    fixation to the pectoral muscle or underlying tissue, or skin involvement short of T4
    (for example skin invaded, or tumour fixed to skin, without ulceration, satellite nodules
    or oedema). It makes an otherwise localized case regional.

    Reads ``t``, ``n``, ``m`` as :func:`anatomic_stage` does. Raises ``ValueError`` for an
    unknown category, TX or NX (unless M1), "pM0", "Tis (LCIS)", T0 N0 M0; for a bare N3 with
    M0 (N3a and N3b are regional, N3c distant: say which); for yc or yp categories (summary
    stage records the extent at diagnosis: give the categories from before treatment); and
    when ``regional_extension`` is not True/False, or is True with Tis or T0 (extension needs
    an invasive tumour in the breast).
    """
    tc, nc, mc = read_tnm(t, n, m)
    _check_flag("regional_extension", regional_extension)
    post = next((c for c in (tc, nc, mc) if c.post_therapy), None)
    if post is not None:
        raise ValueError(f"{post.field} is {str(post)!r}, a category after neoadjuvant therapy: "
                         f"SEER summary stage records the extent of disease at diagnosis (the "
                         f"clinical extent, or the post-therapy pathological extent only when it "
                         f"is greater), so give the categories from before treatment")
    if regional_extension and tc.main in ("Tis", "T0"):
        raise ValueError(f"regional_extension is True but t is {str(tc)!r}: direct extension "
                         f"beyond the breast needs an invasive tumour found in the breast "
                         f"(T1-T4)")
    if mc.main == "M1":
        return "distant"
    _refuse_unknown(tc, nc)
    if tc.main == "T0" and nc.main == "N0":
        _refuse_impossible(tc, nc, mc)
    if nc.category == "N3":
        raise ValueError(f"n is {str(nc)!r}: SEER summary stage needs to know which N3 it is: "
                         f"N3a (10 or more axillary nodes, or infraclavicular nodes) and N3b "
                         f"(internal mammary with axillary nodes) are regional, N3c (ipsilateral "
                         f"supraclavicular nodes) is distant; write n as 'N3a', 'N3b' or 'N3c'")
    if nc.category == "N3c":
        return "distant"
    if nc.main != "N0":
        return "regional"
    if tc.main == "Tis":
        return "in situ"
    if tc.main == "T4" or regional_extension:
        return "regional"
    return "localized"


def recorded_size_mm(size_mm: float) -> float:
    """The invasive tumour size AJCC records for a measured greatest dimension, in mm.

    AJCC 8 records the size to the nearest whole millimetre, except that a size above 1.0 mm and
    below 2.0 mm is recorded as 2 mm (so such a tumour is T1a, not T1mi): 20.04 and 20.4 mm are
    recorded as 20 mm, 5.1 mm as 5 mm, 50.4 mm as 50 mm, 1.2 mm as 2 mm. A size of 1.0 mm or
    less is microinvasion (T1mi) and is returned as measured. The sources do not settle a size
    exactly halfway between two millimetres (20.5 mm): this helper rounds it up, and the lessons
    build no case on it.

    Raises ``ValueError`` for a size that is not a number above 0 and at most
    :data:`MAX_SIZE_MM` mm (a T0 tumour has no size: use "T0" directly).
    """
    try:
        size = check_number("size_mm", size_mm, low=0.0, high=MAX_SIZE_MM, unit=" mm")
    except OverflowError:  # an integer too large for a float
        raise ValueError(f"size_mm must be a number above 0 and at most {MAX_SIZE_MM:g} mm; got "
                         f"a number too large to use") from None
    except ValueError:
        raise ValueError(f"size_mm must be a number above 0 and at most {MAX_SIZE_MM:g} mm; got "
                         f"{_cut(size_mm)}") from None
    if size == 0.0:
        raise ValueError("size_mm must be a number above 0 mm for a tumour; got 0 "
                         "(no tumour found is T0: use 'T0' directly)")
    if size <= 1.0:
        return size
    if size < 2.0:
        return 2.0
    return float(math.floor(size + 0.5))


def t_category(
    size_mm: float,
    *,
    chest_wall: bool = False,
    skin: bool = False,
    inflammatory: bool = False,
    in_situ: bool = False,
) -> str:
    """Return the AJCC 8 T category for a tumour's measured greatest dimension and extension.

    ``size_mm``: greatest dimension of the invasive tumour in millimetres, as measured (above 0,
    at most :data:`MAX_SIZE_MM`). With several separate invasive foci, give the largest focus,
    not the sum of their sizes, and write the (m) suffix after the category: foci of 12 and
    9 mm are T1c(m) (``t_category(12) + "(m)"``), not T2. The size is first rounded as AJCC records it
    (:func:`recorded_size_mm`: nearest whole millimetre; above 1.0 and below 2.0 mm becomes
    2 mm), then compared with the cut-offs, which are inclusive upper limits: ≤1 T1mi, ≤5 T1a,
    ≤10 T1b, ≤20 T1c, ≤50 T2, >50 T3. So 20.4 mm is T1c, 5.1 mm T1a, 1.2 mm T1a, 1.0 mm T1mi.
    Extension flags give T4 whatever the size: ``chest_wall`` (ribs, intercostal muscles,
    serratus anterior; not the pectoral muscle alone) T4a, ``skin`` (ulceration, ipsilateral
    macroscopic satellite skin nodules, or oedema such as peau d'orange; invasion of the dermis
    alone is not T4) T4b, both T4c, ``inflammatory`` carcinoma T4d. ``in_situ`` gives Tis (DCIS
    or Paget disease of the nipple alone; LCIS is not staged).

    Raises ``ValueError`` for a size that :func:`recorded_size_mm` refuses or for a flag that
    is not True/False.
    """
    for name, flag in (("chest_wall", chest_wall), ("skin", skin),
                       ("inflammatory", inflammatory), ("in_situ", in_situ)):
        if not isinstance(flag, bool):
            raise ValueError(f"{name} must be True or False; got {_cut(flag)}")
    if in_situ:
        # An in situ lesion has no invasive size; a size given is still checked for range.
        if not (isinstance(size_mm, (int, float)) and size_mm == 0):
            recorded_size_mm(size_mm)
        return "Tis"
    size = recorded_size_mm(size_mm)
    if inflammatory:
        return "T4d"
    if chest_wall and skin:
        return "T4c"
    if chest_wall:
        return "T4a"
    if skin:
        return "T4b"
    for limit, category in T_SIZE_CUTOFFS:
        if size <= limit:
            return category
    return "T3"


def n_category(positive_axillary_nodes: int, *, micrometastases_only: bool = False) -> str:
    """A simplified pathological N category from the number of involved axillary nodes.

    0 nodes → N0; 1-3 → N1; 4-9 → N2; 10 or more → N3. With ``micrometastases_only=True``
    (every deposit a micrometastasis: >0.2 mm and/or >200 cells, none >2.0 mm) any number of
    involved nodes is N1mi: pN2a and pN3a need at least one deposit larger than 2.0 mm.
    Isolated tumour cells alone
    (≤0.2 mm and ≤200 cells) do not count as an involved node: that is N0(i+), choose it
    directly. Internal mammary, infraclavicular and supraclavicular nodes are not modelled
    here: choose N directly for those.
    Raises ``ValueError`` for a count that is not a whole number of at least 0.
    """
    nodes = check_int("positive_axillary_nodes", positive_axillary_nodes, low=0)
    if not isinstance(micrometastases_only, bool):
        raise ValueError(f"micrometastases_only must be True or False; got {micrometastases_only!r}")
    if nodes == 0:
        if micrometastases_only:
            raise ValueError("micrometastases_only needs at least one involved node; got 0 nodes")
        return "N0"
    if micrometastases_only:
        return "N1mi"
    if nodes <= 3:
        return "N1"
    return "N2" if nodes <= 9 else "N3"


def prognostic_stage(
    t: str,
    n: str,
    m: str,
    *,
    grade: object,
    her2: str,
    er: str,
    pr: str,
    kind: str,
    recurrence_score: float | None = None,
) -> str:
    """The AJCC 8 clinical or pathological prognostic stage group: see
    :func:`helpers.prognostic.prognostic_stage`, which this calls (same inputs, result and
    errors).

    ``grade`` 1-3 (unknown, ``None`` or "GX", only for Tis N0 M0 and M1, where grade cannot
    change the stage); ``her2``, ``er``, ``pr`` "positive" or "negative"; ``kind`` "clinical"
    (every patient, before treatment) or "pathological" (only when surgery is the first
    treatment; yc/yp categories are refused by both);
    ``recurrence_score`` (0-100, optional) is used only by the pathological table: below 11 it
    makes a T1-T2 N0 M0, ER-positive, HER2-negative cancer stage IA.
    """
    from .prognostic import prognostic_stage as stage  # here: helpers.prognostic imports this module

    return stage(t, n, m, grade=grade, her2=her2, er=er, pr=pr, kind=kind,
                 recurrence_score=recurrence_score)
