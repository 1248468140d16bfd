"""A small Sphinx extension of the site: figures keep the alt text stored with them.

Our figures store their alt text in the output's metadata (``image/png`` -> ``alt``); MyST-NB
reads only width and height from there and names the image by the SHA-256 of its bytes. This
extension reads the staged notebooks, maps each figure's SHA-256 to its alt text, and gives every
image node that alt text.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from docutils import nodes

IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


def stored_alt_texts(folder: Path) -> dict[str, str]:
    """SHA-256 of each figure in the notebooks of ``folder`` -> its stored alt text."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []):
                for mime in IMAGE_TYPES:
                    data = out.get("data", {}).get(mime)
                    alt = out.get("metadata", {}).get(mime, {}).get("alt")
                    if data and alt:
                        text = "".join(data) if isinstance(data, list) else data
                        found[hashlib.sha256(base64.b64decode(text)).hexdigest()] = alt
    return found


def _builder_inited(app) -> None:
    app.env.site_alt_texts = stored_alt_texts(Path(app.srcdir))


def _doctree_read(app, doctree) -> None:
    alts = getattr(app.env, "site_alt_texts", None)
    if alts is None:
        alts = app.env.site_alt_texts = stored_alt_texts(Path(app.srcdir))
    for image in doctree.findall(nodes.image):
        stem = Path(str(image.get("uri", ""))).stem
        if stem in alts:
            image["alt"] = alts[stem]


def setup(app):
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _doctree_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
