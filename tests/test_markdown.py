"""Data shown through Markdown stays literal: every punctuation mark that Markdown or Streamlit could
read as syntax is escaped, numbers read as people write them, and tables keep one row per record.
(The browser tests check that the rendered page shows the same text.)"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components import markdown
from tests.test_pages import read_markdown_table


@pytest.mark.parametrize(
    "value, expected",
    [
        ("> 50%", r"\> 50\%"),  # not a block quote
        ("$5 to $6", r"\$5 to \$6"),  # not LaTeX
        (":red[alarm] :material/home:", r"\:red\[alarm\] \:material\/home\:"),  # no colour or icon directives
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
        ("a | b", r"a \| b"),  # not a new table cell
        ("line one\nline two", "line one line two"),  # not a new table row
        ("Shanxi 2024", "Shanxi 2024"),
    ],
)
def test_escape_neutralises_markdown_and_streamlit_syntax(value, expected):
    assert markdown.escape(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (1599.0, "1,599"),
        (0.1 + 0.2, "0.3"),
        (np.int64(108000), "108,000"),
        (16.9, "16.9"),
        (-3.5, "-3.5"),
        (1.2345e12, "1,234,500,000,000"),  # yuan in base units, not 1.2345e+12
    ],
)
def test_numbers_read_as_written(value, expected):
    assert markdown.escape(value) == markdown.escape(expected)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, np.nan])
def test_missing_values_are_empty_cells(missing):
    assert markdown.escape(missing) == ""


def test_a_table_reads_back_as_its_frame():
    frame = pd.DataFrame(
        {
            "Figure": ["Share | of total", "New *energy*", "Growth"],
            "Value (%)": [50.0, None, 16.9],
            "Note": ["more than 50%\n(hedged)", "", "$ sign"],
        }
    )
    text = markdown.table(frame)
    assert len(text.splitlines()) == 2 + len(frame), "a header, a rule and one line per row"
    back = read_markdown_table(text)
    assert list(back.columns) == ["Figure", "Value (%)", "Note"]
    assert back["Figure"].tolist() == ["Share | of total", "New *energy*", "Growth"]
    assert back["Value (%)"].tolist() == ["50", "", "16.9"]
    assert back["Note"].tolist() == ["more than 50% (hedged)", "", "$ sign"]


def test_bullet_list_puts_one_item_per_line():
    assert markdown.bullet_list(["a", r"b \> c"]) == "- a\n- b \\> c"
