"""Print the nbgitpuller link that gives a class the collection on a JupyterHub.

A student who opens the link signs in to the hub; nbgitpuller then clones the repository into
their home folder (or, on later clicks, merges updates without overwriting their changes) and
opens the start page in JupyterLab. The hub's image needs the helpers package installed
(``pip install -c requirements.txt .`` from a clone, or the wheel built from it): the pulled
notebooks import that installed copy, which carries its own data files. See
``instructors/guide.md``, "Running the collection on your JupyterHub".

Usage::

    python3 tools/nbgitpuller_link.py https://hub.example.edu
    python3 tools/nbgitpuller_link.py https://hub.example.edu --branch class-2026 \\
        --path notebooks/04_survival.ipynb
    python3 tools/nbgitpuller_link.py https://hub.example.edu \\
        --repo https://github.com/YOUR-ACCOUNT/her2neg-class   # a graded class's student tree

The link follows the one nbgitpuller's own link generator makes for JupyterLab:
``HUB/hub/user-redirect/git-pull?repo=...&urlpath=lab/tree/REPO-NAME/PATH&branch=...``.
nbgitpuller follows a *branch* (each later click merges ``origin/BRANCH``), so to freeze the
collection for class day, make a branch at the commit you tested and name that branch here.
A graded class pulls the student-only tree (``make student-tree``), published as its own
repository, instead of this one, which holds every answer.
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import urlencode, urlsplit

REPO = "https://github.com/her2neg-teaching/her2neg-teaching"
BRANCH = "main"
START_PAGE = "notebooks/00_start_here.ipynb"


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: its last path part, without ``.git``."""
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1]
    return name.removesuffix(".git")


def nbgitpuller_link(hub: str, repo: str = REPO, branch: str = BRANCH,
                     path: str = START_PAGE) -> str:
    """The nbgitpuller link that pulls ``repo`` at ``branch`` onto ``hub`` and opens ``path``
    (relative to the repository) in JupyterLab.

    Raises ``ValueError`` naming the field when the hub or repository is not an http(s) address,
    or when the branch or path is empty or malformed.
    """
    hub = hub.strip()
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"hub must be the hub's web address, starting with https:// "
                         f"(e.g. https://hub.example.edu); got {hub!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"hub must be the hub's address without ?query or #fragment; got {hub!r}")
    repo = repo.strip()
    repo_parts = urlsplit(repo)
    if repo_parts.scheme not in ("http", "https") or not repo_parts.netloc \
            or not repo_folder(repo):
        raise ValueError(f"repo must be the repository's https:// address; got {repo!r}")
    branch = branch.strip()
    if not branch or any(c.isspace() for c in branch) or branch.startswith("-"):
        raise ValueError(f"branch must be a branch name without spaces (e.g. main); got {branch!r}")
    path = path.strip().lstrip("/")
    if not path or ".." in path.split("/"):
        raise ValueError(f"path must be a file inside the repository, e.g. {START_PAGE}; "
                         f"got {path!r}")
    base = hub.rstrip("/") + "/"
    query = urlencode({"repo": repo, "urlpath": f"lab/tree/{repo_folder(repo)}/{path}",
                       "branch": branch})
    return f"{base}hub/user-redirect/git-pull?{query}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default=REPO, help=f"repository to pull (default {REPO})")
    parser.add_argument("--branch", default=BRANCH, help=f"branch to follow (default {BRANCH})")
    parser.add_argument("--path", default=START_PAGE,
                        help=f"file to open, inside the repository (default {START_PAGE})")
    args = parser.parse_args(argv)
    try:
        print(nbgitpuller_link(args.hub, args.repo, args.branch, args.path))
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
