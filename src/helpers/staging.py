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
category before the look-up. Categories are read as people type them: any case, spaces
anywhere, and an optional clinical ``c`` or pathological ``p`` prefix (``"pT1c"``,
``"pn0 (i+)"``). Isolated tumour cells and molecular-only findings in nodes (``"N0(i+)"``,
``"N0(mol+)"``) are node-negative, N0; tumour cells found in blood, marrow or other tissue
without signs of metastasis (``"M0(i+)"``) are M0. ``"pM0"`` is refused: M0 is a clinical
category unless metastasis is proven (pM1).

Combinations the table has no row for: M1 is stage IV whatever T and N (Tis M1 included). T0 N0
M0 (no tumour found) and Tis with nodal spread and M0 raise ``ValueError``: the AJCC table has
no group for them, and nodal spread means an invasive cancer, so the T category needs another
look rather than a guessed stage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._validate import check_choice, check_int, check_number

__all__ = [
    "T_CATEGORIES", "N_CATEGORIES", "M_CATEGORIES", "STAGE_GROUPS", "SUMMARY_STAGES",
    "StageRow", "STAGE_TABLE", "T_SIZE_CUTOFFS", "MAX_SIZE_MM", "stage_rank", "anatomic_stage",
    "summary_stage", "recorded_size_mm", "t_category", "n_category", "prognostic_stage",
]

T_CATEGORIES = ("Tis", "T0", "T1mi", "T1a", "T1b", "T1c", "T1", "T2", "T3",
                "T4", "T4a", "T4b", "T4c", "T4d")
#: N0(i+): isolated tumour cells only (clusters ≤0.2 mm, or ≤200 cells in one cross-section);
#: N0(mol+): positive molecular findings (RT-PCR) only. Both are node-negative: staged as N0.
#: N1mi: micrometastases (>0.2 mm and/or >200 cells, none >2.0 mm).
N_CATEGORIES = ("N0", "N0(i+)", "N0(mol+)", "N1mi", "N1", "N1a", "N1b", "N1c", "N2", "N2a",
                "N2b", "N3", "N3a", "N3b", "N3c")
#: M0(i+): tumour cells (deposits ≤0.2 mm) in blood, marrow or other non-regional tissue, with
#: no symptoms or signs of metastasis: staged as M0.
M_CATEGORIES = ("M0", "M0(i+)", "M1")
STAGE_GROUPS = ("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV")
SUMMARY_STAGES = ("in situ", "localized", "regional", "distant")

#: Largest tumour size the helpers accept, in mm. T3 is everything above 50 mm, so the bound
#: changes no category; at 250 mm (25 cm) it leaves room for the largest tumours measured in
#: practice and catches typing slips (an extra zero, micrometres for millimetres).
MAX_SIZE_MM = 250.0

# Written forms of Tis that name what is in situ. LCIS is refused: the 8th edition removed it
# from Tis (it is a benign entity, not staged).
_TIS_FORMS = {"tis(dcis)": "Tis", "tis(paget)": "Tis", "tis(paget's)": "Tis"}


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


def _read(field: str, value: object, allowed: tuple[str, ...]) -> str:
    """Read a T, N or M category as people type it: any case, spaces anywhere, and an optional
    ``c`` (clinical) or ``p`` (pathological) prefix. Returns the category as spelled in
    ``allowed``; raises ``ValueError`` naming ``field`` otherwise."""
    listed = ", ".join(repr(a) for a in allowed)
    refusal = (f"{field} must be one of {listed} (any case, optionally with a 'c' or 'p' "
               f"prefix); got {_cut(value)}")
    if not isinstance(value, str):
        raise ValueError(refusal)
    text = "".join(value.split()).lower()
    prefix = ""
    if text[:1] in ("c", "p") and text[1:2] == field:
        prefix, text = text[0], text[1:]
    if field == "m" and prefix == "p" and text.startswith("m0"):
        raise ValueError(f"m cannot be {_cut(value)}: there is no pM0 category, because M0 "
                         f"is a clinical finding (cM0, or M0) unless distant metastasis is "
                         f"proven in tissue (pM1); use 'M0', 'cM0' or 'M0(i+)'")
    if field == "t" and text.startswith("tis(lcis"):
        raise ValueError(f"t cannot be {_cut(value)}: lobular carcinoma in situ (LCIS) is not "
                         f"staged in the AJCC 8th edition (it is a benign entity); Tis is DCIS "
                         f"or Paget disease of the nipple alone")
    if field == "t" and text in _TIS_FORMS:
        return _TIS_FORMS[text]
    for category in allowed:
        if category.lower() == text:
            return category
    raise ValueError(refusal)


def _main_t(t: str) -> str:
    if t in ("Tis", "T0"):
        return t
    return t[:2]  # T1mi/T1a/T1b/T1c -> T1, T4a-d -> T4


def _main_n(n: str) -> str:
    return n if n == "N1mi" else n[:2]  # N0(i+) and N0(mol+) -> N0


def _categories(t: object, n: object, m: object) -> tuple[str, str, str]:
    return (_read("t", t, T_CATEGORIES), _read("n", n, N_CATEGORIES),
            _read("m", m, M_CATEGORIES))


def anatomic_stage(t: str, n: str, m: str) -> str:
    """Return the AJCC 8th edition anatomic stage group for T, N and M.

    Accepts the categories in :data:`T_CATEGORIES`, :data:`N_CATEGORIES` and
    :data:`M_CATEGORIES` as people type them: any case, spaces anywhere, and an optional
    clinical ``c`` or pathological ``p`` prefix (``"cT2"``, ``"pN1a"``, ``"pn0 (i+)"``).
    ``"Tis (DCIS)"`` and ``"Tis (Paget)"`` are read as Tis. M1 is stage IV whatever T and N.
    Isolated tumour cells or molecular-only findings in nodes (N0(i+), N0(mol+)) are staged as
    N0, and M0(i+) as M0. Nodal micrometastases (N1mi: >0.2 mm and/or >200 cells, none
    >2.0 mm) with T0 or T1 are stage IB; with T2, T3 or T4 they are staged as N1.

    Raises ``ValueError`` naming the field for an unknown category; for ``"pM0"`` (M0 is
    clinical unless metastasis is proven: write M0 or cM0); for ``"Tis (LCIS)"`` (not staged in
    the 8th edition); for T0 N0 M0 (no tumour found: nothing to stage); and for Tis with nodal
    spread and no M1 (nodal spread means an invasive cancer, so the T category needs another
    look: the AJCC table has no such row).
    """
    tc, nc, mc = _categories(t, n, m)
    if mc == "M1":
        return "IV"
    main_t, main_n = _main_t(tc), _main_n(nc)
    if main_t == "T0" and main_n == "N0":
        raise ValueError(f"t, n and m describe no tumour ({tc} {nc} {mc}): there is nothing to "
                         f"stage; t must be one of the tumour categories, or n must show "
                         f"nodal spread")
    if main_t == "Tis" and main_n != "N0":
        raise ValueError(f"t is 'Tis' (in situ) but n is {nc!r}: cancer in lymph nodes means an "
                         f"invasive tumour, so t must be an invasive category (T0-T4)")
    if main_n == "N1mi" and main_t in ("T2", "T3", "T4"):
        main_n = "N1"
    for row in STAGE_TABLE:
        if row.n == main_n and row.t in (main_t, "any"):
            return row.stage
    raise AssertionError(f"no stage row for {tc} {nc} {mc}")  # pragma: no cover


def summary_stage(t: str, n: str, m: str, *, regional_extension: bool = False) -> str:
    """Return the SEER summary stage: "in situ", "localized", "regional" or "distant".

    The categories follow the SEER Summary Stage 2018 manual's breast notes (the same four
    categories as the SEER Combined Summary Stage of SEER's survival tables). Distant: M1.
    In situ: Tis N0 M0. Regional: nodal spread (micrometastases included; isolated tumour cells
    or molecular findings alone, N0(i+) and N0(mol+), are node-negative), or direct extension
    beyond the breast: every T4 (inflammatory carcinoma included), or ``regional_extension``.
    Localized: invasive cancer confined to the breast.

    Summary stage is not a pure function of T and N: ``regional_extension=True`` records
    extension that SEER codes as regional although AJCC does not call it T4: adherence or
    fixation to the pectoral muscle or underlying tissue, or skin involvement short of T4
    (for example skin invaded, or tumour fixed to skin, without ulceration, satellite nodules
    or oedema). It makes an otherwise localized case regional.

    Same inputs and errors as :func:`anatomic_stage`; also raises ``ValueError`` when
    ``regional_extension`` is not True/False, or is True with Tis or T0 (extension needs an
    invasive tumour in the breast).
    """
    if not isinstance(regional_extension, bool):
        raise ValueError(f"regional_extension must be True or False; got "
                         f"{_cut(regional_extension)}")
    tc, nc, mc = _categories(t, n, m)
    anatomic_stage(tc, nc, mc)  # the same checks of impossible combinations
    if regional_extension and _main_t(tc) in ("Tis", "T0"):
        raise ValueError(f"regional_extension is True but t is {tc!r}: direct extension beyond "
                         f"the breast needs an invasive tumour found in the breast (T1-T4)")
    if mc == "M1":
        return "distant"
    if _main_t(tc) == "Tis":
        return "in situ"
    if _main_n(nc) != "N0" or _main_t(tc) == "T4" or regional_extension:
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
    at most :data:`MAX_SIZE_MM`). The size is first rounded as AJCC records it
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

    0 nodes → N0; 1-3 → N1 (N1mi when every deposit is a micrometastasis: >0.2 mm and/or
    >200 cells, none >2.0 mm); 4-9 → N2; 10 or more → N3. Isolated tumour cells alone
    (≤0.2 mm and ≤200 cells) do not count as an involved node: that is N0(i+), choose it
    directly. Internal mammary, infraclavicular and supraclavicular nodes are not modelled
    here: choose N directly for those.
    Raises ``ValueError`` for a count that is not a whole number from 0 to 60 (as ``Patient``).
    """
    nodes = check_int("positive_axillary_nodes", positive_axillary_nodes, low=0, high=60)
    if not isinstance(micrometastases_only, bool):
        raise ValueError(f"micrometastases_only must be True or False; got {micrometastases_only!r}")
    if nodes == 0:
        if micrometastases_only:
            raise ValueError("micrometastases_only needs at least one involved node; got 0 nodes")
        return "N0"
    if nodes <= 3:
        return "N1mi" if micrometastases_only else "N1"
    if micrometastases_only:
        raise ValueError("micrometastases_only applies to 1-3 involved nodes (N1mi); "
                         f"got {nodes} nodes")
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

    ``grade`` 1-3; ``her2``, ``er``, ``pr`` "positive" or "negative"; ``kind`` "clinical" (every
    patient, before treatment) or "pathological" (only when surgery is the first treatment);
    ``recurrence_score`` (0-100, optional) is used only by the pathological table: below 11 it
    makes a T1-T2 N0 M0, ER-positive, HER2-negative cancer stage IA.
    """
    from .prognostic import prognostic_stage as stage  # here: helpers.prognostic imports this module

    return stage(t, n, m, grade=grade, her2=her2, er=er, pr=pr, kind=kind,
                 recurrence_score=recurrence_score)
