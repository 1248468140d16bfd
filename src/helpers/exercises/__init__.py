"""Exercise checkers: a student's answer in, specific feedback out, never the answer itself.

Every lesson has its own module here (``helpers.exercises.survival``, ``...classification`` and so
on) with one function per exercise, ``exercise_1(answer) -> Feedback``. They are built from the
small, tested pieces in this module, so that each behaves alike:

- an unanswered exercise (the ``...`` placeholder the student version starts with, or ``None``)
  gives "Not answered yet", never a traceback;
- a malformed answer (wrong type, unknown word) says what kind of answer is expected;
- a wrong answer says what is wrong and gives a hint, without revealing the right answer;
- a right answer says so and adds one sentence of why;
- nothing a student passes makes a checker raise: a ``Fraction``, a 0-d NumPy array, a huge
  integer, ``pd.NA``, a table of strings or a dict all get feedback. The pieces here check the
  form of an answer before using it, and every public checker of a lesson module (a function
  annotated to return :class:`Feedback`) is wrapped on import by :func:`never_raises`, so that a
  case nobody foresaw still ends in feedback; its details go to the log, not to the student.
"""

from __future__ import annotations

import functools
import html
import importlib.abc
import importlib.machinery
import inspect
import logging
import math
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Literal

from .._validate import shorten, shown
from ..palette import DIED, OKABE_ITO

__all__ = [
    "Feedback",
    "is_unanswered",
    "not_answered",
    "check_choice",
    "check_number",
    "check_set",
    "MultipleChoice",
    "never_raises",
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
    Displayed in a notebook it shows as a short labelled box; its text form is the same words.
    """

    status: Status
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        for name in ("message", "hint"):
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


def _missing_feedback(answer: Any, what: str) -> Feedback:
    return Feedback("malformed", f"the answer ({what}) is a missing value, {shown(answer)}; "
                                 f"give a value instead.")


def not_answered(what: str = "your answer") -> Feedback:
    """Feedback for an exercise the student has not answered yet."""
    return Feedback("not answered", f"replace the ... with {what}, then run the cell again.")


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().split())


def check_choice(
    answer: Any,
    expected: str,
    *,
    allowed: Iterable[str],
    what: str,
    hints: Mapping[str, str] | None = None,
    why: str = "",
    default_hint: str = "",
) -> Feedback:
    """Check a one-word (or one-label) answer such as "negative" or "IIA".

    ``allowed`` lists every answer that is well-formed; matching ignores case and extra spaces.
    ``hints`` maps particular wrong answers to a hint aimed at that mistake; other wrong answers
    get ``default_hint``. ``why`` is said when the answer is right.
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
            f"the answer ({what}) should be text in quotes, one of "
            f"{', '.join(repr(a) for a in allowed)}; got {shown(answer)}.",
        )
    canonical = {_normalise(a): a for a in allowed}
    given = canonical.get(_normalise(answer))
    if given is None:
        return Feedback(
            "malformed",
            f"{shown(answer)} is not one of the possible answers ({what}): "
            f"{', '.join(repr(a) for a in allowed)}.",
        )
    if given == expected:
        return Feedback("correct", why or f"{given!r} is right.")
    hint = (hints or {}).get(given, default_hint)
    return Feedback("incorrect", f"{given!r} is not right for this case.", hint)


def check_number(
    answer: Any,
    expected: float,
    *,
    what: str,
    tolerance: float = 0.0,
    low_hint: str = "",
    high_hint: str = "",
    why: str = "",
) -> Feedback:
    """Check a numeric answer, right when within ``tolerance`` of ``expected``.

    The hint says whether the answer is too low or too high, not by how much.
    """
    if is_unanswered(answer):
        return not_answered(what)
    answer = _scalar(answer)
    if _is_missing(answer):
        return _missing_feedback(answer, what)
    if isinstance(answer, bool) or not isinstance(answer, Real):
        return Feedback("malformed", f"the answer should be a number ({what}); "
                                     f"got {shown(answer)}.")
    try:
        number = float(answer)
    except (OverflowError, ValueError, TypeError):
        # An integer beyond the float range (about 1.8e308) is finite but far off any answer.
        number = math.inf if answer > 0 else -math.inf
        if number == -math.inf:
            return Feedback("incorrect", f"{shown(answer)} is too low.", low_hint)
        return Feedback("incorrect", f"{shown(answer)} is too high.", high_hint)
    if not math.isfinite(number):
        return Feedback("malformed", f"the answer should be a finite number ({what}); "
                                     f"got {shown(answer)}.")
    if abs(number - expected) <= tolerance:
        return Feedback("correct", why or f"{number:g} is right.")
    if number < expected:
        return Feedback("incorrect", f"{number:g} is too low.", low_hint)
    return Feedback("incorrect", f"{number:g} is too high.", high_hint)


def check_set(
    answer: Any,
    expected: Iterable[str],
    *,
    allowed: Iterable[str],
    what: str,
    why: str = "",
) -> Feedback:
    """Check an answer that is a collection of labels (order does not matter).

    Wrong answers are told how many are missing and how many do not belong, not which.
    """
    allowed = tuple(str(a) for a in allowed)
    if is_unanswered(answer):
        return not_answered(what)
    if _is_missing(answer):
        return _missing_feedback(answer, what)
    if (isinstance(answer, str | bytes | Mapping) or not isinstance(answer, Iterable)
            or getattr(answer, "ndim", 1) != 1):
        # A dict, a table (2-d) or a 0-d array is not a list of labels; a Series or 1-d array is.
        return Feedback("malformed", f"the answer should be a list of labels ({what}); "
                                     f"got {shown(answer)}.")
    items = list(answer)
    unknown = [a for a in items if not isinstance(a, str) or a not in allowed]
    if unknown:
        return Feedback("malformed", f"{shown(unknown)} are not among the possible labels "
                                     f"({what}): {', '.join(repr(a) for a in allowed)}.")
    given, wanted = set(items), set(expected)
    if given == wanted:
        return Feedback("correct", why or "that is the full set.")
    missing, extra = len(wanted - given), len(given - wanted)
    parts = []
    if missing:
        parts.append(f"{missing} missing")
    if extra:
        parts.append(f"{extra} that do not belong")
    return Feedback("incorrect", "Your list has " + " and ".join(parts) + ".")


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

        self.prompt = w.HTML(f"<strong>{html.escape(self.question)}</strong>")
        self.choices = w.RadioButtons(options=list(self.options), value=None,
                                      layout=w.Layout(width="max-content"))
        self.button = w.Button(description="Check", tooltip="Check your answer",
                               button_style="")
        self.feedback = w.HTML(value=_CHOOSE._repr_html_())
        self.button.on_click(lambda _b: self.check(self.choices.value))
        self._box = w.VBox([self.prompt, self.choices, self.button, self.feedback])

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


def _returns_feedback(obj: Any) -> bool:
    annotation = inspect.signature(obj).return_annotation if inspect.isfunction(obj) else None
    return annotation in (Feedback, "Feedback")


def _guard_module(module: Any) -> None:
    """Wrap every public checker defined in a lesson's checker module with :func:`never_raises`."""
    for name, obj in list(vars(module).items()):
        if (not name.startswith("_") and inspect.isfunction(obj)
                and obj.__module__ == module.__name__ and _returns_feedback(obj)):
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


def __getattr__(name: str) -> Any:
    """Import a lesson's checker module on first use: ``exercises.survival.exercise_1``."""
    import importlib

    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        raise AttributeError(f"helpers.exercises has no lesson module {name!r}") from error
