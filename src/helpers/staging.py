"""Breast cancer staging: AJCC 8th edition anatomic stage groups and SEER Summary Stage 2018.

Sources: Amin MB et al., eds. *AJCC Cancer Staging Manual*, 8th edition (Springer, 2017; breast
chapter updated 2018): T, N and M categories and the anatomic stage-group table; National
Cancer Institute, *SEER Summary Stage 2018* coding manual: in situ, localized, regional,
distant. AJCC 8 also defines prognostic stage groups that add grade, ER, PR and HER2 (and the
21-gene recurrence score for some HR+ tumours); they are not encoded here: the anatomic table is
what registries such as SEER and most teaching use.

The stage-group table is held as data (:data:`STAGE_TABLE`, rows as the manual prints them) and
read by :func:`anatomic_stage`; T and N subcategories (T1a, N2b, ...) collapse to their main
category before the look-up.

Combinations the table has no row for: M1 is stage IV whatever T and N (Tis M1 included). T0 N0
M0 (no tumour found) and Tis with nodal spread and M0 raise ``ValueError``: the AJCC table has
no group for them, and nodal spread means an invasive cancer, so the T category needs another
look rather than a guessed stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._validate import check_choice, check_int, check_number

__all__ = [
    "T_CATEGORIES", "N_CATEGORIES", "M_CATEGORIES", "STAGE_GROUPS", "SUMMARY_STAGES",
    "StageRow", "STAGE_TABLE", "T_SIZE_CUTOFFS", "stage_rank", "anatomic_stage",
    "summary_stage", "t_category", "n_category",
]

T_CATEGORIES = ("Tis", "T0", "T1mi", "T1a", "T1b", "T1c", "T1", "T2", "T3",
                "T4", "T4a", "T4b", "T4c", "T4d")
N_CATEGORIES = ("N0", "N1mi", "N1", "N1a", "N1b", "N1c", "N2", "N2a", "N2b",
                "N3", "N3a", "N3b", "N3c")
M_CATEGORIES = ("M0", "M1")
STAGE_GROUPS = ("0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV")
SUMMARY_STAGES = ("in situ", "localized", "regional", "distant")


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


def _strip(field: str, value: object, allowed: tuple[str, ...]) -> str:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and text[:1] in ("c", "p") and text[1:2] in ("T", "N", "M"):
        text = text[1:]
    listed = ", ".join(repr(a) for a in allowed)
    if not isinstance(text, str) or text not in allowed:
        raise ValueError(f"{field} must be one of {listed} (optionally with a 'c' or 'p' "
                         f"prefix); got {value!r}")
    return text


def _main_t(t: str) -> str:
    if t in ("Tis", "T0"):
        return t
    return t[:2]  # T1mi/T1a/T1b/T1c -> T1, T4a-d -> T4


def _main_n(n: str) -> str:
    return n if n == "N1mi" else n[:2]


def _categories(t: object, n: object, m: object) -> tuple[str, str, str]:
    return (_strip("t", t, T_CATEGORIES), _strip("n", n, N_CATEGORIES),
            _strip("m", m, M_CATEGORIES))


def anatomic_stage(t: str, n: str, m: str) -> str:
    """Return the AJCC 8th edition anatomic stage group for T, N and M.

    Accepts the categories in :data:`T_CATEGORIES`, :data:`N_CATEGORIES` and
    :data:`M_CATEGORIES`, each with an optional clinical ``c`` or pathological ``p`` prefix
    (``"cT2"``, ``"pN1a"``). M1 is stage IV whatever T and N. Nodal micrometastases (N1mi) with
    T0 or T1 are stage IB; with T2, T3 or T4 they are staged as N1.

    Raises ``ValueError`` for an unknown category; for T0 N0 M0 (no tumour found: nothing to
    stage); and for Tis with nodal spread and no M1 (nodal spread means an invasive cancer, so
    the T category needs another look: the AJCC table has no such row).
    """
    tc, nc, mc = _categories(t, n, m)
    if mc == "M1":
        return "IV"
    main_t, main_n = _main_t(tc), _main_n(nc)
    if main_t == "T0" and main_n == "N0":
        raise ValueError("t, n and m describe no tumour (T0 N0 M0): there is nothing to stage; "
                         "t must be one of the tumour categories, or n must show nodal spread")
    if main_t == "Tis" and main_n != "N0":
        raise ValueError(f"t is 'Tis' (in situ) but n is {nc!r}: cancer in lymph nodes means an "
                         f"invasive tumour, so t must be an invasive category (T0-T4)")
    if main_n == "N1mi" and main_t in ("T2", "T3", "T4"):
        main_n = "N1"
    for row in STAGE_TABLE:
        if row.n == main_n and row.t in (main_t, "any"):
            return row.stage
    raise AssertionError(f"no stage row for {tc} {nc} {mc}")  # pragma: no cover


def summary_stage(t: str, n: str, m: str) -> str:
    """Return the SEER Summary Stage 2018 group: "in situ", "localized", "regional", "distant".

    Distant: M1. In situ: Tis N0 M0. Regional: any nodal spread (micrometastases included) or
    direct extension to the chest wall or skin (T4a-T4d, inflammatory carcinoma included).
    Localized: invasive cancer confined to the breast. Same inputs and errors as
    :func:`anatomic_stage`.
    """
    tc, nc, mc = _categories(t, n, m)
    anatomic_stage(tc, nc, mc)  # the same checks of impossible combinations
    if mc == "M1":
        return "distant"
    if _main_t(tc) == "Tis":
        return "in situ"
    if nc != "N0" or _main_t(tc) == "T4":
        return "regional"
    return "localized"


def t_category(
    size_mm: float,
    *,
    chest_wall: bool = False,
    skin: bool = False,
    inflammatory: bool = False,
    in_situ: bool = False,
) -> str:
    """Return the AJCC 8 T category for a tumour's greatest dimension and extension.

    ``size_mm``: greatest dimension of the invasive tumour in millimetres, as recorded (AJCC
    rounds measurements to the nearest whole millimetre, and sizes between 1 and 2 mm up to
    2 mm, before they are recorded). Cut-offs are inclusive upper limits: ≤1 T1mi, ≤5 T1a,
    ≤10 T1b, ≤20 T1c, ≤50 T2, >50 T3.
    Extension flags give T4 whatever the size: ``chest_wall`` (not the pectoral muscle alone)
    T4a, ``skin`` (ulceration, satellite skin nodules or oedema such as peau d'orange; invasion
    of the dermis alone is not T4) T4b, both T4c, ``inflammatory`` carcinoma T4d. ``in_situ``
    gives Tis.

    Raises ``ValueError`` for a size that is not a number above 0 (a T0 tumour has no size:
    use "T0" directly) or for a flag that is not True/False.
    """
    for name, flag in (("chest_wall", chest_wall), ("skin", skin),
                       ("inflammatory", inflammatory), ("in_situ", in_situ)):
        if not isinstance(flag, bool):
            raise ValueError(f"{name} must be True or False; got {flag!r}")
    size = check_number("size_mm", size_mm, low=0.0, unit=" mm")
    if size == 0.0 and not in_situ:
        raise ValueError("size_mm must be a number above 0 mm for a tumour; got 0 "
                         "(no tumour found is T0: use 'T0' directly)")
    if in_situ:
        return "Tis"
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

    0 nodes → N0; 1-3 → N1 (N1mi when every deposit is a micrometastasis, >0.2 mm and
    ≤2.0 mm); 4-9 → N2; 10 or more → N3. Internal mammary, infraclavicular and
    supraclavicular nodes are not modelled here: choose N directly for those.
    Raises ``ValueError`` for a count that is not a whole number of at least 0.
    """
    nodes = check_int("positive_axillary_nodes", positive_axillary_nodes, low=0)
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
