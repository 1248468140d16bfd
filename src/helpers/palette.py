"""The collection's one colour palette: Okabe & Ito's colour-blind-safe set.

Source: Okabe M, Ito K. *Color Universal Design (CUD): how to make figures and presentations that
are friendly to colorblind people* (2008), https://jfly.uni-koeln.de/color/. Every figure takes its
colours from here, and pairs each colour with a second cue (a hatch, a marker, a label) so that
nothing is conveyed by colour alone.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["OKABE_ITO", "SUBTYPE_COLOURS", "SUBTYPE_HATCHES", "STAGE_COLOURS", "STAGE_HATCHES",
           "ALIVE", "DIED", "NEUTRAL"]

OKABE_ITO = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky blue": "#56B4E9",
        "bluish green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish purple": "#CC79A7",
    }
)

#: One colour and one hatch per subtype, used by every chart that shows subtypes.
SUBTYPE_COLOURS = MappingProxyType(
    {
        "HR+/HER2-": OKABE_ITO["blue"],
        "HR-/HER2-": OKABE_ITO["vermillion"],
        "HR+/HER2+": OKABE_ITO["bluish green"],
        "HR-/HER2+": OKABE_ITO["reddish purple"],
        "unknown": "#999999",
    }
)
SUBTYPE_HATCHES = MappingProxyType(
    {"HR+/HER2-": "", "HR-/HER2-": "//", "HR+/HER2+": "..", "HR-/HER2+": "xx", "unknown": "--"}
)

#: Colours and hatches for the SEER summary stages.
STAGE_COLOURS = MappingProxyType(
    {
        "in situ": OKABE_ITO["sky blue"],
        "localized": OKABE_ITO["bluish green"],
        "regional": OKABE_ITO["orange"],
        "distant": OKABE_ITO["vermillion"],
    }
)
STAGE_HATCHES = MappingProxyType({"in situ": "", "localized": "", "regional": "//", "distant": "xx"})

ALIVE = OKABE_ITO["blue"]
DIED = "#BBBBBB"
NEUTRAL = "#555555"
