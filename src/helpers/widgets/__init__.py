"""Widgets: thin views over the pure functions of :mod:`helpers`.

Each lesson has its own module here (``helpers.widgets.survival`` and so on). They follow one
pattern, so that they work in JupyterLab, in the code-free app and under nbval alike:

- the widget's ``update`` method calls pure helper functions and writes the result into widget
  *values* (an ``HTML`` widget's text, an ``Image`` widget's PNG bytes), never into captured
  output; tests and benchmarks call ``update`` directly;
- a ``ValueError`` from a helper is shown to the student in words (:func:`error_html`), the
  widget stays usable, and no traceback appears;
- a figure is redrawn only when the inputs it depends on change (:class:`FigureView`), so that
  changing a control the figure does not show stays instant;
- every control has a visible label and is reachable by keyboard; figures carry a caption that
  says in words what they show;
- a number box is bounded to what is meaningful and its label shows the bounds
  (:func:`bounded_float`, :func:`bounded_int`, :func:`number_text`);
- an explorer derives from :class:`Explorer`, whose guard catches what no one foresaw: the
  student sees one plain sentence, the details go to the server's log, and no traceback ever
  travels to the browser. Messages never echo more than a short piece of what was typed.
"""

from __future__ import annotations

import functools
import html
import logging
import sys
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from .._validate import check_number, shorten, shown
from ..datafiles import DataFileError
from ..palette import OKABE_ITO

if TYPE_CHECKING:
    from ..plots import AccessibleFigure

__all__ = ["error_html", "message_html", "figure_caption_html", "blank_png", "FigureView",
           "Explorer", "UNEXPECTED_MESSAGE", "MAX_MESSAGE", "bounded_float", "bounded_int",
           "number_text", "range_label", "read_number", "problem_html", "plural", "READABLE_CLASS",
           "READABLE_CSS", "readable_box"]

#: At most this many characters of a message reach the page (the echoed input inside a
#: message is cut shorter still, by the validators).
MAX_MESSAGE = 400

#: What a student sees when something fails that is not a problem with their input.
UNEXPECTED_MESSAGE = ("Something went wrong while updating this explorer. Change the input or "
                      "reload the page; if it happens again, tell your instructor.")

def _server_side_log(name: str = __name__) -> logging.Logger:
    """A logger writing to the kernel process's own stderr, which ends in the server's log.

    Inside a kernel, ``sys.stderr`` (and so Python's default log output) is sent to the
    browser; ``sys.__stderr__`` is not. Tracebacks logged here stay on the server.
    """
    logger = logging.getLogger(name)
    if not logger.handlers and sys.__stderr__ is not None:
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


#: What the page is told when a message from it fails inside ipywidgets (the details go to the
#: server's log).
WIDGET_MESSAGE_FAILED = "A control received something it cannot use; it was ignored."


def _guard_widget_messages() -> None:
    """Keep the details of a widget message that fails on the server, not on the page.

    A message the page sends (a new value for a control) that fails in ipywidgets itself (a
    value of the wrong type, say) is caught by ipywidgets, which then has IPython send the full
    traceback, with the server's file paths, to the page. While a widget handles a message from
    the page, IPython's traceback display is replaced by a line in the server's log (with the
    traceback) and a short sentence to the page. Failures in opening a widget from the page (a
    ``comm_open`` with bad data) are logged by the comm machinery, whose log would also go to
    the page: its loggers write to the server's log instead. The handler is bound when a widget
    is created, so this runs when this package is imported, before any explorer exists.
    """
    from ipywidgets import Widget

    for name in ("Comm", "ipykernel.comm"):
        _server_side_log(name)
    original = Widget._handle_msg
    if getattr(original, "_guarded", False):
        return

    @functools.wraps(original)
    def handle_msg(self: Any, msg: dict[str, Any]) -> None:
        shell = _ipython()
        if shell is None:
            try:
                original(self, msg)
            except Exception:  # noqa: BLE001 - details to the server's log only
                _server_side_log().exception("a message for %s failed", type(self).__name__)
            return

        def show_traceback(*_args: Any, **_kwargs: Any) -> None:
            _server_side_log().error("a message for %s failed", type(self).__name__,
                                     exc_info=sys.exc_info())
            print(WIDGET_MESSAGE_FAILED, file=sys.stderr)

        shell.showtraceback = show_traceback  # this instance only, for this message
        try:
            original(self, msg)
        except Exception:  # noqa: BLE001 - details to the server's log only
            _server_side_log().exception("a message for %s failed", type(self).__name__)
        finally:
            del shell.showtraceback

    handle_msg._guarded = True  # type: ignore[attr-defined]
    Widget._handle_msg = handle_msg  # type: ignore[method-assign]


def _ipython() -> Any:
    """The running IPython shell (in a kernel), or None."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets needs IPython
        return None
    return get_ipython()


_guard_widget_messages()


#: The class of every explorer's (and concept check's) outer box: :data:`READABLE_CSS` lets the
#: control texts inside it wrap instead of being cut.
READABLE_CLASS = "her2neg-readable"

#: ipywidgets cuts a label, a checkbox text or a radio-button text that is wider than its box
#: ("ISH HER2/CEP17 rat…"), and gives text boxes and dropdowns a fixed 300 px. Inside a
#: :data:`READABLE_CLASS` box these rules let every such text wrap onto a second line, give a
#: row the width of the page (up to 48em), and move the input under its label when the two do
#: not fit side by side (a phone), so that nothing a student must read is cut.
READABLE_CSS = f"""
.{READABLE_CLASS} {{ max-width: 100%; }}
.{READABLE_CLASS} .widget-inline-hbox, .{READABLE_CLASS} .jupyter-widget-inline-hbox {{
  width: auto; align-self: stretch; max-width: 48em; height: auto;
  min-height: var(--jp-widgets-inline-height, 28px); flex-wrap: wrap; align-items: center; }}
.{READABLE_CLASS} .widget-label, .{READABLE_CLASS} .jupyter-widget-label,
.{READABLE_CLASS} .widget-label-basic, .{READABLE_CLASS} .jupyter-widget-label-basic {{
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.3; max-width: 100%; overflow-wrap: break-word; padding: 3px 0; }}
.{READABLE_CLASS} .widget-inline-hbox .widget-label,
.{READABLE_CLASS} .jupyter-widget-inline-hbox .jupyter-widget-label {{ text-align: left; }}
.{READABLE_CLASS} .widget-label-basic, .{READABLE_CLASS} .jupyter-widget-label-basic {{
  flex: 1 1 auto; min-width: 0; }}
.{READABLE_CLASS} .widget-inline-hbox input[type=text],
.{READABLE_CLASS} .widget-inline-hbox input[type=number],
.{READABLE_CLASS} .widget-inline-hbox select {{
  flex: 1 1 20em; min-width: min(20em, 100%); max-width: 100%; }}
.{READABLE_CLASS} .widget-radio-box, .{READABLE_CLASS} .jupyter-widget-radio-box {{
  width: auto; align-self: stretch; max-width: 48em; }}
.{READABLE_CLASS} .widget-radio-box label, .{READABLE_CLASS} .jupyter-widget-radio-box label {{
  height: auto; line-height: 1.35; white-space: normal; padding: 2px 0; display: flex;
  align-items: flex-start; gap: 4px; }}
.{READABLE_CLASS} .widget-radio-box input, .{READABLE_CLASS} .jupyter-widget-radio-box input {{
  flex: 0 0 auto; margin-top: 3px; }}
.{READABLE_CLASS} .widget-hslider .slider-container {{ min-width: 8em; }}
"""


def readable_box(children: list[Any], heading: str = "") -> Any:
    """A ``VBox`` of ``children`` in which no control text is cut (:data:`READABLE_CSS`).

    ``heading`` (HTML) is shown first; the style sheet travels with it, so the box reads the
    same in JupyterLab, in the app and in a saved page.
    """
    import ipywidgets as w

    top = w.HTML(f"<style>{READABLE_CSS}</style>{heading}")
    box = w.VBox([top, *children])
    box.add_class(READABLE_CLASS)
    return box


def error_html(error: Exception | str) -> str:
    """HTML for an input problem: a labelled message the student can act on.

    A broken data file (:class:`~helpers.datafiles.DataFileError`) is labelled as such, not as
    the student's input. The message is cut to :data:`MAX_MESSAGE` characters.
    """
    text = html.escape(shorten(str(error), MAX_MESSAGE))
    label = ("A data file of the collection has a problem (tell your instructor):"
             if isinstance(error, DataFileError) else "Please check your input:")
    return (
        f'<div role="alert" style="border-left:6px solid {OKABE_ITO["vermillion"]};padding:4px 10px">'
        f"<strong>{label}</strong> {text}</div>"
    )


def problem_html(text: str = UNEXPECTED_MESSAGE) -> str:
    """HTML for a failure that is not the student's: one plain sentence, no details."""
    return (
        f'<div role="alert" style="border-left:6px solid {OKABE_ITO["vermillion"]};padding:4px 10px">'
        f"{html.escape(text)}</div>"
    )


class Explorer:
    """Base of the explorers: ``update`` never lets an exception reach the browser.

    A subclass writes ``update`` as usual (catching the ``ValueError`` of bad input and showing
    it with :func:`error_html`). The base wraps it: a ``ValueError`` that escapes is shown the
    same way; any other exception is logged with its traceback on the server side and the
    student sees :data:`UNEXPECTED_MESSAGE` in the widget named by ``message_widget``.
    """

    #: Name of the ``HTML`` widget attribute where a problem is shown.
    message_widget = "result"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        update = cls.__dict__.get("update")
        if update is not None and not getattr(update, "_guarded", False):
            cls.update = _guarded(update)  # type: ignore[method-assign]

    def show_problem(self, html_text: str) -> None:
        """Show ``html_text`` in the message widget (if the widget exists yet)."""
        target = getattr(self, self.message_widget, None)
        if target is not None and hasattr(target, "value"):
            target.value = html_text


def _guarded(update: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(update)
    def guarded(self: Explorer, *args: Any, **kwargs: Any) -> Any:
        try:
            return update(self, *args, **kwargs)
        except ValueError as error:
            self.show_problem(error_html(error))
        except Exception:  # noqa: BLE001 - never a traceback in the browser
            _server_side_log().exception("%s.update failed", type(self).__name__)
            self.show_problem(problem_html())
        return None

    guarded._guarded = True  # type: ignore[attr-defined]
    return guarded


def range_label(low: float, high: float, unit: str = "") -> str:
    """The bounds as a label shows them: ``"0-100 %"``, ``"1-10"``."""
    return f"{low:g}-{high:g}{(' ' + unit) if unit else ''}"


def bounded_float(description: str, *, low: float, high: float, value: float, step: float = 0.1,
                  unit: str = "", **kwargs: Any) -> Any:
    """A number box that keeps its value within ``[low, high]``; its label shows the bounds."""
    import ipywidgets as w

    return w.BoundedFloatText(value=value, min=low, max=high, step=step,
                              description=f"{description} ({range_label(low, high, unit)})",
                              **kwargs)


def bounded_int(description: str, *, low: int, high: int, value: int, unit: str = "",
                **kwargs: Any) -> Any:
    """A whole-number box that keeps its value within ``[low, high]``; its label shows them."""
    import ipywidgets as w

    return w.BoundedIntText(value=value, min=low, max=high,
                            description=f"{description} ({range_label(low, high, unit)})",
                            **kwargs)


def number_text(description: str, *, low: float, high: float, unit: str = "", value: str = "",
                placeholder: str = "", **kwargs: Any) -> Any:
    """A text box for a number that may be left empty; its label and placeholder show the bounds.

    The helper that reads the number checks the same bounds and says so when they are broken.
    """
    import ipywidgets as w

    hint = range_label(low, high, unit) + (f"; {placeholder}" if placeholder else "")
    return w.Text(value=value, placeholder=hint,
                  description=f"{description} ({range_label(low, high, unit)})", **kwargs)


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` and ``noun`` as a person writes them: "1 option", "0 options", "3 rules"."""
    return f"{count} {noun if count == 1 else (plural_noun or noun + 's')}"


def message_html(text: str) -> str:
    """HTML for an ordinary result sentence (escaped)."""
    return f'<div style="padding:4px 0">{html.escape(text)}</div>'


def figure_caption_html(alt: str) -> str:
    """A visible caption for a widget's figure, repeating its alt text in words."""
    return f'<div style="font-size:90%"><em>Figure:</em> {html.escape(alt)}</div>'


def blank_png() -> bytes:
    """A 1×1 transparent PNG, shown while there is nothing to draw."""
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    )


class FigureView:
    """A widget's figure: an ``Image`` and a caption that repeats the figure's alt text.

    :meth:`show` takes a key naming everything the figure depends on and a function that draws
    it; the figure is drawn only when the key differs from the one last shown, so a control that
    does not change the picture (the N category next to a size ruler, say) does not redraw it.
    """

    def __init__(self, width: str, max_width: str | None = None) -> None:
        import ipywidgets as w

        layout = w.Layout(width=width) if max_width is None else w.Layout(width=width,
                                                                         max_width=max_width)
        self.image = w.Image(format="png", layout=layout)
        self.caption = w.HTML()
        self._key: Hashable | None = None

    def show(self, key: Hashable, draw: Callable[[], "AccessibleFigure"]) -> None:
        """Show ``draw()``'s figure unless the figure for ``key`` is already showing."""
        if key is not None and key == self._key:
            return
        picture = draw()
        self.image.value = picture.png()
        self.caption.value = figure_caption_html(picture.alt)
        self._key = key

    def clear(self) -> None:
        """Show nothing (a blank image and no caption)."""
        self.image.value = blank_png()
        self.caption.value = ""
        self._key = None


def read_number(field: str, text: str, *, low: float, high: float,
                unit: str = "") -> float | None:
    """The number typed into a text box: ``None`` when empty, else a number within the bounds.

    Raises ``ValueError`` naming ``field``, the bounds and (cut short) what was typed.
    """
    text = str(text).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{field} must be a number from {low:g} to {high:g}{unit} (or left "
                         f"empty); got {shown(text)}") from None
    return check_number(field, number, low=low, high=high, unit=unit)
