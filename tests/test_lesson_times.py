"""Every time estimate follows tools/lesson_times.py, and the class plans fit their sessions.

The start page's lesson table, each lesson's **Time:** line and the instructor guide's plans and
homework all quote the same reading and exercise minutes; each plan starts with the setup time,
ends with a buffer and adds up to the session length.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import lesson_times as lt  # noqa: E402

GUIDE = ROOT / "instructors" / "guide.md"
START = ROOT / "lessons" / "00_start_here.py"
TIME_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes \((\d+) reading, (\d+) exercises\)\.")
START_ROW = re.compile(r"^# \| (\d) \| \[[^\]]+\]\((\d\d)_\w+\.ipynb\) \|[^|]+\| (\d+) min \| "
                       r"(\d+) min \| (\d+) min \|$", re.M)
PLAN_ROW = re.compile(r"^\| (\d+)–(\d+) \| (\d+) \| ([^|]+?) \|", re.M)
# "lesson 3 (50 min: 30 reading, 20 exercises)", "lesson 5 exercises (15 min)",
# "lesson 2 (25 min reading)", "[Lesson 6, ...](...) (20 min reading; exercises 10 min)"
FULL = re.compile(r"lesson (\d)\W*\s+\((\d+) min:\s+(\d+) reading,\s+(\d+)\s+exercises\)", re.I)
PART = re.compile(r"lesson (\d)\s+(reading|exercises)\s+\((\d+) min\)", re.I)
READING = re.compile(r"lesson (\d)[^()\n]*?(?:\]\([^)]*\))?\s+\((\d+) min reading"
                     r"(?:;\s+exercises\s+(\d+) min)?\)", re.I)


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    level = heading.split(" ", 1)[0]
    rest = text[start + len(heading):]
    match = re.search(rf"\n{level} ", rest)
    return rest[:match.start()] if match else rest


def plan_problems(table: str, session: int = lt.CLASS_MINUTES) -> list[str]:
    """What is wrong with one plan table (rows "| start–end | minutes | part | ... |")."""
    rows = PLAN_ROW.findall(table)
    if not rows:
        return ["no plan rows"]
    problems, clock = [], 0
    for start, end, minutes, part in rows:
        start, end, minutes = int(start), int(end), int(minutes)
        if start != clock:
            problems.append(f"{part} starts at {start}, not at {clock}")
        if end - start != minutes:
            problems.append(f"{part}: {start}–{end} is not {minutes} minutes")
        clock = end
        lesson = re.fullmatch(r"Lesson (\d)(?:, (reading|exercises))?", part)
        if lesson:
            expected = lt.minutes(int(lesson.group(1)), lesson.group(2) or "total")
            if minutes != expected:
                problems.append(f"{part} takes {expected} minutes, not {minutes}")
        elif part not in ("Setup", "Buffer"):
            problems.append(f"unknown part {part!r}")
    if rows[0][3] != "Setup" or int(rows[0][2]) != lt.SETUP_MINUTES:
        problems.append(f"a plan starts with {lt.SETUP_MINUTES} minutes of setup")
    if rows[-1][3] != "Buffer" or int(rows[-1][2]) < lt.MIN_BUFFER_MINUTES:
        problems.append(f"a plan ends with a buffer of at least {lt.MIN_BUFFER_MINUTES} minutes")
    if clock != session:
        problems.append(f"the plan adds up to {clock} minutes, not {session}")
    return problems


def quoted_time_problems(text: str) -> list[str]:
    """Every "lesson N (... min ...)" in prose agrees with the table."""
    problems = []
    for number, total, reading, exercises in FULL.findall(text):
        entry = lt.lesson_time(int(number))
        if (int(total), int(reading), int(exercises)) != (entry.total, entry.reading,
                                                          entry.exercises):
            problems.append(f"lesson {number}: {total} min ({reading} + {exercises}) should be "
                            f"{entry.total} ({entry.reading} + {entry.exercises})")
    for number, part, minutes in PART.findall(text):
        if int(minutes) != lt.minutes(int(number), part):
            problems.append(f"lesson {number} {part}: {minutes} min should be "
                            f"{lt.minutes(int(number), part)}")
    for number, reading, exercises in READING.findall(text):
        entry = lt.lesson_time(int(number))
        if int(reading) != entry.reading or (exercises and int(exercises) != entry.exercises):
            problems.append(f"lesson {number}: {reading} min reading / {exercises or '-'} "
                            f"exercises should be {entry.reading} / {entry.exercises}")
    return problems


def test_the_table_covers_every_lesson_once() -> None:
    names = sorted(p.stem for p in (ROOT / "lessons").glob("*.py"))
    assert [t.name for t in lt.LESSON_TIMES] == names
    assert [t.number for t in lt.LESSON_TIMES] == list(range(len(names)))
    assert all(t.reading > 0 and t.exercises >= 0 for t in lt.LESSON_TIMES)


@pytest.mark.parametrize("entry", [t for t in lt.LESSON_TIMES if t.number > 0],
                         ids=lambda t: t.name)
def test_each_lesson_header_gives_its_time(entry: lt.LessonTime) -> None:
    text = (ROOT / "lessons" / f"{entry.name}.py").read_text(encoding="utf-8")
    found = TIME_LINE.findall(text)
    assert found == [(str(entry.total), str(entry.reading), str(entry.exercises))]


def test_start_page_table_gives_each_lesson_time() -> None:
    rows = START_ROW.findall(START.read_text(encoding="utf-8"))
    assert len(rows) == len(lt.LESSON_TIMES) - 1
    for number, file_number, reading, exercises, total in rows:
        entry = lt.lesson_time(int(number))
        assert int(file_number) == entry.number
        assert (int(reading), int(exercises), int(total)) == (entry.reading, entry.exercises,
                                                              entry.total)


@pytest.mark.parametrize("heading", ["## A 90-minute class", "### Session 1", "### Session 2"])
def test_each_class_plan_adds_up(heading: str) -> None:
    problems = plan_problems(_section(GUIDE.read_text(encoding="utf-8"), heading))
    assert not problems, problems


def test_times_quoted_in_the_guide_and_the_start_page_agree() -> None:
    for path in (GUIDE, START):
        assert not quoted_time_problems(path.read_text(encoding="utf-8")), path.name


def test_self_study_path_starts_with_lesson_6_and_gives_reading_times() -> None:
    section = _section(GUIDE.read_text(encoding="utf-8"), "## Self-study path for lay readers")
    lessons = [int(n) for n, _, _ in READING.findall(section)]
    assert lessons[0] == 6
    assert {6, 1, 4, 5} <= set(lessons)
    assert "(10 min reading)" in section  # the start page, lesson 0
    assert not quoted_time_problems(section)


def test_the_checks_can_fail() -> None:
    over = ("| 0–10 | 10 | Setup | x |\n| 10–40 | 30 | Lesson 1 | x |\n"
            "| 40–85 | 45 | Lesson 2 | x |\n| 85–95 | 10 | Buffer | x |\n")
    assert plan_problems(over) == ["the plan adds up to 95 minutes, not 90"]
    wrong = ("| 0–10 | 10 | Setup | x |\n| 10–35 | 25 | Lesson 1 | x |\n"
             "| 35–80 | 45 | Lesson 2 | x |\n| 80–90 | 10 | Buffer | x |\n")
    assert plan_problems(wrong) == ["Lesson 1 takes 30 minutes, not 25"]
    no_buffer = "| 0–10 | 10 | Setup | x |\n| 10–40 | 30 | Lesson 1, exercises | x |\n"
    assert "Lesson 1, exercises takes 10 minutes, not 30" in plan_problems(no_buffer, 40)
    assert quoted_time_problems("homework: lesson 3 (45 min: 30 reading, 15 exercises)")
    assert quoted_time_problems("then lesson 5 exercises (20 min)")
    assert quoted_time_problems("[Lesson 6, x](06.ipynb) (25 min reading; exercises 10 min)")
    assert not quoted_time_problems("lesson 2 (25 min reading)")


def test_minutes_rejects_unknown_lessons_and_parts() -> None:
    assert lt.minutes(4, " Reading ") == lt.lesson_time(4).reading
    with pytest.raises(ValueError, match="number"):
        lt.minutes(len(lt.LESSON_TIMES))
    with pytest.raises(ValueError, match="part"):
        lt.minutes(1, "homework")
