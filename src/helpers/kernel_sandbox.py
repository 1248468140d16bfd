"""Start a command (a grading kernel) with some folders read-only: run by
:func:`helpers.nbgrader_grading.sandbox_command` inside new user, mount and PID namespaces.

``python -m helpers.kernel_sandbox --read-only DIR [--read-only DIR ...] -- COMMAND ...``

In the new namespaces this process may change mounts: it makes each ``DIR`` a read-only bind
mount of itself, gives the command its own scratch folders for IPython and matplotlib (in
memory, gone when it ends), then
starts the command in one more user namespace, where it can no longer change mounts (so it cannot
make the folders writable again). Being in a new PID namespace, every process the command starts
ends when it ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile


def _read_only(path: str) -> None:
    subprocess.run(["mount", "--bind", path, path], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", path], check=True)


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print("usage: python -m helpers.kernel_sandbox --read-only DIR ... -- COMMAND ...",
              file=sys.stderr)
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    if not command or len(options) % 2 or any(o != "--read-only" for o in options[::2]):
        print("usage: python -m helpers.kernel_sandbox --read-only DIR ... -- COMMAND ...",
              file=sys.stderr)
        return 2
    for path in options[1::2]:
        if os.path.isdir(path):
            _read_only(os.path.realpath(path))
    # Scratch space in memory, seen by this kernel only, gone when it ends: a fresh tmpfs over
    # /dev/shm (which hides the machine's own), or over a new folder where there is none.
    memory = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.mkdtemp(prefix="grading-")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m,mode=1777", "tmpfs", memory],
                   check=True)
    scratch = tempfile.mkdtemp(prefix="kernel-", dir=memory)
    os.environ.update(IPYTHONDIR=os.path.join(scratch, "ipython"),
                      MPLCONFIGDIR=os.path.join(scratch, "matplotlib"), HOME=scratch)
    unshare = shutil.which("unshare") or "unshare"
    os.execvp(unshare, [unshare, "--user", "--map-root-user", "--", *command])
    return 1  # not reached


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
