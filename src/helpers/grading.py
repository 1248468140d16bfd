"""Grading a class's exercises so that a submission cannot change its own score.

A graded course (``tools/build_course.py``) follows each exercise with a locked, autograded
cell. That cell runs in the student's kernel, where everything (the checkers, ``Feedback``,
the tries counter) is the student's to change. So it decides nothing there. It calls
:func:`hand_in`, which

- shows the student the checker's feedback (one line, no traceback: *Run All* goes on),
- hands the answer in as data: a display output of type :data:`MIME` holding the answer's
  value as JSON (:func:`encode`), never code,
- and sets the answer variables back to ``...``, so that a later exercise whose cell fails is
  never graded with this answer.

The grade is decided outside the kernel, by the grader's own process
(:mod:`helpers.nbgrader_grading`): it reads that value back (:func:`decode`) and checks it with
:func:`check`, the grader's copy of the checker, imported before any submission ran. What the
student's code did to its own kernel does not reach it.

:func:`graded_assignment`, run at the top of a graded assignment, turns the worked answers off
(``show_answer`` is removed and the feedback never offers it).
"""

from __future__ import annotations

import ast
import importlib
import math
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

from .exercises import Feedback

__all__ = ["MIME", "encode", "decode", "parse_call", "check", "hand_in",
           "graded_assignment", "CHECKER_MODULES"]

#: The output type under which a graded cell hands the answer in.
MIME = "application/vnd.her2neg.answer+json"

#: Every lesson module of checkers (imported by the grader before any submission runs).
CHECKER_MODULES = ("biology", "classification", "staging", "prognostic", "survival",
                   "treatment", "patient_path", "capstone", "report")

#: Deepest nesting and most items an answer may have (a checker's answers are small).
_MAX_DEPTH = 6
_MAX_ITEMS = 5000


class _Unsupported:
    """Stands for an answer the grader cannot receive (a function, a figure, ...)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        return f"<a {self.kind}>"


def encode(value: Any, _depth: int = 0) -> Any:
    """``value`` as JSON data: numbers, text, lists, dicts, ``...`` and pandas tables.

    Anything else becomes a marker the checker reads as an answer of the wrong form.
    """
    if _depth > _MAX_DEPTH:
        return {"$unsupported": "deeply nested value"}
    if value is Ellipsis:
        return {"$ellipsis": True}
    if value is None or isinstance(value, bool | str):
        return value
    if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):  # NumPy scalars, 0-d arrays
        try:
            value = value.item()
        except Exception:  # noqa: BLE001
            return {"$unsupported": type(value).__name__}
        if not isinstance(value, int | float | complex | bool | str):
            return encode(value, _depth + 1)
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else {"$bigint": str(value)}
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    from numbers import Real

    if isinstance(value, Real):  # Fraction, Decimal
        try:
            return encode(float(value), _depth + 1)
        except (OverflowError, ValueError):
            return {"$bigint": "inf"}
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)[:_MAX_ITEMS]
        if isinstance(value, set | frozenset):
            try:
                items = sorted(items, key=repr)
            except Exception:  # noqa: BLE001
                pass
        kind = {list: "list", tuple: "tuple"}.get(type(value), "set")
        data = [encode(v, _depth + 1) for v in items]
        return data if kind == "list" else {"$" + kind: data}
    if isinstance(value, dict):
        return {"$dict": [[encode(k, _depth + 1), encode(v, _depth + 1)]
                          for k, v in list(value.items())[:_MAX_ITEMS]]}
    module = type(value).__module__
    if module.startswith("pandas") and type(value).__name__ in ("DataFrame", "Series"):
        return _encode_pandas(value, _depth)
    return {"$unsupported": type(value).__name__}


def _encode_pandas(value: Any, depth: int) -> Any:
    if value.size > _MAX_ITEMS:
        return {"$unsupported": f"{type(value).__name__} of {value.size} cells"}
    index = {"values": encode(list(value.index), depth + 1), "name": encode(value.index.name,
                                                                             depth + 1)}
    if type(value).__name__ == "Series":
        return {"$series": {"index": index, "name": encode(value.name, depth + 1),
                            "data": encode(list(value), depth + 1)}}
    columns = {"values": encode(list(value.columns), depth + 1),
               "name": encode(value.columns.name, depth + 1)}
    rows = [encode(list(row), depth + 1) for row in value.itertuples(index=False, name=None)]
    return {"$dataframe": {"index": index, "columns": columns, "data": rows}}


def decode(data: Any, _depth: int = 0) -> Any:
    """The value :func:`encode` wrote (anything unexpected becomes an unsupported answer)."""
    if _depth > _MAX_DEPTH + 2:
        return _Unsupported("deeply nested value")
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v, _depth + 1) for v in data[:_MAX_ITEMS]]
    if not isinstance(data, dict) or len(data) != 1:
        return _Unsupported("value")
    (tag, body), = data.items()
    try:
        if tag == "$ellipsis":
            return Ellipsis
        if tag == "$bigint":
            return int(body) if body != "inf" else float("inf")
        if tag == "$float":
            return float(body)
        if tag == "$tuple":
            return tuple(decode(v, _depth + 1) for v in body)
        if tag == "$set":
            return set(decode(v, _depth + 1) for v in body)
        if tag == "$dict":
            return {decode(k, _depth + 1): decode(v, _depth + 1) for k, v in body}
        if tag in ("$dataframe", "$series"):
            return _decode_pandas(tag, body, _depth)
        if tag == "$unsupported":
            return _Unsupported(str(body))
    except Exception:  # noqa: BLE001 - a malformed hand-in is an answer of the wrong form
        return _Unsupported("value")
    return _Unsupported("value")


def _decode_pandas(tag: str, body: Mapping[str, Any], depth: int) -> Any:
    import pandas as pd

    index = pd.Index(decode(body["index"]["values"], depth + 1),
                     name=decode(body["index"]["name"], depth + 1))
    if tag == "$series":
        return pd.Series(decode(body["data"], depth + 1), index=index,
                         name=decode(body["name"], depth + 1))
    columns = pd.Index(decode(body["columns"]["values"], depth + 1),
                       name=decode(body["columns"]["name"], depth + 1))
    rows = decode(body["data"], depth + 1)
    return pd.DataFrame(rows, index=index, columns=columns)


def parse_call(call: str) -> tuple[str, str, list[tuple[str, Any]]]:
    """Read a checker call such as ``exercises.survival.exercise_1(answer)``.

    Returns ``(lesson module, checker, arguments)``, each argument ``("name", variable)`` or
    ``("value", literal)``. Raises ``ValueError`` for anything else: the call is read, never run.
    """
    try:
        node = ast.parse(call.strip(), mode="eval").body
    except SyntaxError:
        node = None
    if not (isinstance(node, ast.Call) and not node.keywords
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Attribute)
            and isinstance(node.func.value.value, ast.Name)
            and node.func.value.value.id == "exercises"
            and node.func.value.attr in CHECKER_MODULES
            and not node.func.attr.startswith("_") and node.func.attr != "show_answer"):
        raise ValueError(f"not a checker call of the form exercises.<lesson>.<checker>(...): "
                         f"{call!r}")
    arguments: list[tuple[str, Any]] = []
    for arg in node.args:
        if isinstance(arg, ast.Name):
            arguments.append(("name", arg.id))
        elif isinstance(arg, ast.Constant):
            arguments.append(("value", arg.value))
        else:
            raise ValueError(f"a checker call's arguments must be names or literals: {call!r}")
    return node.func.value.attr, node.func.attr, arguments


def _checker(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"helpers.exercises.{module}"), name)


def check(call: str, answers: Mapping[str, Any]) -> Feedback:
    """Run the checker ``call`` names on ``answers`` (variable name to value), as a check that
    is not one of the student's tries. Never raises: a bad call or answer is feedback."""
    from . import exercises

    try:
        module, name, arguments = parse_call(call)
        args = [answers.get(value, Ellipsis) if kind == "name" else value
                for kind, value in arguments]
        with exercises.uncounted():
            result = exercises.never_raises(_checker(module, name))(*args)
    except Exception:  # noqa: BLE001
        return Feedback("malformed", "this answer could not be checked.")
    return result if isinstance(result, Feedback) else Feedback(
        "malformed", "this answer could not be checked.")


def _names(call: str) -> list[str]:
    try:
        return [value for kind, value in parse_call(call)[2] if kind == "name"]
    except ValueError:
        return []


def hand_in(call: str, namespace: MutableMapping[str, Any]) -> None:
    """In a graded assignment's locked cell: show the feedback and hand the answer in.

    ``call`` is the exercise's checker call (``"exercises.survival.exercise_1(answer)"``) and
    ``namespace`` the notebook's variables (``globals()``). Shows the checker's feedback, emits
    the answer's value as :data:`MIME` data for the grader, sets the answer variables back to
    ``...``. Returns nothing (the cell shows the feedback once) and never raises, so *Run All*
    runs every cell.
    """
    names = _names(call)
    answers = {name: namespace.get(name, Ellipsis) for name in names}
    feedback = check(call, answers)
    try:
        payload = {"call": call, "answers": {name: encode(value)
                                             for name, value in answers.items()}}
    except Exception:  # noqa: BLE001
        payload = {"call": call, "answers": {}}
    ipython = sys.modules.get("IPython")  # loaded in a notebook's kernel, never imported here
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, "display_pub", None) is not None:
        importlib.import_module("IPython.display").display(
            {MIME: payload, "text/plain": str(feedback), "text/html": feedback._repr_html_()},
            raw=True)
    else:  # outside a notebook (a plain script): say it in words
        print(feedback)
    for name in names:
        namespace[name] = Ellipsis


def graded_assignment() -> None:
    """Turn the worked answers off in this kernel: a graded assignment does not offer them.

    Every lesson's ``show_answer`` is removed and the feedback never names it.
    """
    from . import exercises

    exercises.TRIES_BEFORE_ANSWER = sys.maxsize
    for name in CHECKER_MODULES:
        module = importlib.import_module(f"helpers.exercises.{name}")
        if hasattr(module, "show_answer"):
            delattr(module, "show_answer")
        if "show_answer" in getattr(module, "__all__", ()):
            module.__all__ = [n for n in module.__all__ if n != "show_answer"]
