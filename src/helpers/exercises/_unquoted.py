"""A word typed without quotes in an exercise cell: feedback, not a ``NameError`` traceback.

A student who types ``answer = IA`` (or ``answer = HER2-low``, or ``stage=IIB`` inside the
capstone's dict) has the right idea in the wrong form: Python reads the bare word as the name of
a variable, and the cell stops with a ``NameError`` before the checker can say anything. Two
few IPython hooks, installed when :mod:`helpers.exercises` is imported in a notebook kernel,
turn that into the checker's own feedback:

- :class:`QuoteMissing`, an AST transformer: in a cell that calls an exercise checker, the value
  assigned to ``answer``, ``answers`` or ``drug_classes`` (or an element of the list, tuple, dict
  or ``dict(...)`` written there) that is made only of words no one has defined (``IA``,
  ``HER2-low``, ``triple-negative``) becomes :class:`Unquoted`, which every checker reads as
  "put it in quotes". The cell then runs to the end, as Run All expects.
- :func:`quote_bare_lines`, an input transformer, for answers Python cannot even read:
  ``answer = 2b`` or ``answer = HR+/HER2-`` (a ``SyntaxError``, raised before any other hook
  runs). In an exercise cell, such a line, made only of letters, digits, signs and spaces, is
  handed to the checker as :class:`Unquoted` too.
- :func:`name_error_handler`, a custom exception handler for ``NameError`` and ``KeyError``:
  any other unknown name in an exercise cell (``hr_pos[distant]``), or a label the table does
  not have (``hr_pos["Distant"]``), shows one line of feedback instead of a traceback. Outside
  exercise cells the usual traceback is shown.

Nothing changes outside an IPython kernel, or in a cell that does not call a checker.
"""

from __future__ import annotations

import ast
import builtins
import linecache
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Unquoted", "QuoteMissing", "install", "name_error_handler", "quote_bare_lines",
           "ANSWER_NAMES"]

#: The variables an exercise cell assigns its answer to.
ANSWER_NAMES = ("answer", "answers", "drug_classes")

#: A call of an exercise checker in a cell's source: ``exercises.staging.exercise_1(``.
_CHECKER_CALL = re.compile(r"\bexercises\.\w+\.\w+\(")


@dataclass(frozen=True)
class Unquoted:
    """A word the student typed without quotes (``IA`` in ``answer = IA``), as they typed it."""

    text: str

    def __repr__(self) -> str:
        return self.text

    def feedback_text(self) -> str:
        """The sentence every checker shows for it."""
        number = _LEADING_NUMBER.match(self.text)
        if number and self.text[number.end():].strip():
            # "4.7 months": a number with its unit. Quotes would make it text; the unit goes.
            return (f"{self.text} mixes a number with words, which Python cannot read. Write "
                    f"just the number, without its unit and without quotes: "
                    f"answer = {number.group(0)}")
        return (f"{self.text} is not in quotes, so Python cannot read it as an answer: a word "
                f"without quotes is read as the name of a variable, and there is none of that "
                f'name. Put the answer in quotes: "{self.text}" (a number goes without quotes).')


#: A number followed by a unit ("4.7 months", "69.5 %"), which Python cannot read unquoted.
_LEADING_NUMBER = re.compile(
    r"[+-]?(\d+(\.\d*)?|\.\d+)(?=\s*%$|\s+(months?|mo|years?|yrs?|mm|millimet(re|er)s?|"
    r"percent|per cent|percentage points?|points?|pp)\.?$)", re.I)


def _is_checker_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Attribute)
            and isinstance(node.func.value.value, ast.Name)
            and node.func.value.value.id == "exercises")


def _bare_words(node: ast.AST) -> bool:
    """True for an expression made only of names and signs: ``IA``, ``HER2-low``, ``-x``."""
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.BinOp):
        return _bare_words(node.left) and _bare_words(node.right)
    if isinstance(node, ast.UnaryOp):
        return _bare_words(node.operand)
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float)


class QuoteMissing(ast.NodeTransformer):
    """Replace bare, undefined words assigned as an answer with :class:`Unquoted` (see module)."""

    def __init__(self, shell: Any = None) -> None:
        self.shell = shell

    def _defined(self, name: str, stored: set[str]) -> bool:
        namespace = getattr(self.shell, "user_ns", None) or {}
        return name in stored or name in namespace or hasattr(builtins, name)

    def _replace(self, node: ast.expr, stored: set[str]) -> ast.expr:
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            node.elts = [self._replace(e, stored) for e in node.elts]
            return node
        if isinstance(node, ast.Dict):
            node.values = [self._replace(v, stored) for v in node.values]
            return node
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "dict" and not node.args):
            for keyword in node.keywords:
                keyword.value = self._replace(keyword.value, stored)
            return node
        names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
        if (not _bare_words(node) or not names
                or any(self._defined(name, stored) for name in names)):
            return node
        text = re.sub(r"\s*([-+/])\s*", r"\1", ast.unparse(node))
        call = ast.parse(f"__import__('helpers.exercises._unquoted', fromlist=['Unquoted'])"
                         f".Unquoted({text!r})", mode="eval").body
        return ast.copy_location(call, node)

    def visit_Module(self, node: ast.Module) -> ast.Module:  # noqa: N802 - ast's naming
        if not any(_is_checker_call(n) for n in ast.walk(node)):
            return node
        stored = {n.id for n in ast.walk(node)
                  if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        stored |= {(a.asname or a.name).split(".")[0] for n in ast.walk(node)
                   if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
        stored |= {n.name for n in ast.walk(node)
                   if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        for statement in node.body:
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)
                    and statement.targets[0].id in ANSWER_NAMES):
                # Names this very statement would define do not count; earlier ones do.
                statement.value = self._replace(statement.value, stored - {
                    statement.targets[0].id})
        return ast.fix_missing_locations(node)


_BARE_LINE = re.compile(r"^(?P<name>" + "|".join(ANSWER_NAMES)
                        + r")\s*=\s*(?P<text>[\w+\-/.,% ]*[\w+\-%])\s*(#.*)?$")


def quote_bare_lines(lines: list[str]) -> list[str]:
    """In an exercise cell, turn ``answer = 2b`` (a line Python cannot read) into
    ``answer = Unquoted("2b")``; leave every line Python can read, and every other cell, as
    it is."""
    if not _CHECKER_CALL.search("".join(lines)):
        return lines
    out = []
    for line in lines:
        match = _BARE_LINE.match(line.rstrip("\n"))
        if match:
            try:
                ast.parse(match.group("text").strip(), mode="eval")
            except SyntaxError:
                text = match.group("text").strip()
                line = (f"{match.group('name')} = __import__('helpers.exercises._unquoted', "
                        f"fromlist=['Unquoted']).Unquoted({text!r})\n")
        out.append(line)
    return out


def _cell_source(tb: Any) -> str:
    """The source of the notebook cell in which the traceback ``tb`` starts."""
    filename = tb.tb_frame.f_code.co_filename if tb is not None else ""
    return "".join(linecache.getlines(filename))


def _field_names(obj: Any) -> list[str]:
    """The public fields of a result object (a dataclass or a named tuple), else []."""
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [f.name for f in dataclasses.fields(obj) if not f.name.startswith("_")]
    return [f for f in getattr(obj, "_fields", ()) if not f.startswith("_")]


def name_error_handler(shell: Any, etype: type, value: BaseException, tb: Any,
                       tb_offset: Any = None) -> Any:
    """Show a ``NameError``, ``KeyError`` or ``AttributeError`` from an exercise cell's own lines
    as one line of feedback.

    The cell is an exercise cell when its source calls an exercise checker. A ``NameError`` must
    come from the cell's own code (its innermost frame is the cell), not from inside a function;
    a ``KeyError`` from a text label the cell looks up (``table["Distant"]``); an
    ``AttributeError`` from a field name the cell reads off a result (``option.drug``), answered
    with the result's fields.
    Anything else gets the usual traceback.
    """
    innermost = tb
    while innermost is not None and innermost.tb_next is not None:
        innermost = innermost.tb_next
    cell = tb.tb_next if tb is not None and tb.tb_next is not None else None
    source = _cell_source(cell)
    own_line = (cell is not None and innermost is not None
                and innermost.tb_frame.f_code.co_filename == cell.tb_frame.f_code.co_filename)
    name = getattr(value, "name", None)
    label = value.args[0] if isinstance(value, KeyError) and len(value.args) == 1 else None
    exercise = cell is not None and bool(_CHECKER_CALL.search(source))
    if exercise and isinstance(value, NameError) and own_line and name:
        message = (Unquoted(name).feedback_text().replace(
            "Put the answer in quotes", "If it is an answer or a label, put it in quotes")
            + " The line with it did not run; fix it and run the cell again.")
    elif exercise and isinstance(value, AttributeError) and own_line and name:
        fields = _field_names(getattr(value, "obj", None))
        if not fields:
            return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        kind = type(value.obj).__name__
        message = (f"A {kind} has no field {name!r}. Its fields are: {', '.join(fields)}. "
                   f"Write one of them in place of {name!r}, then run the cell again.")
    elif exercise and isinstance(label, str):
        message = (f"{label!r} is not a label of this table: a row or column label must be "
                   f"written exactly as the table writes it (case, spaces and hyphens count). "
                   f"Show the table, or its .index and .columns, to see its labels; then run "
                   f"the cell again.")
    else:
        return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    from IPython.display import display

    from . import Feedback

    display(Feedback("malformed", message))
    return None


def install(shell: Any) -> None:
    """Add the three hooks to IPython ``shell`` once (see the module docstring)."""
    if not any(isinstance(t, QuoteMissing) for t in shell.ast_transformers):
        shell.ast_transformers.append(QuoteMissing(shell))
    if quote_bare_lines not in shell.input_transformers_post:
        shell.input_transformers_post.append(quote_bare_lines)
    if not shell.custom_exceptions:
        shell.set_custom_exc((NameError, KeyError, AttributeError), name_error_handler)


def install_in_running_kernel() -> None:
    """Install the hooks when running inside IPython (a notebook kernel); otherwise nothing."""
    import sys

    if "IPython" not in sys.modules:
        return
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None and hasattr(shell, "ast_transformers"):
            install(shell)
    except Exception:  # noqa: BLE001 - a missing hook must never stop the lesson
        return
