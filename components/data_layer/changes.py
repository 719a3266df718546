"""What changed between two editions of the monitor: targets set, outcomes reported, figures restated
with a different value, and targets whose status moved. Pure pandas; no Streamlit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

import pandas as pd

from components.i18n import N_

if TYPE_CHECKING:
    from . import DataLayer

Change = Literal["target set", "outcome reported", "figure restated", "status moved"]
CHANGES: tuple[Change, ...] = get_args(Change)
SHOWN_NAMES = [N_("target set"), N_("outcome reported"), N_("figure restated"), N_("status moved")]
# One row per change. `before` and `after` are what a reader compares: a value as stated, or a status.
CHANGE_COLUMNS = ["change", "indicator", "theme", "period_label", "before", "after", "source_before", "source_after"]
_FIGURE_KEY = ["indicator_id", "kind", "period"]


def changes_between(before: DataLayer, after: DataLayer) -> pd.DataFrame:
    """Every change from the monitor as known on `before.as_of` to the monitor on `after.as_of`, in
    the order of CHANGES, then by theme and indicator (CHANGE_COLUMNS)."""
    titles = dict(zip(after.sources["id"], after.sources["title"], strict=True))
    new = after.observations[~after.observations["observation_id"].isin(before.observations["observation_id"])]
    new = new.drop_duplicates(_FIGURE_KEY, keep="last")  # frames are in edition order: a restatement wins
    earlier = before.observations.drop_duplicates(_FIGURE_KEY, keep="last")
    matched = new.merge(earlier, on=_FIGURE_KEY, how="left", suffixes=("", "_before"), indicator=True)
    is_new_figure = matched["_merge"] == "left_only"
    restated = matched[~is_new_figure & (matched["value_label"] != matched["value_label_before"])]
    frames = [
        _figures(matched[is_new_figure & (matched["kind"] == "target")], "target set", titles),
        _figures(matched[is_new_figure & (matched["kind"] == "outcome")], "outcome reported", titles),
        pd.DataFrame(
            {
                "change": "figure restated",
                "indicator": restated["indicator"],
                "theme": restated["theme_label"],
                "period_label": restated["period_label"],
                "before": restated["value_label_before"],
                "after": restated["value_label"],
                "source_before": restated["source_title_before"],
                "source_after": restated["source_id"].map(titles),
            }
        ),
        _status_moves(before, after, titles),
    ]
    table = pd.concat([frame[CHANGE_COLUMNS] for frame in frames if not frame.empty] or [_empty()])
    order = table["change"].map(CHANGES.index)
    return (
        table.assign(_order=order)
        .sort_values(["_order", "theme", "indicator"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _empty() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=str) for column in CHANGE_COLUMNS})


def _figures(figures: pd.DataFrame, change: Change, titles: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "change": change,
            "indicator": figures["indicator"],
            "theme": figures["theme_label"],
            "period_label": figures["period_label"],
            "before": "",
            "after": figures["value_label"],
            "source_before": "",
            "source_after": figures["source_id"].map(titles),
        }
    )


def _status_moves(before: DataLayer, after: DataLayer, titles: dict[str, str]) -> pd.DataFrame:
    """Targets known on both dates whose status differs, with the source behind each status: the
    outcome's source where there is one, else the target's."""
    both = before.plan_vs_outcome.merge(after.plan_vs_outcome, on="target_id", suffixes=("_before", "_after"))
    moved = both[both["status_before"] != both["status_after"]]
    labels = after.observations.set_index("observation_id")["period_label"]
    themes = dict(zip(after.themes["id"], after.themes["label"], strict=True))

    def source(side: str) -> pd.Series:
        ids = moved[f"outcome_source_id_{side}"].where(
            moved[f"outcome_source_id_{side}"] != "", moved[f"target_source_id_{side}"]
        )
        return ids.map(titles)

    return pd.DataFrame(
        {
            "change": "status moved",
            "indicator": moved["indicator_after"],
            "theme": moved["theme_after"].map(themes),
            "period_label": moved["target_id"].map(labels),
            "before": moved["status_before"],
            "after": moved["status_after"],
            "source_before": source("before"),
            "source_after": source("after"),
        }
    )


def describe_changes(table: pd.DataFrame) -> str:
    """The changes as plain text, one line each under a heading per kind of change."""
    lines = []
    for change in CHANGES:
        rows = table[table["change"] == change]
        lines.append(f"{change.capitalize()}: {len(rows)}")
        for row in rows.itertuples():
            values = f"{row.before} -> {row.after}" if row.before else row.after
            sources = f"{row.source_before} -> {row.source_after}" if row.source_before else row.source_after
            lines.append(f"  {row.indicator}, {row.period_label}: {values} [{sources}]")
    return "\n".join(lines)
