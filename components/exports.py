"""Charts -> PNG/SVG/PDF bytes and frames -> CSV bytes for download, with file names that say what and which filter."""

from __future__ import annotations

import functools
import json
import re
import textwrap
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

IMAGE_FORMATS = ("png", "svg", "pdf")
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
}

# vl-convert's PNG is 72 ppi at scale 1; 300 ppi makes a 600-px chart about 2,500 px wide, enough for print.
PRINT_PPI = 300
# Every prefix part is fixed, so the themes part is what gets shortened to stay within this.
MAX_FILENAME_LENGTH = 120
_APP_SLUG = "shanxi-monitor"
# vl-convert draws only the glyphs of fonts it knows: Chinese needs a CJK font (Debian's fonts-noto-cjk,
# which set-up installs). Registered once, when exports are first used.
CJK_FONT_DIRS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto")]


@functools.cache
def _register_cjk_fonts() -> None:
    for folder in CJK_FONT_DIRS:
        if any(folder.glob("NotoSansCJK*")):
            vlc.register_font_directory(str(folder))


def chart_image(chart: alt.TopLevelMixin | dict, fmt: str, footer: tuple[str, ...] = ()) -> bytes:
    """The chart rendered as `fmt` (png, svg or pdf) on a white background, ready for a report, with
    `footer`'s lines (who made it, from which sources, which edition) below it."""
    fmt = fmt.lower()
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"Unknown image format {fmt!r}; expected one of: {', '.join(IMAGE_FORMATS)}")
    spec = chart.to_dict() if isinstance(chart, alt.TopLevelMixin) else chart
    # A shallow copy is enough: only the top level changes, and the caller's spec must stay as it was.
    # The top-level property wins over any theme's config.background, so dark themes still export white.
    export_spec = {**with_footer(spec, footer), "background": "white"}
    # Sorted keys make equal specs give equal text, so the cache hits whatever order the dict was built in.
    spec_json = json.dumps(export_spec, sort_keys=True, separators=(",", ":"))
    return _render(spec_json, fmt)


# Properties only a top-level spec may have: they move up when the chart becomes the first part of a
# vertical concatenation with its footer.
_TOP_LEVEL = ("$schema", "config", "datasets", "background", "padding", "autosize", "usermeta")
FOOTER_WIDTH = 110  # characters a footer line may take before it wraps, about a chart's width at 11 px


def with_footer(spec: dict, lines: tuple[str, ...]) -> dict:
    """`spec` with `lines` of small grey text below everything else (legends too), left-aligned; `spec`
    itself when there are none. The chart becomes the one part of a concatenation whose title, set
    at the bottom, is the footer: the chart keeps its size, scales, legends and own title."""
    if not lines:
        return spec
    wrapped = [part for line in lines for part in textwrap.wrap(line, FOOTER_WIDTH, break_on_hyphens=False)]
    footer = {
        "text": wrapped, "orient": "bottom", "anchor": "start", "fontSize": 10, "fontWeight": "normal",
        "color": "#555555", "offset": 14, "lineHeight": 14,
    }  # fmt: skip
    inner = {key: value for key, value in spec.items() if key not in _TOP_LEVEL}
    return {**{key: spec[key] for key in _TOP_LEVEL if key in spec}, "vconcat": [inner], "title": footer}


@functools.lru_cache(maxsize=128)
def _render(spec_json: str, fmt: str) -> bytes:
    # No external URLs: the data is inline, and a spec that points elsewhere should fail at once, not hang offline.
    offline: dict[str, Any] = {"allowed_base_urls": []}
    _register_cjk_fonts()
    if fmt == "png":
        return vlc.vegalite_to_png(spec_json, ppi=PRINT_PPI, **offline)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec_json, **offline).encode("utf-8")
    return vlc.vegalite_to_pdf(spec_json, **offline)


def frame_csv(frame: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    """The frame as CSV without index, limited to `columns` in that order when given. UTF-8 with a
    byte-order mark: without it, spreadsheet programs read "m³", dashes and Chinese as mojibake."""
    table = frame if columns is None else frame[columns]
    return table.to_csv(index=False).encode("utf-8-sig")


def _slug(text: str) -> str:
    # Underscores separate the parts of a file name, so inside a part they become hyphens like any other gap.
    # Accents are folded first so 'Énergie' keeps its letters as 'energie' instead of losing the 'e'.
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def export_filename(what: str, themes: list[str] | tuple[str, ...], ext: str, as_of: date | None = None) -> str:
    """A file name safe on every OS, e.g. 'shanxi-monitor_plan-vs-outcome_energy-industry.png', with
    '_as-of-2025-01-17' before the extension for an edition other than the newest (`as_of`)."""
    what_part = _slug(what) or "chart"
    edition_part = f"_as-of-{as_of.isoformat()}" if as_of else ""
    ext_part = _slug(ext)[:10] or "bin"
    # No theme selected means no filter, which the name should say rather than leave blank.
    themes_part = "-".join(slug for slug in map(_slug, themes) if slug) if themes else "all-themes"
    fixed_length = len(_APP_SLUG) + len(what_part) + len(edition_part) + len(ext_part) + 3  # two "_" and the dot
    if not themes_part or fixed_length + len(themes_part) > MAX_FILENAME_LENGTH:
        themes_part = f"{len(themes)}-themes"
    # Only an absurdly long title is left to overflow; cut it so the name still fits.
    room_for_what = MAX_FILENAME_LENGTH - (fixed_length - len(what_part)) - len(themes_part)
    what_part = what_part[:room_for_what].strip("-") or "chart"
    return f"{_APP_SLUG}_{what_part}_{themes_part}{edition_part}.{ext_part}"
