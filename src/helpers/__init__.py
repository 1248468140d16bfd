"""helpers: the tested library behind the HER2-negative breast cancer teaching collection.

One module per concept: ``survival`` (SEER relative survival table), ``kaplan_meier``
(Kaplan-Meier curves and the log-rank test on the GBSG2 trial data),
``her2`` (ASCO/CAP HER2 testing), ``receptors`` (ASCO/CAP ER/PR testing and other scales),
``subtype`` (SEER subtypes), ``staging`` (AJCC 8th edition anatomic stage and SEER summary
stage), ``treatment`` (teaching model of treatment options), ``plots``, ``widgets``,
``exercises`` and ``palette``.

For education only: nothing here is for decisions about a person's care.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: Where the collection's data files live (read-only: nothing here writes into it).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"

DISCLAIMER = (
    "This collection is for education only. It is not medical advice and must not be used "
    "for decisions about any person's care."
)
