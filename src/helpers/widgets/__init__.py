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
  says in words what they show.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from ..palette import OKABE_ITO

if TYPE_CHECKING:
    from ..plots import AccessibleFigure

__all__ = ["error_html", "message_html", "figure_caption_html", "blank_png", "FigureView"]


def error_html(error: Exception | str) -> str:
    """HTML for an input problem: a labelled message the student can act on."""
    text = html.escape(str(error))
    return (
        f'<div role="alert" style="border-left:6px solid {OKABE_ITO["vermillion"]};padding:4px 10px">'
        f"<strong>Please check your input:</strong> {text}</div>"
    )


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

    def __init__(self, width: str) -> None:
        import ipywidgets as w

        self.image = w.Image(format="png", layout=w.Layout(width=width))
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
