"""Exercise checkers for lesson 07, the capstone: the whole pipeline on virtual patients."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..capstone import VirtualPatient, patient, patient_names, run_pipeline
from ..staging import STAGE_GROUPS, SUMMARY_STAGES
from ..treatment import DRUG_CLASSES as TREATMENT_DRUG_CLASSES
from . import (
    Feedback, answer_key, check_set, count_try, her2_expression_for_status,
    her2_expression_in_subtype, is_unanswered, not_answered, read_choice, worked_answer,
)

__all__ = ["FIELDS", "check_pipeline", "check_options", "show_answer", "field_hint", "form_problem",
           "DRUG_CLASSES"]

#: The steps a student answers for each patient, with the general rule for each. The hint a
#: student sees is :func:`field_hint`, fitted to the patient and to the answer given.
FIELDS: Mapping[str, str] = {
    "her2_status": "IHC 0 and 1+ are negative and 3+ positive without ISH; with 2+, find the "
                   "ISH group from the ratio (cut-off 2.0) and the copies (cut-offs 4.0 and 6.0).",
    "her2_expression": "Low means IHC 1+, or 2+ with a negative ISH; ultralow means IHC 0 with "
                       "faint staining in at most 10 % of cells; null means no staining.",
    "subtype": "HR+ needs ER or PR in at least 1 % of cells; ER 1-10 % is still positive.",
    "stage": "Look up T and N in the AJCC 8 table; any M1 is stage IV; N1mi with T0/T1 is IB.",
    "summary_stage": "Spread to the regional lymph nodes (axillary, internal mammary, "
                     "infraclavicular; micrometastases included) or T4 makes it regional; "
                     "M1, or supraclavicular nodes (N3c), makes it distant.",
}

#: The words each field accepts (read with :func:`helpers.exercises.answer_key`, so case,
#: spaces, "Stage ", "HER2-" and "triple-negative"/"TNBC" do not matter).
ACCEPTED: Mapping[str, tuple[str, ...]] = {
    "her2_status": ("positive", "negative", "equivocal"),
    "her2_expression": ("null", "ultralow", "low", "positive"),
    "subtype": ("HR+/HER2-", "HR-/HER2-", "HR+/HER2+", "HR-/HER2+"),
    "stage": STAGE_GROUPS,
    "summary_stage": SUMMARY_STAGES,
}

DRUG_CLASSES = TREATMENT_DRUG_CLASSES


def _ihc_zero(p: VirtualPatient) -> bool:
    return p.ihc.strip().startswith("0")


_IHC_SCORE = re.compile(r"^(ihc\s*)?[0-3]\s*\+?$")


def form_problem(field_name: str, given: Any) -> str:
    """What is wrong with the *form* of a text answer to one field, or "" when it is one of
    the answers the field takes (right or wrong).

    A form problem is told, not counted as a try: a word that belongs to another field, an
    IHC score where a HER2 category is asked, "HER2-low" where the status is asked, or a word
    no field takes.
    """
    words = ACCEPTED.get(field_name, ())
    option, _note = read_choice(given, words)
    if option is not None:
        return ""
    key = answer_key(given)
    if field_name in ("her2_status", "her2_expression") and _IHC_SCORE.match(key):
        score = key.replace("ihc", "").strip()
        score = score if score.endswith("+") or score == "0" else score + "+"
        label = "HER2 status" if field_name == "her2_status" else "HER2 expression category"
        zero = (" An IHC 0 tumour is null or ultralow, by how the report describes the "
                "staining." if score == "0" and field_name == "her2_expression" else "")
        return (f"{given!r} is an IHC score, not a {label} (nor a stage): IHC {score} is the "
                f"test result this field is worked out from.{zero} This field takes one of "
                f"{', '.join(repr(w) for w in words)}.")
    if field_name == "her2_status" and her2_expression_for_status(given):
        return her2_expression_for_status(given)
    if field_name == "subtype" and her2_expression_in_subtype(given):
        sentence = her2_expression_in_subtype(given)
        return sentence[0].upper() + sentence[1:]
    for other, other_words in ACCEPTED.items():
        if other != field_name and read_choice(given, other_words)[0] is not None:
            return (f"{given!r} answers another field ({other}); this field takes one of "
                    f"{', '.join(repr(w) for w in words)}.")
    return (f"{given!r} is not one of the answers this field takes: "
            f"{', '.join(repr(w) for w in words)}.")


def field_hint(p: VirtualPatient, field_name: str, given: Any) -> str:
    """A hint for a wrong ``given`` answer to one field, fitted to patient ``p``'s findings.

    It names the rule that applies to this case (an IHC 0 tumour is not told to find an ISH
    group), and the slip when the answer belongs to another field; it never names the value.
    """
    if isinstance(given, str) and form_problem(field_name, given):
        return form_problem(field_name, given)
    option = read_choice(given, ACCEPTED.get(field_name, ()))[0] if isinstance(given, str) else None
    key = answer_key(option) if option is not None else ""
    if field_name == "her2_status":
        if p.ihc.strip() == "2+":
            return (f"With IHC 2+, the ISH result decides: find the ISH group from the ratio "
                    f"{p.ish_ratio:g} (cut-off 2.0) and the HER2 copies {p.her2_copies:g} "
                    f"(cut-offs 4.0 and 6.0).")
        if p.ihc.strip() == "3+":
            return "IHC 3+ settles the result without ISH."
        return (f"IHC {p.ihc} settles the result without ISH: only 2+ is sent for ISH, and "
                f"0 and 1+ are not positive.")
    if field_name == "her2_expression":
        if _ihc_zero(p):
            return ("The tumour is IHC 0: read how the report describes the staining. No "
                    "staining at all is null; faint staining in at most 10 % of cells is "
                    "ultralow.")
        if p.ihc.strip() == "1+":
            return "An IHC 1+ result that is HER2-negative is what the trials called HER2-low."
        if p.ihc.strip() == "2+":
            return ("With IHC 2+, the expression follows the ISH result: a negative ISH makes "
                    "a 2+ tumour HER2-low; a positive one makes it HER2-positive.")
        return "With IHC 3+ the expression is the status itself."
    if field_name == "subtype":
        parts = key.split("/")
        hr = "HR+" if max(p.er_percent, p.pr_percent) >= 1 else "HR-"
        hints = []
        if len(parts) == 2 and answer_key(parts[0]) != answer_key(hr):
            hints.append(f"The HR half: ER is {p.er_percent:g} % and PR {p.pr_percent:g} %; "
                         f"HR+ needs either at 1 % or more (1-10 % is 'low positive' and "
                         f"still positive).")
        result = run_pipeline(p)
        if len(parts) == 2 and parts[1] != answer_key(result.subtype).split("/")[1]:
            hints.append("The HER2 half follows the final HER2 status, not the IHC score "
                         "alone: HER2-low and ultralow are HER2-negative.")
        return " ".join(hints) or FIELDS["subtype"]
    if field_name == "stage":
        if p.m.strip().upper() == "M1":
            return ("The cancer has spread beyond the breast and nearby nodes to other organs "
                    "(M1): that alone decides the stage group.")
        if p.n.strip() == "N1mi" and p.t.strip() in ("T0", "T1", "T1mi", "T1a", "T1b", "T1c"):
            return ("With a T0 or T1 tumour, nodal micrometastases (N1mi) have their own "
                    "stage group in AJCC 8; it is not the N1 row.")
        return (f"Find {p.t} {p.n} {p.m} in the AJCC 8 anatomic table (size and nodes only; "
                f"grade and receptors belong to the prognostic table).")
    if field_name == "summary_stage":
        if p.m.strip().upper() == "M1":
            return "Spread to other organs (M1) outweighs size and nodes in SEER summary stage."
        if p.n.strip() not in ("N0", "N0(i+)"):
            return ("Cancer in the axillary lymph nodes, micrometastases (N1mi) included, "
                    "counts as regional spread in SEER summary stage, whatever the tumour size.")
        if p.t.strip().startswith("T4"):
            return "Direct extension to the skin or chest wall (T4) is regional spread."
        return ("SEER summary stage asks how far the cancer has spread, not how large it is: "
                "with no nodes, no skin or chest-wall involvement and no distant spread, a "
                "large tumour is still confined to the breast.")
    return FIELDS.get(field_name, "")


def check_pipeline(name: str, answers: Any) -> Feedback:
    """Check a student's pipeline answers for one patient.

    ``answers`` is a dict with the keys in :data:`FIELDS`, each a word in quotes (the forms
    :data:`ACCEPTED` lists, read as people write them: "Negative", "HER2-low", "Stage IIB",
    "triple-negative" and "Localized" are all read). The feedback names each step that is wrong
    and gives a hint fitted to the case for every one of them, never the right value. After
    three wrong tries it offers :func:`show_answer`.
    """
    feedback = _check_pipeline(name, answers)
    return count_try(f"capstone.{name}", feedback,
                     f"exercises.capstone.show_answer({name!r})")


def _check_pipeline(name: str, answers: Any) -> Feedback:
    try:
        p = patient(name)
        result = run_pipeline(p)
    except ValueError as error:
        return Feedback("malformed", str(error))
    if is_unanswered(answers):
        return not_answered("a dict of your answers")
    if not isinstance(answers, Mapping):
        return Feedback("malformed", f"the answer should be a dict with keys "
                                     f"{', '.join(FIELDS)}; got {type(answers).__name__}.")
    missing = [k for k in FIELDS if k not in answers]
    if missing:
        return Feedback("malformed", f"the dict is missing {', '.join(missing)}.")
    if all(is_unanswered(answers[k]) for k in FIELDS):
        return not_answered("your answers in the dict, each in quotes")
    blank = [k for k in FIELDS if is_unanswered(answers[k])]
    unquoted = [k for k in FIELDS if k not in blank and not isinstance(answers[k], str)]
    form = [k for k in FIELDS if k not in blank and k not in unquoted
            and form_problem(k, answers[k])]
    read = {k: read_choice(answers[k], ACCEPTED[k]) for k in FIELDS
            if k not in blank and k not in unquoted and k not in form}
    wrong = [k for k in read if answer_key(read[k][0]) != answer_key(str(getattr(result, k)))]
    notes = " ".join(dict.fromkeys(note for _option, note in read.values() if note))
    notes = f" ({notes})" if notes else ""
    if not wrong and not blank and not unquoted and not form:
        return Feedback("correct", f"{name}'s pipeline is right at every step.{notes}")
    parts = []
    if wrong:
        parts.append("not right yet: " + ", ".join(wrong))
    if form:
        parts.append("check the form: " + ", ".join(form))
    if unquoted:
        parts.append("not text in quotes: " + ", ".join(unquoted))
    if blank:
        parts.append("still to answer: " + ", ".join(blank))
    hints = [f"{k}: {field_hint(p, k, answers[k])}" for k in wrong + form]
    hints += [f"{k}: write the answer as text in quotes, e.g. "
              f"{ACCEPTED[k][0]!r}." for k in unquoted]
    # Only a wrong answer is a try; a form problem or a blank is told, not counted.
    status = "incorrect" if wrong else "malformed" if form or unquoted else "not answered"
    return Feedback(status, f"{name}: " + "; ".join(parts) + "." + notes, " ".join(hints),
                    slip=", ".join(wrong + form + unquoted))


def check_options(name: str, drug_classes: Any) -> Feedback:
    """Check the set of drug classes the teaching model offers one patient (labels read as
    people write them); after three wrong tries it offers :func:`show_answer`."""
    return count_try(f"capstone.{name}", _check_options(name, drug_classes),
                     f"exercises.capstone.show_answer({name!r})")


def _check_options(name: str, drug_classes: Any) -> Feedback:
    try:
        result = run_pipeline(patient(name))
    except ValueError as error:
        return Feedback("malformed", str(error))
    if result.out_of_scope:
        if is_unanswered(drug_classes):
            return not_answered("a list of drug classes, or an empty list if none apply")
        if isinstance(drug_classes, list | tuple | set) and len(drug_classes) == 0:
            return Feedback("correct", "this patient's cancer is HER2-positive, outside the "
                                       "model: its treatment centres on HER2-targeted therapy.")
        words = ([drug_classes] if isinstance(drug_classes, str) else list(drug_classes)
                 if isinstance(drug_classes, list | tuple | set) else [])
        keys = {answer_key(w) for w in words if isinstance(w, str)}
        if words and len(keys) == len(words) and keys <= _NOTHING:
            return Feedback("correct", "the model offers nothing here: this patient's cancer is "
                                       "HER2-positive, outside the model, and its treatment "
                                       "centres on HER2-targeted therapy. (In code, an empty "
                                       "list, [], says the same.)")
        if words and len(keys) == len(words) and keys <= _HER2_TARGETED:
            return Feedback("malformed", "You saw the point: this patient's cancer is "
                                         "HER2-positive, outside this model, and its treatment "
                                         "centres on HER2-targeted therapy. The question asks "
                                         "what this model offers her, and HER2-targeted "
                                         "therapy is not one of its drug classes.",
                            "Write the model's list: the drug classes treatment_options gives "
                            "for her (an empty list if it gives none).",
                            "HER2-targeted therapy named")
        return Feedback("incorrect", "Check this patient's HER2 result again.",
                        "What does the treatment model say about HER2-positive disease?",
                        "options for an out-of-scope patient")
    expected = {option.drug_class for option in result.options}
    return check_set(drug_classes, expected, allowed=DRUG_CLASSES,
                     what='a list of drug classes in quotes, e.g. ["chemotherapy"]',
                     hint="Run the pipeline's findings through treatment_options and list each "
                          "option's drug_class; explain(...) shows which rules fired.",
                     why="these are the classes whose rules this patient's findings meet.")


#: Words for "no options" (read with answer_key).
_NOTHING = {"none", "nothing", "no options", "no option", "no treatment", "n/a", "[]"}
#: Words for the HER2-targeted treatment the model leaves out (read with answer_key).
_HER2_TARGETED = {answer_key(w) for w in (
    "HER2-targeted therapy", "HER2 targeted therapy", "HER2-targeted", "anti-HER2 therapy",
    "anti-HER2", "HER2-directed therapy", "trastuzumab", "trastuzumab and pertuzumab",
    "HER2-targeted drugs")}


def _worked(name: str) -> tuple[str, str]:
    result = run_pipeline(patient(name))
    fields = ", ".join(f"{k}={getattr(result, k)!r}" for k in FIELDS)
    classes = sorted({o.drug_class for o in result.options})
    why = (f"HER2 {result.her2_status} ({result.her2_expression}), {result.subtype}, AJCC "
           f"anatomic stage {result.stage}, SEER summary stage {result.summary_stage}; "
           + (f"treatment options: {', '.join(classes)}." if classes else
              f"no options from this model: {result.out_of_scope}."))
    return f"dict({fields}); drug_classes = {classes!r}", why


def show_answer(name: Any) -> Any:
    """The worked answers for one capstone patient (the pipeline dict and the drug classes),
    with why; they open after three wrong tries at that patient."""
    return worked_answer("capstone", {n: (lambda n=n: _worked(n)) for n in patient_names()},
                         name)
