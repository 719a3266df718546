"""The questions the pages ask of the data layer (components/data_layer/queries.py), answered on the real
data where a reader would check a figure against the sources, and on small frames for the rules."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from components.data_layer import STATUSES, DataLayer, load_data_layer, queries

OBS0_TITLE_START = "Shanxi pushes forward"  # source 000, March 2025
OBS2_TITLE_START = "Tech gains in Shanxi"  # source 002, January 2025


@pytest.fixture(scope="module")
def layer() -> DataLayer:
    return load_data_layer()


def observation(**fields) -> dict:
    """One observation row with every column the queries read; `fields` override the defaults."""
    row = {
        "indicator_id": "gdp_growth",
        "indicator": "GDP growth",
        "theme": "macro",
        "theme_label": "Macro economy",
        "unit": "percent",
        "measure": "yoy_growth",
        "value": 5.0,
        "value_label": "5%",
        "kind": "outcome",
        "period": "2024",
        "period_label": "2024",
        "period_end": pd.Timestamp("2024-12-31"),
        "source_title": "Source A",
        "note": "",
    }
    row.update(fields)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# --- for_themes ------------------------------------------------------------------------------


def test_for_themes_with_no_choice_keeps_every_row(layer):
    assert queries.for_themes(layer.observations, []).equals(layer.observations)
    assert queries.for_themes(layer.plan_vs_outcome, []).equals(layer.plan_vs_outcome)


def test_for_themes_keeps_only_the_chosen_themes(layer):
    chosen = queries.for_themes(layer.observations, ["energy", "macro"])
    assert set(chosen["theme"]) == {"energy", "macro"}
    assert len(chosen) == int(layer.observations["theme"].isin(["energy", "macro"]).sum())
    pairs = queries.for_themes(layer.plan_vs_outcome, ["energy"])
    assert set(pairs["theme"]) == {"energy"}
    assert len(pairs) == 7


def test_for_themes_with_an_unknown_theme_is_empty_not_an_error(layer):
    assert queries.for_themes(layer.observations, ["nonsense"]).empty


# --- rows_with_targets -----------------------------------------------------------------------


def test_2025_growth_rows_are_the_three_targets_with_no_outcome(layer):
    rows = queries.rows_with_targets(layer.observations, "yoy_growth", "2025")
    assert list(rows.columns) == queries.TARGET_ROW_COLUMNS
    targets = dict(zip(rows["indicator_id"], rows["target_label"], strict=True))
    assert targets == {
        "gdp_growth": "about 5%",
        "fixed_asset_investment_growth": "more than 6%",
        "retail_sales_growth": "5%",
    }
    assert rows["outcome_value"].isna().all()
    assert (rows["outcome_label"] == "").all()
    # Ranked by the target when there is no outcome: the 6% investment target first.
    assert rows["indicator_id"].iloc[0] == "fixed_asset_investment_growth"
    assert rows["target_value"].tolist() == sorted(rows["target_value"], reverse=True)


def test_2024_growth_rows_are_the_four_outcomes_sorted_descending(layer):
    rows = queries.rows_with_targets(layer.observations, "yoy_growth", "2024")
    assert rows["indicator_id"].tolist() == [
        "tourist_visits_growth",
        "key_industrial_chains_revenue_growth",
        "characteristic_towns_revenue_growth",
        "scenic_spot_income_growth",
    ]
    assert rows["outcome_value"].tolist() == [16.9, 16.2, 13.9, 11.3]
    assert rows["outcome_label"].tolist() == ["16.9%", "16.2%", "13.9%", "11.3%"]
    assert rows["target_value"].isna().all()
    assert (rows["target_label"] == "").all()
    assert (rows["row_label"] == rows["indicator"] + " · 2024").all()


def test_growth_given_as_a_multiple_is_not_a_percent_row(layer):
    rows = queries.rows_with_targets(layer.observations, "yoy_growth")
    assert "new_three_exports_growth" not in set(rows["indicator_id"])
    outside = queries.growth_outside_percent(layer.observations)
    assert outside["indicator_id"].tolist() == ["new_three_exports_growth"]
    assert outside["value_label"].tolist() == ["more than 2×"]


def test_a_target_and_its_outcome_share_one_row_naming_both_sources(layer):
    rows = queries.rows_with_targets(layer.observations, "share")
    assert rows["indicator_id"].is_unique
    row = rows.set_index("indicator_id").loc["new_clean_energy_capacity_share"]
    assert (row["outcome_value"], row["outcome_label"]) == (50.0, "more than 50%")
    assert (row["target_value"], row["target_label"]) == (47.0, "47%")
    sources = row["source"].split("; ")
    assert len(sources) == 2
    assert any(title.startswith(OBS0_TITLE_START) for title in sources)


def test_rows_with_targets_on_small_frames():
    observations = frame(
        observation(indicator_id="a", indicator="A", value=3.0, value_label="3%", note="n1"),
        observation(indicator_id="a", indicator="A", kind="target", value=4.0, value_label="4%", note="n1"),
        observation(indicator_id="b", indicator="B", kind="target", value=9.0, value_label="9%"),
        observation(indicator_id="c", indicator="C", value=-1.5, value_label="-1.5%", source_title="Source B"),
        observation(indicator_id="d", indicator="D", unit="times", value=2.0, value_label="2×"),
        observation(indicator_id="e", indicator="E", measure="share", value=50.0, value_label="50%"),
        observation(indicator_id="a", indicator="A", period="2023", period_end=pd.Timestamp("2023-12-31")),
    )
    rows = queries.rows_with_targets(observations, "yoy_growth", "2024")
    # b ranks by its target (9), a by its outcome (3), c by its negative outcome; d is not a percent.
    assert rows["indicator_id"].tolist() == ["b", "a", "c"]
    a = rows.set_index("indicator_id").loc["a"]
    assert (a["outcome_value"], a["target_value"]) == (3.0, 4.0)
    assert a["source"] == "Source A"  # the same title twice is named once
    assert a["note"] == "n1"
    b = rows.set_index("indicator_id").loc["b"]
    assert math.isnan(b["outcome_value"]) and b["outcome_label"] == ""
    assert len(queries.rows_with_targets(observations, "yoy_growth")) == 4  # a also in 2023
    assert queries.rows_with_targets(observations, "share")["indicator_id"].tolist() == ["e"]


def test_rows_with_targets_of_nothing_is_an_empty_frame_with_the_row_columns(layer):
    rows = queries.rows_with_targets(layer.observations.iloc[:0], "yoy_growth", "2024")
    assert rows.empty
    assert list(rows.columns) == queries.TARGET_ROW_COLUMNS
    assert queries.rows_with_targets(layer.observations, "yoy_growth", "1999").empty


# --- figure_periods and period_labels --------------------------------------------------------


def test_growth_periods_put_periods_with_outcomes_first_newest_first(layer):
    assert queries.figure_periods(layer.observations, "yoy_growth") == ["2024", "2024-01/2024-11", "2021-Q1", "2025"]


def test_figure_periods_on_a_small_frame():
    observations = frame(
        observation(period="2030", period_end=pd.Timestamp("2030-12-31"), kind="target"),
        observation(period="2020", period_end=pd.Timestamp("2020-12-31")),
        observation(period="2022", period_end=pd.Timestamp("2022-12-31")),
        observation(period="2022", period_end=pd.Timestamp("2022-12-31"), kind="target"),
        observation(period="2031", period_end=pd.Timestamp("2031-12-31"), unit="times"),
    )
    assert queries.figure_periods(observations, "yoy_growth") == ["2022", "2020", "2030"]
    assert queries.figure_periods(observations, "share") == []


def test_period_labels_name_every_period_readably(layer):
    labels = queries.period_labels(layer.observations)
    assert set(labels) == set(layer.observations["period"])
    assert labels["2021-Q1"] == "Q1 2021 (inferred)"
    assert labels["2024-01/2024-11"] == "Jan–Nov 2024"
    # The growth page labels its periods with this map: each must read as its growth figures do.
    growth = layer.observations[layer.observations["measure"] == "yoy_growth"]
    for period, label in zip(growth["period"], growth["period_label"], strict=True):
        assert labels[period] == label


# --- headline_outcomes -----------------------------------------------------------------------


def headline_ids(layer: DataLayer) -> set[str]:
    return set(layer.indicators.loc[layer.indicators["headline"], "id"])


def test_headlines_give_at_most_three_numeric_outcomes_per_theme_in_theme_order(layer):
    headlines = queries.headline_outcomes(layer.observations, headline_ids(layer))
    assert headlines.groupby("theme").size().max() <= 3
    assert headlines["indicator_id"].is_unique
    assert (headlines["kind"] == "outcome").all()
    assert headlines["value"].notna().all()  # "among the top" has no number to show
    themes_in_order = list(dict.fromkeys(headlines["theme"]))
    assert themes_in_order == [t for t in layer.themes["id"] if t in set(themes_in_order)]


def test_headline_indicators_come_first_in_their_theme(layer):
    ids = headline_ids(layer)
    headlines = queries.headline_outcomes(layer.observations, ids)
    for theme, figures in headlines.groupby("theme", sort=False):
        flags = figures["indicator_id"].isin(ids).tolist()
        assert flags == sorted(flags, reverse=True), f"{theme}: a non-headline figure before a headline one"
    industry = headlines[headlines["theme"] == "industry"]["indicator_id"].tolist()
    assert set(industry[:2]) == {"key_industrial_chains_revenue_growth", "industrial_development_zones"}


@pytest.mark.parametrize("per_theme", [1, 2, 5])
def test_headlines_respect_per_theme(layer, per_theme):
    headlines = queries.headline_outcomes(layer.observations, headline_ids(layer), per_theme=per_theme)
    sizes = headlines.groupby("theme").size()
    assert sizes.max() <= per_theme
    numeric = layer.observations[(layer.observations["kind"] == "outcome") & layer.observations["value"].notna()]
    available = numeric.groupby("theme")["indicator_id"].nunique()
    assert sizes.to_dict() == available.clip(upper=per_theme).to_dict()


def test_headlines_on_a_small_frame_pick_the_headline_then_each_indicators_newest():
    observations = frame(
        observation(indicator_id="old_headline", period_end=pd.Timestamp("2020-12-31"), value=1.0),
        observation(indicator_id="new_other", period_end=pd.Timestamp("2024-12-31"), value=2.0),
        observation(indicator_id="new_other", period_end=pd.Timestamp("2023-12-31"), value=3.0),
        observation(indicator_id="target_only", kind="target", value=4.0),
        observation(indicator_id="no_number", value=float("nan"), value_label="among the top"),
        observation(indicator_id="first_theme", theme="energy", measure="level"),
    )
    headlines = queries.headline_outcomes(observations, {"old_headline"}, per_theme=2)
    # Themes keep the order of the input: macro appears first there.
    assert headlines["indicator_id"].tolist() == ["old_headline", "new_other", "first_theme"]
    assert headlines.set_index("indicator_id").loc["new_other", "value"] == 2.0
    assert queries.headline_outcomes(observations, {"old_headline"}, per_theme=1)["indicator_id"].tolist() == [
        "old_headline",
        "first_theme",
    ]
    assert queries.headline_outcomes(observations.iloc[:0], set()).empty


# --- status_counts ---------------------------------------------------------------------------


def test_status_counts_of_nothing_are_zeros(layer):
    assert queries.status_counts(layer.plan_vs_outcome.iloc[:0]) == dict.fromkeys(STATUSES, 0)


# --- outcomes_of -----------------------------------------------------------------------------


def test_outcomes_of_merge_the_same_figure_from_two_sources(layer):
    levels = queries.outcomes_of(layer.observations, ["level", "added"])
    mines = levels[levels["indicator_id"] == "intelligent_coal_mines"]
    assert len(mines) == 1
    titles = sorted(mines["source_title"].iloc[0].split("; "))
    assert len(titles) == 2
    assert titles[0].startswith(OBS0_TITLE_START) and titles[1].startswith(OBS2_TITLE_START)
    # The same count on different dates stays apart: each date is a separate reading.
    assert len(levels[levels["indicator_id"] == "key_industrial_chains"]) == 3


def test_outcomes_of_are_outcomes_of_the_measures_newest_first(layer):
    ranks = queries.outcomes_of(layer.observations, ["rank", "rank_change"])
    assert set(ranks["measure"]) == {"rank", "rank_change"}
    assert (ranks["kind"] == "outcome").all()
    assert ranks["period_end"].is_monotonic_decreasing
    rank_change = ranks[ranks["indicator_id"] == "innovation_capacity_rank_change"]
    assert len(rank_change) == 1 and "; " in rank_change["source_title"].iloc[0]


def test_outcomes_of_on_a_small_frame():
    observations = frame(
        observation(indicator_id="x", indicator="X", measure="level", value_label="7", source_title="Early"),
        observation(indicator_id="x", indicator="X", measure="level", value_label="7", source_title="Late"),
        observation(indicator_id="x", indicator="X", measure="level", value_label="8", source_title="Other"),
        observation(indicator_id="y", indicator="Y", measure="level", kind="target", value_label="9"),
        observation(
            indicator_id="z", indicator="Z", measure="rank", value_label="No. 1", period_end=pd.Timestamp("2025-06-30")
        ),
    )
    levels = queries.outcomes_of(observations, ["level"])
    assert levels[["indicator_id", "value_label", "source_title"]].values.tolist() == [
        ["x", "7", "Early; Late"],
        ["x", "8", "Other"],
    ]
    assert queries.outcomes_of(observations, ["level", "rank"])["indicator_id"].tolist()[0] == "z"  # newest first
    assert queries.outcomes_of(observations, ["share"]).empty
