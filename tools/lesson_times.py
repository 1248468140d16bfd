"""How long each lesson takes: the one table that every time estimate in the collection follows.

The start page's lesson table, the **Time:** line in each lesson's header and the instructor
guide's class plans all quote these minutes; ``tests/test_lesson_times.py`` compares them with
this table and adds up each plan. Change a time here first, then in those three places.

Reading minutes cover the text, figures, widgets and the "Think", "Question" and "Try" prompts;
exercise minutes cover the exercises and the concept checks. They are estimates for a student
who has read the lessons before it, at a steady pace.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LessonTime", "LESSON_TIMES", "SETUP_MINUTES", "CLASS_MINUTES", "MIN_BUFFER_MINUTES",
           "lesson_time", "minutes"]


@dataclass(frozen=True)
class LessonTime:
    """One lesson's estimate, in whole minutes."""

    number: int
    name: str  # the lesson's file stem, e.g. "04_survival"
    reading: int
    exercises: int

    @property
    def total(self) -> int:
        return self.reading + self.exercises


LESSON_TIMES: tuple[LessonTime, ...] = (
    LessonTime(0, "00_start_here", reading=10, exercises=0),
    LessonTime(1, "01_her2_biology", reading=20, exercises=10),
    LessonTime(2, "02_classification", reading=25, exercises=20),
    LessonTime(3, "03_staging", reading=30, exercises=20),
    LessonTime(4, "04_survival", reading=20, exercises=20),
    LessonTime(5, "05_treatment", reading=30, exercises=15),
    LessonTime(6, "06_patient_path", reading=20, exercises=10),
    LessonTime(7, "07_capstone", reading=10, exercises=35),
    LessonTime(8, "08_read_your_report", reading=20, exercises=10),
)

#: A class plan starts with this many minutes for logging in, opening the start page and the
#: education-only note.
SETUP_MINUTES = 10
#: The length of one class session.
CLASS_MINUTES = 90
#: A class plan ends with at least this many spare minutes (questions, a slow login, a restart).
MIN_BUFFER_MINUTES = 5


def lesson_time(number: int) -> LessonTime:
    """The estimate for lesson ``number`` (0 to 8). Raises ``ValueError`` for any other number."""
    for entry in LESSON_TIMES:
        if entry.number == number:
            return entry
    raise ValueError(f"number must be a lesson number from 0 to {len(LESSON_TIMES) - 1}; "
                     f"got {number!r}")


def minutes(number: int, part: str = "total") -> int:
    """Minutes for one part of lesson ``number``: ``"reading"``, ``"exercises"`` or ``"total"``.

    Raises ``ValueError`` for an unknown lesson or part.
    """
    entry = lesson_time(number)
    parts = {"reading": entry.reading, "exercises": entry.exercises, "total": entry.total}
    key = part.strip().lower() if isinstance(part, str) else part
    if key not in parts:
        raise ValueError(f"part must be one of {sorted(parts)}; got {part!r}")
    return parts[key]
