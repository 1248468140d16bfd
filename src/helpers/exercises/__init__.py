"""Exercise checkers: a student's answer in, specific feedback out, never the answer itself.

Every lesson has its own module here (``helpers.exercises.survival``, ``...classification`` and so
on) with one function per exercise, ``exercise_1(answer) -> Feedback``. They are built from the
small, tested pieces in this module, so that each behaves alike:

- an unanswered exercise (the ``...`` placeholder the student version starts with, or ``None``)
  gives "Not answered yet", never a traceback;
- a malformed answer (wrong type, unknown word) says what kind of answer is expected;
- a wrong answer says what is wrong and gives a hint, without revealing the right answer;
- a right answer says so and adds one sentence of why.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Literal

from ..palette import DIED, OKABE_ITO

__all__ = [
    "Feedback",
    "is_unanswered",
    "not_answered",
    "check_choice",
    "check_number",
    "check_set",
    "MultipleChoice",
]

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
    if not isinstance(answer, str):
        return Feedback(
            "malformed",
            f"the answer should be text in quotes, one of {', '.join(repr(a) for a in allowed)}; "
            f"got {answer!r}.",
        )
    canonical = {_normalise(a): a for a in allowed}
    given = canonical.get(_normalise(answer))
    if given is None:
        return Feedback(
            "malformed",
            f"{answer!r} is not one of the possible answers: "
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
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(answer):
        return Feedback("malformed", f"the answer should be a number ({what}); got {answer!r}.")
    if abs(float(answer) - expected) <= tolerance:
        return Feedback("correct", why or f"{answer:g} is right.")
    if answer < expected:
        return Feedback("incorrect", f"{answer:g} is too low.", low_hint)
    return Feedback("incorrect", f"{answer:g} is too high.", high_hint)


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
    allowed = tuple(allowed)
    if is_unanswered(answer):
        return not_answered(what)
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return Feedback("malformed", f"the answer should be a list of labels ({what}); "
                                     f"got {answer!r}.")
    items = list(answer)
    unknown = [a for a in items if not isinstance(a, str) or a not in allowed]
    if unknown:
        return Feedback("malformed", f"{unknown!r} are not among the possible labels: "
                                     f"{', '.join(repr(a) for a in allowed)}.")
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
        result = _CHOOSE if choice is None else self.checker(choice)
        self.feedback.value = result._repr_html_()
        return result

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self._box._repr_mimebundle_(**kwargs)

    @property
    def widget(self) -> Any:
        """The ipywidgets container."""
        return self._box


def __getattr__(name: str) -> Any:
    """Import a lesson's checker module on first use: ``exercises.survival.exercise_1``."""
    import importlib

    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        raise AttributeError(f"helpers.exercises has no lesson module {name!r}") from error
