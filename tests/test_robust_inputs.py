"""Numbers beyond the float range, long pastes and unforeseen failures never reach a student as a
crash, a traceback or a 2 MB echo; every number box of the explorers is bounded and says so."""

from __future__ import annotations

import logging
import re
from fractions import Fraction

import ipywidgets as w
import pytest

from helpers._validate import MAX_SHOWN, check_int, check_number, check_percent, shown
from helpers.widgets import MAX_MESSAGE, UNEXPECTED_MESSAGE, Explorer, error_html, read_number

HUGE = 10**400  # float(HUGE) raises OverflowError
HUGER = 10**5000  # repr(HUGER) raises ValueError (more than 4,300 digits)


@pytest.mark.parametrize("value", [HUGE, -HUGE, HUGER, Fraction(HUGE, 3)],
                         ids=["1e400", "-1e400", "1e5000", "fraction-1e400"])
def test_numbers_beyond_the_float_range_are_refused_with_value_error(value) -> None:
    """Before: OverflowError from float() in every numeric helper."""
    with pytest.raises(ValueError, match="size_mm must be a number at least 0 mm"):
        check_number("size_mm", value, low=0.0, unit=" mm")
    with pytest.raises(ValueError, match="survival percent must be a number between 0 and 100"):
        check_percent("survival percent", value)


def test_huge_whole_number_is_judged_by_its_range() -> None:
    with pytest.raises(ValueError, match="line must be a whole number of at least 1; got -an integer"):
        check_int("line", -HUGER, low=1)
    with pytest.raises(ValueError, match="from 0 to 8"):
        check_int("total", HUGE, low=0, high=8)
    with pytest.raises(ValueError, match="whole number"):
        check_int("total", Fraction(HUGE * 3 + 1, 3), low=0, high=8)
    assert check_int("total", Fraction(6, 2), low=0, high=8) == 3


def test_helpers_refuse_huge_numbers_with_their_own_message() -> None:
    from helpers.receptors import classify_receptor
    from helpers.staging import t_category

    with pytest.raises(ValueError, match="er_percent"):
        classify_receptor(HUGE, "ER")
    with pytest.raises(ValueError, match="size_mm"):
        t_category(HUGE)


def test_messages_cut_a_long_input() -> None:
    """Before: a 2 MB paste came back as 2 MB of text."""
    paste = "7" * 2_000_000
    with pytest.raises(ValueError) as caught:
        check_choice_like(paste)
    message = str(caught.value)
    assert len(message) < 200 and "…" in message
    assert len(shown("x" * 10_000)) == MAX_SHOWN
    assert shown("short") == "'short'"
    assert "digits" in shown(HUGER)


def check_choice_like(value):
    from helpers._validate import check_choice

    return check_choice("ihc", value, ["0", "1+"])


def test_error_html_cuts_and_escapes() -> None:
    html_text = error_html(ValueError("<b>" + "x" * 100_000))
    assert len(html_text) < MAX_MESSAGE + 400
    assert "<b>" not in html_text and "&lt;b&gt;" in html_text


def test_read_number_bounds_and_cuts() -> None:
    assert read_number("pd_l1_cps", " 12 ", low=0, high=100) == 12
    assert read_number("pd_l1_cps", "", low=0, high=100) is None
    with pytest.raises(ValueError, match="pd_l1_cps must be a number between 0 and 100"):
        read_number("pd_l1_cps", "1e999", low=0, high=100)
    with pytest.raises(ValueError) as caught:
        read_number("pd_l1_cps", "z" * 100_000, low=0, high=100)
    assert len(str(caught.value)) < 200


class Broken(Explorer):
    """An explorer whose update fails in a way nobody foresaw."""

    def __init__(self) -> None:
        self.result = w.HTML()
        self.box = w.IntText(value=1)
        self.box.observe(lambda _change: self.update(), names="value")
        self.update()

    def update(self) -> None:
        if self.box.value == 2:
            raise ValueError("box must be 1; got 2")
        if self.box.value > 2:
            raise KeyError("/srv/secret/path.py line 12")
        self.result.value = "ok"


def test_unexpected_failure_shows_a_plain_sentence_and_logs_server_side(caplog) -> None:
    """Before: the exception went up to the kernel, which sent its traceback to the page."""
    explorer = Broken()
    assert explorer.result.value == "ok"
    explorer.box.value = 2
    assert "box must be 1; got 2" in explorer.result.value
    logger = logging.getLogger("helpers.widgets")
    logger.addHandler(caplog.handler)
    try:
        explorer.box.value = 3  # would raise KeyError through traitlets without the guard
    finally:
        logger.removeHandler(caplog.handler)
    assert UNEXPECTED_MESSAGE.split(".")[0] in explorer.result.value
    assert "secret" not in explorer.result.value and "Traceback" not in explorer.result.value
    assert any("KeyError" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_widget_log_goes_to_the_process_stderr_not_the_notebook() -> None:
    import sys

    from helpers.widgets import _server_side_log

    logger = _server_side_log()
    streams = [getattr(h, "stream", None) for h in logger.handlers]
    assert sys.__stderr__ in streams and not logger.propagate


def test_every_explorer_is_guarded() -> None:
    from helpers.widgets.biology import CopyNumberExplorer
    from helpers.widgets.classification import Classifier, IshSimulator
    from helpers.widgets.staging import StagingExplorer
    from helpers.widgets.survival import SurvivalExplorer
    from helpers.widgets.treatment import TreatmentExplorer

    for cls in (CopyNumberExplorer, Classifier, IshSimulator, StagingExplorer, SurvivalExplorer,
                TreatmentExplorer):
        assert issubclass(cls, Explorer) and getattr(cls.update, "_guarded", False), cls


def number_boxes(widget) -> list:
    """Every number box in a widget tree (text boxes that take numbers included)."""
    found = []
    stack = [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, (w.FloatText, w.IntText, w.BoundedFloatText, w.BoundedIntText)):
            found.append(item)
        stack.extend(getattr(item, "children", ()))
    return found


def test_every_number_box_is_bounded_and_shows_its_bounds() -> None:
    """A number box either keeps its value within bounds or its value is checked against them;
    either way its label shows the bounds. (The staging size box is checked in its own tests.)"""
    from helpers.widgets.classification import Classifier, IshSimulator
    from helpers.widgets.treatment import TreatmentExplorer

    for explorer in (IshSimulator(), TreatmentExplorer()):
        boxes = number_boxes(explorer.widget)
        assert boxes
        for box in boxes:
            if isinstance(box, (w.BoundedFloatText, w.BoundedIntText)):
                assert f"({box.min:g}-{box.max:g})" in box.description, box.description
            else:
                assert re.search(r"\(\d+-\d+\)", box.description), box.description
    treatment = TreatmentExplorer()
    treatment.setting.value = "metastatic"
    treatment.line.value = 10**9  # before: accepted, as any line from 1 up was
    assert "The line of therapy must be a whole number from 1 to 20" in treatment.result.value
    treatment.line.value = 20
    assert "Please check your input" not in treatment.result.value
    classifier = Classifier()
    for box in (classifier.ratio, classifier.copies, classifier.er, classifier.pr):
        assert re.search(r"\(0-\d+\)", box.description) and box.placeholder
    classifier.er.value = "1" + "0" * 400
    assert "The ER percentage must be a number between 0 and 100" in classifier.result.value
    classifier.er.value = "80"
    classifier.ratio.value = "1e400"
    assert "The ISH ratio must be a number between 0 and 50" in classifier.result.value


def test_survival_and_treatment_text_boxes_show_their_bounds() -> None:
    from helpers.widgets.survival import SurvivalExplorer
    from helpers.widgets.treatment import TreatmentExplorer

    survival = SurvivalExplorer()
    assert "0-100" in survival.custom.description
    survival.custom.value = "9" * 500
    assert "between 0 and 100" in survival.figure.value and len(survival.figure.value) < 1000
    treatment = TreatmentExplorer()
    assert "0-100" in treatment.cps.description


def test_a_bad_value_from_the_page_is_logged_not_sent_back(caplog) -> None:
    """A control's message with a value ipywidgets refuses ends in the server's log; before,
    the kernel's error log (sent to the page) got the traceback."""
    import helpers.widgets  # noqa: F401 - installs the guard

    box = w.BoundedIntText(value=1, min=1, max=10)
    logger = logging.getLogger("helpers.widgets")
    logger.addHandler(caplog.handler)
    try:
        box._handle_msg({"content": {"data": {"method": "update", "buffer_paths": [],
                                              "state": {"value": "not a number"}}}})
    finally:
        logger.removeHandler(caplog.handler)
    assert box.value == 1
    assert any(r.exc_info for r in caplog.records)


# --- Nonsense refused in words: ISH values, node counts, endless answers, huge counts ---------

from helpers.her2 import MAX_HER2_COPIES, MAX_ISH_RATIO, classify_her2  # noqa: E402
from helpers.ish import MAX_NUCLEI_COUNTED, count_result  # noqa: E402
from helpers.staging import n_category  # noqa: E402


@pytest.mark.parametrize("ratio, copies, field", [
    (1e308, 4, "ish_ratio"), (50.01, 8, "ish_ratio"), (2.5, 1e308, "her2_copies"),
    (2.5, 100.5, "her2_copies")])
def test_classify_her2_refuses_physically_meaningless_ish_values(ratio, copies, field) -> None:
    """Before: classify_her2("2+", 1e308, 4) answered "positive"."""
    with pytest.raises(ValueError, match=rf"{field} must be a number between 0 and "):
        classify_her2("2+", ratio, copies)


def test_classify_her2_accepts_values_up_to_its_limits() -> None:
    assert MAX_ISH_RATIO == 50 and MAX_HER2_COPIES == 100
    assert classify_her2("2+", 50, 100).status == "positive"
    assert classify_her2("2+", 1.5, 3.0).status == "negative"


@pytest.mark.parametrize("nodes", [10**400, 61, 10**6])
def test_n_category_bounds_the_node_count_as_patient_does(nodes) -> None:
    """Before: n_category(10**400) answered N3."""
    with pytest.raises(ValueError, match="positive_axillary_nodes must be a whole number from 0 to 60"):
        n_category(nodes)
    assert n_category(60) == "N3a"


def test_a_checker_given_an_endless_iterator_answers_without_filling_memory() -> None:
    """Before: check_set read the whole iterator (3 GB in 4 s, for ever)."""
    import itertools

    from helpers.exercises import check_set

    feedback = check_set(itertools.repeat("low"), ["low"], allowed=["low", "null"],
                         what="HER2 categories")
    assert feedback.status == "malformed" and "more than 1,000 items" in feedback.message
    assert check_set(iter(["low"]), ["low"], allowed=["low", "null"], what="x").status == "correct"


def test_the_checker_a_student_runs_answers_an_endless_iterator() -> None:
    """The same through a lesson's checker, as a student would call it."""
    import itertools

    from helpers.exercises import patient_path

    feedback = patient_path.exercise_1(itertools.cycle(["Alcohol"]))
    assert feedback.status == "malformed" and "more than 1,000 items" in feedback.message


def test_ish_counts_are_bounded_before_they_are_read() -> None:
    """Before: 2 million count pairs were all read and checked (6 s per widget update)."""
    with pytest.raises(ValueError, match=r"counts must list 20 to 100 nuclei.* got 2,000,000 nuclei"):
        count_result([(4, 2)] * 2_000_000)
    with pytest.raises(ValueError, match="counts must list 20 to 100"):
        count_result([(4, 2)] * (MAX_NUCLEI_COUNTED + 1))
    assert count_result([(4, 2)] * MAX_NUCLEI_COUNTED).ratio == 2.0


def test_ish_counts_with_too_few_cep17_signals_are_refused_in_words() -> None:
    with pytest.raises(ValueError, match="ratio of 1000.0, above 50.*check the CEP17 counts"):
        count_result([(50, 0)] * 19 + [(50, 1)])
