"""Exercise checkers: a student's answer in, specific feedback out, never the answer itself.

Every lesson has its own module here (``helpers.exercises.survival``, ``...classification`` and so
on) with one function per exercise, ``exercise_1(answer) -> Feedback``. They are built from the
small, tested pieces in this module, so that each behaves alike:

- an unanswered exercise (the ``...`` placeholder the student version starts with, or ``None``)
  gives "Not answered yet", never a traceback;
- a malformed answer (wrong type, unknown word) says what kind of answer is expected;
- text answers are read as people write them, by one reader (:func:`answer_key`: case, spaces,
  "Stage ", "HER2-", "triple-negative"/"TNBC", "c"/"p" before T, N, M);
- a wrong answer says what is wrong and gives a hint aimed at the slip it looks like (a
  rounding difference, a fraction for a percentage, a reversed sign, the neighbouring row or
  column, the other subtype; ``Feedback.slip`` names it), without revealing the right answer;
- from the third wrong try at an exercise, the hint names ``exercises.<lesson>.show_answer(N)``,
  which shows the worked answer and why (the tries are counted per exercise in this module:
  :func:`tries`, :func:`reset_tries`; a check made inside :func:`uncounted`, such as a graded
  course's autograded cell, is not a try);
- a right answer says so and adds one sentence of why;
- nothing a student passes makes a checker raise: a ``Fraction``, a 0-d NumPy array, a huge
  integer, ``pd.NA``, a table of strings or a dict all get feedback. The pieces here check the
  form of an answer before using it, and every public checker of a lesson module (a function
  annotated to return :class:`Feedback`) is wrapped on import by :func:`never_raises`, so that a
  case nobody foresaw still ends in feedback; its details go to the log, not to the student.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import html
import importlib.abc
import importlib.machinery
import inspect
import logging
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Literal

from .._validate import shorten, shown
from ..palette import DIED, OKABE_ITO
from ._reader import MAX_ITEMS, TEXT_FORMS, answer_key, read_choice, read_items
from ._unquoted import Unquoted

__all__ = [
    "Feedback",
    "is_unanswered",
    "not_answered",
    "check_choice",
    "check_number",
    "check_set",
    "Slip",
    "MultipleChoice",
    "never_raises",
    "answer_key",
    "TEXT_FORMS",
    "WorkedAnswer",
    "worked_answer",
    "count_try",
    "tries",
    "reset_tries",
    "uncounted",
    "TRIES_BEFORE_ANSWER",
    "Unquoted",
    "read_choice",
    "her2_expression_for_status",
    "her2_expression_in_subtype",
]

#: Longest message a Feedback keeps: a checker that echoes a 2 MB paste still shows one line.
MAX_FEEDBACK = 1200

Status = Literal["correct", "incorrect", "not answered", "malformed"]

_LABELS: Mapping[str, tuple[str, str]] = {
    # status: (label shown in words, symbol) -- words carry the meaning, not colour
    "correct": ("Correct", "✔"),
    "incorrect": ("Not yet", "✘"),
    "not answered": ("Not answered yet", "…"),
    "malformed": ("Check the form of your answer", "?"),
}
_BORDERS: Mapping[str, str] = {
    "correct": OKABE_ITO["bluish green"],
    "incorrect": OKABE_ITO["vermillion"],
    "not answered": DIED,
    "malformed": OKABE_ITO["orange"],
}


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``status`` is one of "correct", "incorrect", "not answered" or "malformed"; ``message``
    explains it in plain words; ``hint`` (optional) points the way without giving the answer.
    ``slip`` (optional) names the mistake a wrong answer looks like ("close" for a rounding
    difference, "fraction" for 0.695 given for 69.5 %, "sign", "neighbouring row", ...), so that
    tests and instructors can see which slip the hint addresses.
    Displayed in a notebook it shows as a short labelled box; its text form is the same words.
    """

    status: Status
    message: str
    hint: str = ""
    slip: str = ""

    def __post_init__(self) -> None:
        for name in ("message", "hint", "slip"):
            text = getattr(self, name)
            if not isinstance(text, str):
                text = shown(text)
            object.__setattr__(self, name, shorten(text, MAX_FEEDBACK))

    @property
    def correct(self) -> bool:
        """True only when the answer was right."""
        return self.status == "correct"

    def __str__(self) -> str:
        label, symbol = _LABELS[self.status]
        text = f"{symbol} {label}: {self.message}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text

    def __repr__(self) -> str:  # the text form is what a notebook's plain output shows
        return str(self)

    def _repr_html_(self) -> str:
        label, symbol = _LABELS[self.status]
        hint = f"<br><em>Hint:</em> {html.escape(self.hint)}" if self.hint else ""
        return (
            f'<div role="status" style="border-left:6px solid {_BORDERS[self.status]};'
            f'padding:4px 10px;margin:4px 0">'
            f"<strong>{symbol} {label}:</strong> {html.escape(self.message)}{hint}</div>"
        )


def is_unanswered(answer: Any) -> bool:
    """True for the placeholders a student version starts with: ``...`` and ``None``."""
    return answer is Ellipsis or answer is None


def _is_missing(answer: Any) -> bool:
    """True for pandas' and NumPy's missing values (``pd.NA``, ``NaT``, NaN as an object)."""
    try:
        import pandas as pd

        return bool(pd.api.types.is_scalar(answer) and pd.isna(answer))
    except Exception:  # noqa: BLE001 - a value pandas cannot judge is not "missing"
        return False


def _scalar(answer: Any) -> Any:
    """A 0-d NumPy array (what ``np.array(5)`` or some reductions give) as the value it holds."""
    if getattr(answer, "ndim", None) == 0 and hasattr(answer, "item"):
        try:
            return answer.item()
        except Exception:  # noqa: BLE001
            return answer
    return answer


def _is_pandas(answer: Any) -> bool:
    """True for a pandas Series or DataFrame (checked by type name: pandas is not imported)."""
    return any(c.__name__ in ("Series", "DataFrame") and c.__module__.startswith("pandas")
               for c in type(answer).__mro__)


_BLANK_IN_LINE = Feedback(
    "not answered", "this is a whole column or table, not one number: replace the ... in the "
                    "line with a label in quotes (the row or column you want), or select a "
                    "single value with .loc[row, column].")


def _missing_feedback(answer: Any, what: str) -> Feedback:
    return Feedback("malformed", f"the answer ({what}) is a missing value, {shown(answer)}; "
                                 f"give a value instead.")


def not_answered(what: str = "your answer") -> Feedback:
    """Feedback for an exercise the student has not answered yet."""
    return Feedback("not answered", f"replace the ... with {what}, then run the cell again.")


def check_choice(
    answer: Any,
    expected: str,
    *,
    allowed: Iterable[str],
    what: str,
    hints: Mapping[str, str] | None = None,
    why: str = "",
    default_hint: str = "",
    general: bool = False,
) -> Feedback:
    """Check a one-word (or one-label) answer such as "negative" or "IIA".

    ``allowed`` lists every answer that is well-formed; answers are read with
    :func:`read_choice` (case, spaces, "Stage ", "HER2-", "TNBC", "p"/"c" prefixes, a stage
    group in Arabic numerals; see :data:`TEXT_FORMS`). A right answer in another form is right,
    and the feedback names the form the lesson uses. ``hints`` maps particular wrong answers to
    a hint aimed at that mistake (the slip it names is the wrong answer itself); other wrong
    answers get ``default_hint``. ``why`` is said when the answer is right. ``general`` is for
    statements that hold in general (a concept check), not about one case: a wrong choice is
    then "not right", not "not right for this case".

    An answer that is none of ``allowed`` is a form problem ("malformed"), not a wrong try: it
    is told the possible answers, or, when there are many (rule ids), the nearest ones. A HER2
    expression category ("HER2-low") where a HER2 status is asked is told that low is a kind of
    negative.
    """
    allowed = tuple(allowed)
    if is_unanswered(answer):
        return not_answered(what)
    answer = _scalar(answer)
    if _is_missing(answer):
        return _missing_feedback(answer, what)
    if not isinstance(answer, str):
        return Feedback(
            "malformed",
            f"the answer ({what}) should be text in quotes, "
            + (f"one of {', '.join(repr(a) for a in allowed)}" if len(allowed) <= _LIST_AT_MOST
               else f"such as {allowed[0]!r}")
            + f"; got {shown(answer)}.",
        )
    given, note = read_choice(answer, allowed)
    if given is None:
        return _not_an_option(answer, allowed, what)
    note = f" ({note})" if note else ""
    if answer_key(given) == answer_key(expected):
        return Feedback("correct", (why or f"{given!r} is right.") + note)
    hints = hints or {}
    specific = [h for option, h in hints.items() if answer_key(option) == answer_key(given)]
    wrong = "That is not right." if general else f"{given!r} is not right for this case."
    return Feedback("incorrect", wrong + note,
                    specific[0] if specific else default_hint,
                    slip=given if specific else "other")


#: Up to this many possible answers are listed in a form message; more get the nearest ones.
_LIST_AT_MOST = 10

_HER2_STATUSES = ("positive", "negative")
_EXPRESSION_WORDS = ("low", "ultralow", "null")


def her2_expression_for_status(answer: Any) -> str:
    """The lesson sentence for a HER2 expression category given where a HER2 status is asked
    ("HER2-low" for "negative"), or "" when ``answer`` is not one."""
    key = answer_key(answer)
    if key not in _EXPRESSION_WORDS:
        return ""
    word = {"low": "HER2-low", "ultralow": "HER2-ultralow", "null": "HER2-null"}[key]
    return (f"{word} is not a HER2 status: ASCO/CAP reports HER2 as positive or negative, and "
            f"{word} is a kind of HER2-negative result (a category from trials and drug "
            f"labels). Give the status.")


_EXPRESSION_IN_SUBTYPE = re.compile(r"^(hr[+-])/her2[- ]?(low|ultralow|ultra low|null)$")


def her2_expression_in_subtype(answer: Any) -> str:
    """The lesson sentence for a subtype written with a HER2 expression category
    ("HR+/HER2-low"), or "" when ``answer`` is not one."""
    match = _EXPRESSION_IN_SUBTYPE.match(answer_key(answer))
    if not match:
        return ""
    return (f"the subtype names the HER2 status, positive or negative, and HER2-"
            f"{match.group(2).replace(' ', '')} is a kind of HER2-negative result: write the "
            f"HER2 half of {answer.strip()!r} with + or -.")


def _not_an_option(answer: str, allowed: tuple[str, ...], what: str) -> Feedback:
    """Form feedback for a text answer that is none of ``allowed``."""
    keys = {answer_key(a) for a in allowed}
    if all(answer_key(s) in keys for s in _HER2_STATUSES):
        expression = her2_expression_for_status(answer)
        if expression:
            return Feedback("malformed", expression)
    if answer_key("HR+/HER2-") in keys and her2_expression_in_subtype(answer):
        return Feedback("malformed", her2_expression_in_subtype(answer))
    if len(allowed) <= _LIST_AT_MOST:
        return Feedback("malformed", f"{shown(answer)} is not one of the possible answers "
                                     f"({what}): {', '.join(repr(a) for a in allowed)}.")
    import difflib

    by_key = {answer_key(a): a for a in allowed}
    nearest = difflib.get_close_matches(answer_key(answer), list(by_key), n=3, cutoff=0.6)
    closest = (f" The nearest: {', '.join(repr(by_key[k]) for k in nearest)}." if nearest
               else " Copy it from the table, in quotes.")
    return Feedback("malformed", f"{shown(answer)} is not one of the possible answers "
                                 f"({what}).{closest}")


@dataclass(frozen=True)
class Slip:
    """A wrong number that betrays a particular mistake: its name, the value it gives, a hint.

    ``name`` is what the mistake is ("neighbouring row", "other subtype", ...); ``value`` the
    number that mistake produces; ``hint`` what to do instead (never the right answer).
    """

    name: str
    value: float
    hint: str
    #: How close an answer must be to ``value`` to count as this slip (default: the tolerance).
    within: float | None = None


def _near(number: float, value: float, tolerance: float) -> bool:
    return abs(number - value) <= max(tolerance, 1e-9 * max(1.0, abs(value)))


def check_number(
    answer: Any,
    expected: float,
    *,
    what: str,
    tolerance: float = 0.0,
    low_hint: str = "",
    high_hint: str = "",
    why: str = "",
    close: float | None = None,
    slips: Iterable[Slip] = (),
    percent: bool = False,
    unit: str = "",
) -> Feedback:
    """Check a numeric answer, right when within ``tolerance`` of ``expected``.

    A number typed as text is read ("4", "4,7" with a decimal comma, "69.5 %" for a ``percent``
    answer, "4.7 months" when ``unit`` is "months", "years" or "mm"), with a note on the form.

    A wrong answer is matched, in this order, against the slips students make:

    - each :class:`Slip` given (the neighbouring row or column, the other subtype, ...);
    - for a ``percent`` answer, the same figure as a fraction (0.695 for 69.5);
    - the right size with the sign reversed (-3.1 for 3.1);
    - ``close``: within this distance of the answer, a rounding difference, with its own message.

    Any other wrong answer is told whether it is too low or too high, not by how much.
    ``Feedback.slip`` names the slip found ("close", "fraction", "sign", a :class:`Slip` name,
    or "too low"/"too high"). A pandas column or table where one number is expected (what a
    fill-in line gives while its ``...`` is still there) is "not answered", with a word on how
    to pick one value.
    """
    if is_unanswered(answer):
        return not_answered(what)
    if _is_pandas(answer):
        return _BLANK_IN_LINE
    answer = _scalar(answer)
    if _is_missing(answer):
        return _missing_feedback(answer, what)
    if isinstance(answer, str):
        number_text = _number_in_text(answer, percent, unit)
        if number_text is not None:
            checked = check_number(float(number_text), expected, what=what, tolerance=tolerance,
                                   low_hint=low_hint, high_hint=high_hint, why=why,
                                   close=close, slips=slips, percent=percent, unit=unit)
            return Feedback(checked.status,
                            f"{checked.message} (You typed {shown(answer)} in quotes, as text; "
                            f"it was read as the number {number_text}. A number goes without "
                            f"quotes or unit: answer = {number_text}.)", checked.hint,
                            checked.slip)
    if (isinstance(answer, tuple) and len(answer) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in answer)):
        whole, fraction = answer
        return Feedback("malformed", f"{whole},{fraction} was read as two numbers, "
                                     f"{shown(answer)}: Python writes a decimal with a point, "
                                     f"not a comma. Write answer = {whole}.{fraction}")
    if isinstance(answer, bool) or not isinstance(answer, Real):
        return Feedback("malformed", f"the answer should be a number ({what}); "
                                     f"got {shown(answer)}.")
    try:
        number = float(answer)
    except (OverflowError, ValueError, TypeError):
        # An integer beyond the float range (about 1.8e308) is finite but far off any answer.
        number = math.inf if answer > 0 else -math.inf
        if number == -math.inf:
            return Feedback("incorrect", f"{shown(answer)} is too low.", low_hint, "too low")
        return Feedback("incorrect", f"{shown(answer)} is too high.", high_hint, "too high")
    if not math.isfinite(number):
        return Feedback("malformed", f"the answer should be a finite number ({what}); "
                                     f"got {shown(answer)}.")
    if abs(number - expected) <= tolerance:
        return Feedback("correct", why or f"{number:g} is right.")
    for slip in slips:
        within = tolerance if slip.within is None else slip.within
        if _near(number, slip.value, within):
            return Feedback("incorrect", f"{number:g} is not right: it looks like the "
                                         f"{slip.name}.", slip.hint, slip.name)
    if percent and expected and _near(number * 100, expected, max(tolerance, close or 0.0)):
        return Feedback("incorrect", f"{number:g} looks like a fraction; the answer is a "
                                     f"percentage.",
                        "Multiply by 100: a share of 0.5 is 50 %. Type the number without the "
                        "% sign.", "fraction")
    if expected and _near(-number, expected, tolerance):
        return Feedback("incorrect", f"{number:g} has the right size but the wrong sign.",
                        "Subtract the other way round: the larger figure minus the smaller.",
                        "sign")
    if close is not None and abs(number - expected) <= close:
        return Feedback("incorrect", f"Close: {number:g} is within rounding of the answer, but "
                                     f"this exercise accepts only ±{tolerance:g}.",
                        "Use the figure as the table or chart gives it, without rounding it "
                        "further.", "close")
    if number < expected:
        return Feedback("incorrect", f"{number:g} is too low.", low_hint, "too low")
    return Feedback("incorrect", f"{number:g} is too high.", high_hint, "too high")


_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
#: The ways a unit is typed after a number, for the units the lessons' numeric answers use.
_UNIT_FORMS = {"months": r"months?|mo", "years": r"years?|yrs?",
               "mm": r"mm|millimet(?:re|er)s?"}
_DECIMAL_COMMA = re.compile(r"(\d),(\d{1,2})$")


def _number_in_text(answer: str, percent: bool, unit: str = "") -> str | None:
    """The number a text answer holds, or None: "4", " 69.5 ", "4,7" (a decimal comma), "69.5 %"
    for a percentage, "4.7 months" where the answer is in ``unit`` ("months", "years", "mm")."""
    text = answer.strip().strip("\"'").strip()
    if percent and text.endswith("%"):
        text = text[:-1].strip()
    if len(text) > 40:
        return None
    if unit in _UNIT_FORMS:
        text = re.sub(rf"\s*({_UNIT_FORMS[unit]})\.?$", "", text, flags=re.I)
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    if not _NUMBER_TEXT.fullmatch(text):
        return None
    return text.lstrip("+")


def check_set(
    answer: Any,
    expected: Iterable[str],
    *,
    allowed: Iterable[str],
    what: str,
    why: str = "",
    hint: str = "",
) -> Feedback:
    """Check an answer that is a collection of labels (order does not matter).

    Labels are read with :func:`answer_key`. Wrong answers are told how many are missing and
    how many do not belong, not which; ``hint`` is added to every wrong list.
    """
    allowed = tuple(str(a) for a in allowed)
    expected = list(expected)
    if is_unanswered(answer):
        return not_answered(what)
    if _is_missing(answer):
        return _missing_feedback(answer, what)
    if (isinstance(answer, str | bytes | Mapping) or not isinstance(answer, Iterable)
            or getattr(answer, "ndim", 1) != 1):
        # A dict, a table (2-d) or a 0-d array is not a list of labels; a Series or 1-d array is.
        return Feedback("malformed", f"the answer should be a list of labels ({what}); "
                                     f"got {shown(answer)}.")
    items = read_items(answer)
    if items is None:
        return Feedback("malformed", f"the answer should be a short list of labels ({what}); "
                                     f"it has more than {MAX_ITEMS:,} items.")
    if not items and expected:
        return Feedback("not answered", f"your list is empty: replace the ... in the line, or "
                                        f"list the labels ({what}).")
    keys = {answer_key(a) for a in allowed}
    unknown = [a for a in items if not isinstance(a, str) or answer_key(a) not in keys]
    if unknown:
        return Feedback("malformed", f"{shown(unknown)} are not among the possible labels "
                                     f"({what}): {', '.join(repr(a) for a in allowed)}.")
    given, wanted = {answer_key(a) for a in items}, {answer_key(str(a)) for a in expected}
    if given == wanted:
        return Feedback("correct", why or "that is the full set.")
    missing, extra = len(wanted - given), len(given - wanted)
    parts = []
    if missing:
        parts.append(f"{missing} missing")
    if extra:
        parts.append(f"{extra} that do not belong")
    return Feedback("incorrect", "Your list has " + " and ".join(parts) + ".", hint,
                    slip=" and ".join(parts))


_CHOOSE = Feedback("not answered", "choose one option, then press Check.")


@dataclass
class MultipleChoice:
    """A multiple-choice concept check as a widget: radio buttons, a Check button, feedback.

    ``checker`` takes the chosen option text and returns :class:`Feedback`. The widget is usable
    by keyboard (Tab to the options, arrow keys to choose, Enter/Space on the button), and shows
    feedback in words, not colour alone. ``check(choice)`` runs the same path as the button, so
    tests and the browser tests can drive it.
    """

    question: str
    options: tuple[str, ...]
    checker: Callable[[Any], Feedback]
    _box: Any = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        import ipywidgets as w

        from ..widgets import readable_box

        self.choices = w.RadioButtons(options=list(self.options), value=None)
        self.button = w.Button(description="Check", tooltip="Check your answer",
                               button_style="")
        self.feedback = w.HTML(value=_CHOOSE._repr_html_())
        self.button.on_click(lambda _b: self.check(self.choices.value))
        self._box = readable_box([self.choices, self.button, self.feedback],
                                 f"<strong>{html.escape(self.question)}</strong>")
        self.prompt = self._box.children[0]

    def check(self, choice: Any) -> Feedback:
        """Check ``choice``, show the feedback in the widget, and return it."""
        result = _CHOOSE if choice is None else never_raises(self.checker)(choice)
        self.feedback.value = result._repr_html_()
        return result

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self._box._repr_mimebundle_(**kwargs)

    @property
    def widget(self) -> Any:
        """The ipywidgets container."""
        return self._box


#: Wrong tries after which the feedback offers the worked answer.
TRIES_BEFORE_ANSWER = 3

#: Wrong tries so far, per exercise ("survival.exercise_1", "capstone.Bea", ...). Module-level
#: state: one notebook kernel is one student. :func:`reset_tries` clears it.
_TRIES: dict[str, int] = {}


def tries(key: str) -> int:
    """How many wrong tries the exercise ``key`` (e.g. "survival.exercise_1") has had."""
    return _TRIES.get(key, 0)


def reset_tries(key: str | None = None) -> None:
    """Forget the wrong tries of one exercise, or of all of them when ``key`` is None."""
    if key is None:
        _TRIES.clear()
    else:
        _TRIES.pop(key, None)


#: False inside :func:`uncounted`.
_COUNTING: contextvars.ContextVar[bool] = contextvars.ContextVar("counting", default=True)


@contextlib.contextmanager
def uncounted() -> Iterator[None]:
    """Check answers without counting them as tries.

    A graded course calls each checker twice: the student's exercise cell, then the locked
    autograded cell that checks the same answer. The second call is the grader looking, not the
    student trying again, so the autograded cell runs inside this context::

        with exercises.uncounted():
            feedback = exercises.survival.exercise_1(answer)
    """
    token = _COUNTING.set(False)
    try:
        yield
    finally:
        _COUNTING.reset(token)


def count_try(key: str, feedback: Feedback, offer: str) -> Feedback:
    """Count ``feedback`` as a try of exercise ``key``; from the third wrong try on, add an offer.

    Only a wrong answer ("incorrect") counts. An answer in the wrong form ("malformed": a word
    that is none of the possible answers, text where a number is asked, ...) and "not
    answered" do not: they are told the form, not given a try. A right answer resets the count
    of the exercise. Nothing counts inside :func:`uncounted`. ``offer`` is the call that shows
    the worked answer, e.g. ``exercises.survival.show_answer(1)``.
    """
    if not _COUNTING.get():
        return feedback
    if feedback.status == "correct":
        _TRIES.pop(key, None)
        return feedback
    if feedback.status != "incorrect":
        return feedback
    _TRIES[key] = _TRIES.get(key, 0) + 1
    if _TRIES[key] < TRIES_BEFORE_ANSWER:
        return feedback
    offer_text = (f"Stuck after {_TRIES[key]} tries? Run {offer} to see the worked answer "
                  f"and why.")
    hint = (f"{shorten(feedback.hint, MAX_FEEDBACK - len(offer_text) - 1)} {offer_text}"
            if feedback.hint else offer_text)
    return Feedback(feedback.status, feedback.message, hint, feedback.slip)


@dataclass(frozen=True)
class WorkedAnswer:
    """A worked answer: the exercise, the answer as code a student could type, and why."""

    exercise: str
    answer: str
    why: str

    def __str__(self) -> str:
        return f"Worked answer, {self.exercise}: answer = {self.answer}\nWhy: {self.why}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return (f'<div role="note" style="border-left:6px solid {OKABE_ITO["blue"]};'
                f'padding:4px 10px;margin:4px 0"><strong>Worked answer, '
                f"{html.escape(self.exercise)}:</strong> <code>answer = "
                f"{html.escape(self.answer)}</code><br><em>Why:</em> {html.escape(self.why)}</div>")


def worked_answer(module: str, answers: Mapping[Any, Callable[[], tuple[str, str]]],
                  exercise: Any) -> WorkedAnswer | Feedback:
    """The worked answer of ``exercise`` in lesson module ``module`` (e.g. "survival").

    ``answers`` maps an exercise number (or a capstone patient's name) to a function giving
    ``(answer as code, why)``. It opens after :data:`TRIES_BEFORE_ANSWER` wrong tries, so that
    everyone has a go first; before that, and for an unknown exercise, it returns feedback
    that says so. It never raises.
    """
    known = ", ".join(repr(k) for k in answers)
    try:
        build = answers.get(exercise)
    except TypeError:
        build = None
    if build is None:
        return Feedback("malformed", f"there is no exercise {shown(exercise)} here; "
                                     f"choose one of {known}.")
    key = f"{module}.exercise_{exercise}" if isinstance(exercise, int) else f"{module}.{exercise}"
    left = TRIES_BEFORE_ANSWER - tries(key)
    if left > 0:
        return Feedback("not answered", f"have a go first: the worked answer opens after "
                                        f"{TRIES_BEFORE_ANSWER} tries ({left} to go). Every "
                                        f"wrong answer gets a hint.")
    try:
        code, why = build()
    except Exception:  # noqa: BLE001 - a worked answer must not end in a traceback either
        _log().exception("worked answer %s.%s failed", module, exercise)
        return _UNEXPECTED
    label = f"exercise {exercise}" if isinstance(exercise, int) else str(exercise)
    return WorkedAnswer(f"{module}, {label}", code, why)


def _counting(checker: Callable[..., Feedback], module: str, number: int) -> Callable[..., Feedback]:
    key, offer = f"{module}.exercise_{number}", f"exercises.{module}.show_answer({number})"

    @functools.wraps(checker)
    def counted(*args: Any, **kwargs: Any) -> Feedback:
        return count_try(key, checker(*args, **kwargs), offer)

    return counted


_UNEXPECTED = Feedback(
    "malformed",
    "this answer could not be checked; check that it has the form the exercise asks for "
    "(a number, a word in quotes, a list or a table).",
)


def _log() -> logging.Logger:
    from ..widgets import _server_side_log

    return _server_side_log(__name__)


def never_raises(checker: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Wrap ``checker`` so that any exception becomes feedback instead of a traceback.

    The exception is logged (for the instructor's server log); the student sees one plain
    sentence. A result that is not :class:`Feedback` is treated the same way.
    """
    if getattr(checker, "_never_raises", False):
        return checker

    @functools.wraps(checker)
    def guarded(*args: Any, **kwargs: Any) -> Feedback:
        unquoted = _unquoted_feedback(list(args) + list(kwargs.values()))
        if unquoted is not None:
            return unquoted
        try:
            result = checker(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the whole point: feedback, never a traceback
            _log().exception("exercise checker %s failed",
                             getattr(checker, "__qualname__", checker))
            return _UNEXPECTED
        if not isinstance(result, Feedback):
            _log().error("exercise checker %s returned %s, not Feedback",
                       getattr(checker, "__qualname__", checker), type(result).__name__)
            return _UNEXPECTED
        return result

    guarded._never_raises = True  # type: ignore[attr-defined]
    return guarded


def _unquoted_feedback(values: list[Any]) -> Feedback | None:
    """"Put it in quotes" feedback when an answer holds a word typed without quotes."""
    found: list[tuple[str, Unquoted]] = []
    for value in values:
        if isinstance(value, Unquoted):
            found.append(("", value))
        elif isinstance(value, Mapping):
            found += [(str(k), v) for k, v in value.items() if isinstance(v, Unquoted)]
        elif isinstance(value, list | tuple | set):
            found += [("", v) for v in value if isinstance(v, Unquoted)]
    if not found:
        return None
    if len(found) == 1 and not found[0][0]:
        return Feedback("malformed", found[0][1].feedback_text())
    words = ", ".join(f"{name}={v.text}" if name else v.text for name, v in found)
    return Feedback("malformed", f"not in quotes: {words}. Python reads a word without quotes "
                                 f"as the name of a variable; put each answer in quotes, e.g. "
                                 f'"{found[0][1].text}".')


def _returns_feedback(obj: Any) -> bool:
    annotation = inspect.signature(obj).return_annotation if inspect.isfunction(obj) else None
    return annotation in (Feedback, "Feedback")


def _guard_module(module: Any) -> None:
    """Wrap every public checker defined in a lesson's checker module with :func:`never_raises`."""
    short = module.__name__.rsplit(".", 1)[-1]
    for name, obj in list(vars(module).items()):
        if (not name.startswith("_") and inspect.isfunction(obj)
                and obj.__module__ == module.__name__ and _returns_feedback(obj)
                and not getattr(obj, "_never_raises", False)):
            number = re.fullmatch(r"exercise_(\d+)", name)
            if number and callable(getattr(module, "show_answer", None)):
                obj = _counting(obj, short, int(number.group(1)))
            setattr(module, name, never_raises(obj))


class _GuardingLoader(importlib.abc.Loader):
    """Runs a lesson's checker module as usual, then guards its checkers."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        _guard_module(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_code, ... for tracebacks/tools
        return getattr(self._loader, name)


class _GuardingFinder(importlib.abc.MetaPathFinder):
    """Finds ``helpers.exercises.<lesson>`` as usual and hands it to :class:`_GuardingLoader`."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        prefix = __name__ + "."
        if not fullname.startswith(prefix) or "." in fullname[len(prefix):]:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _GuardingLoader(spec.loader)
        return spec


if not any(isinstance(f, _GuardingFinder) for f in sys.meta_path):
    sys.meta_path.insert(0, _GuardingFinder())
for _name, _module in list(sys.modules.items()):  # modules imported before this one (reloads)
    if _name.startswith(__name__ + ".") and _module is not None:
        _guard_module(_module)

# In a notebook kernel: a word typed without quotes in an exercise cell gets feedback, not a
# NameError traceback (see helpers.exercises._unquoted).
from ._unquoted import install_in_running_kernel as _install_hooks  # noqa: E402

_install_hooks()


def __getattr__(name: str) -> Any:
    """Import a lesson's checker module on first use: ``exercises.survival.exercise_1``."""
    import importlib

    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        raise AttributeError(f"helpers.exercises has no lesson module {name!r}") from error
