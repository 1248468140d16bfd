"""Every acronym a lesson uses is spelled out, or linked to the glossary, at its first use.

A self-learner meets "ASCO/CAP" or "IHC" in the second line of a lesson; this test scans the
markdown of each lesson source (the title line excepted) for each acronym below and checks that
its first occurrence has the words it stands for close by, or is the text of a glossary link.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_notebooks",
                                               ROOT / "tools" / "build_notebooks.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

#: Acronym -> a pattern for the words it stands for (case-insensitive).
ACRONYMS: dict[str, str] = {
    "ASCO": r"American Society of Clinical Oncology",
    "CAP": r"College of American Pathologists",
    "AJCC": r"American Joint Committee on Cancer",
    "SEER": r"Surveillance, Epidemiology,? and End Results",
    "NCI": r"National Cancer Institute",
    "NCCN": r"National Comprehensive Cancer Network",
    "FDA": r"Food and Drug Administration",
    "PDQ": r"Physician Data Query",
    "HER2": r"human epidermal growth factor receptor 2",
    "IHC": r"immunohistochemistry",
    "ISH": r"in[ -]situ hybridi[sz]ation",
    "CEP17": r"(centre|center) of chromosome 17|chromosome 17 (centre|center)",
    "ER": r"estrogen receptor|receptors? for estrogen",
    "PR": r"progesterone receptor|receptors? for (estrogen or )?progesterone",
    "HR": r"hormone[- ]receptor",
    "TNBC": r"triple-negative breast cancer",
    "TNM": r"tumou?r.{0,30}nodes?.{0,30}metasta",
    "DCIS": r"ductal carcinoma in situ",
    "LCIS": r"lobular carcinoma in situ",
    "MRI": r"magnetic resonance",
    "CT": r"computed tomography",
    "PET": r"positron emission tomography",
    "ADC": r"antibody-drug conjugate",
    "CPS": r"combined positive score",
    "PD-L1": r"programmed death[- ]ligand 1",
    "ctDNA": r"circulating tumou?r DNA",
    "CDK4/6": r"cyclin-dependent kinases? 4 and 6",
    "PARP": r"poly ?\(ADP-ribose\) polymerase",
    "GnRH": r"gonadotropin-releasing hormone",
    "EBCTCG": r"Early Breast Cancer Trialists' Collaborative Group",
    "GBSG2": r"German Breast Cancer Study Group 2",
}
#: How far (characters) from the first use the spelled-out words may stand.
WINDOW = 250
GLOSSARY_LINK = re.compile(r"\[([^\]]*)\]\(glossary\.md#[^)]+\)")
SOURCES = sorted(build.LESSONS.glob("*.py"))


def _occurrence(acronym: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(acronym)}(?![A-Za-z0-9])")


def _markdown(source: Path) -> str:
    """The lesson's markdown text, its title line left out."""
    cells = [c.source for c in build.read_source(source).cells if c.cell_type == "markdown"]
    text = "\n\n".join(cells)
    text = text.split("\n", 1)[1] if text.startswith("# ") else text
    return re.sub(r"\s+", " ", text)  # words wrapped over two lines still count


def first_use_problem(text: str, acronym: str, expansion: str) -> str | None:
    """None when the first use of ``acronym`` in ``text`` is explained; else what is wrong."""
    match = _occurrence(acronym).search(text)
    if match is None:
        return None
    start, end = match.span()
    for link in GLOSSARY_LINK.finditer(text):
        if link.start(1) <= start and end <= link.end(1):
            return None
    around = text[max(0, start - WINDOW):end + WINDOW]
    if re.search(expansion, around, flags=re.IGNORECASE):
        return None
    context = text[max(0, start - 60):end + 60].replace("\n", " ")
    return f"{acronym} is first used without being spelled out or linked: ...{context}..."


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_acronyms_are_spelled_out_at_first_use(source: Path) -> None:
    text = _markdown(source)
    problems = [p for a, e in ACRONYMS.items() if (p := first_use_problem(text, a, e))]
    assert not problems, "\n".join(problems)


def test_the_check_fails_on_a_bare_acronym_and_passes_on_a_spelled_out_one() -> None:
    bare = "Scored by the ASCO/CAP rules. The American Society of Clinical Oncology wrote them."
    assert first_use_problem(bare, "CAP", ACRONYMS["CAP"]) is not None
    spelled = ("Scored by the rules of ASCO and CAP (the American Society of Clinical Oncology "
               "and the College of American Pathologists).")
    assert first_use_problem(spelled, "ASCO", ACRONYMS["ASCO"]) is None
    assert first_use_problem(spelled, "CAP", ACRONYMS["CAP"]) is None
    linked = "An [IHC](glossary.md#ihc) stain, immunohistochemistry later."
    assert first_use_problem(linked, "IHC", ACRONYMS["IHC"]) is None
    assert first_use_problem("HER2 and HER3", "ER", ACRONYMS["ER"]) is None  # not inside words


def test_the_spelled_out_words_must_be_near_the_first_use() -> None:
    far = "IHC is used. " + "x" * (WINDOW + 50) + " immunohistochemistry"
    assert first_use_problem(far, "IHC", ACRONYMS["IHC"]) is not None
