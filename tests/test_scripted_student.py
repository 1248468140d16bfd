"""A scripted student: every exercise of every lesson, answered wrong in the common ways, then right.

The table below holds, for every checker, the right answer in the forms students write it and
the usual wrong answers with the slip each one is (``Feedback.slip``). The test discovers every
``exercise_N`` in ``helpers.exercises.*``, every exercise call in the lessons and every capstone
patient, and fails for one without an entry: a new exercise must come with its scripted student.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest

from helpers import exercises
from helpers.capstone import patient_names
from helpers.exercises import Feedback, WorkedAnswer, reset_tries, tries
from helpers.exercises import capstone as capstone_ex

ROOT = Path(__file__).resolve().parents[1]

#: (module, exercise): (right answers, [(wrong answer, slip the feedback must name), ...]).
#: A slip "x" means Feedback.slip must contain "x".
SCRIPT: dict[tuple[str, str], tuple[list[Any], list[tuple[Any, str]]]] = {
    ("biology", "exercise_1"): ([4, 4.0], [(6, "6.0 cut-off"), (2, "ratio cut-off"),
                                           (3, "too low"), (8, "too high")]),
    ("biology", "exercise_2"): (["HER2-ultralow", "ultralow", " Ultralow ", "her2 ultralow",
                                 "HER2-ULTRALOW", "ultra-low"],
                                [("HER2-null", "HER2-null"), ("low", "HER2-low"),
                                 ("HER2 positive", "HER2-positive")]),
    ("biology", "exercise_3"): ([69.5, 69.52], [(70, "close"), (69, "close"),
                                                (0.695, "fraction"), (90.0, "rate per 100,000"),
                                                (10.5, "other subtype"), (80.0, "sum of both"),
                                                (9.6, "neighbouring row")]),
    ("classification", "exercise_1"): (["negative", "Negative", " NEGATIVE ", "HER2-negative",
                                        "her2 negative"],
                                       [("positive", "positive"), ("equivocal", "equivocal")]),
    ("classification", "exercise_2"): ([3], [(4, "neighbouring group"), (1.5, "ratio"),
                                             (1, "too low"), (5, "too high")]),
    ("classification", "exercise_3"): ([110], [(60, "unweighted"), (130, "weights reversed"),
                                               (1.1, "fractions"), (100, "too low")]),
    ("classification", "exercise_4"): (["HR+/HER2-", "hr+/her2-", "HR+ / HER2-", "HR+/HER2–"],
                                       [("HR-/HER2-", "HR-/HER2-"),
                                        ("triple-negative", "HR-/HER2-"),
                                        ("TNBC", "HR-/HER2-"), ("HR+/HER2+", "HR+/HER2+")]),
    ("staging", "exercise_1"): (["T1c", "t1c", "pT1c", "cT1c", " T1C "],
                                [("T2", "T2"), ("pT2", "T2"), ("T1b", "T1b")]),
    ("staging", "exercise_2"): (["IIB", "iib", "Stage IIB", "stage iib", " IIb "],
                                [("IIA", "IIA"), ("Stage IB", "IB"), ("IIIA", "IIIA")]),
    ("staging", "exercise_3"): (["regional", "Regional", " REGIONAL "],
                                [("localized", "localized"), ("Localised", "localized"),
                                 ("distant", "distant")]),
    ("staging", "exercise_4"): (["IIIC", "Stage IIIC", "iiic"],
                                [("IIIA", "IIIA"), ("IIIB", "IIIB"), ("Stage IV", "IV")]),
    ("prognostic", "exercise_5"): (["IIB", "Stage IIB", "iib"],
                                   [("IIA", "IIA"), ("IIIA", "IIIA"), ("IV", "IV")]),
    ("prognostic", "exercise_6"): (["IA", "Stage IA", " ia "],
                                   [("IIA", "IIA"), ("IB", "IB"), ("0", "0")]),
    ("survival", "exercise_1"): ([67, 67.0, 67.4], [(90, "other subtype"),
                                                    (92, "neighbouring row"),
                                                    (14, "neighbouring row"),
                                                    (0.67, "fraction"), (50, "too low")]),
    ("survival", "exercise_2"): ([65, 65.0], [(-65, "sign"), (10, "neighbouring row"),
                                              (78, "other subtype"), (100, "localized figure")]),
    ("survival", "exercise_4"): ([71, 70.8, 68], [(58, "5-year value"),
                                                  (60.6, "other curve"), (0.71, "fraction"),
                                                  (45, "too low"), (90, "too high")]),
    ("treatment", "exercise_2"): (["TN-MET-SG-SECOND", "tn-met-sg-second", " TN-MET-SG-SECOND "],
                                  [("TN-MET-SG-LATER", "TN-MET-SG-LATER"),
                                   ("TN-MET-L1-SG", "TN-MET-L1-SG")]),
    ("treatment", "exercise_3"): ([10, 10.0], [(1, "CPS 1"), (0.1, "fraction"),
                                               (5, "too low"), (20, "too high")]),
    ("treatment", "exercise_4"): ([4.7], [(5, "close"), (10.1, "new arm"),
                                          (5.4, "comparison arm"), (-4.7, "sign")]),
    ("patient_path", "exercise_2"): ([1.8, 1.80], [(2.93, "two relatives"),
                                                   (80, "percent increase"), (0.8, "increase"),
                                                   (1.0, "too low")]),
    ("patient_path", "exercise_3"): (["core needle biopsy", "Core Needle Biopsy",
                                      " core needle  biopsy "],
                                     [("fine-needle aspiration", "fine-needle aspiration"),
                                      ("surgical biopsy", "surgical biopsy")]),
    ("report", "exercise_1"): (["low positive", "Low Positive", " LOW POSITIVE "],
                               [("positive", "positive"), ("negative", "negative")]),
    ("report", "exercise_2"): ([14, 14.0], [(22, "whole tumour size"), (1.4, "centimetres"),
                                            (10, "too low"), (18, "too high")]),
    ("report", "exercise_3"): ([2], [(3, "isolated tumour cells"), (1, "micrometastasis"),
                                     (4, "nodes examined")]),
}


def _first_line() -> list[str]:
    from helpers.treatment import Patient, treatment_options

    return sorted({o.drug_class for o in treatment_options(Patient(
        "HR+/HER2-", "metastatic", line=1, menopausal_status="postmenopausal"))})


def _modifiable() -> list[str]:
    from helpers.datafiles import read_table

    table = read_table("risk_factors")
    return list(table.loc[table["modifiable"], "risk_factor"])


def _pivot(swap: bool = False) -> Any:
    from helpers.survival import load_survival_table

    index, columns = ("subtype", "stage") if swap else ("stage", "subtype")
    return load_survival_table().pivot(index=index, columns=columns, values="survival_pct")


#: Exercises whose answers are built from data (lists and tables), filled in when first used.
BUILT: dict[tuple[str, str], Any] = {
    ("treatment", "exercise_1"): lambda: (
        [_first_line(), [c.upper() for c in _first_line()], list(reversed(_first_line()))],
        [(_first_line()[:-1], "missing"), (_first_line() + ["chemotherapy"], "do not belong")]),
    ("patient_path", "exercise_1"): lambda: (
        [_modifiable(), [m.lower() for m in _modifiable()]],
        [(_modifiable()[:-1], "missing"), (_modifiable() + ["Getting older"], "do not belong")]),
    ("survival", "exercise_3"): lambda: (
        [_pivot()], [(_pivot(swap=True), "swapped"), (_pivot() + 1, "wrong values")]),
}


def _entry(key: tuple[str, str]) -> tuple[list[Any], list[tuple[Any, str]]]:
    return BUILT[key]() if key in BUILT else SCRIPT[key]


def _checker_modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(exercises.__path__) if not m.name.startswith("_")]


def _discovered() -> list[tuple[str, str]]:
    found = []
    for module in _checker_modules():
        mod = importlib.import_module(f"helpers.exercises.{module}")
        found += [(module, name) for name, obj in vars(mod).items()
                  if re.fullmatch(r"exercise_\d+", name) and callable(obj)]
    return sorted(found)


def _lesson_calls() -> list[tuple[str, str]]:
    calls = set()
    for path in sorted((ROOT / "lessons").glob("*.py")):
        calls |= set(re.findall(r"exercises\.(\w+)\.(exercise_\d+)\(", path.read_text()))
    return sorted(calls)


@pytest.fixture(autouse=True)
def _fresh_tries() -> Any:
    reset_tries()
    yield
    reset_tries()


def test_every_exercise_has_a_scripted_student() -> None:
    known = set(SCRIPT) | set(BUILT)
    missing = [key for key in _discovered() + _lesson_calls() if key not in known]
    assert not missing, f"add these exercises to SCRIPT in {Path(__file__).name}: {missing}"
    stale = [key for key in known if key not in _discovered()]
    assert not stale, f"SCRIPT names exercises that do not exist: {stale}"


def test_every_lesson_heading_matches_its_checker() -> None:
    """"### Exercise 3" is followed by a cell that calls ``exercise_3``."""
    for path in sorted((ROOT / "lessons").glob("*.py")):
        text = path.read_text()
        headings = list(re.finditer(r"^# ### Exercise (\d+)", text, flags=re.M))
        for i, heading in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            calls = re.findall(r"exercises\.\w+\.exercise_(\d+)\(", text[heading.end():end])
            assert calls and calls[0] == heading.group(1), (path.name, heading.group(0), calls)


@pytest.mark.parametrize("key", sorted(set(SCRIPT) | set(BUILT)), ids=lambda k: ".".join(k))
def test_scripted_student_wrong_then_right(key: tuple[str, str]) -> None:
    module, name = key
    checker = getattr(importlib.import_module(f"helpers.exercises.{module}"), name)
    right, wrong = _entry(key)
    for answer, slip in wrong:
        feedback = checker(answer)
        assert isinstance(feedback, Feedback)
        assert feedback.status == "incorrect", (key, answer, feedback)
        assert slip.lower() in feedback.slip.lower(), (key, answer, feedback.slip, slip)
        assert feedback.hint, (key, answer, "a wrong answer needs a hint")
    for answer in right:
        feedback = checker(answer)
        assert feedback.correct, (key, answer, feedback)


CAPSTONE_FORMS = {
    "her2_status": lambda v: v.capitalize(),
    "her2_expression": lambda v: v if v == "positive" else f"HER2-{v}",
    "subtype": lambda v: "triple-negative" if v == "HR-/HER2-" else v.lower(),
    "stage": lambda v: f"Stage {v}",
    "summary_stage": lambda v: v.capitalize(),
}

#: A wrong answer per field that a student makes for this field, with a word the hint must use.
CAPSTONE_SLIPS = {
    "her2_status": ("low", "another field"),
    "her2_expression": ("negative", "another field"),
    "stage": ("localized", "another field"),
    "summary_stage": ("IIA", "another field"),
}


def _right(name: str) -> dict[str, str]:
    from helpers.capstone import patient, run_pipeline

    result = run_pipeline(patient(name))
    return {k: getattr(result, k) for k in capstone_ex.FIELDS}


@pytest.mark.parametrize("name", patient_names())
def test_capstone_scripted_student(name: str) -> None:
    right = _right(name)
    # Everything wrong in the usual ways: every field gets its own hint.
    wrong = {k: CAPSTONE_SLIPS[k][0] for k in CAPSTONE_SLIPS}
    wrong["subtype"] = "HR-/HER2+" if right["subtype"] != "HR-/HER2+" else "HR+/HER2-"
    feedback = capstone_ex.check_pipeline(name, wrong)
    assert feedback.status == "incorrect"
    for field in capstone_ex.FIELDS:
        assert f"{field}:" in feedback.hint, (name, field, feedback.hint)
    assert feedback.hint.count("another field") == 3
    assert "kind of HER2-negative" in feedback.hint  # "low" where the status is asked
    # Right, written the way people write it.
    people = {k: CAPSTONE_FORMS[k](v) for k, v in right.items()}
    assert capstone_ex.check_pipeline(name, people).correct, (name, people)
    assert capstone_ex.check_pipeline(name, right).correct


def test_capstone_hint_fits_the_case() -> None:
    """An IHC 0 tumour is not told to find an ISH group; an IHC 2+ tumour is."""
    for name, ihc_two in (("Bea", False), ("Chen", True)):
        wrong = {**_right(name), "her2_status": "positive"}
        hint = capstone_ex.check_pipeline(name, wrong).hint
        assert ("ISH group" in hint) is ihc_two, (name, hint)
    dana = {**_right("Dana"), "stage": "IIB"}
    assert "M1" in capstone_ex.check_pipeline("Dana", dana).hint
    fatima = {**_right("Fatima"), "stage": "IIA"}
    assert "micrometastases" in capstone_ex.check_pipeline("Fatima", fatima).hint


def test_capstone_accepts_the_forms_in_the_issue() -> None:
    answers = dict(her2_status="Negative", her2_expression="HER2-low", subtype="HR+/HER2-",
                   stage="Stage IIB", summary_stage="Localized")
    assert capstone_ex.check_pipeline("Chen", answers).correct


def test_capstone_unquoted_values_are_named() -> None:
    wrong = {**_right("Bea"), "stage": 2}
    feedback = capstone_ex.check_pipeline("Bea", wrong)
    assert feedback.status == "malformed" and "not text in quotes: stage" in feedback.message
    assert tries("capstone.Bea") == 0  # a form problem is not a try


def test_capstone_reads_stage_and_subtype_as_lesson_3_does() -> None:
    right = _right("Chen")
    for stage in ("2b", "2B", "stage 2b", "Stage II B"):
        for subtype in ("HR+ HER2-", "HR+, HER2-", "ER+/HER2-"):
            feedback = capstone_ex.check_pipeline("Chen", {**right, "stage": stage,
                                                           "subtype": subtype})
            assert feedback.correct, (stage, subtype, feedback)
    assert "Roman numerals" in capstone_ex.check_pipeline("Chen", {**right, "stage": "2b"}).message


def test_capstone_form_problems_name_the_slip_and_are_not_tries() -> None:
    bea = _right("Bea")
    for _ in range(4):
        feedback = capstone_ex.check_pipeline("Bea", {**bea, "her2_expression": "0"})
    assert feedback.status == "malformed" and tries("capstone.Bea") == 0
    assert "IHC score" in feedback.hint and "another field" not in feedback.hint
    low = capstone_ex.check_pipeline("Chen", {**_right("Chen"), "her2_status": "HER2-low"})
    assert low.status == "malformed" and "kind of HER2-negative" in low.hint
    low = capstone_ex.check_pipeline("Chen", {**_right("Chen"), "subtype": "HR+/HER2-low"})
    assert low.status == "malformed" and "kind of HER2-negative" in low.hint


def test_grace_out_of_scope_answers() -> None:
    for nothing in ([], "none", "None", ["none"], "no options"):
        assert capstone_ex.check_options("Grace", nothing).correct, nothing
    for targeted in ("HER2-targeted therapy", ["HER2-targeted therapy"], ["trastuzumab"]):
        feedback = capstone_ex.check_options("Grace", targeted)
        assert feedback.status == "malformed" and "outside this model" in feedback.message
    assert tries("capstone.Grace") == 0
    assert capstone_ex.check_options("Grace", ["chemotherapy"]).status == "incorrect"


def _concept_checks() -> list[tuple[str, Any]]:
    found = []
    for module in _checker_modules():
        mod = importlib.import_module(f"helpers.exercises.{module}")
        if callable(getattr(mod, "concept_check", None)):
            found.append((module, mod.concept_check))
    return found


@pytest.mark.parametrize("module,factory", _concept_checks(), ids=lambda x: str(x)[:20])
def test_every_distractor_has_its_own_hint(module: str, factory: Any) -> None:
    widget = factory()
    right = [o for o in widget.options if widget.checker(o).correct]
    assert len(right) == 1, module
    hints = [widget.checker(o).hint for o in widget.options if o not in right]
    assert all(hints) and len(set(hints)) == len(hints), (module, hints)


def test_no_lesson_repeats_another_concept_check() -> None:
    widgets = [factory() for _module, factory in _concept_checks()]
    questions = [w.question for w in widgets]
    assert len(set(questions)) == len(questions)
    for i, first in enumerate(widgets):
        for second in widgets[i + 1:]:
            assert not set(first.options) & set(second.options), (first.question,
                                                                   second.question)
    calls = []
    for path in sorted((ROOT / "lessons").glob("*.py")):
        calls += re.findall(r"exercises\.(\w+)\.concept_check\(", path.read_text())
    assert len(calls) == len(set(calls)), calls
    assert sorted(calls) == sorted(m for m, _f in _concept_checks())


def test_three_wrong_tries_offer_the_worked_answer() -> None:
    from helpers.exercises import survival

    assert survival.show_answer(1).status == "not answered"  # no tries yet: have a go first
    first = survival.exercise_1(90)
    assert "show_answer" not in first.hint and tries("survival.exercise_1") == 1
    survival.exercise_1(...)  # not answered: not a try
    survival.exercise_1(14)
    third = survival.exercise_1(92)
    assert "exercises.survival.show_answer(1)" in third.hint
    assert third.slip.startswith("neighbouring row")  # the slip's own hint is kept
    worked = survival.show_answer(1)
    assert isinstance(worked, WorkedAnswer)
    assert worked.answer.startswith("67") and "regional" in worked.why
    assert "Why:" in str(worked) and "Worked answer" in worked._repr_html_()
    reset_tries("survival.exercise_1")
    assert tries("survival.exercise_1") == 0
    assert survival.show_answer(1).status == "not answered"


def test_right_answers_do_not_count_as_tries() -> None:
    from helpers.exercises import biology

    for _ in range(5):
        assert biology.exercise_3(69.5).correct
    assert tries("biology.exercise_3") == 0


@pytest.mark.parametrize("module", [m for m in _checker_modules() if m != "capstone"])
def test_every_module_shows_every_worked_answer(module: str) -> None:
    mod = importlib.import_module(f"helpers.exercises.{module}")
    numbers = [int(n.split("_")[1]) for m, n in _discovered() if m == module]
    for number in numbers:
        _right_answers, wrong = _entry((module, f"exercise_{number}"))
        for _ in range(3):
            getattr(mod, f"exercise_{number}")(wrong[0][0])
        worked = mod.show_answer(number)
        assert isinstance(worked, WorkedAnswer), (module, number, worked)
        assert worked.answer and worked.why
        # The worked answer, typed as code, is marked right.
        code = worked.answer.split("  #")[0]
        if not code.startswith(("hr_pos", "table.")):  # code on the lesson's own variables
            value = eval(code, {})  # our own text: a number, a word or a list
            assert getattr(mod, f"exercise_{number}")(value).correct, (module, number, value)
    assert mod.show_answer(99).status == "malformed"
    assert mod.show_answer("one").status == "malformed"
    assert mod.show_answer([1]).status == "malformed"


def test_capstone_worked_answer_after_three_tries() -> None:
    wrong = {**_right("Eli"), "stage": "IIB"}
    for _ in range(3):
        feedback = capstone_ex.check_pipeline("Eli", wrong)
    assert "exercises.capstone.show_answer('Eli')" in feedback.hint
    worked = capstone_ex.show_answer("Eli")
    assert isinstance(worked, WorkedAnswer) and "IIA" in worked.answer
    assert capstone_ex.show_answer("Zoe").status == "malformed"


def _exercise_prompts():
    """Each lesson exercise as (lesson file, heading, prompt text, its right answers)."""
    for path in sorted((ROOT / "lessons").glob("*.py")):
        text = path.read_text()
        headings = list(re.finditer(r"^# ### Exercise (\d+)", text, flags=re.M))
        for i, heading in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            section = text[heading.end():end]
            module, name = re.findall(r"exercises\.(\w+)\.(exercise_\d+)\(", section)[0]
            right, _wrong = _entry((module, name))
            yield path, heading.group(0), section.split("# %%")[0], right


def test_text_prompts_say_in_quotes_with_an_example() -> None:
    """An unquoted word cannot reach a checker, so every text exercise asks for quotes."""
    for path, heading, prompt, right in _exercise_prompts():
        if isinstance(right[0], str | list):
            assert "quotes" in prompt, (path.name, heading)
            assert re.search(r'`\[?"[^"`]+"', prompt), (path.name, heading)


def test_number_prompts_state_their_tolerance() -> None:
    for path, heading, prompt, right in _exercise_prompts():
        if isinstance(right[0], int | float):
            assert re.search(r"±|exact|within \d", prompt), (path.name, heading)


def test_checkers_are_listed_in_the_lessons_in_order() -> None:
    """Each lesson calls its exercises 1, 2, 3, ... in order (no gaps, no repeats)."""
    for path in sorted((ROOT / "lessons").glob("*.py")):
        numbers = [int(n) for n in re.findall(r"^# ### Exercise (\d+)", path.read_text(),
                                               flags=re.M)]
        assert numbers == list(range(1, len(numbers) + 1)), (path.name, numbers)


def test_signature_of_checkers_is_one_answer() -> None:
    for module, name in _discovered():
        checker = getattr(importlib.import_module(f"helpers.exercises.{module}"), name)
        assert len(inspect.signature(checker).parameters) == 1, (module, name)


# ---------------------------------------------------------------------------------------------
# The scripted student in a real kernel: the student notebook, edited as each exercise's
# instruction says, run cell by cell in a fresh kernel; the feedback is read from the outputs.
# ---------------------------------------------------------------------------------------------

#: The feedback label a student sees, for each status.
LABELS = {"correct": "✔ Correct:", "incorrect": "✘ Not yet:",
          "malformed": "? Check the form of your answer:",
          "not answered": "… Not answered yet:"}


def _uncomment(blank: str) -> tuple[str, str]:
    """Lesson 5 exercise 1's instruction: fill in the blank ____ of the commented line and
    remove its #."""
    return ("uncomment", blank)


#: For each exercise cell (named by the checker call in it): what the student types where the
#: instruction says, and the feedback expected: (typed, status, words the feedback must hold).
#: ``typed`` replaces the first ``...`` of the cell (the blank the instruction names), or is a
#: dict of the capstone's fields, or an :func:`_uncomment` edit. Each exercise is tried in the
#: wrong form, wrong, right in another form, and right, in that order, in the same kernel.
KERNEL_SCRIPT: dict[str, list[tuple[Any, str, str]]] = {
    "exercises.biology.exercise_1(": [
        ("four", "malformed", "in quotes"), ('"four copies"', "malformed", "a number"),
        ("6", "incorrect", "6.0 copies is the cut-off"), ('"4"', "correct", "without quotes"),
        ("4", "correct", "ISH group 1")],
    "exercises.biology.exercise_2(": [
        ("ultralow", "malformed", '"ultralow"'), ('"faint"', "malformed", "possible answers"),
        ('"HER2-null"', "incorrect", "no staining"), ('"ultra-low"', "correct", "ultralow"),
        ('"HER2-ultralow"', "correct", "DESTINY-Breast06")],
    "exercises.biology.exercise_3(": [
        ('"69.5 percent"', "malformed", "a number"), ("0.695", "incorrect", "fraction"),
        ("10.5", "incorrect", "triple-negative"), ('"69.5"', "correct", "without quotes"),
        ("69.5", "correct", "seven in ten")],
    "exercises.classification.exercise_1(": [
        ('"HER2-low"', "malformed", "kind of HER2-negative"),
        ("negative", "malformed", "in quotes"), ('"positive"', "incorrect", "1.99"),
        ('"HER2-negative"', "correct", "group 4"), ('"negative"', "correct", "group 4")],
    "exercises.classification.exercise_2(": [
        ('"group three"', "malformed", "a number"), ("4", "incorrect", "inclusive"),
        ('"3"', "correct", "without quotes"), ("3", "correct", "group 3")],
    "exercises.classification.exercise_3(": [
        ('"110 points"', "malformed", "a number"), ("60", "incorrect", "intensity"),
        ('"110"', "correct", "without quotes"), ("110", "correct", "110")],
    "exercises.classification.exercise_4(": [
        ('"ER-/HER2-"', "malformed", "possible answers"),
        ("HR+/HER2-", "malformed", 'in quotes: "HR+/HER2-"'),
        ('"HR+/HER2-low"', "malformed", "kind of HER2-negative"),
        ('"triple-negative"', "incorrect", "1 %"), ('"HR+ HER2-"', "correct", "ER-low"),
        ('"ER+/HER2-"', "correct", "ER-low"), ('"HR+, HER2-"', "correct", "ER-low"),
        ('"HR+/HER2-"', "correct", "ER-low")],
    "exercises.staging.exercise_1(": [
        ("T1c", "malformed", '"T1c"'), ('"T5"', "malformed", "possible answers"),
        ('"T2"', "incorrect", "Round first"), ('"pT1c"', "correct", "20 mm"),
        ('"T1c"', "correct", "20 mm")],
    "exercises.staging.exercise_2(": [
        ("IIB", "malformed", "in quotes"), ("2b", "malformed", 'in quotes: "2b"'),
        ("Stage II B", "malformed", 'in quotes: "Stage II B"'),
        ('"IIA"', "incorrect", "N1mi is staged as N1"),
        ('"stage 2b"', "correct", "AJCC writes stage groups in Roman numerals"),
        ('"2B"', "correct", "'IIB'"), ('"Stage II B"', "correct", "T2 N1 M0"),
        ('"IIB"', "correct", "T2 N1 M0")],
    "exercises.staging.exercise_3(": [
        ('"spread"', "malformed", "possible answers"), ("regional", "malformed", "in quotes"),
        ('"localized"', "incorrect", "T4b"), ('"Regional"', "correct", "SEER"),
        ('"regional"', "correct", "SEER")],
    "exercises.staging.exercise_4(": [
        ("IIIC", "malformed", "in quotes"), ('"IIIA"', "incorrect", "N3"),
        ('"3C"', "correct", "Roman numerals"), ('"IIIC"', "correct", "N3")],
    "exercises.prognostic.exercise_5(": [
        ('"Stage 5"', "malformed", "possible answers"), ('"IIA"', "incorrect", "anatomic"),
        ('"2B"', "correct", "Roman numerals"), ('"IIB"', "correct", "grade 3")],
    "exercises.prognostic.exercise_6(": [
        ("IA", "malformed", 'put the answer in quotes: "IA"'), ('"IIA"', "incorrect", "recurrence score"),
        ('"1A"', "correct", "Roman numerals"), ('"IA"', "correct", "recurrence score")],
    "exercises.survival.exercise_1(": [
        ('"sixty-seven"', "malformed", "a number"), ("90", "incorrect", "HR+/HER2-"),
        ("67.6", "incorrect", "Close"), ("0.67", "incorrect", "fraction"),
        ("66.2", "correct", "2013-2019"), ('"67"', "correct", "without quotes"),
        ("67", "correct", "regional row")],
    "exercises.survival.exercise_2(": [
        ("distant", "malformed", 'put it in quotes: "distant"'),
        ('"Distant"', "malformed", "'Distant' is not a label of this table"),
        ('"regional"', "incorrect", "regional figure"), ('"distant"', "correct", "stage")],
    "exercises.survival.exercise_3(": [
        ('"pivot"', "malformed", "DataFrame"),
        ('table.pivot(index="subtype", columns="stage", values="survival_pct")', "incorrect",
         "swapped"),
        ('table.pivot(index="stage", columns="subtype", values="survival_pct")', "correct",
         "one row per stage")],
    "exercises.survival.exercise_4(": [
        ('"71 at 3 years"', "malformed", "a number"), ("58", "incorrect", "5-year reading"),
        ('"71"', "correct", "without quotes"), ("71", "correct", "3 years")],
    "exercises.treatment.exercise_1(": [
        (_uncomment("agents"), "malformed", "not among the possible labels"),
        ('["endocrine therapy"]', "incorrect", "1 missing"),
        ('["Endocrine therapy", "CDK4/6 inhibitor"]', "correct", "CDK4/6"),
        (_uncomment("drug_class"), "correct", "CDK4/6")],
    "exercises.treatment.exercise_2(": [
        ('"TN-MET-SG-SECONDS"', "malformed", "The nearest: 'TN-MET-SG-SECOND'"),
        ("TN-MET-SG-SECOND", "malformed", "in quotes"),
        ('"TN-MET-SG-LATER"', "incorrect", "line 3 or later"),
        ('"tn-met-sg-second"', "correct", "ASCENT"), ('"TN-MET-SG-SECOND"', "correct", "ASCENT")],
    "exercises.treatment.exercise_3(": [
        ("min_pd_l1_cps", "malformed", 'put it in quotes: "min_pd_l1_cps"'),
        ('"PD-L1 CPS"', "malformed", "not a label of this table"),
        ('"max_line"', "incorrect", "CPS 1"), ('"min_pd_l1_cps"', "correct", "KEYNOTE-355")],
    "exercises.treatment.exercise_4(": [
        ('"4.7 months"', "correct", "answer = 4.7"),
        ('"4.7 weeks"', "malformed", "a number"), ("10.1", "incorrect", "deruxtecan bar alone"),
        ('"4.7"', "correct", "without quotes"), ("4.7", "correct", "medians")],
    "exercises.patient_path.exercise_1(": [
        ('"True"', "not answered", 'the text "True" (in quotes) matches no row'),
        ("False", "incorrect", "do not belong"), ("True", "correct", "can be changed")],
    "exercises.patient_path.exercise_2(": [
        ('"1.8x"', "malformed", "a number"), ("2.93", "incorrect", "two relatives"),
        ('"1.8"', "correct", "without quotes"), ("1.8", "correct", "1.8 times")],
    "exercises.patient_path.exercise_3(": [
        ('"needle"', "malformed", "possible answers"),
        ('"fine needle aspiration"', "incorrect", "loose cells"),
        ('"core-needle biopsy"', "correct", "cylinders"),
        ('"core needle biopsy"', "correct", "cylinders")],
    "exercises.report.exercise_1(": [
        ('"weak"', "malformed", "possible answers"),
        ('"positive"', "incorrect", "laboratory's word"),
        ('"Low Positive"', "correct", "the number decides"),
        ('"low positive"', "correct", "the number decides")],
    "exercises.report.exercise_2(": [
        ('"14 mm"', "malformed", "a number"), ("22", "incorrect", "DCIS"),
        ('"14"', "correct", "largest invasive focus"), ("14", "correct", "largest invasive focus")],
    "exercises.report.exercise_3(": [
        ('"two"', "malformed", "a number"), ("3", "incorrect", "Isolated tumour cells"),
        ('"2"', "correct", "micrometastases count"), ("2", "correct", "micrometastases count")],
}


def _fields(**typed: str) -> dict[str, str]:
    return typed


def _capstone_script() -> dict[str, list[tuple[Any, str, str]]]:
    """The capstone cells: each patient's dict, and the two lists of drug classes."""
    script: dict[str, list[tuple[Any, str, str]]] = {}
    roman_to_arabic = {"IA": "1A", "IB": "1B", "IIA": "2a", "IIB": "stage 2b", "IV": "4"}
    for name in patient_names():
        if name == "Ana":
            continue  # the worked example, no exercise cell
        right = {k: f'"{v}"' for k, v in _right(name).items()}
        other = {**right, "stage": f'"{roman_to_arabic[_right(name)["stage"]]}"',
                 "her2_status": right["her2_status"].upper()}
        if _right(name)["subtype"] == "HR+/HER2-":
            other["subtype"] = '"HR+ HER2-"'
        wrong = {**right, "summary_stage": '"distant"' if name != "Dana" else '"regional"'}
        unquoted = {**right, "stage": right["stage"].strip('"')}
        script[f'check_pipeline("{name}"'] = [
            (unquoted, "malformed", f"stage={right['stage'].strip(chr(34))}"),
            ({**right, "her2_expression": '"0"'}, "malformed", "IHC score"),
            (wrong, "incorrect", "summary_stage"), (other, "correct", "every step"),
            (right, "correct", "every step")]
    bea = sorted({o.drug_class for o in _bea_options()})
    script['check_options("Bea"'] = [
        ('"chemotherapy"', "malformed", "list of labels"),
        ('["chemotherapy"]', "incorrect", "missing"),
        (repr([c.upper() for c in bea]), "correct", "classes"), (repr(bea), "correct", "classes")]
    script['check_options("Grace"'] = [
        ('["HER2-targeted therapy"]', "malformed", "outside this model"),
        ('["chemotherapy"]', "incorrect", "HER2 result"), ('"none"', "correct", "HER2-positive"),
        ("[]", "correct", "HER2-positive")]
    return script


def _bea_options() -> Any:
    from helpers.capstone import patient, run_pipeline

    return run_pipeline(patient("Bea")).options


def _edit(source: str, typed: Any) -> str:
    """The cell as the student leaves it after following the instruction with ``typed``."""
    if isinstance(typed, dict):
        for field_name, value in typed.items():
            assert f"{field_name}=..." in source, (field_name, source)
            source = source.replace(f"{field_name}=...", f"{field_name}={value}", 1)
        return source
    if isinstance(typed, tuple) and typed[0] == "uncomment":
        lines = source.split("\n")
        blank = [i for i, line in enumerate(lines) if line.startswith("# ") and "____" in line]
        assert len(blank) == 1, source
        lines[blank[0]] = lines[blank[0]][2:].replace("____", typed[1])
        return "\n".join(lines)
    assert "..." in source, source
    return source.replace("...", typed, 1)


def _feedback_text(cell: Any) -> tuple[str, list[str]]:
    """The feedback line a cell shows, and every problem a student would see (tracebacks)."""
    texts, problems = [], []
    for output in cell.outputs:
        if output.output_type == "error":
            problems.append(f"{output.ename}: {output.evalue}")
        elif output.output_type == "stream":
            if output.name == "stderr" or "Traceback" in output.text:
                problems.append(output.text)
        else:
            texts.append(str(output.get("data", {}).get("text/plain", "")))
    feedback = [t for t in texts if any(t.startswith(label) for label in LABELS.values())]
    return (feedback[-1] if feedback else " | ".join(texts)), problems


def _status(text: str) -> str:
    return next((status for status, label in LABELS.items() if text.startswith(label)), "?")


def _exercise_key(source: str, script: dict[str, Any]) -> str | None:
    found = [key for key in script if key in source]
    assert len(found) <= 1, found
    return found[0] if found else None


def _run_scripted(notebook: Path, script: dict[str, list[tuple[Any, str, str]]]) -> list[str]:
    """Run ``notebook`` cell by cell in a fresh kernel; at each exercise cell, try every entry of
    ``script`` in turn as the student would (edit, run, read). Returns the mismatches."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(notebook.parent)}})
    problems: list[str] = []
    seen: set[str] = set()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            key = _exercise_key(cell.source, script)
            if key is None:
                client.execute_cell(cell, index)
                continue
            seen.add(key)
            original = cell.source
            for typed, status, words in script[key]:
                cell.source = _edit(original, typed)
                client.execute_cell(cell, index)
                text, errors = _feedback_text(cell)
                where = f"{notebook.name} {key} typed {typed!r}"
                if errors:
                    problems.append(f"{where}: the student sees an error: {errors}")
                if _status(text) != status:
                    problems.append(f"{where}: expected {status!r}, got: {text[:300]}")
                elif words.startswith("!") and words[1:].lower() in text.lower():
                    problems.append(f"{where}: feedback must not say {words[1:]!r}: {text[:400]}")
                elif not words.startswith("!") and words.lower() not in text.lower():
                    problems.append(f"{where}: feedback lacks {words!r}: {text[:400]}")
    missing = [key for key in script if key not in seen]
    if missing:
        problems.append(f"{notebook.name}: no exercise cell calls {missing}")
    return problems


def _code(notebook: Path) -> str:
    """All the code cells of ``notebook``, as one text."""
    import nbformat

    return "\n".join(cell.source for cell in nbformat.read(notebook, as_version=4).cells
                     if cell.cell_type == "code")


def _lesson_script(notebook: Path) -> dict[str, list[tuple[Any, str, str]]]:
    code = _code(notebook)
    script = {**KERNEL_SCRIPT, **_capstone_script()}
    return {key: steps for key, steps in script.items() if key in code}


EXERCISE_NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb")
                            if re.search(r"exercises\.\w+\.(exercise_\d+|check_\w+)\(", _code(p)))


def test_kernel_script_covers_every_exercise_cell() -> None:
    """Every checker call in a student notebook has its scripted student above."""
    import nbformat

    script = {**KERNEL_SCRIPT, **_capstone_script()}
    for notebook in EXERCISE_NOTEBOOKS:
        for cell in nbformat.read(notebook, as_version=4).cells:
            calls = re.findall(r"exercises\.\w+\.(?:exercise_\d+|check_\w+)\([^)]*", cell.source)
            if cell.cell_type == "code" and calls:
                assert _exercise_key(cell.source, script), (notebook.name, calls)
    for key, steps in script.items():
        statuses = [status for _typed, status, _words in steps]
        assert statuses[-1] == "correct", key  # ends right, as typed in the worked answer
        assert "incorrect" in statuses, key
        assert {"malformed", "not answered"} & set(statuses), key
        assert statuses.count("correct") >= 2 or key.startswith(
            ("exercises.survival.exercise_2", "exercises.survival.exercise_3",
             "exercises.treatment.exercise_3", "exercises.patient_path.exercise_1")), key


@pytest.mark.parametrize("notebook", EXERCISE_NOTEBOOKS, ids=lambda p: p.stem)
def test_scripted_student_in_a_real_kernel(notebook: Path) -> None:
    """Edit each exercise cell as its instruction says, run it in the notebook's kernel, and
    read the feedback: wrong forms are told their form, wrong answers a hint, right answers in
    any usual form are right; no traceback ever."""
    problems = _run_scripted(notebook, _lesson_script(notebook))
    assert not problems, "\n".join(problems)


def test_forms_are_not_tries_and_a_right_answer_resets_them_in_a_kernel() -> None:
    """The worked-answer offer counts wrong answers only, in the notebook as a student runs it."""
    offer = "exercises.staging.show_answer(2)"
    script = {"exercises.staging.exercise_2(": [
        ("IIB", "malformed", "in quotes"), ('"IIX"', "malformed", "possible answers"),
        ('"IIA"', "incorrect", "!show_answer"), ('"IIIA"', "incorrect", "!show_answer"),
        ('"IB"', "incorrect", offer),  # the third wrong answer: the forms did not count
        ('"2b"', "correct", "Roman numerals"),
        ('"IIA"', "incorrect", "!show_answer"), ('"IIIA"', "incorrect", "!show_answer"),
        ('"IB"', "incorrect", offer),  # counted again from zero after the right answer
        ('"IIB"', "correct", "T2 N1 M0")]}
    problems = _run_scripted(ROOT / "notebooks" / "03_staging.ipynb", script)
    assert not problems, "\n".join(problems)


def test_graded_cell_scores_a_right_answer_in_another_form() -> None:
    """The graded course's autograded cell calls the same checker: "stage 2b" and "ER+/HER2-"
    score, a wrong answer does not (the score, not only the message)."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import build_course

    cases = [("exercises.staging.exercise_2(answer)", "stage 2b", "IIA"),
             ("exercises.classification.exercise_4(answer)", "ER+/HER2-", "HR-/HER2-"),
             ("exercises.patient_path.exercise_3(answer)", "core-needle biopsy",
              "fine needle aspiration"),
             ("exercises.biology.exercise_3(answer)", "69.5", "0.695")]
    from helpers import grading

    for call, right, wrong in cases:
        exercise = build_course.exercise_of(f"answer = ...\n### BEGIN SOLUTION\n"
                                            f"### END SOLUTION\n{call}")
        # The graded cell hands the answer in; the grader decides with its own checker.
        assert "hand_in(" in build_course.tests_source(exercise)
        assert grading.check(exercise.call, {"answer": right}).correct, (call, right)
        assert not grading.check(exercise.call, {"answer": wrong}).correct, (call, wrong)
