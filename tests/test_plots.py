"""The shared figure machinery: PNG rendering, fixed layouts, overlays and widget figure views."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from helpers.plots import AccessibleFigure, Overlay, RenderedFigure, figure_png, new_figure
from helpers.plots.staging import SizeRuler, t_size_ruler
from helpers.widgets import FigureView
from helpers.widgets.staging import staging_explorer


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def test_figure_png_is_a_repeatable_png_of_the_figure_size() -> None:
    def make():
        fig = new_figure(3.0, 2.0)
        fig.add_subplot().plot([0, 1], [1, 0])
        return fig

    first, second = figure_png(make()), figure_png(make())
    assert first.startswith(b"\x89PNG") and first == second  # no timestamp or other metadata
    assert Image.open(io.BytesIO(first)).size == (300, 200)


def test_margins_place_the_axes_where_asked() -> None:
    fig = new_figure(4.0, 5.0, margins=(0.4, 1.0, 1.6, 1.0))
    ax = fig.add_subplot()
    figure_png(fig)
    assert fig.get_layout_engine() is None
    assert np.allclose(ax.get_position().bounds, (0.1, 0.2, 0.5, 0.6))
    with pytest.raises(ValueError, match="no room"):
        new_figure(2.0, 2.0, margins=(1.0, 0.1, 1.0, 0.1))


def test_overlay_redraws_only_the_moving_artist_and_matches_a_full_draw() -> None:
    def make(x: float):
        fig = new_figure(3.0, 2.0)
        ax = fig.add_subplot()
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 1)
        dot, = ax.plot([x], [0.5], "o")
        return fig, dot

    fig, dot = make(2.0)
    overlay = Overlay(fig, [dot])
    before = overlay.png()
    dot.set_data([7.0], [0.5])
    after = overlay.png()
    assert not np.array_equal(pixels(before), pixels(after))
    assert np.array_equal(pixels(after), pixels(figure_png(make(7.0)[0])))
    assert np.array_equal(pixels(before), pixels(figure_png(make(2.0)[0])))


# Sizes at both ends of the ruler, on cut-offs, and past 65 mm (a longer ruler is drawn).
@pytest.mark.parametrize("sizes", [(15, 0.5, 1, 5, 20, 50, 64.9), (80, 12, 120, 66)])
def test_size_ruler_frames_match_t_size_ruler(sizes: tuple[float, ...]) -> None:
    ruler = SizeRuler()
    for size in sizes:
        frame = ruler.frame(size)
        full = t_size_ruler(size)
        assert frame.alt == full.alt
        assert np.array_equal(pixels(frame.png()), pixels(full.png())), size


def test_size_ruler_refuses_what_t_category_refuses() -> None:
    with pytest.raises(ValueError, match="size"):
        SizeRuler().frame(-3)


def test_figure_view_draws_only_when_its_key_changes() -> None:
    view = FigureView("100px")
    drawn: list[str] = []

    def draw(name: str):
        def make() -> RenderedFigure:
            drawn.append(name)
            return RenderedFigure(b"\x89PNG " + name.encode(), f"figure {name}")
        return make

    view.show("a", draw("a"))
    view.show("a", draw("a"))
    assert drawn == ["a"] and view.caption.value.endswith("figure a</div>")
    view.show("b", draw("b"))
    assert drawn == ["a", "b"] and bytes(view.image.value).endswith(b"b")
    view.clear()
    assert view.caption.value == ""
    view.show("b", draw("b"))  # after clear() the same key is drawn again
    assert drawn == ["a", "b", "b"]


def test_staging_explorer_redraws_the_ruler_only_for_a_new_size() -> None:
    e = staging_explorer()
    e.size.value = "23"
    image = e.image.value
    assert np.array_equal(pixels(image), pixels(t_size_ruler(23.0).png()))
    e.n.value = "N1"
    e.er.value = e.pr.value = "negative"
    e.grade.value = 3
    assert e.image.value is image  # same bytes object: not redrawn
    e.size.value = "8"
    assert "8 mm falls in T1b" in e.caption.value
    assert np.array_equal(pixels(e.image.value), pixels(t_size_ruler(8.0).png()))


def test_accessible_figure_png_is_figure_png() -> None:
    fig = new_figure(2.0, 2.0)
    assert AccessibleFigure(fig, "x").png() == figure_png(fig)


def test_unhinted_figures_draw_their_text_without_hinting_and_leave_the_setting_alone() -> None:
    import matplotlib

    def make(hinted: bool):
        fig = new_figure(3.0, 1.0, margins=(0.1, 0.1, 0.1, 0.1), hinted=hinted)
        fig.text(0.05, 0.5, "capivasertib + fulvestrant [HRP-MET-CAPIVASERTIB]", fontsize=7)
        return fig

    before = matplotlib.rcParams["text.hinting"]
    unhinted = figure_png(make(False))
    assert unhinted == figure_png(make(False))  # repeatable
    assert matplotlib.rcParams["text.hinting"] == before  # only while the figure is drawn
    with matplotlib.rc_context({"text.hinting": "no_hinting"}):
        assert np.array_equal(pixels(unhinted), pixels(figure_png(make(True))))
    assert not np.array_equal(pixels(unhinted), pixels(figure_png(make(True))))


def test_overlay_draws_moving_text_with_its_figure_hinting() -> None:
    fig = new_figure(3.0, 1.0, margins=(0.1, 0.1, 0.1, 0.1), hinted=False)
    label = fig.text(0.05, 0.5, "", fontsize=7)
    overlay = Overlay(fig, [label])
    label.set_text("olaparib, talazoparib")
    frame = overlay.png()
    label.set_animated(False)
    assert np.array_equal(pixels(frame), pixels(figure_png(fig)))


def test_flowchart_connects_every_branch_with_one_collection_and_one_arrowhead_line() -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.text import Annotation

    from helpers.plots.treatment import rules_flowchart
    from helpers.treatment import flowchart

    n = len(flowchart("HR+/HER2-", "metastatic"))
    ax = rules_flowchart("HR+/HER2-", "metastatic").figure.axes[0]
    assert not [t for t in ax.texts if isinstance(t, Annotation)]
    (connectors,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(connectors.get_segments()) == 2 + 2 * n  # root, trunk, into and out of each gate
    (heads,) = ax.lines
    assert sorted(heads.get_ydata()) == sorted(list(range(n)) * 2)
    assert sorted(set(heads.get_xdata())) == [2.0, 5.75]
