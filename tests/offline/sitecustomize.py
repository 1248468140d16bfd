"""Start-up hook for processes the tests start (notebook kernels): block the network.

Active only when ``HER2NEG_OFFLINE=1`` and this folder is on ``PYTHONPATH`` (see block.py).
"""

import os

if os.environ.get("HER2NEG_OFFLINE") == "1":
    import block

    block.install()
