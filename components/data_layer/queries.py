"""Questions the pages ask of the data layer, answered as small frames: filters, growth and share
rows with their targets, headline figures, status counts. Pure pandas; no Streamlit."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .vocabulary import MEASURES, STATUSES, Kind, Measure, Status

# Which figures make the best headline for a theme, most telling first.
_HEADLINE_MEASURES: list[Measure] = ["level", "share", "yoy_growth", "added", "rank_change", "rank"]
# The columns of rows_with_targets: one row per indicator and period, outcome and target side by side.
TARGET_ROW_COLUMNS = [
    "row_label", "indicator_id", "indicator", "theme", "theme_label", "period", "period_label",
    "outcome_value", "outcome_label", "target_value", "target_label", "source", "source_ids", "note",
]  # fmt: skip


def for_themes(frame: pd.DataFrame, themes: Sequence[str]) -> pd.DataFrame:
    """Rows of the chosen themes; no choice means every theme."""
    return frame[frame["theme"].isin(themes)] if themes else frame


def rows_with_targets(observations: pd.DataFrame, measure: Measure, period: str | None = None) -> pd.DataFrame:
    """Percent figures of one measure (yoy_growth or share), one row per indicator and period, with
    the outcome and the matching target side by side; either may be missing."""
    figures = observations[(observations["measure"] == measure) & (observations["unit"] == "percent")]
    if period:
        figures = figures[figures["period"] == period]
    keys = ["indicator_id", "period"]
    shared = ["indicator", "theme", "theme_label", "period_label", "period_end"]
    outcomes = figures[figures["kind"] == "outcome"].drop_duplicates(keys)
    targets = figures[figures["kind"] == "target"].drop_duplicates(keys)
    taken = [*keys, *shared, "value", "value_label", "source_title", "source_id", "note"]
    rows = outcomes[taken].merge(
        targets[taken],
        on=keys, how="outer", suffixes=("_outcome", "_target"),
    )  # fmt: skip
    for column in shared:
        rows[column] = rows[f"{column}_outcome"].fillna(rows[f"{column}_target"])
    rows = rows.assign(
        outcome_value=rows["value_outcome"],
        outcome_label=rows["value_label_outcome"].fillna(""),
        target_value=rows["value_target"],
        target_label=rows["value_label_target"].fillna(""),
        source=_join(rows["source_title_outcome"], rows["source_title_target"]),
        source_ids=_join(rows["source_id_outcome"], rows["source_id_target"]),
        note=_join(rows["note_outcome"], rows["note_target"]),
    )
    rows["row_label"] = rows["indicator"] + " · " + rows["period_label"]
    ranking = rows["outcome_value"].fillna(rows["target_value"])
    return rows.assign(_rank=ranking).sort_values("_rank", ascending=False)[TARGET_ROW_COLUMNS].reset_index(drop=True)


def _join(first: pd.Series, second: pd.Series) -> pd.Series:
    """'a; b' from two text columns, skipping blanks and repeats."""
    return pd.Series(
        [
            "; ".join(dict.fromkeys(t for t in pair if isinstance(t, str) and t))
            for pair in zip(first, second, strict=True)
        ],
        index=first.index,
        dtype=str,
    )


def figure_periods(observations: pd.DataFrame, measure: Measure) -> list[str]:
    """Periods that have percent figures of `measure`, newest first, outcomes before target-only periods."""
    figures = observations[(observations["measure"] == measure) & (observations["unit"] == "percent")]
    has_outcome = figures.groupby("period")["kind"].agg(lambda kinds: (kinds == "outcome").any())
    newest = figures.groupby("period")["period_end"].max()
    order = pd.DataFrame({"outcome": has_outcome, "end": newest}).sort_values(["outcome", "end"], ascending=False)
    return list(order.index)


def period_labels(observations: pd.DataFrame) -> dict[str, str]:
    """Period text -> readable label, e.g. '2021-Q1' -> 'Q1 2021 (inferred)'. A period that some
    figure states outright is not labelled inferred because another figure's was."""
    stated_last = observations.sort_values("period_inferred", ascending=False, kind="stable")
    return dict(zip(stated_last["period"], stated_last["period_label"], strict=True))


def growth_outside_percent(observations: pd.DataFrame) -> pd.DataFrame:
    """Growth figures given as a multiple rather than a percent, which a percent axis cannot show."""
    return observations[(observations["measure"] == "yoy_growth") & (observations["unit"] != "percent")]


def headline_outcomes(observations: pd.DataFrame, headline_ids: set[str], per_theme: int = 3) -> pd.DataFrame:
    """Up to `per_theme` numeric outcomes per theme, one per indicator (its newest): the curated
    headline indicators first, then the newest figures. Themes keep the order of the input."""
    outcomes = observations[(observations["kind"] == "outcome") & observations["value"].notna()]
    outcomes = outcomes.assign(
        _headline=outcomes["indicator_id"].isin(headline_ids),
        _measure=outcomes["measure"].map(_HEADLINE_MEASURES.index),
        _theme=pd.Categorical(outcomes["theme"], categories=list(dict.fromkeys(observations["theme"]))),
    )
    # Of two sources giving the same figure, the newer one's value is the headline (a restatement).
    outcomes = outcomes.sort_values(
        ["_theme", "_headline", "period_end", "source_edition", "_measure"], ascending=[True, False, False, False, True]
    )
    newest = outcomes.drop_duplicates("indicator_id")
    return newest.groupby("_theme", observed=True).head(per_theme).drop(columns=["_headline", "_measure", "_theme"])


def status_counts(pairs: pd.DataFrame) -> dict[Status, int]:
    counts = pairs["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def outcomes_of(observations: pd.DataFrame, measures: Sequence[Measure]) -> pd.DataFrame:
    """Outcomes of the given measures, newest first: the figures a theme page shows as metrics.
    The same figure from several sources (same indicator, period end and value) is one row whose
    `source_title` names them all."""
    chosen = observations[(observations["kind"] == "outcome") & observations["measure"].isin(measures)]
    same_figure = ["indicator_id", "period_end", "value_label"]
    sources = chosen.groupby(same_figure)["source_title"].agg("; ".join).rename("all_sources")
    merged = chosen.drop_duplicates(same_figure).join(sources, on=same_figure)
    merged["source_title"] = merged.pop("all_sources")
    return merged.sort_values(["period_end", "indicator"], ascending=[False, True])


# What the Data page's search box looks through.
SEARCHED_COLUMNS = ["indicator", "note", "source_title", "period_label"]


def matching_observations(
    observations: pd.DataFrame, kinds: Sequence[Kind], measures: Sequence[Measure], search: str
) -> pd.DataFrame:
    """Observations of the chosen kinds and measures (none chosen: all) whose indicator, note,
    source title or period contains `search`, ignoring case; the text is matched literally."""
    if kinds:
        observations = observations[observations["kind"].isin(kinds)]
    if measures:
        observations = observations[observations["measure"].isin(measures)]
    if search.strip() and not observations.empty:
        # Column by column, so a search never matches across the boundary of two fields.
        found = pd.Series(False, index=observations.index)
        for column in SEARCHED_COLUMNS:
            found |= observations[column].str.contains(search.strip(), case=False, regex=False)
        observations = observations[found]
    return observations


def measures_present(observations: pd.DataFrame) -> list[Measure]:
    """The measures the data holds, in the vocabulary's order."""
    present = set(observations["measure"])
    return [measure for measure in MEASURES if measure in present]


def indicator_figures(observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Every figure of one indicator, targets and outcomes, oldest period first; of one period, the
    older source first (so a restatement follows what it restates)."""
    figures = observations[observations["indicator_id"] == indicator_id]
    return figures.sort_values(["period_end", "period_start", "kind", "source_edition"]).reset_index(drop=True)


# Periods shorter than a year: what an interim figure covers (a quarter, some months, a day's stock).
_INTERIM_TYPES = ("quarter", "months", "date")


def latest_interim(observations: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """For each target still without an outcome (pending or not reported), the newest outcome of its
    indicator that falls inside the target's period and ends before it: a first quarter, some
    months, a stock during the year. Indexed by target_id; shown beside a target, never judging it."""
    open_targets = pairs[pairs["status"].isin(["pending", "not reported"])]
    outcomes = observations[(observations["kind"] == "outcome") & observations["period_type"].isin(_INTERIM_TYPES)]
    columns = ["target_id", "interim_label", "interim_period", "interim_source"]
    if open_targets.empty or outcomes.empty:
        return pd.DataFrame(columns=columns).set_index("target_id")
    starts = observations.drop_duplicates("observation_id").set_index("observation_id")["period_start"]
    targets = open_targets.assign(period_start=open_targets["target_id"].map(starts))
    merged = targets[["target_id", "indicator_id", "period_start", "period_end"]].merge(
        outcomes, on="indicator_id", suffixes=("", "_interim")
    )
    inside = merged[
        (merged["period_start_interim"] >= merged["period_start"])
        & (merged["period_end_interim"] < merged["period_end"])
    ]
    newest = inside.sort_values(["period_end_interim", "source_edition"]).drop_duplicates("target_id", keep="last")
    return newest.rename(
        columns={"value_label": "interim_label", "period_label": "interim_period", "source_title": "interim_source"}
    )[columns].set_index("target_id")
