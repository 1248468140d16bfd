"""Text in the lesson figures meets the WCAG 2.1 AA contrast minimum.

Every figure a lesson shows (and every widget's figure in its default state) is drawn, and each
piece of text it draws (titles, tick labels, axis labels, annotations, legend entries, labels in
bars and cells, footnotes) is checked against the colour behind it: at least 4.5:1, or 3:1 for
large text (18 pt and over, or 14 pt and over in bold). Source: WCAG 2.1, success criterion
1.4.3 "Contrast (Minimum)" and its definitions of "contrast ratio", "relative luminance" and
"large scale (text)", https://www.w3.org/TR/WCAG21/#contrast-minimum.

The colour behind a text is read from the figure itself: the figure is drawn a second time with
no text at all (same layout), and the colours that cover a quarter or more of the text's box in
that picture are the backgrounds it is checked against (all of them, so a label that straddles a
bar's end is checked against both the bar and the white beyond it; hatch lines and anti-aliased
edges cover too little to count). A text with a box of its own (``bbox=``) is checked against the
box's fill laid over that background.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.plots import AccessibleFigure, _draw, new_figure
from helpers.palette import OKABE_ITO

#: WCAG 2.1 AA minimum contrast ratios (success criterion 1.4.3).
NORMAL_MINIMUM = 4.5
LARGE_MINIMUM = 3.0
#: Share of a text's box a colour must cover to count as a background behind it.
BACKGROUND_SHARE = 0.25


# ---------------------------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------------------------

def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour with channels from 0 to 1."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter colour: 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(colour: tuple[float, float, float, float],
         below: tuple[float, float, float]) -> tuple[float, float, float]:
    """``colour`` (RGBA, with its alpha) laid over the opaque colour ``below``."""
    alpha = colour[3]
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], below))  # type: ignore


def is_large(text: Text) -> bool:
    """WCAG's large-scale text: at least 18 pt, or at least 14 pt and bold."""
    size = text.get_fontsize()
    weight = text.get_fontweight()
    bold = weight in ("bold", "heavy", "black", "extra bold", "ultrabold", "demibold",
                      "demi", "semibold") or (isinstance(weight, int | float) and weight >= 600)
    return size >= 18 or (size >= 14 and bold)


@dataclass(frozen=True)
class TextContrast:
    """One drawn text, the colours it was checked against and the lowest ratio found."""

    text: str
    colour: str
    background: str
    ratio: float
    minimum: float

    @property
    def passes(self) -> bool:
        return self.ratio >= self.minimum

    def __str__(self) -> str:
        return (f"{self.text!r}: {self.colour} on {self.background}, {self.ratio:.2f}:1 "
                f"(needs {self.minimum:g}:1)")


@contextlib.contextmanager
def _texts_recorded(drawn: list[Text]) -> Iterator[None]:
    """While active, every Text that actually draws something is appended to ``drawn``."""
    original = Text.draw

    def draw(self: Text, renderer) -> None:  # type: ignore[no-untyped-def]
        if self.get_visible() and self.get_text().strip() and self not in drawn:
            drawn.append(self)
        original(self, renderer)

    Text.draw = draw  # type: ignore[method-assign]
    try:
        yield
    finally:
        Text.draw = original  # type: ignore[method-assign]


@contextlib.contextmanager
def _no_text() -> Iterator[None]:
    """While active, no Text draws (nor its box); the layout still measures every text."""
    original = Text.draw
    Text.draw = lambda self, renderer: None  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        Text.draw = original  # type: ignore[method-assign]


def _backgrounds(pixels: np.ndarray) -> list[tuple[float, float, float]]:
    """The colours covering at least :data:`BACKGROUND_SHARE` of ``pixels`` (N x 3, 0-255);
    the median colour when none does (a busy pattern)."""
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    main = colours[counts >= BACKGROUND_SHARE * len(pixels)]
    if not len(main):
        main = np.median(pixels, axis=0)[None, :]
    return [tuple(float(c) / 255 for c in colour) for colour in main]  # type: ignore


def text_contrasts(fig: Figure) -> list[TextContrast]:
    """Draw ``fig`` as the collection renders it and measure the contrast of every drawn text."""
    drawn: list[Text] = []
    with _texts_recorded(drawn):
        canvas = _draw(fig)
    renderer = canvas.get_renderer()
    extents = [text.get_window_extent(renderer) for text in drawn]
    with _no_text():
        plain = np.asarray(_draw(fig).buffer_rgba())[..., :3].astype(int)
    height, width = plain.shape[:2]
    results = []
    for text, box in zip(drawn, extents):
        x0, x1 = max(int(np.floor(box.x0)), 0), min(int(np.ceil(box.x1)), width)
        y0, y1 = max(height - int(np.ceil(box.y1)), 0), min(height - int(np.floor(box.y0)), height)
        if x1 <= x0 or y1 <= y0:
            continue  # entirely outside the picture: nothing is drawn
        behind = _backgrounds(plain[y0:y1, x0:x1].reshape(-1, 3))
        patch = text.get_bbox_patch()
        if patch is not None and patch.get_visible() and patch.get_fill():
            behind = [over(tuple(patch.get_facecolor()), colour) for colour in behind]
        colour = to_rgba(text.get_color(), text.get_alpha())
        minimum = LARGE_MINIMUM if is_large(text) else NORMAL_MINIMUM
        ratio, background = min((contrast_ratio(over(colour, b), b), b) for b in behind)
        results.append(TextContrast(text.get_text(), to_hex(colour[:3]), to_hex(background),
                                    ratio, minimum))
    return results


def low_contrast(fig: Figure) -> list[TextContrast]:
    return [result for result in text_contrasts(fig) if not result.passes]


# ---------------------------------------------------------------------------------------------
# The figures the lessons and widgets show
# ---------------------------------------------------------------------------------------------

def _lesson_figures() -> dict[str, Callable[[], AccessibleFigure]]:
    """Each figure a lesson shows, called as the lesson calls it (see lessons/*.py)."""
    from helpers import survival, treatment
    from helpers.datafiles import read_table
    from helpers.plots import biology, classification, prognostic, staging
    from helpers.plots import survival as survival_plots
    from helpers.plots import treatment as treatment_plots

    def icons() -> AccessibleFigure:
        return survival_plots.icon_arrays_side_by_side(
            (survival.survival_pct("HR-/HER2-", "localized"), "Localized: only in the breast"),
            (survival.survival_pct("HR-/HER2-", "distant"), "Distant: spread to distant organs"),
            title="Triple-negative breast cancer: 5-year relative survival",
            source="Source: SEER figures, rounded, as quoted by the Cleveland Clinic (2025): "
                   "the seed table")

    def km_all() -> AccessibleFigure:
        from helpers.kaplan_meier import kaplan_meier, load_gbsg2

        return survival_plots.km_plot([kaplan_meier(load_gbsg2(), "all patients")])

    def km_tamoxifen() -> AccessibleFigure:
        from helpers.kaplan_meier import compare_hormone_therapy, load_gbsg2

        with_tamoxifen, without, log_rank = compare_hormone_therapy(load_gbsg2())
        return survival_plots.km_plot(
            [with_tamoxifen, without], log_rank=log_rank,
            title="Recurrence-free survival with and without tamoxifen, GBSG2")

    return {
        "01 receptor_membrane": biology.receptor_membrane,
        "01 gene_copies_nucleus": lambda: biology.gene_copies_nucleus(12),
        "01 subtype_share_chart": lambda: biology.subtype_share_chart(
            read_table("subtype_incidence")),
        "02 staining_panels": classification.staining_panels,
        "02 her2_flowchart": classification.her2_flowchart,
        "03 t_size_ruler": lambda: staging.t_size_ruler(12),
        "03 prognostic_grid": lambda: prognostic.prognostic_grid("T2", "N0", "M0"),
        "04 survival_bars seed": lambda: survival_plots.survival_bars(
            survival.load_survival_table(),
            title="5-year relative survival, HER2-negative subtypes (seed table)"),
        "04 icon_arrays_side_by_side": icons,
        "04 survival_bars 2013-2019": lambda: survival_plots.survival_bars(
            survival.load_survival_table("2013-2019")),
        "04 km_plot all": km_all,
        "04 km_plot tamoxifen": km_tamoxifen,
        "05 rules_flowchart HR+": lambda: treatment_plots.rules_flowchart(
            "HR+/HER2-", "metastatic"),
        "05 rules_flowchart HR-": lambda: treatment_plots.rules_flowchart(
            "HR-/HER2-", "metastatic"),
        "05 trial_bars": lambda: treatment_plots.trial_bars(treatment.trial_results()),
    }


def _widget_figures() -> dict[str, Callable[[], AccessibleFigure]]:
    """The figure each widget shows when it first appears (its default state).

    Each widget is built with its figure view recording what it would draw instead of drawing
    it; the staging explorer's ruler is drawn as :func:`~helpers.plots.staging.t_size_ruler`,
    the picture its quick redraws reproduce."""
    from helpers.plots.staging import t_size_ruler
    from helpers.widgets import FigureView
    from helpers.widgets.biology import copy_number_explorer
    from helpers.widgets.classification import ish_simulator
    from helpers.widgets.staging import staging_explorer
    from helpers.widgets.survival import survival_explorer

    shown: list[tuple[object, Callable[[], AccessibleFigure]]] = []
    original = FigureView.show
    FigureView.show = lambda self, key, draw: shown.append((key, draw))  # type: ignore
    try:
        for make in (copy_number_explorer, ish_simulator, survival_explorer, staging_explorer):
            make()
    finally:
        FigureView.show = original  # type: ignore[method-assign]
    (_, cell), (_, field), (_, icons), (ruler_key, _) = shown
    assert ruler_key[0] == "ruler"  # type: ignore[index]
    return {"01 copy_number_explorer": cell, "02 ish_simulator": field,
            "04 survival_explorer": icons,
            "03 staging_explorer": lambda: t_size_ruler(ruler_key[1])}  # type: ignore[index]


LESSON_FIGURES = _lesson_figures()


@pytest.mark.parametrize("name", list(LESSON_FIGURES))
def test_text_in_every_lesson_figure_has_enough_contrast(name: str) -> None:
    figure = LESSON_FIGURES[name]().figure
    results = text_contrasts(figure)
    assert len(results) >= 3, f"{name}: the checker found only {len(results)} texts"
    failing = [str(r) for r in results if not r.passes]
    assert not failing, f"{name}: text below the WCAG AA contrast minimum:\n" + "\n".join(failing)


def test_text_in_every_widget_figure_has_enough_contrast() -> None:
    failing = []
    figures = _widget_figures()
    assert len(figures) == 4
    for name, draw in figures.items():
        results = text_contrasts(draw().figure)
        assert results, f"{name}: the checker found only {len(results)} texts"
        failing += [f"{name}: {r}" for r in results if not r.passes]
    assert not failing, "text below the WCAG AA contrast minimum:\n" + "\n".join(failing)


# ---------------------------------------------------------------------------------------------
# The checker can fail
# ---------------------------------------------------------------------------------------------

def test_contrast_ratio_matches_known_values() -> None:
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    # #767676 is the lightest grey with 4.5:1 on white; #777777 just misses it.
    assert contrast_ratio(to_rgba("#767676")[:3], white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(to_rgba("#777777")[:3], white) < 4.5


def test_the_checker_catches_yellow_text_on_white() -> None:
    fig = new_figure(3.0, 2.0, margins=(0.2, 0.2, 0.2, 0.2))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, "yellow words", color=OKABE_ITO["yellow"], fontsize=10)
    ax.text(0.1, 0.1, "black words", color=OKABE_ITO["black"], fontsize=10)
    failing = low_contrast(fig)
    assert [(r.text, r.colour, r.background) for r in failing] == [
        ("yellow words", "#f0e442", "#ffffff")]
    assert failing[0].ratio == pytest.approx(1.32, abs=0.01)
    with pytest.raises(AssertionError, match="yellow words"):
        assert not failing, "\n".join(str(r) for r in failing)


def test_the_checker_reads_the_bar_behind_a_label() -> None:
    fig = new_figure(3.0, 2.0, margins=(0.2, 0.2, 0.2, 0.2))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 2)
    ax.barh([1], [10], height=1.8, color=OKABE_ITO["yellow"])
    ax.text(2, 1, "white on yellow", color="white", fontsize=10, va="center")
    ax.text(6, 1, "black on yellow", color=OKABE_ITO["black"], fontsize=10, va="center")
    results = {r.text: r for r in text_contrasts(fig)}
    assert results["white on yellow"].background == "#f0e442"
    assert not results["white on yellow"].passes
    assert results["black on yellow"].passes


def test_the_checker_uses_a_text_box_and_the_large_text_minimum() -> None:
    fig = new_figure(4.0, 2.0, margins=(0.2, 0.2, 0.2, 0.2))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 2)
    ax.barh([1], [10], height=1.8, color=OKABE_ITO["black"])
    # Black text on the black bar, but in a white box: the box is what is behind it.
    ax.text(1, 1.4, "boxed", color=OKABE_ITO["black"], fontsize=10,
            bbox={"facecolor": "white", "edgecolor": "none"})
    # Mid-grey on black, about 4.1:1: enough for large bold text, not for small text.
    grey = (0.43, 0.43, 0.43)
    ax.text(1, 0.4, "small grey", color=grey, fontsize=10)
    ax.text(5, 0.4, "large grey", color=grey, fontsize=14, fontweight="bold")
    results = {r.text: r for r in text_contrasts(fig)}
    assert results["boxed"].background == "#ffffff" and results["boxed"].passes
    assert results["small grey"].background == "#000000"
    assert 3.0 < results["small grey"].ratio < 4.5
    assert not results["small grey"].passes
    assert results["large grey"].minimum == LARGE_MINIMUM and results["large grey"].passes
