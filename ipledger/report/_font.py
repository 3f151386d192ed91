"""A CJK font for HTML reports: the glyphs a page uses, subset from the pip-installed Noto font
and embedded as a data URI, so the page renders Chinese on machines without a CJK font."""

from __future__ import annotations

import base64
import importlib.resources
import io

__all__ = ["FONT_FAMILY", "embedded_font_css"]

FONT_FAMILY = "ipledger-cjk"
"""The CSS font-family name of the embedded font."""

_FONT_FILE = "NotoSansCJKsc-Regular.otf"


def embedded_font_css(text: str) -> str:
    """An ``@font-face`` rule embedding just the glyphs of ``text`` (a few dozen KB)."""
    from fontTools import subset

    font_path = importlib.resources.files("mplfonts") / "fonts" / _FONT_FILE
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    with importlib.resources.as_file(font_path) as path:
        font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    font.close()
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f"@font-face{{font-family:'{FONT_FAMILY}';"
        f"src:url(data:font/otf;base64,{data}) format('opentype');}}"
    )
