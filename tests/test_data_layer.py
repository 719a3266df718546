"""The data layer as its readers rely on it, checked on the small invented folder tests/fixtures/small/:
tidy frames, status rules that do not overclaim, and every fault in the YAML reported at once with its
file and line. Then, on the real data/: it loads cleanly, loading writes nothing, and every figure
matches the source document it cites. (Counts of the real data are pinned only in
tests/test_golden_real_data.py.)"""

from __future__ import annotations

import hashlib
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from components.data_layer import (
    STATUSES,
    DataLayer,
    DataLayerError,
    Problem,
    data_files,
    load_data_layer,
)
from components.data_layer.plan_vs_outcome import judge
from components.formatting import format_value
from components.views.reasons import word_reason
from tests.conftest import DATA, FIXTURE, REPO

SEEDS = REPO.parent / "shared" / "seeds"
PUBLIC_RECORD = REPO.parent / "shared" / "public-record"  # the texts of sources 100 and up

# The fixture's observation files, one per invented source: a dated plan (targets for 2024), a
# newer review (2024 outcomes, 2025 targets) and an undated brief (inferred periods).
PLAN = "observations/fx1_plan_2024.yaml"
REVIEW = "observations/fx2_review_2024.yaml"
BRIEF = "observations/fx3_undated_brief.yaml"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no source documents at {SEEDS}")
needs_public_record = pytest.mark.skipif(
    not PUBLIC_RECORD.is_dir(), reason=f"no public-record documents at {PUBLIC_RECORD}"
)


# --- helpers ---------------------------------------------------------------------------------


def _entry_span(text: str, entry: str | None) -> tuple[int, int]:
    """Start and end of the list entry whose id is `entry` (the whole text when None)."""
    if entry is None:
        return 0, len(text)
    match = re.search(rf'^( *)- id: "?{re.escape(entry)}"?\n', text, re.M)
    assert match, f"no entry with id {entry!r}: the fixture changed under this test"
    following = re.compile(rf"^{match[1]}- ", re.M).search(text, match.end())
    return match.start(), following.start() if following else len(text)


def edit(path: Path, old: str, new: str, entry: str | None = None) -> None:
    """Replace the single occurrence of `old` (inside the entry with id `entry`, if given)."""
    text = path.read_text(encoding="utf-8")
    start, end = _entry_span(text, entry)
    assert text.count(old, start, end) == 1, f"{old!r} should occur once in {path.name} ({entry or 'file'})"
    at = text.index(old, start, end)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} should occur once in {path.name}"
    return text[: text.index(needle)].count("\n") + 1


def problems_in(path: Path) -> list[Problem]:
    with pytest.raises(DataLayerError) as caught:
        load_data_layer(path)
    problems = caught.value.problems
    assert problems, "DataLayerError raised with no problems"
    assert all(isinstance(problem, Problem) for problem in problems)
    return problems


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under `folder`, with its mtime and content hash."""
    return {
        str(item.relative_to(folder)): (item.stat().st_mtime_ns, hashlib.sha256(item.read_bytes()).hexdigest())
        if item.is_file()
        else (0, "folder")
        for item in sorted(folder.rglob("*"))
    }


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "components.data_layer", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def row(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    matches = frame[frame[column] == value]
    assert len(matches) == 1, f"expected one row with {column} == {value!r}, found {len(matches)}"
    return matches.iloc[0]


@pytest.fixture(scope="module")
def raw_observations() -> dict[str, dict]:
    """Each fixture observation as written in the YAML, by id, with the source of its file."""
    found = {}
    for path in sorted((FIXTURE / "observations").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in document["observations"]:
            found[item["id"]] = item | {"source": document["source"]}
    return found


# --- frames a reader relies on (fixture) -------------------------------------------------------


def test_frames_have_the_promised_columns(fixture_layer):
    layer = fixture_layer
    assert {
        "indicator_id",
        "indicator",
        "theme",
        "unit",
        "measure",
        "value",
        "qualifier",
        "kind",
        "period",
        "period_start",
        "period_end",
        "period_inferred",
        "source_id",
        "note",
    } <= set(layer.observations.columns)
    assert {"target_id", "gap", "gap_percent", "status", "status_reason_code", "status_reason_params"} <= set(
        layer.plan_vs_outcome.columns
    )
    obs = layer.observations
    assert obs["value"].dtype == float
    assert obs["period_inferred"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(obs["period_start"])
    assert pd.api.types.is_datetime64_any_dtype(obs["period_end"])
    assert (obs["period_start"] <= obs["period_end"]).all()
    assert set(obs["kind"]) == {"target", "outcome"}
    for frame in (layer.indicators, layer.themes, layer.sources, layer.units):
        assert frame["id"].is_unique


def test_an_observation_row_names_its_indicator_theme_unit_and_source(fixture_layer):
    revenue = row(fixture_layer.observations, "observation_id", "fx2-manufacturing-revenue-2024")
    assert revenue[
        ["indicator_id", "indicator", "theme", "theme_label", "unit", "unit_label", "measure"]
    ].to_dict() == {
        "indicator_id": "manufacturing_revenue",
        "indicator": "Manufacturing revenue",
        "theme": "industry",
        "theme_label": "Industry",
        "unit": "yuan",
        "unit_label": "Yuan",
        "measure": "level",
    }
    assert (revenue["kind"], revenue["source_id"], revenue["source_title"], revenue["note"]) == (
        "outcome",
        "fx2_review_2024",
        "Fixture review of 2024",
        "",
    )
    ceiling = row(fixture_layer.observations, "observation_id", "fx1-pm25-2024")
    assert (ceiling["theme_label"], ceiling["source_title"], ceiling["note"]) == (
        "Ecology",
        "Fixture plan for 2024",
        "A ceiling, not a floor.",
    )


def test_observations_are_ordered_by_theme_as_in_themes_yaml(fixture_layer):
    themes = list(dict.fromkeys(fixture_layer.observations["theme"]))
    assert themes == ["energy", "industry", "ecology"]  # themes.yaml order, not alphabetical
    industry = fixture_layer.observations[fixture_layer.observations["indicator_id"] == "industrial_output_growth"]
    assert industry["period"].tolist() == ["2023-Q1", "2024", "2024", "2025"]  # oldest period first


def test_indicators_say_which_way_is_better_which_are_headlines_and_what_is_not_comparable(fixture_layer):
    indicators = fixture_layer.indicators.set_index("id")
    assert indicators.loc["pm25_average", "direction"] == "lower_is_better"  # stated in the YAML
    assert indicators.loc["coalbed_gas_rank", "direction"] == "lower_is_better"  # a rank: No. 1 is the top
    assert indicators.loc["high_tech_rank_change", "direction"] == "higher_is_better"  # places moved up
    assert indicators.loc["clean_power_share", "direction"] == "higher_is_better"
    assert set(indicators.index[indicators["headline"]]) == {
        "clean_power_share",
        "smart_coal_mines",
        "industrial_output_growth",
        "pm25_average",
    }
    linked = indicators[indicators["not_comparable_with"] != ""]
    assert linked["not_comparable_with"].to_dict() == {"smart_coal_mines_built": "smart_coal_mines"}
    assert "total in operation" in linked.loc["smart_coal_mines_built", "not_comparable_reason"]
    assert (indicators.drop(index="smart_coal_mines_built")["not_comparable_reason"] == "").all()


def test_frame_keeps_every_value_qualifier_and_period_as_written(fixture_layer, raw_observations):
    obs = fixture_layer.observations.set_index("observation_id")
    assert set(obs.index) == set(raw_observations)
    assert len(obs) == len(raw_observations) == 20
    for obs_id, item in raw_observations.items():
        got = obs.loc[obs_id]
        assert got["qualifier"] == item.get("qualifier", ""), obs_id
        assert got["kind"] == item["kind"], obs_id
        assert got["period"] == str(item["period"]), obs_id
        assert got["period_inferred"] == item.get("period_inferred", False), obs_id
        assert got["source_id"] == item["source"], obs_id
        if "value" in item:
            assert got["value"] == item["value"], obs_id
        else:
            assert math.isnan(got["value"]) and got["qualifier"] == "among the top", obs_id


def test_hedged_figures_keep_their_qualifier(fixture_layer):
    obs = fixture_layer.observations.set_index("observation_id")
    hedged = {
        "fx2-clean-power-share-2024": ("more than", "more than 46%"),
        "fx2-gas-output-2024": ("more than", "more than 12 billion m³"),
        "fx2-good-air-days-2025": ("at least", "at least 78%"),
        "fx2-good-air-days-2024": ("about", "about 75%"),
        "fx2-industrial-growth-2025": ("about", "about 6%"),
        "fx2-gas-rank-2024": ("among the top", "among the top"),
    }
    for obs_id, (qualifier, label) in hedged.items():
        assert (obs.loc[obs_id, "qualifier"], obs.loc[obs_id, "value_label"]) == (qualifier, label), obs_id
    assert math.isnan(obs.loc["fx2-gas-rank-2024", "value"])  # a place among the top has no number
    assert obs.loc["fx2-industrial-growth-2024", "value_label"] == "5.4%"  # an exact figure reads bare


def test_values_are_stored_in_base_units_and_read_in_millions_and_billions(fixture_layer):
    obs = fixture_layer.observations.set_index("observation_id")
    expected = {
        "fx2-manufacturing-revenue-2024": (1.2345e12, "1.2345 trillion yuan"),
        "fx2-gas-output-2024": (1.2e10, "more than 12 billion m³"),
        "fx1-wind-solar-added-2024": (8e6, "8 million kW"),
        "fx2-smart-mines-2024": (310, "310"),
        "fx1-gas-rank-2024": (3, "No. 3"),
        "fx2-high-tech-rank-change-2024": (3, "3 places"),
        "fx2-pm25-2024": (36, "36 µg/m³"),
    }
    for obs_id, (value, label) in expected.items():
        assert (obs.loc[obs_id, "value"], obs.loc[obs_id, "value_label"]) == (value, label), obs_id


def test_periods_become_start_and_end_dates_and_readable_labels(fixture_layer):
    obs = fixture_layer.observations.set_index("observation_id")
    expected = {
        "fx2-pm25-2024": ("year", "2024-01-01", "2024-12-31", "2024"),
        "fx2-manufacturing-revenue-2024": ("months", "2024-01-01", "2024-11-30", "Jan–Nov 2024"),
        "fx3-pm25-heating-season": ("months", "2023-12-01", "2024-02-29", "Dec 2023–Feb 2024 (inferred)"),
        "fx3-industrial-growth-q1": ("quarter", "2023-01-01", "2023-03-31", "Q1 2023 (inferred)"),
        "fx2-smart-mines-2024": ("date", "2024-12-31", "2024-12-31", "as of 2024-12-31"),
    }
    for obs_id, (kind, start, end, label) in expected.items():
        got = obs.loc[obs_id]
        assert (got["period_type"], got["period_start"], got["period_end"], got["period_label"]) == (
            kind,
            pd.Timestamp(start),
            pd.Timestamp(end),
            label,
        ), obs_id


def test_an_undated_source_says_why_and_its_figures_are_marked_inferred(fixture_layer):
    sources = fixture_layer.sources.set_index("id")
    undated = sources.loc["fx3_undated_brief"]
    assert pd.isna(undated["latest_date"])
    assert undated["dates"] == "no date given"
    assert "gives no date" in undated["date_note"]
    from_brief = fixture_layer.observations[fixture_layer.observations["source_id"] == "fx3_undated_brief"]
    assert from_brief["period_label"].str.endswith(" (inferred)").tolist() == [True, True]
    stated = fixture_layer.observations[~fixture_layer.observations["period_inferred"]]
    assert not stated["period_label"].str.contains("inferred").any()


def test_a_dated_source_shows_its_dates_and_keeps_its_other_figures(fixture_layer):
    review = row(fixture_layer.sources, "id", "fx2_review_2024")
    assert review["latest_date"] == pd.Timestamp("2025-01-22")  # the newest of its two dates
    assert review["dates"] == "work report delivered 2025-01-15; posted 2025-01-22"
    assert review["date_note"] == ""
    assert review["other_figures"] == ["A fixture test line built for 600 km/h (a technical spec, not an indicator)."]
    assert row(fixture_layer.sources, "id", "fx1_plan_2024")["other_figures"] == []


def test_data_files_lists_what_the_loader_reads():
    files = data_files(FIXTURE)
    assert [path.relative_to(FIXTURE).as_posix() for path in files] == [
        "themes.yaml",
        "units.yaml",
        "sources.yaml",
        "indicators.yaml",
        PLAN,
        REVIEW,
        BRIEF,
    ]
    assert all(path.is_file() for path in files)


@pytest.mark.parametrize(
    "value, unit, symbol, qualifier, expected",
    [
        (7e11, "yuan", " yuan", "", "700 billion yuan"),
        (1.65e10, "cubic_meters", " m³", "more than", "more than 16.5 billion m³"),
        (6.3e6, "kilowatts", " kW", "", "6.3 million kW"),
        (108_000, "count", "", "", "108,000"),
        (5, "percent", "%", "about", "about 5%"),
        (1, "rank", "", "", "No. 1"),
        (math.nan, "rank", "", "among the top", "among the top"),
    ],
)
def test_format_value_reads_as_a_person_would_say_it(value, unit, symbol, qualifier, expected):
    assert format_value(value, unit, symbol, qualifier) == expected


def reason(pair: pd.Series) -> str:
    """A pair's status reason as the English views word it."""
    return word_reason(pair["status_reason_code"], pair["status_reason_params"], str)


# --- plan vs outcome (fixture) -----------------------------------------------------------------

# Every target in the fixture: its status, the outcome it was set against, and the gap a reader sees.
EXPECTED_PAIRS = {
    "fx1-clean-power-share-2024": ("achieved", "fx2-clean-power-share-2024", "more than +1 pp (+2.2%)"),
    "fx1-pm25-2024": ("achieved", "fx2-pm25-2024", "-2 µg/m³ (-5.3%)"),
    "fx1-industrial-growth-2024": ("missed", "fx2-industrial-growth-2024", "-0.6 pp (-10.0%)"),
    "fx1-smart-mines-built-2024": ("not comparable", "fx2-smart-mines-2024", ""),
    "fx1-gas-rank-2024": ("not comparable", "fx2-gas-rank-2024", ""),
    "fx1-wind-solar-added-2024": ("not reported", "", ""),
    "fx2-industrial-growth-2025": ("pending", "", ""),
    "fx2-good-air-days-2025": ("pending", "", ""),
}


def test_each_target_has_one_row_with_its_outcome_gap_and_status(fixture_layer):
    pairs = fixture_layer.plan_vs_outcome
    assert pairs["target_id"].is_unique
    got = {pair.target_id: (pair.status, pair.outcome_id, pair.gap_label) for pair in pairs.itertuples()}
    assert got == EXPECTED_PAIRS
    assert {status for status, _, _ in EXPECTED_PAIRS.values()} == set(STATUSES), "the fixture covers every status"
    assert all(reason(pair) for _, pair in pairs.iterrows())


def test_a_floor_beaten_by_a_more_than_outcome_is_achieved_with_the_hedge_noted(fixture_layer):
    pair = row(fixture_layer.plan_vs_outcome, "target_id", "fx1-clean-power-share-2024")
    assert (pair["target_label"], pair["outcome_label"], pair["status"]) == ("45%", "more than 46%", "achieved")
    assert pair["gap"] == 1
    assert pair["gap_percent"] == pytest.approx(100 / 45)
    assert pair["gap_label"] == "more than +1 pp (+2.2%)"
    assert "'more than'" in reason(pair)


def test_a_more_than_target_is_missed_by_an_exact_outcome_below_it(fixture_layer):
    pair = row(fixture_layer.plan_vs_outcome, "target_id", "fx1-industrial-growth-2024")
    assert (pair["target_label"], pair["outcome_label"], pair["status"]) == ("more than 6%", "5.4%", "missed")
    assert pair["gap"] == pytest.approx(-0.6)
    assert pair["gap_label"] == "-0.6 pp (-10.0%)"
    assert "the target is hedged ('more than')" in reason(pair)


def test_a_pm25_ceiling_kept_is_achieved_though_the_outcome_is_lower(fixture_layer):
    pair = row(fixture_layer.plan_vs_outcome, "target_id", "fx1-pm25-2024")
    assert (pair["target_label"], pair["outcome_label"], pair["status"]) == ("38 µg/m³", "36 µg/m³", "achieved")
    assert pair["gap"] == -2
    assert pair["gap_label"] == "-2 µg/m³ (-5.3%)"  # in the unit's symbol, as the values beside it


def test_mines_to_build_are_shown_beside_the_stock_in_operation_but_not_compared(fixture_layer):
    pair = row(fixture_layer.plan_vs_outcome, "target_id", "fx1-smart-mines-built-2024")
    assert (pair["target_value"], pair["outcome_value"]) == (120, 310)
    assert (pair["outcome_indicator_id"], pair["outcome_indicator"]) == (
        "smart_coal_mines",
        "Smart coal mines in operation",
    )
    assert (pair["outcome_label"], pair["outcome_period"]) == ("310", "2024-12-31")
    assert pair["status"] == "not comparable"
    assert reason(pair) == row(fixture_layer.indicators, "id", "smart_coal_mines_built")["not_comparable_reason"]
    assert math.isnan(pair["gap"]) and pair["gap_label"] == ""


def test_a_rank_target_against_a_place_among_the_top_is_not_comparable(fixture_layer):
    pair = row(fixture_layer.plan_vs_outcome, "target_id", "fx1-gas-rank-2024")
    assert (pair["target_label"], pair["outcome_label"], pair["status"]) == ("No. 3", "among the top", "not comparable")
    assert "among the top" in reason(pair)
    assert math.isnan(pair["gap"])


def test_targets_no_source_has_answered_are_pending_or_not_reported(fixture_layer):
    # Judged on the newest edition, 2025-01-15: 2024 has ended, 2025 still runs.
    pairs = fixture_layer.plan_vs_outcome.set_index("target_id")
    waiting = pairs.loc[["fx1-wind-solar-added-2024", "fx2-industrial-growth-2025", "fx2-good-air-days-2025"]]
    assert waiting["status"].tolist() == ["not reported", "pending", "pending"]
    assert waiting["target_label"].tolist() == ["8 million kW", "about 6%", "at least 78%"]
    assert (waiting[["outcome_id", "outcome_label", "outcome_source_id", "gap_label"]] == "").all().all()
    assert waiting["gap"].isna().all() and waiting["outcome_value"].isna().all()


def test_the_newer_source_decides_when_two_report_the_same_outcome(data_copy):
    # The plan (published 2024-01-20) now also reports a 2024 clean power share of 40%, below the 45% target.
    edit(
        data_copy / PLAN,
        "observations:\n",
        "observations:\n  - id: fx1-clean-power-share-early\n    indicator: clean_power_share\n"
        '    value: 40\n    kind: outcome\n    period: "2024"\n',
    )
    pair = row(load_data_layer(data_copy).plan_vs_outcome, "target_id", "fx1-clean-power-share-2024")
    assert (pair["outcome_id"], pair["status"]) == ("fx2-clean-power-share-2024", "achieved")  # the review is newer
    edit(data_copy / "sources.yaml", "edition: {date: 2024-01-20}", "edition: {date: 2025-06-01}", "fx1_plan_2024")
    pair = row(load_data_layer(data_copy).plan_vs_outcome, "target_id", "fx1-clean-power-share-2024")
    assert (pair["outcome_id"], pair["status"]) == ("fx1-clean-power-share-early", "missed")  # now the plan is


@pytest.mark.parametrize("rank, status", [(2, "achieved"), (3, "achieved"), (4, "missed")])
def test_a_rank_target_is_met_by_the_same_or_a_better_rank(data_copy, rank, status):
    edit(data_copy / REVIEW, "qualifier: among the top", f"value: {rank}", "fx2-gas-rank-2024")
    pair = row(load_data_layer(data_copy).plan_vs_outcome, "target_id", "fx1-gas-rank-2024")
    assert (pair["target_label"], pair["outcome_label"]) == ("No. 3", f"No. {rank}")
    assert pair["status"] == status


# --- the status rules ----------------------------------------------------------------------------

NAN = math.nan
HIGHER, LOWER = True, False


@pytest.mark.parametrize(
    "target, target_q, outcome, outcome_q, higher_is_better, status",
    [
        pytest.param(50, "", 52, "", HIGHER, "achieved", id="exact outcome above target"),
        pytest.param(50, "", 48, "", HIGHER, "missed", id="exact outcome below target"),
        pytest.param(50, "", 50, "", HIGHER, "achieved", id="exact outcome equal to a plain target"),
        pytest.param(47, "", 50, "more than", HIGHER, "achieved", id="more-than outcome whose bound beats target"),
        pytest.param(50, "", 50, "more than", HIGHER, "achieved", id="more-than outcome whose bound meets target"),
        pytest.param(60, "", 50, "more than", HIGHER, "not comparable", id="more-than outcome below target"),
        pytest.param(60, "", 50, "at least", HIGHER, "not comparable", id="at-least outcome below target"),
        # A "more than X" target (X以上) includes X, as its Chinese original counts it.
        pytest.param(6, "more than", 6, "", HIGHER, "achieved", id="more-than target met exactly"),
        pytest.param(6, "more than", 5.99, "", HIGHER, "missed", id="more-than target just missed"),
        pytest.param(6, "more than", 6.1, "", HIGHER, "achieved", id="more-than target exceeded"),
        pytest.param(6, "more than", 6, "more than", HIGHER, "achieved", id="more-than target, more-than outcome"),
        pytest.param(6, "more than", 6, "at least", HIGHER, "achieved", id="more-than target, at-least outcome on it"),
        pytest.param(6, "more than", 5.9, "at least", HIGHER, "not comparable", id="more-than target, bound below"),
        pytest.param(5, "about", 5.2, "", HIGHER, "achieved", id="about target exceeded"),
        pytest.param(5, "about", 4.8, "about", HIGHER, "missed", id="about outcome below about target"),
        pytest.param(40, "", 37, "", LOWER, "achieved", id="lower is better: under the ceiling"),
        pytest.param(35, "", 37, "", LOWER, "missed", id="lower is better: over the ceiling"),
        pytest.param(37, "", 37, "", LOWER, "achieved", id="lower is better: on the ceiling"),
        pytest.param(40, "", 37, "more than", LOWER, "not comparable", id="lower is better: outcome only a floor"),
        pytest.param(1, "", NAN, "among the top", HIGHER, "not comparable", id="among-the-top outcome"),
        # "nearly X" lies just under X: it can show a floor missed or a ceiling kept, never the other way.
        pytest.param(50, "", 50, "nearly", HIGHER, "missed", id="nearly the floor itself"),
        pytest.param(50, "", 48, "nearly", HIGHER, "missed", id="nearly a value below the floor"),
        pytest.param(50, "", 55, "nearly", HIGHER, "not comparable", id="nearly a value above the floor"),
        pytest.param(40, "", 38, "nearly", LOWER, "achieved", id="nearly a value under the ceiling"),
        pytest.param(40, "", 45, "nearly", LOWER, "not comparable", id="nearly a value over the ceiling"),
    ],
)
def test_judge(target, target_q, outcome, outcome_q, higher_is_better, status):
    got, why = judge(target, target_q, outcome, outcome_q, higher_is_better)
    assert got == status
    worded = word_reason(why.code, why.params, str)
    assert worded.strip()
    for qualifier in {target_q, outcome_q} - {""}:
        if got in ("achieved", "missed"):
            assert repr(qualifier) in worded, "a hedged figure should be noted in the reason"


def test_judge_never_calls_a_valueless_target_missed():
    status, _ = judge(NAN, "among the top", 1, "", HIGHER)
    assert status == "not comparable"


# --- bad input: one fault, one clear problem naming file and line (fixture copy) -----------------


@dataclass(frozen=True)
class Fault:
    file: str  # relative to the data folder
    entry: str | None  # the id of the list entry the edit is made in
    old: str
    new: str
    at: str  # text, unique in the broken file, on the line the problem should name
    path: str  # regex for the document path the location should show ("" for parser errors)
    message: str  # part of the message


def _period(written: str, message: str) -> Fault:
    """An impossible period in place of the 2025 industrial growth target's."""
    return Fault(
        REVIEW,
        "fx2-industrial-growth-2025",
        'period: "2025"',
        f'period: "{written}"',
        f'period: "{written}"',
        r"\(observations\[\d+\]\.period\)",
        message,
    )


FAULTS = {
    "YAML syntax error": Fault(
        "themes.yaml",
        "industry",
        "    label: Industry",
        "\tlabel: Industry",
        "\tlabel: Industry",
        "",
        "YAML syntax error",
    ),
    "missing field": Fault(
        PLAN,
        "fx1-smart-mines-built-2024",
        "    kind: target\n",
        "",
        "- id: fx1-smart-mines-built-2024",
        r"\(observations\[\d+\]\)",
        "missing field: 'kind'",
    ),
    "missing value": Fault(
        REVIEW,
        "fx2-industrial-growth-2025",
        "    value: 6\n",
        "",
        "- id: fx2-industrial-growth-2025",
        r"\(observations\[\d+\]\)",
        "missing field: 'value'",
    ),
    "misspelt optional field": Fault(
        REVIEW,
        "fx2-industrial-growth-2025",
        "qualifier: about",
        "qualifer: about",
        "- id: fx2-industrial-growth-2025",
        r"\(observations\[\d+\]\)",
        "unknown field 'qualifer' (did you mean 'qualifier'?)",
    ),
    "misspelt field in indicators": Fault(
        "indicators.yaml",
        "pm25_average",
        "direction: lower_is_better",
        "directon: lower_is_better",
        "- id: pm25_average",
        r"\(indicators\[\d+\]\)",
        "unknown field 'directon' (did you mean 'direction'?)",
    ),
    "unit without a symbol": Fault(
        "units.yaml",
        "kilowatts",
        '    symbol: " kW"\n',
        "",
        "- id: kilowatts",
        r"\(units\[\d+\]\)",
        "missing field: 'symbol'",
    ),
    "string for a number": Fault(
        PLAN,
        "fx1-smart-mines-built-2024",
        "value: 120",
        'value: "120"',
        'value: "120"',
        r"\(observations\[\d+\]\.value\)",
        "'120' should be a number",
    ),
    "number written with its unit": Fault(
        PLAN,
        "fx1-wind-solar-added-2024",
        "value: 8000000",
        "value: 8 million",
        "value: 8 million",
        r"\(observations\[\d+\]\.value\)",
        "'8 million' should be a number",
    ),
    "yes for a number": Fault(
        PLAN,
        "fx1-pm25-2024",
        "value: 38",
        "value: yes",
        "value: yes",
        r"\(observations\[\d+\]\.value\)",
        "should be a number",
    ),
    "kind not allowed": Fault(
        REVIEW,
        "fx2-industrial-growth-2025",
        "kind: target",
        "kind: goal",
        "kind: goal",
        r"\(observations\[\d+\]\.kind\)",
        "'goal' is not allowed; use one of: target, outcome",
    ),
    "colour not hex": Fault(
        "themes.yaml",
        "ecology",
        'colour: "#882255"',
        "colour: wine",
        "colour: wine",
        r"\(themes\[\d+\]\.colour\)",
        "does not match",
    ),
    "unknown theme": Fault(
        "indicators.yaml",
        "industrial_output_growth",
        "theme: industry",
        "theme: manufacturing",
        "theme: manufacturing",
        r"\(indicators\[\d+\]\.theme\)",
        "unknown theme 'manufacturing'",
    ),
    "unknown unit": Fault(
        "indicators.yaml",
        "industrial_output_growth",
        "unit: percent",
        "unit: per_cent",
        "unit: per_cent",
        r"\(indicators\[\d+\]\.unit\)",
        "unknown unit 'per_cent'",
    ),
    "unknown indicator": Fault(
        BRIEF,
        "fx3-industrial-growth-q1",
        "indicator: industrial_output_growth",
        "indicator: industry_output_growth",
        "indicator: industry_output_growth",
        r"\(observations\[\d+\]\.indicator\)",
        "unknown indicator 'industry_output_growth'",
    ),
    "unknown not_comparable_with": Fault(
        "indicators.yaml",
        "smart_coal_mines_built",
        "indicator: smart_coal_mines\n",
        "indicator: smart_coal_mine\n",
        "indicator: smart_coal_mine\n",
        r"\(indicators\[\d+\]\.not_comparable_with\.indicator\)",
        "unknown indicator 'smart_coal_mine'",
    ),
    "not_comparable_with itself": Fault(
        "indicators.yaml",
        "smart_coal_mines_built",
        "indicator: smart_coal_mines\n",
        "indicator: smart_coal_mines_built\n",
        "indicator: smart_coal_mines_built\n",
        r"\(indicators\[\d+\]\.not_comparable_with\.indicator\)",
        "must name another indicator",
    ),
    "duplicate theme id": Fault(
        "themes.yaml",
        "ecology",
        'colour: "#882255"\n',
        'colour: "#882255"\n'
        '  - id: energy\n    label: Energy again\n    description: Reused id.\n    colour: "#000000"\n',
        "  - id: energy\n    label: Energy again",
        r"\(themes\[\d+\]\.id\)",
        "duplicate id 'energy'",
    ),
    "duplicate observation id across files": Fault(
        REVIEW,
        "fx2-gas-output-2024",
        "- id: fx2-gas-output-2024",
        "- id: fx1-pm25-2024",
        "- id: fx1-pm25-2024",
        r"\(observations\[\d+\]\.id\)",
        "duplicate observation id 'fx1-pm25-2024'",
    ),
    "duplicate observation id in one file": Fault(
        BRIEF,
        "fx3-pm25-heating-season",
        "- id: fx3-pm25-heating-season",
        "- id: fx3-industrial-growth-q1",
        "- id: fx3-industrial-growth-q1\n    indicator: pm25_average",
        r"\(observations\[\d+\]\.id\)",
        "duplicate observation id 'fx3-industrial-growth-q1'",
    ),
    "quarter 5": _period("2024-Q5", "quarter must be Q1 to Q4"),
    "30 February": _period("2024-02-30", "not a real date"),
    "29 February in a common year": _period("2023-02-29", "not a real date"),
    "months running backwards": _period("2024-11/2024-02", "ends before it starts"),
    "month 13": _period("2024-01/2024-13", "months must be 01 to 12"),
    "not a period": _period("2024-13", "is not one of"),
    "impossible source date": Fault(
        "sources.yaml",
        "fx2_review_2024",
        "{date: 2025-01-15, what",
        "{date: 2025-02-30, what",
        "2025-02-30, what",
        r"\(sources\[\d+\]\.dates\[0\]\.date\)",
        "not a real date",
    ),
    "source with no dates and no note": Fault(
        "sources.yaml",
        "fx1_plan_2024",
        "dates:\n      - {date: 2024-01-20, what: published, what_zh: 发布}\n",
        "dates: []\n",
        "- id: fx1_plan_2024",
        r"\(sources\[\d+\]\)",
        "needs a date_note",
    ),
    "among the top on a non-rank indicator": Fault(
        PLAN,
        "fx1-clean-power-share-2024",
        "value: 45",
        "qualifier: among the top",
        "qualifier: among the top\n    kind: target",
        r"\(observations\[\d+\]\.qualifier\)",
        "'among the top' only fits a rank indicator",
    ),
    "same figure twice from one source": Fault(
        REVIEW,
        "fx2-good-air-days-2025",
        "indicator: good_air_days_share",
        "indicator: industrial_output_growth",
        "- id: fx2-good-air-days-2025",
        r"\(observations\[\d+\]\)",
        "same indicator, kind and period already recorded",
    ),
}


def break_data(data: Path, fault: Fault) -> Path:
    target = data / fault.file
    edit(target, fault.old, fault.new, fault.entry)
    return target


def assert_reported(problems: list[Problem], data: Path, fault: Fault) -> None:
    target = data / fault.file
    line = line_of(target, fault.at)
    hits = [
        problem
        for problem in problems
        if problem.file == str(target)
        and re.match(rf"line {line}\b", problem.location)
        and re.search(fault.path, problem.location)
        and fault.message in problem.message
    ]
    shown = "\n".join(map(str, problems))
    assert hits, f"expected {fault.file}: line {line}: ...{fault.message}... among:\n{shown}"


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_one_fault_gives_one_problem_naming_file_and_line(data_copy, fault):
    break_data(data_copy, fault)
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert_reported(problems, data_copy, fault)


def _write(data: Path, name: str, text: str | bytes) -> Path:
    path = data / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _missing_file(data: Path) -> tuple[str, str, str]:
    (data / "units.yaml").unlink()
    return "units.yaml", "file", "missing"


def _empty_file(data: Path) -> tuple[str, str, str]:
    _write(data, "themes.yaml", "")
    return "themes.yaml", "file", "the file is empty"


def _list_instead_of_mapping(data: Path) -> tuple[str, str, str]:
    _write(data, BRIEF, "- one\n- two\n")
    return BRIEF, "line 1", "should be a mapping (key: value lines), not a list"


def _not_utf8(data: Path) -> tuple[str, str, str]:
    _write(data, "themes.yaml", b"themes:\n  - id: \xff\xfe\n")
    return "themes.yaml", "file", "cannot be read"


def _not_yaml_in_observations(data: Path) -> tuple[str, str, str]:
    _write(data, "observations/notes.txt", "a note\n")
    return "observations/notes.txt", "file", "must end in .yaml"


def _stray_top_level_file(data: Path) -> tuple[str, str, str]:
    _write(data, "indicator.yaml", "indicators: []\n")
    return "indicator.yaml", "file", "not a data-layer file"


def _file_not_named_after_source(data: Path) -> tuple[str, str, str]:
    renamed = data / "observations" / "fx3_renamed.yaml"
    (data / BRIEF).rename(renamed)
    return "observations/fx3_renamed.yaml", f"line {line_of(renamed, 'source:')}", "should be named after its source"


def _unknown_source(data: Path) -> tuple[str, str, str]:
    _write(
        data,
        "observations/fx9_unlisted.yaml",
        "source: fx9_unlisted\nobservations:\n"
        '  - {id: fx9-growth, indicator: industrial_output_growth, value: 5, kind: outcome, period: "2024"}\n',
    )
    return "observations/fx9_unlisted.yaml", "line 1", "unknown source 'fx9_unlisted'"


def _no_observations(data: Path) -> tuple[str, str, str]:
    for path in (data / "observations").iterdir():
        path.unlink()
    return "observations", "folder", "missing or empty"


FILE_FAULTS = {
    "missing file": _missing_file,
    "empty file": _empty_file,
    "list instead of mapping": _list_instead_of_mapping,
    "not UTF-8": _not_utf8,
    "not .yaml in observations": _not_yaml_in_observations,
    "stray top-level file": _stray_top_level_file,
    "file not named after its source": _file_not_named_after_source,
    "unknown source": _unknown_source,
    "no observation files": _no_observations,
}


@pytest.mark.parametrize("break_it", FILE_FAULTS.values(), ids=FILE_FAULTS.keys())
def test_file_level_fault_gives_one_problem(data_copy, break_it):
    name, location, message = break_it(data_copy)
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    [problem] = problems
    assert problem.file == str(data_copy / name)
    assert re.match(rf"{location}\b", problem.location), problem
    assert message in problem.message, problem


def test_missing_data_folder_is_a_problem(tmp_path):
    [problem] = problems_in(tmp_path / "nowhere")
    assert problem.file == str(tmp_path / "nowhere")
    assert "no such data folder" in problem.message


SEVERAL = [
    "YAML syntax error",  # themes.yaml
    "unit without a symbol",  # units.yaml
    "unknown unit",  # indicators.yaml
    "impossible source date",  # sources.yaml
    "string for a number",  # the plan
    "quarter 5",  # the review
    "unknown indicator",  # the brief
]


def test_several_faults_in_several_files_are_all_reported_at_once(data_copy):
    assert len({FAULTS[name].file for name in SEVERAL}) == len(SEVERAL) == len(data_files(data_copy))
    for name in SEVERAL:
        break_data(data_copy, FAULTS[name])
    problems = problems_in(data_copy)
    for name in SEVERAL:
        assert_reported(problems, data_copy, FAULTS[name])
    assert len(problems) == len(SEVERAL), "\n".join(map(str, problems))


def test_faults_of_both_kinds_in_one_file_are_all_reported(data_copy):
    both = [
        FAULTS["string for a number"],  # the plan, schema
        Fault(
            PLAN,
            "fx1-pm25-2024",
            "indicator: pm25_average",
            "indicator: pm25",
            "indicator: pm25",
            r"\(observations\[\d+\]\.indicator\)",
            "unknown indicator 'pm25'",
        ),  # the plan, rule
    ]
    for fault in both:
        break_data(data_copy, fault)
    problems = problems_in(data_copy)
    for fault in both:
        assert_reported(problems, data_copy, fault)
    assert len(problems) == len(both), "\n".join(map(str, problems))


def test_misspelt_required_field_is_one_problem(data_copy):
    edit(data_copy / PLAN, 'period: "2024"', 'perod: "2024"', "fx1-wind-solar-added-2024")
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert "did you mean 'period'?" in problems[0].message


def test_misspelt_source_id_is_one_problem(data_copy):
    edit(data_copy / PLAN, "source: fx1_plan_2024", "source: fx1_plan_2042")
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert "unknown source 'fx1_plan_2042'" in problems[0].message


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_value_must_be_a_finite_number(data_copy, written):
    edit(data_copy / PLAN, "value: 120", f"value: {written}", "fx1-smart-mines-built-2024")
    problems = problems_in(data_copy)
    assert any("value" in problem.location for problem in problems)


def test_duplicate_key_in_an_entry_is_a_problem(data_copy):
    edit(data_copy / PLAN, "    value: 120\n", "    value: 120\n    value: 12\n", "fx1-smart-mines-built-2024")
    [problem] = problems_in(data_copy)
    second = line_of(data_copy / PLAN, "value: 12\n")
    assert problem.file == str(data_copy / PLAN)
    assert re.match(rf"line {second}\b", problem.location), problem
    assert "the key 'value' appears twice" in problem.message


def test_unquoted_dates_and_years_are_read_as_periods(data_copy):
    edit(data_copy / REVIEW, 'period: "2024-12-31"', "period: 2024-12-31", "fx2-smart-mines-2024")
    edit(data_copy / REVIEW, 'period: "2025"', "period: 2025", "fx2-industrial-growth-2025")
    obs = load_data_layer(data_copy).observations.set_index("observation_id")
    assert (obs.loc["fx2-smart-mines-2024", "period"], obs.loc["fx2-smart-mines-2024", "period_type"]) == (
        "2024-12-31",
        "date",
    )
    assert obs.loc["fx2-industrial-growth-2025", "period"] == "2025"


# --- safety: no code execution, no writes ----------------------------------------------------


@pytest.mark.parametrize(
    "file, entry, old, template",
    [
        ("themes.yaml", None, None, '!!python/object/apply:os.system ["touch {marker}"]\n'),
        (
            PLAN,
            "fx1-smart-mines-built-2024",
            "value: 120",
            'value: !!python/object/apply:os.system ["touch {marker}"]',
        ),
        (PLAN, "fx1-smart-mines-built-2024", "value: 120", "value: !!python/name:os.system"),
    ],
    ids=["whole document", "one value", "name tag"],
)
def test_python_tags_are_refused_not_run(data_copy, tmp_path, file, entry, old, template):
    marker = tmp_path / "code-ran"
    payload = template.format(marker=marker)
    if old is None:
        _write(data_copy, file, payload)
    else:
        edit(data_copy / file, old, payload, entry)
    [problem] = problems_in(data_copy)
    assert not marker.exists(), "a python tag in the data was executed"
    assert problem.file == str(data_copy / file)
    assert re.match(rf"line {line_of(data_copy / file, payload.splitlines()[0])}\b", problem.location)
    assert "python/" in problem.message


def test_a_failed_load_writes_nothing(data_copy):
    for name in SEVERAL:
        break_data(data_copy, FAULTS[name])
    before = snapshot(data_copy.parent)
    problems_in(data_copy)
    assert snapshot(data_copy.parent) == before


# --- the command line (fixture) ----------------------------------------------------------------


def test_cli_check_summarises_a_data_folder():
    result = run_cli("check", str(FIXTURE))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert result.stdout.splitlines()[0] == (
        f"OK: {FIXTURE}: 20 observations of 12 indicators from 3 sources; 8 targets, 5 with an outcome."
    )
    table_rows = [  # theme (or total), outcomes, targets, total
        r"energy\s+5\s+4\s+9",
        r"industry\s+4\s+2\s+6",
        r"ecology\s+3\s+2\s+5",
        r"total\s+12\s+8\s+20",
        r"fx1_plan_2024\s+6",
        r"fx2_review_2024\s+12",
        r"fx3_undated_brief\s+2",
        r"rank_change\s+1",
        r"yoy_growth\s+5",
        r"achieved\s+2",
        r"missed\s+1",
        r"pending\s+2",
        r"not reported\s+1",
        r"not comparable\s+2",
        r"Periods inferred rather than stated: 2",
    ]
    for pattern in table_rows:
        assert re.search(rf"^\s*{pattern}$", result.stdout, re.M), f"{pattern!r} not in:\n{result.stdout}"


def test_cli_check_lists_every_problem_and_exits_1(data_copy):
    for name in SEVERAL:
        break_data(data_copy, FAULTS[name])
    problems = problems_in(data_copy)
    result = run_cli("check", str(data_copy))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"{len(problems)} problem(s) found" in output
    for problem in problems:
        assert str(problem) in output


def test_cli_check_on_a_missing_folder_exits_1(tmp_path):
    result = run_cli("check", str(tmp_path / "nowhere"))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "no such data folder" in output


def test_cli_check_on_data_with_no_targets(data_copy):
    for path in (data_copy / "observations").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("kind: target", "kind: outcome"), encoding="utf-8")
    assert load_data_layer(data_copy).plan_vs_outcome.empty
    result = run_cli("check", str(data_copy))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, output
    assert "0 targets, 0 with an outcome" in result.stdout
    assert "Plan vs outcome by status: none" in result.stdout


# --- the real data: loads cleanly, loading writes nothing ----------------------------------------


@pytest.fixture(scope="module")
def real_layer() -> DataLayer:
    return load_data_layer(DATA)


def test_the_real_data_loads_cleanly():
    """`check` with no path reads data/ and finds no problem. Its counts are pinned only by the golden
    test (tests/test_golden_real_data.py), so adding a report changes nothing here."""
    result = run_cli("check")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert result.stdout.startswith(f"OK: {DATA}: ")


def test_the_undated_real_article_says_why_and_marks_every_period_inferred(real_layer):
    """Curation, not code: the first-quarter article (003) gives no date, so each of its periods is inferred."""
    undated = row(real_layer.sources, "id", "003_b25b8932cc8a53db")
    assert pd.isna(undated["latest_date"]) and undated["date_note"].strip()
    from_003 = real_layer.observations[real_layer.observations["source_id"] == "003_b25b8932cc8a53db"]
    assert len(from_003) > 0
    assert from_003["period_inferred"].all()


def test_loading_the_real_data_writes_nothing():
    before = snapshot(DATA)
    load_data_layer(DATA)
    assert snapshot(DATA) == before


# --- the real data: every figure against the source document it cites ------------------------

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
RANK_WORDS = {1: ["first", "largest", "highest"]}
SCALED_UNITS = {"yuan", "kilowatts", "kilowatt_hours", "cubic_meters", "tonnes"}
SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
# What must follow the number in the text, by unit; counts and ranks stand alone.
UNIT_AFTER = {
    "percent": r"\s*(?:percent|%)",
    "percentage_points": r"\s+percentage points?",
    "yuan": r"\s+yuan",
    "kilowatts": r"[\s-]+(?:kilowatts?|kW)",
    "kilowatt_hours": r"\s+(?:kilowatt-hours?|kWh)",
    "cubic_meters": r"\s+cubic met(?:er|re)s",
    "tonnes": r"\s+(?:metric\s+)?(?:tonnes|tons)",
    "micrograms_per_cubic_meter": r"\s+micrograms per cubic met(?:er|re)",
    "places": r"\s+places",
    "years": r"\s+consecutive years",
    "count": "",
}
HEDGES = {
    "more than": ["more than", "over", "exceeded", "surpassed"],
    "at least": ["at least", "no less than"],
    "about": ["about", "around", "approximately"],
    "nearly": ["nearly", "almost"],
}
# Figures the text gives as a phrase no number pattern can honestly catch; each is checked by its
# phrase instead. 100% of county hospitals is written "All county-level general hospitals meet...".
SPELLED_OUT = {"s004-county-hospitals-grade-2a": "All county-level general hospitals meet Grade 2A standards"}


def _digits(value: float) -> list[str]:
    """Digits as a writer sets them: 23.9; 108000 and 108,000."""
    written = [f"{value:.10g}"]
    if float(value).is_integer() and abs(value) >= 1000:
        written.append(f"{int(value):,}")
    return [re.escape(text) for text in written]


def figure_pattern(value: float, unit: str) -> re.Pattern[str]:
    """Every way the text might write `value` in `unit`, standing alone (not inside 2024 or 16.5)."""
    whole = int(value) if float(value).is_integer() else None
    if unit == "rank":
        forms = [*RANK_WORDS.get(whole, []), rf"No\.\s*{value:.10g}"]
    elif unit == "times":
        forms = [rf"{word}fold" for word in [NUMBER_WORDS.get(whole)] if word] + [
            rf"{digits}\s*(?:times|-fold)" for digits in _digits(value)
        ]
    else:
        numbers = _digits(value) + ([NUMBER_WORDS[whole]] if whole in NUMBER_WORDS else [])
        if unit in SCALED_UNITS:
            for size, word in SCALES:
                if value >= size:
                    numbers = [rf"{digits}[\s-]{word}" for digits in _digits(value / size)]
                    break
        forms = [f"(?:{number}){UNIT_AFTER[unit]}" for number in numbers]
        if unit == "kilowatts" and value >= 1e6:  # 53.09 GW
            forms += [rf"{digits}\s*(?:GW|gigawatts?)" for digits in _digits(value / 1e6)]
    return re.compile(rf"(?<![\w.,$])(?:{'|'.join(forms)})(?!\w|[.,]\d)", re.IGNORECASE)


def hedge_before(text: str, start: int, hedges: dict[str, list[str]] | None = None) -> str:
    """The qualifier the words just before `start` put on the figure, or "" (`hedges`: the words of
    each qualifier in the text's language, English by default)."""
    before = text[max(0, start - 20) : start].lower()
    for qualifier, words in (HEDGES if hedges is None else hedges).items():
        if any(re.search(rf"\b{word}\s+$", before) for word in words):
            return qualifier
    return ""


# Words too common in these documents to tie a sentence to one indicator.
COMMON_WORDS = {
    "the", "and", "for", "with", "from", "into", "its", "new", "end", "made", "use", "run", "row", "rated",
    "national", "number", "rank", "year", "years", "yearly", "growth", "share", "change", "rise", "total",
    "level", "provincial", "province", "shanxi", "china", "added", "value", "large", "firms", "revenue",
    "build", "among",
}  # fmt: skip
AMONG_THE_TOP = re.compile(r"among the top", re.IGNORECASE)


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) >= 3} - {
        word[:5] for word in COMMON_WORDS
    }


def _sentence_around(text: str, start: int, end: int) -> str:
    breaks = [match.end() for match in re.finditer(r"[.!?](?=\s)|\n", text)]
    left = max((at for at in breaks if at <= start), default=0)
    right = min((at for at in breaks if at >= end), default=len(text))
    return text[left:right]


def figures_in(text: str, value: float, unit: str, indicator_name: str) -> list[str]:
    """The hedge ("" for none) on each place the text writes `value` in `unit` in a sentence that
    names the indicator (shares a word stem with its name)."""
    pattern = AMONG_THE_TOP if math.isnan(value) else figure_pattern(value, unit)
    subject = _stems(indicator_name)
    return [
        hedge_before(text, match.start())
        for match in pattern.finditer(text)
        if subject & _stems(_sentence_around(text, match.start(), match.end()))
    ]


def _is_seed(source_id: str) -> bool:
    """Sources 000 to 099 are the seed documents; 100 and up come from the public record."""
    return int(source_id[:3]) < 100


@pytest.fixture(scope="module")
def seed_texts(real_layer) -> dict[str, str]:
    return {
        source.id: (SEEDS / source.file).read_text(encoding="utf-8")
        for source in real_layer.sources.itertuples()
        if _is_seed(source.id)
    }


@needs_seeds
def test_every_seed_source_file_is_a_seed_document(real_layer):
    seeds = real_layer.sources[real_layer.sources["id"].map(_is_seed)]
    assert sorted(seeds["file"]) == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert (real_layer.sources["file"] == real_layer.sources["id"] + ".txt").all()


@needs_public_record
def test_every_other_source_file_is_a_public_record_document(real_layer):
    record = real_layer.sources[~real_layer.sources["id"].map(_is_seed)]
    assert sorted(record["file"]) == sorted(path.name for path in PUBLIC_RECORD.glob("*.txt"))


def test_every_real_source_says_where_it_was_read_and_its_standing(real_layer):
    """Each source names the page its text was read from and whether it is the outlet's own text
    (primary) or a retelling (secondary); a copy of the outlet's page is flagged as one."""
    sources = real_layer.sources
    assert sources["address"].str.match(r"https?://\S+$").all(), list(sources["address"])
    assert set(sources["standing"]) <= {"primary", "secondary"}
    assert sources["copy"].dtype == bool
    assert list(sources.loc[sources["standing"] == "secondary", "id"]) == ["112_economist-transcript-2024-gdp-h1-2025"]


S000, S001, S002, S003, S004 = (
    "000_b03947154c0e01ec",
    "001_0c95159e5921e68a",
    "002_cb45a5397f502ac5",
    "003_b25b8932cc8a53db",
    "004_075e29792a1fca0e",
)


@needs_seeds
@pytest.mark.parametrize(
    "value, unit, name, source, found",
    [
        (7.66e9, "kilowatt_hours", "Green electricity traded", S002, True),
        (7.67e9, "kilowatt_hours", "Green electricity traded", S002, False),
        (108_000, "count", "5G base stations", S002, True),
        (108, "count", "5G base stations", S002, False),  # only inside 108,000
        (5, "count", "5G base stations", S002, False),  # a 5 is there, in a sentence about GDP
        (23.9, "percent", "Industrial added value growth", S003, True),
        (23, "percent", "Industrial added value growth", S003, False),  # only inside 23.9 and 23.8
        (6.3e6, "kilowatts", "Coal-fired generating capacity to renovate", S001, True),
        (145e6, "yuan", "Installed electric power capacity", S001, False),  # the number is there, in kW
        (2, "times", 'Growth of "new three" exports', S002, True),
        (1, "rank", "National rank by number of intelligent coal mines", S002, True),
        (1, "rank", "National rank by North China leopard population", S002, False),  # "first", not of leopards
        (2, "rank", "National rank by number of intelligent coal mines", S002, False),
        (5, "places", "Change in national innovation-capacity rank", S000, True),
        (6, "years", "Years in a row rated Level A on migrant workers' wage payment", S004, True),
        (7, "years", "Years in a row rated excellent on pollution control", S004, False),  # seven rivers
        (math.nan, "rank", "National rank in the comprehensive computing power index", S002, True),
        (math.nan, "rank", "National rank in average years of education", S002, False),  # said in 004
    ],
)
def test_figure_matcher_finds_what_is_written_and_nothing_else(seed_texts, value, unit, name, source, found):
    assert bool(figures_in(seed_texts[source], value, unit, name)) is found


@needs_seeds
def test_every_figure_appears_in_its_source_document_with_its_hedge(real_layer, seed_texts):
    """Each value, as the text would write it, is in a sentence about its indicator in the document it
    cites; an exact figure appears there at least once unhedged, a hedged one at least once behind a
    word for its qualifier. (Where two figures share a sentence, as the 2025 GDP and retail targets
    do, a lost hedge can hide behind the other figure; test_hedges_sharing_a_sentence_are_pinned pins
    those.)"""
    wrong, checked = [], 0
    from_seeds = real_layer.observations[real_layer.observations["source_id"].map(_is_seed)]
    for obs in from_seeds.itertuples():
        text = seed_texts[obs.source_id]
        if obs.observation_id in SPELLED_OUT:
            assert SPELLED_OUT[obs.observation_id] in text, obs.observation_id
            continue
        checked += 1
        hedges = set(figures_in(text, obs.value, obs.unit, obs.indicator))
        qualifier = "" if obs.qualifier == "among the top" else obs.qualifier
        if not hedges:
            wrong.append(f"{obs.observation_id}: {obs.value_label} not in a sentence about it in {obs.source_id}")
        elif qualifier not in hedges:
            wrong.append(f"{obs.observation_id}: {obs.value_label} written with hedges {hedges}, not {qualifier!r}")
    assert not wrong, "\n".join(wrong)
    assert set(SPELLED_OUT) <= set(real_layer.observations["observation_id"]), "an exemption names no observation"
    assert checked == len(from_seeds) - len(SPELLED_OUT)


def test_hedges_sharing_a_sentence_are_pinned(real_layer):
    """Document 002 gives 2025 GDP growth of "about 5 percent" and retail growth of "5 percent" in one
    sentence, so the check above would pass either figure with either hedge; they are pinned here."""
    obs = real_layer.observations.set_index("observation_id")
    assert obs.loc["s002-gdp-growth-2025", "value_label"] == "about 5%"
    assert obs.loc["s002-retail-sales-growth-2025", "value_label"] == "5%"


# --- the public record (sources 100 and up): texts in English, Chinese, Japanese and Spanish -------

# After the number, by unit, in a Chinese or Japanese text (千瓦 / キロワット, 吨 / トン, 亿 / 億).
CJK_UNIT_AFTER = {
    "percent": r"\s*[%％]",
    "percentage_points": r"个百分点",
    "yuan": r"元",
    "kilowatts": r"(?:千瓦|キロワット)",
    "kilowatt_hours": r"(?:千瓦时|キロワット時)",
    "cubic_meters": r"立方米",
    "tonnes": r"(?:吨|トン)",
    "micrograms_per_cubic_meter": r"\s*微克/立方米",
    "count": r"",
}
# Shares the texts write as fractions: 近三成 (nearly 30%), 四分之一 (a quarter).
CJK_FRACTIONS = {30: "三成", 25: "四分之一"}
# A hedge just before the figure (a few words may stand between: 约占全国…的27%, 超过全国总量的四分之一)
# or just after it (13亿吨左右, 6%以上). 近 must touch its figure, as in 近三成.
CJK_HEDGES_BEFORE = {
    "more than": r"(?:超过|超|突破|逾)[^\d,，。；;、\n]{0,10}$",
    "at least": r"(?:至少|不少于)[^\d,，。；;、\n]{0,10}$",
    "about": r"(?:约|大约)[^\d,，。；;、\n]{0,10}$",
    "nearly": r"(?:近|接近|将近)$",
}
CJK_HEDGES_AFTER = {"more than": r"^(?:以上|多)", "about": r"^左右"}
SPANISH_HEDGES = {"more than": ["más de", "superó los", "superior a"], "about": ["unos", "alrededor de"]}
# Bigrams too common in these texts to tie a sentence to an indicator (增加值 names every sector's).
CJK_COMMON = {"全国", "全省", "山西", "年内", "年末", "增长", "增速", "增加", "加值", "业增", "值增"}
# Figures the record gives as a phrase no number pattern can honestly catch, checked by the phrase;
# The Economist's growth rates, whose sentences say "economy" or "province", not GDP; and 102's 2023
# growth, which follows "U.S. dollars", where the sentence splitter sees a full stop.
RECORD_SPELLED_OUT = {
    "s102-gdp-growth-2023": "in 2023, up 5 percent year on year",
    "s107-intelligent-coal-mines-rank-2024": "maintaining its leading position nationwide",
    "s111-green-power-supplier-rank-2024": "ocupando el primer lugar por segundo año consecutivo",
    "s112-gdp-growth-2021": "The province grew by 9.1%",
    "s112-gdp-growth-2024": "its economy grew by 2.3%",
    "s112-gdp-growth-2025-h1": "it grew by 3.8%",
}


def read_record(path: Path) -> tuple[str, str]:
    """A public-record file's language ("en", "zh", "ja", "es") and its text without the header, whose
    address and dates would otherwise pass for figures."""
    header, _, text = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    return fields["language"].split()[0], text


def _cjk_numbers(value: float, unit: str) -> list[str]:
    """13.78亿 and 1378000000; 2.57万亿; 9048万; 1億6400万: the ways a Chinese or Japanese text sets a value."""
    numbers = _digits(value)
    if unit in SCALED_UNITS:
        for size, word in ((1e12, "万亿"), (1e8, "[亿億]"), (1e4, "万")):
            if value >= size:
                numbers += [rf"{digits}{word}" for digits in _digits(value / size)]
        whole, rest = divmod(value, 1e8)
        if whole and rest and (rest / 1e4).is_integer():
            numbers.append(rf"{int(whole)}[亿億]{int(rest / 1e4)}万")
    return numbers


def cjk_figure_pattern(value: float, unit: str) -> re.Pattern[str]:
    """Every way a Chinese or Japanese text might write `value` in `unit`, not inside a longer number."""
    forms = [f"(?:{number}){CJK_UNIT_AFTER[unit]}" for number in _cjk_numbers(value, unit)]
    if unit == "percent":
        forms += [re.escape(CJK_FRACTIONS[value])] if value in CJK_FRACTIONS else []
        forms += [rf"{digits}倍" for digits in _digits(value / 100)]  # 增长1.6倍: a rise of 160%
    return re.compile(rf"(?<![\d.．])(?:{'|'.join(forms)})(?![\d]|[.．]\d)")


def spanish_figure_pattern(value: float, unit: str) -> re.Pattern[str]:
    """4,5 % and 561.000 millones de yuanes: a decimal comma and a point between thousands."""
    if unit == "yuan":
        millions = f"{value / 1e6:,.10g}".replace(",", ".")
        return re.compile(rf"(?<![\d.,]){re.escape(millions)}\s+millones\s+de\s+yuanes")
    return re.compile(rf"(?<![\d.,]){re.escape(f'{value:.10g}'.replace('.', ','))}\s*%")


def _cjk_hedge(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 14) : start], text[end : end + 4]
    for qualifier, pattern in CJK_HEDGES_BEFORE.items():
        if re.search(pattern, before):
            return qualifier
    for qualifier, pattern in CJK_HEDGES_AFTER.items():
        if re.match(pattern, after):
            return qualifier
    return ""


def _bigrams(text: str) -> set[str]:
    han = re.findall(r"[\u4e00-\u9fff]+", text)
    return {run[i : i + 2] for run in han for i in range(len(run) - 1)} - CJK_COMMON


def _cjk_sentence_around(text: str, start: int, end: int) -> str:
    breaks = [match.end() for match in re.finditer(r"[。！？；;\n]", text)]
    left = max((at for at in breaks if at <= start), default=0)
    right = min((at for at in breaks if at >= end), default=len(text))
    return text[left:right]


def record_figures_in(language: str, text: str, value: float, unit: str, name: str, name_zh: str) -> list[str]:
    """The hedge on each place a public-record text writes `value` in `unit`. English texts are read as
    the seeds are (in a sentence about the indicator, by its English name); Chinese ones in a sentence
    sharing a two-character word with its Chinese name. The Japanese and Spanish texts, a few lines
    each, are matched by number and unit only: neither name can be looked for in them."""
    if language == "en":
        return figures_in(text, value, unit, name)
    if language == "es":
        return [
            hedge_before(text, m.start(), SPANISH_HEDGES) for m in spanish_figure_pattern(value, unit).finditer(text)
        ]
    subject = _bigrams(name_zh) if language == "zh" else None
    return [
        _cjk_hedge(text, match.start(), match.end())
        for match in cjk_figure_pattern(value, unit).finditer(text)
        if subject is None or subject & _bigrams(_cjk_sentence_around(text, match.start(), match.end()))
    ]


@pytest.fixture(scope="module")
def record_texts(real_layer) -> dict[str, tuple[str, str]]:
    return {
        source.id: read_record(PUBLIC_RECORD / source.file)
        for source in real_layer.sources.itertuples()
        if not _is_seed(source.id)
    }


R100, R111, R115, R116, R119, R122 = (
    "100_cns-2024-work-report-2023-results",
    "111_cgtn-es-q1-2025-gdp",
    "115_xinhua-coalbed-methane-jan-aug-2025",
    "116_ifeng-drc-14th-fyp-briefing",
    "119_peoplesdaily-2025-coal-output",
    "122_xinhua-ja-2026-new-clean-capacity",
)


@needs_public_record
@pytest.mark.parametrize(
    "value, unit, name_zh, source, hedges",
    [
        (1.378e9, "tonnes", "原煤产量", R100, {""}),  # 13.78亿吨
        (1.38e9, "tonnes", "原煤产量", R100, set()),  # not 13.8亿吨
        (2.57e12, "yuan", "地区生产总值", R100, {""}),  # 2.57万亿元
        (437.6e9, "kilowatt_hours", "规模以上工业发电量", R100, {""}),  # 4376亿千瓦时
        (160, "percent", "游客接待量增速", R100, {""}),  # 增长1.6倍
        (5, "percent", "制造业增加值增速", R100, set()),  # 5% is services and GDP, not manufacturing
        (1.3e9, "tonnes", "原煤产量", R119, {"more than"}),  # 超13亿吨
        (27, "percent", "原煤产量占全国的比重", R119, {"about"}),  # 约占全国同期产量的27%
        (30, "percent", "原煤产量占全国的比重", R119, {"nearly"}),  # 近三成
        (25, "percent", "原煤产量占全国的比重", R116, {"more than"}),  # 超过全国总量的四分之一
        (164e6, "kilowatts", "", R122, {""}),  # 1億6400万キロワット
        (55.1, "percent", "", R122, {""}),  # 55.1％
    ],
)
def test_record_matcher_reads_chinese_and_japanese_numbers(record_texts, value, unit, name_zh, source, hedges):
    language, text = record_texts[source]
    assert set(record_figures_in(language, text, value, unit, "", name_zh)) == hedges


@needs_public_record
@pytest.mark.parametrize(
    "value, unit, name, source, hedges",
    [
        (561e9, "yuan", "", R111, {"more than"}),  # superó los 561.000 millones de yuanes
        (4.5, "percent", "", R111, {""}),  # 4,5 %
        (45, "percent", "", R111, set()),
        (9.81e9, "cubic_meters", "Coalbed methane output", R115, {""}),
        (80.6, "percent", "Share of the national coalbed methane output", R115, {"about"}),
    ],
)
def test_record_matcher_reads_spanish_and_english_numbers(record_texts, value, unit, name, source, hedges):
    language, text = record_texts[source]
    assert set(record_figures_in(language, text, value, unit, name, "")) == hedges


@needs_public_record
def test_every_public_record_figure_appears_in_its_text_with_its_hedge(real_layer, record_texts):
    """As for the seeds: each figure from source 100 and up is in the text it cites, as that text writes
    it (13.78亿吨, 1.3 billion metric tons, 9048万キロワット, 561.000 millones), an exact one at least once
    unhedged and a hedged one at least once with a word for its qualifier (超过, 左右, 近, nearly, más de)."""
    observations = real_layer.observations
    from_record = observations[~observations["source_id"].map(_is_seed)]
    wrong, checked = [], 0
    for obs in from_record.itertuples():
        language, text = record_texts[obs.source_id]
        if obs.observation_id in RECORD_SPELLED_OUT:
            assert RECORD_SPELLED_OUT[obs.observation_id] in text, obs.observation_id
            continue
        checked += 1
        hedges = set(record_figures_in(language, text, obs.value, obs.unit, obs.indicator, obs.indicator_zh))
        qualifier = "" if obs.qualifier == "among the top" else obs.qualifier
        if not hedges:
            wrong.append(f"{obs.observation_id}: {obs.value_label} not in a sentence about it in {obs.source_id}")
        elif qualifier not in hedges:
            wrong.append(f"{obs.observation_id}: {obs.value_label} written with hedges {hedges}, not {qualifier!r}")
    assert not wrong, "\n".join(wrong)
    assert set(RECORD_SPELLED_OUT) <= set(from_record["observation_id"]), "an exemption names no observation"
    assert checked == len(from_record) - len(RECORD_SPELLED_OUT) > 0
