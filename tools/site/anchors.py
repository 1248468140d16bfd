"""Heading anchors of the site, as JupyterLab writes them (see conf.py)."""


def jupyterlab_anchor(heading: str) -> str:
    """A heading's anchor as JupyterLab writes it ("Python you need" -> "Python-you-need"), so
    that a link that works in the notebooks (``00_start_here.ipynb#Python-you-need``) works on
    the site too."""
    return heading.strip().replace(" ", "-")
