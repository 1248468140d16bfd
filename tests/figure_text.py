"""Where a figure's text sits once drawn: what overlaps what, what is too small.

:func:`text_problems` draws a figure as the collection renders it and reports, in words, every
piece of text that a reader would find hard to read:

- text smaller than :data:`helpers.plots.MIN_FONT_PT`;
- two pieces of text (with their boxes) overlapping;
- letters crossed by another artist's outline: a line or an arrow, a box's edge, a bar's edge,
  a spine, a marker (the inside of a filled shape is fine: a label may sit on a bar or in a
  box, and an arrow may end at the edge of a label's box);
- text touching the edge of its own box (less than :data:`BOX_MARGIN_PX` of padding);
- text running past the figure's edge.
"""

from __future__ import annotations

from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from helpers.plots import MIN_FONT_PT, _draw

#: Smallest gap, in pixels, between text and the edge of the box drawn around it.
BOX_MARGIN_PX = 2.0
#: Extents are shrunk by this much before testing, so that touching by anti-aliasing is not
#: counted as overlapping.
TOLERANCE_PX = 0.5


def _drawn_texts(fig: Figure) -> list[Text]:
    texts: list[Text] = list(fig.texts)
    if fig._suptitle is not None:  # noqa: SLF001 - the suptitle is not in fig.texts
        texts.append(fig._suptitle)  # noqa: SLF001
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += list(ax.texts) + [ax.title, ax._left_title, ax._right_title]  # noqa: SLF001
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    texts.append(axis.label)
                    low, high = sorted(axis.get_view_interval())
                    for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                        if tick.get_visible() and tick.get_loc() is not None \
                                and low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                            texts += [t for t in (tick.label1, tick.label2) if t.get_visible()]
    unique = {id(t): t for t in texts}  # the suptitle may be in fig.texts too
    return [t for t in unique.values() if t.get_visible() and t.get_text().strip()]


def _obstacles(fig: Figure) -> list[tuple[str, object]]:
    """Artists whose outline text must not cross: (description, artist)."""
    found: list[tuple[str, object]] = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        found += [(f"a shape ({type(p).__name__})", p) for p in ax.patches]
        found += [("a line", line) for line in ax.lines]
        found += [(f"a group of shapes ({type(c).__name__})", c) for c in ax.collections]
        found += [("an arrow", t.arrow_patch) for t in ax.texts
                  if isinstance(t, Annotation) and t.arrow_patch is not None]
        if ax.axison:
            found += [("an axis line", s) for s in ax.spines.values() if s.get_visible()]
    return [(what, a) for what, a in found if a.get_visible()]


def _paths(artist, renderer):
    """The artist's outlines in pixels, and its marker points with their radius in pixels."""
    paths, points = [], []
    if isinstance(artist, Line2D):
        if artist.get_linestyle() not in ("None", "none", " ", "") and artist.get_linewidth() > 0:
            paths.append(artist.get_transform().transform_path(artist.get_path()))
        if artist.get_marker() not in (None, "None", "none", " ", ""):
            xy = artist.get_transform().transform(artist.get_xydata())
            radius = artist.get_markersize() * fig_dpi(artist) / 72 / 2
            points += [(x, y, radius) for x, y in xy]
    elif isinstance(artist, Patch):
        if artist.get_linewidth() > 0 and artist.get_edgecolor()[3] > 0:
            paths.append(artist.get_transform().transform_path(artist.get_path()))
    elif isinstance(artist, Collection):
        widths, edges = artist.get_linewidths(), artist.get_edgecolors()
        if not len(widths) or max(widths) <= 0 or not len(edges) or max(edges[:, 3]) <= 0:
            return paths, points  # a shaded area with no outline: text may sit on it
        transform = artist.get_transform()
        offsets = artist.get_offsets()
        for i, path in enumerate(artist.get_paths()):
            if len(offsets) > 1 or (len(offsets) == 1 and artist.get_offset_transform()
                                    is not transform and offsets.any()):
                continue  # offset markers (scatter): not drawn by the collection's figures
            paths.append(transform.transform_path(path))
    return paths, points


def fig_dpi(artist) -> float:
    return artist.figure.dpi


def _shrink(box: Bbox, by: float) -> Bbox:
    return Bbox.from_extents(box.x0 + by, box.y0 + by, box.x1 - by, box.y1 - by)


def _name(text: Text) -> str:
    words = " ".join(text.get_text().split())
    return repr(words if len(words) <= 50 else words[:49] + "…")


def text_problems(fig: Figure) -> list[str]:
    """Everything that makes the figure's text hard to read, in words (empty: none)."""
    canvas = _draw(fig)
    renderer = canvas.get_renderer()
    problems: list[str] = []
    texts = _drawn_texts(fig)
    extents: dict[int, Bbox] = {}
    outer: dict[int, Bbox] = {}
    for text in texts:
        extent = text.get_window_extent(renderer)
        extents[id(text)] = extent
        patch = text.get_bbox_patch()
        outer[id(text)] = patch.get_window_extent(renderer) if patch is not None else extent
        if text.get_fontsize() < MIN_FONT_PT - 1e-9:
            problems.append(f"{_name(text)} is {text.get_fontsize():g} pt, below the "
                            f"collection's minimum of {MIN_FONT_PT:g} pt")
        if patch is not None and patch.get_visible() and patch.get_linewidth() > 0 \
                and patch.get_edgecolor()[3] > 0:
            box = outer[id(text)]
            gap = min(extent.x0 - box.x0, box.x1 - extent.x1, extent.y0 - box.y0,
                      box.y1 - extent.y1)
            if gap < BOX_MARGIN_PX:
                problems.append(f"{_name(text)} touches the edge of its box ({gap:.1f} px "
                                f"from it; at least {BOX_MARGIN_PX:g} px needed)")
        whole = fig.bbox
        if (outer[id(text)].x0 < whole.x0 - TOLERANCE_PX or outer[id(text)].x1 > whole.x1
                + TOLERANCE_PX or outer[id(text)].y0 < whole.y0 - TOLERANCE_PX
                or outer[id(text)].y1 > whole.y1 + TOLERANCE_PX):
            problems.append(f"{_name(text)} runs past the edge of the figure")
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            if _shrink(outer[id(first)], TOLERANCE_PX).overlaps(
                    _shrink(outer[id(second)], TOLERANCE_PX)):
                problems.append(f"{_name(first)} overlaps {_name(second)}")
    for what, artist in _obstacles(fig):
        paths, points = _paths(artist, renderer)
        for text in texts:
            if artist is text.get_bbox_patch():
                continue
            box = _shrink(extents[id(text)], TOLERANCE_PX)  # the letters, not their box
            crossed = any(path.intersects_bbox(box, filled=False) for path in paths)
            covered = any(box.x0 - r < x < box.x1 + r and box.y0 - r < y < box.y1 + r
                          for x, y, r in points)
            if crossed or covered:
                problems.append(f"{_name(text)} is crossed by {what}")
    return problems
