"""helpers: the tested library behind the HER2-negative breast cancer teaching collection.

One module per concept: ``survival`` (SEER relative survival table), ``kaplan_meier``
(Kaplan-Meier curves and the log-rank test on the GBSG2 trial data),
``her2`` (ASCO/CAP HER2 testing), ``receptors`` (ASCO/CAP ER/PR testing and other scales),
``subtype`` (SEER subtypes), ``staging`` (AJCC 8th edition anatomic stage and SEER summary
stage), ``treatment`` (teaching model of treatment options), ``plots``, ``widgets``,
``exercises``, ``tables`` (tables shown in words for readers) and ``palette``.

For education only: nothing here is for decisions about a person's care.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__version__ = "0.1.0"


def _find_data_dir() -> Path:
    """The folder of the collection's data files.

    An installed wheel carries them inside the package, as ``helpers/data`` (the build copies
    them from the repository's ``data/``). An editable install from a checkout has no packaged
    copy, and uses the repository's ``data/``, which authors edit.
    """
    packaged = resources.files(__name__) / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"


#: Where the collection's data files live (read-only: nothing here writes into it).
DATA_DIR = _find_data_dir()

DISCLAIMER = (
    "This collection is for education only. It is not medical advice and must not be used "
    "for decisions about any person's care."
)
