"""helpers.tnm: one reader for T, N and M as reports write them, shared by every stage helper."""

from __future__ import annotations

import pytest

from helpers.prognostic import prognostic_result, prognostic_stage
from helpers.staging import anatomic_stage, summary_stage
from helpers.tnm import Category, read_category, read_tnm


@pytest.mark.parametrize(("field", "text", "prefix", "category", "main", "modifiers"), [
    ("t", "pT1c(m)", "p", "T1c", "T1", ("(m)",)),
    ("t", " yp T 2 ", "yp", "T2", "T2", ()),
    ("t", "ycT4d", "yc", "T4d", "T4", ()),
    ("t", "TIS (dcis)", "", "Tis", "Tis", ()),
    ("t", "tx", "", "TX", "TX", ()),
    ("n", "ypN0 (i+)(sn)", "yp", "N0(i+)", "N0", ("(sn)",)),
    ("n", "pN0(i-)", "p", "N0", "N0", ("(i-)",)),
    ("n", "pN0(mol-)", "p", "N0", "N0", ("(mol-)",)),
    ("n", "pn0(mol+)", "p", "N0(mol+)", "N0", ()),
    ("n", "pN1mi(sn)", "p", "N1mi", "N1mi", ("(sn)",)),
    ("n", "cN1(f)", "c", "N1", "N1", ("(f)",)),
    ("n", "pN1a (sn) ", "p", "N1a", "N1", ("(sn)",)),
    ("n", "NX", "", "NX", "NX", ()),
    ("m", "cM0(i+)", "c", "M0(i+)", "M0", ()),
    ("m", "pM1", "p", "M1", "M1", ()),
])
def test_reads_what_reports_write(field, text, prefix, category, main, modifiers) -> None:
    c = read_category(field, text)
    assert (c.prefix, c.category, c.main, c.modifiers) == (prefix, category, main, modifiers)
    assert c.post_therapy is prefix.startswith("y")
    assert c.unknown is category.endswith("X")


def test_category_is_frozen_and_written_back() -> None:
    c = read_category("n", "pn0 (i+) (sn)")
    assert str(c) == "pN0(i+)(sn)"
    assert str(read_category("t", "tis(paget's)")) == "Tis(Paget)"
    with pytest.raises(AttributeError):
        c.prefix = "c"  # type: ignore[misc]
    assert isinstance(read_tnm("T1", "N0", "M0")[0], Category)


@pytest.mark.parametrize(("field", "text", "message"), [
    ("t", "T2(sn)", r"^t cannot be 'T2\(sn\)': \(sn\) is not a modifier"),
    ("t", "T0(m)", r"^t cannot be 'T0\(m\)'"),
    ("n", "N1(i+)", r"^n cannot be 'N1\(i\+\)': \(i\+\) describes a node-negative finding"),
    ("n", "N0(i+)(i+)", "written twice"),
    ("n", "N0(i-)(i+)", "contradict each other"),
    ("n", "yN1", "^n must be one of"),
    ("m", "MX", "MX is not used in the AJCC 8th edition, so no stage group can be given"),
    ("m", "pM0", "no pM0"),
    ("m", "ypM0", "no pM0"),
    ("m", "M1(i+)", r"^m cannot be"),
    ("t", "Tis(LCIS)", "LCIS"),
    ("t", "TX(m)", "takes no modifiers"),
    ("t", "pN1", "^t must be one of"),
    ("t", 12, "^t must be one of"),
    ("n", None, "^n must be one of"),
])
def test_refuses_with_the_reason_in_words(field, text, message) -> None:
    with pytest.raises(ValueError, match=message):
        read_category(field, text)


# The same wordings work in all three stage helpers: before this reader, anatomic_stage and
# summary_stage refused "(sn)" and "(f)", which prognostic_stage accepted.
@pytest.mark.parametrize(("t", "n", "m", "stage", "summary"), [
    ("pT1c(m)", "pN0(sn)", "cM0", "IA", "localized"),
    ("pT2", "pN1a(sn)", "cM0", "IIB", "regional"),
    ("cT2", "cN1(f)", "cM0", "IIB", "regional"),
    ("pT1b", "pN0(i-)(sn)", "M0", "IA", "localized"),
    ("pT1b", "pN0(mol-)", "M0", "IA", "localized"),
    ("pT1a", "pN1mi(sn)", "cM0", "IB", "regional"),
    ("T3", "N3a", "M0", "IIIC", "regional"),
    ("T3", "N3b", "M0", "IIIC", "regional"),
])
def test_one_reader_for_all_three(t, n, m, stage, summary) -> None:
    assert anatomic_stage(t, n, m) == stage
    assert summary_stage(t, n, m) == summary
    result = prognostic_result(t, n, m, grade=2, her2="negative", er="positive", pr="positive",
                               kind="clinical")
    assert result.anatomic == stage


@pytest.mark.parametrize("call", [
    anatomic_stage, summary_stage,
    lambda t, n, m: prognostic_stage(t, n, m, grade=2, her2="negative", er="positive",
                                     pr="positive", kind="clinical"),
], ids=["anatomic", "summary", "prognostic"])
@pytest.mark.parametrize(("t", "n", "field"), [("TX", "N0", "t"), ("T2", "NX", "n"),
                                                 ("pTX", "pN1", "t")])
def test_unknown_category_gives_no_stage_group(call, t, n, field) -> None:
    with pytest.raises(ValueError, match=f"^{field} is .*could not be assessed, so no stage "
                                         f"group can be given"):
        call(t, n, "M0")


def test_unknown_t_or_n_with_m1_is_still_stage_iv() -> None:
    assert anatomic_stage("TX", "NX", "M1") == "IV"
    assert summary_stage("TX", "N1", "pM1") == "distant"


@pytest.mark.parametrize("field", ["t", "n", "m"])
def test_every_listed_category_reads_back_with_any_prefix_case_and_spacing(field: str) -> None:
    from helpers.tnm import M_CATEGORIES, N_CATEGORIES, T_CATEGORIES

    listed = {"t": T_CATEGORIES, "n": N_CATEGORIES, "m": M_CATEGORIES}[field]
    for category in listed:
        for prefix in ("", "c", "p", "yc", "yp"):
            if field == "m" and prefix in ("p", "yp") and category != "M1":
                continue  # no pM0
            for text in (prefix + category, f" {prefix.upper()} {category.lower()} ",
                         " ".join(prefix + category)):
                c = read_category(field, text)
                assert (c.prefix, c.category) == (prefix, category), text
