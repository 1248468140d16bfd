"""helpers.report: every attribute read from every form of report, the rules applied, privacy and
bad input. The reports in tests/reports/ are made up, written after the forms labs publish (CAP
synoptic and biomarker templates, US narrative diagnoses, UK/Australian datasets)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import DISCLAIMER
from helpers.report import (EXAMPLE_REPORT, MAX_CHARS, PathologyReport, allred_status, apply_rules,
                            nottingham_grade, read_report)

ROOT = Path(__file__).resolve().parents[1]
REPORTS = Path(__file__).with_name("reports")


def _report(name: str) -> PathologyReport:
    return read_report((REPORTS / f"{name}.txt").read_text(encoding="utf-8"))


#: What each made-up report states, attribute by attribute (None: the report does not state it).
EXPECTED = {
    "cap_synoptic": dict(
        histologic_type="invasive carcinoma of no special type", grade=2, tumour_size_mm=18.0,
        er_percent=95.0, pr_percent=40.0, ki67_percent=15.0, er_status="positive",
        pr_status="positive", her2_ihc="1+", her2_ish_ratio=None, her2_copies=None,
        her2_result="negative", her2_expression="low", lymphovascular_invasion=False,
        margins="negative", nodes_positive=1, nodes_examined=3, pt="pT1c", pn="pN1a",
        rcb_class=None),
    "cap_biomarker_template": dict(
        histologic_type="invasive ductal carcinoma", grade=3, tumour_size_mm=None,
        er_percent=5.0, pr_percent=0.0, ki67_percent=40.0, er_status="low positive",
        pr_status="negative", her2_ihc="2+", her2_ish_ratio=1.4, her2_copies=4.6,
        her2_result="negative", her2_expression="low", lymphovascular_invasion=None,
        margins=None, nodes_positive=None, nodes_examined=None, pt=None, pn=None),
    "us_narrative": dict(
        histologic_type="invasive ductal carcinoma", grade=2, tumour_size_mm=23.0,
        er_percent=95.0, pr_percent=60.0, ki67_percent=None, er_status="positive",
        pr_status="positive", her2_ihc="0", her2_result="negative", her2_expression="ultralow",
        lymphovascular_invasion=True, margins="negative", nodes_positive=2, nodes_examined=14,
        pt="pT2", pn="pN1a"),
    "uk_report": dict(
        histologic_type="invasive carcinoma of no special type (NST)", grade=3,
        tumour_size_mm=31.0, er_percent=None, pr_percent=None, er_allred=8, pr_allred=2,
        er_status="positive", pr_status="negative", her2_ihc="2+", her2_ish_ratio=1.2,
        her2_copies=2.9, her2_result="negative", her2_expression="low",
        lymphovascular_invasion=False, margins="negative", nodes_positive=0, nodes_examined=2,
        pt="pT2", pn="pN0(sn)"),
    "neoadjuvant": dict(
        histologic_type="invasive carcinoma of no special type", grade=None, tumour_size_mm=4.0,
        er_status=None, pr_status=None, her2_result=None, lymphovascular_invasion=False,
        margins="negative", nodes_positive=1, nodes_examined=12, pt="ypT1a", pn="ypN1mi",
        rcb_class="II", neoadjuvant=True),
    "broken_lines": dict(
        histologic_type="invasive lobular carcinoma", grade=2, tumour_size_mm=12.0,
        er_percent=8.0, er_status="low positive", pr_percent=20.0, pr_status="positive",
        her2_ihc="0", her2_result="negative", her2_expression="null",
        lymphovascular_invasion=None),
    "addendum": dict(
        histologic_type="invasive ductal carcinoma", grade=2, tumour_size_mm=15.0,
        er_percent=90.0, pr_percent=30.0, her2_ihc="2+", her2_ish_ratio=1.4, her2_copies=4.6,
        her2_result="negative", her2_expression="low"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_report_form_is_read(name: str) -> None:
    report = _report(name)
    wrong = {k: (getattr(report, k), v) for k, v in EXPECTED[name].items()
             if getattr(report, k) != v}
    assert not wrong, wrong


def test_the_corpus_covers_every_attribute() -> None:
    """Each attribute the issue names is stated (not None) in at least one report above."""
    attributes = ["histologic_type", "grade", "tumour_size_mm", "er_percent", "pr_percent",
                  "ki67_percent", "er_status", "pr_status", "her2_ihc", "her2_ish_ratio",
                  "her2_copies", "her2_result", "lymphovascular_invasion", "margins",
                  "nodes_positive", "nodes_examined", "pt", "pn"]
    for attribute in attributes:
        assert any(v.get(attribute) is not None for v in EXPECTED.values()), attribute
        assert any(v.get(attribute) is False or v.get(attribute) for v in EXPECTED.values())


# --- Attribute rules, one short report each -------------------------------------------------

@pytest.mark.parametrize("text,grade", [
    ("Invasive ductal carcinoma, Nottingham grade 3", 3),
    ("Histologic grade: G1", 1),
    ("Grade II invasive carcinoma", 2),
    ("INVASIVE CARCINOMA, NOTTINGHAM SCORE 8/9", 3),
    ("Invasive carcinoma (tubules 1 + nuclei 2 + mitoses 2 = 5)", None),  # not the 3+2+2=7 form
    ("Invasive carcinoma (3+3+2=8/9)", 3),
    ("Invasive carcinoma, moderately differentiated", 2),
    ("Invasive carcinoma, poorly differentiated", 3),
    ("Invasive carcinoma, well-differentiated", 1),
    ("DCIS, nuclear grade 3. Invasive carcinoma present.", None),
])
def test_grade(text: str, grade: int | None) -> None:
    assert read_report(text).grade == grade


def test_nottingham_grade_bands_and_refusals() -> None:
    assert [nottingham_grade(t) for t in range(3, 10)] == [1, 1, 1, 2, 2, 3, 3]
    for bad in (2, 10, 7.0, True, "7"):
        with pytest.raises(ValueError, match="3 to 9"):
            nottingham_grade(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text,size", [
    ("Invasive carcinoma measuring 2.3 x 1.8 x 1.5 cm.", 23.0),
    ("Size of largest invasive carcinoma: 9 mm", 9.0),
    ("Invasive tumour size: 1.2 cm. Whole tumour size including DCIS: 3.5 cm.", 12.0),
    ("Whole tumour size (invasive + DCIS): 42 mm", None),
    ("DCIS extent: 30 mm", None),
    ("Tumour bed: 25 x 20 mm, no residual invasive carcinoma", None),
    ("Core biopsy: invasive carcinoma in 2 cores, core length 14 mm", None),
    ("Ultrasound size of the carcinoma: 18 mm", None),
    ("Specimen: 65 x 50 x 30 mm. Invasive carcinoma, 8 mm, 3 mm from the deep margin.", 8.0),
    ("INVASIVE CARCINOMA SPANS 7 MM ON THE LONGEST CORE.", None),
    ("Needle core biopsy. Invasive carcinoma measuring at least 6 mm.", None),
])
def test_size_is_the_largest_invasive_focus_only(text: str, size: float | None) -> None:
    assert read_report(text).tumour_size_mm == size


def test_a_size_on_a_core_is_listed_as_not_read() -> None:
    report = read_report("INVASIVE CARCINOMA SPANS 7 MM ON THE LONGEST CORE.")
    assert [m.field for m in report.not_read] == ["tumour_size_mm"]


def test_allred_beside_a_percentage_does_not_claim_to_decide() -> None:
    report = read_report("ER: Positive, 90% of tumour cells (Allred 8)")
    rules = [i.rule for i in report.explain() if i.field == "er"]
    assert len(rules) == 2 and "90 %, decides" in rules[1]


def test_receptor_percent_status_and_the_labs_word() -> None:
    report = read_report("Estrogen receptor: positive (8%). Progesterone receptor: 0.5%")
    assert (report.er_percent, report.er_status, report.er_reported) == (8.0, "low positive",
                                                                          "positive")
    assert (report.pr_percent, report.pr_status) == (0.5, "negative")
    rule = next(i for i in report.explain() if i.field == "er").rule
    assert "low positive" in rule and "'positive'" in rule
    assert read_report("ER: approximately 95%").er_percent == 95.0
    assert read_report("ER positive, approx. 70 %").er_percent == 70.0


def test_zero_and_under_one_percent_read_plainly() -> None:
    items = {i.field: i.meaning for i in read_report("ER: 0%\nPR: 0.5%").explain()}
    assert "none of the cancer cells stained" in items["er"]
    assert "fewer than 1 cell in 100" in items["pr"]


def test_weakly_positive_is_not_taken_for_low_positive() -> None:
    assert read_report("Estrogen receptor: weakly positive").er_status == "positive"
    assert read_report("Estrogen receptor: low positive").er_status == "low positive"


def test_pr_has_no_low_category() -> None:
    report = read_report("PR: 5%")
    assert report.pr_status == "positive"
    assert read_report("Progesterone receptor: low positive").pr_status == "positive"


def test_a_bound_settles_the_class_and_says_so() -> None:
    report = read_report("PR: NEGATIVE (<1%)\nER: Positive (>90%)")
    assert (report.pr_status, report.pr_bound, report.pr_percent) == ("negative", "<1%", None)
    assert report.er_status == "positive"
    rules = {i.field: i.rule for i in report.explain()}
    assert "'<1%'" in rules["pr"] and "settles" in rules["pr"]


def test_a_range_gives_no_percent_but_a_status_when_the_band_is_sure() -> None:
    report = read_report("ER: Positive, 91-100% of cells\nPR: 1-20%")
    assert report.er_percent is None and report.er_status == "positive"
    assert any(m.field == "er_percent" and "range" in m.reason for m in report.not_read)
    assert report.pr_percent is None and report.pr_status == "positive"
    assert read_report("ER 1-20%").er_status is None  # low positive or positive


@pytest.mark.parametrize("text,er,pr", [
    ("Oestrogen receptor: Allred 8/8\nProgesterone receptor: Allred 0/8", "positive", "negative"),
    ("Oestrogen receptor Allred score 6", "positive", None),
    ("Oestrogen receptor Allred score 4", None, None),  # 1+3 (<1 %) or 2+2 (1-10 %)
    ("Oestrogen receptor Allred score 5 (2+3)", "low positive", None),
    ("Progesterone receptor Allred score 5", None, "positive"),
    ("Progesterone receptor Allred score 3 (1+2)", None, "negative"),
    ("ER: Quick score 7", "positive", None),
])
def test_allred_only(text: str, er: str | None, pr: str | None) -> None:
    report = read_report(text)
    assert (report.er_status, report.pr_status) == (er, pr)
    assert report.er_percent is None and report.pr_percent is None


def test_allred_status_table() -> None:
    assert [allred_status(t, "ER") for t in (0, 2, 3, 4, 5, 6, 7, 8)] == [
        "negative", "negative", None, None, None, "positive", "positive", "positive"]
    assert [allred_status(t, "PR") for t in (0, 2, 3, 4, 5, 6)] == [
        "negative", "negative", None, None, "positive", "positive"]
    assert allred_status(3, "ER", (2, 1)) == "low positive"
    assert allred_status(3, "PR", (2, 1)) == "positive"
    assert allred_status(4, "ER", (1, 3)) == "negative"


def test_allred_totals_agree_with_the_allred_bands_in_helpers_receptors() -> None:
    """Every (percent, intensity) Allred can score: a total that allred_status settles gives the
    class ASCO/CAP 2020 gives the percent."""
    from helpers.receptors import allred_score, classify_receptor

    for percent in (0, 0.5, 1, 5, 10, 10.5, 20, 33, 50, 66, 67, 90, 100):
        for intensity in ("none", "weak", "moderate", "strong"):
            try:
                score = allred_score(percent, intensity)
            except ValueError:
                continue
            for receptor in ("ER", "PR"):
                settled = allred_status(score.total, receptor)
                if settled is not None:
                    assert settled == classify_receptor(percent, receptor), (percent, intensity)
                assert allred_status(score.total, receptor, (score.proportion, score.intensity)
                                     ) == classify_receptor(percent, receptor)


@pytest.mark.parametrize("text,ihc,result,expression", [
    ("HER2 IHC: 2+", "2+", "equivocal", "pending"),
    ("HER2: 3+ (positive)", "3+", "positive", "positive"),
    ("HER2 IHC score 1+", "1+", "negative", "low"),
    ("HER2: Negative (Score 0)", "0", "negative", "0 (not subclassified)"),
    ("HER2: 0 (null)", "0", "negative", "null"),
    ("HER2: score 0, ultralow (faint incomplete staining in 5% of cells)", "0", "negative",
     "ultralow"),
])
def test_her2_ihc(text: str, ihc: str, result: str, expression: str) -> None:
    report = read_report(text)
    assert (report.her2_ihc, report.her2_result, report.her2_expression) == (ihc, result,
                                                                             expression)


def test_her2_rule_text_for_a_plain_zero_and_for_words_only() -> None:
    zero = read_report("HER2: Negative (Score 0)").explain()
    assert "does not say whether this IHC 0 is HER2-null" in zero.items[0].rule
    words = read_report("HER2: negative").explain()
    assert words.items[0].rule == "The report gives the HER2 result in words only: negative."


def test_her2_the_issues_example_ish_group_4() -> None:
    report = read_report("HER2 IHC 2+. HER2 SISH: HER2/CEP17 ratio 1.4, average HER2 copy "
                         "number 4.6 per cell.")
    assert (report.her2_ish_ratio, report.her2_copies) == (1.4, 4.6)
    assert (report.her2_result, report.her2_expression, report.rules.her2_ish_group) == (
        "negative", "low", 4)
    rule = next(i.rule for i in report.explain() if i.field == "her2" and i.rule)
    assert "ISH group 4" in rule and "HER2-negative" in rule and "HER2-low" in rule


def test_her2_ish_without_ihc_settles_groups_1_and_5_only() -> None:
    assert read_report("HER2 FISH ratio 2.6, 7.2 HER2 signals per cell").her2_result == \
        "positive"
    assert read_report("HER2 DISH: ratio 1.1, mean HER2 copy number 2.2").her2_result == \
        "negative"
    group3 = read_report("HER2 FISH ratio 1.5, mean HER2 copy number 6.5. Amplified.")
    assert group3.rules.her2_ish_group == 3 and group3.her2_result == "positive"  # lab's word
    assert read_report("HER2 SISH: not amplified").her2_result == "negative"


def test_her2_pending_is_none_and_listed() -> None:
    report = read_report("ER: 90%\nHER2: pending, to follow in a supplementary report")
    assert report.her2_result is None and report.her2_ihc is None
    assert [m.field for m in report.not_read] == ["her2_result"]
    ish = read_report("HER2: Equivocal (2+), ISH to follow.")
    assert ish.her2_result == "equivocal" and ish.her2_ish_ratio is None
    assert any(m.field == "her2_ish_ratio" for m in ish.not_read)


def test_an_addendum_replaces_the_earlier_her2_values() -> None:
    report = _report("addendum")
    assert report.her2_ihc == "2+" and report.her2_result == "negative"
    uk = _report("uk_report")
    assert uk.her2_result == "negative"  # the SISH "to follow" came
    assert not [m for m in uk.not_read if m.field.startswith("her2")]


@pytest.mark.parametrize("text,lvi", [
    ("Lymphovascular invasion: Present", True),
    ("LVI: not identified", False),
    ("No lymphovascular invasion is identified.", False),
    ("Lymphovascular invasion: possible", None),
    ("Lymphovascular invasion: cannot be assessed", None),
    ("Lymphovascular invasion:\n  Not seen", False),
    ("IN SITU CARCINOMA IS PRESENT.\n- NO LYMPHOVASCULAR INVASION IDENTIFIED.", False),
    ("Lymphovascular invasion identified (focal).", True),
])
def test_lymphovascular_invasion(text: str, lvi: bool | None) -> None:
    assert read_report(text).lymphovascular_invasion is lvi


@pytest.mark.parametrize("text,margins", [
    ("Margins: negative for invasive carcinoma; DCIS present at the anterior margin.",
     "negative"),
    ("Invasive carcinoma extends to the inferior margin.", "positive"),
    ("Margins\nInvasive Carcinoma: Positive (posterior)\nDCIS: Negative", "positive"),
    ("Margins\nInvasive Carcinoma: Negative\nDCIS: Positive (anterior)", "negative"),
    ("DCIS involves the superior margin.", None),
])
def test_margins_are_read_for_invasive_carcinoma_only(text: str, margins: str | None) -> None:
    assert read_report(text).margins == margins


@pytest.mark.parametrize("text,positive,examined", [
    ("Sentinel lymph nodes: 0/3", 0, 3),
    ("METASTATIC CARCINOMA IN THREE OF ELEVEN LYMPH NODES", 3, 11),
    ("Sentinel node: isolated tumour cells only (1/1), pN0(i+)", 0, 1),
    ("Number of Lymph Nodes with Macrometastases: 2\nNumber of Lymph Nodes with "
     "Micrometastases: 1\nNumber of Lymph Nodes with Isolated Tumor Cells: 1\n"
     "Total Number of Lymph Nodes Examined: 9", 3, 9),
    ("No lymph nodes were received.", None, None),
    ("Axillary clearance: macrometastases in three nodes, micrometastasis in one node; "
     "twelve lymph nodes examined.", 4, 12),
])
def test_nodes(text: str, positive: int | None, examined: int | None) -> None:
    report = read_report(text)
    assert (report.nodes_positive, report.nodes_examined) == (positive, examined)


@pytest.mark.parametrize("text,pt,pn", [
    ("pT1c pN0(i+)", "pT1c", "pN0(i+)"),
    ("PATHOLOGIC STAGE: PT2 PN1A", "pT2", "pN1a"),
    ("ypT0 ypN0", "ypT0", "ypN0"),
    ("pT1mi(m) pN1mi", "pT1mi(m)", "pN1mi"),
    ("AJCC: pT2 N1a", "pT2", "N1a"),
])
def test_tnm_as_written(text: str, pt: str, pn: str) -> None:
    report = read_report(text)
    assert (report.pt, report.pn) == (pt, pn)


def test_stage_only_when_t_n_and_m_are_all_stated() -> None:
    assert read_report("pT2 pN1a").rules.stage is None
    report = read_report("Invasive carcinoma, 30 mm. pT2 pN1a cM0")
    assert report.pm == "cM0" and report.rules.stage == "IIB"
    assert read_report("ypT1c ypN0 cM0").rules.stage == "IA"


def test_t_and_n_from_the_numbers() -> None:
    report = read_report("Invasive carcinoma measuring 20.4 mm. Lymph nodes: 4/12")
    assert (report.rules.t_from_size, report.rules.n_from_nodes) == ("T1c", "N2a")


def test_micrometastases_only_give_n1mi() -> None:
    report = read_report("Sentinel lymph nodes: micrometastases in two nodes (2/3), largest "
                         "1.1 mm.")
    assert report.nodes_micrometastases_only and report.rules.n_from_nodes == "N1mi"
    macro = read_report("Axillary nodes: macrometastases in two nodes (2/9).")
    assert not macro.nodes_micrometastases_only and macro.rules.n_from_nodes == "N1a"


def test_ki67_one_number_or_none() -> None:
    assert read_report("Ki-67: 25%").ki67_percent == 25.0
    report = read_report("Ki67 proliferation index: 15-20%")
    assert report.ki67_percent is None and report.not_read[0].field == "ki67_percent"


def test_residual_cancer_burden() -> None:
    assert read_report("Residual cancer burden: RCB-0 (pathological complete response)"
                       ).rcb_class == "0"
    assert read_report("RCB class III").rcb_class == "III"


# --- explain() ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_explain_in_reading_order_with_links_and_the_note(name: str) -> None:
    report = _report(name)
    explained = report.explain()
    assert explained.note == DISCLAIMER and DISCLAIMER in str(explained)
    assert "For education only" in explained.to_html()
    positions = [f.position for f in report.findings]
    assert positions == sorted(positions)
    assert len(explained) >= 5
    for item in explained:
        page, _, anchor = item.link.partition("#")
        assert (ROOT / "notebooks" / page).exists() or page == "08_read_your_report.ipynb"
        assert anchor and item.written and item.meaning


ADVICE = re.compile(r"(?i)\b(should|must have|recommend\w*|you need|prognosis|outlook|survival|"
                    r"cure[ds]?|chance|chemotherapy|tamoxifen|will (?:need|respond|live))\b")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_explain_never_gives_a_treatment_or_an_outlook(name: str) -> None:
    for item in _report(name).explain():
        assert not ADVICE.search(item.meaning + " " + item.rule), item


def _grade_level(text: str) -> float:
    """Flesch-Kincaid grade level (rough syllable count)."""
    sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", text)))
    words = re.findall(r"[A-Za-z]+", text)
    syllables = sum(max(1, len(re.findall(r"[aeiouy]+", w.lower())) - w.lower().endswith("e"))
                    for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def test_plain_words_read_at_the_level_of_the_lessons_summaries() -> None:
    """The meanings read no harder than the lessons' own "In plain words" summaries."""
    summaries = []
    for path in sorted((ROOT / "lessons").glob("0[1-7]_*.py")):
        section = path.read_text(encoding="utf-8").split("## In plain words", 1)[1]
        section = section.split("# %%", 1)[0]
        summaries.append(_grade_level(re.sub(r"^# ?", "", section, flags=re.M)))
    meanings = " ".join(i.meaning for name in EXPECTED for i in _report(name).explain())
    assert _grade_level(meanings) <= max(summaries) + 0.5, (_grade_level(meanings), summaries)


# --- Privacy ---------------------------------------------------------------------------------

IDENTIFIERS = ["TESTPERSON", "ALEXANDRA", "03/14/1961", "00482915", "S26-04417", "Made Up",
               "Example, Bea", "77120394", "1970-02-11", "DOE", "JANE", "123456789",
               "07/22/1958", "SP-26-018822", "11/02/2026", "943 476 5919", "Rosa", "K1234567",
               "H26/55123", "Redacted", "01.01.1975", "5521903"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nothing_of_the_header_is_shown_back(name: str) -> None:
    report = _report(name)
    shown = " ".join([str(report), repr(report), str(report.explain()),
                      report.explain().to_html()])
    for identifier in IDENTIFIERS:
        assert identifier not in shown, identifier
    assert "1961" not in shown and "NHS" not in shown


def test_identifiers_mixed_into_a_finding_line_are_masked() -> None:
    report = read_report("Oestrogen receptor (block A1, lab no 26-123456, 12/03/2026): "
                         "positive, 90%")
    assert report.er_percent == 90.0
    shown = repr(report) + str(report.explain())
    assert "123456" not in shown and "12/03/2026" not in shown


def test_a_signature_or_record_number_inside_a_line_is_dropped() -> None:
    report = read_report("Comment: ER is low (5%). Electronically signed by: A. Person, MD\n"
                         "ER: positive (5%), case #: XY26-0042 MRN: 99887766")
    shown = repr(report) + str(report.explain())
    assert report.er_percent == 5.0
    for identifier in ("Person", "XY26", "0042", "99887766"):
        assert identifier not in shown


def test_the_pasted_text_is_not_kept() -> None:
    text = (REPORTS / "cap_synoptic.txt").read_text(encoding="utf-8")
    report = _report("cap_synoptic")
    for value in vars(report).values():
        assert value != text
    assert len(repr(report)) < len(text) * 2


# --- Bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\t ", "Beat the eggs with sugar; bake for 25 "
                                  "minutes at 180 degrees.", "lorem ipsum " * 2000,
                                  "\x00\x01\x02 binary-ish", "🙂" * 500])
def test_not_a_report_reads_nothing(text: str) -> None:
    report = read_report(text)
    assert not report.findings and str(report) == "PathologyReport(nothing read)"
    assert len(report.explain()) == 0 and "No findings" in str(report.explain())


def test_too_long_text_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="at most 50,000 characters"):
        read_report("x" * 2_000_000)
    assert MAX_CHARS == 50_000
    read_report("x" * MAX_CHARS)  # the bound itself is read


@pytest.mark.parametrize("value,words", [(b"ER: 90%", "decode"), (None, "NoneType"),
                                         (42, "int"), (["ER 90%"], "list")])
def test_non_text_is_refused_with_a_type_error(value: object, words: str) -> None:
    with pytest.raises(TypeError, match=words):
        read_report(value)  # type: ignore[arg-type]


ADVERSARIAL = {
    "digits": "1" * MAX_CHARS, "products": "1 x " * (MAX_CHARS // 4),
    "markers": "HER2 ER PR Ki-67 " * (MAX_CHARS // 17), "pluses": "HER2 " + "2+" * 20000,
    "fractions": "node 1/2 " * (MAX_CHARS // 9), "words": "one of two lymph nodes " * 2000,
    "margins": "margin\n" * (MAX_CHARS // 7), "allred": "ER Allred " * (MAX_CHARS // 10),
    "categories": "pT1c pN1a " * (MAX_CHARS // 10), "one line": "a" * MAX_CHARS,
    # A pasted run of spaces: patterns that may begin on a space rescan the run from every
    # position (it took 95 s before the grade patterns were made to start on a non-space).
    "spaces": " " * (MAX_CHARS - 1) + "x", "tabs": "\t" * (MAX_CHARS - 7) + "ER 90%",
    "no-break spaces": "\u00a0" * (MAX_CHARS - 1) + "x",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_pathological_text_finishes_and_stays_small(name: str) -> None:
    """Text built to make a careless pattern backtrack: read in one pass (the benchmark
    benchmarks/bench_report.py times it), with a bounded number of findings."""
    report = read_report(ADVERSARIAL[name])
    assert len(report.findings) <= 30
    assert len(str(report.explain())) < 20_000


def test_apply_rules_is_the_one_adapter() -> None:
    """The rules can be applied to findings made by hand (a future shared TNM parser)."""
    rules = apply_rules(PathologyReport(her2_ihc="2+", her2_ish_ratio=2.2, her2_copies=3.5,
                                        tumour_size_mm=51.0, nodes_positive=10, pt="pT3",
                                        pn="pN3a", pm="cM0"))
    assert (rules.her2_status, rules.her2_ish_group) == ("negative", 2)
    assert (rules.t_from_size, rules.n_from_nodes, rules.stage) == ("T3", "N3a", "IIIC")


# --- The widget ------------------------------------------------------------------------------

def _widget_text(reader) -> str:  # noqa: ANN001
    return " ".join(str(getattr(child, "value", "")) for child in
                    [reader.note, reader.summary, reader.result])


def test_widget_reads_what_is_pasted_and_shows_no_identifier() -> None:
    from helpers.widgets.report import report_reader

    reader = report_reader()
    assert "Paste a report" in reader.summary.value and reader.result.value == ""
    reader.text.value = (REPORTS / "us_narrative.txt").read_text(encoding="utf-8")
    shown = _widget_text(reader)
    assert "findings read" in reader.summary.value and "<table" in reader.result.value
    assert "HER2-ultralow" in shown and "For education only" in shown
    for identifier in IDENTIFIERS:
        assert identifier not in shown, identifier


def test_widget_privacy_note_says_what_binder_is_and_to_remove_identifiers() -> None:
    from helpers.widgets.report import report_reader

    note = report_reader().note.value
    for words in ("remove your name", "date of birth", "NHS", "nothing leaves your machine",
                  "Binder", "temporary computer", "care team"):
        assert words in note, words


def test_widget_example_button_clear_button_and_bad_input() -> None:
    from helpers.report import EXAMPLE_REPORT
    from helpers.widgets.report import report_reader

    reader = report_reader(link_base="../notebooks/")
    reader.example_button.click()
    assert reader.text.value == EXAMPLE_REPORT
    assert "ISH group 4" in reader.result.value and 'href="../notebooks/02_' in reader.result.value
    assert "Sam" not in _widget_text(reader)  # the example's made-up header is dropped too
    reader.text.value = "x" * (MAX_CHARS + 1)
    assert "Please check your input" in reader.result.value and "50,000" in reader.result.value
    reader.text.value = "A recipe: two eggs, flour, sugar."
    assert "No findings were read" in reader.summary.value
    reader.clear_button.click()
    assert reader.text.value == "" and reader.result.value == ""
    reader.read_button.click()  # nothing to read: still usable
    assert "Paste a report" in reader.summary.value


def test_the_report_app_page_runs_and_shows_the_reader() -> None:
    """app/report_reader.ipynb (``make report-app``): runs in a fresh kernel without error,
    shows one widget, and is committed without outputs (Voila runs it)."""
    import sys

    import nbformat
    from nbclient import NotebookClient

    sys.path.insert(0, str(ROOT / "tools"))
    import serve

    path = ROOT / serve.REPORT_APP_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert "For education only" in nb.cells[0].source
    assert serve.report_app_command()[3].endswith("report_reader.ipynb")
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    views = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1


def test_the_site_points_the_readers_lesson_links_at_its_pages() -> None:
    """The saved explanation table and widget value link to NN_name.html on the static site."""
    import sys

    import nbformat

    sys.path.insert(0, str(ROOT / "tools"))
    import build_site

    def html_of(nb: nbformat.NotebookNode) -> str:
        outputs = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs if "text/html" in o.get("data", {})]
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        values = [m["state"].get("value") for m in state.values()]
        return " ".join(str(v) for v in outputs + values)

    nb = nbformat.read(ROOT / "notebooks" / "08_read_your_report.ipynb", as_version=4)
    assert html_of(nb).count('href="02_classification.ipynb#') >= 2  # the table and the widget
    after = html_of(build_site.output_links(nb))
    assert ".ipynb" not in after
    assert after.count('href="02_classification.html#6.-ER-and-PR') >= 2


# --------------------------------------------------------------------------------------------
# What a self-learner found on a phone and in the app


_PHONE_REPORT = """\
DIAGNOSIS
Invasive ductal carcinoma, Nottingham grade 2, measuring 2.1 cm; whole tumour size including
DCIS 3.0 cm.
Ductal carcinoma in situ, high nuclear grade.
Margins: invasive carcinoma 4 mm from the nearest (superior) margin; DCIS 1.5 mm from the
posterior margin.
Lymph nodes: 1/2 sentinel nodes positive (macrometastasis, 6 mm); no extranodal extension.
ESTROGEN RECEPTOR: POSITIVE (95%, strong)
Progesterone receptor: Allred score 7/8
"""


def test_the_app_links_the_lessons_where_they_can_be_opened() -> None:
    """Voila answers ../notebooks/*.ipynb with 403: the app links to the repository's copy of
    each lesson notebook, at the same section, and the lesson keeps its relative links."""
    import nbformat

    from helpers.report import LESSON_LINKS
    from helpers.widgets.report import APP_LINK_BASE, report_reader

    nb = nbformat.read(ROOT / "app" / "report_reader.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "../notebooks/" not in code and "link_base=APP_LINK_BASE" in code
    assert APP_LINK_BASE == ("https://github.com/her2neg-teaching/her2neg-teaching/blob/HEAD/"
                             "notebooks/")
    for link in LESSON_LINKS.values():  # each link names a notebook that exists
        assert (ROOT / "notebooks" / link.split("#")[0]).is_file(), link
    app = report_reader(EXAMPLE_REPORT, link_base=APP_LINK_BASE).result.value
    hrefs = re.findall(r'href="([^"]+)"', app)
    assert hrefs and all(h.startswith(APP_LINK_BASE) and "#" in h for h in hrefs)
    lesson = report_reader(EXAMPLE_REPORT).result.value
    assert 'href="02_classification.ipynb#' in lesson


def test_the_findings_table_stacks_on_a_phone_and_no_label_is_cut() -> None:
    """Under 600 px each finding becomes a block whose cells carry their column's name; the
    caption wraps; the buttons are as wide as their words; the box is full width with its
    label above it (not beside it)."""
    from helpers.report import TABLE_CLASS
    from helpers.widgets.report import report_reader

    reader = report_reader(EXAMPLE_REPORT)
    shown = reader.result.value
    media = re.search(r"@media \(max-width: 600px\) \{(.*)\}", shown, re.S)
    assert media and "display: block" in media.group(1) and "attr(data-label)" in media.group(1)
    assert f'<table class="{TABLE_CLASS}">' in shown
    cells = re.findall(r"<td[^>]*>", shown)
    assert cells and all('data-label="' in c for c in cells)
    assert re.search(r"caption \{[^}]*white-space: normal", shown)
    for button in (reader.read_button, reader.example_button, reader.clear_button):
        assert button.layout.width == "auto"
    assert not reader.text.description and not reader.text.layout.width
    assert "her2neg-report-text" in reader.text._dom_classes
    assert "Report text" in reader.label.value
    assert "her2neg-readable" in reader.widget._dom_classes


def test_a_margin_given_as_a_distance_is_read_and_nothing_stated_is_dropped() -> None:
    """"Invasive carcinoma 4 mm from the nearest margin" is a negative margin (the CAP
    protocol gives a distance only when the margins are negative for invasive carcinoma);
    DCIS, the whole tumour size, the size of a node deposit and extranodal extension are
    listed as not read, with a reason."""
    report = read_report(_PHONE_REPORT)
    assert report.margins == "negative"
    assert report.tumour_size_mm == 21.0
    missed = {m.field: m for m in report.not_read}
    assert {"dcis", "whole_tumour_size", "node_deposit_size",
            "extranodal_extension"} <= set(missed)
    assert all(m.reason for m in missed.values())
    shown = report.explain().to_html()
    assert "Not read: DCIS" in shown and "extranodal extension" in shown


def test_a_margin_the_reader_cannot_read_is_listed_as_not_read() -> None:
    report = read_report("Invasive ductal carcinoma, grade 2.\nMargins: see comment.\n")
    assert report.margins is None
    assert [m.field for m in report.not_read] == ["margins"]


def test_the_summary_does_not_claim_that_everything_else_is_left_out() -> None:
    from helpers.widgets.report import report_reader

    summary = report_reader(_PHONE_REPORT).summary.value
    assert "mentioned but not read" in summary
    assert "Anything the report does not state is left out" not in summary


def test_plain_words_say_only_what_the_report_says() -> None:
    """Lone cancer cells only when the report mentions them; an Allred score alone still
    says what positive means; HER2-low in plain words with no hint of drugs; quotes keep
    their closing bracket; links name their lesson; the education note appears once."""
    report = read_report(_PHONE_REPORT)
    explained = list(report.explain())
    nodes = next(i for i in explained if i.field == "nodes")
    assert "lone cancer cells" not in nodes.meaning
    itc = read_report("Sentinel lymph nodes: 1/3 positive (macrometastasis); isolated tumour "
                      "cells in one further node.")
    assert "lone cancer cells" in next(i for i in itc.explain() if i.field == "nodes").meaning
    pr = next(i for i in explained if i.field == "pr")
    assert "positive result means the cancer cells have receptors" in pr.meaning
    er = next(i for i in explained if i.field == "er")
    assert er.written.count("(") == er.written.count(")")
    her2 = next(i for i in read_report(EXAMPLE_REPORT).explain() if i.rule and "HER2-low"
                in i.rule)
    assert "drug" not in her2.rule and "trial" not in her2.rule
    shown = read_report(EXAMPLE_REPORT).explain().to_html()
    names = re.findall(r'target="_blank">([^<]+)</a>', shown)
    assert names and "lesson" not in names and "Lesson 2: ER and PR" in names
    assert shown.lower().count("education only") == 1


def test_lesson_8_points_to_the_no_code_reader_and_says_where_the_text_goes() -> None:
    """Section 7 links the code-free reader on Binder, says plainly whether the page runs on
    the reader's computer or on Binder, and the education note fits a report-reading lesson."""
    text = (ROOT / "lessons" / "08_read_your_report.py").read_text(encoding="utf-8")
    section = text[text.index("# ## 7. Read a report yourself"):text.index("# %%\nreport_reader(")]
    assert ("https://mybinder.org/v2/gh/her2neg-teaching/her2neg-teaching/HEAD?urlpath=voila/"
            "render/app/report_reader.ipynb") in section
    assert "no code" in section.lower()
    assert "runs on your computer" in section and "does *not* run on your computer" in section
    assert "published figures" not in text[:text.index("# ## In plain words")]


def test_a_nottingham_score_written_as_its_sum_is_read_as_the_total() -> None:
    """"Nottingham score 3+3+2=8" is a total of 8 (grade 3), not a score of 3."""
    assert read_report("Nottingham score 3+3+2=8\n").grade == 3
    assert read_report("Nottingham score: 7/9\n").grade == 2
