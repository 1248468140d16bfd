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
- British "localised" reads as "localized";
- a hyphen between two words is a space: "core-needle biopsy" reads as "core needle biopsy";
- a stage group's letter may stand apart: "Stage II B" reads as "IIB";
- a subtype may be written with a space or comma between its halves, in either order, with
  words for the signs or with ER and PR named: "HR+ HER2-", "HR+, HER2-",
  "HR-positive/HER2-negative", "ER+/HER2-" and "ER+/PR-/HER2-" read as "HR+/HER2-"
  ("ER-/HER2-" alone does not say the PR result, so it is not read as HR-);
- a few usual names of a biopsy: "FNA", "core biopsy", "excisional biopsy".

Stage groups written with Arabic numerals ("2b", "Stage 3C") are read by :func:`read_choice`,
which names the Roman form AJCC writes.

The key is only for comparing; feedback always names the option in the form the lesson uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from typing import Any

__all__ = ["answer_key", "TEXT_FORMS", "read_choice", "roman_stage", "read_items", "MAX_ITEMS"]

#: A list answer is read up to this many items (an endless iterator must not fill the memory);
#: the longest list a lesson asks for has a few dozen labels.
MAX_ITEMS = 1000

#: The forms every text answer accepts, said once for prompts and the instructor guide.
TEXT_FORMS = ('any case and spacing; an optional "Stage " before a stage group; an optional '
              '"HER2-" before null, ultralow, low, positive or negative; "triple-negative" or '
              '"TNBC" for "HR-/HER2-"; an optional "c" or "p" before a T, N or M category; a '
              'stage group in Arabic numerals ("2b" is read as "IIB", and the feedback says so) '
              'or with its letter apart ("Stage II B"); a subtype with a space or comma between '
              'its halves, or with ER and PR named ("HR+ HER2-", "ER+/HER2-"); a hyphen or a '
              'space between words ("core-needle biopsy"); a number typed in quotes ("4")')

_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-",
                         "\u2011": "-", "\u00a0": " ", "\u2018": "'", "\u2019": "'"})
_HER2_WORDS = r"(null|ultralow|ultra-low|ultra low|low|positive|negative|equivocal)"
_HER2_PREFIX = re.compile(r"^her\s*2\s*[- ]?\s*" + _HER2_WORDS + r"$")
_TRIPLE = re.compile(r"^(triple[- ]?negative|tnbc|triple[- ]?negative breast cancer)$")
_CATEGORY = re.compile(r"^[cp](?=[tnm](\d|x|is|is\b|$))")
_STAGE = re.compile(r"^stage\s+")
_SPLIT_STAGE = re.compile(r"^(0|i{1,3}|iv)\s+([abc])$")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_SIGN_WORDS = re.compile(r"\b(her2|hr|er|pr)\s*-?\s*(positive|pos|negative|neg)\b")
_RECEPTOR = re.compile(r"^(her2|hr|er|pr)([+-])$")
_SYNONYMS = {"fna": "fine needle aspiration", "fine needle aspirate": "fine needle aspiration",
             "core biopsy": "core needle biopsy", "needle core biopsy": "core needle biopsy",
             "core needle": "core needle biopsy", "cnb": "core needle biopsy",
             "excisional biopsy": "surgical biopsy", "incisional biopsy": "surgical biopsy",
             # Drug classes as the lessons also write them ("endocrine (hormone) therapy"),
             # and in the plural.
             "hormone therapy": "endocrine therapy", "hormonal therapy": "endocrine therapy",
             "cdk4/6 inhibitors": "cdk4/6 inhibitor", "parp inhibitors": "parp inhibitor",
             "antibody drug conjugates": "antibody drug conjugate", "adc": "antibody drug conjugate",
             "adcs": "antibody drug conjugate",
             "pi3k/akt/mtor pathway inhibitors": "pi3k/akt/mtor pathway inhibitor",
             "radiotherapy": "radiation", "radiation therapy": "radiation"}


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
    text = _SPLIT_STAGE.sub(r"\1\2", text)
    text = _subtype(text)
    text = _WORD_HYPHEN.sub(" ", text)
    text = _SYNONYMS.get(text, text)
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


def _subtype(text: str) -> str:
    """A subtype written as receptor results ("hr+ her2-", "er+/pr-/her2-") as "hr+/her2-"."""
    signed = _SIGN_WORDS.sub(lambda m: m.group(1) + ("+" if m.group(2).startswith("pos")
                                                     else "-"), text)
    tokens = [t for t in re.split(r"[\s,/;]+", signed) if t]
    found = [_RECEPTOR.match(t) for t in tokens]
    if len(tokens) < 2 or not all(found):
        return text
    signs: dict[str, list[str]] = {}
    for match in found:
        signs.setdefault(match.group(1), []).append(match.group(2))
    if len(signs) != len(tokens) or "her2" not in signs:
        return text  # a receptor named twice, or no HER2: not a subtype
    if "hr" in signs:
        hr = signs["hr"][0]
    elif "+" in (signs.get("er", []) + signs.get("pr", [])):
        hr = "+"
    elif "er" in signs and "pr" in signs:
        hr = "-"
    else:
        return text  # ER- alone (or PR- alone) does not say whether the tumour is HR-
    return f"hr{hr}/her2{signs['her2'][0]}"


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def roman_stage(answer: Any) -> str | None:
    """A stage group typed with an Arabic numeral, in the Roman form AJCC writes; else None.

    >>> roman_stage("stage 2b"), roman_stage("3C"), roman_stage("Stage 2 B"), roman_stage("IIB")
    ('IIB', 'IIIC', 'IIB', None)
    """
    if not isinstance(answer, str):
        return None
    text = answer.translate(_DASHES).strip().strip("\"'").strip().lower()
    match = re.fullmatch(r"(?:stage\s*)?([1-4])\s*([abc]?)", text)
    if not match:
        return None
    return _ROMAN[match.group(1)] + match.group(2).upper()


def read_choice(answer: Any, options: Any) -> tuple[str | None, str]:
    """Which of ``options`` a text answer names, read as people write it, and a note on its form.

    Returns ``(option, note)``: the option as the lesson writes it (None when the answer names
    none of them), and a sentence when the answer was right in a form the field does not use
    (a stage group in Arabic numerals: "AJCC writes stage groups in Roman numerals: ..."), else
    ``""``.
    """
    canonical: dict[str, str] = {}
    for option in options:
        canonical.setdefault(answer_key(option), option)
    given = canonical.get(answer_key(answer))
    if given is not None:
        return given, ""
    roman = roman_stage(answer)
    if roman is not None and answer_key(roman) in canonical:
        given = canonical[answer_key(roman)]
        return given, (f"AJCC writes stage groups in Roman numerals: {answer.strip()!r} is "
                       f"written {given!r}.")
    return None, ""


def read_items(answer: Iterable[Any], limit: int = MAX_ITEMS) -> list[Any] | None:
    """The items of a list answer, read up to ``limit``; ``None`` if it holds more (or never
    ends: a generator such as ``itertools.count()`` is read only ``limit + 1`` items far)."""
    items = list(islice(answer, limit + 1))
    return None if len(items) > limit else items
