"""The report reader: paste a breast pathology report, see each finding explained.

A thin view over :func:`helpers.report.read_report` and
:meth:`helpers.report.PathologyReport.explain`: a paste box, a button, a findings table with
the collection's rules and links to the lessons, and a privacy note. The pasted text stays in
the Python process that runs the notebook; nothing here sends it anywhere.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..palette import OKABE_ITO
from ..report import EXAMPLE_REPORT, MAX_CHARS, read_report
from . import READABLE_CLASS, Explorer, error_html, readable_box

__all__ = ["APP_LINK_BASE", "PRIVACY_NOTE", "ReportReader", "report_reader"]

#: Where the app's lesson links point. The app (Voila) does not serve the lessons' notebooks
#: (it answers "../notebooks/..." with 403), so it links to the repository's copy of each.
APP_LINK_BASE = "https://github.com/her2neg-teaching/her2neg-teaching/blob/HEAD/notebooks/"

#: Shown above the paste box, in the lesson and in the app.
PRIVACY_NOTE = (
    "<strong>Before you paste:</strong> remove your name, date of birth, address, and any "
    "hospital, NHS, medical record or accession numbers. The reader skips lines that look like "
    "these, but do not rely on it. <strong>Where the text goes:</strong> it is read by the "
    "Python program that runs this page. On your own computer, nothing leaves your machine. On "
    "Binder (mybinder.org), a free public service that runs the collection for you on a "
    "temporary computer in the cloud, the text is sent to that computer over the internet and "
    "is deleted with it when the session ends; there, paste only a made-up or fully "
    "anonymised report. Nothing is saved, and the reader does not say what to do or what will "
    "happen: ask your care team about your own results."
)


#: Button words wrap instead of being cut with "…" on a narrow screen.
_BUTTON_CSS = (f".{READABLE_CLASS} .widget-button, .{READABLE_CLASS} .jupyter-button {{ "
               "white-space: normal; overflow: visible; text-overflow: clip; height: auto; "
               "min-height: 28px; line-height: 1.3; } "
               ".her2neg-report-text { width: auto; align-self: stretch; max-width: 100%; } "
               ".her2neg-report-text textarea { flex: 1 1 auto; width: 100%; min-width: 0; "
               "box-sizing: border-box; }")


class ReportReader(Explorer):
    """Paste box, "Read" and "Example" buttons, and the findings table.

    ``link_base`` goes before each lesson link ("" in ``notebooks/``, :data:`APP_LINK_BASE` in
    the app). Bad input (too long) shows a message in words; the widget stays usable.
    """

    message_widget = "result"

    def __init__(self, text: str = "", link_base: str = "") -> None:
        self.link_base = link_base
        self.note = w.HTML(f'<div role="note" style="border-left:6px solid '
                           f'{OKABE_ITO["blue"]};padding:4px 10px">{PRIVACY_NOTE}</div>')
        # The label sits above the box (not beside it), so the box has the full width on a phone.
        self.label = w.HTML("<strong>Report text</strong> (paste it below)")
        self.text = w.Textarea(
            value=text,
            placeholder="Paste the text of a breast pathology report here (identifiers removed)",
            layout=w.Layout(height="14em"), continuous_update=False)
        self.text.add_class("her2neg-report-text")
        # Buttons as wide as their words (ipywidgets' fixed width cuts "Show the made-up ...").
        fit = {"width": "auto", "max_width": "100%", "height": "auto"}
        self.read_button = w.Button(description="Read the report", button_style="primary",
                                    tooltip="Read the pasted text and explain each finding",
                                    layout=w.Layout(**fit))
        self.example_button = w.Button(description="Show the made-up example",
                                       tooltip="Put a made-up example report in the box",
                                       layout=w.Layout(**fit))
        self.clear_button = w.Button(description="Clear", tooltip="Empty the box",
                                     layout=w.Layout(**fit))
        self.summary = w.HTML()
        self.result = w.HTML()
        self.read_button.on_click(lambda _b: self.update())
        self.example_button.on_click(lambda _b: self._set(EXAMPLE_REPORT))
        self.clear_button.on_click(lambda _b: self._set(""))
        self.text.observe(lambda _change: self.update(), names="value")
        self.widget = readable_box(
            [self.note, self.label, self.text,
             w.HBox([self.read_button, self.example_button, self.clear_button],
                    layout=w.Layout(flex_flow="row wrap", width="100%")),
             self.summary, self.result],
            heading=f"<style>{_BUTTON_CSS}</style>"
                    "<strong>Read a breast pathology report</strong> (for education only)")
        self.update()

    def _set(self, text: str) -> None:
        if self.text.value == text:
            self.update()
        else:
            self.text.value = text  # the observer reads it

    def update(self, text: Any = None) -> None:
        """Read ``text`` (default: the box's text) and show the explained findings."""
        value = self.text.value if text is None else text
        if not isinstance(value, str) or not value.strip():
            self.summary.value = ("<p>Paste a report above, or press <em>Show the made-up "
                                  "example</em>.</p>")
            self.result.value = ""
            return
        try:
            report = read_report(value)
        except (ValueError, TypeError) as error:
            self.summary.value = ""
            self.result.value = error_html(error)
            return
        explained = report.explain()
        read, missed = len(explained), len(explained.not_read)
        if read == 0 and missed == 0:
            self.summary.value = (f"<p>No findings were read from this text ({len(value):,} "
                                  f"characters, at most {MAX_CHARS:,}). Is it a breast "
                                  f"pathology report?</p>")
        else:
            self.summary.value = (f"<p>{read} finding{'s' if read != 1 else ''} read"
                                  + (f"; {missed} mentioned but not read (listed at the end, "
                                     f"with the reason)" if missed else "")
                                  + ". The reader never guesses, and it reads only the "
                                  "findings it knows: check anything else in the report "
                                  "with the report itself or your care team.</p>")
        self.result.value = explained.to_html(self.link_base)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def report_reader(text: str = "", link_base: str = "") -> ReportReader:
    """Return a new report reader (display it as a cell's last line)."""
    return ReportReader(text, link_base)
