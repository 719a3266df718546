"""The monitor's chart theme for Altair: fonts, sizes and the title's look, in one place. Importing
this module changes nothing; `use()` registers and enables the theme (the views call it before they
turn a chart into a spec, so the app, the snapshot and the exports draw alike)."""

from __future__ import annotations

from functools import cache

import altair as alt

THEME_NAME = "shanxi_monitor"
# Readable on white and on Streamlit's dark background alike (contrast about 4.5:1 and 4.2:1).
MID_GREY = "#777777"


def monitor_theme() -> alt.theme.ThemeConfig:
    # No colours for text or background: Streamlit fills them in for light and dark mode, and
    # exports set a white background themselves.
    # The CJK font last: Latin text keeps its look, and Chinese finds its glyphs (in exports too).
    font = "Source Sans Pro, Helvetica, Arial, Noto Sans CJK SC, sans-serif"
    return {
        "config": {
            "font": font,
            "title": {
                "fontSize": 15,
                "anchor": "start",
                "subtitleFontSize": 12,
                "subtitleColor": MID_GREY,
                "offset": 8,
            },
            "text": {"color": MID_GREY},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 400, "titleFontWeight": "normal"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
            # Exports keep this plot width; in the app the chart stretches to its column instead.
            "view": {"stroke": None, "continuousWidth": 420},
            "bar": {"cornerRadiusEnd": 2},
        }
    }


@cache
def use() -> None:
    """Register and enable the theme, once per process."""
    alt.theme.register(THEME_NAME, enable=True)(monitor_theme)
