"""Exercise checkers for lesson 08, read your report. Each right answer is what
:func:`helpers.report.read_report` makes of the exercise's line of report, so the checker and
the reader cannot disagree."""

from __future__ import annotations

from typing import Any

from ..report import read_report
from . import Feedback, Slip, check_choice, check_number, worked_answer
from ._answers import robust

__all__ = ["exercise_1", "exercise_2", "exercise_3", "show_answer", "LINE_1", "LINE_2",
           "LINE_3", "ER_CLASSES"]

#: The lines of report the three exercises ask about (made up).
LINE_1 = "Estrogen receptor: positive (8% of tumour cells, weak to moderate)"
LINE_2 = ("Invasive carcinoma of no special type, largest focus 14 mm. Whole tumour size "
          "(invasive carcinoma + DCIS): 22 mm.")
LINE_3 = ("Sentinel lymph nodes: macrometastasis in 1 node, micrometastasis in 1 node, "
          "isolated tumour cells in 1 node (4 nodes examined).")
ER_CLASSES = ("negative", "low positive", "positive")

_WHY_1 = ("ASCO/CAP 2020 calls 1-10 % of cells stained 'ER low positive', whatever word the "
          "laboratory used: the number decides.")
_WHY_2 = ("the size that counts is the largest invasive focus, 14 mm; the whole tumour size "
          "adds the DCIS around it, which is not invasive.")
_WHY_3 = ("macro- and micrometastases count as involved nodes (2); isolated tumour cells do "
          "not (AJCC 8th edition).")


def _expected_3() -> int:
    return int(read_report(LINE_3).nodes_positive)  # type: ignore[arg-type]


@robust
def exercise_1(answer: Any) -> Feedback:
    """The ASCO/CAP 2020 class of :data:`LINE_1`."""
    return check_choice(
        answer, str(read_report(LINE_1).er_status), allowed=ER_CLASSES,
        what="one of " + ", ".join(f'"{c}"' for c in ER_CLASSES) + ", in quotes",
        hints={"positive": "That is the laboratory's word. Which class does the guideline give "
                           "to the percentage?",
               "negative": "Negative is under 1 % of cells; 8 % is more than that."},
        why=_WHY_1)


@robust
def exercise_2(answer: Any) -> Feedback:
    """The tumour size (mm) the reader takes from :data:`LINE_2`. Exact."""
    expected = float(read_report(LINE_2).tumour_size_mm)  # type: ignore[arg-type]
    return check_number(answer, expected, what="a size in millimetres, as a number",
                        slips=(Slip("whole tumour size with DCIS", 22.0,
                                    "That size includes the DCIS around the tumour; T uses the "
                                    "invasive part only."),
                               Slip("centimetres", expected / 10,
                                    "Give the size in millimetres, as the report writes it.")),
                        low_hint="Read the size of the largest invasive focus.",
                        high_hint="Leave out the DCIS: only the invasive part counts.",
                        why=_WHY_2)


@robust
def exercise_3(answer: Any) -> Feedback:
    """How many involved nodes :data:`LINE_3` counts. Exact."""
    expected = _expected_3()
    return check_number(answer, expected, what="a number of lymph nodes",
                        slips=(Slip("isolated tumour cells counted", expected + 1,
                                    "Isolated tumour cells do not make a node involved."),
                               Slip("micrometastasis left out", expected - 1,
                                    "A micrometastasis (over 0.2 mm) does count."),
                               Slip("nodes examined", 4,
                                    "That is how many nodes were looked at, not how many have "
                                    "cancer.")),
                        low_hint="Count every node with a macro- or micrometastasis.",
                        high_hint="Leave out the node with isolated tumour cells only.",
                        why=_WHY_3)


_ANSWERS = {
    1: lambda: (f'"{read_report(LINE_1).er_status}"', _WHY_1),
    2: lambda: (f"{read_report(LINE_2).tumour_size_mm:g}", _WHY_2),
    3: lambda: (f"{_expected_3()}", _WHY_3),
}


def show_answer(exercise: Any) -> Any:
    """The worked answer of exercise 1-3 of lesson 8, with why; it opens after three wrong
    tries."""
    return worked_answer("report", _ANSWERS, exercise)
