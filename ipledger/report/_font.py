"""The CJK font of charts and HTML pages: Noto Sans CJK SC as the ``mplfonts`` package ships it.

A fresh machine has no CJK font, so matplotlib and browsers draw Chinese as boxes. ipledger
never relies on a system font: charts register the pip-installed font file with matplotlib,
and HTML pages embed the few glyphs they use (a subset, a few dozen KB) as a data URI.
"""

from __future__ import annotations

import base64
import functools
import importlib
import importlib.util
import io
import threading
from pathlib import Path

__all__ = ["FONT_FAMILY", "cjk_font_path", "embedded_font_css", "register_with_matplotlib"]

FONT_FAMILY = "ipledger-cjk"
"""The CSS font-family name of the font embedded in HTML pages."""

_FONT_FILE = "NotoSansCJKsc-Regular.otf"
_EXTRA = "pip install 'ipledger[report]'"
_LOCK = threading.Lock()


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC font file of the installed ``mplfonts`` package.

    The package is located without importing it (importing it imports pyplot).

    Raises:
        ImportError: ``mplfonts`` is not installed (the ``report`` extra).
    """
    spec = importlib.util.find_spec("mplfonts")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        path = Path(location) / "fonts" / _FONT_FILE
        if path.is_file():
            return path
    raise ImportError(f"charts with Chinese text need the mplfonts package: {_EXTRA}")


@functools.cache
def register_with_matplotlib() -> str:
    """Register the CJK font with matplotlib's font manager (once); its family name.

    Raises:
        ImportError: matplotlib or mplfonts is not installed.
    """
    try:
        from matplotlib import font_manager
    except ImportError as error:
        raise ImportError(f"charts need matplotlib: {_EXTRA}") from error
    path = str(cjk_font_path())
    with _LOCK:
        font_manager.fontManager.addfont(path)
    return str(font_manager.FontProperties(fname=path).get_name())


@functools.lru_cache(maxsize=16)
def embedded_font_css(text: str) -> str:
    """An ``@font-face`` rule (family `FONT_FAMILY`) embedding just the glyphs of
    ``text`` plus printable ASCII, as a WOFF data URI; empty when the font is not installed."""
    try:  # fontTools comes with matplotlib; it has no type hints (imported as a module object)
        subset = importlib.import_module("fontTools.subset")
    except ImportError:  # pragma: no cover
        return ""
    try:
        path = cjk_font_path()
    except ImportError:
        return ""
    options = subset.Options()
    options.flavor = "woff"
    options.notdef_outline = True
    options.layout_features = []  # no shaping tables: CJK and Latin text need none to read
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    ascii_chars = "".join(chr(c) for c in range(32, 127))
    buffer = io.BytesIO()
    font = subset.load_font(str(path), options, lazy=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text + ascii_chars))))
        subsetter.subset(font)
        subset.save_font(font, buffer, options)
    finally:
        font.close()
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f"@font-face{{font-family:'{FONT_FAMILY}';font-display:block;"
        f"src:url(data:font/woff;base64,{data}) format('woff');}}"
    )
