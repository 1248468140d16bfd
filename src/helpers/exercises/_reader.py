"""The one reader for text answers: a label as people type it, reduced to a comparable key.

Every checker that takes a word, a label, a list of labels or a capstone field compares
``answer_key(answer)`` with ``answer_key(option)``, so that all of them accept the same forms:

- case and surrounding or doubled spaces do not matter: ``" Negative "`` reads as ``"negative"``;
- a leading "Stage" is dropped: ``"Stage IIB"`` and ``"stage iib"`` read as ``"IIB"``;
- "HER2-" or "HER2 " before null/ultralow/low/positive/negative is optional:
  ``"HER2-low"``, ``"HER2 low"`` and ``"low"`` are the same answer;
- "triple-negative", "triple negative" and "TNBC" read as ``"HR-/HER2-"``; spaces around the
  slash and typographic dashes (``"HR− / HER2–"``) do not matter;
- the "c" (clinical) and "p" (pathological) prefixes of a T, N or M category are optional:
  ``"pT1c"`` and ``"cT1c"`` read as ``"T1c"`` (AJCC 8 writes both; the lessons accept both);
- British "localised" reads as "localized".

The key is only for comparing; feedback always names the option in the form the lesson uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from typing import Any

__all__ = ["answer_key", "TEXT_FORMS", "read_items", "MAX_ITEMS"]

#: A list answer is read up to this many items (an endless iterator must not fill the memory);
#: the longest list a lesson asks for has a few dozen labels.
MAX_ITEMS = 1000

#: The forms every text answer accepts, said once for prompts and the instructor guide.
TEXT_FORMS = ('any case and spacing; an optional "Stage " before a stage group; an optional '
              '"HER2-" before null, ultralow, low, positive or negative; "triple-negative" or '
              '"TNBC" for "HR-/HER2-"; an optional "c" or "p" before a T, N or M category')

_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-",
                         "\u2011": "-", "\u00a0": " ", "\u2018": "'", "\u2019": "'"})
_HER2_WORDS = r"(null|ultralow|ultra-low|ultra low|low|positive|negative|equivocal)"
_HER2_PREFIX = re.compile(r"^her\s*2\s*[- ]?\s*" + _HER2_WORDS + r"$")
_TRIPLE = re.compile(r"^(triple[- ]?negative|tnbc|triple[- ]?negative breast cancer)$")
_CATEGORY = re.compile(r"^[cp](?=[tnm](\d|x|is|is\b|$))")
_STAGE = re.compile(r"^stage\s+")


def answer_key(answer: Any) -> str:
    """The comparable key of a text answer (see the module docstring); ``""`` for non-text.

    >>> answer_key(" Stage iib ") == answer_key("IIB")
    True
    >>> answer_key("HER2-low") == answer_key("low")
    True
    >>> answer_key("TNBC") == answer_key("HR-/HER2-")
    True
    """
    if not isinstance(answer, str):
        return ""
    text = answer.translate(_DASHES).strip().strip("\"'").strip().lower()
    text = " ".join(text.split())
    text = re.sub(r"\s*/\s*", "/", text)
    text = _STAGE.sub("", text)
    if _TRIPLE.match(text):
        return "hr-/her2-"
    match = _HER2_PREFIX.match(text)
    if match:
        text = match.group(1)
    if text in ("ultra-low", "ultra low"):
        text = "ultralow"
    text = _CATEGORY.sub("", text)
    if text == "localised":
        text = "localized"
    return text


def read_items(answer: Iterable[Any], limit: int = MAX_ITEMS) -> list[Any] | None:
    """The items of a list answer, read up to ``limit``; ``None`` if it holds more (or never
    ends: a generator such as ``itertools.count()`` is read only ``limit + 1`` items far)."""
    items = list(islice(answer, limit + 1))
    return None if len(items) > limit else items
