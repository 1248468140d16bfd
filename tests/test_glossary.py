"""The glossary is in alphabetical order and each entry points to the lessons that teach it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "notebooks" / "glossary.md"
LESSONS = ROOT / "lessons"
ENTRY = re.compile(r'<a id="([^"]+)"></a>\n### ([^\n]+)\n(.*?)(?=\n<a id="|\Z)', re.S)
POINTER = re.compile(r"\[Lesson (\d+)\]\(([^)#]+)\)")


def entries(text: str) -> list[tuple[str, str, str]]:
    """(anchor, heading, body) of each entry, in the order they appear."""
    return ENTRY.findall(text)


def sort_key(heading: str) -> str:
    return heading.casefold()


def order_problems(text: str) -> list[str]:
    headings = [heading for _, heading, _ in entries(text)]
    return [f"{b!r} comes after {a!r}" for a, b in zip(headings, headings[1:])
            if sort_key(b) < sort_key(a)]


def pointer_problems(text: str, lessons: Path = LESSONS) -> list[str]:
    """Each "[Lesson N](NN_name.ipynb)" names the right file, and that lesson links the entry."""
    problems = []
    for anchor, heading, body in entries(text):
        pointers = POINTER.findall(body)
        if not pointers:
            problems.append(f"{heading!r} names no lesson")
        for number, target in pointers:
            if not re.fullmatch(rf"0?{number}_[a-z0-9_]+\.ipynb", target):
                problems.append(f"{heading!r}: 'Lesson {number}' links to {target}")
                continue
            source = lessons / target.replace(".ipynb", ".py")
            if not source.is_file():
                problems.append(f"{heading!r}: no lesson source for {target}")
            elif f"glossary.md#{anchor})" not in source.read_text(encoding="utf-8"):
                problems.append(f"{heading!r} points to lesson {number}, which never links "
                                f"glossary.md#{anchor}")
    return problems


def test_glossary_is_alphabetical() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    assert len(entries(text)) == text.count('<a id="'), "an entry does not follow the format"
    assert not order_problems(text), order_problems(text)


def test_every_lesson_pointer_names_a_lesson_that_teaches_the_term() -> None:
    problems = pointer_problems(GLOSSARY.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_the_checks_can_fail(tmp_path: Path) -> None:
    unsorted = ('<a id="tnm"></a>\n### TNM\nText. [Lesson 3](03_staging.ipynb)\n\n'
                '<a id="biopsy"></a>\n### Biopsy\nText. [Lesson 6](06_patient_path.ipynb)\n')
    assert order_problems(unsorted) == ["'Biopsy' comes after 'TNM'"]
    (tmp_path / "03_staging.py").write_text("# see [TNM](glossary.md#tnm)\n")
    (tmp_path / "06_patient_path.py").write_text("# a biopsy, never linked\n")
    wrong_number = '<a id="tnm"></a>\n### TNM\nText. [Lesson 2](03_staging.ipynb)\n'
    assert pointer_problems(unsorted, tmp_path) == [
        "'Biopsy' points to lesson 6, which never links glossary.md#biopsy"]
    assert pointer_problems(wrong_number, tmp_path) == [
        "'TNM': 'Lesson 2' links to 03_staging.ipynb"]
