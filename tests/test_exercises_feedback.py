"""The building blocks of feedback: the one text reader, number slips, the try counter.

Several of these failed before the reader and the slip hints existed: "Negative", "HER2-low",
"Stage IIB" and "Localized" were rejected by the capstone, and 70 for 69.5 got "read share_pct,
not the rate per 100,000".
"""

from __future__ import annotations

import pytest

from helpers.exercises import (
    Feedback, Slip, answer_key, check_choice, check_number, check_set, count_try, reset_tries,
    tries, worked_answer,
)


@pytest.fixture(autouse=True)
def _fresh_tries():
    reset_tries()
    yield
    reset_tries()


@pytest.mark.parametrize("typed,canonical", [
    (" Negative ", "negative"),
    ("NEGATIVE", "negative"),
    ("HER2-negative", "negative"),
    ("her2 low", "low"),
    ("HER2-low", "low"),
    ("HER2 ultralow", "ultralow"),
    ("HER2-Ultra-low", "ultralow"),
    ("HER2–null", "null"),  # an en dash, as word processors type it
    ("Stage IIB", "IIB"),
    ("stage  iib", "IIB"),
    ("iib", "IIB"),
    ("Stage 0", "0"),
    ("triple-negative", "HR-/HER2-"),
    ("Triple negative", "HR-/HER2-"),
    ("TNBC", "HR-/HER2-"),
    ("HR- / HER2-", "HR-/HER2-"),
    ("HR+/HER2−", "HR+/HER2-"),  # a minus sign
    ("pT1c", "T1c"),
    ("cT2", "T2"),
    ("pN1mi", "N1mi"),
    ("Localised", "localized"),
    ('"regional"', "regional"),
])
def test_answer_key_reads_what_people_type(typed: str, canonical: str) -> None:
    assert answer_key(typed) == answer_key(canonical)


@pytest.mark.parametrize("first,second", [
    ("HR+/HER2-", "HR-/HER2-"), ("IIA", "IIB"), ("IA", "IIA"), ("low", "ultralow"),
    ("positive", "negative"), ("T1c", "T1"), ("N1", "N1mi"), ("in situ", "localized"),
    ("pancreas", "p"),
])
def test_answer_key_keeps_different_answers_apart(first: str, second: str) -> None:
    assert answer_key(first) != answer_key(second)


def test_answer_key_of_non_text_is_empty() -> None:
    for value in (None, 3, ["IIB"], b"IIB"):
        assert answer_key(value) == ""


def test_check_choice_names_the_option_in_the_lessons_form() -> None:
    feedback = check_choice("her2 LOW", "HER2-ultralow",
                            allowed=("HER2-null", "HER2-ultralow", "HER2-low"), what="x",
                            hints={"HER2-low": "more than 10 %"})
    assert feedback.status == "incorrect" and "'HER2-low'" in feedback.message
    assert feedback.hint == "more than 10 %" and feedback.slip == "HER2-low"
    other = check_choice("null", "HER2-ultralow", allowed=("HER2-null", "HER2-ultralow"),
                         what="x", default_hint="look again")
    assert other.hint == "look again" and other.slip == "other"


def test_check_set_reads_labels_as_people_type_them() -> None:
    assert check_set(["Chemotherapy ", "ENDOCRINE THERAPY"], ["chemotherapy", "endocrine therapy"],
                     allowed=["chemotherapy", "endocrine therapy", "surgery"], what="x").correct
    empty = check_set([], ["chemotherapy"], allowed=["chemotherapy"], what="x")
    assert empty.status == "not answered"


def _share(answer):
    return check_number(answer, 69.5, what="a percentage", tolerance=0.05, close=1.0,
                        percent=True,
                        slips=(Slip("neighbouring column", 90.0, "read share_pct"),),
                        low_hint="low", high_hint="high")


def test_rounding_is_close_not_the_wrong_column() -> None:
    """70 for 69.5 is a rounding slip; before, it got the hint for the rate column."""
    feedback = _share(70)
    assert feedback.status == "incorrect" and feedback.slip == "close"
    assert feedback.message.startswith("Close") and "±0.05" in feedback.message
    assert "share_pct" not in feedback.hint
    assert _share(90).slip == "neighbouring column" and _share(90).hint == "read share_pct"


def test_fraction_for_percent_and_reversed_sign() -> None:
    assert _share(0.695).slip == "fraction" and "100" in _share(0.695).hint
    assert _share(-69.5).slip == "sign"
    assert _share(69.54).correct and not _share(69.6).correct
    assert _share(50).slip == "too low" and _share(50).hint == "low"
    assert _share(99).slip == "too high" and _share(99).hint == "high"


def test_fraction_slip_only_for_percent_answers() -> None:
    feedback = check_number(0.011, 1.1, what="x", tolerance=0.0)
    assert feedback.slip == "too low"


def test_a_pandas_column_for_a_number_is_not_answered() -> None:
    import pandas as pd

    feedback = check_number(pd.Series([1.0, 2.0]), 1.0, what="x")
    assert feedback.status == "not answered" and "..." in feedback.message


def test_count_try_offers_the_answer_from_the_third_wrong_try() -> None:
    wrong = Feedback("incorrect", "no", "a hint")
    assert count_try("m.exercise_1", wrong, "show()").hint == "a hint"
    assert count_try("m.exercise_1", Feedback("not answered", "…"), "show()").hint == ""
    assert tries("m.exercise_1") == 1
    # An answer in the wrong form is told its form: it is not a try.
    for _ in range(3):
        assert "show()" not in count_try("m.exercise_1", Feedback("malformed", "form"),
                                         "show()").hint
    assert tries("m.exercise_1") == 1
    count_try("m.exercise_1", wrong, "show()")
    third = count_try("m.exercise_1", wrong, "show()")
    assert tries("m.exercise_1") == 3
    assert third.hint.startswith("a hint") and "show()" in third.hint
    # A right answer resets the count of that exercise, and only of that one.
    count_try("m.exercise_2", wrong, "show()")
    assert count_try("m.exercise_1", Feedback("correct", "yes"), "show()").correct
    assert tries("m.exercise_1") == 0 and tries("m.exercise_2") == 1
    reset_tries()
    assert tries("m.exercise_2") == 0


def test_offer_survives_a_long_hint() -> None:
    long = Feedback("incorrect", "no", "x" * 5000)
    for _ in range(3):
        feedback = count_try("m.exercise_2", long, "exercises.m.show_answer(2)")
    assert feedback.hint.endswith("and why.") and "show_answer(2)" in feedback.hint


def test_worked_answer_waits_for_three_tries() -> None:
    answers = {1: lambda: ("42", "because")}
    assert worked_answer("m", answers, 1).status == "not answered"
    for _ in range(3):
        count_try("m.exercise_1", Feedback("incorrect", "no"), "show")
    shown = worked_answer("m", answers, 1)
    assert shown.answer == "42" and shown.why == "because"
    assert worked_answer("m", answers, {}).status == "malformed"  # unhashable: no crash


def test_arabic_stage_numbers_are_shown_in_roman() -> None:
    from helpers.exercises import staging

    # A right stage in Arabic numerals is right, and the feedback names the form AJCC writes.
    for form in ("2B", "2b", "stage 2b", "Stage 2 B"):
        feedback = staging.exercise_2(form)
        assert feedback.correct, form
        assert "AJCC writes stage groups in Roman numerals" in feedback.message
        assert "'IIB'" in feedback.message
    assert staging.exercise_2("Stage II B").correct
    wrong = staging.exercise_2("Stage 3c")
    assert wrong.status == "incorrect" and "'IIIC'" in wrong.message


@pytest.mark.parametrize("typed,reads_as", [
    ("HR+ HER2-", "HR+/HER2-"), ("HR+, HER2-", "HR+/HER2-"), ("ER+/HER2-", "HR+/HER2-"),
    ("ER+/PR-/HER2-", "HR+/HER2-"), ("HR-positive/HER2-negative", "HR+/HER2-"),
    ("HER2-/HR+", "HR+/HER2-"), ("ER-/PR-/HER2-", "HR-/HER2-"), ("Stage II B", "IIB"),
    ("core-needle biopsy", "core needle biopsy"), ("FNA", "fine-needle aspiration"),
    ("fine needle aspiration", "fine-needle aspiration"), ("HER2-negative", "negative"),
])
def test_reader_reads_the_usual_forms(typed: str, reads_as: str) -> None:
    from helpers.exercises import answer_key

    assert answer_key(typed) == answer_key(reads_as)


def test_reader_does_not_guess_what_a_form_does_not_say() -> None:
    from helpers.exercises import answer_key, read_choice

    # ER- alone does not say PR: not read as HR- (HR- needs both negative).
    assert answer_key("ER-/HER2-") != answer_key("HR-/HER2-")
    assert read_choice("5", ["IA", "IV"]) == (None, "")
    assert read_choice("2b", ["IIA", "IIB"])[0] == "IIB"
    assert read_choice("IIB", ["IIA", "IIB"]) == ("IIB", "")


def test_a_number_typed_with_its_unit_or_a_decimal_comma_is_read() -> None:
    """A student who types "4.7 months" (in quotes, as the unquoted-word message once asked) or a
    decimal comma is read, with a note on the form; never sent round in a loop."""
    from helpers.exercises import check_number
    from helpers.exercises._unquoted import Unquoted

    for typed in ("4.7 months", "4,7", " 4.7 mo "):
        feedback = check_number(typed, 4.7, what="months", tolerance=0.05, unit="months")
        assert feedback.status == "correct" and "answer = 4.7" in feedback.message, typed
    comma = check_number((4, 7), 4.7, what="months", tolerance=0.05)
    assert comma.status == "malformed" and "decimal with a point" in comma.message
    assert check_number("1,000", 4.7, what="months").status == "malformed"
    assert check_number("4.7 years", 4.7, what="months", unit="months").status == "malformed"
    from helpers import exercises

    assert exercises.treatment.exercise_4("4.7 months").status == "correct"
    unquoted = Unquoted("4.7 months").feedback_text()
    assert "answer = 4.7" in unquoted and "in quotes:" not in unquoted


def test_drug_classes_in_the_words_the_lessons_also_use() -> None:
    from helpers import exercises

    right = exercises.treatment.exercise_1(["hormone therapy", "CDK4/6 inhibitors"])
    assert right.status == "correct", right.message
