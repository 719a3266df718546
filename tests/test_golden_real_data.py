"""The one golden test: a summary of the real data/ pinned as it stands. Every other test runs on the
small fixture folder (tests/fixtures/small/) or checks data/ without counting it."""

from __future__ import annotations

import pprint

from components.data_layer import STATUSES, load_data_layer
from tests.conftest import DATA

# Pinned from data/ by hand; see the test's docstring for how to update it.
REAL_DATA_SUMMARY = {
    "sources": 30,
    "observations by theme and kind": {
        "energy": {"outcome": 88, "target": 23},
        "industry": {"outcome": 22, "target": 12},
        "digital": {"outcome": 3, "target": 0},
        "innovation": {"outcome": 5, "target": 0},
        "culture_tourism": {"outcome": 3, "target": 2},
        "opening_up": {"outcome": 7, "target": 1},
        "welfare": {"outcome": 4, "target": 0},
        "ecology": {"outcome": 7, "target": 0},
        "macro": {"outcome": 15, "target": 12},
    },
    "plan vs outcome by status": {
        "achieved": 6,
        "missed": 1,
        "not comparable": 7,
        "pending": 5,
        "not reported": 31,
    },
}


def summary_of_the_real_data() -> dict:
    layer = load_data_layer(DATA)
    counts = layer.observations.groupby(["theme", "kind"]).size()
    by_theme = {
        theme: {kind: int(counts.get((theme, kind), 0)) for kind in ("outcome", "target")}
        for theme in layer.themes["id"]  # themes.yaml order, as the app lists them
    }
    statuses = layer.plan_vs_outcome["status"].value_counts()
    return {
        "sources": len(layer.sources),
        "observations by theme and kind": by_theme,
        "plan vs outcome by status": {status: int(statuses.get(status, 0)) for status in STATUSES},
    }


def test_golden_real_data_summary():
    """GOLDEN: the only test expected to fail when a report is added to data/ or a figure is corrected.

    It pins how many sources the real data has, how many figures each theme holds by kind, and how
    many targets have each status, so a change to the data is seen and confirmed on purpose. When the
    change is intended, replace REAL_DATA_SUMMARY with the summary this test prints on failure (or
    read the same counts from `python -m components.data_layer check`), and say in the commit which
    report or correction moved the counts."""
    got = summary_of_the_real_data()
    assert got == REAL_DATA_SUMMARY, (
        "The real data's summary changed. If the change is intended, pin it as:\n"
        f"REAL_DATA_SUMMARY = {pprint.pformat(got, sort_dicts=False, width=110)}"
    )
