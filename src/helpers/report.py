"""Read a breast pathology report's text and explain each finding with the collection's rules.

:func:`read_report` takes the text of a report as a person pastes it (a CAP synoptic report of
"Key: value" lines, the CAP biomarker template, a US narrative diagnosis in capitals, a UK or
Australian report, a report after neoadjuvant treatment, with addenda) and returns a
:class:`PathologyReport`: each attribute is ``None`` when the report does not state it, because
the reader never guesses. A finding it sees but cannot read (a range where one number is needed,
a result still pending) is listed in ``not_read`` with the reason.

:meth:`PathologyReport.explain` gives the findings in reading order, each with the words as
written, what it means in plain words, what the collection's rule makes of it, and the lesson
that teaches it. The rules are the collection's own, called in one adapter
(:func:`apply_rules`): HER2 by ASCO/CAP 2018, affirmed 2023 (:func:`helpers.her2.classify_her2`);
ER and PR by ASCO/CAP 2020 (:func:`helpers.receptors.classify_receptor`), ER 1-10 % being "low
positive"; the Allred score bands (Harvey 1999); T and N categories and the anatomic stage by
AJCC 8 (:mod:`helpers.staging`). Nothing here says what a person should do or what their
outlook is.

Privacy: the header of a report (name, date of birth, record, NHS or accession numbers) is
dropped before anything is read, nothing keeps the pasted text, and the words shown back are
only the short phrases that state a finding, with any date or long number in them masked.
Input is bounded (:data:`MAX_CHARS`) and every pattern is linear (no nested repetition), so
even a long paste is read in milliseconds.

For education only: not medical advice, and not for decisions about any person's care.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from . import DISCLAIMER

__all__ = ["MAX_CHARS", "EXAMPLE_REPORT", "Finding", "NotRead", "PathologyReport", "ExplainedFinding",
           "Explanation", "RuleResults", "read_report", "apply_rules", "allred_status",
           "LESSON_LINKS", "LESSON_LINK_NAMES", "lesson_link_name",
           "nottingham_grade"]

#: Longest text read, in characters. A full excision report with its biomarker addenda is a few
#: thousand characters; 50,000 is some fifteen pages. Longer text raises ``ValueError``.
MAX_CHARS = 50_000
#: At most this many characters of a finding's words are shown back.
MAX_WRITTEN = 90

#: A made-up report for the lesson and the widget (no real person: the header is invented and
#: is dropped when read). Forms mixed on purpose: a narrative diagnosis, "Key: value" biomarker
#: lines and an addendum that brings the ISH result.
EXAMPLE_REPORT = """\
SURGICAL PATHOLOGY REPORT (MADE-UP EXAMPLE FOR TEACHING)
Name: Example, Sam      DOB: 01/01/1970      MRN: 0000000
Specimen: Left breast, wide local excision, and left axillary sentinel lymph nodes

DIAGNOSIS
- Invasive carcinoma of no special type, Nottingham grade 2 (3+2+1=6/9), measuring 1.7 cm.
- Ductal carcinoma in situ, intermediate nuclear grade, extent 22 mm.
- Lymphovascular invasion: not identified.
- Margins: negative for invasive carcinoma (closest 3 mm); DCIS 1 mm from the anterior margin.
- Sentinel lymph nodes: micrometastasis (1.2 mm) in one node (1/3).
- pT1c pN1mi(sn)

BIOMARKERS (block A2)
Estrogen receptor: positive, 80%, strong
Progesterone receptor: positive, 5%, weak
HER2 IHC: 2+ (equivocal), ISH to follow
Ki-67: 20%

ADDENDUM
HER2 dual-probe ISH: HER2/CEP17 ratio 1.4; average HER2 copy number 4.6 signals per cell.
Not amplified.
"""

# --------------------------------------------------------------------------------------------
# Where each finding is taught (links relative to the notebooks/ folder).
LESSON_LINKS = MappingProxyType({
    "histologic_type": "06_patient_path.ipynb#3.-Diagnosis:-biopsy,-the-pathology-report,-imaging",
    "grade": "08_read_your_report.ipynb#2.-Grade,-lymphovascular-invasion-and-margins",
    "tumour_size_mm": "03_staging.ipynb#2.-T:-the-size-and-reach-of-the-tumour",
    "er": "02_classification.ipynb#6.-ER-and-PR,-and-the-other-scales-labs-report",
    "pr": "02_classification.ipynb#6.-ER-and-PR,-and-the-other-scales-labs-report",
    "ki67": "08_read_your_report.ipynb#3.-Ki-67-and-treatment-before-surgery",
    "her2_ihc": "02_classification.ipynb#2.-Reading-a-HER2-IHC-score",
    "her2_ish": "02_classification.ipynb#3.-Why-2+-needs-ISH:-the-five-ISH-groups",
    "her2_result": "02_classification.ipynb#5.-HER2-low-and-HER2-ultralow",
    "lymphovascular_invasion":
        "08_read_your_report.ipynb#2.-Grade,-lymphovascular-invasion-and-margins",
    "margins": "08_read_your_report.ipynb#2.-Grade,-lymphovascular-invasion-and-margins",
    "nodes": "03_staging.ipynb#3.-N-and-M:-lymph-nodes-and-distant-spread",
    "pt": "03_staging.ipynb#2.-T:-the-size-and-reach-of-the-tumour",
    "pn": "03_staging.ipynb#3.-N-and-M:-lymph-nodes-and-distant-spread",
    "pm": "03_staging.ipynb#4.-The-AJCC-anatomic-stage-table",
    "rcb": "08_read_your_report.ipynb#3.-Ki-67-and-treatment-before-surgery",
})

#: What each lesson link is called on the page (one name per lesson section, not "lesson").
LESSON_LINK_NAMES = MappingProxyType({
    LESSON_LINKS["histologic_type"]: "Lesson 6: the pathology report",
    LESSON_LINKS["grade"]: "Lesson 8: grade, vessels and margins",
    LESSON_LINKS["tumour_size_mm"]: "Lesson 3: T, the tumour's size",
    LESSON_LINKS["er"]: "Lesson 2: ER and PR",
    LESSON_LINKS["ki67"]: "Lesson 8: Ki-67 and treatment before surgery",
    LESSON_LINKS["her2_ihc"]: "Lesson 2: HER2 IHC scores",
    LESSON_LINKS["her2_ish"]: "Lesson 2: HER2 ISH groups",
    LESSON_LINKS["her2_result"]: "Lesson 2: HER2-low and HER2-ultralow",
    LESSON_LINKS["nodes"]: "Lesson 3: N, the lymph nodes",
    LESSON_LINKS["pm"]: "Lesson 3: the stage table",
})


def lesson_link_name(link: str) -> str:
    """The words a lesson link shows, e.g. "Lesson 2: ER and PR" (never just "lesson")."""
    if link in LESSON_LINK_NAMES:
        return LESSON_LINK_NAMES[link]
    number = link[:2].lstrip("0")
    return f"Lesson {number}" if number.isdigit() else "The lesson"


# --------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Finding:
    """One finding as the report states it: which ``field``, the short ``written`` phrase (masked
    of dates and long numbers), the value read, and its position in the text (reading order)."""

    field: str
    written: str
    value: object
    position: int


@dataclass(frozen=True)
class NotRead:
    """A finding the report mentions but the reader could not read, and why."""

    field: str
    written: str
    reason: str
    position: int


@dataclass(frozen=True)
class RuleResults:
    """What the collection's rules make of the findings (see :func:`apply_rules`)."""

    her2_status: str | None = None
    her2_expression: str | None = None
    her2_ish_group: int | None = None
    her2_explanation: str | None = None
    t_from_size: str | None = None
    n_from_nodes: str | None = None
    stage: str | None = None


@dataclass(frozen=True)
class ExplainedFinding:
    """One row of :meth:`PathologyReport.explain`."""

    field: str
    written: str
    meaning: str
    rule: str
    link: str


@dataclass(frozen=True, repr=False)
class Explanation:
    """The findings in reading order, with the education-only ``note``. Iterate over it for the
    rows; ``str`` gives plain text and ``_repr_html_`` a table."""

    items: tuple[ExplainedFinding, ...]
    not_read: tuple[NotRead, ...]
    note: str = DISCLAIMER

    def __iter__(self) -> Iterator[ExplainedFinding]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (f"Explanation({len(self.items)} findings explained, {len(self.not_read)} not "
                f"read; print() it or show it in a notebook)")

    def __str__(self) -> str:
        lines = [self.note, ""]
        if not self.items:
            lines.append("No findings were read from this text.")
        for item in self.items:
            lines.append(f"- {item.written!r}: {item.meaning}")
            if item.rule:
                lines.append(f"  Rule: {item.rule}")
            lines.append(f"  Learn more: {lesson_link_name(item.link)} ({item.link})")
        for miss in self.not_read:
            lines.append(f"- Not read: {miss.written!r} ({miss.reason})")
        return "\n".join(lines)

    def to_html(self, link_base: str = "") -> str:
        """The findings as an HTML table; ``link_base`` is put before each lesson link."""
        return explanation_html(self, link_base)

    def _repr_html_(self) -> str:
        return self.to_html()


@dataclass(frozen=True)
class PathologyReport:
    """What a pathology report states, each attribute ``None`` when it does not state it.

    See :func:`read_report`. ``findings`` and ``not_read`` are in reading order; ``rules`` holds
    what the collection's rules make of the findings. Nothing of the pasted text is kept beyond
    the short phrases that state a finding.
    """

    histologic_type: str | None = None
    grade: int | None = None
    tumour_size_mm: float | None = None
    er_percent: float | None = None
    pr_percent: float | None = None
    ki67_percent: float | None = None
    er_status: str | None = None
    pr_status: str | None = None
    er_allred: int | None = None
    pr_allred: int | None = None
    er_reported: str | None = None
    pr_reported: str | None = None
    er_bound: str | None = None
    pr_bound: str | None = None
    her2_ihc: str | None = None
    her2_ish_ratio: float | None = None
    her2_copies: float | None = None
    her2_result: str | None = None
    her2_expression: str | None = None
    lymphovascular_invasion: bool | None = None
    margins: str | None = None
    nodes_positive: int | None = None
    nodes_examined: int | None = None
    nodes_micrometastases_only: bool = False
    isolated_tumour_cells: bool = False
    pt: str | None = None
    pn: str | None = None
    pm: str | None = None
    rcb_class: str | None = None
    neoadjuvant: bool = False
    findings: tuple[Finding, ...] = ()
    not_read: tuple[NotRead, ...] = ()
    rules: RuleResults = field(default_factory=RuleResults)

    def explain(self) -> Explanation:
        """The findings in reading order, each explained (see :class:`Explanation`)."""
        return _explain(self)

    def __str__(self) -> str:
        read = [f"{f.name}={getattr(self, f.name)!r}" for f in _VALUE_FIELDS
                if getattr(self, f.name) is not None]
        return ("PathologyReport(" + ", ".join(read) + ")") if read else \
            "PathologyReport(nothing read)"


# --------------------------------------------------------------------------------------------
# Preparing the text: bounds, header removal, masking

_IDENTIFIER_LABEL = re.compile(
    r"^[ \t>*-]{0,8}(?:patient(?:'s)?(?: full)? name|patient|name|surname|forenames?|"
    r"first name|given names?|family name|dob|d\.o\.b\.?|date of birth|birth ?date|born|"
    r"mrn|m\.r\.n\.?|medical record(?: number| no\.?)?|record (?:number|no\.?)|"
    r"hospital (?:number|no\.?)|hosp(?:ital)? ?(?:id|#)|nhs(?: number| no\.?)?|chi(?: number)?|"
    r"ur(?:n| number| no\.?)|medicare(?: number)?|health card|insurance|accession(?: number| no\.?)?|"
    r"acc(?:ession)? ?#|specimen (?:number|no\.?|id)|lab(?:oratory)? (?:number|no\.?|ref\w*|id)|"
    r"case (?:number|no\.?|id)|our ref\w*|your ref\w*|address|postcode|zip|phone|tel(?:ephone)?|"
    r"email|physician|doctor|clinician|consultant|surgeon|gp|requested by|requesting\w*|"
    r"referr\w*|ordering\w*|copy to|cc|pathologist|reported by|verified by|authori[sz]ed by|"
    r"signed(?: out)?(?: by)?|electronically signed\w*|age|sex|gender|date\w*(?: \w+){0,3}|"
    r"collected|received|reported|location|ward|clinic|facility|hospital|site|acct|account|"
    r"mr ?#|mr no\.?|case|visit|encounter|fin|csn|episode)"
    r"\b[^:\n#]{0,30}[:#]",
    re.IGNORECASE | re.MULTILINE)
#: Identifier labels anywhere in a line: the rest of the line is dropped from the label on.
_IDENTIFIER_INLINE = re.compile(
    r"(?i:\b(?:patient(?:'s)? name|name|d\.?o\.?b\.?|date of birth|mrn|mr ?#|medical record|"
    r"nhs(?: number| no\.?)?|urn?|hospital (?:number|no\.?)|accession|acc(?:ession)? ?#|acct|"
    r"account|case(?: number| no\.?)?|lab(?:oratory)? (?:number|no\.?|ref\w*)|"
    r"(?:electronically )?signed(?: out)?(?: by)?|reported by|verified by|pathologist|"
    r"physician|requested by|referring\w*|ordering\w*|consultant|surgeon|address|phone|"
    r"tel(?:ephone)?)\b[^:\n#]{0,20}[:#][^\n]*)")
_DATE = re.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")
_LONG_NUMBER = re.compile(r"\d(?:[ \-]?\d){5,}")
_ACCESSION = re.compile(r"\b[A-Z]{1,4}-?\d{2}-\d{2,}\b|\b[A-Z]{1,3}\d{5,}\b")
_MASK = "[…]"


def _mask(text: str) -> str:
    """Mask dates, long numbers and accession-like codes in a phrase shown back."""
    text = _ACCESSION.sub(_MASK, text)
    text = _DATE.sub(_MASK, text)
    return _LONG_NUMBER.sub(_MASK, text)


_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-",
                         "\u2011": "-", "\u00a0": " ", "\t": " ", "\u00d7": "x",
                         "\u2009": " ", "\u202f": " "})


def _prepare(text: object) -> str:
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("text must be the report as text (str); got bytes: decode it first, "
                        "e.g. data.decode('utf-8')")
    if not isinstance(text, str):
        raise TypeError(f"text must be the report as text (str); got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ValueError(f"text must be at most {MAX_CHARS:,} characters (a pathology report is "
                         f"a few pages); got {len(text):,} characters")
    text = text.translate(_DASHES).replace("\r\n", "\n").replace("\r", "\n")
    # Drop identifier lines: nothing of the header is read or kept.
    text = _IDENTIFIER_LABEL.sub(lambda m: "\x00", text)
    text = re.sub(r"\x00[^\n]*", "", text)
    return _IDENTIFIER_INLINE.sub("", text)


# --------------------------------------------------------------------------------------------
# Small readers

_NUMBER = r"(\d{1,3}(?:\.\d{1,2})?)"
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBER = r"(\d{1,3}|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + ")"


def _to_int(word: str) -> int:
    word = word.lower()
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else int(word)


def _close_bracket(text: str, start: int, end: int) -> int:
    """``end`` moved past the ")" that closes a bracket opened in ``text[start:end]`` on the
    same line (so "POSITIVE (95%" is shown as "POSITIVE (95%)"), else ``end``."""
    if text.count("(", start, end) <= text.count(")", start, end):
        return end
    close = re.match(r"[^()\n]{0,40}\)", text[end:end + 41])
    return end + close.end() if close else end


def _written(text: str, start: int, end: int) -> str:
    end = _close_bracket(text, start, end)
    phrase = " ".join(text[start:end].split()).lstrip("-*•:;,.) ")
    phrase = _mask(phrase)
    return phrase if len(phrase) <= MAX_WRITTEN else phrase[:MAX_WRITTEN - 1] + "…"


class _Collector:
    """Gathers findings and misses while reading."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.values: dict[str, object] = {}
        self.findings: dict[str, Finding] = {}
        self.misses: dict[str, NotRead] = {}

    def found(self, name: str, value: object, start: int, end: int,
              position: int | None = None) -> None:
        self.values[name] = value
        self.findings[name] = Finding(name, _written(self.text, start, end), value,
                                      start if position is None else position)
        self.misses.pop(name, None)

    def found_after(self, name: str, value: object, marker: tuple[int, int], start: int,
                    end: int) -> None:
        """A value read in a marker's window: the words shown are the marker's name and the
        value's own line (not everything in between)."""
        text = self.text
        if "\n" in text[marker[1]:start]:
            line_start = text.rfind("\n", 0, start) + 1
            end = _close_bracket(text, line_start, end)
            written = (_written(text, marker[0], marker[1]) + " … "
                       + _written(text, line_start, end))
            written = written if len(written) <= MAX_WRITTEN else written[:MAX_WRITTEN - 1] + "…"
        else:
            written = _written(text, marker[0], end)
        self.values[name] = value
        self.findings[name] = Finding(name, written, value, start)
        self.misses.pop(name, None)

    def missed(self, name: str, reason: str, start: int, end: int) -> None:
        if name not in self.values:
            self.misses[name] = NotRead(name, _written(self.text, start, end), reason, start)


# --------------------------------------------------------------------------------------------
# Markers and their windows (ER, PR, HER2, Ki-67)

_MARKERS = (
    ("er", re.compile(r"(?i:\bo?estrogen(?:[ -]receptors?)?\b)|\bER\b|\bEr\b(?=\s*[:(])")),
    ("pr", re.compile(r"(?i:\bprogesterone(?:[ -]receptors?)?\b)|\bPg?R\b")),
    ("her2", re.compile(r"(?i:\bHER[ -]?2(?:/neu)?\b|\bERBB2\b|\bc-erbB-?2\b|\bHER2neu\b)")),
    ("ki67", re.compile(r"(?i:\bKi[ -]?67\b|\bMIB[ -]?1\b)")),
)
_OTHER_FIELD = re.compile(
    r"^[ \t]*(?i:(?:histolog|tumou?r type|grade|nottingham|margin|lymph|node|sentinel|size|"
    r"lymphovascular|LVI|p[TN]\d|yp[TN]|stage|DCIS|ductal carcinoma in situ|specimen|"
    r"procedure|laterality|residual|RCB|microcalc|comment|diagnosis|final diagnosis))",
    re.MULTILINE)
_WINDOW = 320
_OVERLAP = 60
#: At most this many mentions of a marker or a category are read (a report has a few dozen);
#: text with thousands of them is not a report, and reading them all would only take time.
_MAX_MENTIONS = 200


def _marker_windows(text: str) -> list[tuple[str, int, int, int]]:
    """(marker, marker start, window start, window end) for every marker mention."""
    raw = sorted((m.start(), m.end(), name) for name, pattern in _MARKERS
                 for m in pattern.finditer(text))
    hits: list[tuple[int, int, str]] = []
    for start, end, name in raw:  # "ESTROGEN RECEPTOR (ER)" is one mention
        if hits and hits[-1][2] == name and start - hits[-1][1] <= 4:
            hits[-1] = (hits[-1][0], max(end, hits[-1][1]), name)
        else:
            hits.append((start, end, name))
    # A marker inside another marker's mention ("ER" in "ER/PR" stays; "HER2" has no "ER").
    # The next mention of a different marker, found in one pass from the end (linear).
    next_other: list[int] = [len(text)] * len(hits)
    for i in range(len(hits) - 2, -1, -1):
        following = hits[i + 1]
        next_other[i] = following[0] if following[2] != hits[i][2] else next_other[i + 1]
    out = []
    for i, (start, end, name) in enumerate(hits[:_MAX_MENTIONS]):
        # Windows of one marker overlap by a line at most, so the work stays linear.
        next_same = hits[i + 1][0] + _OVERLAP if i + 1 < len(hits) else len(text)
        stop = min(end + _WINDOW, len(text), next_other[i], next_same)
        other = _OTHER_FIELD.search(text, text.find("\n", end) + 1 if "\n" in text[end:stop]
                                    else stop, stop)
        if other is not None:
            stop = other.start()
        out.append((name, start, end, stop))
    return out


_RANGE = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:%\s*)?(?:-|to)\s*(\d{1,3})\s*%")
_BOUND = re.compile(r"(?i:(<|>|≤|≥|less than|under|greater than|more than|over|at least)\s*"
                    r"(\d{1,3}(?:\.\d+)?)\s*%)")
_PERCENT = re.compile(r"(?<![\d.<>≤≥-])(?<!than )(?<!under )(?<!over )(?<!least )"
                      r"(\d{1,3}(?:\.\d{1,2})?)\s*%")
_ALLRED = re.compile(r"(?i:\b(?:allred|quick)[ -]?(?:score)?\s*(?:of|=|:)?\s*(\d)\s*(?:/\s*8)?"
                     r"(?:\s*\(\s*(?:PS\s*)?(\d)\s*\+\s*(?:IS\s*)?(\d)\s*\))?)")
_ALLRED_PARTS = re.compile(r"(?i:\b(?:allred|quick)[ -]?(?:score)?\s*(?:of|=|:)?\s*\(?\s*(\d)\s*\+"
                           r"\s*(\d)\s*(?:=\s*(\d))?)")
_STATUS_WORD = re.compile(r"(?i:\b(low[ -]?positive|weakly positive|positive|negative)\b)")
_PENDING = re.compile(r"(?i:\b(pending|to follow|will follow|in progress|will be (?:reported|"
                      r"issued)|awaited|sent (?:for|to)|requested|not performed|not done)\b)")


def _band_of(value: float, receptor: str) -> str:
    from .receptors import classify_receptor

    return classify_receptor(value, receptor.upper())


def _read_receptor(col: _Collector, name: str, start: int, wstart: int, wend: int) -> None:
    text = col.text
    window = text[wstart:wend]
    percent = next((m for m in _PERCENT.finditer(window)
                    if not _RANGE.search(window, max(0, m.start() - 12), m.end() + 1)), None)
    rng = _RANGE.search(window)
    bound = _BOUND.search(window)
    allred = _ALLRED_PARTS.search(window) or _ALLRED.search(window)
    word = _STATUS_WORD.search(window)
    if percent is not None and not _is_definition(window, percent):
        value = float(percent.group(1))
        if value <= 100:
            col.found_after(f"{name}_percent", value, (start, wstart), wstart + percent.start(),
                            wstart + percent.end())
    elif rng is not None and not _is_definition(window, rng):
        col.missed(f"{name}_percent", "a range of percentages, not one number",
                   start, wstart + rng.end())
    if allred is not None:
        total, parts = _allred_numbers(allred)
        if total is not None:
            col.found_after(f"{name}_allred", (total, parts), (start, wstart),
                            wstart + allred.start(), wstart + allred.end())
    if word is not None:
        label = word.group(1).lower().replace("-", " ")
        # "Weakly positive" names the staining's intensity, not the share of cells: it is
        # kept as "positive", like the plain word, not taken for the guideline's "low positive".
        label = "positive" if label == "weakly positive" else label
        col.values[f"{name}_word"] = label
        if f"{name}_percent" not in col.findings and f"{name}_allred" not in col.findings:
            col.found_after(f"{name}_word", label, (start, wstart), wstart + word.start(),
                            wstart + word.end())
    bounds = [b for b in (bound, rng) if b is not None and not _is_definition(window, b)]
    if bounds:
        col.values[f"{name}_bound"] = bounds[0].group(0)
    if not any((percent, rng, bound, allred, word)):
        pending = _PENDING.search(window)
        if pending is not None:
            col.missed(f"{name}_percent", "the result is not in the report yet (pending)",
                       start, wstart + pending.end())


def _is_definition(window: str, match: re.Match[str]) -> bool:
    """True when a number is part of a template's category definition, such as "Positive
    (greater than 10% of cells demonstrate nuclear positivity)" or "Low Positive (1-10%...)"."""
    after = window[match.end():match.end() + 40].lower()
    return "of cells demonstrate" in after or "of tumou" in after and "demonstrate" in after


def _allred_numbers(match: re.Match[str]) -> tuple[int | None, tuple[int, int] | None]:
    groups = match.groups()
    if match.re is _ALLRED_PARTS:
        proportion, intensity = int(groups[0]), int(groups[1])
        if proportion > 5 or intensity > 3:
            return None, None
        return proportion + intensity, (proportion, intensity)
    total = int(groups[0])
    if total > 8 or total == 1:
        return None, None
    parts = (int(groups[1]), int(groups[2])) if groups[1] else None
    if parts and (parts[0] > 5 or parts[1] > 3 or sum(parts) != total):
        parts = None
    return total, parts


def allred_status(total: int, receptor: str = "ER",
                  parts: tuple[int, int] | None = None) -> str | None:
    """The ASCO/CAP 2020 class an Allred score alone settles, or ``None`` when it cannot.

    The Allred proportion score bands are 0 = none, 1 = <1 %, 2 = 1-10 %, 3 = 11-33 %,
    4 = 34-66 %, 5 = 67-100 %, and intensity adds 0-3 (Harvey 1999). With the proportion score
    known (``parts`` = (proportion, intensity)), its band gives the class directly. From the
    total alone: 0 and 2 can only come from fewer than 1 % of cells (negative); a total of 6 or
    more needs a proportion score of at least 3, so more than 10 % of cells (positive); totals
    3 to 5 can come from different bands (3 = 1 + 2, under 1 %, or 2 + 1, 1-10 %), so the total
    alone does not settle them, except PR from 5 up (every way to make 5 has at least 1 %).
    """
    if parts is not None:
        proportion = parts[0]
        if proportion <= 1:
            return "negative"
        if proportion == 2:
            return "low positive" if receptor.upper() == "ER" else "positive"
        return "positive"
    if total in (0, 2):
        return "negative"
    if total >= 6 or (receptor.upper() == "PR" and total >= 5):
        return "positive"
    return None


# HER2
_IHC = re.compile(
    r"(?i:(?:score|IHC|immunohisto\w*|result|HER2|ERBB2|intensity)\W{0,3}(?:\w+\W{1,3}){0,4}?"
    r"([0-3])\s*\+(?!\s*\d)"
    r"|(?<![\d.+=])([0-3])\s*\+(?![\s\d]*[\d=])"
    r"|(?:score|IHC)\s*(?:of\s*)?[:=]?\s*(0)(?![\d.%])"
    r"|\b(0)\s*\((?:null|ultra[ -]?low|no staining)"
    r"|\b(ultra[ -]?low)\b|\b(null)\b)")
_RATIO = re.compile(r"(?i:\bratio\b[^\d\n]{0,45}?(\d{1,2}(?:\.\d{1,3})?)(?![\d%]))")
_COPIES = re.compile(
    r"(?i:(?:(?:average|mean)\s*(?:number\s*of\s*)?HER[ -]?2\s*(?:gene\s*)?"
    r"(?:copy\s*number|copies|signals)|HER[ -]?2\s*(?:gene\s*)?copy\s*number|"
    r"HER[ -]?2\s*signals\s*(?:per|/)\s*(?:cell|nucleus))[^\d\n]{0,30}?(\d{1,2}(?:\.\d{1,3})?)"
    r"(?![\d%])"
    r"|(?<![\d.])(\d{1,2}(?:\.\d{1,3})?)\s*(?:HER[ -]?2\s*)?(?:gene\s*)?(?:copies|signals)\s*"
    r"(?:per|/)\s*(?:cell|nucleus|tumou?r cell))")
_AMPLIFIED = re.compile(r"(?i:\b(not amplified|non-?amplified|no amplification|"
                        r"negative for amplification|amplified|amplification)\b)")
_HER2_WORD = re.compile(r"(?i:\b(positive|negative|equivocal|borderline)\b)")
_ISH_WORD = re.compile(r"(?i:\b(?:ISH|FISH|SISH|DISH|CISH|BDISH|in situ hybridi[sz]ation)\b)")
_CEP = re.compile(r"(?i:CEP\s*-?\s*17|chromosome\s*17)")


def _read_her2(col: _Collector, start: int, wstart: int, wend: int) -> None:
    text = col.text
    window = _CEP.sub(lambda m: "CEP" + "x" * (len(m.group(0)) - 3), text[wstart:wend])
    has_ish = _ISH_WORD.search(text, max(0, start - 40), wend) is not None
    ihc = _IHC.search(window)
    if ihc is not None:
        raw = next(g for g in ihc.groups() if g)
        score, variant = _ihc_value(raw, window[ihc.start():ihc.end() + 40])
        if score is not None:
            col.found_after("her2_ihc", (score, variant), (start, wstart), wstart + ihc.start(),
                            wstart + ihc.end())
    ratio = _RATIO.search(window)
    if ratio is not None:
        col.found_after("her2_ish_ratio", float(ratio.group(1)), (start, wstart),
                        wstart + ratio.start(), wstart + ratio.end())
    copies = _COPIES.search(window)
    if copies is not None:
        value = copies.group(1) or copies.group(2)
        col.found_after("her2_copies", float(value), (start, wstart), wstart + copies.start(),
                        wstart + copies.end())
    amplified = _AMPLIFIED.search(window)
    if amplified is not None:
        label = amplified.group(1).lower()
        col.values["her2_ish_word"] = "negative" if ("not" in label or "non" in label or
                                                     label.startswith("no ") or
                                                     "negative" in label) else "positive"
    word = _HER2_WORD.search(window)
    if word is not None:
        label = word.group(1).lower()
        label = "equivocal" if label == "borderline" else label
        key = "her2_ish_word" if has_ish and ihc is None and "her2_ish_word" not in col.values \
            else "her2_word"
        col.values[key] = label
        if not any(m for m in (ihc, ratio, copies)):
            col.found_after("her2_word", label, (start, wstart), wstart + word.start(),
                            wstart + word.end())
    if not any((ihc, ratio, copies, amplified, word)):
        pending = _PENDING.search(window)
        if pending is not None:
            col.missed("her2_result", "the result is not in the report yet (pending)", start,
                       wstart + pending.end())
    elif ihc is not None and ratio is None and has_ish:
        pending = _PENDING.search(window)
        if pending is not None and "her2_ish_ratio" not in col.values:
            col.missed("her2_ish_ratio", "the ISH result is not in the report yet (pending)",
                       start, wstart + pending.end())


def _ihc_value(raw: str, after: str) -> tuple[str | None, str]:
    raw = raw.lower().replace(" ", "").replace("-", "")
    after = after.lower()
    if raw == "ultralow":
        return "0", "0 (ultralow)"
    if raw == "null":
        return "0", "0 (null)"
    if raw == "0":
        if re.search(r"ultra[ -]?low", after):
            return "0", "0 (ultralow)"
        if re.search(r"\bnull\b|no staining|no membrane staining", after):
            return "0", "0 (null)"
        return "0", "0"
    return f"{raw}+", f"{raw}+"


# --------------------------------------------------------------------------------------------
# Other findings

_TYPE = re.compile(
    r"(?i:\b((?:invasive|infiltrating)\s+(?:ductal|lobular|mammary|mucinous|tubular|"
    r"micropapillary|papillary|cribriform|medullary|metaplastic|apocrine|pleomorphic lobular|"
    r"mixed ductal and lobular|ductal and lobular)?\s*carcinoma"
    r"(?:,?\s*(?:of\s+)?no\s+special\s+type(?:\s*\(NST\))?|\s*,?\s*NST\b|\s*\(NST\)|"
    r"\s+with\s+(?:lobular|ductal|mucinous|micropapillary|apocrine)\s+features)?"
    r"|(?:mucinous|tubular|metaplastic|invasive micropapillary|adenoid cystic)\s+carcinoma"
    r"|carcinoma\s+of\s+no\s+special\s+type|no\s+special\s+type))")
_DCIS_ONLY = re.compile(r"(?i:\b(ductal carcinoma in situ|DCIS)\b)")
_GRADE = re.compile(
    r"(?i:(?<!nuclear )(?<!nuclear)\b(?:(?:nottingham|histologic(?:al)?|overall|combined|tumou?r|"
    r"modified bloom[- ]richardson|SBR|elston[- ]ellis)\s*)?grade\s*(?:\(\w+\))?\s*[:=]?\s*"
    r"(?:grade\s*)?(?:G\s*)?([1-3]|I{1,3})(?!\s*[\d+]|\s*/\s*[4-9])(?:\s*(?:/|of)\s*3)?\b)")
# Each alternative starts on a character that is not a space, so a long run of spaces costs
# one step per character, not one scan of the run per character.
_GRADE_SCORE = re.compile(r"(?i:(?:\(\s*)?([1-3])\s*\+\s*([1-3])\s*\+\s*([1-3])\s*=\s*([3-9])"
                          r"(?:\s*/\s*9)?\s*\)?|(?:nottingham|total|overall)\s+score\s*[:=]?\s*"
                          r"([3-9])(?!\s*\+)(?:\s*/\s*9)?)")
_DIFFERENTIATED = re.compile(r"(?i:\b(well|moderately|poorly)[ -]differentiated\b)")
_SIZE = re.compile(r"(?i:(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)((?:\s*x\s*\d{1,3}(?:\.\d{1,2})?)"
                   r"{0,2})\s*(cm|mm)\b)")
_SIZE_CUE = re.compile(r"(?i:invasive|infiltrating|carcinoma|tumou?r size|largest (?:invasive )?"
                       r"(?:focus|tumou?r)|greatest dimension|residual)")
_SIZE_NOT = re.compile(r"(?i:dcis|in situ|whole tumou?r|total tumou?r|tumou?r bed|bed|specimen|"
                       r"\bcore|imaging|radiolog\w*|ultrasound|mammogra\w*|\bmri\b|\bUS\b|"
                       r"margin|distance|from\b|extent|additional|node|metasta\w*|deposit|skin|"
                       r"nipple|fragment|cellularity|area|with dcis|including|extension|"
                       r"clinical|excision|lumpectomy|mastectomy|weigh\w*|\bg\b)")
_LVI = re.compile(r"(?i:\b(?:lympho-?vascular(?:\s+space)?|lymphatic|vascular|angio-?lymphatic|"
                  r"lymph-?vascular)\s+invasion\b|\bLV[SI]I?\b)")
_LVI_UNSURE = re.compile(r"(?i:\b(possible|possibly|suspicious|suspected|equivocal|indeterminate|"
                         r"cannot be (?:assessed|determined|evaluated)|not assess\w*|uncertain|"
                         r"focal(?:ly)? suspicious|questionable)\b)")
_LVI_NO = re.compile(r"(?i:\b(not identified|not seen|not present|absent|negative|none|no)\b)")
_LVI_YES = re.compile(r"(?i:\b(present|identified|positive|seen|extensive|focal)\b)")
_MARGIN = re.compile(r"(?i:\bmargins?\b)")
_MARGIN_NO = re.compile(r"(?i:\b(uninvolved|not involved|negative|clear|free|clear of|"
                        r"no (?:invasive )?(?:carcinoma|tumou?r) at|widely clear)\b)")
_MARGIN_YES = re.compile(r"(?i:\b(involved|involving|involves|positive|extends? to|present at|"
                         r"transected|at (?:the )?(?:inked )?(?:\w+ )?margin|tumou?r on ink)\b)")
#: "invasive carcinoma 4 mm from the nearest (superior) margin": the CAP resection protocol gives
#: a distance to the closest margin only for margins negative for invasive carcinoma.
_MARGIN_DISTANCE = re.compile(r"(?i:(?<![\d.])\d{1,3}(?:\.\d{1,2})?\s*(?:mm|cm)\s+(?:away\s+)?"
                              r"from\b)")
_IN_SITU = re.compile(r"(?i:\bDCIS\b|in situ|\bLCIS\b)")
_INVASIVE = re.compile(r"(?i:\binvasive\b|\binfiltrating\b)")
_TNM_T = re.compile(r"(?<![A-Za-z0-9])((?i:y?r?p))(T)((?i:is|x|[0-4]))((?i:mi|[a-d])?)"
                    r"(\s*\((?i:m|\d|sn|dcis|paget)\w*\))?(?![A-Za-z0-9])")
_TNM_N = re.compile(r"(?<![A-Za-z0-9])((?i:y?p)?)(N)((?i:x|[0-3]))((?i:mi|[a-c])?)"
                    r"(\s*\((?i:i\+|i-|mol\+|mol-|sn|f)\)){0,2}(?![A-Za-z0-9])")
_TNM_M = re.compile(r"(?<![A-Za-z0-9])((?i:[cp])?)(M)((?i:0|1|x))(\s*\((?i:i\+)\))?"
                    r"(?![A-Za-z0-9])")
_RCB = re.compile(r"(?i:\b(?:residual cancer burden|RCB)\b[^\n]{0,40}?"
                  r"(?:class|category|RCB)?\s*[:-]?\s*\b(0|I{1,3}|[1-3])\b(?!\.\d))")
_NEOADJUVANT = re.compile(r"(?i:neo-?adjuvant|\bypT|\bypN|post[- ]treatment|after (?:primary )?"
                          r"(?:systemic|chemo)|treatment effect|residual cancer burden)")
_NODE_COUNT = {
    "macro": re.compile(r"(?i:(?:number\s*of\s*)?(?:lymph\s*)?nodes?\s*with\s*macro-?"
                        r"metasta\w*[^:\n]{0,30}[:=]\s*(\d{1,2})\b)"),
    "micro": re.compile(r"(?i:(?:number\s*of\s*)?(?:lymph\s*)?nodes?\s*with\s*micro-?"
                        r"metasta\w*[^:\n]{0,30}[:=]\s*(\d{1,2})\b)"),
    "involved": re.compile(r"(?i:(?:number\s*of\s*)?(?:lymph\s*)?nodes?\s*(?:involved|positive)"
                           r"[^:\n]{0,30}[:=]\s*(\d{1,2})\b)"),
    "examined": re.compile(r"(?i:(?:total\s*number\s*of\s*(?:lymph\s*)?nodes?|number\s*of\s*"
                           r"(?:lymph\s*)?nodes?\s*(?:examined|identified|removed|retrieved))"
                           r"[^:\n]{0,40}[:=]\s*(\d{1,2})\b)"),
}
_FRACTION = re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/.])")
_OF_NODES = re.compile(r"(?i:\b" + _WORD_NUMBER + r"\s+(?:\(\d{1,2}\)\s+)?(?:out\s+)?of\s+"
                       + _WORD_NUMBER + r"\s*(?:\(\d{1,2}\)\s*)?(?:\w+\s+){0,2}?"
                       r"(?:lymph\s*)?nodes?\b)")
_NODE_LINE = re.compile(r"(?i:lymph|node|sentinel|axilla)")
_ITC = re.compile(r"(?i:isolated\s+tumou?r\s+cells|\bITCs?\b|\(i\+\))")


@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))


_LINE_REACH = 160


def _line_span(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding ``pos``, from a line index built once per text, cut to
    :data:`_LINE_REACH` characters either side of ``pos`` (a line of a report is shorter; a
    paste with no line breaks is not read line by line, which would take quadratic time)."""
    starts = _line_starts(text)
    i = bisect.bisect_right(starts, pos) - 1
    end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
    return max(starts[i], pos - _LINE_REACH), min(end, pos + _LINE_REACH)


def _clause_start(text: str, pos: int, limit: int = 90) -> int:
    """Start of the clause holding ``pos``: after the last ';' or sentence stop, or the line."""
    line_start, _ = _line_span(text, pos)
    start = max(line_start, pos - limit)
    piece = text[start:pos]
    cut = max(piece.rfind(";"), _last_stop(piece))
    return start + cut + 1 if cut >= 0 else start


def _last_stop(piece: str) -> int:
    best = -1
    for m in re.finditer(r"\.(?!\d)", piece):
        best = m.start()
    return best


def _read_type(col: _Collector) -> None:
    match = _TYPE.search(col.text)
    if match is not None:
        words = " ".join(match.group(1).split()).lower()
        words = words.replace("infiltrating", "invasive").replace("(nst)", "(NST)")
        words = re.sub(r"\bnst\b", "NST", words)
        col.found("histologic_type", words, match.start(), match.end())
        return
    dcis = _DCIS_ONLY.search(col.text)
    if dcis is not None:
        col.found("histologic_type", "ductal carcinoma in situ", dcis.start(), dcis.end())


def _read_grade(col: _Collector) -> None:
    text = col.text
    for match in itertools.islice(_GRADE.finditer(text), _MAX_MENTIONS):
        line_start, line_end = _line_span(text, match.start())
        before = text[max(line_start, match.start() - 40):match.start()]
        line = text[line_start:line_end]
        if re.search(r"(?i)nuclear|dcis|in situ|\bLCIS\b", before) or (
                re.search(r"(?i)\bDCIS\b|in situ", line) and not _INVASIVE.search(line)):
            continue
        value = match.group(1).upper()
        grade = {"I": 1, "II": 2, "III": 3}.get(value) or int(value)
        col.found("grade", grade, match.start(), match.end())
        return
    score = _GRADE_SCORE.search(text)
    if score is not None:
        if score.group(4):
            parts = [int(score.group(i)) for i in (1, 2, 3)]
            total = int(score.group(4))
            if sum(parts) != total:
                col.missed("grade", "the three scores do not add up to the total",
                           score.start(), score.end())
                return
        else:
            total = int(score.group(5))
        col.found("grade", nottingham_grade(total), score.start(), score.end())
        return
    diff = _DIFFERENTIATED.search(text)
    if diff is not None:
        col.found("grade", {"well": 1, "moderately": 2, "poorly": 3}[diff.group(1).lower()],
                  diff.start(), diff.end())


def nottingham_grade(total: int) -> int:
    """Nottingham grade from the total of its three scores (3-5 grade 1, 6-7 grade 2, 8-9
    grade 3; Elston and Ellis 1991). Raises ``ValueError`` outside 3-9."""
    if isinstance(total, bool) or not isinstance(total, int) or not 3 <= total <= 9:
        raise ValueError(f"total must be a whole number from 3 to 9; got {total!r}")
    return 1 if total <= 5 else 2 if total <= 7 else 3


def _read_size(col: _Collector) -> None:
    text = col.text
    best: tuple[int, float, int, int, int] | None = None
    core_miss: tuple[int, int] | None = None
    for match in itertools.islice(_SIZE.finditer(text), _MAX_MENTIONS):
        start = _clause_start(text, match.start())
        if not text[start:match.start()].strip() and start > 0:  # "Size:" on the line above
            start = _clause_start(text, start - 1)
        before = text[start:match.start()]
        after = text[match.end():match.end() + 25]
        if not _SIZE_CUE.search(before) or _SIZE_NOT.search(before) or \
                re.match(r"(?i)\s*(?:from|to\b|away|deep|beneath|of (?:the )?\w* ?margin)", after):
            continue
        rest = text[match.end():_line_span(text, match.end())[1]]
        if re.search(r"(?i)(?:at least|greater than|more than|over|>|≥)\s*$", before):
            if core_miss is None:  # a minimum (often on a core), not a measured size
                core_miss = (start, match.end())
            continue
        if re.search(r"(?i)\bcores?\b|biopsy|imaging|ultrasound|mammogra|\bMRI\b", rest):
            if core_miss is None:
                core_miss = (start, match.end() + len(rest))
            continue
        numbers = [float(n) for n in re.findall(r"\d{1,3}(?:\.\d{1,2})?",
                                                 match.group(1) + match.group(2))]
        size = max(numbers) * (10.0 if match.group(3).lower() == "cm" else 1.0)
        strength = 2 if re.search(r"(?i)largest|invasive (?:tumou?r )?size|size of (?:largest )?"
                                  r"invasive|invasive (?:carcinoma|tumou?r)", before) else 1
        if best is None or strength > best[0]:
            best = (strength, round(size, 2), start, match.end(), match.start())
        if strength == 2:
            break
    if best is None and core_miss is not None:
        col.missed("tumour_size_mm", "a size measured on a biopsy core or on imaging, or a "
                   "minimum ('at least'), is not the size of the tumour", *core_miss)
    if best is not None and 0 < best[1] <= 250:
        col.found("tumour_size_mm", best[1], best[2], best[3], position=best[4])


def _read_lvi(col: _Collector) -> None:
    text = col.text
    for match in itertools.islice(_LVI.finditer(text), _MAX_MENTIONS):
        start = _clause_start(text, match.start(), 40)
        _, line_end = _line_span(text, match.start())
        after = text[match.end():min(line_end, match.end() + 50)]
        if not after.strip(" :.-") and line_end + 1 < len(text):  # value on the next line
            next_end = _line_span(text, line_end + 1)[1]
            after = text[line_end:min(next_end, line_end + 50)]
        before = text[start:match.start()]
        end = match.end() + len(after.rstrip())
        unsure = _LVI_UNSURE.search(before + " " + after)
        if unsure is not None:
            col.missed("lymphovascular_invasion", f"the report says {unsure.group(1).lower()!r}",
                       start, end)
            continue
        if re.search(r"(?i)\bno\b|\bwithout\b|\bnegative for\b|\bnot\b", before):
            value: bool | None = False  # "No lymphovascular invasion (is) identified"
        else:
            no, yes = _LVI_NO.search(after), _LVI_YES.search(after)
            if no is not None and (yes is None or no.start() <= yes.start()):
                value = False  # "not identified" is found before "identified"
            elif yes is not None or re.search(r"(?i)\b(?:with|shows?|showing)\b", before):
                value = True
            else:
                continue
        col.found("lymphovascular_invasion", value, start, end)
        return


def _read_margins(col: _Collector) -> None:
    text = col.text
    for match in itertools.islice(_MARGIN.finditer(text), _MAX_MENTIONS):
        line_start, line_end = _line_span(text, match.start())
        clauses = [(line_start, line_end)]
        # A "Margins" header: the next few lines are its parts (CAP synoptic).
        if not text[match.end():line_end].strip(" :") or "invasive" not in \
                text[line_start:line_end].lower():
            pos = line_end + 1
            for _ in range(4):
                if pos >= len(text):
                    break
                s, e = _line_span(text, pos)
                clauses.append((s, e))
                pos = e + 1
        for s, e in clauses:
            for part in re.split(r";|\.(?!\d)", text[s:e]):
                offset = text.find(part, s, e + 1) if part else -1
                low = part.lower()
                if not part.strip() or ("margin" not in low and (s, e) == clauses[0]
                                        and (s, e) != (line_start, line_end)):
                    continue
                if _IN_SITU.search(part) and not _INVASIVE.search(part):
                    continue
                if (s, e) != (line_start, line_end) and not _INVASIVE.search(part):
                    continue
                no, yes = _MARGIN_NO.search(part), _MARGIN_YES.search(part)
                if "margin" not in low and not re.search(r"(?i)invasive carcinoma\s*[:=]", part):
                    continue
                if no is not None and (yes is None or no.start() <= yes.start()):
                    col.found("margins", "negative", offset, offset + len(part.rstrip()))
                    return
                if yes is not None:
                    col.found("margins", "positive", offset, offset + len(part.rstrip()))
                    return
                if _INVASIVE.search(part) and _MARGIN_DISTANCE.search(part):
                    col.found("margins", "negative", offset, offset + len(part.rstrip()))
                    return
    first = _MARGIN.search(text)
    if first is not None:
        s, e = _line_span(text, first.start())
        col.missed("margins", "the reader could not tell from these words whether invasive "
                   "cancer reaches an edge of the removed tissue", s, e)


def _read_nodes(col: _Collector) -> None:
    text = col.text
    counts: dict[str, tuple[int, int, int]] = {}
    for key, pattern in _NODE_COUNT.items():
        match = pattern.search(text)
        if match is not None:
            value = next(g for g in match.groups() if g is not None)
            counts[key] = (int(value), match.start(), match.end())
    if "examined" in counts and ({"macro", "micro", "involved"} & set(counts)):
        if "involved" in counts:
            positive = counts["involved"][0]
        else:
            positive = sum(counts[k][0] for k in ("macro", "micro") if k in counts)
            if counts.get("micro", (0,))[0] and not counts.get("macro", (0,))[0]:
                col.values["nodes_micro_only"] = True
        first = min(v[1] for v in counts.values())
        last = max(v[2] for v in counts.values())
        start = min(counts[k][1] for k in counts if k != "examined")
        end = max(counts[k][2] for k in counts if k != "examined")
        col.found("nodes_positive", positive, start, end)
        col.found("nodes_examined", counts["examined"][0], counts["examined"][1],
                  counts["examined"][2])
        del first, last
        return
    if _read_node_narrative(col):
        return
    pairs: dict[tuple[int, int], tuple[int, int, int]] = {}
    micro: list[bool] = []
    for match in itertools.chain(itertools.islice(_FRACTION.finditer(text), _MAX_MENTIONS),
                                 itertools.islice(_OF_NODES.finditer(text), _MAX_MENTIONS)):
        line_start, line_end = _line_span(text, match.start())
        line = text[line_start:line_end]
        if match.re is _FRACTION and not _NODE_LINE.search(line):
            continue
        if match.re is _FRACTION and re.search(r"(?i)\b(?:score|allred|quick|grade|=)\s*$",
                                               text[line_start:match.start()][-12:]):
            continue
        positive, examined = _to_int(match.group(1)), _to_int(match.group(2))
        if positive > examined or examined == 0:
            continue
        if _ITC.search(line) and not re.search(r"(?i)macro|micro", line):
            positive = 0
        if (positive, examined) not in pairs:  # a summary repeating a count is one count
            pairs[(positive, examined)] = (positive, _clause_start(text, match.start()),
                                           match.end())
            if positive:
                micro.append(bool(re.search(r"(?i)micro-?metasta", line)) and
                             not re.search(r"(?i)macro-?metasta", line))
    if pairs:
        positive = sum(k[0] for k in pairs)
        examined = sum(k[1] for k in pairs)
        first = min(v[1] for v in pairs.values())
        last = max(v[2] for v in pairs.values())
        col.found("nodes_positive", positive, first, last,
                  position=min(v[2] for v in pairs.values()) - 1)
        col.found("nodes_examined", examined, first, last)
        if micro and all(micro):
            col.values["nodes_micro_only"] = True


_NARRATIVE_COUNT = re.compile(
    r"(?i:\b(macro|micro)-?metastas[ie]s\s+(?:(?:is|are)\s+)?(?:present\s+)?in\s+"
    + _WORD_NUMBER + r"\s+(?:lymph\s+)?nodes?\b)")
_NARRATIVE_EXAMINED = re.compile(
    r"(?i:\b" + _WORD_NUMBER + r"\s+(?:lymph\s+)?nodes?\s+(?:were\s+)?(?:examined|removed|"
    r"identified|retrieved|received)\b)")


def _read_node_narrative(col: _Collector) -> bool:
    """"macrometastasis in 1 node, micrometastasis in 1 node, isolated tumour cells in 1 node
    (4 nodes examined)": read when both the involved and the examined counts are written out.
    Isolated tumour cells are not counted."""
    text = col.text
    counts = list(itertools.islice(_NARRATIVE_COUNT.finditer(text), _MAX_MENTIONS))
    examined = _NARRATIVE_EXAMINED.search(text)
    if not counts or examined is None:
        return False
    positive = sum(_to_int(m.group(2)) for m in counts)
    total = _to_int(examined.group(1))
    if positive > total:
        return False
    start = min(_clause_start(text, counts[0].start()), counts[0].start())
    end = max(m.end() for m in counts)
    col.found("nodes_positive", positive, start, end, position=counts[0].start())
    col.found("nodes_examined", total, examined.start(), examined.end())
    if all(m.group(1).lower() == "micro" for m in counts):
        col.values["nodes_micro_only"] = True
    return True


def _read_tnm(col: _Collector) -> None:
    text = col.text
    for count, t in enumerate(_TNM_T.finditer(text)):
        if count >= _MAX_MENTIONS:
            break
        prefix = t.group(1).lower()
        if "p" not in prefix:
            continue
        suffix = "".join((t.group(5) or "").split())
        value = f"{prefix}T{t.group(3).lower() if t.group(3).lower() == 'is' else t.group(3).upper()}" \
                f"{t.group(4).lower()}{suffix}"
        col.found("pt", value, t.start(), t.end())
        n = _TNM_N.match(text, t.end() + len(text[t.end():t.end() + 3]) -
                         len(text[t.end():t.end() + 3].lstrip(" ,;")))
        if n is not None:
            _found_n(col, n, n.group(1).lower())
    for count, n in enumerate(_TNM_N.finditer(text)):
        if count >= _MAX_MENTIONS:
            break
        if n.group(1) and "p" in n.group(1).lower() and "pn" not in col.values:
            _found_n(col, n, n.group(1).lower())
    for m in _TNM_M.finditer(text):
        if "pt" in col.values and (m.group(1) or m.group(3) != "x"):
            near = text[max(0, m.start() - 25):m.start()]
            if re.search(r"(?i)p?N[0-3x]", near) or m.group(1):
                value = f"{m.group(1).lower()}M{m.group(3)}{(m.group(4) or '').replace(' ', '')}"
                if m.group(3).lower() != "x":
                    col.found("pm", value, m.start(), m.end())
                break


def _found_n(col: _Collector, n: re.Match[str], prefix: str) -> None:
    suffix = "".join("".join((n.group(5) or "")).split())
    suffix = re.sub(r"\((\w+)", lambda m: "(" + m.group(1).lower(), suffix)
    value = f"{prefix}N{n.group(3).upper()}{n.group(4).lower()}{suffix}"
    col.found("pn", value, n.start(), n.end())


def _read_rcb(col: _Collector) -> None:
    match = _RCB.search(col.text)
    if match is not None:
        raw = match.group(1).upper()
        value = {"1": "I", "2": "II", "3": "III"}.get(raw, raw)
        if re.search(r"(?i)index|score", col.text[match.start():match.end()]) and raw not in \
                ("0", "I", "II", "III"):
            return
        col.found("rcb_class", value, match.start(), match.end())


# --------------------------------------------------------------------------------------------
# Putting it together

_ADDENDUM = re.compile(r"(?im)^[ \t*#-]*(?:addendum|amended|amendment|supplementary report|"
                       r"revised report|corrected report|additional report)\b")


#: Findings a report may state that the reader does not read: each is listed as not read, with
#: the reason, so that nothing the report states is dropped silently. (name, pattern, reason)
_NOT_READ_TOPICS = (
    ("whole_tumour_size", re.compile(r"(?i:\b(?:whole|total|overall) tumou?r (?:size|extent)|"
                                     r"size (?:of the )?(?:whole|total) tumou?r|"
                                     r"(?:size|extent)[^\n.;]{0,20}including DCIS)"),
     "the size of the whole tumour (with any DCIS) is not read; the size used for T is the "
     "largest invasive part"),
    ("dcis", re.compile(r"(?i:\bDCIS\b|ductal carcinoma in situ)"),
     "DCIS (abnormal cells still inside the milk ducts) is not read here; the reader explains "
     "the invasive cancer, and the report's own words about DCIS stand"),
    ("node_deposit_size", re.compile(r"(?i:\b(?:macro|micro)-?metasta\w*\s*[,(:]?\s*"
                                     r"\d{1,2}(?:\.\d{1,2})?\s*(?:mm|cm)|largest (?:nodal |"
                                     r"metastatic )?(?:deposit|metastasis)\w*)"),
     "the size of the cancer in a lymph node is not read; macrometastases (more than 2 mm) "
     "and micrometastases (more than 0.2 mm or more than 200 cells, and at most 2 mm) are "
     "counted as involved nodes (AJCC 8th edition)"),
    ("extranodal_extension", re.compile(r"(?i:\b(?:extra-?nodal|extra-?capsular) "
                                        r"(?:extension|spread)|\bENE\b)"),
     "extranodal extension (cancer growing through the capsule around a lymph node) is not "
     "read here"),
)


def _read_other_mentions(col: _Collector, histologic_type: object) -> None:
    used: set[int] = set()  # lines already listed (a whole size "with DCIS" is not DCIS again)
    for name, pattern, reason in _NOT_READ_TOPICS:
        if name == "dcis" and "in situ" in str(histologic_type or ""):
            continue  # a DCIS-only report: DCIS is the type read and explained
        match = next((m for m in itertools.islice(pattern.finditer(col.text), _MAX_MENTIONS)
                      if name != "dcis" or _line_span(col.text, m.start())[0] not in used), None)
        if match is not None:
            used.add(_line_span(col.text, match.start())[0])
            start = _clause_start(col.text, match.start())
            end = min(_line_span(col.text, match.start())[1], match.end() + 60)
            stop = re.search(r";|\.(?!\d)", col.text[match.end():end])
            col.missed(name, reason, start, match.end() + stop.start() if stop else end)


def read_report(text: str) -> PathologyReport:
    """Read a breast pathology report's text into a :class:`PathologyReport`.

    Each attribute is ``None`` when the report does not state it; nothing is guessed. Lines that
    carry identifiers (name, date of birth, record, NHS or accession numbers, doctors, dates)
    are dropped before reading. Percentages: one stated number ("approximately 95%" is 95);
    a range or an Allred score alone gives ``None`` (listed in ``not_read``). ER and PR status
    follow ASCO/CAP 2020 from a stated percentage, whatever the laboratory's own word (ER 8 %
    is "low positive"); without a percentage, from an Allred score where it settles the class
    (:func:`allred_status`), else from the laboratory's word. HER2: IHC "0" (null and ultralow
    are both "0", ``her2_expression`` keeps which), ISH ratio and average HER2 copies per cell;
    the result follows ASCO/CAP 2018/2023 from the numbers given (IHC 2+ without ISH is
    "equivocal"); values later in the text (an addendum) replace earlier ones. Nodes: macro- and
    micrometastases count, isolated tumour cells do not. ``pt``, ``pn``, ``pm`` as written
    (normalised case, e.g. "pT1c", "ypN1a", "pN0(i+)").

    Raises ``TypeError`` when ``text`` is not a ``str`` and ``ValueError`` when it is longer than
    :data:`MAX_CHARS`. Empty text, or text that is not a report, gives a report with nothing
    read.
    """
    prepared = _prepare(text)
    col = _Collector(prepared)
    if not prepared.strip():
        return PathologyReport()
    _read_type(col)
    _read_grade(col)
    _read_size(col)
    for name, start, wstart, wend in _marker_windows(prepared):
        if name in ("er", "pr"):
            _read_receptor(col, name, start, wstart, wend)
        elif name == "her2":
            _read_her2(col, start, wstart, wend)
        else:
            _read_ki67(col, start, wstart, wend)
    _read_lvi(col)
    _read_margins(col)
    _read_nodes(col)
    _read_tnm(col)
    _read_rcb(col)
    _read_other_mentions(col, col.values.get("histologic_type"))
    return _assemble(col, neoadjuvant=_NEOADJUVANT.search(prepared) is not None)


def _read_ki67(col: _Collector, start: int, wstart: int, wend: int) -> None:
    window = col.text[wstart:wend]
    rng = _RANGE.search(window)
    percent = _PERCENT.search(window)
    if rng is not None and (percent is None or rng.start() <= percent.start() <= rng.end()):
        col.missed("ki67_percent", "a range of percentages, not one number", start,
                   wstart + rng.end())
    elif percent is not None and float(percent.group(1)) <= 100:
        col.found_after("ki67_percent", float(percent.group(1)), (start, wstart),
                        wstart + percent.start(), wstart + percent.end())
    else:
        pending = _PENDING.search(window)
        if pending is not None:
            col.missed("ki67_percent", "the result is not in the report yet (pending)", start,
                       wstart + pending.end())


def _receptor_status(col: _Collector, name: str) -> str | None:
    values = col.values
    if f"{name}_percent" in values:
        return _band_of(float(values[f"{name}_percent"]), name)  # type: ignore[arg-type]
    bound = values.get(f"{name}_bound")
    if isinstance(bound, str):
        status = _status_from_bound(bound, name)
        if status is not None:
            return status
    if f"{name}_allred" in values:
        total, parts = values[f"{name}_allred"]  # type: ignore[misc]
        status = allred_status(total, name.upper(), parts)
        if status is not None:
            return status
    word = values.get(f"{name}_word")
    if isinstance(word, str):
        return "positive" if (name == "pr" and word == "low positive") else word
    return None


def _status_from_bound(written: str, name: str) -> str | None:
    """The class a bound ("<1%", ">10%") or a range ("91-100%") settles, if it settles one."""
    rng = _RANGE.fullmatch(written.strip())
    if rng is not None:
        low, high = float(rng.group(1)), float(rng.group(2))
        if low > high or high > 100:
            return None
        a, b = _band_of(low, name), _band_of(high, name)
        return a if a == b else None
    bound = _BOUND.fullmatch(written.strip())
    if bound is None:
        return None
    sign, value = bound.group(1).lower(), float(bound.group(2))
    if value > 100:
        return None
    if sign in ("<", "less than", "under") and value <= 1:
        return "negative"
    if sign in (">", "greater than", "more than", "over") and value >= 10:
        return "positive"
    if sign in ("≥", "at least") and value > 10:
        return "positive"
    if name == "pr" and sign in (">", "≥", "greater than", "more than", "over", "at least") \
            and value >= 1:
        return "positive"
    return None


def _assemble(col: _Collector, *, neoadjuvant: bool) -> PathologyReport:
    v = col.values
    ihc = v.get("her2_ihc")
    ihc_score, ihc_variant = ihc if isinstance(ihc, tuple) else (None, None)
    allred = {k: v[f"{k}_allred"][0] for k in ("er", "pr") if f"{k}_allred" in v}  # type: ignore[index]
    findings = {k: f for k, f in col.findings.items()}
    if "her2_ihc" in findings:
        findings["her2_ihc"] = replace(findings["her2_ihc"], value=ihc_score)
    for k in ("er", "pr"):
        if f"{k}_allred" in findings:
            findings[f"{k}_allred"] = replace(findings[f"{k}_allred"], value=allred[k])
    report = PathologyReport(
        histologic_type=v.get("histologic_type"),  # type: ignore[arg-type]
        grade=v.get("grade"),  # type: ignore[arg-type]
        tumour_size_mm=v.get("tumour_size_mm"),  # type: ignore[arg-type]
        er_percent=v.get("er_percent"),  # type: ignore[arg-type]
        pr_percent=v.get("pr_percent"),  # type: ignore[arg-type]
        ki67_percent=v.get("ki67_percent"),  # type: ignore[arg-type]
        er_status=_receptor_status(col, "er"),
        pr_status=_receptor_status(col, "pr"),
        er_allred=allred.get("er"),
        pr_allred=allred.get("pr"),
        er_reported=v.get("er_word"),  # type: ignore[arg-type]
        pr_reported=v.get("pr_word"),  # type: ignore[arg-type]
        er_bound=v.get("er_bound"),  # type: ignore[arg-type]
        pr_bound=v.get("pr_bound"),  # type: ignore[arg-type]
        her2_ihc=ihc_score,
        her2_ish_ratio=v.get("her2_ish_ratio"),  # type: ignore[arg-type]
        her2_copies=v.get("her2_copies"),  # type: ignore[arg-type]
        lymphovascular_invasion=v.get("lymphovascular_invasion"),  # type: ignore[arg-type]
        margins=v.get("margins"),  # type: ignore[arg-type]
        nodes_positive=v.get("nodes_positive"),  # type: ignore[arg-type]
        nodes_examined=v.get("nodes_examined"),  # type: ignore[arg-type]
        nodes_micrometastases_only=bool(v.get("nodes_micro_only")),
        isolated_tumour_cells=_ITC.search(col.text) is not None,
        pt=v.get("pt"),  # type: ignore[arg-type]
        pn=v.get("pn"),  # type: ignore[arg-type]
        pm=v.get("pm"),  # type: ignore[arg-type]
        rcb_class=v.get("rcb_class"),  # type: ignore[arg-type]
        neoadjuvant=neoadjuvant,
        findings=tuple(sorted(findings.values(), key=lambda f: f.position)),
        not_read=tuple(sorted(col.misses.values(), key=lambda m: m.position)),
    )
    rules = apply_rules(report, ihc_variant=ihc_variant,
                        lab_her2=v.get("her2_word"),  # type: ignore[arg-type]
                        lab_ish=v.get("her2_ish_word"))  # type: ignore[arg-type]
    her2_result = rules.her2_status
    return replace(report, her2_result=her2_result, her2_expression=rules.her2_expression,
                   rules=rules)


# --------------------------------------------------------------------------------------------
# The adapter to the collection's rules (one place, so that a shared TNM parser can replace it)


def apply_rules(report: PathologyReport, *, ihc_variant: str | None = None,
                lab_her2: str | None = None, lab_ish: str | None = None) -> RuleResults:
    """What the collection's rules make of a report's findings.

    HER2 (:func:`helpers.her2.classify_her2`, ASCO/CAP 2018, affirmed 2023): from the IHC score
    and, when both are given, the ISH ratio and copies. ISH without an IHC score settles groups 1
    (positive) and 5 (negative); groups 2-4 need the IHC score, so the laboratory's word is used.
    Without numbers, the laboratory's word ("not amplified" is negative). T from the invasive
    size (:func:`helpers.staging.t_category`), N from the count of involved nodes
    (:func:`helpers.staging.n_category`, axillary nodes), and the anatomic stage
    (:func:`helpers.staging.anatomic_stage`) only when the report states T, N and M.
    """
    from .her2 import classify_her2, ish_group
    from .staging import anatomic_stage, n_category, t_category

    status = expression = explanation = None
    group = None
    ihc = ihc_variant or report.her2_ihc
    ratio, copies = report.her2_ish_ratio, report.her2_copies
    has_ish = ratio is not None and copies is not None
    try:
        if ihc is not None:
            result = classify_her2(ihc, ratio, copies) if has_ish else classify_her2(ihc)
            status, expression, group = result.status, result.expression, result.ish_group
            explanation = result.explanation
        elif has_ish:
            group = ish_group(ratio, copies)  # type: ignore[arg-type]
            if group in (1, 5):
                status = "positive" if group == 1 else "negative"
                explanation = (f"ISH ratio {ratio:g} with {copies:g} copies is ISH group {group}, "
                               f"{status} whatever the IHC score (ASCO/CAP 2018, affirmed 2023).")
            else:
                status = lab_ish or lab_her2
                explanation = (f"ISH ratio {ratio:g} with {copies:g} copies is ISH group {group}: "
                               f"the guideline needs the IHC score to decide, and the report "
                               f"gives none here" + (f"; the laboratory calls it {status}."
                                                     if status else "."))
        elif lab_ish is not None or lab_her2 is not None:
            status = lab_ish if lab_ish is not None else lab_her2
            explanation = f"The report gives the HER2 result in words only: {status}."
    except ValueError:
        status = expression = explanation = None
    t_size = n_nodes = stage = None
    if report.tumour_size_mm is not None:
        try:
            t_size = t_category(report.tumour_size_mm)
        except ValueError:
            t_size = None
    if report.nodes_positive is not None:
        try:
            n_nodes = n_category(report.nodes_positive, micrometastases_only=(
                report.nodes_micrometastases_only and report.nodes_positive >= 1))
        except ValueError:
            n_nodes = None
    if report.pt and report.pn and report.pm:
        try:
            stage = anatomic_stage(_strip_y(report.pt), _strip_y(report.pn), report.pm)
        except ValueError:
            stage = None
    return RuleResults(status, expression, group, explanation, t_size, n_nodes, stage)


def _strip_y(category: str) -> str:
    """"ypT1c" -> "pT1c", "pT2(m)" -> "pT2", "pN0(i+)(sn)" -> "pN0(i+)" for the stage table."""
    category = re.sub(r"^[yr]+", "", category)
    category = re.sub(r"\((?:m|sn|f|\d+|dcis|paget)\)", "", category, flags=re.I)
    return category


# --------------------------------------------------------------------------------------------
# Explanations in plain words

_VALUE_FIELDS = tuple(f for f in PathologyReport.__dataclass_fields__.values()
                      if f.name not in ("findings", "not_read", "rules", "neoadjuvant",
                                        "nodes_micrometastases_only", "isolated_tumour_cells"))

_TYPE_WORDS = {
    "ductal": "Ductal means the cancer looks like the cells that line the milk ducts. It is "
              "the most common type. It is now often called 'no special type' (NST).",
    "no special type": "No special type (NST) is the most common type. Its cells form no "
                       "special pattern. It used to be called invasive ductal carcinoma.",
    "lobular": "Lobular means the cancer looks like the cells of the milk glands (lobules). "
               "Its cells often grow in single lines.",
}


def _type_meaning(value: str) -> str:
    if "in situ" in value:
        return ("Ductal carcinoma in situ (DCIS) means abnormal cells inside the milk ducts. "
                "They have not grown through the duct wall. It is not invasive cancer.")
    extra = next((text for key, text in _TYPE_WORDS.items() if key in value), "")
    return ("Invasive means the cancer has grown out of the duct or gland where it began, into "
            "the tissue around it. " + extra).strip()


def _explain_item(report: PathologyReport, f: Finding) -> ExplainedFinding | None:
    rules = report.rules
    name = f.field
    if name == "histologic_type":
        return ExplainedFinding(name, f.written, _type_meaning(str(f.value)), "",
                                LESSON_LINKS["histologic_type"])
    if name == "grade":
        words = {1: "look a lot like normal cells (low grade)",
                 2: "look somewhat different from normal cells (middle grade)",
                 3: "look very different from normal cells (high grade)"}[int(f.value)]  # type: ignore[call-overload]
        return ExplainedFinding(
            name, f.written, f"Grade {f.value} of 3. Under the microscope, the cancer cells "
            f"{words}.", "Nottingham system: three features each get 1 to 3 points; a total of "
            "3-5 is grade 1, 6-7 grade 2, 8-9 grade 3.", LESSON_LINKS["grade"])
    if name == "tumour_size_mm":
        rule = (f"AJCC 8th edition: {f.value:g} mm is {rules.t_from_size} by size alone (the size "
                f"is rounded to a whole millimetre first)." if rules.t_from_size else "")
        if report.neoadjuvant:
            rule += " After treatment before surgery, T is given as ypT from the largest " \
                    "remaining invasive focus."
        return ExplainedFinding(name, f.written, f"The largest invasive part of the tumour "
                                f"is {f.value:g} mm ({f.value / 10:g} cm) across.",  # type: ignore[operator]
                                rule.strip(), LESSON_LINKS["tumour_size_mm"])
    if name in ("er_percent", "er_allred", "er_word", "pr_percent", "pr_allred", "pr_word"):
        return _explain_receptor(report, f)
    if name == "ki67_percent":
        return ExplainedFinding(
            name, f.written, f"Ki-67 shows how many cancer cells were growing and dividing: "
            f"{f.value:g} % of them.", "The collection has no Ki-67 rule: laboratories use different "
            "cut-offs, and no guideline cut-off is applied here.", LESSON_LINKS["ki67"])
    if name in ("her2_ihc", "her2_ish_ratio", "her2_copies", "her2_word"):
        return _explain_her2(report, f)
    if name == "lymphovascular_invasion":
        meaning = ("Cancer cells were seen inside small blood or lymph vessels near the tumour."
                   if f.value else "No cancer cells were seen inside small blood or lymph "
                   "vessels.")
        return ExplainedFinding(name, f.written, meaning, "", LESSON_LINKS[name])
    if name == "margins":
        meaning = ("The edges of the removed tissue are free of invasive cancer."
                   if f.value == "negative" else "Invasive cancer reaches an edge of the "
                   "removed tissue.")
        return ExplainedFinding(name, f.written, meaning, "Read for invasive carcinoma: "
                                "DCIS at an edge does not make this positive.", LESSON_LINKS[name])
    if name == "nodes_positive":
        meaning = (f"{report.nodes_positive} of the {report.nodes_examined} lymph nodes looked at "
                   f"{'has' if report.nodes_positive == 1 else 'have'} cancer in "
                   f"{'it' if report.nodes_positive == 1 else 'them'}."
                   + (" The report also mentions isolated tumour cells: a few lone cancer "
                      "cells, which are not counted." if report.isolated_tumour_cells else "")
                   if report.nodes_examined is not None else
                   f"{report.nodes_positive} lymph nodes contain cancer.")
        count = report.nodes_positive
        rule = (f"AJCC 8th edition, counting armpit (axillary) nodes: {count} involved "
                f"node{'' if count == 1 else 's'} gives {rules.n_from_nodes} (none N0; 1-3 N1; "
                f"4-9 N2; 10 or more N3; N1mi when every deposit is a micrometastasis)."
                if rules.n_from_nodes else "")
        return ExplainedFinding("nodes", f.written, meaning, rule, LESSON_LINKS["nodes"])
    if name == "nodes_examined":
        return None  # explained with nodes_positive
    if name == "pt":
        meaning = ("T tells the size and reach of the tumour. The p means the pathologist "
                   "measured it." + (" The y means after treatment given before surgery."
                                     if str(f.value).startswith("y") else ""))
        rule = ""
        if rules.t_from_size:
            same = _strip_y(str(f.value))[1:].upper().startswith(rules.t_from_size.upper())
            rule = (f"The size given, {report.tumour_size_mm:g} mm, is {rules.t_from_size}: "
                    + ("it agrees." if same else "the report's T differs; T can also depend on "
                       "the skin or chest wall, or on another focus, so ask how it was set."))
        return ExplainedFinding(name, f.written, meaning, rule, LESSON_LINKS["pt"])
    if name == "pn":
        meaning = "N tells if there is cancer in the lymph nodes, and how much."
        if "(i+)" in str(f.value):
            meaning += " (i+) means only a few lone cancer cells: this counts as N0."
        return ExplainedFinding(name, f.written, meaning, _stage_rule(report),
                                LESSON_LINKS["pn"])
    if name == "pm":
        return ExplainedFinding(name, f.written, "M tells if the cancer has spread to far parts "
                                "of the body.", _stage_rule(report), LESSON_LINKS["pm"])
    if name == "rcb_class":
        meaning = ("Residual cancer burden (RCB) is how much invasive cancer was left after "
                   "treatment given before surgery. It goes from 0 to III. "
                   + ("RCB-0 means none was left (a complete response)."
                      if f.value == "0" else "A higher class means more cancer was left."))
        return ExplainedFinding("rcb", f.written, meaning, "", LESSON_LINKS["rcb"])
    return None


def _stage_rule(report: PathologyReport) -> str:
    if report.rules.stage is None:
        if report.pt and report.pn and not report.pm:
            return ("No stage group here: the report does not state M (distant spread), which "
                    "is found by other tests.")
        return ""
    return (f"AJCC 8th edition anatomic stage table: {report.pt} {report.pn} {report.pm} is stage "
            f"{report.rules.stage} (the anatomic table; registries now use prognostic stage, which "
            f"also uses grade and receptors).")


def _explain_receptor(report: PathologyReport, f: Finding) -> ExplainedFinding:
    name = f.field[:2]
    label = "Estrogen receptor (ER)" if name == "er" else "Progesterone receptor (PR)"
    status = report.er_status if name == "er" else report.pr_status
    hormone = "estrogen" if name == "er" else "progesterone"
    if f.field.endswith("percent") and f.value == 0:
        meaning = (f"{label}: none of the cancer cells stained, so none showed receptors for "
                   f"the hormone {hormone}.")
    elif f.field.endswith("percent") and float(f.value) < 1:  # type: ignore[arg-type]
        meaning = (f"{label}: {f.value:g} % of the cancer cells stained: fewer than 1 cell in "
                   f"100.")
    elif f.field.endswith("percent"):
        meaning = (f"{label}: {f.value:g} % of the cancer cells stained. These cells have "
                   f"receptors for the hormone {hormone}.")
    elif f.field.endswith("allred"):
        meaning = (f"{label}: an Allred score of {f.value} out of 8. It adds a score for how "
                   f"many cells stained (0 to 5) and one for how strongly (0 to 3). A "
                   f"positive result means the cancer cells have receptors for the hormone "
                   f"{hormone}.")
    else:
        meaning = f"{label}: the report says {f.value}."
    if status is None:
        rule = ("The report's numbers do not settle the ASCO/CAP 2020 class (an Allred score of "
                "3 to 5 can come from under 1 % or from more cells).")
    elif f.field.endswith("percent"):
        bands = ("under 1 % negative, 1-10 % low positive, over 10 % positive" if name == "er"
                 else "under 1 % negative, 1 % or more positive")
        rule = f"ASCO/CAP 2020 ({bands}): {status}."
        reported = report.er_reported if name == "er" else report.pr_reported
        if reported is not None and reported != status:
            rule += (f" The report's own word is {reported!r}; the guideline's class from the "
                     f"number is {status!r}.")
    elif f.field.endswith("allred"):
        percent = report.er_percent if name == "er" else report.pr_percent
        rule = (f"The percentage, {percent:g} %, decides the ASCO/CAP 2020 class; the Allred "
                f"score is another scale for the same stain." if percent is not None else
                f"With no percentage given, the Allred score settles the ASCO/CAP 2020 class: "
                f"{status}.")
    else:
        bound = report.er_bound if name == "er" else report.pr_bound
        settled = _status_from_bound(bound, name) if bound else None
        rule = (f"The report gives {bound!r} of cells, which settles the ASCO/CAP 2020 class: "
                f"{status}." if settled is not None else
                f"With no single number given, the laboratory's word is kept: {status}.")
    if name == "er" and status == "low positive":
        rule += (" ER-low positive tumours count as hormone-receptor positive, but the guideline "
                 "notes they vary and often behave like ER-negative ones.")
    return ExplainedFinding(name, f.written, meaning, rule, LESSON_LINKS[name])


def _explain_her2(report: PathologyReport, f: Finding) -> ExplainedFinding:
    rules = report.rules
    if f.field == "her2_ihc":
        meaning = {"0": "HER2 IHC 0: little or no HER2 protein was seen on the cells.",
                   "1+": "HER2 IHC 1+: a faint stain for HER2 on part of each cell's edge.",
                   "2+": "HER2 IHC 2+: a weak to medium stain all round the cells. This is "
                         "borderline, so a gene test (ISH) decides.",
                   "3+": "HER2 IHC 3+: a strong stain all round the cells. There is a lot of "
                         "HER2 protein."}[str(f.value)]
    elif f.field == "her2_ish_ratio":
        meaning = (f"ISH ratio {f.value:g}. It compares copies of the HER2 gene with a marker on "
                   f"the same chromosome. A ratio of 2.0 or more is high.")
    elif f.field == "her2_copies":
        meaning = (f"On average, each cell has {f.value:g} copies of the HER2 gene. Normal cells "
                   f"have about 2.")
    else:
        meaning = f"HER2: the report says {f.value}."
    rule = ""
    if rules.her2_status is not None and f.field in ("her2_ihc", "her2_word") or (
            f.field == "her2_copies" and rules.her2_ish_group is not None):
        rule = _her2_rule(report)
    link = {"her2_ihc": LESSON_LINKS["her2_ihc"], "her2_word": LESSON_LINKS["her2_result"]}.get(
        f.field, LESSON_LINKS["her2_ish"])
    return ExplainedFinding("her2", f.written, meaning, rule, link)


def _her2_rule(report: PathologyReport) -> str:
    rules = report.rules
    parts = []
    if rules.her2_ish_group is not None:
        parts.append(f"ISH group {rules.her2_ish_group}")
    parts.append(f"HER2-{rules.her2_status}")
    if report.her2_ihc is None and rules.her2_ish_group is None:
        return rules.her2_explanation or ""  # the laboratory's word only
    expression = {"low": "HER2-low", "ultralow": "HER2-ultralow", "null": "HER2-null"}.get(
        rules.her2_expression or "", "")
    text = "ASCO/CAP 2018, affirmed 2023: " + ", ".join(parts)
    if rules.her2_expression == "0 (not subclassified)":
        text += ("; the report does not say whether this IHC 0 is HER2-null (no staining) or "
                 "HER2-ultralow (faint staining in up to 10 % of cells)")
    if expression:
        text += f"; with IHC {report.her2_ihc} this is {expression}"
        if expression.startswith("HER2-l") or expression.startswith("HER2-u"):
            text += (" (a name for a small amount of HER2 in a cancer that is still "
                     "HER2-negative; it is not a separate test result)")
    if rules.her2_status == "equivocal":
        text += " until the ISH result is in"
    return text + "."


def _explain(report: PathologyReport) -> Explanation:
    items = []
    for f in report.findings:
        item = _explain_item(report, f)
        if item is not None:
            items.append(item)
    return Explanation(tuple(items), report.not_read)


_READABLE = MappingProxyType({
    "histologic_type": "type", "grade": "grade", "tumour_size_mm": "size", "er": "ER",
    "pr": "PR", "ki67_percent": "Ki-67", "her2": "HER2", "lymphovascular_invasion":
    "lymphovascular invasion", "margins": "margins", "nodes": "lymph nodes", "pt": "pT",
    "pn": "pN", "pm": "M", "rcb": "residual cancer burden",
    "er_percent": "ER", "pr_percent": "PR", "her2_result": "HER2", "her2_ish_ratio": "HER2 ISH",
    "dcis": "DCIS", "whole_tumour_size": "whole tumour size",
    "node_deposit_size": "size of the cancer in a node",
    "extranodal_extension": "extranodal extension",
})


#: The class of the findings table. Under 600 px (a phone) each row becomes a block with the
#: column name before each cell, so no column is cut off and nothing needs sideways scrolling.
TABLE_CLASS = "her2neg-report-findings"
_COLUMNS = ("Finding", "As written", "In plain words", "The collection's rule", "Learn more")
TABLE_CSS = f"""
.{TABLE_CLASS} {{ border-collapse: collapse; width: 100%; max-width: 60em; }}
.{TABLE_CLASS} caption {{ text-align: left; font-weight: bold; white-space: normal;
  overflow-wrap: break-word; padding: 4px 0; }}
.{TABLE_CLASS} th, .{TABLE_CLASS} td {{ text-align: left; vertical-align: top; padding: 4px 6px;
  border-bottom: 1px solid #ccc; white-space: normal; overflow-wrap: break-word; }}
@media (max-width: 600px) {{
  .{TABLE_CLASS}, .{TABLE_CLASS} tbody, .{TABLE_CLASS} tr, .{TABLE_CLASS} td {{
    display: block; width: 100%; box-sizing: border-box; }}
  .{TABLE_CLASS} caption {{ display: block; width: 100%; }}
  .{TABLE_CLASS} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }}
  .{TABLE_CLASS} tr {{ border: 1px solid #999; border-radius: 4px; margin: 0 0 10px 0; }}
  .{TABLE_CLASS} td {{ border-bottom: none; padding: 3px 8px; }}
  .{TABLE_CLASS} td:empty {{ display: none; }}
  .{TABLE_CLASS} td::before {{ content: attr(data-label) ": "; font-weight: bold; }}
}}
"""


def _cells(*cells: str) -> str:
    return "".join(f'<td data-label="{label}">{cell}</td>' if cell else f'<td data-label="{label}"></td>'
                   for label, cell in zip(_COLUMNS, cells, strict=True))


def explanation_html(explained: Explanation, link_base: str = "") -> str:
    """An HTML table of the explained findings, with the education-only note first.

    ``link_base`` goes before each lesson link. The table carries its own style sheet
    (:data:`TABLE_CSS`): on a narrow screen each finding is a block of labelled lines.
    """
    esc = html.escape
    rows = []
    for item in explained.items:
        link = (f'<a href="{esc(link_base + item.link)}" target="_blank">'
                f"{esc(lesson_link_name(item.link))}</a>")
        rows.append("<tr>" + _cells(esc(_READABLE.get(item.field, item.field)),
                                    f"<q>{esc(item.written)}</q>", esc(item.meaning),
                                    esc(item.rule), link) + "</tr>")
    for miss in explained.not_read:
        rows.append("<tr>" + _cells(esc(_READABLE.get(miss.field, miss.field)),
                                    f"<q>{esc(miss.written)}</q>",
                                    f"Not read: {esc(miss.reason)}.", "", "") + "</tr>")
    rest = explained.note
    if rest.startswith("This collection is for education only. "):
        rest = rest[len("This collection is for education only. "):]
    note = f'<p role="note"><strong>For education only.</strong> {esc(rest)}</p>'
    if not rows:
        return note + "<p>No findings were read from this text.</p>"
    head = "<tr>" + "".join(f"<th scope='col'>{c}</th>" for c in _COLUMNS) + "</tr>"
    return (f"<style>{TABLE_CSS}</style>" + note
            + f'<table class="{TABLE_CLASS}"><caption>What the report states, in reading '
            f"order</caption><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
