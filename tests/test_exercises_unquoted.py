"""A word typed without quotes in an exercise cell gets "put it in quotes", not a NameError.

The hooks are IPython's (an AST transformer and a custom exception handler), so the behaviour
that matters is tested in a real kernel: a notebook run with nbclient, as a student runs it.
"""

from __future__ import annotations

import ast

import nbformat
from nbclient import NotebookClient

from helpers.exercises import Feedback, Unquoted, reset_tries, tries
from helpers.exercises import staging
from helpers.exercises._unquoted import QuoteMissing


class _Shell:
    user_ns: dict[str, object] = {"table": object()}


def _transformed(source: str) -> str:
    return ast.unparse(QuoteMissing(_Shell()).visit(ast.parse(source)))


def test_only_undefined_bare_words_assigned_as_answers_become_unquoted() -> None:
    call = "\nexercises.staging.exercise_1(answer)"
    assert "Unquoted('IA')" in _transformed("answer = IA" + call)
    assert "Unquoted('HER2-low')" in _transformed("answer = HER2-low" + call)
    assert "Unquoted('IIB')" in _transformed("answers = dict(stage=IIB, her2_status='x')" + call)
    assert "Unquoted('chemotherapy')" in _transformed("drug_classes = [chemotherapy]" + call)
    # Defined names, code and placeholders are left alone.
    for source in ("answer = table", "answer = ...", "answer = 67", "answer = len([1])",
                   "x = 1\nanswer = x", "answer = hr_pos['localized'] - hr_pos[...]",
                   "answer = IA"):  # the last: no checker call in the cell
        suffix = "" if source == "answer = IA" else call
        assert "Unquoted" not in _transformed(source + suffix), source


def test_checkers_tell_an_unquoted_word_to_go_in_quotes_and_do_not_count_it() -> None:
    reset_tries()
    feedback = staging.exercise_2(Unquoted("IIB"))
    assert isinstance(feedback, Feedback) and feedback.status == "malformed"
    assert 'in quotes: "IIB"' in feedback.message
    assert tries("staging.exercise_2") == 0


def _run(*sources: str) -> list[list[dict]]:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute()
    return [cell.outputs for cell in nb.cells]


def _text(outputs: list[dict]) -> str:
    return " ".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "")
                    + o.get("ename", "") for o in outputs)


def test_in_a_real_kernel() -> None:
    outputs = _run(
        "from helpers import exercises",
        "answer = IA\nexercises.prognostic.exercise_6(answer)",
        "answers = dict(her2_status=negative, her2_expression='null', subtype='HR-/HER2-', "
        "stage='IIB', summary_stage='regional')\nexercises.capstone.check_pipeline('Bea', "
        "answers)",
        "hr = {'distant': 1}\nanswer = hr[distant]\nexercises.survival.exercise_2(answer)",
        "answer = 2b\nexercises.staging.exercise_2(answer)",  # Python cannot read 2b
        "answer = HR+/HER2-  # my answer\nexercises.classification.exercise_4(answer)",
        "print(no_such_name)",  # not an exercise cell: the usual traceback
        "x = 2b",  # not an exercise cell: the usual SyntaxError
        "answer = hr['Distant']\nexercises.survival.exercise_2(answer)",  # a label it lacks
        "hr['Distant']",  # not an exercise cell: the usual KeyError
    )
    assert 'in quotes: "IA"' in _text(outputs[1]), outputs[1]
    assert "her2_status=negative" in _text(outputs[2]), outputs[2]
    for cell in outputs[1:4]:
        assert not [o for o in cell if o["output_type"] == "error"], cell
        assert "Check the form of your answer" in _text(cell), cell
    assert 'put it in quotes: "distant"' in _text(outputs[3])
    assert 'in quotes: "2b"' in _text(outputs[4]) and 'in quotes: "HR+/HER2-"' in _text(outputs[5])
    for cell in outputs[4:6]:
        assert not [o for o in cell if o["output_type"] == "error"], cell
    assert [o["ename"] for o in outputs[6] if o["output_type"] == "error"] == ["NameError"]
    assert [o["ename"] for o in outputs[7] if o["output_type"] == "error"] == ["SyntaxError"]
    assert "'Distant' is not a label of this table" in _text(outputs[8])
    assert not [o for o in outputs[8] if o["output_type"] == "error"], outputs[8]
    assert [o["ename"] for o in outputs[9] if o["output_type"] == "error"] == ["KeyError"]


def test_a_wrong_field_name_in_an_exercise_cell_lists_the_fields() -> None:
    """Lesson 5 exercise 1 asks for a field name in a blank: a wrong guess (or the blank left
    in) names the fields of the result instead of showing an AttributeError traceback."""
    setup = ("from helpers import exercises\nfrom helpers.treatment import Patient, "
             "treatment_options\noptions = treatment_options(Patient('HR+/HER2-', 'metastatic', "
             "line=1, menopausal_status='postmenopausal'))")
    outputs = _run(
        setup,
        "answer = sorted({option.drug for option in options})\n"
        "exercises.treatment.exercise_1(answer)",
        "answer = sorted({option.____ for option in options})\n"
        "exercises.treatment.exercise_1(answer)",
        "options[0].drug",  # not an exercise cell: the usual traceback
    )
    for cell, name in ((outputs[1], "'drug'"), (outputs[2], "'____'")):
        text = _text(cell)
        assert f"has no field {name}" in text and "drug_class" in text, cell
        assert not [o for o in cell if o["output_type"] == "error"], cell
    assert [o["ename"] for o in outputs[3] if o["output_type"] == "error"] == ["AttributeError"]
