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

    return sorted({o.drug_class for o in treatment_options(Patient("HR+/HER2-", "metastatic",
                                                                   line=1))})


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
    assert feedback.hint.count("another field") == 4
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
    assert feedback.status == "incorrect" and "not text in quotes: stage" in feedback.message


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
        for _ in range(3):
            getattr(mod, f"exercise_{number}")("a wrong word")
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
