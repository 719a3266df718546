"""Data as Markdown that shows it literally: escaped text and tables for `st.markdown`.

A Markdown table is a real HTML table (read row by row by a screen reader) and costs the browser
almost nothing, where a data grid loads a large JavaScript bundle. Every value from the data is
escaped, so a figure such as "> 50%" or a stray "$", "*" or ":" is shown as written, never read as
a quote, LaTeX, emphasis or an icon code. No Streamlit here, so it is testable on its own.
"""

from __future__ import annotations

import numbers
import re

import pandas as pd

from components.formatting import format_number

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it also covers what
# Streamlit adds on top (LaTeX between "$", ":icon:" codes, ":color[...]" directives).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape(value: object) -> str:
    """`value` as text that Markdown shows literally, on one line; a missing value as nothing."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(plain_text(value).split()))


def plain_text(value: object) -> str:
    """`value` as a reader reads it, before any escaping: numbers as people write them, a missing
    value as nothing. Shared with the static snapshot, which escapes for HTML instead."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        # In full and as written: 1,599 and 0.3 (not 1599.0 and 0.30000000000000004), and a yuan
        # figure as 1,234,500,000,000 rather than 1.2345e+12.
        return format_number(float(value))
    return str(value)


def table(frame: pd.DataFrame, links: dict[str, list[str]] | None = None) -> str:
    """`frame` as a GitHub-flavoured Markdown table: its column names as the header, every cell escaped.
    `links` maps a column to one address per row: its cells link there (a cell with no address, or an
    address that is not http(s) or a path on this site, stays text)."""
    header = "| " + " | ".join(escape(column) for column in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    linked = {frame.columns.get_loc(column): addresses for column, addresses in (links or {}).items()}
    rows = [
        "| " + " | ".join(link(cell, linked[index][number]) if index in linked else escape(cell)
                          for index, cell in enumerate(row)) + " |"
        for number, row in enumerate(frame.itertuples(index=False))
    ]  # fmt: skip
    return "\n".join([header, rule, *rows])


_SAFE_ADDRESS = re.compile(r"^(https?://[^\s]+|[a-z0-9-]+(\?[^\s]*)?)$", re.IGNORECASE)


def link(text: object, address: str) -> str:
    """`text` as a Markdown link to `address`, escaped; only web addresses and this site's own pages
    are linked (never javascript: or data:), with brackets and parentheses in the address encoded."""
    shown = escape(text)
    if not shown or not address or not _SAFE_ADDRESS.match(address):
        return shown
    target = address.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{shown}]({target})"


def bullet_list(items: list[str]) -> str:
    """Lines of already-escaped Markdown as one bulleted list."""
    return "\n".join(f"- {item}" for item in items)
