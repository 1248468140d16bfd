"""Reading T, N and M categories as pathology and staging reports write them (AJCC 8th edition).

One reader for every stage helper: :func:`helpers.staging.anatomic_stage`,
:func:`helpers.staging.summary_stage` and :func:`helpers.prognostic.prognostic_stage` all read
their ``t``, ``n`` and ``m`` through :func:`read_category`, so they accept and refuse the same
wordings.

What a report may write, in any case and with spaces anywhere:

- a prefix: ``c`` (clinical: examination, imaging, biopsy), ``p`` (pathological: after surgery
  as the first treatment), ``yc`` or ``yp`` (after neoadjuvant therapy: clinical, or
  pathological from the surgical specimen);
- the category itself: ``TX``/``NX`` (cannot be assessed), ``T0``, ``Tis``, ``T1mi`` ... ``T4d``,
  ``N0`` ... ``N3c``, ``M0``, ``M1``; ``Tis (DCIS)`` and ``Tis (Paget)`` name what is in situ;
- modifiers in brackets after it: ``(m)`` on T (several invasive foci: T is set by the largest,
  not by their sum), ``(sn)`` on N (nodes found by sentinel node biopsy), ``(f)`` on N (nodes
  confirmed by fine-needle aspiration or core biopsy), ``(i-)``/``(i+)`` and ``(mol-)``/``(mol+)``
  on N0 (no or isolated tumour cells; negative or positive molecular findings only), ``(i+)`` on
  M0 (tumour cells in blood, marrow or other tissue without signs of metastasis).

Refused, each with the reason in words: "pM0" (M0 is a clinical finding unless metastasis is
proven, pM1), "Tis (LCIS)" (not staged in the 8th edition), "MX" (not used in the 8th edition),
modifiers where they have no meaning (``T2(sn)``, ``N1(i+)``), and anything else that is not a
category.

Source: Amin MB et al., eds. *AJCC Cancer Staging Manual*, 8th edition (Springer, 2017; breast
chapter updated 2018): categories, prefixes and modifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._validate import shown

__all__ = ["PREFIXES", "T_CATEGORIES", "N_CATEGORIES", "M_CATEGORIES", "UNKNOWN", "Category",
           "read_category", "read_tnm"]

#: The prefixes a report may put before a category, and what each means.
PREFIXES = {
    "": "no prefix (read as clinical or pathological, whichever the report means)",
    "c": "clinical: from examination, imaging and biopsy",
    "p": "pathological: from the surgical specimen, surgery being the first treatment",
    "yc": "clinical, after neoadjuvant therapy",
    "yp": "pathological, after neoadjuvant therapy",
}

T_CATEGORIES = ("Tis", "T0", "T1mi", "T1a", "T1b", "T1c", "T1", "T2", "T3",
                "T4", "T4a", "T4b", "T4c", "T4d")
N_CATEGORIES = ("N0", "N0(i+)", "N0(mol+)", "N1mi", "N1", "N1a", "N1b", "N1c", "N2", "N2a",
                "N2b", "N3", "N3a", "N3b", "N3c")
M_CATEGORIES = ("M0", "M0(i+)", "M1")
#: Categories that say the extent could not be assessed: no stage group can be given with them.
UNKNOWN = {"t": "TX", "n": "NX", "m": "MX"}

# Modifiers allowed on each field, and on which main categories.
_TIS_NAMES = {"dcis": "Tis (DCIS)", "paget": "Tis (Paget)", "paget's": "Tis (Paget)",
              "pagets": "Tis (Paget)"}
_N0_FINDINGS = ("(i-)", "(i+)", "(mol-)", "(mol+)")
_PREFIX_RE = re.compile(r"^(yp|yc|c|p)?([tnm])(.*)$")
_BRACKET_RE = re.compile(r"\(([^()]*)\)$")


@dataclass(frozen=True)
class Category:
    """One T, N or M category as a report wrote it, read into its parts.

    ``field`` is "t", "n" or "m"; ``prefix`` one of :data:`PREFIXES` ("", "c", "p", "yc",
    "yp"); ``category`` the category as the stage tables list it ("T1c", "N0(i+)", "M0(i+)",
    "Tis"; "TX", "NX" or "MX" when it could not be assessed); ``modifiers`` the other bracketed
    modifiers in a fixed order ("(m)", "(sn)", "(f)", "(i-)", "(mol-)"); ``in_situ`` names what
    a Tis is ("DCIS", "Paget") when the report said so.
    """

    field: str
    prefix: str
    category: str
    modifiers: tuple[str, ...] = ()
    in_situ: str = ""

    @property
    def main(self) -> str:
        """The main category the stage tables use: T1mi/T1a-c → T1, T4a-d → T4, N1a-c → N1,
        N2a-b → N2, N3a-c → N3, N0(i+)/N0(mol+) → N0, M0(i+) → M0; Tis, T0, N1mi stay."""
        c = self.category
        if c in ("Tis", "T0", "N1mi") or c in UNKNOWN.values():
            return c
        return c[:2]

    @property
    def unknown(self) -> bool:
        """True for TX, NX or MX: the category could not be assessed."""
        return self.category == UNKNOWN[self.field]

    @property
    def post_therapy(self) -> bool:
        """True for a yc or yp category (assessed after neoadjuvant therapy)."""
        return self.prefix.startswith("y")

    def __str__(self) -> str:
        """The category written back in the usual form, e.g. "ypT1c(m)", "pN0(i+)(sn)"."""
        core = self.category
        if self.in_situ:
            core = f"Tis({self.in_situ})"
        return self.prefix + core + "".join(self.modifiers)


def _refuse(field: str, value: object, reason: str = "") -> ValueError:
    """The error for a category that cannot be read: the reason if there is one, else what
    is allowed."""
    if reason:
        return ValueError(f"{field} cannot be {shown(value)}: {reason}")
    listed = {"t": T_CATEGORIES, "n": N_CATEGORIES, "m": M_CATEGORIES}[field]
    unknown = "" if field == "m" else f" (or {UNKNOWN[field]!r} when it cannot be assessed)"
    return ValueError(
        f"{field} must be one of {', '.join(repr(c) for c in listed)}{unknown}, optionally "
        f"with a prefix c, p, yc or yp (as in 'pT1c', 'ypN1a', 'cM0') and modifiers in "
        f"brackets after it (as in 'T1c(m)', 'pN0(i+)(sn)'); any case and spacing; got {shown(value)}")


def read_category(field: str, value: object) -> Category:
    """Read one T, N or M category as reports write it; see the module docstring.

    ``field`` is "t", "n" or "m"; ``value`` the text ("pT1c(m)", "ypN0 (i+)(sn)", "cM0").
    Returns a :class:`Category`. Raises ``ValueError`` naming the field, what is allowed and
    what was given, for anything that is not a category of that field with a valid prefix and
    modifiers.
    """
    if field not in UNKNOWN:
        raise ValueError(f"field must be 't', 'n' or 'm'; got {shown(field)}")
    if not isinstance(value, str):
        raise _refuse(field, value)
    text = "".join(value.split()).lower()
    match = _PREFIX_RE.match(text)
    if not match or match.group(2) != field:
        raise _refuse(field, value)
    prefix, rest = match.group(1) or "", match.group(3)
    brackets: list[str] = []
    while (bracket := _BRACKET_RE.search(rest)) is not None:
        brackets.insert(0, bracket.group(1))
        rest = rest[: bracket.start()]
    allowed = {"t": T_CATEGORIES, "n": N_CATEGORIES, "m": M_CATEGORIES}[field]
    canonical = {c.lower(): c for c in (*allowed, UNKNOWN[field]) if "(" not in c}
    core = canonical.get(field + rest)
    if core is None:
        raise _refuse(field, value)
    if core == UNKNOWN[field]:
        if brackets:
            raise _refuse(field, value, f"{UNKNOWN[field]} (cannot be assessed) takes no "
                                        f"modifiers")
        if field == "m":
            raise _refuse(field, value, "MX is not used in the AJCC 8th edition, so no stage "
                                        "group can be given with it: without clinical or "
                                        "imaging signs of distant metastasis the category is "
                                        "cM0 (write 'M0' or 'cM0')")
        return Category(field, prefix, core)
    return _with_modifiers(field, value, prefix, core, brackets)


def _with_modifiers(field: str, value: object, prefix: str, core: str,
                    brackets: list[str]) -> Category:
    category, in_situ, mods, seen = core, "", [], set()
    for inner in brackets:
        mod = f"({inner})"
        if mod in seen:
            raise _refuse(field, value, f"the modifier {mod} is written twice")
        kind = inner.rstrip("+-")
        if mod in _N0_FINDINGS and any(s.rstrip("+-)") == "(" + kind for s in seen):
            raise _refuse(field, value, f"({kind}-) and ({kind}+) contradict each other: "
                                        f"write one of them")
        seen.add(mod)
        if field == "t" and core == "Tis" and inner in _TIS_NAMES and not in_situ:
            in_situ = _TIS_NAMES[inner][5:-1]
        elif field == "t" and core == "Tis" and inner.startswith("lcis"):
            raise _refuse(field, value, "lobular carcinoma in situ (LCIS) is not staged in the "
                                        "AJCC 8th edition (it is a benign entity); Tis is DCIS "
                                        "or Paget disease of the nipple alone")
        elif field == "t" and inner == "m" and core not in ("T0", "Tis"):
            mods.append(mod)
        elif field == "n" and inner in ("sn", "f"):
            mods.append(mod)
        elif field == "n" and mod in _N0_FINDINGS:
            if core == "N0" and category != "N0":
                raise _refuse(field, value, f"{mod} cannot follow {category}: write one "
                                            f"node-negative finding, such as 'N0(i+)' or "
                                            f"'N0(mol+)'")
            if core != "N0":
                raise _refuse(field, value, f"{mod} describes a node-negative finding (isolated "
                                            f"tumour cells or molecular findings only) and goes "
                                            f"with N0 only")
            if mod in ("(i+)", "(mol+)"):
                category = f"N0{mod}"
            else:
                mods.append(mod)
        elif field == "m" and inner == "i+" and core == "M0" and category == "M0":
            category = "M0(i+)"
        else:
            where = {"t": "(m) after an invasive T category, or (DCIS)/(Paget) after Tis",
                     "n": "(sn), (f), and with N0 also (i-), (i+), (mol-) or (mol+)",
                     "m": "(i+) after M0"}[field]
            raise _refuse(field, value, f"({inner}) is not a modifier of this category; "
                                        f"{field} takes {where}")
    if field == "m" and prefix in ("p", "yp") and category != "M1":
        raise _refuse(field, value, "there is no pM0 (or ypM0) category, because M0 is a clinical "
                                    "finding (cM0, or M0) unless distant metastasis is proven "
                                    "in tissue (pM1); use 'M0', 'cM0' or 'M0(i+)'")
    order = ("(m)", "(sn)", "(f)", "(i-)", "(mol-)")
    return Category(field, prefix, category, tuple(m for m in order if m in mods), in_situ)


def read_tnm(t: object, n: object, m: object) -> tuple[Category, Category, Category]:
    """Read T, N and M at once: ``(read_category("t", t), read_category("n", n),
    read_category("m", m))``; same errors."""
    return read_category("t", t), read_category("n", n), read_category("m", m)
