"""The questions the pages ask of the data layer (components/data_layer/queries.py), answered on the
small invented data folder tests/fixtures/small/ and on hand-made frames for the rules. Expected
values are read off the fixture's YAML and written out, so adding a report to data/ moves nothing
here, and a test never recomputes an answer with the query's own formula."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from components.data_layer import STATUSES, DataLayer, queries

# Every observation id in the fixture, by theme (themes.yaml order) as the loader sorts them.
ENERGY_IDS = [
    "fx2-clean-power-share-2024", "fx1-clean-power-share-2024", "fx2-gas-output-2024", "fx2-gas-rank-2024",
    "fx1-gas-rank-2024", "fx2-power-generation-growth-2024", "fx2-smart-mines-2024", "fx1-smart-mines-built-2024",
    "fx1-wind-solar-added-2024",
]  # fmt: skip
INDUSTRY_IDS = [
    "fx2-high-tech-rank-change-2024", "fx3-industrial-growth-q1", "fx2-industrial-growth-2024",
    "fx1-industrial-growth-2024", "fx2-industrial-growth-2025", "fx2-manufacturing-revenue-2024",
]  # fmt: skip
ECOLOGY_IDS = [
    "fx3-pm25-heating-season", "fx2-pm25-2024", "fx1-pm25-2024", "fx2-good-air-days-2024", "fx2-good-air-days-2025",
]  # fmt: skip
ALL_IDS = ENERGY_IDS + INDUSTRY_IDS + ECOLOGY_IDS
# The fixture's three reports, as their titles read.
PLAN, REVIEW, BRIEF = "Fixture plan for 2024", "Fixture review of 2024", "Fixture brief on a first quarter"


@pytest.fixture(scope="module")
def layer(fixture_layer) -> DataLayer:
    """The fixture folder's layer (tests/conftest.py), by the name every test here uses."""
    return fixture_layer


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
        "period_inferred": False,
        "period_end": pd.Timestamp("2024-12-31"),
        "source_title": "Source A",
        "source_id": "source_a",
        "source_edition": pd.Timestamp("2025-01-15"),
        "note": "",
    }
    row.update(fields)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def ids(observations: pd.DataFrame) -> list[str]:
    return observations["observation_id"].tolist()


# --- for_themes ------------------------------------------------------------------------------


def test_for_themes_with_no_choice_keeps_every_row(layer):
    assert ids(queries.for_themes(layer.observations, [])) == ALL_IDS
    assert len(queries.for_themes(layer.plan_vs_outcome, ())) == 8  # the fixture's eight targets


def test_for_themes_keeps_only_the_chosen_themes(layer):
    assert ids(queries.for_themes(layer.observations, ["ecology"])) == ECOLOGY_IDS
    assert ids(queries.for_themes(layer.observations, ["ecology", "energy"])) == ENERGY_IDS + ECOLOGY_IDS
    pairs = queries.for_themes(layer.plan_vs_outcome, ["industry"])
    assert pairs["target_id"].tolist() == ["fx1-industrial-growth-2024", "fx2-industrial-growth-2025"]


def test_for_themes_with_an_unknown_theme_is_empty_not_an_error(layer):
    assert queries.for_themes(layer.observations, ["nonsense"]).empty
    assert ids(queries.for_themes(layer.observations, ["nonsense", "ecology"])) == ECOLOGY_IDS


# --- rows_with_targets -----------------------------------------------------------------------


def test_2025_growth_rows_are_the_one_target_with_no_outcome(layer):
    rows = queries.rows_with_targets(layer.observations, "yoy_growth", "2025")
    assert list(rows.columns) == queries.TARGET_ROW_COLUMNS
    assert rows[["row_label", "target_value", "target_label", "outcome_label", "source"]].values.tolist() == [
        ["Industrial output growth · 2025", 6.0, "about 6%", "", REVIEW],
    ]
    assert math.isnan(rows["outcome_value"].iloc[0])


def test_2024_growth_rows_set_each_outcome_beside_its_target_highest_first(layer):
    rows = queries.rows_with_targets(layer.observations, "yoy_growth", "2024")
    assert rows[["row_label", "outcome_value", "outcome_label", "target_label", "source"]].values.tolist() == [
        ["Industrial output growth · 2024", 5.4, "5.4%", "more than 6%", f"{REVIEW}; {PLAN}"],
        ["Power generation growth · 2024", 4.1, "4.1%", "", REVIEW],
    ]
    assert rows["target_value"].iloc[0] == 6.0
    assert math.isnan(rows["target_value"].iloc[1])
    assert rows[["theme", "theme_label", "period", "period_label"]].values.tolist() == [
        ["industry", "Industry", "2024", "2024"],
        ["energy", "Energy", "2024", "2024"],
    ]


def test_growth_rows_of_every_period_rank_by_outcome_or_else_target(layer):
    rows = queries.rows_with_targets(layer.observations, "yoy_growth")
    # 7.2 (an outcome), 6 (a target with no outcome), 5.4, 4.1.
    assert rows["row_label"].tolist() == [
        "Industrial output growth · Q1 2023 (inferred)",
        "Industrial output growth · 2025",
        "Industrial output growth · 2024",
        "Power generation growth · 2024",
    ]


def test_share_rows_pair_a_target_and_its_outcome_in_one_row_naming_both_sources(layer):
    rows = queries.rows_with_targets(layer.observations, "share")
    assert rows[["row_label", "outcome_label", "target_label", "source"]].values.tolist() == [
        ["Share of days with good air · 2025", "", "at least 78%", REVIEW],
        ["Share of days with good air · 2024", "about 75%", "", REVIEW],
        ["Clean power share of generating capacity · 2024", "more than 46%", "45%", f"{REVIEW}; {PLAN}"],
    ]


def test_growth_given_as_a_multiple_is_not_a_percent_row():
    observations = frame(
        observation(indicator_id="exports", indicator="Exports growth", unit="times", value=2.0, value_label="2×"),
        observation(indicator_id="gdp", indicator="GDP growth"),
        observation(indicator_id="share", measure="share", unit="times", value_label="3×"),
    )
    assert queries.rows_with_targets(observations, "yoy_growth")["indicator_id"].tolist() == ["gdp"]
    outside = queries.growth_outside_percent(observations)
    assert outside[["indicator_id", "value_label"]].values.tolist() == [["exports", "2×"]]


def test_the_fixture_gives_every_growth_rate_in_percent(layer):
    assert queries.growth_outside_percent(layer.observations).empty


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
    assert a["note"] == "n1"  # and the same note
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
    # 2024 and Q1 2023 report growth; 2025 has only a target.
    assert queries.figure_periods(layer.observations, "yoy_growth") == ["2024", "2023-Q1", "2025"]


def test_share_periods_put_periods_with_outcomes_first_newest_first(layer):
    assert queries.figure_periods(layer.observations, "share") == ["2024", "2025"]


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
    assert queries.period_labels(layer.observations) == {
        "2024": "2024",
        "2025": "2025",
        "2024-12-31": "as of 2024-12-31",
        "2024-01/2024-11": "Jan–Nov 2024",
        "2023-Q1": "Q1 2023 (inferred)",
        "2023-12/2024-02": "Dec 2023–Feb 2024 (inferred)",
    }


@pytest.mark.parametrize("inferred_first", [True, False])
def test_a_period_some_figure_states_outright_is_not_labelled_inferred(inferred_first):
    inferred = observation(period_label="2024 (inferred)", period_inferred=True)
    stated = observation(indicator_id="other")
    rows = (inferred, stated) if inferred_first else (stated, inferred)
    assert queries.period_labels(frame(*rows)) == {"2024": "2024"}


# --- headline_outcomes -----------------------------------------------------------------------

HEADLINE_IDS = {"clean_power_share", "smart_coal_mines", "industrial_output_growth", "pm25_average"}


def test_the_fixture_marks_four_headline_indicators(layer):
    assert set(layer.indicators.loc[layer.indicators["headline"], "id"]) == HEADLINE_IDS


def test_headlines_give_three_numeric_outcomes_per_theme_headline_indicators_first(layer):
    headlines = queries.headline_outcomes(layer.observations, HEADLINE_IDS)
    assert headlines[["theme", "indicator_id", "value_label", "period_label"]].values.tolist() == [
        # Two headline figures of the same day: the level before the share.
        ["energy", "smart_coal_mines", "310", "as of 2024-12-31"],
        ["energy", "clean_power_share", "more than 46%", "2024"],
        ["energy", "coalbed_gas_output", "more than 12 billion m³", "2024"],
        # Each indicator's newest figure: 5.4% for 2024, not 7.2% for Q1 2023; then the newest others.
        ["industry", "industrial_output_growth", "5.4%", "2024"],
        ["industry", "high_tech_rank_change", "3 places", "2024"],
        ["industry", "manufacturing_revenue", "1.2345 trillion yuan", "Jan–Nov 2024"],
        # The yearly average, not the inferred heating season.
        ["ecology", "pm25_average", "36 µg/m³", "2024"],
        ["ecology", "good_air_days_share", "about 75%", "2024"],
    ]
    # The gas rank "among the top" has no number to show; targets are never headlines.
    assert "coalbed_gas_rank" not in set(headlines["indicator_id"])
    assert set(headlines["kind"]) == {"outcome"}


@pytest.mark.parametrize(
    ("per_theme", "expected"),
    [
        (1, ["smart_coal_mines", "industrial_output_growth", "pm25_average"]),
        (
            2,
            [
                "smart_coal_mines", "clean_power_share", "industrial_output_growth", "high_tech_rank_change",
                "pm25_average", "good_air_days_share",
            ],
        ),
        (
            5,
            [
                "smart_coal_mines", "clean_power_share", "coalbed_gas_output", "power_generation_growth",
                "industrial_output_growth", "high_tech_rank_change", "manufacturing_revenue",
                "pm25_average", "good_air_days_share",
            ],
        ),
    ],
)  # fmt: skip
def test_headlines_respect_per_theme(layer, per_theme, expected):
    headlines = queries.headline_outcomes(layer.observations, HEADLINE_IDS, per_theme=per_theme)
    assert headlines["indicator_id"].tolist() == expected


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


def test_statuses_are_five_in_the_order_the_pages_list_them():
    assert STATUSES == ("achieved", "missed", "not comparable", "pending", "not reported")


def test_status_counts_cover_every_status_in_order_with_zeros():
    pairs = pd.DataFrame({"status": ["pending", "achieved", "not reported", "pending"]})
    counts = queries.status_counts(pairs)
    assert list(counts) == ["achieved", "missed", "not comparable", "pending", "not reported"]
    assert counts == {"achieved": 1, "missed": 0, "not comparable": 0, "pending": 2, "not reported": 1}


def test_status_counts_of_nothing_are_zeros(layer):
    assert queries.status_counts(layer.plan_vs_outcome.iloc[:0]) == dict.fromkeys(STATUSES, 0)


def nonzero(counts: dict) -> dict:
    return {status: count for status, count in counts.items() if count}


def test_status_counts_of_the_fixture_by_theme(layer):
    pairs = layer.plan_vs_outcome
    # Judged on 2025-01-15, the review's edition. Achieved: clean power share, PM2.5; missed:
    # industrial growth 2024; not comparable: the gas rank "among the top" and the mines to build
    # against those in operation; pending: the two 2025 targets, whose year has not ended; not
    # reported: wind and solar added in 2024, a year that has ended with no outcome.
    assert nonzero(queries.status_counts(pairs)) == {
        "achieved": 2, "missed": 1, "not comparable": 2, "pending": 2, "not reported": 1,
    }  # fmt: skip
    energy = queries.for_themes(pairs, ["energy"])
    assert nonzero(queries.status_counts(energy)) == {"achieved": 1, "not comparable": 2, "not reported": 1}
    industry = queries.for_themes(pairs, ["industry"])
    assert nonzero(queries.status_counts(industry)) == {"missed": 1, "pending": 1}
    ecology = queries.for_themes(pairs, ["ecology"])
    assert nonzero(queries.status_counts(ecology)) == {"achieved": 1, "pending": 1}


# --- outcomes_of -----------------------------------------------------------------------------


def test_levels_and_counts_are_the_outcomes_newest_first(layer):
    levels = queries.outcomes_of(layer.observations, ["level", "added"])
    # The wind and solar capacity to add is only a target, so it is not here.
    assert levels[["indicator", "value_label", "period_label", "source_title"]].values.tolist() == [
        ["Average PM2.5 concentration", "36 µg/m³", "2024", REVIEW],
        ["Coalbed gas output", "more than 12 billion m³", "2024", REVIEW],
        ["Smart coal mines in operation", "310", "as of 2024-12-31", REVIEW],
        ["Manufacturing revenue", "1.2345 trillion yuan", "Jan–Nov 2024", REVIEW],
        ["Average PM2.5 concentration", "52 µg/m³", "Dec 2023–Feb 2024 (inferred)", BRIEF],
    ]


def test_ranks_are_outcomes_even_without_a_number(layer):
    ranks = queries.outcomes_of(layer.observations, ["rank", "rank_change"])
    assert ranks[["indicator", "value_label"]].values.tolist() == [
        ["Change in national high-tech rank", "3 places"],
        ["National rank in coalbed gas output", "among the top"],  # not the "No. 3" target
    ]


def test_outcomes_of_on_a_small_frame_merge_the_same_figure_from_two_sources():
    observations = frame(
        observation(indicator_id="x", indicator="X", measure="level", value_label="7", source_title="Early"),
        observation(indicator_id="x", indicator="X", measure="level", value_label="7", source_title="Late"),
        observation(indicator_id="x", indicator="X", measure="level", value_label="8", source_title="Other"),
        observation(
            indicator_id="x", indicator="X", measure="level", value_label="7", source_title="Later",
            period_end=pd.Timestamp("2023-12-31"),
        ),
        observation(indicator_id="y", indicator="Y", measure="level", kind="target", value_label="9"),
        observation(
            indicator_id="z", indicator="Z", measure="rank", value_label="No. 1", period_end=pd.Timestamp("2025-06-30")
        ),
    )  # fmt: skip
    levels = queries.outcomes_of(observations, ["level"])
    # The same count on another date stays apart: each date is a separate reading.
    assert levels[["indicator_id", "value_label", "source_title"]].values.tolist() == [
        ["x", "7", "Early; Late"],
        ["x", "8", "Other"],
        ["x", "7", "Later"],
    ]
    assert queries.outcomes_of(observations, ["level", "rank"])["indicator_id"].tolist()[0] == "z"  # newest first
    assert queries.outcomes_of(observations, ["share"]).empty


# --- matching_observations -------------------------------------------------------------------


def test_no_choice_and_no_search_keep_every_observation(layer):
    assert ids(queries.matching_observations(layer.observations, [], [], "")) == ALL_IDS


def test_matching_observations_keep_the_chosen_kinds_and_measures(layer):
    targets = queries.matching_observations(layer.observations, ["target"], [], "")
    assert ids(targets) == [
        "fx1-clean-power-share-2024", "fx1-gas-rank-2024", "fx1-smart-mines-built-2024",
        "fx1-wind-solar-added-2024", "fx1-industrial-growth-2024", "fx2-industrial-growth-2025", "fx1-pm25-2024",
        "fx2-good-air-days-2025",
    ]  # fmt: skip
    ranks = queries.matching_observations(layer.observations, [], ["rank", "rank_change"], "")
    assert ids(ranks) == ["fx2-gas-rank-2024", "fx1-gas-rank-2024", "fx2-high-tech-rank-change-2024"]
    both = queries.matching_observations(layer.observations, ["outcome"], ["rank", "share"], "")
    assert ids(both) == ["fx2-clean-power-share-2024", "fx2-gas-rank-2024", "fx2-good-air-days-2024"]
    assert ids(queries.matching_observations(layer.observations, ["target", "outcome"], [], "")) == ALL_IDS


@pytest.mark.parametrize("search", ["pm2.5", "PM2.5", "  pm2.5 ", "Pm2.5 Concentration"])
def test_search_ignores_case_and_surrounding_spaces(layer, search):
    found = queries.matching_observations(layer.observations, [], [], search)
    assert ids(found) == ["fx3-pm25-heating-season", "fx2-pm25-2024", "fx1-pm25-2024"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        # "." in a pattern would match any character, so every row; read literally, the PM2.5 rows
        # and the one other note that ends with a full stop.
        (".", ["fx1-wind-solar-added-2024", "fx3-pm25-heating-season", "fx2-pm25-2024", "fx1-pm25-2024"]),
        ("(", ["fx3-industrial-growth-q1", "fx3-pm25-heating-season"]),  # an unbalanced pattern
        ("(inferred)", ["fx3-industrial-growth-q1", "fx3-pm25-heating-season"]),
        ("2.5 c", ["fx3-pm25-heating-season", "fx2-pm25-2024", "fx1-pm25-2024"]),
        ("m2.5|ceiling", []),  # a pattern would find the PM2.5 rows and the ceiling
        ("[", []),
        ("*", []),
    ],
)
def test_search_text_is_matched_literally(layer, search, expected):
    assert ids(queries.matching_observations(layer.observations, [], [], search)) == expected


@pytest.mark.parametrize("search", [" ", "   ", "\t", " \n "])
def test_a_search_of_only_spaces_filters_nothing(layer, search):
    assert ids(queries.matching_observations(layer.observations, [], [], search)) == ALL_IDS


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ceiling", ["fx1-pm25-2024"]),  # a note
        ("how much was added", ["fx1-wind-solar-added-2024"]),  # a note
        ("first quarter", ["fx3-industrial-growth-q1", "fx3-pm25-heating-season"]),  # a source title
        ("jan–nov", ["fx2-manufacturing-revenue-2024"]),  # a period label, not the period "2024-01/2024-11"
        ("as of 2024", ["fx2-smart-mines-2024"]),  # a period label
        ("smart coal", ["fx2-smart-mines-2024", "fx1-smart-mines-built-2024"]),  # indicator names
    ],
)
def test_search_looks_through_indicator_note_source_title_and_period_label(layer, search, expected):
    assert ids(queries.matching_observations(layer.observations, [], [], search)) == expected


def test_search_does_not_look_through_other_columns(layer):
    assert queries.matching_observations(layer.observations, [], [], "fx2_review").empty  # the source id
    assert queries.matching_observations(layer.observations, [], [], "yoy_growth").empty  # the measure
    assert queries.matching_observations(layer.observations, [], [], "2024-01/2024-11").empty  # the period text


def test_search_combines_with_kinds_and_measures(layer):
    found = queries.matching_observations(layer.observations, ["outcome"], ["level"], "pm2.5")
    assert ids(found) == ["fx3-pm25-heating-season", "fx2-pm25-2024"]
    assert queries.matching_observations(layer.observations, ["target"], ["share"], "brief").empty


def test_search_of_nothing_is_empty_not_an_error(layer):
    found = queries.matching_observations(layer.observations.iloc[:0], ["target"], ["level"], "pm2.5")
    assert found.empty
    assert list(found.columns) == list(layer.observations.columns)


def test_a_search_matches_within_one_column_not_across_two(layer):
    # Note "A ceiling, not a floor." then source title "Fixture plan for 2024": neither holds this.
    assert queries.matching_observations(layer.observations, [], [], "floor. fixture").empty
    # Each half alone is found, in the one row that holds both.
    assert ids(queries.matching_observations(layer.observations, [], [], "floor.")) == ["fx1-pm25-2024"]
    fixture_plan = queries.matching_observations(layer.observations, ["target"], ["level"], "fixture plan")
    assert ids(fixture_plan) == ["fx1-pm25-2024"]


# --- measures_present ------------------------------------------------------------------------


def test_the_fixture_holds_every_measure_in_the_vocabulary_order(layer):
    every_measure = ["level", "share", "yoy_growth", "added", "rank", "rank_change"]
    assert queries.measures_present(layer.observations) == every_measure


def test_measures_present_follow_the_vocabulary_not_the_data():
    observations = frame(
        observation(measure="rank"), observation(measure="share"), observation(measure="level"),
        observation(measure="rank"),
    )  # fmt: skip
    assert queries.measures_present(observations) == ["level", "share", "rank"]
    assert queries.measures_present(observations.iloc[:0]) == []
